"""The benchmark harness: run counts, checksums, depth search, worker protocol, report, CLI.

No test here looks at how long anything took.
"""

from __future__ import annotations

import io
import json
import math
import sys

import pytest

from benchmarks.__main__ import main
from benchmarks.checksum import Checksum
from benchmarks.depth import micrograd_failure_depth, run_deep_chain
from benchmarks.engines import OursEngine, load_engine, recursion_limit
from benchmarks.profile import profile_once
from benchmarks.report import (
    format_ratio,
    format_seconds,
    render,
    step_times,
    target_rows,
    theil_sen,
)
from benchmarks.results import (
    ContenderResults,
    DepthReport,
    MemoryReport,
    workload_result,
)
from benchmarks.suite import WORKLOADS_BY_NAME, Plan
from benchmarks.timing import Measurement, Run, StepLog, time_run, wants_another_run
from benchmarks.worker import serve
from benchmarks.workloads.dot import DotTrial
from benchmarks.workloads.mem import MemoryResult
from benchmarks.workloads.train import TrainTrial


def test_wants_another_run_up_to_max_and_within_budget() -> None:
    assert wants_another_run([], max_runs=5, min_runs=3, budget_seconds=1.0)
    assert wants_another_run([2.0, 2.0], 5, 3, 1.0)  # under min_runs: budget does not matter
    assert not wants_another_run([2.0, 2.0, 2.0], 5, 3, 1.0)  # past min_runs and over budget
    assert wants_another_run([0.1, 0.1, 0.1], 5, 3, 1.0)
    assert not wants_another_run([0.1] * 5, 5, 3, 1.0)  # max_runs reached


@pytest.mark.parametrize(("min_runs", "max_runs"), [(0, 3), (4, 3)])
def test_wants_another_run_rejects_inconsistent_counts(min_runs: int, max_runs: int) -> None:
    with pytest.raises(ValueError, match="wants_another_run: need 1 <= min_runs <= max_runs"):
        wants_another_run([], max_runs, min_runs, 1.0)


def test_measurement_median_and_spread() -> None:
    checksum = Checksum(1.0, (2.0,))
    runs = [Run(s, 2 * s, checksum) for s in (0.3, 0.1, 0.5, 0.2)]
    m = Measurement.of(runs)
    assert (m.median, m.low, m.high, m.runs) == (0.25, 0.1, 0.5, 4)
    assert m.wall_seconds == (0.6, 0.2, 1.0, 0.4)
    with pytest.raises(ValueError, match="Measurement.of: no runs"):
        Measurement.of([])


def test_checksum_mismatch_tolerates_rounding_but_not_errors() -> None:
    reference = Checksum(1.0, (0.5, -2.0, 1e-17))
    assert Checksum(1.0 + 1e-15, (0.5, -2.0, -1e-17)).mismatch(reference, 1e-9) is None
    assert "gradient 1" in Checksum(1.0, (0.5, -2.001, 0.0)).mismatch(reference, 1e-9)
    assert "value" in Checksum(1.1, (0.5, -2.0, 0.0)).mismatch(reference, 1e-9)
    assert "expected 3 gradients, got 2" in Checksum(1.0, (0.5, -2.0)).mismatch(reference, 1e-9)


@pytest.mark.parametrize("limit", [400, 402, 403])
def test_micrograd_fails_where_its_recursion_runs_out(limit: int) -> None:
    pytest.importorskip("micrograd")
    # Its topological sort takes one frame per node of the path (3 per level, plus the
    # leaf), under the script's and backward()'s own frames; at most limit - 1 frames fit.
    assert micrograd_failure_depth(limit) == math.ceil((limit - 3) / 3)


def test_recursion_limit_is_restored() -> None:
    before = sys.getrecursionlimit()
    with recursion_limit(before + 5000):
        assert sys.getrecursionlimit() == before + 5000
    assert sys.getrecursionlimit() == before


def test_deep_chain_result_matches_the_floor() -> None:
    result = run_deep_chain(OursEngine(), 2000)
    assert result.mismatch is None and result.depth == 2000


