"""nn.activations: the name registry, against the engine's own methods."""

from __future__ import annotations

import math

import pytest

from autograd import Value
from nn import ACTIVATIONS, Neuron, get_activation
from nn.activations import activation_name

ENGINE_ACTIVATIONS = ("relu", "leaky_relu", "elu", "gelu", "tanh", "sigmoid", "softplus")


def test_every_engine_activation_and_linear_is_registered():
    assert set(ENGINE_ACTIVATIONS) | {"linear"} <= set(ACTIVATIONS)


@pytest.mark.parametrize("name", ENGINE_ACTIVATIONS)
@pytest.mark.parametrize("x", [-2.5, -0.3, 0.0, 0.7, 3.0])
def test_registered_function_is_the_engine_method(name, x):
    expected = getattr(Value(x), name)()
    got = get_activation(name)(Value(x))
    assert got.data == expected.data
    assert got.op == expected.op


def test_gelu_tanh_is_the_tanh_approximation():
    x = 0.8
    inner = math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)
    assert get_activation("gelu_tanh")(Value(x)).data == pytest.approx(
        0.5 * x * (1 + math.tanh(inner)), rel=1e-15
    )


def test_linear_adds_no_node():
    x = Value(1.5)
    assert get_activation("linear")(x) is x
    assert get_activation(None)(x) is x


def test_names_are_case_insensitive():
    assert get_activation("ReLU") is get_activation("relu")


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(ValueError, match="unknown name 'swish'") as info:
        get_activation("swish")
    for name in ACTIVATIONS:
        assert name in str(info.value)


@pytest.mark.parametrize("bad", [3, 1.5, ["relu"]])
def test_neither_name_nor_callable_is_a_type_error(bad):
    with pytest.raises(TypeError, match="activation: expected a name"):
        get_activation(bad)


def test_a_callable_is_used_as_is_and_named_by_its_name():
    def double(v: Value) -> Value:
        return v * 2.0

    assert get_activation(double) is double
    assert activation_name(double) == "double"
    neuron = Neuron(1, double, seed=0)
    neuron.w[0].data = 3.0
    assert neuron([2.0]).data == 12.0
    assert neuron.activation is double
    assert "activation='double'" in repr(neuron)


def test_neuron_stores_the_name_lowercased():
    assert Neuron(2, "TanH", seed=0).activation == "tanh"
    assert Neuron(2, None, seed=0).activation == "linear"
