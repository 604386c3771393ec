"""`draw_model`: a neural network drawn as neurons and layers instead of scalar ops.

An MLP of a few hundred parameters is thousands of scalar nodes once applied to
an input, far too many for `draw_dot`. Here every neuron is one circle and
every weight one line: its width grows with |w| (or |w.grad| with
``show_grad=True``), its hue gives the sign (blue positive, orange negative).
A neuron's fill shows its bias the same way. The layout is computed here and
pinned (Graphviz's ``neato`` only draws), so even thousands of weights render
quickly and always in the same place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from autograd import Value
from autograd.checks import int_at_least

from . import theme
from .diagram import Diagram
from .labels import escape, font, format_number
from .language import tr
from .theme import interpolate

COLUMN_GAP = 2.4  # inches between layers
ROW_GAP = 0.55  # inches between neurons of a layer
NEURON_SIZE = 0.42


@dataclass
class LayerView:
    """What the picture needs of one layer: each neuron's weights and bias, its activation."""

    weights: list[list[Value]]
    biases: list[Value]
    activation: str


def activation_name(activation: Any) -> str:
    """A readable name for a neuron's activation (a name, a callable, or None for linear)."""
    if activation is None:
        return "linear"
    if isinstance(activation, str):
        return activation
    name = getattr(activation, "__name__", None)
    return name if name and name != "<lambda>" else type(activation).__name__


def model_layers(model: Any) -> list[LayerView]:
    """The layers of a model, read from the description it gives of itself
    (``model.dense_layers()``, a list of `nn.dense.Dense`: an MLP, a Layer or a Neuron)."""
    describe = getattr(model, "dense_layers", None)
    layers = describe() if callable(describe) else None
    if layers is None:
        raise TypeError(
            "draw_model: expected an nn model that gives its dense_layers() (an MLP, a Layer "
            f"or a Neuron), got {type(model).__name__}"
        )
    if not layers:
        raise ValueError("draw_model: the model has no layers")
    views = []
    for k, layer in enumerate(layers):
        if not layer.weights:
            raise ValueError(f"draw_model: layer {k} has no neurons")
        names = {activation_name(a) for a in layer.activations}
        views.append(
            LayerView(
                [list(row) for row in layer.weights],
                list(layer.biases),
                names.pop() if len(names) == 1 else "mixed",
            )
        )
    fan_in = len(views[0].weights[0])
    for k, view in enumerate(views):
        for j, weights in enumerate(view.weights):
            if len(weights) != fan_in:
                raise ValueError(
                    f"draw_model: neuron {j} of layer {k} has {len(weights)} weights, expected "
                    f"{fan_in} (one per output of the layer before)"
                )
        fan_in = len(view.weights)
    return views


def shown_rows(count: int, limit: int) -> list[int | None]:
    """Which rows of a column to draw: all of them, or the first and last limit/2 with a
    gap (None) between, so a layer of 500 neurons stays readable."""
    if count <= limit:
        return list(range(count))
    half = limit // 2
    return [*range(half), None, *range(count - (limit - half), count)]


def _strength(value: float, largest: float) -> float:
    return abs(value) / largest if largest > 0 else 0.0


def _signed_colour(value: float, strength: float) -> str:
    """Blue for positive, orange for negative; more opaque the stronger."""
    base = theme.POSITIVE if value >= 0 else theme.NEGATIVE
    alpha = round(255 * (0.15 + 0.85 * strength))
    return f"{base}{alpha:02x}"


@dataclass
class _Magnitudes:
    """What line widths and fills show (weights, or their gradients) and their largest sizes."""

    layers: list[LayerView]
    show_grad: bool

    def __post_init__(self) -> None:
        weights = [self.of(w) for layer in self.layers for ws in layer.weights for w in ws]
        biases = [self.of(b) for layer in self.layers for b in layer.biases]
        self.largest_w = max((abs(w) for w in weights), default=0.0)
        self.largest_b = max((abs(b) for b in biases), default=0.0)
        self.name = "grad" if self.show_grad else "w"

    def of(self, v: Value) -> float:
        return v.grad if self.show_grad else v.data


