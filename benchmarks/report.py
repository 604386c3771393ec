"""The report: markdown tables of times, ratios to ours, memory, depth, and the targets."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from .results import DepthReport, MemoryReport, WorkloadResult
from .suite import COMPILED, DISPLAY_NAMES, NUMPY
from .timing import Measurement

STEADY_STEPS = 10  # train100 also shows the median of its first and last this many steps
SLOWDOWN_TOLERANCE = 1.10  # a fitted last step within 10% of the fitted first is "as fast"


def format_seconds(seconds: float) -> str:
    """3 significant digits in s, ms or us."""
    if seconds >= 1.0:
        return f"{seconds:.3g} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds * 1e6:.3g} us"


def display(name: str) -> str:
    """A contender's column title ("compiled" is "ours (compiled)")."""
    return DISPLAY_NAMES.get(name, name)


def format_ratio(ratio: float) -> str:
    return f"{ratio:.3g}x"


def time_cell(m: Measurement) -> str:
    spread = f" [{format_seconds(m.low)} - {format_seconds(m.high)}]" if m.runs > 1 else ""
    return f"{format_seconds(m.median)}{spread} ({m.runs} run{'s' if m.runs > 1 else ''})"


def ratio(result: WorkloadResult, name: str) -> float | None:
    """``name``'s median time over ours (above 1: ours is faster)."""
    m = result.measurements
    if "ours" not in m or name not in m:
        return None
    return m[name].median / m["ours"].median


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def theil_sen(values: Sequence[float]) -> tuple[float, float]:
    """Intercept and slope of the line through (k, values[k]): the median of the
    pairwise slopes, then the median intercept. Up to ~29% of the points can be
    outliers (a burst of load from other jobs) without tilting it."""
    n = len(values)
    if n < 2:
        raise ValueError(f"theil_sen: need at least 2 values, got {n}")
    slope = statistics.median(
        (values[j] - values[i]) / (j - i) for i in range(n) for j in range(i + 1, n)
    )
    intercept = statistics.median(v - slope * k for k, v in enumerate(values))
    return intercept, slope


def _trend(values: Sequence[float]) -> float:
    """Fitted last value over fitted first value, on the Theil-Sen line."""
    intercept, slope = theil_sen(values)
    return (intercept + slope * (len(values) - 1)) / intercept


@dataclass(frozen=True)
class StepTimes:
    first: float
    last: float
    first_median: float
    last_median: float
    trend: float  # fitted time of the last step over fitted time of the first
    live_first: int  # objects tracked by the garbage collector after the first step
    live_last: int  # ... and after the last


