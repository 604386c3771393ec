"""``python -m benchmarks``: time every contender with pyperf, run the probes, print the report.

pyperf runs each timed cell (``WORKLOAD/CONTENDER/PASS``) in a worker process of
its own, calibrates the loops, warms up and keeps every value. The suite makes
``--passes`` (3) passes over all cells, one pyperf process per cell each
(``-p``, ``-n``, ``-w`` as in pyperf), so that a burst of load from other jobs
falls on every contender alike. pyperf's progress goes to stderr, the markdown
report to stdout. Then each contender's probe (`benchmarks.probe`) runs in a
process of its own. ``-o FILE`` saves everything as one pyperf JSON suite;
``--report FILE`` prints the report of a saved one. ``--quick``: small sizes,
one pass, one value per cell (pyperf's ``--debug-single-value``). The exit
status is 1 when a contender computed something else than the float floor.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pyperf

from .report import mismatches, render
from .suite import CONTENDERS, FULL, QUICK, TIMED, WORKLOADS, installed, runs, timer

ROOT = Path(__file__).resolve().parent.parent
RUN_OPTIONS = (
    "--fast",
    "--rigorous",
    "--debug-single-value",
    "-p",
    "--processes",
    "-n",
    "--passes",
)


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
    """What a pyperf worker needs to make the same benchmarks, in the same order."""
    cmd += ["--only", ",".join(args.only), "--engines", ",".join(args.engines)]
    cmd += ["--passes", str(args.passes)]
    cmd += ["--quick"] * args.quick + ["--full-demo"] * args.full_demo


def git_commit() -> str:
    def git(*words: str) -> str:
        done = subprocess.run(["git", *words], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    dirty = git("status", "--porcelain", "--", "autograd", "nn", "benchmarks")
    return (git("rev-parse", "--short", "HEAD") or "unknown") + ("+dirty" if dirty else "")


def probe(contender: str, args: argparse.Namespace) -> list[pyperf.Benchmark]:
    """The contender's probe, in its own process, as pyperf benchmarks: ``probe/NAME`` (its
    figures as metadata) and ``train100/NAME`` (one value per step)."""
    command = [sys.executable, "-m", "benchmarks.probe", contender, "--only", ",".join(args.only)]
    command += ["--quick"] * args.quick + ["--full-demo"] * args.full_demo
    print(f"probe: {contender}", file=sys.stderr, flush=True)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    meta = {**result["metadata"], "name": f"probe/{contender}", "loops": 1}
    benches = [pyperf.Benchmark([pyperf.Run([1.0], metadata=meta, collect_metadata=False)])]
    if result["steps"]:
        steps = [max(x, 1e-9) for x in result["steps"]]  # pyperf wants values > 0
        meta = {"name": f"train100/{contender}", "loops": 1, "unit": "second"}
        benches.append(pyperf.Benchmark([pyperf.Run(steps, metadata=meta)]))
    return benches


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--quick" in argv and not set(RUN_OPTIONS) & set(argv):
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
    if args.passes is None:
        args.passes = 1 if args.quick else 3
    if args.passes < 1:
        runner.argparser.error(f"--passes must be at least 1, got {args.passes}")
    if args.report:
        print(render(pyperf.BenchmarkSuite.load(args.report)), end="")
        return 0
    contenders = [c for c in args.engines if installed(c)]
    sizes = QUICK if args.quick else FULL
    benches = []
    cells = [(w, c) for w in TIMED if w in args.only for c in contenders if runs(w, c)]
    with contextlib.redirect_stdout(sys.stderr):  # pyperf's progress; the report is stdout
        for number in range(1, args.passes + 1):  # passes spread each cell over the whole run
            for workload, contender in cells:
                time_func, inner = timer(workload, contender, sizes)
                name = f"{workload}/{contender}/{number}"
                benches.append(runner.bench_time_func(name, time_func, inner_loops=inner))
    if args.worker_task is not None:  # a pyperf worker: its one benchmark is done
        return 0
    for contender in contenders:
        benches += probe(contender, args)
    suite = pyperf.BenchmarkSuite([b for b in benches if b is not None])
    if args.output:  # pyperf saved the timed cells as they came; now the whole suite
        suite.dump(args.output, replace=True)
    command = " ".join(["python -m benchmarks", *argv])
    skipped = [c for c in args.engines if not installed(c)]
    notes = [f"{c} is not installed: its column is skipped" for c in skipped]
    print(render(suite, command, notes), end="")
    return 1 if mismatches(suite) else 0


if __name__ == "__main__":
    sys.exit(main())
