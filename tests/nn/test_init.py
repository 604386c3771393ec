"""nn.init: seeded, deterministic schemes with the documented scales."""

from __future__ import annotations

import math
import random
import statistics

import pytest

from nn import MLP, Layer, Neuron, init_weights
from nn.init import resolve_scheme
from nn.seeding import make_rng


def weights(model):
    return [p.data for p in model.parameters()]


@pytest.mark.parametrize(
    "scheme", ["uniform", "xavier", "xavier_normal", "he", "he_uniform", "auto"]
)
def test_same_seed_same_weights_other_seed_other_weights(scheme):
    a = MLP(3, [5, 2], init=scheme, seed=7)
    b = MLP(3, [5, 2], init=scheme, seed=7)
    c = MLP(3, [5, 2], init=scheme, seed=8)
    assert weights(a) == weights(b)
    assert weights(a) != weights(c)


def test_no_seed_draws_fresh_weights():
    assert weights(MLP(4, [8, 1])) != weights(MLP(4, [8, 1]))


def test_neurons_of_a_layer_differ():
    layer = Layer(3, 4, seed=0)
    rows = [tuple(p.data for p in n.w) for n in layer.neurons]
    assert len(set(rows)) == 4


def test_biases_start_at_zero():
    for neuron in Layer(3, 4, seed=0).neurons:
        assert neuron.b.data == 0.0


def test_a_shared_random_instance_is_used_as_the_stream():
    rng = random.Random(3)
    first = Neuron(2, seed=rng)
    second = Neuron(2, seed=rng)
    assert weights(first) != weights(second)
    rng = random.Random(3)
    assert weights(Neuron(2, seed=rng)) == weights(first)


def test_uniform_is_minus_one_to_one():
    w = init_weights("uniform", 5000, seed=0)
    assert -1.0 <= min(w) < -0.99 and 0.99 < max(w) <= 1.0


def test_xavier_uniform_bound():
    fan_in, fan_out = 30, 10
    bound = math.sqrt(6 / (fan_in + fan_out))
    w = [x for s in range(200) for x in init_weights("xavier", fan_in, fan_out, seed=s)]
    assert max(abs(x) for x in w) <= bound
    assert max(abs(x) for x in w) > 0.99 * bound


@pytest.mark.parametrize(
    ("scheme", "fan_in", "fan_out", "std"),
    [
        ("he", 50, 1, math.sqrt(2 / 50)),
        ("xavier_normal", 40, 10, math.sqrt(2 / 50)),
        ("he_uniform", 50, 1, math.sqrt(6 / 50) / math.sqrt(3)),  # U(-a, a) has std a/sqrt(3)
    ],
)
def test_standard_deviations(scheme, fan_in, fan_out, std):
    w = [x for s in range(400) for x in init_weights(scheme, fan_in, fan_out, seed=s)]
    assert statistics.pstdev(w) == pytest.approx(std, rel=0.02)
    assert statistics.fmean(w) == pytest.approx(0.0, abs=0.02 * std)


def test_auto_picks_he_for_relu_family_and_xavier_otherwise():
    for act in ("relu", "leaky_relu", "elu", "gelu"):
        assert resolve_scheme("auto", act) == "he"
    for act in ("tanh", "sigmoid", "linear", "softplus"):
        assert resolve_scheme("auto", act) == "xavier"
    relu = Neuron(6, "relu", seed=1, fan_out=3)
    assert weights(relu)[:6] == init_weights("he", 6, 3, seed=1)
    tanh = Neuron(6, "tanh", seed=1, fan_out=3)
    assert weights(tanh)[:6] == init_weights("xavier", 6, 3, seed=1)


def test_aliases():
    assert init_weights("glorot", 4, 2, seed=0) == init_weights("xavier", 4, 2, seed=0)
    assert init_weights("kaiming", 4, seed=0) == init_weights("he", 4, seed=0)
    assert init_weights("HE", 4, seed=0) == init_weights("he", 4, seed=0)


def test_unknown_scheme_lists_the_valid_ones():
    with pytest.raises(ValueError, match="unknown scheme 'orthogonal'.*xavier"):
        MLP(2, [3], init="orthogonal", seed=0)


def test_scheme_must_be_a_string():
    with pytest.raises(TypeError, match="init: expected a scheme name"):
        init_weights(None, 3)


@pytest.mark.parametrize("fan", [0, -1, 2.0, True])
def test_bad_fan_in(fan):
    with pytest.raises(ValueError, match="fan_in must be a positive int"):
        init_weights("he", fan)


@pytest.mark.parametrize("seed", ["1", 1.5, True, [1]])
def test_bad_seed_is_a_type_error(seed):
    with pytest.raises(TypeError, match="seed: expected an int"):
        make_rng(seed)
    with pytest.raises(TypeError, match="seed"):
        MLP(2, [3], seed=seed)
