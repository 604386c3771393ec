"""`explore`: an interactive explorer of a computation graph (a Jupyter widget), and
`save_html`: the same explorer as one self-contained HTML page.

The Python side keeps the real graph and does all the arithmetic with the engine; the
browser only displays. Python computes a JSON *state*:

- ``svg``: the graph laid out once by Graphviz (`build_diagram`, the styles of `draw_dot`),
  every value node, op node and edge carrying an SVG ``id`` (``v3``, ``v3_op``,
  ``v1__v3_op__0``), so the front end finds them and changes text and colours in place;
- ``steps``: step 0 (forward values, every grad 0), then one per rule that ``backward()``
  runs (`replay_backward`): its caption (`step_captions`), every node's grad, and the
  colours of every node and edge, by role and by |grad| (the gradient-flow toggle);
- ``panels``: per node, what a click shows: label, op, data, grad, the op's local
  derivatives (LaTeX rendered to SVG by matplotlib's mathtext, and their values here),
  every contribution the node received and their sum;
- ``leaves``: the inputs and parameters with their values and slider ranges (what-if).

The front end is one ES module, ``explore.js`` (with ``explore.css``): anywidget loads it
in JupyterLab, Notebook 7, VS Code and Colab, and `save_html` inlines it in a page. A
what-if change re-runs the forward (each op's ``forward`` from `autograd.ops`) and the
backward replay (`autograd.chain_rule`) here, and sends the new state; the layout never
moves, since the structure is unchanged.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import json
import math
import numbers
import os
from pathlib import Path
from typing import Any

from autograd import Value, ops

from . import theme
from .diagram import (
    Highlight,
    LogScale,
    Style,
    _edge_style,
    build_diagram,
    check_options,
    consumers_of,
    contributions,
    edge_gradients,
    edge_id,
    graph_nodes,
    op_paint,
    value_paint,
)
from .labels import format_number, op_text, text_width
from .language import tr
from .model import draw_model, model_layers
from .steps import RuleRun, local_derivatives, receiver_name, replay_backward, step_captions
from .theme import FONT_SIZE, classify, parameter_set

HERE = Path(__file__).resolve().parent
ESM_PATH = HERE / "explore.js"
CSS_PATH = HERE / "explore.css"
EXPORT_LINE = "export default { render };"

DEFAULT_MAX_NODES = 120
MODES = ("role", "grad")
# Every word the front end (explore.js) shows, translated by `front_end_words`.
FRONT_END_WORDS = (
    "Click a neuron to open its scalar graph on this input (values and gradients).",
    "← back to the model",
    "Back to the layer picture",
    "◀ prev",
    "Previous step",
    "next ▶",
    "Next step",
    "▶ play",
    "Play every step",
    "gradient flow",
    "step {step} of {total}",
    "Click a node to see how its gradient is made.",
    "role",
    "op",
    "none (a leaf)",
    "grad at step {step}",
    "local derivatives of {op}",
    "= {value} here (input {operand}: {input})",
    "contributions received",
    "none: nothing uses this node",
    "sum: {sum}",
    "what if? inputs and parameters",
    "input",
    "parameter",
    "constant",
    "intermediate",
    "output",
)

WHATIF_OFF = (
    "What-if is off in this saved page: changing a value means running forward and "
    "backward again, which needs Python and the engine. Open the graph in Jupyter with "
    "viz.explore(...) to drag the inputs and parameters."
)


def _number(x: float) -> float | str:
    """A float JSON can carry (NaN and infinities become text)."""
    x = float(x)
    return x if math.isfinite(x) else repr(x)


@functools.lru_cache(maxsize=256)
def latex_image(latex: str) -> str:
    """``latex`` rendered by matplotlib's mathtext as an SVG data URI (no network, no TeX).

    Deterministic: no date in the file and fixed ids, so the same formula always gives
    the same bytes.
    """
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"svg.hashsalt": "viz.explore", "svg.fonttype": "path"}):
        figure = Figure()
        figure.text(0, 0, f"${latex}$", fontsize=14)
        buffer = io.BytesIO()
        figure.savefig(
            buffer,
            format="svg",
            bbox_inches="tight",
            pad_inches=0.03,
            transparent=True,
            metadata={"Date": None},
        )
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


def recompute_forward(order: list[Value]) -> None:
    """Run every op's forward again, inputs before results, on the nodes' current data."""
    for node in order:
        found = ops.op_of(node)
        if found is None:
            continue
        op, params = found
        node.data = float(op.forward(*params, *(parent.data for parent in node.parents)))


def _recomputable(node: Value) -> bool:
    """Whether the op table knows how ``node`` was computed (a hand-made rule: no)."""
    return not node.parents or ops.op_of(node) is not None


def slider_range(value: float) -> tuple[float, float, float]:
    """(min, max, step) of a leaf's slider: centred on the value, ± max(1, 2|value|)."""
    half = max(1.0, 2.0 * abs(value)) if math.isfinite(value) else 1.0
    centre = value if math.isfinite(value) else 0.0
    span = 2.0 * half
    step = 10.0 ** math.floor(math.log10(span / 400.0))
    return centre - half, centre + half, step


