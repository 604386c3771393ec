"""Backpropagation step by step: one diagram per rule that ``backward()`` runs.

The replay runs the same chain rule as ``backward()`` (`autograd.chain_rule`, node by node
from the output back) on a dict of gradients, so the Values' own ``.grad`` stay as they were.

Frame 0 shows every gradient at 0. ``backward()`` then seeds the output with ``gradient``
(1 by default) and walks the nodes from the output back; frame k shows the graph right after
the k-th node's local rule ran: that node and its op are outlined, each input it feeds shows
what the rule added to its grad (``grad 0.5 (+= 0.5)``), and gradients nothing has reached
yet are greyed out. A caption spells out the step: the local derivatives and the products
added. The last frame equals what ``root.backward()`` gives on zeroed gradients.
"""

from __future__ import annotations

import numbers
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import graphviz

from autograd import Value, chain_rule

from .diagram import (
    DEFAULT_MAX_NODES,
    GraphvizNotFoundError,
    Highlight,
    Style,
    added_text,
    build_diagram,
    check_options,
    graph_nodes,
    save,
)
from .labels import format_number, op_text, text_width
from .language import tr
from .theme import CAPTION_FONT_SIZE, FONT_SIZE, classify, parameter_set
from .wasm import WasmSteps

FRAME_WIDTH_INCHES = "9.375"


@dataclass(frozen=True)
class RuleRun:
    """One step of backward: ``node``'s rule ran and added ``added[i]`` to ``node.parents[i]``."""

    node: Value
    added: tuple[float, ...]
    grads: dict[Value, float]  # every node's gradient right after this step


def replay_backward(order: list[Value], root: Value, gradient: float = 1.0) -> list[RuleRun]:
    """Every rule run of one fresh ``root.backward(gradient)``, in the order backward runs them."""
    grads = dict.fromkeys(order, 0.0)
    grads[root] = gradient
    runs = []
    for node in reversed(order):
        if not node.parents:
            continue
        added = tuple(float(a) for a in chain_rule(node, grads[node]))
        for parent, amount in zip(node.parents, added):
            grads[parent] += amount
        runs.append(RuleRun(node, added, dict(grads)))
    return runs


def receiver_name(node: Value, operand: str) -> str:
    """How a caption names a node: by its label (bracketed unless a plain name, so that
    ``(x1*w1).grad`` reads right), else by ``operand`` (its place in the op: x, a, b, out)."""
    if not node.label:
        return operand
    return node.label if node.label.isidentifier() else f"({node.label})"


def _caption_names(node: Value, out: str) -> dict[str, str]:
    """The names a named caption gives the placeholders of a derivative text: the node's and
    its inputs' labels, where they have distinct ones (operand names stay otherwise)."""
    operands = ("x",) if len(node.parents) == 1 else ("a", "b")
    names = {"out": out}
    labels = [receiver_name(p, o) for p, o in zip(node.parents, operands)]
    if len(set(labels)) == len(labels):  # x * x keeps a and b: both would read "x"
        names.update(zip(operands, labels))
    return names


def first_caption(total: int, gradient: float, precision: int) -> list[str]:
    """The caption of step 0: the forward values, every gradient still 0."""
    return [
        tr("Step 0 of {total}: before backward() every grad is 0", total=total),
        tr(
            "backward() starts by setting out.grad = {grad} at the output,",
            grad=format_number(gradient, precision),
        ),
        tr("then runs each op's local rule from the output back"),
    ]


def local_derivatives(node: Value) -> list[float] | None:
    """d node / d parent for each parent at this point, or None where the rule cannot be
    evaluated (the rules are linear in the incoming gradient: with 1 they give the slopes)."""
    try:
        return [float(d) for d in chain_rule(node, 1.0)]
    except (ArithmeticError, ValueError):
        return None


