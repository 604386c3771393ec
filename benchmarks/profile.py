"""``python -m benchmarks.profile``: where the time goes, for ours and for micrograd.

For each workload, the CPU time of building the graph (forward) and of
``backward()``, the part of each spent in Python's cyclic garbage collector
(timed with `gc.callbacks`), the same work with that collector switched off,
and, once the graph is dropped, how many objects the collector still had to
find: 0 when reference counting freed the whole graph at once (no cycles).
For ours, the topological walk is also timed on its own.

``--steps N`` instead repeats one training step of ours N times at learning
rate 0 (the very same arithmetic every step) with the cyclic collector off,
and prints how forward, backward and freeing the graph evolve over the steps.
Run it once more under ``PYTHONMALLOC=malloc`` to take CPython's small-object
allocator out of the picture.
"""

from __future__ import annotations

import argparse
import functools
import gc
import statistics
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from time import process_time as cpu_clock
from typing import Any

from .engines import Engine, load_engine, recursion_limit
from .report import format_seconds
from .workloads.chain import ChainTrial
from .workloads.dot import DotTrial
from .workloads.mlp import EagerMLP, hinge_l2_loss


class GcTimer:
    """CPU seconds spent in the cyclic garbage collector while installed."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._start = cpu_clock()
        else:
            self.seconds += cpu_clock() - self._start


@contextmanager
def gc_timer() -> Iterator[GcTimer]:
    timer = GcTimer()
    gc.callbacks.append(timer)
    try:
        yield timer
    finally:
        gc.callbacks.remove(timer)


@contextmanager
def collector(enabled: bool) -> Iterator[None]:
    was_enabled = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        yield
    finally:
        (gc.enable if was_enabled else gc.disable)()


@dataclass(frozen=True)
class Profile:
    """CPU seconds of one forward + backward, split as described in the module docstring."""

    forward: float
    forward_gc: float
    backward: float
    backward_gc: float
    walk: float | None  # ours: the topological walk alone, on the same graph
    left_for_gc: int  # objects gc.collect() found after the graph was dropped


def profile_once(engine: Engine, make_trial: Callable[[], Any], gc_on: bool) -> Profile:
    trial = make_trial()
    gc.collect()
    with collector(gc_on), gc_timer() as timer:
        start = cpu_clock()
        root = trial.forward()
        forward = cpu_clock() - start
        forward_gc = timer.seconds
        start = cpu_clock()
        engine.backward(root)
        backward = cpu_clock() - start
        backward_gc = timer.seconds - forward_gc
    walk = None
    if engine.name == "ours":
        from autograd import topological_order

        start = cpu_clock()
        topological_order(root)
        walk = cpu_clock() - start
    del root, trial
    left = gc.collect()
    return Profile(forward, forward_gc, backward, backward_gc, walk, left)


WORKLOADS: dict[str, Callable[[Engine, bool], Any]] = {
    "dot": lambda engine, quick: DotTrial(engine, 10_000 if quick else 100_000),
    "chain": lambda engine, quick: ChainTrial(engine, 10_000 if quick else 100_000),
    "mlp": lambda engine, quick: EagerMLP(engine, 30 if quick else 100),
}


def _median_profile(profiles: Sequence[Profile]) -> Profile:
    def med(values: Sequence[float]) -> float:
        return statistics.median(values)

    walks = [p.walk for p in profiles if p.walk is not None]
    return Profile(
        med([p.forward for p in profiles]),
        med([p.forward_gc for p in profiles]),
        med([p.backward for p in profiles]),
        med([p.backward_gc for p in profiles]),
        med(walks) if walks else None,
        max(p.left_for_gc for p in profiles),
    )


def profile_pair(
    engine: Engine, make_trial: Callable[[], Any], runs: int
) -> tuple[Profile, Profile]:
    """Median profiles with the collector on and off, runs alternating so that load
    from other jobs falls on both alike."""
    on, off = [], []
    for _ in range(runs):
        on.append(profile_once(engine, make_trial, gc_on=True))
        off.append(profile_once(engine, make_trial, gc_on=False))
    return _median_profile(on), _median_profile(off)


def step_drift(steps: int, chunks: int = 6) -> list[str]:
    """Markdown rows: per chunk of steps, the median CPU time of each phase."""
    from .engines import OursEngine
    from .workloads.mlp import SharedMLP, initial_weights, moons_data

    engine = OursEngine()
    points, labels = moons_data(100)
    model = SharedMLP(engine, initial_weights())
    phases: dict[str, list[float]] = {"forward": [], "backward": [], "free": []}
    live: list[int] = []
    with collector(False):
        gc.collect()
        for _ in range(steps):  # `training_step`, cut into its phases
            start = cpu_clock()
            loss = hinge_l2_loss(engine, model, points, labels)
            built = cpu_clock()
            engine.zero_grad(model.parameters())
            engine.backward(loss)
            engine.sgd_step(model.parameters(), 0.0)
            done = cpu_clock()
            del loss
            phases["forward"].append(built - start)
            phases["backward"].append(done - built)
            phases["free"].append(cpu_clock() - done)
            live.append(len(gc.get_objects()))
    size = max(1, steps // chunks)
    bounds = [(lo, min(lo + size, steps)) for lo in range(0, steps, size)]
    header = ["phase", *(f"steps {lo + 1}-{hi}" for lo, hi in bounds)]
    rows = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for name, values in phases.items():
        cells = [format_seconds(statistics.median(values[lo:hi])) for lo, hi in bounds]
        rows.append("| " + " | ".join([name, *cells]) + " |")
    cells = [f"{live[hi - 1]:,}" for _, hi in bounds]
    rows.append("| " + " | ".join(["objects tracked by the GC", *cells]) + " |")
    return rows


def _percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}%" if whole > 0 else "-"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile")
    parser.add_argument("--quick", action="store_true", help="10x smaller dot and chain")
    parser.add_argument("--runs", type=int, default=5, help="runs per cell (median shown)")
    parser.add_argument(
        "--steps", type=int, default=None, help="instead: how ours evolves over N training steps"
    )
    arguments = parser.parse_args(argv)
    if arguments.steps is not None:
        if arguments.steps < 1:
            parser.error(f"--steps must be at least 1, got {arguments.steps}")
        print("\n".join(step_drift(arguments.steps)))
        return 0
    engines = [e for e in (load_engine("ours"), load_engine("micrograd")) if e is not None]
    header = [
        "workload",
        "engine",
        "forward",
        "of which GC",
        "backward",
        "of which GC",
        "topological walk",
        "forward + backward, GC off",
        "objects left for the GC",
    ]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for name, make in WORKLOADS.items():
        for engine in engines:
            print(f"{name}: {engine.name} ...", file=sys.stderr, flush=True)
            make_trial = functools.partial(make, engine, arguments.quick)
            with recursion_limit(2_000_000):  # micrograd's recursive walk, on deep graphs
                on, off = profile_pair(engine, make_trial, arguments.runs)
            total, total_off = on.forward + on.backward, off.forward + off.backward
            cells = [
                f"`{name}`",
                engine.name,
                format_seconds(on.forward),
                _percent(on.forward_gc, on.forward),
                format_seconds(on.backward),
                _percent(on.backward_gc, on.backward),
                "-" if on.walk is None else format_seconds(on.walk),
                f"{format_seconds(total_off)} ({_percent(total_off, total)})",
                f"{on.left_for_gc:,}",
            ]
            print("| " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