class GraphExplorer:
    """The state of an explorer of the graph below ``root`` (no widget, no browser needed).

    ``state()`` is the JSON the front end shows; ``set_value(leaf, x)`` changes a leaf's
    data (a node, its label or its id ``v0``), runs the forward and the backward replay
    again, and returns the new state. What-if changes ``.data`` of the leaf and of every
    node computed from it, in place; ``.grad`` is never touched.
    """

    def __init__(
        self,
        root: Value,
        params: Any = None,
        title: str | None = None,
        precision: int = 4,
        rankdir: str = "LR",
        max_nodes: int = DEFAULT_MAX_NODES,
    ) -> None:
        check_options("explore", root, rankdir, precision)
        self.root = root
        self.title = title
        self.precision = precision
        self.rankdir = rankdir
        self.order = graph_nodes("explore", root, max_nodes)
        self.roles = classify(self.order, root, parameter_set(params, "explore"))
        self.ids = {node: f"v{i}" for i, node in enumerate(self.order)}
        self.by_id = {name: node for node, name in self.ids.items()}
        self.consumers = consumers_of(self.order)
        self.leaves = [n for n in self.order if self.roles[n] in ("input", "parameter")]
        self.whatif = all(_recomputable(node) for node in self.order)
        self.whatif_reason = (
            ""
            if self.whatif
            else "What-if is off: a node of this graph was made with a rule of its own, "
            "which the op table cannot run forward again."
        )
        self.ranges = {leaf: slider_range(leaf.data) for leaf in self.leaves}
        self.error = ""
        self._svg: str | None = None

    # ------------------------------------------------------------------ the picture

    def svg(self) -> str:
        """The graph laid out once by Graphviz, as SVG with ids on nodes and edges."""
        if self._svg is None:
            order, p = self.order, self.precision
            data_texts = [f"data {format_number(n.data, p)}" for n in self.order]
            grad_texts = [f"grad {format_number(g, p)}" for g in self._final_grads().values()]
            # Room for numbers that what-if may bring: the layout never moves afterwards.
            room = f"grad {format_number(-100.0, p)}"
            style = Style(
                rankdir=self.rankdir,
                precision=p,
                title=self.title,
                data_width=max(text_width(t, FONT_SIZE) for t in data_texts + [room]) + 10,
                grad_width=max(text_width(t, FONT_SIZE) for t in grad_texts + [room]) + 10,
            )
            zeros = dict.fromkeys(order, 0.0)
            graph = build_diagram(order, self.root, self.roles, zeros, style)
            self._svg = graph.pipe(format="svg", encoding="utf-8")
        return self._svg

    # ------------------------------------------------------------------ the numbers

    def _runs(self) -> list[RuleRun]:
        return replay_backward(self.order, self.root, 1.0)

    def _final_grads(self) -> dict[Value, float]:
        runs = self._runs()
        if runs:
            return runs[-1].grads
        return {**dict.fromkeys(self.order, 0.0), self.root: 1.0}

    def _paint(
        self, grads: dict[Value, float], highlight: Highlight | None, mode: str
    ) -> dict[str, list[str]]:
        """Every element's colours for one step: value nodes [fill, border, width, text,
        grad text], op nodes [fill, border, width], edges [colour, width]."""
        scale = LogScale(grads.values()) if mode == "grad" else None
        flows = edge_gradients(self.order, grads) if scale else {}
        ran = highlight.node if highlight else None
        paint: dict[str, list[str]] = {}
        for node in self.order:
            name = self.ids[node]
            look = value_paint(node, self.roles[node], grads[node], scale, highlight)
            grad_colour = theme.MUTED_TEXT_COLOUR if look.muted_grad else look.text
            paint[name] = [look.fill, look.border, f"{look.width:g}", look.text, grad_colour]
            if not node.parents:
                continue
            op_name = f"{name}_op"
            paint[op_name] = list(op_paint(node is ran))
            edge = _edge_style(scale, grads[node], node is ran)
            paint[f"{op_name}__{name}"] = [
                edge.get("color", theme.EDGE_COLOUR),
                edge.get("penwidth", "1"),
            ]
            for i, parent in enumerate(node.parents):
                edge = _edge_style(scale, flows.get((node, i), grads[node]), node is ran)
                paint[edge_id(self.ids[parent], op_name, i)] = [
                    edge.get("color", theme.EDGE_COLOUR),
                    edge.get("penwidth", "1"),
                ]
        return paint

    def steps(self) -> list[dict[str, Any]]:
        """Step 0, then one per rule run: caption, grads and colours."""
        p = self.precision
        runs = self._runs()
        captions = step_captions(runs, 1.0, p, named=True)
        zeros = dict.fromkeys(self.order, 0.0)
        frames: list[tuple[dict[Value, float], Highlight]] = [
            (zeros, Highlight(None, (), captions[0], reached=set()))
        ]
        reached = {self.root}
        for run, caption in zip(runs, captions[1:]):
            reached.update(run.node.parents)
            frames.append((run.grads, Highlight(run.node, run.added, caption, set(reached))))
        if not runs:  # a leaf: backward() only seeds it
            seeded = {**zeros, self.root: 1.0}
            caption = ["Step 1 of 1: out.grad = 1", "a leaf has no rule to run"]
            frames.append((seeded, Highlight(None, (), caption, {self.root})))
        steps = []
        for grads, highlight in frames:
            ran = highlight.node
            steps.append(
                {
                    "caption": list(highlight.caption),
                    "grads": {self.ids[n]: format_number(grads[n], p) for n in self.order},
                    "values": {self.ids[n]: _number(grads[n]) for n in self.order},
                    "ran": self.ids[ran] if ran is not None else None,
                    "receivers": sorted({self.ids[x] for x in ran.parents}) if ran else [],
                    "paint": {mode: self._paint(grads, highlight, mode) for mode in MODES},
                }
            )
        return steps

    def panels(self) -> dict[str, dict[str, Any]]:
        """What clicking each node shows (after the whole backward)."""
        p = self.precision
        runs = self._runs()
        grads = self._final_grads()
        step_of = {run.node: k + 1 for k, run in enumerate(runs)}
        panels = {}
        for node in self.order:
            name = self.ids[node]
            panel: dict[str, Any] = {
                "id": name,
                "label": node.label or name,
                "role": self.roles[node],
                "op": None,
                "data": format_number(node.data, p),
                "data_value": _number(node.data),
                "grad": format_number(grads[node], p),
                "grad_value": _number(grads[node]),
                "derivatives": [],
            }
            if node.parents:
                text = op_text(node)
                slopes = local_derivatives(node)
                panel["op"] = text.symbol
                for i, parent in enumerate(node.parents):
                    slope = None if slopes is None else slopes[i]
                    panel["derivatives"].append(
                        {
                            "operand": text.operands[i],
                            "input": parent.label or self.ids[parent],
                            "text": text.derivatives[i],
                            "latex": text.latex[i],
                            "image": latex_image(text.latex[i]),
                            "value": "?" if slope is None else format_number(slope, p),
                            "value_number": None if slope is None else _number(slope),
                        }
                    )
            received = []
            if node is self.root:
                received.append(
                    {
                        "from": "backward()",
                        "step": 0,
                        "text": f"backward() seeds {receiver_name(node, 'out')}.grad = 1",
                        "amount": format_number(1.0, p),
                        "value": 1.0,
                    }
                )
            for user, i, amount, slope in contributions(node, self.consumers, grads):
                out = receiver_name(user, "out")
                wrt = receiver_name(node, op_text(user).operands[i])
                shown = "?" if amount is None else format_number(amount, p)
                local = "?" if slope is None else format_number(slope, p)
                received.append(
                    {
                        "from": user.label or self.ids[user],
                        "step": step_of.get(user, 0),
                        "text": f"{out}.grad × ∂{out}/∂{wrt} = "
                        f"{format_number(grads[user], p)} × {local} = {shown}",
                        "amount": shown,
                        "value": None if amount is None else _number(amount),
                    }
                )
            total = sum(r["value"] for r in received if isinstance(r["value"], float))
            panel["contributions"] = received
            panel["sum"] = format_number(total, p)
            panel["sum_value"] = _number(total)
            panels[name] = panel
        return panels

    def state(self) -> dict[str, Any]:
        """Everything the front end shows, as JSON-ready data (the SVG apart: `svg`)."""
        p = self.precision
        steps = self.steps()
        return {
            "kind": "graph",
            "title": self.title or "",
            "data": {self.ids[n]: format_number(n.data, p) for n in self.order},
            "data_values": {self.ids[n]: _number(n.data) for n in self.order},
            "labels": {self.ids[n]: n.label or self.ids[n] for n in self.order},
            "steps": steps,
            "panels": self.panels(),
            "leaves": [
                {
                    "id": self.ids[leaf],
                    "label": leaf.label or self.ids[leaf],
                    "role": self.roles[leaf],
                    "value": _number(leaf.data),
                    "min": self.ranges[leaf][0],
                    "max": self.ranges[leaf][1],
                    "step": self.ranges[leaf][2],
                }
                for leaf in self.leaves
            ],
            "whatif": self.whatif,
            "whatif_reason": self.whatif_reason,
            "error": self.error,
            "legend": {
                "grad": "fill and edges: |grad| on a log scale, pale (small) to dark red "
                "(large), grey for exactly 0; the role stays in the border"
            },
        }

    # ------------------------------------------------------------------ what-if

    def leaf(self, which: Value | str) -> Value:
        """A leaf by node, by id (``v0``) or by label."""
        if isinstance(which, Value):
            if which not in self.ranges:
                raise ValueError("explore: that Value is not an input or parameter of the graph")
            return which
        if which in self.by_id and self.by_id[which] in self.ranges:
            return self.by_id[which]
        named = [leaf for leaf in self.leaves if leaf.label == which]
        if len(named) != 1:
            known = ", ".join(leaf.label or self.ids[leaf] for leaf in self.leaves)
            raise ValueError(f"explore: no single input or parameter {which!r} (there are {known})")
        return named[0]

    def set_value(self, which: Value | str, value: float) -> dict[str, Any]:
        """Set a leaf's data, run forward and backward again; returns the new state.

        An op that refuses the new value (log of a negative number, ...) leaves every
        value as it was and puts its message in ``state()["error"]``.
        """
        if not self.whatif:
            raise RuntimeError(self.whatif_reason)
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"explore: a value must be a real number, got {value!r}")
        leaf = self.leaf(which)
        before = [node.data for node in self.order]
        leaf.data = float(value)
        try:
            recompute_forward(self.order)
            self._runs()
        except (ArithmeticError, ValueError) as error:
            for node, data in zip(self.order, before):
                node.data = data
            self.error = f"{leaf.label or self.ids[leaf]} = {value!r} is refused: {error}"
        else:
            self.error = ""
            low, high, step = self.ranges[leaf]
            if not low <= leaf.data <= high:
                self.ranges[leaf] = (min(low, leaf.data), max(high, leaf.data), step)
        return self.state()