def step_caption(
    run: RuleRun,
    step: int,
    total: int,
    precision: int,
    received: dict[Value, list[float]] | None = None,
    named: bool = False,
) -> list[str]:
    """What happened in one step, in the words of the chain rule.

    ``received`` holds every contribution each node got in the steps before this one;
    an input that had some already gets a line with the sum. ``named`` writes the
    derivatives with the nodes' labels (``∂o/∂w1``) instead of the op's operand names
    (``∂out/∂b``), where the nodes have labels.
    """
    node = run.node
    out = receiver_name(node, "out") if named else "out"
    names = _caption_names(node, out) if named else {}
    text = op_text(node, names)
    out_grad = format_number(run.grads[node], precision)
    lines = [
        tr(
            "Step {step} of {total}: backward through {symbol} ({out}.grad = {grad})",
            step=step,
            total=total,
            symbol=text.symbol,
            out=out,
            grad=out_grad,
        ),
        tr("local derivatives: ") + ",  ".join(text.derivatives),
    ]
    slopes = local_derivatives(node)
    if slopes is None:
        local = [f"∂out/∂{name}" for name in text.operands]
    else:
        local = [format_number(d, precision) for d in slopes]
    sums: list[str] = []
    earlier = {parent: list((received or {}).get(parent, ())) for parent in node.parents}
    for operand, parent, added, d in zip(text.operands, node.parents, run.added, local):
        name = receiver_name(parent, operand)
        wrt = names.get(operand, operand)
        lines.append(
            f"{name}.grad += {out}.grad × ∂{out}/∂{wrt} = "
            f"{out_grad} × {d} = {format_number(added, precision)}"
        )
        earlier[parent].append(added)
    for parent in dict.fromkeys(node.parents):
        parts = earlier[parent]
        if len(parts) > 1:  # the node feeds several others (or this op twice): the sum so far
            terms = " + ".join(format_number(p, precision) for p in parts)
            name = receiver_name(parent, text.operands[node.parents.index(parent)])
            sums.append(
                f"{name}.grad = {terms} = {format_number(run.grads[parent], precision)} "
                + tr("(the sum of its contributions)")
            )
    return lines + sums


def step_captions(
    runs: list[RuleRun], gradient: float, precision: int, named: bool = False
) -> list[list[str]]:
    """The caption of every step: step 0, then one per rule run (see `step_caption`)."""
    total = len(runs)
    captions = [first_caption(total, gradient, precision)]
    received: dict[Value, list[float]] = {}
    for k, run in enumerate(runs):
        captions.append(step_caption(run, k + 1, total, precision, received, named))
        for parent, amount in zip(run.node.parents, run.added):
            received.setdefault(parent, []).append(amount)
    return captions


def backprop_steps(
    root: Value,
    rankdir: str = "LR",
    precision: int = 4,
    params: Any = None,
    title: str | None = None,
    gradient: float = 1.0,
    max_nodes: int = DEFAULT_MAX_NODES,
    named: bool = False,
) -> list[graphviz.Digraph]:
    """One diagram per step of ``root.backward(gradient)``, from all-zero gradients to the end.

    ``named=True`` writes the captions with the nodes' own labels (``∂o/∂w0 = x0``) instead
    of the op's operand names (``∂out/∂a = b``), which a node labelled ``b`` could be
    confused with.

    Returns 1 + (number of op nodes) Digraphs (2 for a leaf): the picture before backward, then
    one after each node's local rule ran (see the module docstring). All frames
    share one layout, so flipping through them only changes numbers and colours.
    """
    check_options("backprop_steps", root, rankdir, precision)
    if isinstance(gradient, bool) or not isinstance(gradient, numbers.Real):
        raise TypeError(
            f"backprop_steps: gradient must be a real number, got {type(gradient).__name__}: "
            f"{gradient!r}"
        )
    order = graph_nodes("backprop_steps", root, max_nodes)
    roles = classify(order, root, parameter_set(params, "backprop_steps"))
    runs = replay_backward(order, root, float(gradient))

    zeros = dict.fromkeys(order, 0.0)
    captions = step_captions(runs, float(gradient), precision, named)
    line_count = max(len(c) for c in captions)
    captions = [c + [" "] * (line_count - len(c)) for c in captions]

    # Every frame gets the same cell widths (the widest over all frames), so the
    # layout never moves while the numbers change.
    all_grads = [zeros] + [run.grads for run in runs]
    plain_grads = [
        f"grad {format_number(g, precision)}" for grads in all_grads for g in grads.values()
    ]
    marked_grads = [  # drawn in bold in the frame where they receive
        f"grad {format_number(run.grads[parent], precision)} "
        + added_text(Highlight(run.node, run.added, []), parent, precision)
        for run in runs
        for parent in run.node.parents
    ]
    data_texts = [f"data {format_number(node.data, precision)}" for node in order]
    style = Style(
        rankdir=rankdir,
        precision=precision,
        title=title,
        data_width=max(text_width(t, FONT_SIZE) for t in data_texts) + 10,
        grad_width=max(
            [text_width(t, FONT_SIZE) for t in plain_grads]
            + [text_width(t, FONT_SIZE, bold=True) for t in marked_grads]
        )
        + 10,
        caption_width=max(text_width(line, CAPTION_FONT_SIZE) for c in captions for line in c) + 10,
    )

    frames = [
        build_diagram(
            order,
            root,
            roles,
            zeros,
            style,
            highlight=Highlight(None, (), captions[0], reached=set()),
        )
    ]
    reached = {root}
    for run, caption in zip(runs, captions[1:]):
        reached.update(run.node.parents)
        frames.append(
            build_diagram(
                order,
                root,
                roles,
                run.grads,
                style,
                highlight=Highlight(run.node, run.added, caption, reached=set(reached)),
            )
        )
    if not runs:  # a leaf: backward() only seeds it, and that is the whole picture
        seeded = {**zeros, root: float(gradient)}
        caption = [
            f"Step 1 of 1: out.grad = {format_number(gradient, precision)}",
            "a leaf has no rule to run",
        ]
        frames.append(
            build_diagram(
                order, root, roles, seeded, style, highlight=Highlight(None, (), caption, {root})
            )
        )
    for frame in frames:  # wide graphs scale down to a notebook column (900 px = 9.375 in)
        frame.attr(size=FRAME_WIDTH_INCHES)
    return frames


