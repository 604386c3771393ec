"""Benchmark workloads: every engine and the float floor compute the same thing.

Small sizes only; nothing here looks at a clock. The checksums compared are
the output value and every gradient (or trained parameter), so a timing in
the benchmark table always compares engines doing the same arithmetic.
"""

from __future__ import annotations

import math

import pytest

from benchmarks.checksum import Checksum
from benchmarks.engines import OursEngine, load_engine
from benchmarks.moons import make_moons
from benchmarks.suite import TIMED_WORKLOADS
from benchmarks.workloads.arrays import (
    CompiledMLPTrial,
    CompiledTrainTrial,
    NumpyMLPTrial,
    NumpyTrainTrial,
    TraceTrial,
)
from benchmarks.workloads.chain import SCALE, START, ChainTrial, FloatChainTrial
from benchmarks.workloads.dot import DotTrial, FloatDotTrial, dot_inputs
from benchmarks.workloads.mem import FACTOR, float_memory_checksum, measure_graph_memory
from benchmarks.workloads.mlp import (
    L2,
    FloatMLP,
    FloatMLPTrial,
    MLPTrial,
    initial_weights,
    moons_data,
)
from benchmarks.workloads.train import FloatTrainTrial, TrainTrial

WORKLOADS = {w.name: w for w in TIMED_WORKLOADS}
# Small instances of every timed workload: (graph trial for an engine, float floor trial).
SMALL = {
    "dot": (lambda e: DotTrial(e, 300), lambda: FloatDotTrial(300)),
    "chain": (lambda e: ChainTrial(e, 200), lambda: FloatChainTrial(200)),
    "mlp": (lambda e: MLPTrial(e, 12), lambda: FloatMLPTrial(12)),
    "train100": (lambda e: TrainTrial(e, 3, n_points=10), lambda: FloatTrainTrial(3, n_points=10)),
}


def engine(name: str):
    if name == "torch":
        pytest.importorskip("torch")
    if name == "micrograd":
        pytest.importorskip("micrograd")
    loaded = load_engine(name)
    assert loaded is not None
    return loaded


def run(trial) -> Checksum:
    trial.run()
    return trial.checksum()


def ours_checksum(workload: str) -> Checksum:
    return run(SMALL[workload][0](OursEngine()))


def test_every_timed_workload_has_a_small_instance() -> None:
    assert set(SMALL) == {name for name, w in WORKLOADS.items() if w.graph_trial is not None}


# The whole-array contenders (compiled and numpy by hand), small: ours compiled, numpy by hand.
ARRAYS = {
    ("mlp", "compiled"): lambda: CompiledMLPTrial(12),
    ("mlp", "numpy"): lambda: NumpyMLPTrial(12),
    ("train100", "compiled"): lambda: CompiledTrainTrial(3, n_points=10),
    ("train100", "numpy"): lambda: NumpyTrainTrial(3, n_points=10),
}


@pytest.mark.parametrize(("workload", "contender"), list(ARRAYS))
def test_compiled_and_numpy_by_hand_compute_our_checksum(workload: str, contender: str) -> None:
    theirs = run(ARRAYS[workload, contender]())
    assert theirs.mismatch(ours_checksum(workload), 1e-12) is None
    assert contender in WORKLOADS[workload].extra_trials


def test_the_trace_trial_reports_the_plan() -> None:
    checksum = run(TraceTrial(12))
    traced, fused, levels = checksum.grads
    assert fused < traced and levels == 14 and checksum.value <= 100
    assert not WORKLOADS["trace"].graph_trial and "compiled" in WORKLOADS["trace"].extra_trials


@pytest.mark.parametrize("workload", list(SMALL))
@pytest.mark.parametrize("engine_name", ["micrograd", "torch"])
def test_every_engine_computes_our_checksum(workload: str, engine_name: str) -> None:
    theirs = run(SMALL[workload][0](engine(engine_name)))
    assert theirs.mismatch(ours_checksum(workload), WORKLOADS[workload].rel_tol) is None


@pytest.mark.parametrize("workload", list(SMALL))
def test_the_float_floor_computes_our_checksum(workload: str) -> None:
    floor = run(SMALL[workload][1]())
    assert floor.mismatch(ours_checksum(workload), WORKLOADS[workload].rel_tol) is None


def test_the_workload_table_builds_the_same_trials() -> None:
    dot = WORKLOADS["dot"]
    assert run(dot.graph_trial(OursEngine(), 300)) == ours_checksum("dot")
    assert run(dot.float_trial(300)).mismatch(ours_checksum("dot"), 0.0) is None


def test_train_checksum_holds_every_trained_parameter() -> None:
    ours = ours_checksum("train100")
    assert len(ours.grads) == 2 * 16 + 16 + 16 * 16 + 16 + 16 + 1