# ---------------------------------------------------------------------- models


def _neurons(model: Any) -> list[list[Any]]:
    """The neurons of an MLP, a layer or one neuron, layer by layer."""
    model_layers(model)  # the same checks (and messages) as draw_model
    if hasattr(model, "layers"):
        return [list(layer.neurons) for layer in model.layers]
    if hasattr(model, "neurons"):
        return [list(model.neurons)]
    return [[model]]


def neuron_graph(neuron: Any, inputs: list[float], title: str) -> tuple[Value, list[Value]]:
    """One neuron on these inputs as a scalar graph of its own: act(b + w0 x0 + w1 x1 + ...),
    on copies of its weights (what-if never changes the model). Returns (out, parameters)."""
    xs = [Value(float(x), f"x{i}") for i, x in enumerate(inputs)]
    ws = [Value(w.data, f"w{i}") for i, w in enumerate(neuron.w)]
    b = Value(neuron.b.data, "b")
    total = b
    for i, (w, x) in enumerate(zip(ws, xs)):
        product = w * x
        product.label = f"w{i}*x{i}"
        total = total + product
    total.label = "n"
    out = neuron.activation_function(total)
    if out is total:  # a linear neuron
        return out, [*ws, b]
    out.label = "out"
    return out, [*ws, b]


