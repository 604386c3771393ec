"""The harness: timers, probes, the report of a pyperf suite, the command line (no clock read)."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pyperf
import pytest

from benchmarks.__main__ import benchmark
from benchmarks.report import mismatches, render, theil_sen, trend
from benchmarks.suite import WORKLOADS, Sizes, cpu_timer, micrograd_failure_depth
from benchmarks.suite import probe as run_probe

ROOT = Path(__file__).resolve().parents[2]
TINY = Sizes(dot=300, chain=2000, points=10, steps=4, eager_fit_steps=2, mem=400, depth=3000)


def test_fresh_timer_makes_one_instance_per_loop_and_warm_timer_one_per_process() -> None:
    made, runs, trained = [], [], []

    def make() -> object:
        made.append(lambda: runs.append(made[-1]))
        return made[-1]

    assert cpu_timer(make)(3) >= 0.0 and len(made) == len(runs) == 3
    made.clear()
    time_func = cpu_timer(make, trained.append)
    time_func(2), time_func(3)
    assert len(made) == 1 and trained == made * 5


# What each contender's probe checks against the float floor (compiled fit: against eager fit).
CHECKED = {"ours": "dot chain mlp train100 mem depth", "micrograd": "dot chain mlp train100 mem",
           "torch": "dot chain mlp train100", "floats": "dot chain mlp train100",
           "compiled": "mlp train100 fit", "numpy": "mlp train100"}  # fmt: skip


@pytest.mark.parametrize("contender", CHECKED)
def test_every_contender_computes_what_the_float_floor_computes(contender: str) -> None:
    if contender in ("micrograd", "torch"):
        pytest.importorskip(contender)
    limit = sys.getrecursionlimit()
    result = run_probe(contender, WORKLOADS, TINY, full_demo=True)
    meta = result["metadata"]
    checks = {k: v for k, v in meta.items() if k.startswith("check ")}
    assert checks == {f"check {w}": "ok" for w in CHECKED[contender].split()}
    assert len(result["steps"]) == TINY.steps
    # micrograd's chain (6,000 nodes on one path) ran with the recursion limit lifted, restored.
    assert sys.getrecursionlimit() == limit
    if contender in ("ours", "micrograd"):
        assert meta["mem ops"] == 799 and meta["mem bytes per op"] > 0
    if contender == "ours":  # each step's graph freed by reference counting before the next
        assert meta["objects after step 1"] == meta["objects after last step"]
        assert meta["gc left"] == 0
    if contender == "micrograd":  # each op's closure holds its own output: a cycle per node
        assert meta["gc left"] >= 599
        # Its topological sort takes one frame per node of the path (3 per level, plus the leaf),
        # under the script's and backward()'s own frames; at most limit - 1 frames fit.
        assert meta["micrograd failure depth"] == math.ceil((1000 - 3) / 3)
        assert micrograd_failure_depth(400) == math.ceil((400 - 3) / 3)
        assert "check train100" not in run_probe(contender, ["train100"], TINY, False)["metadata"]
    if contender == "compiled":
        assert 0 < meta["plan nodes"] <= meta["plan traced_nodes"] and meta["plan levels"] > 1
        assert meta["plan bytes_per_node"] > 0
        assert meta["fit-first eager"] > 0 and meta["fit-first compiled"] > 0


def made_up_suite(dot_check: str = "ok") -> pyperf.BenchmarkSuite:
    """Ours 5x micrograd on mlp (misses 6x), 4x on dot (meets 3x), ..., in two passes."""
    probes = {
        "ours": {"check dot": "ok", "mem bytes per op": 180.2, "mem ops": 19, "depth": 10**6,
                 "depth seconds": 7.0, "check depth": "ok", "objects after step 1": 500,
                 "objects after last step": 500},
        "micrograd": {"check dot": dot_check, "mem bytes per op": 900.0,
                      "micrograd failure depth": 333},
        "compiled": {"fit-first eager": 0.08, "fit-first compiled": 0.002},
        "numpy": {},
    }  # fmt: skip
    times = {"dot/ours": 0.5, "dot/micrograd": 2.0, "mlp/ours": 0.1, "mlp/micrograd": 0.5,
             "mlp/compiled": 0.0005, "mlp/numpy": 0.0002, "fit/ours": 0.1, "fit/compiled": 0.002,
             "trace/compiled": 0.12}  # fmt: skip
    benches = [
        benchmark(f"probe/{c}", [1.0], version="1", sizes="full", **m) for c, m in probes.items()
    ]
    benches += [
        benchmark(f"{name}/{number}", [t * x for x in xs], commit="abc", load_avg_1min=2.0)
        for name, t in times.items()
        for number, xs in ((1, [1.0, 1.1]), (2, [0.9]))
    ]
    slow_down = [0.1 * (1.0 + 0.5 * k / 99) for k in range(100)]
    return pyperf.BenchmarkSuite([*benches, benchmark("train100/ours", slow_down)])


def test_targets_say_met_or_missed_from_the_ratios() -> None:
    text = render(made_up_suite())

    def row(start: str) -> str:
        return next(line for line in text.splitlines() if line.startswith(f"| {start}"))

    assert row("`mlp` at least 6x faster than micrograd").endswith("| 5x | MISSED |")
    assert row("`dot` at least 3x faster than micrograd").endswith("| 4x | met |")
    assert row("`mem` at most 1/3").endswith("| 180.2 / 900.0 = 0.20 | met |")
    assert row("`mlp`: compiled step (warm) at least 100x").endswith("| 200x | met |")
    assert "| 2.5x the time of numpy by hand | met |" in row("`mlp`: compiled step (warm) within")
    assert row("`fit`: compile=True at least 100x").endswith("| 50x | MISSED |")
    assert row("`trace`: tracing + planning").endswith("| 1.2 steps (120 ms) | MISSED |")
    assert "| 1.5x (step 1 100 ms, step 100 150 ms) | MISSED |" in row("`train100`: step 100")
    mlp = row("`mlp`: one")  # a cell's values over both passes
    assert "L2 | 100 ms [90 ms - 110 ms] (3) |" in mlp
    assert mlp.endswith("| 200 us [180 us - 220 us] (3) |")
    assert row("`fit-first`").endswith("fresh model | 80 ms | - | 2 ms | - |")  # from the probe
    assert row("the 1,000,000-deep chain completes").endswith("| 7 s | met |")
    assert "| `mlp` | 5x | 0.005x | 0.002x |" in text  # their time over ours
    assert "CHECKSUM MISMATCH" not in text and mismatches(made_up_suite()) == []


def test_a_failed_check_is_reported_and_survives_a_saved_suite(tmp_path: Path) -> None:
    suite = made_up_suite(dot_check="gradient 1: expected 3.0, got 3.5")
    assert mismatches(suite) == ["`dot`, micrograd: gradient 1: expected 3.0, got 3.5"]
    suite.dump(str(tmp_path / "run.json"))
    again = pyperf.BenchmarkSuite.load(str(tmp_path / "run.json"))
    assert render(again) == render(suite) and "CHECKSUM MISMATCH" in render(again)


def test_theil_sen_and_the_trend_ignore_bursts_of_load() -> None:
    line = [0.1 + 0.002 * k for k in range(100)]
    assert theil_sen(line) == pytest.approx((0.1, 0.002))
    bursts = [v * (3.0 if k % 5 == 0 else 1.0) for k, v in enumerate(line)]  # 20% outliers
    assert theil_sen(bursts) == pytest.approx((0.1, 0.002), rel=0.05)
    flat_with_collections = [0.1 if k % 3 else 0.15 for k in range(99)] + [0.2]
    assert trend(flat_with_collections) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="theil_sen: need at least 2 values, got 1"):
        theil_sen([1.0])


def _cli(*words: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "benchmarks", *words]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_command_line_rejects_unknown_names() -> None:
    done = _cli("--only", "dot,sprint")
    assert done.returncode == 2 and "unknown workload sprint" in done.stderr
    done = _cli("--passes", "0")
    assert done.returncode == 2 and "--passes must be at least 1, got 0" in done.stderr


@pytest.mark.slow
def test_command_line_quick_run_end_to_end(tmp_path: Path) -> None:
    saved = tmp_path / "run.json"
    done = _cli(
        "--quick", "--only", "dot,mlp,mem", "--engines", "ours,floats,numpy", "-o", str(saved)
    )
    assert done.returncode == 0, done.stderr
    assert "| `dot`: sum a_i*b_i over 10,000 pairs, forward + backward |" in done.stdout
    assert "| `mlp` | 0." in done.stdout and "Checks: every contender computed" in done.stdout
    names = pyperf.BenchmarkSuite.load(str(saved)).get_benchmark_names()
    assert {"dot/ours/1", "dot/floats/1", "mlp/numpy/1", "probe/ours", "probe/numpy"} <= set(names)
    again = _cli("--report", str(saved))
    assert again.returncode == 0 and again.stdout in done.stdout
