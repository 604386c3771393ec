"""draw_model: neurons and layers, edges scaled by weight (or gradient) magnitude and sign."""

from __future__ import annotations

import pytest

import viz
from autograd import Value
from nn.dense import Dense
from tests.viz.test_dot import svg_edges, svg_nodes
from viz import theme


class StandInNeuron:
    """The nn contract: the model describes itself as Dense layers (nn.dense.Dense)."""

    def __init__(self, weights: list[float], bias: float, activation: object = "tanh") -> None:
        self.w = [Value(w) for w in weights]
        self.b = Value(bias)
        self.activation = activation

    def dense_layers(self) -> list[Dense]:
        return [Dense([self.w], [self.b], [self.activation])]


class StandInLayer:
    def __init__(self, neurons: list[StandInNeuron]) -> None:
        self.neurons = neurons

    def dense_layers(self) -> list[Dense]:
        ns = self.neurons
        return [Dense([n.w for n in ns], [n.b for n in ns], [n.activation for n in ns])]


class StandInMLP:
    def __init__(self, layers: list[StandInLayer]) -> None:
        self.layers = layers

    def dense_layers(self) -> list[Dense]:
        return [dense for layer in self.layers for dense in layer.dense_layers()]


def two_by_two() -> StandInMLP:
    hidden = StandInLayer([StandInNeuron([0.5, -2.0], 0.1), StandInNeuron([1.0, 0.25], -0.3)])
    out = StandInLayer([StandInNeuron([-1.0, 0.1], 0.0, activation=None)])
    return StandInMLP([hidden, out])


def test_every_neuron_and_weight_is_drawn() -> None:
    graph = viz.draw_model(two_by_two())
    nodes = svg_nodes(graph)
    assert {"c0_n0", "c0_n1", "c1_n0", "c1_n1", "c2_n0"} <= nodes.keys()
    assert nodes["c0_n0"]["texts"] == ["x0"]
    assert nodes["c1_n0"]["texts"] == ["tanh"]
    assert nodes["c2_n0"]["texts"] == ["lin"]
    titles = {info["texts"][0] for name, info in nodes.items() if name.endswith("_title")}
    assert titles == {"input (2)", "layer 0: 2 × tanh", "output: 1 × linear"}
    assert len(svg_edges(graph)) == 2 * 2 + 2 * 1


def test_edge_width_follows_magnitude_and_colour_follows_sign() -> None:
    edges = {e["title"]: e for e in svg_edges(viz.draw_model(two_by_two()))}
    # weights into hidden neuron 0: w = 0.5 from x1, -2.0 from x2 (the largest |w|)
    strong, weak = edges["c0_n1->c1_n0"], edges["c0_n0->c1_n0"]
    assert strong["stroke"] == theme.NEGATIVE and weak["stroke"] == theme.POSITIVE
    assert float(strong["width"]) > float(weak["width"])
    assert float(strong["opacity"] or 1.0) > float(weak["opacity"])
    widths = {
        title: float(e["width"]) for title, e in edges.items()
    }  # |w|: 0.5, 2.0, 1.0, 0.25, 1.0, 0.1
    order = ["c1_n1->c2_n0", "c0_n1->c1_n1", "c0_n0->c1_n0", "c0_n0->c1_n1", "c0_n1->c1_n0"]
    assert [widths[t] for t in order] == sorted(widths[t] for t in order)


def test_show_grad_uses_the_gradients() -> None:
    model = two_by_two()
    for layer in model.layers:
        for neuron in layer.neurons:
            for w in neuron.w:
                w.grad = 0.01
    model.layers[0].neurons[1].w[0].grad = -5.0  # the only large gradient
    edges = {e["title"]: e for e in svg_edges(viz.draw_model(model, show_grad=True))}
    widest = max(edges, key=lambda t: float(edges[t]["width"]))
    assert widest == "c0_n0->c1_n1"
    assert edges[widest]["stroke"] == theme.NEGATIVE


def test_wide_layers_are_summarised() -> None:
    layer = StandInLayer([StandInNeuron([0.1, 0.2], 0.0) for _ in range(40)])
    out = StandInLayer([StandInNeuron([0.1] * 40, 0.0, activation="sigmoid")])
    nodes = svg_nodes(viz.draw_model(StandInMLP([layer, out]), max_neurons=10))
    hidden = [n for n in nodes if n.startswith("c1_n")]
    assert len(hidden) == 10
    assert nodes["c1_more"]["texts"] == ["⋮ 30 more"]
    assert nodes["c2_n0"]["texts"] == ["σ"]


def test_a_layer_or_a_neuron_alone() -> None:
    assert len(svg_edges(viz.draw_model(StandInLayer([StandInNeuron([1.0, 2.0, 3.0], 0.0)])))) == 3
    assert len(svg_edges(viz.draw_model(StandInNeuron([1.0], 0.0, activation=abs)))) == 1


def test_bad_models_are_refused() -> None:
    with pytest.raises(TypeError, match="draw_model: expected an nn model"):
        viz.draw_model(42)
    bad = StandInMLP(
        [
            StandInLayer([StandInNeuron([1.0, 2.0], 0.0)]),
            StandInLayer([StandInNeuron([1.0, 2.0], 0.0)]),
        ]
    )
    with pytest.raises(ValueError, match="neuron 0 of layer 1 has 2 weights, expected 1"):
        viz.draw_model(bad)
    with pytest.raises(ValueError, match="input_names has 1 names, expected 2"):
        viz.draw_model(two_by_two(), input_names=["a"])
    with pytest.raises(ValueError, match="max_neurons"):
        viz.draw_model(two_by_two(), max_neurons=1)


def test_the_real_mlp() -> None:
    nn = pytest.importorskip("nn")
    model = nn.MLP(2, [16, 16, 1], activation="relu", seed=0)
    loss = model([0.5, -1.0])
    loss.backward()
    for show_grad in (False, True):
        graph = viz.draw_model(model, show_grad=show_grad, title="MLP(2, [16, 16, 1])")
        nodes = svg_nodes(graph)
        assert sum(1 for n in nodes if n.startswith("c1_n")) == 16
        assert nodes["c1_n0"]["texts"] == ["ReLU"]
        assert len(svg_edges(graph)) == 2 * 16 + 16 * 16 + 16
    # one forward pass is far too big for draw_dot; draw_model is the way
    with pytest.raises(ValueError, match="draw_model"):
        viz.draw_dot(loss)
