"""Model mode: `draw_model`'s layer picture of an `nn` model on one input, each neuron
showing its activation; opening a neuron gives a `GraphExplorer` of its scalar graph.

Layers and neurons are numbered from 0, as `draw_model` draws them: the neuron ``c1_n0``
of the picture (column 1, the first after the inputs) is layer 0, neuron 0.
"""

from __future__ import annotations

import numbers
from typing import Any

from autograd import Value

from ..labels import format_number
from ..language import tr
from ..model import draw_model, model_layers
from .state import GraphExplorer


def neurons_of(model: Any) -> list[list[Any]]:
    """The neurons of an MLP, a layer or one neuron, layer by layer."""
    model_layers(model)  # the same checks (and messages) as draw_model
    if hasattr(model, "layers"):
        return [list(layer.neurons) for layer in model.layers]
    if hasattr(model, "neurons"):
        return [list(model.neurons)]
    return [[model]]


def neuron_graph(
    neuron: Any, inputs: list[float], layer: int, row: int
) -> tuple[Value, list[Value]]:
    """One neuron on these inputs as a scalar graph of its own, act(b + Σ w_i x_i), on copies
    of its weights named by their place (``L0.n1.w0``). Returns (out, parameters)."""
    place = f"L{layer}.n{row}"
    xs = [Value(float(x), f"x{i}") for i, x in enumerate(inputs)]
    ws = [Value(w.data, f"{place}.w{i}") for i, w in enumerate(neuron.w)]
    b = Value(neuron.b.data, f"{place}.b")
    total = b
    for w, x in zip(ws, xs):
        total = total + w * x
    total.label = f"{place}.z"
    out = neuron.activation_function(total)
    if out is not total:  # not a linear neuron
        out.label = f"{place}.out"
    return out, [*ws, b]


class ModelExplorer:
    """`draw_model`'s picture of a model on one input; `explorer` opens one neuron."""

    def __init__(self, model: Any, x: Any, title: str | None = None, precision: int = 4) -> None:
        self.model = model
        self.precision = precision
        self.layers = neurons_of(model)
        values = [float(v.data if isinstance(v, Value) else v) for v in as_list(x)]
        expected = len(self.layers[0][0].w)
        if len(values) != expected:
            raise ValueError(f"explore: the model takes {expected} inputs, got {len(values)}")
        self.inputs: list[list[float]] = []
        self.activations: list[list[float]] = []
        for layer in self.layers:  # each layer's input, computed by the engine
            self.inputs.append(values)
            values = [float(neuron(values).data) for neuron in layer]
            self.activations.append(values)
        self.outputs = values
        self.title = title or f"{type(model).__name__} on x = {short_list(self.inputs[0])}"
        self._svg: str | None = None
        self._diagram: Any = None
        self.open: dict[str, GraphExplorer] = {}

    def diagram(self) -> Any:
        """`draw_model`'s layer picture of the model (a `viz.Diagram`), drawn once."""
        if self._diagram is None:
            self._diagram = draw_model(self.model, title=self.title)
        return self._diagram

    def svg(self) -> str | None:
        """The layer picture laid out by ``dot``; None where it cannot run (the front end
        then lays out `state`'s ``dot`` with Graphviz in WebAssembly)."""
        from ..diagram import GraphvizNotFoundError

        if self._svg is None:
            try:
                self._svg = self.diagram().pipe(format="svg", encoding="utf-8")
            except GraphvizNotFoundError:
                return None
        return self._svg

    def neuron_ids(self) -> list[str]:
        """``c1_n0``, ...: draw_model's names (column k + 1 is layer k)."""
        return [f"c{k + 1}_n{j}" for k, layer in enumerate(self.layers) for j in range(len(layer))]

    def place(self, neuron_id: str) -> tuple[int, int]:
        try:
            column, row = neuron_id[1:].split("_n")
            k, j = int(column) - 1, int(row)
            self.layers[k][j]
        except (ValueError, IndexError):
            raise ValueError(f"explore: no neuron {neuron_id!r}") from None
        if k < 0 or j < 0:
            raise ValueError(f"explore: no neuron {neuron_id!r}")
        return k, j

    def explorer(self, neuron_id: str) -> GraphExplorer:
        """The scalar graph of one neuron (``c1_n0``: layer 0, neuron 0) on its input."""
        if neuron_id not in self.open:
            k, j = self.place(neuron_id)
            where = tr("the model's input") if k == 0 else tr("the outputs of layer {k}", k=k - 1)
            title = tr("layer {k}, neuron {j}: inputs x = {where}", k=k, j=j, where=where)
            out, params = neuron_graph(self.layers[k][j], self.inputs[k], k, j)
            self.open[neuron_id] = GraphExplorer(
                out, params=params, title=title, precision=self.precision
            )
        return self.open[neuron_id]

    def state(self) -> dict[str, Any]:
        p = self.precision
        return {
            "kind": "model",
            "title": self.title,
            "svg": self.svg(),
            "dot": self.diagram().source,
            "engine": self.diagram().engine,  # neato: draw_model places the neurons itself
            "neurons": self.neuron_ids(),
            "activations": {
                f"c{k + 1}_n{j}": format_number(a, p)
                for k, layer in enumerate(self.activations)
                for j, a in enumerate(layer)
            },
            "places": {
                f"c{k + 1}_n{j}": tr("layer {k}, neuron {j}", k=k, j=j)
                for k, layer in enumerate(self.layers)
                for j in range(len(layer))
            },
            "outputs": [format_number(v, p) for v in self.outputs],
        }


def as_list(x: Any) -> list[Any]:
    if isinstance(x, (Value, numbers.Real)):
        return [x]
    return list(x.tolist() if hasattr(x, "tolist") else x)


def short_list(values: list[float]) -> str:
    return "[" + ", ".join(f"{v:g}" for v in values) + "]"
