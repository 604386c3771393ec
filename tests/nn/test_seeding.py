"""nn.seeding: one Seed convention (int, None, random.Random, numpy Generator) everywhere."""

from __future__ import annotations

import random

import numpy as np
import pytest

from nn import MLP, SGD, fit, hinge_loss, make_moons, minibatches, train_test_split
from nn.seeding import make_generator, make_rng


def weights(model: MLP) -> list[float]:
    return [p.data for p in model.parameters()]


def numpy_seed() -> np.random.Generator:
    return np.random.default_rng(0)


def python_seed() -> random.Random:
    return random.Random(0)


SEED_KINDS = [0, python_seed, numpy_seed]
SEED_IDS = ["int", "random.Random", "numpy.Generator"]


def fresh(kind):
    """A new seed object of this kind, always in the same state."""
    return kind() if callable(kind) else kind


def test_a_generator_of_the_same_kind_is_shared():
    rng, gen = random.Random(1), np.random.default_rng(1)
    assert make_rng(rng) is rng
    assert make_generator(gen) is gen


def test_the_other_kind_is_derived_deterministically_and_advanced():
    a = make_generator(random.Random(5)).random(4)
    b = make_generator(random.Random(5)).random(4)
    assert a.tolist() == b.tolist()
    rng = random.Random(5)
    first, second = make_generator(rng).random(4), make_generator(rng).random(4)
    assert first.tolist() != second.tolist()  # the Random advanced: a new stream each time

    c = make_rng(np.random.default_rng(5)).random()
    d = make_rng(np.random.default_rng(5)).random()
    assert c == d
    gen = np.random.default_rng(5)
    assert make_rng(gen).random() != make_rng(gen).random()


def test_int_and_none_seeds():
    assert make_rng(3).random() == random.Random(3).random()
    assert make_generator(3).random() == np.random.default_rng(3).random()
    assert make_rng(None).random() != make_rng(None).random()
    assert make_generator(None).random() != make_generator(None).random()


@pytest.mark.parametrize("seed", ["1", 1.5, True, False, [1], np.random.RandomState(0)])
@pytest.mark.parametrize("make", [make_rng, make_generator])
def test_anything_else_is_a_type_error_naming_the_type(make, seed):
    with pytest.raises(TypeError, match=f"seed: expected .*got {type(seed).__name__}"):
        make(seed)


@pytest.mark.parametrize("kind", SEED_KINDS, ids=SEED_IDS)
def test_mlp_accepts_every_kind_and_is_deterministic(kind):
    assert weights(MLP(2, [3, 1], seed=fresh(kind))) == weights(MLP(2, [3, 1], seed=fresh(kind)))


@pytest.mark.parametrize("kind", SEED_KINDS, ids=SEED_IDS)
def test_make_moons_accepts_every_kind_and_is_deterministic(kind):
    X1, y1 = make_moons(20, noise=0.1, seed=fresh(kind))
    X2, y2 = make_moons(20, noise=0.1, seed=fresh(kind))
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)


@pytest.mark.parametrize("kind", SEED_KINDS, ids=SEED_IDS)
def test_train_test_split_accepts_every_kind_and_is_deterministic(kind):
    X, y = make_moons(20, seed=0)
    first = train_test_split(X, y, seed=fresh(kind))
    second = train_test_split(X, y, seed=fresh(kind))
    assert all(np.array_equal(a, b) for a, b in zip(first, second))


@pytest.mark.parametrize("kind", SEED_KINDS, ids=SEED_IDS)
def test_minibatches_accept_every_kind_and_are_deterministic(kind):
    X, y = make_moons(20, seed=0)
    first = [b[1].tolist() for b in minibatches(X, y, 6, seed=fresh(kind))]
    second = [b[1].tolist() for b in minibatches(X, y, 6, seed=fresh(kind))]
    assert first == second


@pytest.mark.parametrize("kind", SEED_KINDS, ids=SEED_IDS)
def test_fit_accepts_every_kind_and_is_deterministic(kind):
    X, y = make_moons(12, noise=0.1, seed=0)

    def train() -> list[float]:
        model = MLP(2, [4, 1], seed=fresh(kind))
        optimizer = SGD(model.parameters(), lr=0.1)
        fit(model, X, 2 * y - 1, hinge_loss, optimizer, steps=3, batch_size=5, seed=fresh(kind))
        return weights(model)

    assert train() == train()


def test_every_kind_of_seed_is_accepted_by_mlp_and_fit():
    MLP(2, [1], seed=np.random.default_rng(0))
    X, y = make_moons(10, seed=0)
    model = MLP(2, [1], seed=0)
    fit(model, X, 2 * y - 1, "hinge", SGD(model, lr=0.1), steps=1, seed=random.Random(0))