def test_dot_against_an_independent_sum() -> None:
    a, b = dot_inputs(300)
    checksum = run(FloatDotTrial(300))
    assert checksum.value == pytest.approx(math.fsum(x * y for x, y in zip(a, b)), rel=1e-12)
    assert list(checksum.grads) == b + a  # d/da_i = b_i, d/db_i = a_i


def test_chain_against_its_closed_form() -> None:
    # y_n = 1.0001 y_{n-1} + 0.0001 with every relu active: y_n = S^n (x + 1) - 1, dy/dx = S^n.
    depth = 500
    ours = run(ChainTrial(OursEngine(), depth))
    assert ours.value == pytest.approx(SCALE**depth * (START + 1.0) - 1.0, rel=1e-12)
    assert ours.grads[0] == pytest.approx(SCALE**depth, rel=1e-12)
    assert run(FloatChainTrial(depth)).mismatch(ours, 1e-12) is None


def test_float_mlp_gradient_against_central_differences() -> None:
    """The floor's hand-written backward pass, checked without any engine."""
    points, labels = moons_data(10)
    weights = initial_weights()
    _, grads = FloatMLP(weights).loss_and_gradients(points, labels)
    h = 1e-6
    for layer, neuron, k in [(0, 3, 1), (1, 7, 12), (2, 0, 5), (0, 0, 0)]:

        def loss_with(delta: float, layer=layer, neuron=neuron, k=k) -> float:
            shifted = [[(list(ws), b) for ws, b in lay] for lay in weights]
            ws, b = shifted[layer][neuron]
            ws[k] += delta
            return FloatMLP(shifted).loss_and_gradients(points, labels)[0]

        numeric = (loss_with(h) - loss_with(-h)) / (2 * h)
        assert grads[layer][neuron][0][k] == pytest.approx(numeric, rel=1e-5, abs=1e-8)


def test_float_mlp_bias_gradient_includes_the_l2_term() -> None:
    # A nonzero output bias: its gradient must carry 2 * L2 * b on top of the data term.
    points, labels = moons_data(6)
    weights = initial_weights()
    output_weights, _ = weights[2][0]
    h = 1e-6

    def loss_at(bias: float) -> float:
        weights[2][0] = (output_weights, bias)
        return FloatMLP(weights).loss_and_gradients(points, labels)[0]

    numeric = (loss_at(3.0 + h) - loss_at(3.0 - h)) / (2 * h)
    weights[2][0] = (output_weights, 3.0)
    analytic = FloatMLP(weights).loss_and_gradients(points, labels)[1][2][0][1]
    assert analytic == pytest.approx(numeric, rel=1e-6)
    assert abs(analytic - numeric) < 2 * L2 * 3.0 / 100  # the L2 term is not lost in the noise


@pytest.mark.parametrize("engine_name", ["ours", "micrograd"])
def test_memory_measurement_computes_the_same_sum(engine_name: str) -> None:
    result = measure_graph_memory(engine(engine_name), 400)
    assert result.ops == 799
    assert math.isfinite(result.bytes_per_op) and result.bytes_per_op > 0
    assert result.checksum.mismatch(float_memory_checksum(400), 1e-12) is None
    assert set(result.checksum.grads) == {FACTOR}


def test_moons_are_deterministic_and_balanced() -> None:
    points, labels = make_moons(100, seed=3)
    again, _ = make_moons(100, seed=3)
    other, _ = make_moons(100, seed=4)
    assert points.shape == (100, 2)
    assert (points == again).all() and not (points == other).all()
    assert sorted(set(labels.tolist())) == [-1.0, 1.0] and labels.sum() == 0.0


def test_moons_without_noise_lie_on_the_two_half_circles() -> None:
    points, labels = make_moons(20, noise=0.0)
    for (x, y), label in zip(points.tolist(), labels.tolist()):
        cx, cy = (0.0, 0.0) if label < 0 else (1.0, 0.5)
        assert math.hypot(x - cx, y - cy) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: DotTrial(OursEngine(), 0),
            "dot: the number of pairs must be a positive int, got 0",
        ),
        (lambda: ChainTrial(OursEngine(), -3), "chain: depth must be a positive int, got -3"),
        (lambda: FloatChainTrial(2.5), "chain: depth must be a positive int, got 2.5"),
        (lambda: TrainTrial(OursEngine(), 0), "train100: the number of steps must be"),
        (lambda: moons_data(0), "mlp: the number of points must be a positive int, got 0"),
        (lambda: make_moons(1), "make_moons: need at least 2 points, got n=1"),
        (lambda: make_moons(10, noise=-1.0), "make_moons: noise must be non-negative, got -1.0"),
        (lambda: load_engine("jax"), "load_engine: unknown engine 'jax'"),
    ],
)
def test_bad_sizes_and_names_raise_clear_errors(make, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        make()
