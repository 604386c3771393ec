"""The parent side: one worker process per engine, timed runs interleaved across engines."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .results import ContenderResults
from .suite import (
    CELL_BUDGET_SECONDS,
    DEEP_CHAIN,
    DEEP_CHAIN_QUICK,
    MEM_QUICK_SIZE,
    MEM_SIZE,
    MIN_RUNS,
    TIMED_WORKLOADS,
    Plan,
)
from .timing import Measurement, Run, wants_another_run
from .worker import checksum_from, deep_chain_from, memory_from, run_from

ROOT = Path(__file__).resolve().parent.parent


class WorkerError(RuntimeError):
    """A worker process failed; the message carries its traceback."""


class WorkerProcess:
    """A running ``python -m benchmarks.worker NAME``, asked one JSON request at a time."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.worker", name],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        hello = self._read()
        self.missing: str | None = hello.get("missing")
        self.version: str = hello.get("version", "")

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise WorkerError(f"the {self.name} worker exited (status {self.process.wait()})")
        message: dict[str, Any] = json.loads(line)
        return message

    def ask(self, request: dict[str, Any]) -> Any:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        reply = self._read()
        if "error" in reply:
            raise WorkerError(f"the {self.name} worker failed on {request}:\n{reply['error']}")
        return reply["ok"]

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait()


def run_suite(
    plan: Plan, names: Sequence[str], progress: Callable[[str], None]
) -> tuple[list[ContenderResults], list[str]]:
    """Measure every contender named; returns the results and notes on who was skipped."""
    workers: list[WorkerProcess] = []
    notes: list[str] = []
    try:
        for name in names:
            worker = WorkerProcess(name)
            if worker.missing is not None:
                notes.append(f"{name}: {worker.missing}, its column is skipped")
                worker.close()
            else:
                workers.append(worker)
        results = {w.name: ContenderResults(w.name, w.version) for w in workers}
        for workload in TIMED_WORKLOADS:
            active = [w for w in workers if plan.runs_workload(w.name, workload.name)]
            if active:
                _run_timed(plan, workload.name, active, results, progress)
        for w in workers:
            _run_untimed(plan, w, results[w.name], progress)
        return [results[w.name] for w in workers], notes
    finally:
        for w in workers:
            w.close()


def _run_timed(
    plan: Plan,
    workload_name: str,
    active: list[WorkerProcess],
    results: dict[str, ContenderResults],
    progress: Callable[[str], None],
) -> None:
    """Round-robin: run 1 of every engine, then run 2 of every engine, and so on."""
    workload = next(w for w in TIMED_WORKLOADS if w.name == workload_name)
    size, max_runs = plan.size(workload), plan.max_runs(workload)
    min_runs = min(max_runs, MIN_RUNS)
    runs: dict[str, list[Run]] = {w.name: [] for w in active}
    progress(f"{workload.name}: {workload.describe(size)}")
    while True:
        pending = [
            w
            for w in active
            if wants_another_run(
                [r.seconds for r in runs[w.name]], max_runs, min_runs, CELL_BUDGET_SECONDS
            )
        ]
        if not pending:
            break
        for w in pending:
            reply = w.ask({"task": "timed", "workload": workload.name, "size": size})
            done = runs[w.name]
            checksum = checksum_from(reply["checksum"]) if not done else done[0].checksum
            done.append(run_from(reply, checksum))
            if reply["differs"] is not None:
                results[w.name].unsteady[workload.name] = reply["differs"]
            progress(f"  {w.name} run {len(done)}: {reply['seconds']:.3f} s")
    for name, done in runs.items():
        results[name].timed[workload.name] = Measurement.of(done)
        results[name].sizes[workload.name] = size


def _run_untimed(
    plan: Plan, worker: WorkerProcess, result: ContenderResults, progress: Callable[[str], None]
) -> None:
    """mem for the engines tracemalloc can see; the deep chain (ours); the failure depth."""
    name = worker.name
    if "mem" in plan.workloads and name in ("ours", "micrograd"):
        size = MEM_QUICK_SIZE if plan.quick else MEM_SIZE
        progress(f"mem: {name}, {size:,} products by a constant, summed")
        reply = worker.ask({"task": "mem", "size": size})
        result.memory = memory_from(reply["result"])
        result.memory_reference = checksum_from(reply["reference"])
    if "depth" in plan.workloads and name == "ours":
        depth = DEEP_CHAIN_QUICK if plan.quick else DEEP_CHAIN
        progress(f"depth: {name}, the {depth:,}-deep chain")
        result.deep_chain = deep_chain_from(worker.ask({"task": "deep_chain", "depth": depth}))
    if "depth" in plan.workloads and name == "micrograd":
        progress(f"depth: {name}, first failing depth at the default recursion limit")
        result.failure_depth = worker.ask({"task": "failure_depth"})["depth"]
