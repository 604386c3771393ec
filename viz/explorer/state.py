"""The explorer's state: everything the front end shows, as JSON-ready data, computed in
Python with the engine. No widget and no HTML here, and no numpy or matplotlib: this module
is meant to run in the browser too (Pyodide).

`GraphExplorer` works on its own copy of the learner's graph (`copy_graph`): what-if
changes the copy's numbers, never the learner's Values, and `reset` goes back to the values
the graph was built with. Each change runs the forward (the op table's ``forward``) and one
backward replay (`viz.flow.replay`), and `state` lays the result out so that a change
touches little of it:

- structure, the same after every what-if: the node names (`viz.names`), roles, the
  formulas (the op table's derivative texts with the names put in), the caption and panel
  lines as templates whose numbers are slots ``⟦12⟧``;
- numbers: ``num``, the text of every slot (the first n are the nodes' data, the next n
  their final grads), the per-step grad deltas with their colours, and the health marks.

The widget sends the difference from the state it first sent (`diff`), not the state.
"""

from __future__ import annotations

import math
import numbers
import re
from typing import Any

from autograd import Value, ops

from .. import theme
from ..diagram import Style, build_diagram, check_options, graph_nodes
from ..flow import FlowStep, replay
from ..labels import format_number, op_text, text_width
from ..language import tr
from ..names import in_formula, model_places, node_names
from ..steps import operand_names, step_captions
from ..theme import FONT_SIZE, LogScale, classify, is_dark, parameter_set

DEFAULT_MAX_NODES = 120
SLOT = "⟦{}⟧"
CAPTION_HEAD = 2  # a step's caption: its header and derivatives, then a line per operand

# Numerical health (the overlay): thresholds, stated in the guide.
SATURATED_BELOW = 0.01  # tanh'/sigmoid' below this: the unit is saturated
VANISHED_BELOW = 1e-3  # |grad| below this fraction of the output's: the gradient vanished
SATURATING = ("tanh", "sigmoid")

# Practice mode: an answer is right within this absolute or relative distance of the
# engine's value, whichever is larger (learners compute with the rounded numbers shown).
PRACTICE_ABS = 0.01
PRACTICE_REL = 0.01


def _number(x: float) -> float | str:
    """A float JSON can carry (NaN and infinities become text)."""
    return x if math.isfinite(x) else repr(x)


def slider_range(value: float) -> tuple[float, float, float]:
    """(min, max, step) of a leaf's slider: centred on the value, ± max(1, 2|value|)."""
    half = max(1.0, 2.0 * abs(value)) if math.isfinite(value) else 1.0
    centre = value if math.isfinite(value) else 0.0
    span = 2.0 * half
    step = 10.0 ** math.floor(math.log10(span / 400.0))
    return centre - half, centre + half, step


def copy_graph(order: list[Value]) -> dict[Value, Value]:
    """A copy of every node of ``order`` (topological), wired the same way, for what-if.

    Each copy is made as the engine makes a node: its data, label, parents (the copies)
    and the same record of what made it (`Value.record`: op, parameters, rule), so the copy
    runs forward and backward exactly as the original, and the original is never touched.
    """
    copies: dict[Value, Value] = {}
    for node in order:
        parents = [copies[p] for p in node.parents]
        if not parents:
            copy = Value(node.data, node.label)
            copy.is_constant = node.is_constant
        else:
            b = parents[1] if len(parents) > 1 else None
            copy = Value(node.data, node.label, parents[0], b, node.record)
        copies[node] = copy
    return copies


def compact_svg(svg: str) -> str:
    """Graphviz's SVG without what the explorer never shows: comments, the elements'
    ``<title>`` (the explorer writes tooltips of its own) and the repeated font family
    (its stylesheet sets it); coordinates to one decimal, attributes in single quotes. Ids
    and shapes stay as they are."""
    svg = re.sub(r"<!--.*?-->\n?", "", svg, flags=re.S)
    svg = re.sub(r"<title>[^<]*</title>\n?", "", svg)
    svg = re.sub(r' font-family="[^"]*"', "", svg)

    def shorter(match: re.Match[str]) -> str:
        return re.sub(r"(\d+\.\d)\d+", r"\1", match.group(0))

    svg = re.sub(r'="[-\d., MCL]*"', shorter, svg)  # numbers in attributes only
    # Single quotes around attributes: JSON then need not escape every one.
    return re.sub(r'="([^"\']*)"', r"='\1'", svg)


