"""The workloads against independent references: closed forms, central differences, the
eager fit, a wrong gradient; bad sizes (small sizes; no clock is read)."""

from __future__ import annotations

import math
import re

import pytest

from benchmarks import workloads
from benchmarks.engines import OursEngine, load_engine
from benchmarks.suite import make_job, make_trial
from benchmarks.workloads import Checksum, chain, computed, float_chain, mlp
from benchmarks.workloads.mlp import FitDemo, FloatMLP, make_moons, step_checksum, train_log


def test_checksums_tolerate_rounding_but_catch_a_wrong_value_or_gradient() -> None:
    reference = Checksum(1.0, (0.5, -2.0, 1e-17))
    assert Checksum(1.0 + 1e-15, (0.5, -2.0, -1e-17)).mismatch(reference, 1e-9) is None
    assert "gradient 1" in Checksum(1.0, (0.5, -2.001, 0.0)).mismatch(reference, 1e-9)
    assert "value" in Checksum(1.1, (0.5, -2.0, 0.0)).mismatch(reference, 1e-9)
    assert "expected 3 gradients, got 2" in Checksum(1.0, (0.5, -2.0)).mismatch(reference, 1e-9)
    floor = step_checksum(FloatMLP(12))
    job = make_job("numpy", 12)
    job.b[2] += 1e-3  # the output bias, off by a little
    # The loss moves by 1e-10 only, within tolerance; the bias's gradient (its L2 term) does not.
    assert "gradient 336" in (step_checksum(job).mismatch(floor, 1e-9) or "")


def test_compiled_fit_trains_as_eager_fit() -> None:
    eager, compiled = FitDemo(12, compile=False), FitDemo(12, compile=True)
    assert compiled.train(3) == pytest.approx(eager.train(3), rel=1e-9)
    assert compiled.params() == pytest.approx(eager.params(), rel=1e-9)
    assert compiled.train(2) == pytest.approx(eager.train(2), rel=1e-9)  # a second call


def test_the_dot_and_chain_floors_against_closed_forms() -> None:
    a, b = workloads.dot_inputs(300)
    dot = computed(workloads.float_dot(300))
    assert dot.value == pytest.approx(math.fsum(x * y for x, y in zip(a, b)), rel=1e-12)
    assert list(dot.grads) == b + a  # d/da_i = b_i, d/db_i = a_i
    # y_n = 1.0001 y_{n-1} + 0.0001 with every relu active: y_n = S^n (x + 1) - 1, dy/dx = S^n.
    ours = computed(chain(OursEngine(), 500))
    scale = workloads.SCALE**500
    assert ours.value == pytest.approx(scale * (workloads.START + 1.0) - 1.0, rel=1e-12)
    assert ours.grads[0] == pytest.approx(scale, rel=1e-12)
    assert computed(float_chain(500)).mismatch(ours, 1e-12) is None


def test_float_mlp_gradient_against_central_differences() -> None:
    """The floor's hand-written backward pass, without any engine (an output bias of 3, so that
    its L2 term counts)."""
    weights = mlp.initial_weights()
    weights[2][0] = (weights[2][0][0], 3.0)
    _, grads = FloatMLP(10, weights).loss_and_gradients()

    def loss_with(layer: int, neuron: int, k: int, delta: float) -> float:
        model = FloatMLP(10, weights)  # its own copy of the weights
        ws, b = model.weights[layer][neuron]
        if k < 0:  # the bias
            model.weights[layer][neuron] = (ws, b + delta)
        else:
            ws[k] += delta
        return model.loss_and_gradients()[0]

    for case in [(0, 3, 1), (1, 7, 12), (2, 0, 5), (0, 0, 0), (2, 0, -1)]:
        numeric = (loss_with(*case, 1e-6) - loss_with(*case, -1e-6)) / 2e-6
        ws, b = grads[case[0]][case[1]]
        assert (b if case[2] < 0 else ws[case[2]]) == pytest.approx(numeric, rel=1e-5, abs=1e-8)
    assert abs(grads[2][0][1]) > 2 * mlp.L2 * 3.0  # the bias carries its L2 term


def test_moons_are_deterministic_balanced_and_on_the_half_circles() -> None:
    points, labels = make_moons(100, seed=3)
    assert (points == make_moons(100, seed=3)[0]).all()
    assert not (points == make_moons(100, seed=4)[0]).all()
    assert sorted(set(labels.tolist())) == [-1.0, 1.0] and labels.sum() == 0.0
    for (x, y), label in zip(*(a.tolist() for a in make_moons(20, noise=0.0))):
        cx, cy = (0.0, 0.0) if label < 0 else (1.0, 0.5)
        assert math.hypot(x - cx, y - cy) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: make_trial("dot", "ours", 0), "dot: the number of pairs must be a positive int"),
        (lambda: chain(OursEngine(), -3), "chain: depth must be a positive int, got -3"),
        (lambda: float_chain(2.5), "chain: depth must be a positive int, got 2.5"),
        (lambda: train_log(FloatMLP(4), 0), "train100: the number of steps must be"),
        (lambda: mlp.moons_data(0), "mlp: the number of points must be a positive int, got 0"),
        (lambda: FitDemo(0, compile=True), "fit: the number of points must be a positive int"),
        (lambda: make_moons(1), "make_moons: need at least 2 points, got n=1"),
        (lambda: make_moons(10, noise=-1.0), "make_moons: noise must be non-negative, got -1.0"),
        (lambda: load_engine("jax"), "load_engine: unknown engine 'jax'"),
    ],
)  # fmt: skip
def test_bad_sizes_and_names_raise_clear_errors(make, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        make()