class ModelExplorer:
    """`draw_model`'s layer picture of an `nn` model on one input; each neuron opens as a
    `GraphExplorer` of its scalar graph on the inputs it sees."""

    def __init__(self, model: Any, x: Any, title: str | None = None, precision: int = 4) -> None:
        self.model = model
        self.precision = precision
        self.layers = _neurons(model)
        values = [float(v.data if isinstance(v, Value) else v) for v in _as_list(x)]
        if len(values) != len(self.layers[0][0].w):
            raise ValueError(
                f"explore: the model takes {len(self.layers[0][0].w)} inputs, got {len(values)}"
            )
        self.inputs: list[list[float]] = []
        for layer in self.layers:  # each layer's input, computed by the engine
            self.inputs.append(values)
            values = [float(neuron(values).data) for neuron in layer]
        self.outputs = values
        self.title = title or f"{type(model).__name__} on x = {_short_list(self.inputs[0])}"
        self._svg: str | None = None
        self.open: dict[str, GraphExplorer] = {}

    def svg(self) -> str:
        if self._svg is None:
            graph = draw_model(self.model, title=self.title)
            self._svg = graph.pipe(format="svg", encoding="utf-8")
        return self._svg

    def neuron_ids(self) -> list[str]:
        """``c1_n0``, ... : the names draw_model gives the neurons (layer from 1)."""
        return [f"c{k + 1}_n{j}" for k, layer in enumerate(self.layers) for j in range(len(layer))]

    def explorer(self, neuron_id: str) -> GraphExplorer:
        """The scalar graph of one neuron (``c1_n0``) on the input it sees."""
        if neuron_id not in self.open:
            try:
                column, row = neuron_id[1:].split("_n")
                k, j = int(column) - 1, int(row)
                neuron = self.layers[k][j]
            except (ValueError, IndexError):
                raise ValueError(f"explore: no neuron {neuron_id!r}") from None
            where = "the model's input" if k == 0 else f"the outputs of layer {k}"
            title = f"layer {k + 1}, neuron {j}: inputs x = {where}"
            out, params = neuron_graph(neuron, self.inputs[k], title)
            self.open[neuron_id] = GraphExplorer(
                out, params=params, title=title, precision=self.precision
            )
        return self.open[neuron_id]

    def state(self) -> dict[str, Any]:
        return {
            "kind": "model",
            "title": self.title,
            "neurons": self.neuron_ids(),
            "outputs": [format_number(v, self.precision) for v in self.outputs],
        }


