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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import graphviz

from autograd import Value

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
from .flow import Flow, FlowStep, replay
from .labels import chain_product, format_number, op_text, text_width
from .language import tr
from .names import in_formula, model_places, node_names
from .theme import CAPTION_FONT_SIZE, FONT_SIZE, classify, parameter_set
from .wasm import WasmSteps

FRAME_WIDTH_INCHES = "9.375"


@dataclass(frozen=True)
class RuleRun:
    """One step of backward: ``node``'s rule ran and added ``added[i]`` to ``node.parents[i]``."""

    node: Value
    added: tuple[float, ...]
    grads: dict[Value, float]  # every node's gradient right after this step


def replay_backward(
    order: list[Value], root: Value, gradient: float = 1.0, flow: Flow | None = None
) -> list[RuleRun]:
    """Every rule run of one fresh ``root.backward(gradient)``, in the order backward runs them
    (the `Flow` of `flow.replay`, or the one given, with each step's partial sums)."""
    flow = replay(root, order, gradient) if flow is None else flow
    return [
        RuleRun(step.node, tuple(float(s.amount or 0.0) for s in step.sends), grads)
        for step, grads in zip(flow.steps, flow.grads_after())
    ]


def receiver_name(node: Value, operand: str) -> str:
    """How an unnamed caption calls a node: by its label (bracketed unless a plain name, so
    that ``(x1*w1).grad`` reads right), else by ``operand`` (its place in the op)."""
    if not node.label:
        return operand
    return node.label if node.label.isidentifier() else f"({node.label})"


Number = Callable[[float | None], str]


def number_formatter(precision: int) -> Number:
    """Numbers as every caption shows them; ``?`` where a rule cannot be evaluated."""
    return lambda x: "?" if x is None else format_number(x, precision)


def first_caption(total: int, gradient: str, root: str | None = None) -> list[str]:
    """The caption of step 0: the forward values, every gradient still 0 (``root``: the
    output's name, else it is called out)."""
    if root is None:
        seed = tr("backward() starts by setting out.grad = {grad} at the output,", grad=gradient)
    else:
        seed = tr(
            "backward() starts by setting {name}.grad = {grad} at the output,",
            name=root,
            grad=gradient,
        )
    return [
        tr("Step 0 of {total}: before backward() every grad is 0", total=total),
        seed,
        tr("then runs each op's local rule from the output back"),
    ]


def operand_names(node: Value, names: dict[Value, str] | None) -> dict[str, str]:
    """What a derivative text's placeholders (out, x, a, b) become: the graph's own names
    (bracketed when not plain words), or the op's operand words when ``names`` is None."""
    if names is None:
        return {}
    operands = ("x",) if len(node.parents) == 1 else ("a", "b")
    found = {"out": in_formula(names[node])}
    found.update((o, in_formula(names[p])) for o, p in zip(operands, node.parents))
    return found


def step_caption(
    step: FlowStep,
    total: int,
    number: Number,
    received: dict[Value, list[float]],
    names: dict[Value, str] | None = None,
) -> list[str]:
    """What happened in one step, in the words of the chain rule (the one caption formatter).

    ``received`` holds every contribution each node got in the steps before this one; an
    input that had some already gets a line with the sum. ``names`` (see `viz.names`) writes
    every node by its own name (``∂L/∂d = f``); without it the op's operand words are used
    (``∂out/∂a = b``) and unlabelled inputs are called by them. ``number`` formats each
    number (the explorer passes one that leaves a slot to fill in later). A constant operand
    is said to be one: its gradient is not needed, whatever the rule sends it.
    """
    node = step.node
    rename = operand_names(node, names)
    text = op_text(node, rename)
    out = rename.get("out", "out")
    out_grad = number(step.grad)
    twice = len(set(node.parents)) < len(node.parents)
    derivatives = [
        d + (tr(" (operand {k})", k=i + 1) if twice else "")
        for i, (d, send) in enumerate(zip(text.derivatives, step.sends))
        if not send.constant
    ]
    lines = [
        tr(
            "Step {step} of {total}: backward through {symbol} ({out}.grad = {grad})",
            step=step.number,
            total=total,
            symbol=text.symbol,
            out=out,
            grad=out_grad,
        ),
        tr("local derivatives: ") + ",  ".join(derivatives),
    ]
    earlier = {parent: list(received.get(parent, ())) for parent in node.parents}
    for operand, send in zip(text.operands, step.sends):
        parent = send.receiver
        name = in_formula(names[parent]) if names else receiver_name(parent, operand)
        if send.constant:
            lines.append(tr("{name} is a constant: its gradient is not needed", name=name))
            continue
        wrt = rename.get(operand, operand)
        local = number(send.slope) if send.slope is not None else f"∂{out}/∂{wrt}"
        lines.append(
            f"{name}.grad += " + chain_product(out, wrt, out_grad, local, number(send.amount))
        )
        if send.amount is not None:
            earlier[parent].append(send.amount)
    sums = []
    for parent in dict.fromkeys(node.parents):
        parts = earlier[parent]
        if len(parts) > 1 and not parent.is_constant:  # a node used several times: the sum
            operand = text.operands[node.parents.index(parent)]
            name = in_formula(names[parent]) if names else receiver_name(parent, operand)
            terms = " + ".join(number(p) for p in parts)
            sums.append(
                f"{name}.grad = {terms} = {number(sum_in_order(parts))} "
                + tr("(the sum of its contributions)")
            )
    return lines + sums


def sum_in_order(parts: list[float]) -> float:
    """The sum as backward adds it: from 0, in step order (bit for bit the same)."""
    total = 0.0
    for part in parts:
        total += part
    return total


def step_captions(
    flow: Flow, number: Number, names: dict[Value, str] | None = None
) -> list[list[str]]:
    """The caption of every step: step 0, then one per rule run (see `step_caption`)."""
    total = len(flow.steps)
    root = in_formula(names[flow.root]) if names else None
    captions = [first_caption(total, number(flow.seed), root)]
    received: dict[Value, list[float]] = {}
    for step in flow.steps:
        captions.append(step_caption(step, total, number, received, names))
        for send in step.sends:
            if send.amount is not None:
                received.setdefault(send.receiver, []).append(send.amount)
    if not flow.steps:  # a leaf: backward() only seeds it
        captions.append(leaf_caption(number(flow.seed), root))
    return captions


def leaf_caption(gradient: str, root: str | None = None) -> list[str]:
    """The only step of a leaf's backward: the seed."""
    if root is None:
        first = tr("Step 1 of 1: out.grad = {grad}", grad=gradient)
    else:
        first = tr("Step 1 of 1: {name}.grad = {grad}", name=root, grad=gradient)
    return [first, tr("a leaf has no rule to run")]


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

    ``named=True`` writes the captions with the nodes' own names (`viz.names`: labels, and
    for unlabelled nodes a short name drawn in the picture: ``∂o/∂w0 = x0``) instead of the
    op's operand words (``∂out/∂a = b``), which a node labelled ``b`` could be confused with.

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
    flow = replay(root, order, float(gradient))
    runs = replay_backward(order, root, float(gradient), flow)
    names = node_names(order, model_places(params)) if named else None

    zeros = dict.fromkeys(order, 0.0)
    captions = step_captions(flow, number_formatter(precision), names)
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
        names=names,
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
        frames.append(
            build_diagram(
                order,
                root,
                roles,
                seeded,
                style,
                highlight=Highlight(None, (), captions[1], {root}),
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
