"""The harness: checksums, timers, probes, the report from a pyperf suite, the command line.

No test here looks at how long anything took: a time is only ever an input.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pyperf
import pytest

from benchmarks.__main__ import benchmark
from benchmarks.report import format_seconds, mismatches, render, theil_sen, trend
from benchmarks.suite import Sizes, collector_share, cpu_timer, make_trial, micrograd_failure_depth
from benchmarks.suite import probe as run_probe
from benchmarks.workloads import Checksum

ROOT = Path(__file__).resolve().parents[2]
TINY = Sizes(dot=300, chain=200, points=10, steps=4, eager_fit_steps=2, mem=400, depth=3000)


def test_checksum_mismatch_tolerates_rounding_but_not_errors() -> None:
    reference = Checksum(1.0, (0.5, -2.0, 1e-17))
    assert Checksum(1.0 + 1e-15, (0.5, -2.0, -1e-17)).mismatch(reference, 1e-9) is None
    assert "gradient 1" in Checksum(1.0, (0.5, -2.001, 0.0)).mismatch(reference, 1e-9)
    assert "value" in Checksum(1.1, (0.5, -2.0, 0.0)).mismatch(reference, 1e-9)
    assert "expected 3 gradients, got 2" in Checksum(1.0, (0.5, -2.0)).mismatch(reference, 1e-9)


@pytest.mark.parametrize("limit", [400, 403])
def test_micrograd_fails_where_its_recursion_runs_out(limit: int) -> None:
    pytest.importorskip("micrograd")
    # Its topological sort takes one frame per node of the path (3 per level, plus the
    # leaf), under the script's and backward()'s own frames; at most limit - 1 frames fit.
    assert micrograd_failure_depth(limit) == math.ceil((limit - 3) / 3)


class Counter:
    made = 0

    def __init__(self) -> None:
        Counter.made += 1

    def __call__(self) -> None: ...


def test_fresh_timer_makes_one_instance_per_loop_and_warm_timer_one_per_process() -> None:
    Counter.made = 0
    assert cpu_timer(Counter)(3) >= 0.0 and Counter.made == 3
    Counter.made, trained = 0, []
    time_func = cpu_timer(Counter, trained.append)
    time_func(2), time_func(3)
    assert Counter.made == 1 and len(trained) == 5 and len({id(c) for c in trained}) == 1


def test_probes_check_against_the_floor_and_count_what_is_left() -> None:
    ours = run_probe("ours", ["dot", "chain", "mlp", "train100", "mem", "depth", "gc"], TINY, False)
    meta = ours["metadata"]
    checks = {k: v for k, v in meta.items() if k.startswith("check ")}
    assert checks == {
        f"check {w}": "ok" for w in ("dot", "chain", "mlp", "train100", "mem", "depth")
    }
    assert len(ours["steps"]) == TINY.steps and meta["mem ops"] == 799 and meta["gc left"] == 0
    # Each step's graph is freed by reference counting before the next one starts.
    assert meta["objects after step 1"] == meta["objects after last step"]
    compiled = run_probe("compiled", ["mlp", "trace", "fit"], TINY, False)["metadata"]
    assert compiled["check mlp"] == compiled["check fit"] == "ok"
    assert compiled["plan nodes"] <= compiled["plan traced_nodes"]
    assert compiled["fit-first eager"] > 0 and compiled["fit-first compiled"] > 0
    assert "check train100" not in run_probe("micrograd", ["train100"], TINY, False)["metadata"]


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
    rows = {line.split(" | ")[0].lstrip("| "): line for line in text.splitlines() if " | " in line}
    assert rows["`mlp` at least 6x faster than micrograd"].endswith("| 5x | MISSED |")
    assert rows["`dot` at least 3x faster than micrograd"].endswith("| 4x | met |")
    mem = "`mem` at most 1/3 of micrograd's bytes per op, and at most 180 (whole bytes)"
    assert "180.2 / 900.0 = 0.20 | met" in rows[mem]
    compiled = rows["`mlp`: compiled step (warm) at least 100x the eager step"]
    assert compiled.endswith("| 200x | met |")
    numpy = rows["`mlp`: compiled step (warm) within 3x of numpy by hand"]
    assert "| 2.5x the time of numpy by hand | met |" in numpy
    fit = rows["`fit`: compile=True at least 100x eager fit, per step (warm)"]
    assert fit.endswith("| 50x | MISSED |")
    trace = rows["`trace`: tracing + planning at most one eager `mlp` step"]
    assert "1.2 steps (120 ms) | MISSED" in trace
    assert "1.5x" in rows["`train100`: step 100 as fast as step 1 (fitted trend within 10%)"]
    assert "on 100 moons, hinge + L2 | 100 ms [90 ms - 110 ms] (3) |" in text  # over both passes
    assert "fresh model | 80 ms | - | 2 ms | - |" in text  # fit-first, from the probe
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


def test_format_seconds() -> None:
    assert [format_seconds(s) for s in (2.5, 0.0123, 4.2e-5)] == ["2.5 s", "12.3 ms", "42 us"]


def test_the_collector_finds_no_cycles_in_our_graph_but_every_node_of_micrograds() -> None:
    assert collector_share(lambda: make_trial("dot", "ours", 200), runs=1)[2] == 0
    pytest.importorskip("micrograd")
    theirs = collector_share(lambda: make_trial("dot", "micrograd", 200), runs=1)
    assert theirs[2] >= 399  # each op's closure holds its own output: a cycle per node


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
