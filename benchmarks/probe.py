"""``python -m benchmarks.probe CONTENDER``: what is measured once, in a process of its own.

The checks (each workload's output and every gradient against the float floor,
whose derivatives are written by hand), `train100` (each step's CPU time and
the objects the garbage collector tracks after it), bytes per op (`mem`), the
deep chain and micrograd's failure depth (`depth`), the cyclic collector's
share (`gc`), the plan's size (`trace`) and the first `fit` call (`fit-first`,
checked against eager `fit`). Prints ``{"metadata": {...}, "steps": [...]}``.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from time import process_time
from typing import Any

from .checksum import Checksum
from .engines import load_engine
from .suite import CONTENDERS, FLOATS, FULL, QUICK, WORKLOADS, Sizes, make_job, make_trial, runs
from .workloads.arrays import TraceTrial
from .workloads.chain import SCALE, SHIFT, START, ChainTrial, FloatChainTrial
from .workloads.fit import FitDemo
from .workloads.mem import float_memory_checksum, measure_graph_memory
from .workloads.mlp import FloatMLPJob, step_checksum, train_log


def verdict(checksum: Checksum, reference: Checksum, rel_tol: float) -> str:
    return checksum.mismatch(reference, rel_tol) or "ok"


def run_trial(trial: Any) -> Checksum:
    trial.run()
    checksum: Checksum = trial.checksum()
    return checksum


def collector_share(make: Callable[[], Any], runs: int = 3) -> tuple[float, float, int]:
    """CPU seconds of ``make().run()`` with the cyclic collector on and off (medians of
    alternating runs), and the objects it finds once that graph is dropped (0: reference
    counting freed it all, no cycles)."""
    seconds: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(runs):
        for on in (True, False):
            trial = make()
            gc.collect()
            (gc.enable if on else gc.disable)()
            try:
                start = process_time()
                trial.run()
                seconds[on].append(process_time() - start)
            finally:
                gc.enable()
            del trial
            left = gc.collect()  # after a run with the collector off, all its cycles are left
    return statistics.median(seconds[True]), statistics.median(seconds[False]), left


def probe(contender: str, workloads: Sequence[str], s: Sizes, full_demo: bool) -> dict[str, Any]:
    engine = load_engine(contender) if contender in ("ours", "micrograd", "torch") else None
    import numpy

    version = (
        f"Python {sys.version.split()[0]}" if contender == FLOATS else f"numpy {numpy.__version__}"
    )
    meta: dict[str, Any] = {"sizes": "quick" if s == QUICK else "full"}
    meta["version"] = engine.version() if engine is not None else version
    steps: list[float] = []

    def wanted(workload: str) -> bool:
        return workload in workloads and runs(workload, contender, full_demo)

    for workload, size in (("dot", s.dot), ("chain", s.chain)):
        if wanted(workload):
            got = run_trial(make_trial(workload, contender, size))
            floor = run_trial(make_trial(workload, FLOATS, size))
            meta[f"check {workload}"] = verdict(got, floor, 1e-9)
    if wanted("mlp"):
        floor = step_checksum(FloatMLPJob(s.points))
        meta["check mlp"] = verdict(step_checksum(make_job(contender, s.points)), floor, 1e-9)
    if wanted("train100"):
        steps, objects, checksum = train_log(make_job(contender, s.points), s.steps)
        floor = train_log(FloatMLPJob(s.points), s.steps)[2]
        meta["check train100"] = verdict(checksum, floor, 1e-6)  # 100 steps compound rounding
        meta["objects after step 1"], meta["objects after last step"] = objects[0], objects[-1]
    if wanted("mem") and engine is not None:
        memory = measure_graph_memory(engine, s.mem)
        meta["mem bytes per op"], meta["mem ops"] = memory.bytes_per_op, memory.ops
        meta["check mem"] = verdict(memory.checksum, float_memory_checksum(s.mem), 1e-9)
    if wanted("depth") and contender == "ours":
        start = process_time()
        checksum = run_trial(ChainTrial(engine, s.depth))
        meta["depth seconds"], meta["depth"] = process_time() - start, s.depth
        meta["check depth"] = verdict(checksum, run_trial(FloatChainTrial(s.depth)), 1e-9)
    if wanted("depth") and contender == "micrograd":
        meta["micrograd failure depth"] = micrograd_failure_depth()
    if wanted("gc"):
        on, off, left = collector_share(lambda: make_trial("dot", contender, s.dot))
        meta["gc on"], meta["gc off"], meta["gc left"] = on, off, left
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
            key = f"fit-first {'compiled' if compiled else 'eager'}"
            meta[key] = (process_time() - start) / s.steps
            losses[compiled] = Checksum.of(history[-1], history + demo.params())
        meta["check fit"] = verdict(losses[True], losses[False], 1e-6)
    return {"metadata": meta, "steps": steps}


# Run as a script of its own, so that backward() is called from a script's top
# level, as a learner would: the answer then depends on nobody's stack but its own.
_FAILURE_DEPTH_SCRIPT = """
import sys
from micrograd.engine import Value

sys.setrecursionlimit({limit})
low, high = 0, {limit}  # depth {limit} surely fails: at least one frame per level
while high - low > 1:
    middle = (low + high) // 2
    y = Value({start})
    for _ in range(middle):
        y = (y * {scale} + {shift}).relu()
    try:
        y.backward()
        low = middle
    except RecursionError:
        high = middle
print(high)
"""


def micrograd_failure_depth(recursion_limit: int = 1000) -> int:
    """The first chain depth whose backward raises RecursionError in micrograd, called from
    the top level of a script run with this recursion limit (CPython's default: 1000)."""
    script = _FAILURE_DEPTH_SCRIPT.format(
        limit=recursion_limit, start=START, scale=SCALE, shift=SHIFT
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.probe")
    parser.add_argument("contender", choices=CONTENDERS)
    parser.add_argument("--only", default=",".join(WORKLOADS))
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--full-demo", action="store_true")
    args = parser.parse_args(argv)
    result = probe(
        args.contender, args.only.split(","), QUICK if args.quick else FULL, args.full_demo
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