def recompute_forward(order: list[Value]) -> None:
    """Run every op's forward again, inputs before results, on the nodes' current data."""
    for node in order:
        found = ops.op_of(node)
        if found is None:
            continue
        op, params = found
        node.data = float(op.forward(*params, *(parent.data for parent in node.parents)))


class Slots:
    """The numbers of a state: `ref` formats one and returns its slot ``⟦i⟧``."""

    def __init__(self, precision: int) -> None:
        self.precision = precision
        self.texts: list[str] = []

    def ref(self, x: float | None) -> str:
        self.texts.append("?" if x is None else format_number(x, self.precision))
        return SLOT.format(len(self.texts) - 1)


def health_of(node: Value, grad: float, seed: float) -> list[str]:
    """The health marks of one node: ``dead`` (a ReLU whose input is negative),
    ``saturated`` (tanh or sigmoid with a local slope below `SATURATED_BELOW`), ``vanished``
    (|grad| below `VANISHED_BELOW` times the output's)."""
    marks = []
    found = ops.op_of(node)
    if found is not None:
        op, _ = found
        x = node.parents[0].data if node.parents else 0.0
        if op.name in ("relu",) and x < 0:
            marks.append("dead")
        if op.name in SATURATING:
            slope = 1.0 - node.data**2 if op.name == "tanh" else node.data * (1.0 - node.data)
            if abs(slope) < SATURATED_BELOW:
                marks.append("saturated")
    if not node.is_constant and abs(grad) < VANISHED_BELOW * abs(seed):
        marks.append("vanished")
    return marks


