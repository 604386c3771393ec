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

from . import theme
from .grad_scale import interpolate
from .html_labels import escape, font
from .number_format import format_number
from .render import Diagram

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
    """The layers of an MLP (``.layers``), a single layer (``.neurons``) or one neuron (``.w``)."""
    if hasattr(model, "layers"):
        layers = list(model.layers)
    elif hasattr(model, "neurons"):
        layers = [model]
    elif hasattr(model, "w") and hasattr(model, "b"):
        layers = [_OneNeuron(model)]
    else:
        raise TypeError(
            "draw_model: expected an nn model with .layers (an MLP), a layer with .neurons, or "
            f"a neuron with .w and .b, got {type(model).__name__}"
        )
    if not layers:
        raise ValueError("draw_model: the model has no layers")
    views = []
    for k, layer in enumerate(layers):
        neurons = list(layer.neurons)
        if not neurons:
            raise ValueError(f"draw_model: layer {k} has no neurons")
        names = {activation_name(getattr(n, "activation", None)) for n in neurons}
        views.append(
            LayerView(
                [list(n.w) for n in neurons],
                [n.b for n in neurons],
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


@dataclass
class _OneNeuron:
    neuron: Any

    @property
    def neurons(self) -> list[Any]:
        return [self.neuron]


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
    if isinstance(max_neurons, bool) or not isinstance(max_neurons, int) or max_neurons < 2:
        raise ValueError(
            f"draw_model: max_neurons must be an int of at least 2, got {max_neurons!r}"
        )
    layers = model_layers(model)
    n_inputs = len(layers[0].weights[0])
    if input_names is None:
        input_names = [f"x{i + 1}" for i in range(n_inputs)]
    elif len(input_names) != n_inputs:
        raise ValueError(
            f"draw_model: input_names has {len(input_names)} names, expected {n_inputs}"
        )

    def amount(v: Value) -> float:
        return v.grad if show_grad else v.data

    weights = [amount(w) for layer in layers for ws in layer.weights for w in ws]
    biases = [amount(b) for layer in layers for b in layer.biases]
    largest_w = max((abs(w) for w in weights), default=0.0)
    largest_b = max((abs(b) for b in biases), default=0.0)
    what = "grad" if show_grad else "w"

    graph = Diagram(name="model", engine="neato")
    graph.attr(
        bgcolor="white",
        splines="false",
        overlap="true",
        outputorder="edgesfirst",
        labelloc="t",
        fontname=theme.FONT,
        label=_header(title, what, largest_w, largest_b),
    )
    graph.attr("node", fontname=theme.FONT, fontsize="9", fixedsize="true")

    columns = [len(input_names)] + [len(layer.weights) for layer in layers]
    tallest = max(len(shown_rows(n, max_neurons)) for n in columns)
    column_titles = [f"input ({n_inputs})"] + [
        f"{'output' if k == len(layers) - 1 else f'layer {k + 1}'}: "
        f"{len(layer.weights)} × {layer.activation}"
        for k, layer in enumerate(layers)
    ]

    positions: list[dict[int, str]] = []  # per column: row -> node name
    for c, count in enumerate(columns):
        rows = shown_rows(count, max_neurons)
        x = c * COLUMN_GAP
        names: dict[int, str] = {}
        for slot, row in enumerate(rows):
            y = ((len(rows) - 1) / 2 - slot) * ROW_GAP
            pos = f"{x:.3f},{y:.3f}!"
            if row is None:
                graph.node(
                    f"c{c}_more",
                    f"⋮ {count - len(rows) + 1} more",
                    pos=pos,
                    shape="box",
                    style="filled",
                    fillcolor="white",
                    color="white",
                    width="0.8",
                    height="0.25",
                    fontcolor=theme.TEXT_COLOUR,
                )
                continue
            name = f"c{c}_n{row}"
            names[row] = name
            if c == 0:
                graph.node(
                    name,
                    escape(input_names[row]),
                    pos=pos,
                    shape="box",
                    style="rounded,filled",
                    fillcolor=theme.ROLE_STYLES["input"].fill,
                    color=theme.ROLE_STYLES["input"].border,
                    width=f"{NEURON_SIZE * 1.4:.2f}",
                    height=f"{NEURON_SIZE * 0.8:.2f}",
                )
                continue
            layer = layers[c - 1]
            bias = amount(layer.biases[row])
            strength = _strength(bias, largest_b)
            fill = interpolate(
                ("#ffffff", theme.POSITIVE if bias >= 0 else theme.NEGATIVE), 0.6 * strength
            )
            graph.node(
                name,
                escape(_short(layer.activation)),
                pos=pos,
                shape="circle",
                style="filled",
                fillcolor=fill,
                color=theme.NEURON_BORDER,
                width=f"{NEURON_SIZE}",
                fontcolor="#ffffff" if strength > 0.75 else theme.TEXT_COLOUR,
                tooltip=f"layer {c} neuron {row}: b={layer.biases[row].data!r} "
                f"b.grad={layer.biases[row].grad!r}",
            )
        positions.append(names)
        top = ((tallest - 1) / 2) * ROW_GAP + 0.55
        graph.node(
            f"c{c}_title",
            escape(column_titles[c]),
            pos=f"{x:.3f},{top:.3f}!",
            shape="plaintext",
            width="2.2",
            height="0.3",
            fontsize="11",
        )

    for c, layer in enumerate(layers, start=1):
        # Dense layers get thinner lines, or the widest would hide everything else.
        crowd = max(len(positions[c - 1]), len(positions[c]))
        widest = max(0.8, min(3.0, 48.0 / crowd))
        for row, target in positions[c].items():
            for i, w in enumerate(layer.weights[row]):
                source = positions[c - 1].get(i)
                if source is None:
                    continue
                value = amount(w)
                strength = _strength(value, largest_w)
                graph.edge(
                    source,
                    target,
                    color=_signed_colour(value, strength),
                    penwidth=f"{0.2 + (widest - 0.2) * strength:.2f}",
                    arrowhead="none",
                    tooltip=f"w={w.data!r} grad={w.grad!r}",
                )
    return graph


_SHORT_NAMES = {
    "sigmoid": "σ",
    "relu": "ReLU",
    "linear": "lin",
    "leaky_relu": "LReLU",
    "identity": "lin",
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
    scale = f"line width ∝ |{what}| (widest: {format_number(largest_w, 3)})"
    bias = "neuron fill: bias" if what == "w" else "neuron fill: bias grad"
    bias += f" (largest |·| {format_number(largest_b, 3)})"
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
