"""``python -m benchmarks``: run the suite and print the report (markdown) on stdout.

Each engine is measured in its own process (`benchmarks.worker`), runs
interleaved across engines; progress goes to stderr. The exit status is 1
when an engine computed something different from ours (its times would not
be comparable), 2 when the benchmark itself failed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from .machine import machine_lines
from .report import display, render
from .results import depth_report, memory_report, workload_result
from .runner import WorkerError, run_suite
from .suite import CONTENDER_NAMES, SLOW_TRAINERS, TIMED_WORKLOADS, WORKLOAD_NAMES, Plan


def _names(kind: str, allowed: Sequence[str]) -> Callable[[str], list[str]]:
    def parse(text: str) -> list[str]:
        names = [name.strip() for name in text.split(",") if name.strip()]
        unknown = [name for name in names if name not in allowed]
        if unknown or not names:
            raise argparse.ArgumentTypeError(
                f"unknown {kind} {', '.join(unknown) or repr(text)}; "
                f"choose from {', '.join(allowed)}"
            )
        return names

    return parse


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Time our engine against micrograd, PyTorch scalars and plain floats.",
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes, at most 3 runs")
    parser.add_argument(
        "--runs", type=int, default=None, help="runs per timed cell (default: 5; train100: 1)"
    )
    parser.add_argument(
        "--only",
        type=_names("workload", WORKLOAD_NAMES),
        default=list(WORKLOAD_NAMES),
        help=f"comma-separated workloads among {','.join(WORKLOAD_NAMES)} (default: all)",
    )
    parser.add_argument(
        "--engines",
        type=_names("engine", CONTENDER_NAMES),
        default=list(CONTENDER_NAMES),
        help=f"comma-separated engines among {','.join(CONTENDER_NAMES)} (default: all installed)",
    )
    parser.add_argument(
        "--full-demo",
        action="store_true",
        help="also run micrograd and PyTorch through all of train100 (several more minutes)",
    )
    arguments = parser.parse_args(argv)
    if arguments.runs is not None and arguments.runs < 1:
        parser.error(f"--runs must be at least 1, got {arguments.runs}")
    return arguments


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    plan = Plan(
        workloads=tuple(arguments.only),
        quick=arguments.quick,
        runs=arguments.runs,
        full_demo=arguments.full_demo,
    )

    def progress(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        everyone, notes = run_suite(plan, arguments.engines, progress)
    except WorkerError as error:
        print(f"benchmarks: {error}", file=sys.stderr)
        return 2
    if not everyone:
        print("benchmarks: none of the requested engines is installed", file=sys.stderr)
        return 2
    left_out = [c.name for c in everyone if c.name in SLOW_TRAINERS]
    if "train100" in plan.workloads and not plan.full_demo and left_out:
        notes.append(
            f"`train100` leaves out {' and '.join(left_out)} (minutes each; "
            "`--full-demo` includes them); `mlp` times one step of theirs"
        )
    rows = [r for w in TIMED_WORKLOADS if (r := workload_result(w, everyone)) is not None]
    memory = memory_report(everyone)
    command = "python -m benchmarks" + (" " + " ".join(argv) if argv else "")
    report = render(
        machine_lines({display(c.name): c.version for c in everyone}),
        command,
        [c.name for c in everyone],
        notes,
        rows,
        memory,
        depth_report(everyone),
    )
    print(report, end="")
    mismatched = any(r.mismatches for r in rows) or (memory is not None and memory.mismatches)
    return 1 if mismatched else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