class GraphExplorer:
    """The state of an explorer of the graph below ``root`` (see the module docstring).

    ``state()`` is the JSON the front end shows; ``set_value(leaf, x)`` changes a leaf of
    the explorer's own copy (a node, its name or its id ``v0``), runs forward and backward
    again and returns the new state; ``reset()`` goes back to the built values.
    """

    def __init__(
        self,
        root: Value,
        params: Any = None,
        title: str | None = None,
        precision: int = 4,
        rankdir: str = "LR",
        max_nodes: int = DEFAULT_MAX_NODES,
        practice: bool = False,
        health: bool = False,
        names: list[str] | None = None,
    ) -> None:
        check_options("explore", root, rankdir, precision)
        for name, flag in (("practice", practice), ("health", health)):
            if not isinstance(flag, bool):
                raise TypeError(f"explore: {name} must be True or False, got {flag!r}")
        self.start = {"practice": practice, "health": health}
        self.title = title
        self.precision = precision
        self.rankdir = rankdir
        original = graph_nodes("explore", root, max_nodes)
        parameters = parameter_set(params, "explore")
        self.roles_of = classify(original, root, parameters)
        self.names_of = node_names(original, model_places(params))
        if names is not None:  # the live page's: the learner's, made where the model was
            if len(names) != len(original):
                raise ValueError(
                    f"explore: names must name the {len(original)} nodes, got {len(names)}"
                )
            self.names_of = dict(zip(original, names))
        copies = copy_graph(original)
        # From here on, only the copy: the learner's Values are never read or written again.
        self.order = [copies[node] for node in original]
        self.root = copies[root]
        self.roles = {copies[n]: role for n, role in self.roles_of.items()}
        self.names = {copies[n]: name for n, name in self.names_of.items()}
        self.index = {node: i for i, node in enumerate(self.order)}
        self.ids = {node: f"v{i}" for i, node in enumerate(self.order)}
        self.leaves = [n for n in self.order if self.roles[n] in ("input", "parameter")]
        self.built = {leaf: leaf.data for leaf in self.leaves}
        self.whatif = all(not n.parents or ops.op_of(n) is not None for n in self.order)
        self.whatif_reason = (
            ""
            if self.whatif
            else tr(
                "What-if is off: a node of this graph was made with a rule of its own, "
                "which the op table cannot run forward again."
            )
        )
        self.ranges = {leaf: slider_range(leaf.data) for leaf in self.leaves}
        self.error = ""
        self.flow = replay(self.root, self.order)
        # What never changes under what-if, laid out once.
        self.nodes = [
            {
                "name": self.names[node],
                "ref": in_formula(self.names[node]),  # as formulas write it: (a*b).grad
                "role": self.roles[node],
                "op": op_text(node).symbol if node.parents else None,
                "parents": [self.index[p] for p in node.parents],
                "constant": node.is_constant,
            }
            for node in self.order
        ]
        self._dot: str | None = None
        self._svg: str | None | bool = False  # False: not laid out yet

    # ------------------------------------------------------------------ the picture

    def diagram(self) -> Any:
        """The Digraph of the graph (names drawn, cells wide enough for what-if numbers)."""
        p = self.precision
        texts = [f"data {format_number(n.data, p)}" for n in self.order]
        texts += [f"grad {format_number(g, p)}" for g in self.flow.grads.values()]
        room = f"grad {format_number(-100.0, p)}"  # what-if may bring bigger numbers
        width = max(text_width(t, FONT_SIZE) for t in texts + [room]) + 10
        style = Style(
            rankdir=self.rankdir,
            precision=p,
            title=self.title,
            data_width=width,
            grad_width=width,
            names=self.names,
            tooltips=False,
            separators=False,
        )
        zeros = dict.fromkeys(self.order, 0.0)
        return build_diagram(self.order, self.root, self.roles, zeros, style)

    def dot(self) -> str:
        """The DOT source of the picture (laid out by Python's Graphviz or in the browser)."""
        if self._dot is None:
            self._dot = self.diagram().source
        return self._dot

    def svg(self) -> str | None:
        """The picture laid out by Graphviz's ``dot``, or None where ``dot`` cannot run
        (the front end then lays out `dot` itself)."""
        if self._svg is False:
            from ..diagram import GraphvizNotFoundError

            try:
                self._svg = compact_svg(self.diagram().pipe(format="svg", encoding="utf-8"))
            except GraphvizNotFoundError:
                self._svg = None
        return self._svg  # type: ignore[return-value]

    # ------------------------------------------------------------------ the state

    def state(self) -> dict[str, Any]:
        """Everything the front end shows (see the module docstring)."""
        flow, order, p = self.flow, self.order, self.precision
        slots = Slots(p)
        for node in order:
            slots.ref(node.data)
        for node in order:
            slots.ref(flow.grads[node])
        names = self.names
        captions = step_captions(flow, slots.ref, names)
        scale = LogScale(flow.grads.values())

        def look(grad: float) -> list[str]:
            fill = scale.fill(grad)
            return [fill, "#ffffff" if is_dark(fill) else theme.TEXT_COLOUR]

        def edge_look(amount: float | None) -> list[Any]:
            colour, width = scale.edge(0.0 if amount is None else amount)
            return [colour, round(width, 2)]

        def slot(x: float) -> int:
            slots.ref(x)
            return len(slots.texts) - 1

        steps: list[dict[str, Any]] = [{"caption": captions[0], "ran": None, "grads": []}]
        for step, grads, caption in zip(flow.steps, flow.grads_after(), captions[1:]):
            entry: dict[str, Any] = {"caption": caption, "ran": self.index[step.node]}
            changed = [self.root] if step.number == 1 else []
            changed += [n for n in dict.fromkeys(step.node.parents) if n not in changed]
            entry["grads"] = [[self.index[n], slot(grads[n]), *look(grads[n])] for n in changed]
            entry["edges"] = [edge_look(s.amount) for s in step.sends]
            entry["out_edge"] = edge_look(step.grad)
            entry["practice"] = self._question(step, grads, caption)
            steps.append(entry)
        if not flow.steps:  # a leaf: backward() only seeds it
            g = flow.seed
            steps.append(
                {
                    "caption": captions[1],
                    "ran": None,
                    "grads": [[self.index[self.root], slot(g), *look(g)]],
                    "edges": [],
                    "practice": None,
                }
            )
        marks = {node: health_of(node, flow.grads[node], flow.seed) for node in order}
        panels = [self._panel(node, slots, marks[node]) for node in order]
        health = [[self.index[node], mark] for node in order for mark in marks[node]]
        return {
            "kind": "graph",
            "title": self.title or "",
            "dot": self.dot(),
            "svg": self.svg(),
            "nodes": self.nodes,
            "root": self.index[self.root],
            "zero": format_number(0.0, p),
            "steps": steps,
            "panels": panels,
            "num": slots.texts,
            "health": health,
            "leaves": [
                {
                    "node": self.index[leaf],
                    "value": _number(leaf.data),
                    "built": _number(self.built[leaf]),
                    "min": self.ranges[leaf][0],
                    "max": self.ranges[leaf][1],
                    "step": self.ranges[leaf][2],
                }
                for leaf in self.leaves
            ],
            "whatif": self.whatif,
            "whatif_reason": self.whatif_reason,
            "error": self.error,
            "theme": theme_colours(),
            "legend": legend(scale, p),
            "practice": {"abs": PRACTICE_ABS, "rel": PRACTICE_REL},
            "start": self.start,  # practice mode and the health overlay, on from the start?
        }

    def _question(
        self, step: FlowStep, grads: dict[Value, float], caption: list[str]
    ) -> dict[str, Any] | None:
        """Practice mode's question for a step: the grad of its first receiver that is not a
        constant, right after the step; the caption lines that make it, for a wrong answer."""
        for send in step.sends:
            if send.constant or send.amount is None:
                continue
            name = in_formula(self.names[send.receiver]) + ".grad"
            why = [k for k, line in enumerate(caption) if line.startswith(name)]
            return {
                "node": self.index[send.receiver],
                "value": _number(grads[send.receiver]),
                "why": why,
            }
        return None

    def _panel(self, node: Value, slots: Slots, marks: list[str]) -> dict[str, Any]:
        """What clicking a node shows: its formulas with their values here, and every
        contribution it received (sender, step, the chain-rule product), in step order."""
        flow, names = self.flow, self.names
        panel: dict[str, Any] = {"formulas": [], "received": [], "health": []}
        step = flow.step_of.get(node)
        if step is not None:
            text = op_text(node, operand_names(node, names))
            for send, formula in zip(step.sends, text.derivatives):
                # [the formula, its input, its value here (none for a constant input)]
                value = None if send.constant else slots.ref(send.slope)
                panel["formulas"].append([formula, self.index[send.receiver], value])
        parts = []
        if node is self.root:
            parts.append(slots.ref(flow.seed))
            panel["seed"] = tr(
                "backward() seeds {name}.grad = {value}",
                name=in_formula(names[node]),
                value=parts[-1],
            )
        for user_step, send in flow.received(node):
            # [sender, step, the line of the step's caption that made it]: one text, the
            # caption's (its lines: the header, the derivatives, one per operand, sums).
            panel["received"].append(
                [self.index[user_step.node], user_step.number, CAPTION_HEAD + send.index]
            )
            if not send.constant:
                parts.append(slots.ref(send.amount))
        grad = SLOT.format(len(self.order) + self.index[node])
        panel["sum"] = (" + ".join(parts) + " = " if len(parts) > 1 else "") + grad
        panel["health"] = [health_text(mark, node, self.precision) for mark in marks]
        return panel

    # ------------------------------------------------------------------ what-if

    def leaf(self, which: Value | str) -> Value:
        """A leaf of the copy by its original node, its id (``v0``) or its name."""
        if isinstance(which, Value):
            if which in self.built:
                return which
            if which in self.names_of and self.roles_of[which] in ("input", "parameter"):
                which = self.names_of[which]
            else:
                raise ValueError("explore: that Value is not an input or parameter of the graph")
        for leaf in self.leaves:
            if which in (self.ids[leaf], self.names[leaf]):
                return leaf
        known = ", ".join(self.names[leaf] for leaf in self.leaves)
        raise ValueError(f"explore: no input or parameter {which!r} (there are {known})")

    def set_value(self, which: Value | str, value: float) -> dict[str, Any]:
        """Set a leaf of the copy, run forward and backward again; returns the new state.

        A value an op refuses (log of a negative number, ...) leaves every number as it was
        and puts the engine's message in ``state()["error"]``.
        """
        if not self.whatif:
            raise RuntimeError(self.whatif_reason)
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"explore: a value must be a real number, got {value!r}")
        leaf = self.leaf(which)
        self._change({leaf: float(value)})
        return self.state()

    def reset(self) -> dict[str, Any]:
        """Every input and parameter back to the value the graph was built with."""
        self._change(dict(self.built))
        return self.state()

    def _change(self, values: dict[Value, float]) -> None:
        before = [node.data for node in self.order]
        try:
            for leaf, value in values.items():
                if not math.isfinite(value):
                    raise ValueError(f"{value!r} is not a finite number")
                leaf.data = value
            recompute_forward(self.order)
            flow = replay(self.root, self.order)
        except (ArithmeticError, ValueError) as error:
            for node, data in zip(self.order, before):
                node.data = data
            shown = ", ".join(f"{self.names[leaf]} = {value!r}" for leaf, value in values.items())
            self.error = tr("{what} is refused: {error}", what=shown, error=str(error))
            return
        self.flow = flow
        self.error = ""
        for leaf in values:
            low, high, step = self.ranges[leaf]
            if not low <= leaf.data <= high:
                self.ranges[leaf] = (min(low, leaf.data), max(high, leaf.data), step)