def _as_list(x: Any) -> list[Any]:
    if isinstance(x, (Value, numbers.Real)):
        return [x]
    return list(x.tolist() if hasattr(x, "tolist") else x)


def _short_list(values: list[float]) -> str:
    return "[" + ", ".join(f"{v:g}" for v in values) + "]"


# ---------------------------------------------------------------------- entry points


def make_explorer(
    root_or_model: Any, x: Any = None, params: Any = None, **options: Any
) -> GraphExplorer | ModelExplorer:
    """A `GraphExplorer` for a Value, a `ModelExplorer` for an `nn` model and an input."""
    if isinstance(root_or_model, Value):
        if x is not None:
            raise TypeError("explore: an input x only goes with a model; a Value is drawn as is")
        return GraphExplorer(root_or_model, params=params, **options)
    if x is None:
        raise TypeError(
            f"explore: expected a Value (a graph's output) or an nn model and an input x, "
            f"got {type(root_or_model).__name__} without x"
        )
    return ModelExplorer(root_or_model, x, **options)


def explore(root: Any, params: Any = None, **options: Any) -> Any:
    """An interactive explorer: ``explore(root, params=None)`` for any graph, or
    ``explore(model, x)`` for an `nn` model on one input (see the module docstring).

    Returns an anywidget widget (shown in JupyterLab, Notebook 7, VS Code and Colab).
    Options: ``title``, ``precision``, ``rankdir`` and ``max_nodes`` (graphs only).
    """
    try:
        from .explore_widget import Explorer
    except ImportError as error:
        raise ImportError(
            "viz.explore needs the anywidget package: pip install anywidget (or "
            "pip install -e '.[notebook]'). viz.save_html works without it."
        ) from error
    if isinstance(root, Value):
        return Explorer(make_explorer(root, params=params, **options))
    return Explorer(make_explorer(root, x=params, **options))