def step_times(m: Measurement) -> StepTimes | None:
    log = m.steps
    if log is None or len(log.seconds) < 2:
        return None
    steps = log.seconds
    k = min(STEADY_STEPS, len(steps) // 2)
    return StepTimes(
        steps[0],
        steps[-1],
        statistics.median(steps[:k]),
        statistics.median(steps[-k:]),
        _trend(steps),
        log.live_objects[0],
        log.live_objects[-1],
    )


def render(
    machine: Sequence[str],
    command: str,
    contenders: Sequence[str],
    missing: Sequence[str],
    timed: Sequence[WorkloadResult],
    memory: MemoryReport | None,
    depth: DepthReport | None,
) -> str:
    lines = [f"Command: `{command}`", ""]
    lines += [f"- {line}" for line in machine]
    lines += [f"- {note}" for note in missing]
    if timed:
        lines += ["", "CPU time of the process: median of the runs [fastest - slowest]:", ""]
        rows = [
            [f"`{r.workload.name}`: {r.workload.describe(r.size)}"]
            + [time_cell(r.measurements[c]) if c in r.measurements else "-" for c in contenders]
            for r in timed
        ]
        lines += _table(["workload", *map(display, contenders)], rows)
        others = [c for c in contenders if c != "ours"]
        if "ours" in contenders and others:
            lines += [
                "",
                "Time relative to ours (their median / our median; above 1, we are faster):",
            ]
            lines += [""]
            rows = []
            for r in timed:
                cells = []
                for c in others:
                    value = ratio(r, c)
                    cells.append("-" if value is None else format_ratio(value))
                rows.append([f"`{r.workload.name}`", *cells])
            lines += _table(["workload", *map(display, others)], rows)
        lines += _train_lines(timed, contenders)
        lines += _load_lines(timed, contenders)
    if memory is not None and memory.results:
        lines += _memory_lines(memory)
    if depth is not None:
        lines += _depth_lines(depth)
    lines += _mismatch_lines(timed, memory)
    targets = target_rows(timed, memory, depth)
    if targets:
        lines += ["", "Targets (the performance targets of the mission), from this run:", ""]
        lines += _table(["target", "measured", "verdict"], targets)
    return "\n".join(lines) + "\n"


def _train_lines(timed: Sequence[WorkloadResult], contenders: Sequence[str]) -> list[str]:
    train = next((r for r in timed if r.workload.name == "train100"), None)
    if train is None:
        return []
    logs = [m.steps for m in train.measurements.values() if m.steps is not None]
    if not logs:
        return []
    n = len(logs[0].seconds)
    k = min(STEADY_STEPS, n // 2)
    rows = []
    for c in contenders:
        if c not in train.measurements or (steps := step_times(train.measurements[c])) is None:
            continue
        rows.append(
            [
                display(c),
                format_seconds(steps.first),
                format_seconds(steps.last),
                format_seconds(steps.first_median),
                format_seconds(steps.last_median),
                format_ratio(steps.trend),
                f"{steps.live_first:,} -> {steps.live_last:,}",
            ]
        )
    if not rows:
        return []
    header = [
        "engine",
        "step 1",
        f"step {n}",
        f"median of steps 1-{k}",
        f"median of steps {n - k + 1}-{n}",
        f"trend: fitted step {n} / step 1",
        f"objects tracked by the GC after step 1 -> {n}",
    ]
    return [
        "",
        f"`train100`: CPU time per step over the {n} steps; the trend is a Theil-Sen line "
        "through all of them, which bursts of load from other jobs do not tilt:",
        "",
        *_table(header, rows),
    ]


def _load_lines(timed: Sequence[WorkloadResult], contenders: Sequence[str]) -> list[str]:
    """Wall-clock over CPU time per engine: near 1 on an idle machine, above it under load."""
    cells = []
    for c in contenders:
        ms = [r.measurements[c] for r in timed if c in r.measurements]
        cpu = sum(sum(m.seconds) for m in ms)
        wall = sum(sum(m.wall_seconds) for m in ms)
        if cpu > 0 and wall > 0:
            cells.append(f"{display(c)} {wall / cpu:.2f}")
    if not cells:
        return []
    return [
        "",
        "Wall-clock / CPU time over all timed runs (1.00 on an idle machine; above, other jobs "
        f"held the CPU): {', '.join(cells)}.",
    ]


def _memory_lines(memory: MemoryReport) -> list[str]:
    ops = next(iter(memory.results.values())).ops
    header = ["engine", "bytes per recorded op"]
    rows = [[name, f"{r.bytes_per_op:.0f}"] for name, r in memory.results.items()]
    return [
        "",
        f"`mem`: bytes held by the graph of sum_i 3*x_i, {memory.size:,} leaves made beforehand "
        f"(not counted), {ops:,} recorded ops (tracemalloc; it cannot see PyTorch's C++ memory):",
        "",
        *_table(header, rows),
    ]


def _depth_lines(depth: DepthReport) -> list[str]:
    lines = [""]
    deep = depth.deep_chain
    if deep is not None:
        verdict = (
            "the result and gradient match the float floor"
            if deep.mismatch is None
            else f"but differs from the float floor: {deep.mismatch}"
        )
        lines.append(
            f"- `depth`: ours backpropagates the {deep.depth:,}-deep chain "
            f"({3 * deep.depth:,} ops on one path) in {format_seconds(deep.seconds)}; {verdict}."
        )
    if depth.micrograd_failure_depth is not None:
        d = depth.micrograd_failure_depth
        lines.append(
            f"- `depth`: micrograd raises RecursionError from a chain {d} deep "
            f"({3 * d} ops on one path), called from a script's top level at Python's "
            "default recursion limit of 1000; the timed runs above lift the limit for it."
        )
    return lines if len(lines) > 1 else []


def _mismatch_lines(timed: Sequence[WorkloadResult], memory: MemoryReport | None) -> list[str]:
    problems = [
        f"- `{r.workload.name}`, {name}: {text}"
        for r in timed
        for name, text in r.mismatches.items()
    ]
    if memory is not None:
        problems += [f"- `mem`, {name}: {text}" for name, text in memory.mismatches.items()]
    if not problems:
        return ["", "Every engine computed the same values and gradients on every workload."]
    return ["", "CHECKSUM MISMATCH (these times compare different computations):", *problems]


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def target_rows(
    timed: Sequence[WorkloadResult], memory: MemoryReport | None, depth: DepthReport | None
) -> list[list[str]]:
    """One row per performance target (eager and compiled) that this run measured."""
    by_name = {r.workload.name: r for r in timed}
    rows = []
    for name, minimum in (("mlp", 6.0), ("dot", 3.0)):
        if name not in by_name:
            continue
        if (value := ratio(by_name[name], "micrograd")) is not None:
            rows.append(
                [
                    f"`{name}` at least {minimum:g}x faster than micrograd",
                    format_ratio(value),
                    _verdict(value >= minimum),
                ]
            )
        if (value := ratio(by_name[name], "torch")) is not None:
            rows.append(
                [
                    f"`{name}` faster than PyTorch scalars",
                    format_ratio(value),
                    _verdict(value > 1.0),
                ]
            )
    if memory is not None and {"ours", "micrograd"} <= memory.results.keys():
        ours = memory.results["ours"].bytes_per_op
        theirs = memory.results["micrograd"].bytes_per_op
        rows.append(
            [
                "`mem` at most 1/3 of micrograd's bytes per op",
                f"{ours:.0f} / {theirs:.0f} = {ours / theirs:.2f}",
                _verdict(ours <= theirs / 3),
            ]
        )
    if depth is not None and depth.deep_chain is not None:
        deep = depth.deep_chain
        rows.append(
            [
                f"`chain` {deep.depth:,} deep completes",
                f"{format_seconds(deep.seconds)}",
                _verdict(deep.mismatch is None and deep.depth >= 1_000_000),
            ]
        )
    if depth is not None and depth.micrograd_failure_depth is not None:
        d = depth.micrograd_failure_depth
        rows.append(["micrograd's failure depth reported", f"{d} levels", "met"])
    train = by_name.get("train100")
    if train is not None and "ours" in train.measurements:
        steps = step_times(train.measurements["ours"])
        if steps is not None:
            rows.append(
                [
                    "`train100`: the last step as fast as the first (trend within 10%)",
                    f"{format_ratio(steps.trend)} (step 1 {format_seconds(steps.first)}, "
                    f"last step {format_seconds(steps.last)})",
                    _verdict(steps.trend <= SLOWDOWN_TOLERANCE),
                ]
            )
            rows.append(
                [
                    "`train100`: nothing piles up from step to step",
                    f"{steps.live_first:,} -> {steps.live_last:,} objects tracked by the GC",
                    _verdict(steps.live_last <= steps.live_first),
                ]
            )
    rows += _array_rows(by_name)
    if "dot" in by_name and (value := ratio(by_name["dot"], "floats")) is not None:
        distance = 1.0 / value
        rows.append(
            [
                "`dot` within 10x of the float floor (long-term goal)",
                f"{distance:.3g}x the floor's time",
                _verdict(distance <= 10.0),
            ]
        )
    return rows


def _median(by_name: dict[str, WorkloadResult], workload: str, contender: str) -> float | None:
    result = by_name.get(workload)
    if result is None or contender not in result.measurements:
        return None
    return result.measurements[contender].median


def _array_rows(by_name: dict[str, WorkloadResult]) -> list[list[str]]:
    """Whole arrays: the compiled step against our eager step and numpy by hand; the trace."""
    rows = []
    for workload in ("mlp", "train100"):
        eager = _median(by_name, workload, "ours")
        compiled = _median(by_name, workload, COMPILED)
        numpy = _median(by_name, workload, NUMPY)
        if eager is not None and compiled is not None:
            speedup = eager / compiled
            rows.append(
                [
                    f"`{workload}`: ours compiled at least 50x faster than ours eager (goal 100x)",
                    format_ratio(speedup),
                    _verdict(speedup >= 50.0) + (" (goal met)" if speedup >= 100.0 else ""),
                ]
            )
        if numpy is not None and compiled is not None:
            distance = compiled / numpy
            rows.append(
                [
                    f"`{workload}`: ours compiled within 10x of numpy by hand (goal 3x)",
                    f"{distance:.3g}x numpy's time",
                    _verdict(distance <= 10.0) + (" (goal met)" if distance <= 3.0 else ""),
                ]
            )
    trace = by_name.get("trace")
    eager = _median(by_name, "mlp", "ours")
    if trace is not None and COMPILED in trace.measurements:
        m = trace.measurements[COMPILED]
        if eager is not None:
            cost = m.median / eager
            rows.append(
                [
                    "`trace`: tracing + planning at most 3x one eager `mlp` step",
                    f"{cost:.3g}x ({format_seconds(m.median)})",
                    _verdict(cost <= 3.0),
                ]
            )
        # The trace's checksum carries the plan: bytes per node, (traced, fused, levels).
        per_node = m.checksum.value
        traced, fused, levels = (int(x) for x in m.checksum.grads)
        rows.append(
            [
                "`trace`: the replay plan holds at most 100 bytes per node",
                f"{per_node:.0f} bytes/node ({traced:,} nodes fused to {fused:,}, {levels} levels)",
                _verdict(per_node <= 100.0),
            ]
        )
    return rows