def health_text(mark: str, node: Value, precision: int) -> str:
    """The panel's one-line explanation of a health mark."""
    if mark == "dead":
        return tr(
            "dead ReLU: its input {x} is negative, so it passes no gradient back",
            x=format_number(node.parents[0].data, precision),
        )
    if mark == "saturated":
        return tr(
            "saturated: the local slope is below {limit}, so almost nothing passes back",
            limit=f"{SATURATED_BELOW:g}",
        )
    return tr(
        "vanished: |grad| is below {limit} of the output's gradient",
        limit=f"{VANISHED_BELOW:g}",
    )


def theme_colours() -> dict[str, Any]:
    """The colours the front end paints with, read from `viz.theme` (one place)."""
    return {
        "roles": {role: [s.fill, s.border] for role, s in theme.ROLE_STYLES.items()},
        "text": theme.TEXT_COLOUR,
        "muted": theme.MUTED_TEXT_COLOUR,
        "edge": theme.EDGE_COLOUR,
        "op": [theme.OP_FILL, theme.OP_BORDER],
        "highlight": theme.HIGHLIGHT,
        "highlight_fill": theme.HIGHLIGHT_FILL,
        "zero": [theme.ZERO_GRAD_FILL, theme.ZERO_GRAD_EDGE],
        "health": {"dead": "#6a3d9a", "saturated": "#b15928", "vanished": "#1f78b4"},
    }


