"""``python -m benchmarks``: every timed cell (``WORKLOAD/CONTENDER/PASS``) a pyperf benchmark,
``--passes`` passes over all cells (so a burst of load falls on every contender alike), then each
contender's probe in a process of its own; the report on stdout, pyperf's progress on stderr.
Exit status 1 when a contender computed something else than the float floor.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pyperf

from .report import mismatches, render
from .suite import CONTENDERS, FULL, QUICK, TIMED, WORKLOADS, installed, runs, timer

ROOT = Path(__file__).resolve().parent.parent
# With any of these, --quick leaves the effort to them (without: one value per cell).
RUN_OPTIONS = set("--fast --rigorous --debug-single-value -p --processes -n --passes".split())


def _names(kind: str, allowed: Sequence[str]) -> Callable[[str], list[str]]:
    def parse(text: str) -> list[str]:
        names = [name.strip() for name in text.split(",") if name.strip()]
        if not names or (unknown := [name for name in names if name not in allowed]):
            wrong, choices = ", ".join(unknown) if names else repr(text), ", ".join(allowed)
            raise argparse.ArgumentTypeError(f"unknown {kind} {wrong}; choose from {choices}")
        return names

    return parse


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks")
    p.add_argument("--quick", action="store_true", help="small sizes, one value per cell")
    p.add_argument("--only", type=_names("workload", WORKLOADS), default=list(WORKLOADS))
    p.add_argument("--engines", type=_names("engine", CONTENDERS), default=list(CONTENDERS))
    p.add_argument("--full-demo", action="store_true", help="micrograd, PyTorch in train100")
    p.add_argument("--passes", type=int, help="passes over all cells (default: 3; quick: 1)")
    p.add_argument("--report", metavar="FILE", help="print the report of a saved suite")
    return p


def forward_options(cmd: list[str], args: argparse.Namespace) -> None:
    """What a pyperf worker needs to make the same cells, in the same order."""
    cmd += ["--only", ",".join(args.only), "--engines", ",".join(args.engines)]
    cmd += ["--passes", str(args.passes)] + ["--quick"] * args.quick
    cmd += ["--full-demo"] * args.full_demo


def git_commit() -> str:
    def git(*words: str) -> str:
        return subprocess.run(["git", *words], cwd=ROOT, capture_output=True, text=True).stdout

    dirty = git("status", "--porcelain", "--", "autograd", "nn", "benchmarks").strip()
    return (git("rev-parse", "--short", "HEAD").strip() or "unknown") + ("+dirty" if dirty else "")


def benchmark(
    name: str, values: list[float], collect: bool = False, **meta: Any
) -> pyperf.Benchmark:
    """Values measured once, as a pyperf benchmark (``collect``: with pyperf's metadata)."""
    metadata = {"name": name, "loops": 1, **meta}
    return pyperf.Benchmark([pyperf.Run(values, metadata=metadata, collect_metadata=collect)])


def probe_benchmarks(contender: str, args: argparse.Namespace) -> list[pyperf.Benchmark]:
    """The contender's probe, in its own process: ``probe/NAME`` (its figures as metadata) and
    ``train100/NAME`` (one value per step)."""
    command = [sys.executable, "-m", "benchmarks.suite", contender, ",".join(args.only)]
    command += ["quick" if args.quick else "full"] + ["full-demo"] * args.full_demo
    print(f"probe: {contender}", file=sys.stderr, flush=True)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    benches = [benchmark(f"probe/{contender}", [1.0], **result["metadata"])]
    if result["steps"]:  # pyperf wants values > 0
        steps = [max(x, 1e-9) for x in result["steps"]]
        benches.append(benchmark(f"train100/{contender}", steps, collect=True, unit="second"))
    return benches


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--quick" in argv and not RUN_OPTIONS & set(argv):
        argv.append("--debug-single-value")
    runner = pyperf.Runner(
        values=3,
        processes=1,  # per pass
        warmups=1,
        program_args=("-m", "benchmarks"),
        add_cmdline_args=forward_options,
        _argparser=parser(),
        metadata={"commit": git_commit()},
    )
    args = runner.parse_args(argv)
    args.passes = (1 if args.quick else 3) if args.passes is None else args.passes
    if args.passes < 1:
        runner.argparser.error(f"--passes must be at least 1, got {args.passes}")
    sizes = QUICK if args.quick else FULL
    if args.report:
        print(render(pyperf.BenchmarkSuite.load(args.report)), end="")
        return 0
    contenders = [c for c in args.engines if installed(c)]
    if not contenders:
        runner.argparser.error(f"none of {', '.join(args.engines)} is installed")
    cells = [(w, c) for w in TIMED if w in args.only for c in contenders if runs(w, c)]
    benches = []
    with contextlib.redirect_stdout(sys.stderr):  # pyperf's progress; the report is stdout
        for number in range(1, args.passes + 1):  # passes spread each cell over the whole run
            for workload, contender in cells:
                time_func, inner = timer(workload, contender, sizes)
                name = f"{workload}/{contender}/{number}"
                benches.append(runner.bench_time_func(name, time_func, inner_loops=inner))
    if args.worker_task is not None:  # a pyperf worker: its one benchmark is done
        return 0
    probes = pyperf.BenchmarkSuite([b for c in contenders for b in probe_benchmarks(c, args)])
    for path in filter(None, (args.output, args.append)):  # pyperf saved the timed cells
        pyperf.add_runs(path, probes)
    suite = pyperf.BenchmarkSuite([b for b in benches if b is not None] + list(probes))
    notes = [
        f"{c} is not installed: its column is skipped" for c in args.engines if c not in contenders
    ]
    print(render(suite, " ".join(["python -m benchmarks", *argv]), notes), end="")
    return 1 if mismatches(suite) else 0


if __name__ == "__main__":
    sys.exit(main())
