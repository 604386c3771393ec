"""``python -m benchmarks.worker NAME``: one engine in its own process, serving timed runs.

A process per engine keeps the comparison fair: no engine pays, in garbage
collection time, for the objects another engine (or PyTorch's import) left
in the heap. The parent sends one JSON request per line on stdin and reads
one JSON reply per line on stdout, so it can interleave the engines run by
run: a burst of load from other jobs then falls on every engine alike.

Requests: ``{"task": "timed", "workload": W, "size": N}``,
``{"task": "mem", "size": N}``, ``{"task": "deep_chain", "depth": D}``,
``{"task": "failure_depth"}``. The first line out is a hello:
``{"name": ..., "version": ...}`` or ``{"missing": reason}``.
"""

from __future__ import annotations

import json
import sys
import traceback
from array import array
from dataclasses import asdict
from typing import Any, TextIO

from .checksum import Checksum
from .depth import DeepChainResult, micrograd_failure_depth, run_deep_chain
from .suite import CONTENDER_NAMES, WORKLOADS_BY_NAME, Contender, load_contender
from .timing import Run, StepLog, time_run
from .workloads.mem import MemoryResult, float_memory_checksum, measure_graph_memory


class Worker:
    """Answers requests for one contender; remembers each workload's first checksum.

    The first checksum is kept as packed doubles, not as float objects: 200,000
    floats left alive among the engine's freed objects would pin memory all over
    the heap and slow the later runs down.
    """

    def __init__(self, contender: Contender) -> None:
        self.contender = contender
        self.first: dict[tuple[str, int], tuple[float, array[float]]] = {}

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        task = request["task"]
        if task == "timed":
            return self.timed(request["workload"], request["size"])
        engine = self.contender.engine
        if engine is None:
            raise ValueError(f"worker: the float floor has no {task!r} task")
        if task == "mem":
            size = request["size"]
            return {
                "result": asdict(measure_graph_memory(engine, size)),
                "reference": asdict(float_memory_checksum(size)),
            }
        if task == "deep_chain":
            return asdict(run_deep_chain(engine, request["depth"]))
        if task == "failure_depth":
            return {"depth": micrograd_failure_depth()}
        raise ValueError(f"worker: unknown task {task!r}")

    def timed(self, workload_name: str, size: int) -> dict[str, Any]:
        """One timed run; the checksum travels once, later runs are checked here."""
        workload = WORKLOADS_BY_NAME[workload_name]
        run = time_run(lambda: self.contender.trial(workload, size))
        key = (workload_name, size)
        reply: dict[str, Any] = {
            "seconds": run.seconds,
            "wall_seconds": run.wall_seconds,
            "steps": None if run.steps is None else asdict(run.steps),
            "checksum": None,
            "differs": None,
        }
        if key not in self.first:
            self.first[key] = (run.checksum.value, array("d", run.checksum.grads))
            reply["checksum"] = asdict(run.checksum)
        else:
            value, grads = self.first[key]
            problem = run.checksum.mismatch(Checksum(value, tuple(grads)), workload.rel_tol)
            if problem is not None:
                reply["differs"] = f"a later run differs from the first: {problem}"
        return reply


def checksum_from(raw: dict[str, Any]) -> Checksum:
    return Checksum(raw["value"], tuple(raw["grads"]))


def run_from(reply: dict[str, Any], checksum: Checksum) -> Run:
    raw = reply["steps"]
    steps = None
    if raw is not None:
        steps = StepLog(tuple(raw["seconds"]), tuple(raw["live_objects"]))
    return Run(reply["seconds"], reply["wall_seconds"], checksum, steps)


def memory_from(raw: dict[str, Any]) -> MemoryResult:
    return MemoryResult(raw["bytes_per_op"], raw["ops"], checksum_from(raw["checksum"]))


def deep_chain_from(raw: dict[str, Any]) -> DeepChainResult:
    return DeepChainResult(
        raw["depth"], raw["seconds"], checksum_from(raw["checksum"]), raw["mismatch"]
    )


def serve(name: str, requests: TextIO, replies: TextIO) -> None:
    """Say hello, then answer each request line until the input closes."""

    def send(message: dict[str, Any]) -> None:
        replies.write(json.dumps(message) + "\n")
        replies.flush()

    contender = load_contender(name)
    if contender is None:
        send({"missing": f"{name} is not installed"})
        return
    send({"name": contender.name, "version": contender.version})
    worker = Worker(contender)
    for line in requests:
        try:
            send({"ok": worker.handle(json.loads(line))})
        except Exception:  # noqa: BLE001 - the parent reports it with the traceback
            send({"error": traceback.format_exc()})


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in CONTENDER_NAMES:
        print(
            f"usage: python -m benchmarks.worker {{{','.join(CONTENDER_NAMES)}}}", file=sys.stderr
        )
        return 2
    serve(argv[0], sys.stdin, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
