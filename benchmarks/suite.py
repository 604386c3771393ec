"""The benchmark suite: which workloads, at which sizes, for which engines."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from .engines import ENGINE_NAMES, Engine, load_engine
from .trial import Trial, Workload
from .workloads.arrays import (
    CompiledMLPTrial,
    CompiledTrainTrial,
    NumpyMLPTrial,
    NumpyTrainTrial,
    TraceTrial,
)
from .workloads.chain import ChainTrial, FloatChainTrial
from .workloads.dot import DotTrial, FloatDotTrial
from .workloads.mlp import FloatMLPTrial, MLPTrial
from .workloads.train import FloatTrainTrial, TrainTrial

FLOATS = "floats"
# Whole-array contenders: ours traced once and replayed on numpy arrays,
# and the same job written by hand in numpy. They run `mlp`, `train100` and `trace`.
COMPILED, NUMPY = "compiled", "numpy"
ARRAY_CONTENDERS = (COMPILED, NUMPY)
CONTENDER_NAMES = (*ENGINE_NAMES, FLOATS, *ARRAY_CONTENDERS)
DISPLAY_NAMES = {COMPILED: "ours (compiled)", NUMPY: "numpy by hand"}
# The slowest engines run the whole 100-step demo only when asked (`--full-demo`):
# it takes them minutes; their single step is timed by `mlp` in every run.
SLOW_TRAINERS = ("micrograd", "torch")

TIMED_WORKLOADS = (
    Workload(
        "dot",
        "sum a_i*b_i over {size:,} pairs, forward + backward",
        size=100_000,
        quick_size=10_000,
        runs=5,
        rel_tol=1e-9,
        graph_trial=DotTrial,
        float_trial=FloatDotTrial,
    ),
    Workload(
        "chain",
        "relu(x*1.0001+0.0001) nested {size:,} deep, then backward",
        size=100_000,
        quick_size=10_000,
        runs=5,
        rel_tol=1e-9,
        graph_trial=ChainTrial,
        float_trial=FloatChainTrial,
    ),
    Workload(
        "mlp",
        "one SGD step of MLP(2,[16,16,1]) on {size} moons, hinge + L2",
        size=100,
        quick_size=30,
        runs=5,
        rel_tol=1e-9,
        graph_trial=MLPTrial,
        float_trial=FloatMLPTrial,
        extra_trials={COMPILED: CompiledMLPTrial, NUMPY: NumpyMLPTrial},
    ),
    Workload(
        "trace",
        "tracing and planning the mlp step on {size} moons (autograd.jit, once)",
        size=100,
        quick_size=30,
        runs=5,
        rel_tol=0.0,
        graph_trial=None,
        float_trial=None,
        extra_trials={COMPILED: TraceTrial},
    ),
    Workload(
        "train100",
        "the whole demo: {size} SGD steps on 100 moons, lr 1.0 -> 0.1",
        size=100,
        quick_size=10,
        runs=1,
        rel_tol=1e-6,  # 100 steps compound rounding differences a little
        graph_trial=TrainTrial,
        float_trial=FloatTrainTrial,
        extra_trials={COMPILED: CompiledTrainTrial, NUMPY: NumpyTrainTrial},
    ),
)
WORKLOADS_BY_NAME = {w.name: w for w in TIMED_WORKLOADS}
WORKLOAD_NAMES = (*WORKLOADS_BY_NAME, "mem", "depth")

MEM_SIZE, MEM_QUICK_SIZE = 100_000, 10_000
DEEP_CHAIN, DEEP_CHAIN_QUICK = 1_000_000, 100_000
QUICK_RUNS = 3
MIN_RUNS = 3  # a timed cell with several runs never gets fewer than this...
CELL_BUDGET_SECONDS = 10.0  # ...but stops adding runs past this much timing


@dataclass(frozen=True)
class Plan:
    """What to run: workload names, quick sizes or not, runs per cell, the full demo or not."""

    workloads: tuple[str, ...] = WORKLOAD_NAMES
    quick: bool = False
    runs: int | None = None
    full_demo: bool = False

    def size(self, workload: Workload) -> int:
        return workload.quick_size if self.quick else workload.size

    def max_runs(self, workload: Workload) -> int:
        if self.runs is not None:
            return self.runs
        return min(workload.runs, QUICK_RUNS) if self.quick else workload.runs

    def runs_workload(self, contender: str, workload: str) -> bool:
        if workload not in self.workloads:
            return False
        timed = WORKLOADS_BY_NAME.get(workload)
        if timed is not None:
            if contender in ARRAY_CONTENDERS:
                return contender in timed.extra_trials
            trial = timed.float_trial if contender == FLOATS else timed.graph_trial
            if trial is None:
                return False
        return not (workload == "train100" and contender in SLOW_TRAINERS and not self.full_demo)


@dataclass(frozen=True)
class Contender:
    """One column of the table: an engine adapter, or the float floor (``engine`` None)."""

    name: str
    version: str
    engine: Engine | None

    def trial(self, workload: Workload, size: int) -> Trial:
        if self.name in workload.extra_trials:
            return workload.extra_trials[self.name](size)
        if self.engine is None:
            assert workload.float_trial is not None
            return workload.float_trial(size)
        assert workload.graph_trial is not None
        return workload.graph_trial(self.engine, size)


def load_contender(name: str) -> Contender | None:
    """The contender called ``name``, or None when its engine is not installed."""
    if name == FLOATS:
        return Contender(FLOATS, f"Python {sys.version.split()[0]}", None)
    if name in ARRAY_CONTENDERS:
        import numpy

        return Contender(name, f"numpy {numpy.__version__}", None)
    engine = load_engine(name)
    return None if engine is None else Contender(name, engine.version(), engine)