def _place(
    graph: Diagram, column: int, rows: list[int | None], count: int
) -> list[tuple[int, str]]:
    """Pin one column's slots; a gap (None) becomes a "⋮ n more" mark. Returns (row, pos)."""
    x = column * COLUMN_GAP
    placed = []
    for slot, row in enumerate(rows):
        pos = f"{x:.3f},{((len(rows) - 1) / 2 - slot) * ROW_GAP:.3f}!"
        if row is None:
            graph.node(
                f"c{column}_more",
                "⋮ " + tr("{n} more", n=count - len(rows) + 1),
                pos=pos,
                shape="box",
                style="filled",
                fillcolor="white",
                color="white",
                width="0.8",
                height="0.25",
            )
        else:
            placed.append((row, pos))
    return placed


def _draw_inputs(graph: Diagram, names: Sequence[str], max_neurons: int) -> dict[int, str]:
    nodes = {}
    for row, pos in _place(graph, 0, shown_rows(len(names), max_neurons), len(names)):
        nodes[row] = f"c0_n{row}"
        graph.node(
            nodes[row],
            escape(names[row]),
            pos=pos,
            shape="box",
            style="rounded,filled",
            fillcolor=theme.ROLE_STYLES["input"].fill,
            color=theme.ROLE_STYLES["input"].border,
            width=f"{NEURON_SIZE * 1.4:.2f}",
            height=f"{NEURON_SIZE * 0.8:.2f}",
        )
    return nodes


def _draw_neurons(
    graph: Diagram, column: int, layer: LayerView, sizes: _Magnitudes, max_neurons: int
) -> dict[int, str]:
    """One circle per neuron, filled by its bias: white at 0, blue or orange as it grows."""
    nodes = {}
    count = len(layer.weights)
    for row, pos in _place(graph, column, shown_rows(count, max_neurons), count):
        bias = sizes.of(layer.biases[row])
        strength = _strength(bias, sizes.largest_b)
        hue = theme.POSITIVE if bias >= 0 else theme.NEGATIVE
        nodes[row] = f"c{column}_n{row}"
        graph.node(
            nodes[row],
            escape(_short(layer.activation)),
            pos=pos,
            shape="circle",
            style="filled",
            fillcolor=interpolate((theme.NEURON_FILL, hue), 0.6 * strength),
            color=theme.NEURON_BORDER,
            width=f"{NEURON_SIZE}",
            fontcolor="#ffffff" if strength > 0.75 else theme.TEXT_COLOUR,
            tooltip=f"layer {column - 1} neuron {row}: b={layer.biases[row].data!r} "
            f"b.grad={layer.biases[row].grad!r}",
        )
    return nodes


def _draw_weights(
    graph: Diagram,
    layer: LayerView,
    sources: dict[int, str],
    targets: dict[int, str],
    sizes: _Magnitudes,
) -> None:
    """One line per weight between drawn neurons; dense layers get thinner lines, or the
    widest would hide everything else."""
    widest = max(0.8, min(3.0, 48.0 / max(len(sources), len(targets))))
    for row, target in targets.items():
        for i, w in enumerate(layer.weights[row]):
            if i not in sources:
                continue
            value = sizes.of(w)
            strength = _strength(value, sizes.largest_w)
            graph.edge(
                sources[i],
                target,
                color=_signed_colour(value, strength),
                penwidth=f"{0.2 + (widest - 0.2) * strength:.2f}",
                arrowhead="none",
                tooltip=f"w={w.data!r} grad={w.grad!r}",
            )


