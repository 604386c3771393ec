"""Timing one run of a trial, and how many runs a cell of the table gets.

The clock is the CPU time of the process (user + sys), which equals the
wall-clock time of this single-threaded work on an idle machine but, unlike
it, does not count the time other jobs on a shared machine held the CPU.
Wall-clock time is kept too, so the report can show how loaded the machine was.
"""

from __future__ import annotations

import gc
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from time import perf_counter, process_time

from .checksum import Checksum
from .trial import Trial

cpu_clock = process_time


@dataclass(frozen=True)
class StepLog:
    """Per training step: its CPU seconds, and how many objects Python's garbage
    collector tracks once the step is over."""

    seconds: tuple[float, ...]
    live_objects: tuple[int, ...]


@dataclass(frozen=True)
class Run:
    """One timed run: CPU and wall-clock seconds, what it computed, and its steps if any."""

    seconds: float
    wall_seconds: float
    checksum: Checksum
    steps: StepLog | None = None


def time_run(make_trial: Callable[[], Trial]) -> Run:
    """Build a fresh trial, collect the garbage of earlier runs, then time `run` alone."""
    trial = make_trial()
    gc.collect()
    wall_start, cpu_start = perf_counter(), cpu_clock()
    trial.run()
    seconds = cpu_clock() - cpu_start
    wall_seconds = perf_counter() - wall_start
    step_log = getattr(trial, "step_log", None)
    return Run(seconds, wall_seconds, trial.checksum(), None if step_log is None else step_log())


def wants_another_run(
    seconds: Sequence[float], max_runs: int, min_runs: int, budget_seconds: float
) -> bool:
    """Whether a cell that took ``seconds`` so far gets one more run.

    Up to ``max_runs``; past ``min_runs`` only while the total is within
    ``budget_seconds``, so that slow engines get fewer (but never too few) runs.
    """
    if min_runs < 1 or max_runs < min_runs:
        raise ValueError(
            f"wants_another_run: need 1 <= min_runs <= max_runs, got {min_runs}, {max_runs}"
        )
    if len(seconds) >= max_runs:
        return False
    return len(seconds) < min_runs or sum(seconds) <= budget_seconds


@dataclass(frozen=True)
class Measurement:
    """The CPU seconds (and wall-clock seconds) of each run, and what the runs computed."""

    seconds: tuple[float, ...]
    checksum: Checksum
    steps: StepLog | None = None  # the training steps of the last run (train100)
    wall_seconds: tuple[float, ...] = ()

    @staticmethod
    def of(runs: Sequence[Run]) -> Measurement:
        """Gather runs that computed the same thing (checked by the caller)."""
        if not runs:
            raise ValueError("Measurement.of: no runs")
        return Measurement(
            tuple(r.seconds for r in runs),
            runs[0].checksum,
            runs[-1].steps,
            tuple(r.wall_seconds for r in runs),
        )

    @property
    def runs(self) -> int:
        return len(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def low(self) -> float:
        return min(self.seconds)

    @property
    def high(self) -> float:
        return max(self.seconds)
