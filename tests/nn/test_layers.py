"""nn.layers: Neuron, Layer, MLP against hand-worked values and central differences."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autograd import Value, no_grad, topological_order
from nn import MLP, Layer, Neuron


def set_weights(neuron: Neuron, w: list[float], b: float) -> Neuron:
    for p, x in zip(neuron.w, w):
        p.data = x
    neuron.b.data = b
    return neuron


# ------------------------------------------------------------------ forward


def test_neuron_is_activation_of_bias_plus_weighted_sum():
    neuron = set_weights(Neuron(3, "tanh", seed=0), [0.5, -1.0, 2.0], 0.25)
    # 0.25 + 0.5*1 - 1*2 + 2*0.5 = -0.25
    assert neuron([1.0, 2.0, 0.5]).data == pytest.approx(math.tanh(-0.25), rel=1e-15)
    relu = set_weights(Neuron(2, "relu", seed=0), [1.0, 1.0], -5.0)
    assert relu([1.0, 2.0]).data == 0.0


def test_neuron_gradients_are_inputs_weights_and_one():
    neuron = set_weights(Neuron(2, "linear", seed=0), [3.0, -2.0], 1.0)
    x = [Value(0.5), Value(4.0)]
    neuron(x).backward()
    assert [w.grad for w in neuron.w] == [0.5, 4.0]  # d/dw_i = x_i
    assert neuron.b.grad == 1.0
    assert [xi.grad for xi in x] == [3.0, -2.0]  # d/dx_i = w_i


def test_neuron_records_two_nodes_per_input_plus_one_and_no_constants():
    n = 5
    neuron = Neuron(n, "relu", seed=0)
    out = neuron([0.1 * i for i in range(n)])
    nodes = topological_order(out)
    ops = [v for v in nodes if v.parents]
    assert len(ops) == 2 * n + 1
    assert sorted(v.op for v in ops).count("*") == n
    assert not any(v.is_constant for v in nodes)
    leaves = {v.label for v in nodes if not v.parents}
    assert leaves == {"b"} | {f"w{i}" for i in range(n)} | {f"x{i}" for i in range(n)}


def test_layer_returns_a_list_or_a_value_for_width_one():
    assert isinstance(Layer(2, 3, seed=0)([1.0, 2.0]), list)
    assert len(Layer(2, 3, seed=0)([1.0, 2.0])) == 3
    assert isinstance(Layer(2, 1, seed=0)([1.0, 2.0]), Value)


def test_mlp_output_is_a_value_for_one_output_else_a_list():
    assert isinstance(MLP(2, [4, 1], seed=0)([1.0, 2.0]), Value)
    out = MLP(2, [4, 3], seed=0)([1.0, 2.0])
    assert isinstance(out, list) and len(out) == 3 and all(isinstance(o, Value) for o in out)


def test_mlp_is_its_layers_in_sequence():
    model = MLP(2, [3, 2], activation="tanh", seed=0)
    x = [0.3, -0.7]
    hidden = model.layers[0](x)
    assert [o.data for o in model(x)] == [o.data for o in model.layers[1](hidden)]
    assert [n.activation for n in model.layers[0].neurons] == ["tanh"] * 3
    assert [n.activation for n in model.layers[1].neurons] == ["linear"] * 2


def test_output_activation():
    model = MLP(2, [4, 1], output_activation="sigmoid", seed=0)
    out = model([5.0, -3.0])
    assert out.op == "sigmoid" and 0.0 < out.data < 1.0


def test_hidden_layer_of_width_one():
    model = MLP(2, [16, 1, 1], seed=0)
    out = model([0.5, -0.5])
    assert isinstance(out, Value)
    out.backward()
    assert model.layers[1].nout == 1
    assert len(model.parameters()) == (2 * 16 + 16) + (16 + 1) + (1 + 1)


def test_mlp_gradients_match_central_differences():
    model = MLP(3, [4, 4, 2], activation="tanh", seed=1)
    x = [0.2, -0.4, 0.9]

    def loss() -> Value:
        a, b = model(x)
        return a * a + b.sigmoid()

    model.zero_grad()
    loss().backward()
    for p in model.parameters()[::3]:
        analytic = p.grad
        h = 1e-6
        p.data += h
        plus = loss().data
        p.data -= 2 * h
        minus = loss().data
        p.data += h
        assert analytic == pytest.approx((plus - minus) / (2 * h), rel=1e-6, abs=1e-9)


def test_no_grad_records_nothing():
    model = MLP(2, [4, 1], seed=0)
    with no_grad():
        out = model([1.0, 2.0])
    assert out.parents == ()


# -------------------------------------------------------------------- inputs


@pytest.mark.parametrize(
    "x",
    [
        [1.0, -2.0],
        (1.0, -2.0),
        [1, -2],
        np.array([1.0, -2.0]),
        np.array([1, -2]),
        [np.float32(1.0), np.int64(-2)],
        [True, -2],
    ],
    ids=["list", "tuple", "ints", "array", "int-array", "numpy-scalars", "bool (as the engine)"],
)
def test_accepted_input_forms_agree(x):
    model = MLP(2, [3, 1], seed=0)
    assert model(x).data == model([1.0, -2.0]).data


def test_value_inputs_receive_gradients():
    model = MLP(2, [3, 1], activation="tanh", seed=0)
    x = [Value(0.1, "a"), Value(0.2, "b")]
    model(x).backward()
    assert x[0].grad != 0.0 and x[1].grad != 0.0


def test_a_bare_number_is_accepted_for_one_input():
    model = MLP(1, [3, 1], seed=0)
    assert model(0.5).data == model([0.5]).data
    assert Neuron(1, seed=0)(Value(2.0)).data == Neuron(1, seed=0)([2.0]).data


@pytest.mark.parametrize("module", [Neuron(3, seed=0), Layer(3, 2, seed=0), MLP(3, [2], seed=0)])
@pytest.mark.parametrize("x", [[1.0, 2.0], [1.0, 2.0, 3.0, 4.0], np.zeros(2)])
def test_wrong_length_says_expected_and_got(module, x):
    with pytest.raises(ValueError, match=f"expected 3 inputs, got {len(x)}"):
        module(x)


def test_two_dimensional_array_is_refused_with_its_shape():
    with pytest.raises(ValueError, match=r"MLP: expected a 1-D input of length 2, got .*\(1, 2\)"):
        MLP(2, [1], seed=0)(np.zeros((1, 2)))


def test_single_number_for_several_inputs_is_a_value_error():
    with pytest.raises(ValueError, match="expected 2 inputs, got a single number"):
        MLP(2, [1], seed=0)(1.0)


@pytest.mark.parametrize("x", ["ab", {"a": 1, "b": 2}, {1.0, 2.0}, None])
def test_input_container_of_the_wrong_type(x):
    with pytest.raises(TypeError, match="MLP: expected a list, tuple or 1-D numpy array"):
        MLP(2, [1], seed=0)(x)


@pytest.mark.parametrize("element", ["1.0", None, [1.0], 1j])
def test_input_element_of_the_wrong_type_names_its_position(element):
    with pytest.raises(TypeError, match="input 1 must be a number or a Value"):
        MLP(2, [1], seed=0)([1.0, element])


# -------------------------------------------------------------- construction


def test_structure_contract():
    model = MLP(2, [16, 16, 1], seed=0)
    assert isinstance(model.layers, list) and all(isinstance(la, Layer) for la in model.layers)
    layer = model.layers[0]
    assert isinstance(layer.neurons, list) and all(isinstance(n, Neuron) for n in layer.neurons)
    neuron = layer.neurons[0]
    assert isinstance(neuron.w, list) and all(isinstance(w, Value) for w in neuron.w)
    assert isinstance(neuron.b, Value)
    assert neuron.activation == "relu"
    assert [w.label for w in neuron.w] == ["w0", "w1"] and neuron.b.label == "b"
    assert model.nin == 2 and model.nouts == [16, 16, 1]
    assert all(isinstance(p, Value) for p in model.parameters())


@pytest.mark.parametrize("nin", [0, -1, 2.5, True, "2"])
def test_bad_nin(nin):
    for build in (lambda: Neuron(nin), lambda: Layer(nin, 2), lambda: MLP(nin, [2])):
        with pytest.raises(ValueError, match="nin must be a positive int"):
            build()


@pytest.mark.parametrize("nout", [0, -3, 1.0, None])
def test_bad_layer_width(nout):
    with pytest.raises(ValueError, match="Layer: nout must be a positive int"):
        Layer(2, nout)
    with pytest.raises(ValueError, match="MLP: every layer width must be a positive int"):
        MLP(2, [4, nout])


@pytest.mark.parametrize("nouts", [[], 16, "16", None])
def test_bad_nouts(nouts):
    with pytest.raises(ValueError, match="MLP: nouts must be a non-empty list"):
        MLP(2, nouts)


def test_unknown_activation_in_a_model():
    with pytest.raises(ValueError, match="unknown name 'sine'"):
        MLP(2, [3, 1], activation="sine")
    with pytest.raises(ValueError, match="unknown name 'soft_max'"):
        MLP(2, [3, 1], output_activation="soft_max")


def test_bad_fan_out():
    with pytest.raises(ValueError, match="Neuron: fan_out must be a positive int"):
        Neuron(2, fan_out=0)