def draw_model(
    model: Any,
    show_grad: bool = False,
    title: str | None = None,
    max_neurons: int = 24,
    input_names: Sequence[str] | None = None,
) -> Diagram:
    """Draw an `nn` model as layers of neurons joined by its weights.

    Line width and opacity grow with |w| (with ``show_grad``: with |w.grad|, after
    ``backward()``), blue for positive and orange for negative; a neuron's fill
    shows its bias (or the bias's gradient) the same way. Layers wider than
    ``max_neurons`` show their first and last neurons around a "⋮ n more" mark.
    """
    int_at_least(max_neurons, "max_neurons", "draw_model", 2)
    layers = model_layers(model)
    n_inputs = len(layers[0].weights[0])
    if input_names is None:
        input_names = [f"x{i}" for i in range(n_inputs)]  # zero-based, as the engine's labels
    elif len(input_names) != n_inputs:
        raise ValueError(
            f"draw_model: input_names has {len(input_names)} names, expected {n_inputs}"
        )
    sizes = _Magnitudes(layers, show_grad)

    graph = Diagram(name="model", engine="neato")
    graph.attr(
        bgcolor="white",
        splines="false",
        overlap="true",
        outputorder="edgesfirst",
        labelloc="t",
        fontname=theme.font_name(),
        label=_header(title, sizes.name, sizes.largest_w, sizes.largest_b),
    )
    graph.attr("node", fontname=theme.font_name(), fontsize="9", fixedsize="true")

    columns = [_draw_inputs(graph, input_names, max_neurons)]
    for c, layer in enumerate(layers, start=1):
        columns.append(_draw_neurons(graph, c, layer, sizes, max_neurons))
        _draw_weights(graph, layer, columns[c - 1], columns[c], sizes)

    counts = [n_inputs] + [len(layer.weights) for layer in layers]
    top = (max(len(shown_rows(n, max_neurons)) for n in counts) - 1) / 2 * ROW_GAP + 0.55
    # Layers are numbered from 0, as model.layers[k]; the last one is the output.
    titles = [tr("input ({n})", n=n_inputs)] + [
        tr(
            "output: {n} × {activation}"
            if k == len(layers) - 1
            else "layer {k}: {n} × {activation}",
            k=k,
            n=len(layer.weights),
            activation=layer.activation,
        )
        for k, layer in enumerate(layers)
    ]
    for c, text in enumerate(titles):
        graph.node(
            f"c{c}_title",
            escape(text),
            pos=f"{c * COLUMN_GAP:.3f},{top:.3f}!",
            shape="plaintext",
            width="2.2",
            height="0.3",
            fontsize="11",
        )
    return graph


_SHORT_NAMES = {
    "sigmoid": "σ",
    "relu": "ReLU",
    "linear": "lin",
    "leaky_relu": "LReLU",
}


def _short(activation: str) -> str:
    return _SHORT_NAMES.get(activation, activation[:6])


def _swatch_cell(colour: str) -> str:
    return f'<TD BGCOLOR="{colour}" WIDTH="18" HEIGHT="6" FIXEDSIZE="TRUE" CELLPADDING="0"></TD>'


def _header(title: str | None, what: str, largest_w: float, largest_b: float) -> str:
    """Title and legend: what line width, hue and neuron fill mean."""
    small = theme.SMALL_FONT_SIZE
    rows = []
    if title:
        heading = font(escape(title), size=theme.TITLE_FONT_SIZE, bold=True)
        rows.append(f'<TR><TD COLSPAN="6">{heading}</TD></TR>')
    scale = tr(
        "line width ∝ |{what}| (widest: {widest})", what=what, widest=format_number(largest_w, 3)
    )
    bias = tr("neuron fill: bias") if what == "w" else tr("neuron fill: bias grad")
    bias += " " + tr("(largest |·| {largest})", largest=format_number(largest_b, 3))
    cells = [
        f"<TD>{font(escape(scale), size=small)}</TD>",
        _swatch_cell(theme.POSITIVE),
        f"<TD>{font(escape(f'{what} > 0'), size=small)}</TD>",
        _swatch_cell(theme.NEGATIVE),
        f"<TD>{font(escape(f'{what} < 0'), size=small)}</TD>",
        f"<TD>{font(escape(f'   {bias}'), size=small)}</TD>",
    ]
    rows.append(f"<TR>{''.join(cells)}</TR>")
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4">{"".join(rows)}</TABLE>>'
