"""What the suite runs: contenders, workloads, sizes, and how each timed cell is timed.

pyperf does the timing (worker processes, calibration, warm-up, statistics);
this module only says what one loop of each cell is. Every loop collects the
garbage of earlier loops first, outside the clock, and the clock is the
process's CPU time: on a shared machine, wall-clock time also counts other jobs.
"""

from __future__ import annotations

import gc
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from time import process_time
from typing import Any

from .engines import ENGINE_NAMES, load_engine
from .workloads.arrays import CompiledMLP, NumpyMLP, TraceTrial
from .workloads.chain import ChainTrial, FloatChainTrial
from .workloads.dot import DotTrial, FloatDotTrial
from .workloads.fit import FitDemo
from .workloads.mlp import EagerMLP, FloatMLPJob, Job, learning_rate

FLOATS, COMPILED, NUMPY = "floats", "compiled", "numpy"
CONTENDERS = (*ENGINE_NAMES, FLOATS, COMPILED, NUMPY)
DISPLAY_NAMES = {COMPILED: "ours (compiled)", NUMPY: "numpy by hand"}
SLOW_TRAINERS = ("micrograd", "torch")  # the whole demo takes them minutes: `--full-demo`
WORKLOADS = ("dot", "chain", "mlp", "trace", "fit", "train100", "mem", "depth", "gc")
TIMED = ("dot", "chain", "mlp", "trace", "fit")  # by pyperf; the rest in `benchmarks.probe`
RUNS: dict[str, tuple[str, ...]] = {
    "dot": (*ENGINE_NAMES, FLOATS),
    "chain": (*ENGINE_NAMES, FLOATS),
    "mlp": CONTENDERS,
    "trace": (COMPILED,),
    "fit": ("ours", COMPILED),  # nn.fit eager, nn.fit(compile=True)
    "train100": ("ours", FLOATS, COMPILED, NUMPY, *SLOW_TRAINERS),
    "mem": ("ours", "micrograd"),  # tracemalloc cannot see PyTorch's C++ memory
    "depth": ("ours", "micrograd"),
    "gc": ("ours", "micrograd"),  # the cyclic collector's share of `dot`
}


@dataclass(frozen=True)
class Sizes:
    dot: int = 100_000  # pairs
    chain: int = 100_000  # levels
    points: int = 100  # moons, for mlp, trace, fit, train100
    steps: int = 100  # train100; and steps per loop of a warm array contender
    eager_fit_steps: int = 10  # steps per loop of eager fit (70 ms each)
    mem: int = 100_000  # products
    depth: int = 1_000_000  # the deep chain


FULL, QUICK = Sizes(), Sizes(10_000, 10_000, 30, 10, 2, 10_000, 100_000)

DESCRIPTIONS = {
    "dot": "sum a_i*b_i over {s.dot:,} pairs, forward + backward",
    "chain": "relu(x*1.0001+0.0001) nested {s.chain:,} deep, then backward",
    "mlp": "one SGD step of MLP(2,[16,16,1]) on {s.points} moons, hinge + L2",
    "mlp-first": "the first of those steps (array contenders: right after tracing)",
    "trace": "tracing and planning that step (one sample's vmap plan + the L2 plan, once)",
    "fit": "nn.fit on the demo ({s.points} moons), per step",
    "fit-first": "per step of the first fit call of {s.steps} steps on a fresh model",
}


def installed(contender: str) -> bool:
    module = {"micrograd": "micrograd", "torch": "torch"}.get(contender)
    return module is None or importlib.util.find_spec(module) is not None


def runs(workload: str, contender: str, full_demo: bool = False) -> bool:
    if workload == "train100" and contender in SLOW_TRAINERS and not full_demo:
        return False
    return contender in RUNS[workload]


def make_job(contender: str, n_points: int) -> Job:
    """The `mlp` training job of a contender (model made, compiled ones traced: untimed)."""
    if contender == FLOATS:
        return FloatMLPJob(n_points)
    if contender == COMPILED:
        return CompiledMLP(n_points)
    if contender == NUMPY:
        return NumpyMLP(n_points)
    engine = load_engine(contender)
    assert engine is not None, f"{contender} is not installed"
    return EagerMLP(engine, n_points)


def make_trial(workload: str, contender: str, size: int) -> Any:
    """A fresh `dot` or `chain` instance (leaves made: untimed); `run()` is the timed part."""
    floor, graph = {"dot": (FloatDotTrial, DotTrial), "chain": (FloatChainTrial, ChainTrial)}[
        workload
    ]
    return floor(size) if contender == FLOATS else graph(load_engine(contender), size)


TimeFunc = Callable[[int], float]


def fresh_timer(make: Callable[[], Any]) -> TimeFunc:
    """Each loop times ``run()`` of a new instance: a graph built from fresh leaves."""

    def time_func(loops: int) -> float:
        total = 0.0
        for _ in range(loops):
            trial = make()
            gc.collect()
            start = process_time()
            trial.run()
            total += process_time() - start
        return total

    return time_func


def warm_timer(make: Callable[[], Any], train: Callable[[Any], None]) -> TimeFunc:
    """One instance per process, made at the first loop and trained on: each loop times
    ``train(instance)``; pyperf's warm-up loops are not counted."""
    made: list[Any] = []

    def time_func(loops: int) -> float:
        if not made:
            made.append(make())
        total = 0.0
        for _ in range(loops):
            gc.collect()
            start = process_time()
            train(made[0])
            total += process_time() - start
        return total

    return time_func


def steps_of(job: Job, steps: int) -> None:
    for k in range(steps):
        job.step(learning_rate(k, steps))


def timer(workload: str, contender: str, s: Sizes) -> tuple[TimeFunc, int]:
    """The time function of one cell and its inner loops (the steps one loop runs)."""
    if workload in ("dot", "chain"):
        size = s.dot if workload == "dot" else s.chain
        return fresh_timer(lambda: make_trial(workload, contender, size)), 1
    if workload == "trace":
        return fresh_timer(lambda: TraceTrial(s.points)), 1
    if workload == "fit":
        steps = s.steps if contender == COMPILED else s.eager_fit_steps
        demo = lambda: FitDemo(s.points, compile=contender == COMPILED)  # noqa: E731
        return warm_timer(demo, lambda d: d.train(steps)), steps
    # mlp: eager engines build a new graph every step anyway; the array contenders are
    # timed warm, over `s.steps` steps per loop, their first step is `train100`'s step 1.
    steps = s.steps if contender in (COMPILED, NUMPY) else 1
    return warm_timer(lambda: make_job(contender, s.points), lambda j: steps_of(j, steps)), steps