def save_steps(
    steps: Sequence[graphviz.Digraph],
    folder: str | os.PathLike[str],
    prefix: str = "step",
    extension: str = ".svg",
) -> list[Path]:
    """Write the frames as numbered files ``step_00.svg, step_01.svg, ...`` in ``folder``.

    The numbers are zero-padded so the files sort in order; ``extension`` may also
    be ".png" or ".pdf". Returns the paths written.
    """
    if isinstance(steps, graphviz.Digraph) or not all(
        isinstance(s, graphviz.Digraph) for s in steps
    ):
        raise TypeError("save_steps: expected the list of diagrams that backprop_steps returns")
    digits = max(2, len(str(len(steps) - 1)))
    return [
        save(step, Path(folder) / f"{prefix}_{i:0{digits}d}{extension}")
        for i, step in enumerate(steps)
    ]


def show_steps(steps: Sequence[graphviz.Digraph] | Value, **options: Any) -> Any:
    """Walk through backpropagation in Jupyter: a play button and a slider over the frames.

    ``steps`` is what `backprop_steps` returns, or a Value (then ``options`` go to
    `backprop_steps`). Without ipywidgets, every frame is displayed one after the
    other, and the list is returned. Without Graphviz's ``dot``, a `viz.wasm.WasmSteps`
    is returned: the same play button and slider, drawn by Graphviz in WebAssembly.
    """
    if isinstance(steps, Value):
        steps = backprop_steps(steps, **options)
    elif options:
        raise TypeError(f"show_steps: options {sorted(options)} only apply when given a Value")
    steps = list(steps)
    if not steps:
        raise ValueError("show_steps: there are no steps to show")
    rendered: dict[int, str] = {}

    def svg(i: int) -> str:
        if i not in rendered:
            rendered[i] = steps[i].pipe(format="svg", encoding="utf-8")
        return rendered[i]

    try:
        svg(0)
    except GraphvizNotFoundError:  # no dot: the browser lays the frames out (viz.wasm)
        return WasmSteps(steps)
    try:
        import ipywidgets as widgets
    except ImportError:
        return _display_all(steps)

    last = len(steps) - 1
    play = widgets.Play(value=0, min=0, max=last, step=1, interval=1500, description="Play")
    slider = widgets.IntSlider(value=0, min=0, max=last, step=1, description="step")
    widgets.jslink((play, "value"), (slider, "value"))
    picture = widgets.HTML(value=svg(0))

    def on_change(change: dict[str, Any]) -> None:
        picture.value = svg(change["new"])

    slider.observe(on_change, names="value")
    return widgets.VBox([widgets.HBox([play, slider]), picture])


def _display_all(steps: list[graphviz.Digraph]) -> list[graphviz.Digraph]:
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        return steps
    if get_ipython() is None:  # a plain script: nothing to display into
        return steps
    for step in steps:
        display(step)
    return steps
