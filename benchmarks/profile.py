"""``python -m benchmarks.profile``: where the time goes, for ours and for micrograd.

For each workload, the CPU time of building the graph (forward) and of
``backward()``, the share of each spent in Python's cyclic garbage collector
(timed with `gc.callbacks`), the same work with that collector off, and, once
the graph is dropped, how many objects the collector still finds: 0 when
reference counting freed the whole graph at once (no cycles). For ours, the
topological walk is also timed on its own. Medians of runs alternating between
collector on and off, so that load from other jobs falls on both alike.
"""

from __future__ import annotations

import argparse
import functools
import gc
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from time import process_time
from typing import Any

from .engines import Engine, load_engine, recursion_limit
from .report import format_seconds
from .workloads.chain import ChainTrial
from .workloads.dot import DotTrial
from .workloads.mlp import EagerMLP


@dataclass(frozen=True)
class Profile:
    forward: float
    forward_gc: float
    backward: float
    backward_gc: float
    walk: float | None  # ours: the topological walk alone, on the same graph
    left_for_gc: int  # objects gc.collect() found after the graph was dropped


def profile_once(engine: Engine, make_trial: Callable[[], Any], gc_on: bool) -> Profile:
    trial = make_trial()
    in_gc = [0.0, 0.0]  # seconds in the collector, start of the current collection

    def timer(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            in_gc[1] = process_time()
        else:
            in_gc[0] += process_time() - in_gc[1]

    gc.collect()
    was_enabled = gc.isenabled()
    (gc.enable if gc_on else gc.disable)()
    gc.callbacks.append(timer)
    try:
        start = process_time()
        root = trial.forward()
        built, forward_gc = process_time(), in_gc[0]
        engine.backward(root)
        backward, backward_gc = process_time() - built, in_gc[0] - forward_gc
    finally:
        gc.callbacks.remove(timer)
        (gc.enable if was_enabled else gc.disable)()
    walk = None
    if engine.name == "ours":
        from autograd import topological_order

        start_walk = process_time()
        topological_order(root)
        walk = process_time() - start_walk
    del root, trial
    return Profile(built - start, forward_gc, backward, backward_gc, walk, gc.collect())


def median_profile(profiles: Sequence[Profile]) -> Profile:
    def med(name: str) -> Any:
        values = [getattr(p, name) for p in profiles if getattr(p, name) is not None]
        return statistics.median(values) if values else None

    return Profile(*(med(f.name) for f in fields(Profile)))


WORKLOADS: dict[str, Callable[[Engine, bool], Any]] = {
    "dot": lambda engine, quick: DotTrial(engine, 10_000 if quick else 100_000),
    "chain": lambda engine, quick: ChainTrial(engine, 10_000 if quick else 100_000),
    "mlp": lambda engine, quick: EagerMLP(engine, 30 if quick else 100),
}


def _percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}%" if whole > 0 else "-"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile")
    parser.add_argument("--quick", action="store_true", help="10x smaller dot and chain")
    parser.add_argument("--runs", type=int, default=5, help="runs per cell (median shown)")
    args = parser.parse_args(argv)
    engines = [e for e in (load_engine("ours"), load_engine("micrograd")) if e is not None]
    header = ["workload", "engine", "forward", "of which GC", "backward", "of which GC"]
    header += ["topological walk", "forward + backward, GC off", "objects left for the GC"]
    print("| " + " | ".join(header) + " |\n|" + "|".join("---" for _ in header) + "|")
    for name, make in WORKLOADS.items():
        for engine in engines:
            print(f"{name}: {engine.name} ...", file=sys.stderr, flush=True)
            runs: dict[bool, list[Profile]] = {True: [], False: []}
            with recursion_limit(2_000_000):  # micrograd's recursive walk, on deep graphs
                for _ in range(args.runs):
                    for gc_on in (True, False):
                        trial = functools.partial(make, engine, args.quick)
                        runs[gc_on].append(profile_once(engine, trial, gc_on))
            on, off = median_profile(runs[True]), median_profile(runs[False])
            total, total_off = on.forward + on.backward, off.forward + off.backward
            cells = [f"`{name}`", engine.name, format_seconds(on.forward)]
            cells += [_percent(on.forward_gc, on.forward), format_seconds(on.backward)]
            cells += [_percent(on.backward_gc, on.backward)]
            cells += ["-" if on.walk is None else format_seconds(on.walk)]
            cells += [f"{format_seconds(total_off)} ({_percent(total_off, total)})"]
            cells += [f"{on.left_for_gc:,}"]
            print("| " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
