"""Dense: the one description each layer type gives of itself (for to_torch and draw_model)."""

from __future__ import annotations

import pytest

from autograd import Value
from nn import MLP, Dense, Layer, Module, Neuron


def test_each_layer_type_describes_itself_with_its_own_parameters():
    neuron = Neuron(3, "tanh", seed=0)
    (only,) = neuron.dense_layers()
    assert only.weights == [neuron.w] and only.biases == [neuron.b]
    assert only.activations == ["tanh"] and (only.nin, only.nout) == (3, 1)

    layer = Layer(3, 2, "relu", seed=0)
    (dense,) = layer.dense_layers()
    assert dense.weights[1] is layer.neurons[1].w and dense.biases[0] is layer.neurons[0].b
    assert dense.activations == ["relu", "relu"] and (dense.nin, dense.nout) == (3, 2)

    model = MLP(2, [4, 3, 1], "elu", seed=0)
    described = model.dense_layers()
    assert [(d.nin, d.nout) for d in described] == [(2, 4), (4, 3), (3, 1)]
    assert [d.activations[0] for d in described] == ["elu", "elu", "linear"]
    # the description holds the parameters themselves: every one of them, in order
    flat = [v for d in described for row, b in zip(d.weights, d.biases) for v in (*row, b)]
    assert flat == model.parameters()
    assert Module().dense_layers() is None


def test_from_dense_rebuilds_the_model():
    model = MLP(2, [3, 1], "tanh", seed=1)
    copy = MLP.from_dense(model.dense_layers())
    assert copy.state_dict() == model.state_dict() and repr(copy) == repr(model)
    x = [0.3, -0.8]
    assert copy(x).data == model(x).data
    assert copy.parameters()[0] is not model.parameters()[0]  # copied, not shared


def test_from_dense_refuses_what_an_mlp_cannot_be():
    with pytest.raises(ValueError, match="from_dense: expected at least one Dense layer"):
        MLP.from_dense([])
    w = [[Value(1.0)], [Value(2.0)]]
    mixed = Dense(w, [Value(0.0), Value(0.0)], ["relu", "tanh"])
    with pytest.raises(ValueError, match=r"layer 0 have different activations \['relu', 'tanh'\]"):
        MLP.from_dense([mixed])
