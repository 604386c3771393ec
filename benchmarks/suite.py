"""What the suite runs: contenders, workloads, sizes, one pyperf loop of each cell, the probe."""

from __future__ import annotations

import gc
import importlib.util
import json
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from time import process_time
from typing import Any

import numpy as np

from . import workloads
from .engines import ENGINES, load_engine
from .workloads import Checksum, Trial, computed
from .workloads.arrays import CompiledMLP, NumpyMLP, TraceTrial
from .workloads.mlp import EagerMLP, FitDemo, FloatMLP, Job, learning_rate, step_checksum, train_log

FLOATS, COMPILED, NUMPY = "floats", "compiled", "numpy"
CONTENDERS = (*ENGINES, FLOATS, COMPILED, NUMPY)
DISPLAY_NAMES = {COMPILED: "ours (compiled)", NUMPY: "numpy by hand"}
PEERS = ("micrograd", "torch")  # optional; the whole demo takes them minutes (`--full-demo`)
WORKLOADS = ("dot", "chain", "mlp", "trace", "fit", "train100", "mem", "depth", "gc")
TIMED = ("dot", "chain", "mlp", "trace", "fit")  # by pyperf; the rest by the probe
RUNS: dict[str, tuple[str, ...]] = {
    "dot": (*ENGINES, FLOATS),
    "chain": (*ENGINES, FLOATS),
    "mlp": CONTENDERS,
    "trace": (COMPILED,),
    "fit": ("ours", COMPILED),  # nn.fit eager, nn.fit(compile=True)
    "train100": ("ours", FLOATS, COMPILED, NUMPY, *PEERS),
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


def installed(contender: str) -> bool:
    return contender not in PEERS or importlib.util.find_spec(contender) is not None


def runs(workload: str, contender: str, full_demo: bool = False) -> bool:
    slow = workload == "train100" and contender in PEERS and not full_demo
    return contender in RUNS[workload] and not slow


def make_job(contender: str, n_points: int) -> Job:
    """The `mlp` training job of a contender (model made, compiled ones traced: untimed)."""
    arrays = {FLOATS: FloatMLP, COMPILED: CompiledMLP, NUMPY: NumpyMLP}
    if contender in arrays:
        return arrays[contender](n_points)
    return EagerMLP(load_engine(contender), n_points)


def make_trial(workload: str, contender: str, size: int) -> Trial:
    """A fresh `dot` or `chain` trial: its leaves made (untimed), ready to run."""
    if contender == FLOATS:
        return getattr(workloads, f"float_{workload}")(size)
    return getattr(workloads, workload)(load_engine(contender), size)


TimeFunc = Callable[[int], float]


def cpu_timer(make: Callable[[], Any], train: Callable[[Any], object] | None = None) -> TimeFunc:
    """pyperf's time function. Without ``train``, each loop times a fresh ``make()()`` (a graph
    of fresh leaves); with it, one ``make()`` per process is trained on, each loop timing
    ``train(it)`` (pyperf's warm-up values are not counted)."""
    made: list[Any] = []

    def time_func(loops: int) -> float:
        total = 0.0
        for _ in range(loops):
            if train is None or not made:
                made[:] = [make()]
            gc.collect()
            start = process_time()
            done = made[0]() if train is None else train(made[0])
            total += process_time() - start
            del done  # a graph made by the run is freed off the clock
        return total

    return time_func


def timer(workload: str, contender: str, s: Sizes) -> tuple[TimeFunc, int]:
    """The time function of one cell and its inner loops (the steps one loop runs)."""
    if workload in ("dot", "chain"):
        return cpu_timer(lambda: make_trial(workload, contender, getattr(s, workload))), 1
    if workload == "trace":
        return cpu_timer(lambda: TraceTrial(s.points).run), 1
    if workload == "fit":
        steps = s.steps if contender == COMPILED else s.eager_fit_steps
        demo = lambda: FitDemo(s.points, compile=contender == COMPILED)  # noqa: E731
        return cpu_timer(demo, lambda d: d.train(steps)), steps
    # mlp: eager engines build a new graph every step anyway; the array contenders are timed
    # warm, `s.steps` steps per loop (their first step, right after tracing, is train100's).
    steps = s.steps if contender in (COMPILED, NUMPY) else 1

    def train(job: Job) -> None:
        for k in range(steps):
            job.step(learning_rate(k, steps))

    return cpu_timer(lambda: make_job(contender, s.points), train), steps


def collector_share(make: Callable[[], Trial], runs: int = 3) -> tuple[float, float, int]:
    """CPU seconds of a trial with the cyclic collector on and off (medians of alternating
    runs), and the objects it finds once that graph is dropped (0: no reference cycles)."""
    seconds: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(runs):
        for on in (True, False):
            time_func = cpu_timer(make)
            (gc.enable if on else gc.disable)()
            try:
                seconds[on].append(time_func(1))
            finally:
                gc.enable()
            del time_func  # the trial; after a run with the collector off, its cycles are left
            left = gc.collect()
    return statistics.median(seconds[True]), statistics.median(seconds[False]), left


# backward() called from a script's top level, as a learner would: no one else's stack counts.
_FAILURE_DEPTH_SCRIPT = """
import sys
from micrograd.engine import Value

sys.setrecursionlimit({limit})
low, high = 0, {limit}  # depth {limit} surely fails: at least one frame per level
while high - low > 1:
    middle = (low + high) // 2
    y = Value({w.START})
    for _ in range(middle):
        y = (y * {w.SCALE} + {w.SHIFT}).relu()
    try:
        y.backward()
        low = middle
    except RecursionError:
        high = middle
print(high)
"""


def micrograd_failure_depth(recursion_limit: int = 1000) -> int:
    """The first chain depth whose backward raises RecursionError in micrograd, from the top
    level of a script run with this recursion limit (CPython's default: 1000)."""
    script = _FAILURE_DEPTH_SCRIPT.format(limit=recursion_limit, w=workloads)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


def probe(contender: str, only: Sequence[str], s: Sizes, full_demo: bool) -> dict[str, Any]:
    """What is measured once, in a process of its own: the checks against the float floor,
    train100's steps and GC objects, mem, depth, gc, the plan's size, the first fit call."""
    engine = load_engine(contender) if contender in ENGINES else None
    other = f"Python {sys.version.split()[0]}" if contender == FLOATS else f"numpy {np.__version__}"
    meta: dict[str, Any] = {"sizes": "quick" if s == QUICK else "full"}
    meta["version"] = engine.version if engine is not None else other
    steps: list[float] = []

    def wanted(workload: str) -> bool:
        return workload in only and runs(workload, contender, full_demo)

    for workload, size in (("dot", s.dot), ("chain", s.chain)):
        if wanted(workload):
            got, floor = (computed(make_trial(workload, c, size)) for c in (contender, FLOATS))
            meta[f"check {workload}"] = got.mismatch(floor, 1e-9) or "ok"
    if wanted("mlp"):
        got = step_checksum(make_job(contender, s.points))
        meta["check mlp"] = got.mismatch(step_checksum(FloatMLP(s.points)), 1e-9) or "ok"
    if wanted("train100"):
        steps, objects, got = train_log(make_job(contender, s.points), s.steps)
        floor = train_log(FloatMLP(s.points), s.steps)[2]
        meta["check train100"] = got.mismatch(floor, 1e-6) or "ok"  # 100 steps compound rounding
        meta["objects after step 1"], meta["objects after last step"] = objects[0], objects[-1]
    if wanted("mem") and engine is not None:
        per_op, ops, got = workloads.measure_graph_memory(engine, s.mem)
        meta["mem bytes per op"], meta["mem ops"] = per_op, ops
        meta["check mem"] = got.mismatch(workloads.float_memory_checksum(s.mem), 1e-9) or "ok"
    if wanted("depth") and contender == "ours":
        start = process_time()
        got = computed(workloads.chain(engine, s.depth))
        meta["depth seconds"], meta["depth"] = process_time() - start, s.depth
        meta["check depth"] = got.mismatch(computed(workloads.float_chain(s.depth)), 1e-9) or "ok"
    if wanted("depth") and contender == "micrograd":
        meta["micrograd failure depth"] = micrograd_failure_depth()
    if wanted("gc"):
        share = collector_share(lambda: make_trial("dot", contender, s.dot))
        meta["gc on"], meta["gc off"], meta["gc left"] = share
    if wanted("trace"):
        trace = TraceTrial(s.points)
        trace.run()
        meta.update({f"plan {key}": value for key, value in trace.stats().items()})
    if wanted("fit") and contender != "ours":  # the compiled probe times both, cold
        losses = {}
        for compiled in (False, True):
            demo = FitDemo(s.points, compile=compiled)
            start = process_time()
            history = demo.train(s.steps)
            seconds = (process_time() - start) / s.steps
            meta[f"fit-first {'compiled' if compiled else 'eager'}"] = seconds
            losses[compiled] = Checksum.of(history[-1], history + demo.params())
        meta["check fit"] = losses[True].mismatch(losses[False], 1e-6) or "ok"
    return {"metadata": meta, "steps": steps}


if __name__ == "__main__":  # a probe's process: CONTENDER WORKLOAD,... quick|full [full-demo]
    contender, only, sizes, *full_demo = sys.argv[1:]
    result = probe(contender, only.split(","), QUICK if sizes == "quick" else FULL, bool(full_demo))
    print(json.dumps(result))