def legend(scale: LogScale, precision: int) -> dict[str, Any]:
    """The legend of the gradient-flow colours and of the health overlay."""
    ticks = scale.ticks(theme.COLOUR_BAR_CELLS) if not scale.empty else []
    return {
        "grad": [[format_number(m, min(precision, 2)), c] for m, c in ticks],
        "health": {
            "dead": tr("dead ReLU (input < 0)"),
            "saturated": tr(
                "saturated tanh/sigmoid (slope < {limit})", limit=f"{SATURATED_BELOW:g}"
            ),
            "vanished": tr("vanished gradient (< {limit} × output's)", limit=f"{VANISHED_BELOW:g}"),
        },
    }


def diff(old: Any, new: Any, path: tuple[Any, ...] = ()) -> list[list[Any]]:
    """The changes from ``old`` to ``new`` (JSON data) as ``[path, value]`` pairs: dicts by
    key, lists of containers of the same length by index, anything else replaced whole."""
    if isinstance(old, dict) and isinstance(new, dict):
        changes = []
        for key, value in new.items():
            if key not in old:
                changes.append([[*path, key], value])
            elif old[key] != value:
                changes.extend(diff(old[key], value, (*path, key)))
        changes.extend([[*path, key], None] for key in old if key not in new)
        return changes
    if (
        isinstance(old, list)
        and isinstance(new, list)
        and len(old) == len(new)
        and any(isinstance(v, (dict, list)) for v in new)
    ):
        changes = []
        for i, (a, b) in enumerate(zip(old, new)):
            if a != b:
                changes.extend(diff(a, b, (*path, i)))
        return changes
    return [[list(path), new]]