def test_plan_leaves_slow_engines_out_of_the_full_demo_unless_asked() -> None:
    plan = Plan()
    assert plan.runs_workload("ours", "train100") and plan.runs_workload("floats", "train100")
    assert not plan.runs_workload("micrograd", "train100")
    assert Plan(full_demo=True).runs_workload("torch", "train100")
    assert not Plan(workloads=("dot",)).runs_workload("ours", "mlp")
    assert Plan().runs_workload("compiled", "mlp") and Plan().runs_workload("numpy", "train100")
    assert not Plan().runs_workload("compiled", "dot") and not Plan().runs_workload("ours", "trace")
    assert Plan().runs_workload("compiled", "trace") and not Plan().runs_workload("numpy", "trace")
    mlp = WORKLOADS_BY_NAME["mlp"]
    assert (Plan().size(mlp), Plan(quick=True).size(mlp)) == (100, 30)
    assert (Plan().max_runs(mlp), Plan(quick=True).max_runs(mlp), Plan(runs=2).max_runs(mlp)) == (
        5,
        3,
        2,
    )


def test_worker_answers_requests_one_line_each() -> None:
    requests = io.StringIO(
        json.dumps({"task": "timed", "workload": "dot", "size": 50})
        + "\n"
        + json.dumps({"task": "timed", "workload": "dot", "size": 50})
        + "\n"
        + json.dumps({"task": "bogus"})
        + "\n"
    )
    replies = io.StringIO()
    serve("floats", requests, replies)
    hello, first, second, error = (json.loads(line) for line in replies.getvalue().splitlines())
    assert hello["name"] == "floats"
    assert first["ok"]["checksum"] is not None and first["ok"]["differs"] is None
    assert len(first["ok"]["checksum"]["grads"]) == 100
    assert second["ok"]["checksum"] is None  # sent once; later runs are checked in the worker
    assert "ValueError: worker: the float floor has no 'bogus' task" in error["error"]


def test_worker_names_an_unknown_task() -> None:
    replies = io.StringIO()
    serve("ours", io.StringIO(json.dumps({"task": "sprint"}) + "\n"), replies)
    error = json.loads(replies.getvalue().splitlines()[1])
    assert "ValueError: worker: unknown task 'sprint'" in error["error"]


def _measurement(seconds: float, checksum: Checksum) -> Measurement:
    return Measurement((seconds, seconds * 1.1, seconds * 0.9), checksum, (), (seconds,) * 3)


def _fake_results() -> list[ContenderResults]:
    same = Checksum(2.0, (1.0, 3.0))
    ours = ContenderResults("ours", "0.1.0")
    micrograd = ContenderResults("micrograd", "0.1.0")
    ours.timed = {"mlp": _measurement(0.1, same), "dot": _measurement(0.5, same)}
    micrograd.timed = {
        "mlp": _measurement(0.5, same),  # 5x: misses the 6x target
        "dot": _measurement(2.0, Checksum(2.0, (1.0, 3.5))),  # 4x, but a different result
    }
    for c in (ours, micrograd):
        c.sizes = {"mlp": 100, "dot": 100_000}
    return [ours, micrograd]


def test_workload_result_flags_an_engine_that_computed_something_else() -> None:
    everyone = _fake_results()
    mlp = workload_result(WORKLOADS_BY_NAME["mlp"], everyone)
    dot = workload_result(WORKLOADS_BY_NAME["dot"], everyone)
    assert mlp is not None and dot is not None
    assert mlp.mismatches == {}
    assert set(dot.mismatches) == {"micrograd"} and "gradient 1" in dot.mismatches["micrograd"]
    assert workload_result(WORKLOADS_BY_NAME["chain"], everyone) is None


def test_targets_say_met_or_missed_from_the_ratios() -> None:
    everyone = _fake_results()
    rows = [workload_result(WORKLOADS_BY_NAME[n], everyone) for n in ("mlp", "dot")]
    memory = MemoryReport(
        10,
        {
            "ours": MemoryResult(100.0, 19, Checksum(0.0, ())),
            "micrograd": MemoryResult(400.0, 19, Checksum(0.0, ())),
        },
    )
    targets = {row[0]: row[1:] for row in target_rows(rows, memory, DepthReport(None, 331))}
    assert targets["`mlp` at least 6x faster than micrograd"] == ["5x", "MISSED"]
    assert targets["`dot` at least 3x faster than micrograd"] == ["4x", "met"]
    assert targets["`mem` at most 1/3 of micrograd's bytes per op"] == ["100 / 400 = 0.25", "met"]
    assert targets["micrograd's failure depth reported"] == ["331 levels", "met"]