def front_end_words() -> dict[str, str]:
    """The words of the front end in the current language (English text is its own key)."""
    return {text: tr(text) for text in FRONT_END_WORDS if tr(text) != text}


def page_data(explorer: GraphExplorer | ModelExplorer) -> dict[str, Any]:
    """Everything a saved page shows, precomputed (every neuron of a model too)."""
    if isinstance(explorer, GraphExplorer):
        return {
            "svg": explorer.svg(),
            "state": explorer.state(),
            "whatif_off": tr(WHATIF_OFF),
            "words": front_end_words(),
        }
    children = {}
    for name in explorer.neuron_ids():
        child = explorer.explorer(name)
        children[name] = {"svg": child.svg(), "state": child.state()}
    return {
        "svg": "",
        "state": {},
        "model_svg": explorer.svg(),
        "model_state": explorer.state(),
        "children": children,
        "whatif_off": tr(WHATIF_OFF),
        "words": front_end_words(),
    }


def save_html(
    root_or_explorer: Any,
    path: str | os.PathLike[str],
    x: Any = None,
    params: Any = None,
    title: str | None = None,
) -> Path:
    """Write the explorer as one self-contained HTML file; returns the path.

    ``root_or_explorer`` is a Value, an `nn` model (with ``x``), or what `explore`
    returned. Every step is precomputed: the page needs no network, no kernel and no
    Graphviz; stepping and clicking work in any browser; what-if is off (the page says
    why).
    """
    explorer = getattr(root_or_explorer, "explorer", root_or_explorer)
    if not isinstance(explorer, (GraphExplorer, ModelExplorer)):
        options = {"title": title} if title else {}
        if isinstance(root_or_explorer, Value):
            explorer = make_explorer(root_or_explorer, params=params, **options)
        else:
            explorer = make_explorer(root_or_explorer, x=x, **options)
    data = json.dumps(page_data(explorer), ensure_ascii=False, sort_keys=True, allow_nan=False)
    data = data.replace("</", "<\\/")  # never closes the script element early
    source = ESM_PATH.read_text(encoding="utf-8")
    if EXPORT_LINE not in source:
        raise RuntimeError(f"save_html: {ESM_PATH.name} must end with {EXPORT_LINE!r}")
    source = source.replace(EXPORT_LINE, "")
    css = CSS_PATH.read_text(encoding="utf-8")
    heading = html.escape(getattr(explorer, "title", None) or "computation graph")
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Explorer: {heading}</title>
<style>
body {{ font-family: Helvetica, Arial, sans-serif; margin: 1.5em; color: #1a1a1a; }}
{css}
</style>
</head>
<body>
<div id="explorer"></div>
<script type="application/json" id="explorer-data">{data}</script>
<script type="module">
{source}
const page = JSON.parse(document.getElementById("explorer-data").textContent);
render({{ model: standaloneModel(page), el: document.getElementById("explorer") }});
</script>
</body>
</html>
"""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target