def test_report_lists_every_engine_and_the_mismatch() -> None:
    everyone = _fake_results()
    rows = [workload_result(WORKLOADS_BY_NAME[n], everyone) for n in ("dot", "mlp")]
    text = render(["Python x"], "python -m benchmarks", ["ours", "micrograd"], [], rows, None, None)
    assert "| workload | ours | micrograd |" in text
    assert "| `mlp` | 5x |" in text
    assert "CHECKSUM MISMATCH" in text and "`dot`, micrograd" in text


@pytest.mark.parametrize(
    ("seconds", "text"), [(2.5, "2.5 s"), (0.0123, "12.3 ms"), (4.2e-5, "42 us")]
)
def test_format_seconds(seconds: float, text: str) -> None:
    assert format_seconds(seconds) == text


def test_format_ratio() -> None:
    assert format_ratio(7.2449) == "7.24x"


def test_command_line_quick_run_end_to_end(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["--quick", "--only", "dot,mem", "--engines", "ours,floats", "--runs", "1"])
    out = capsys.readouterr().out
    assert status == 0
    assert "| `dot`: sum a_i*b_i over 10,000 pairs, forward + backward |" in out
    assert "Every engine computed the same values and gradients" in out
    assert "| ours | " in out  # the mem table


def test_command_line_rejects_unknown_names(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--only", "dot,sprint"])
    assert "unknown workload sprint" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--runs", "0"])
    assert "--runs must be at least 1, got 0" in capsys.readouterr().err


def test_profile_finds_no_cycles_left_by_our_graph_but_many_by_micrograds() -> None:
    ours = OursEngine()
    profile = profile_once(ours, lambda: DotTrial(ours, 200), gc_on=True)
    assert profile.left_for_gc == 0  # freed at once by reference counting
    assert profile.walk is not None
    pytest.importorskip("micrograd")
    micrograd = load_engine("micrograd")
    assert micrograd is not None
    theirs = profile_once(micrograd, lambda: DotTrial(micrograd, 200), gc_on=False)
    # Every op's closure holds its own output: each node is in a cycle.
    assert theirs.left_for_gc >= 399 and theirs.walk is None


def test_theil_sen_recovers_a_line_through_bursts_of_load() -> None:
    line = [0.1 + 0.002 * k for k in range(100)]
    assert theil_sen(line) == pytest.approx((0.1, 0.002))
    bursts = [v * (3.0 if k % 5 == 0 else 1.0) for k, v in enumerate(line)]  # 20% outliers
    assert theil_sen(bursts) == pytest.approx((0.1, 0.002), rel=0.05)
    with pytest.raises(ValueError, match="theil_sen: need at least 2 values, got 1"):
        theil_sen([1.0])


def test_step_times_trend_ignores_the_phase_of_full_collections() -> None:
    # Flat steps with every third one slower (a full collection), and one slow last step.
    steps = tuple(0.1 if k % 3 else 0.15 for k in range(99)) + (0.2,)
    log = StepLog(steps, (500,) * 100)
    times = step_times(Measurement((sum(steps),), Checksum(0.0, ()), log))
    assert times is not None
    assert (times.first, times.last) == (0.15, 0.2)
    assert times.trend == pytest.approx(1.0)
    assert (times.live_first, times.live_last) == (500, 500)


def test_step_times_trend_sees_a_steady_slowdown() -> None:
    steps = tuple(0.1 * (1.0 + 0.5 * k / 99) for k in range(100))
    times = step_times(Measurement((1.0,), Checksum(0.0, ()), StepLog(steps, (7,) * 100)))
    assert times is not None and times.trend == pytest.approx(1.5)


def test_train_trial_logs_every_step_and_nothing_piles_up_in_ours() -> None:
    trial = TrainTrial(OursEngine(), 6, n_points=8)
    run = time_run(lambda: trial)
    assert run.steps is not None
    assert len(run.steps.seconds) == len(run.steps.live_objects) == 6
    # Each step's graph is freed by reference counting before the next one starts.
    assert len(set(run.steps.live_objects[1:])) == 1
