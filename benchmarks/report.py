"""The report, rendered from a pyperf suite: times, ratios to ours, train100, mem, depth, targets.

Timed cells are named ``WORKLOAD/CONTENDER``; each contender's probe is
``probe/CONTENDER`` (its figures in the metadata) and ``train100/CONTENDER``
(one value per step). Everything shown comes from the suite, so a saved one
(``-o FILE``) renders the same report again (``--report FILE``).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

import pyperf

from .suite import COMPILED, CONTENDERS, DESCRIPTIONS, DISPLAY_NAMES, FULL, NUMPY, QUICK

STEADY_STEPS = 10  # train100 also shows the median of its first and last this many steps
SLOWDOWN_TOLERANCE = 1.10  # a fitted last step within 10% of the fitted first is "as fast"
ROWS = ("dot", "chain", "mlp", "mlp-first", "trace", "fit", "fit-first")
WARM = ("mlp", "fit")  # the array contenders' rows timed warm


def format_seconds(seconds: float) -> str:
    """3 significant digits in s, ms or us."""
    if seconds >= 1.0:
        return f"{seconds:.3g} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds * 1e6:.3g} us"


def format_ratio(ratio: float) -> str:
    return f"{ratio:.3g}x"


def display(name: str) -> str:
    return DISPLAY_NAMES.get(name, name)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def theil_sen(values: Sequence[float]) -> tuple[float, float]:
    """Intercept and slope of the line through (k, values[k]): the median of the pairwise
    slopes, then the median intercept. Up to ~29% of the points can be outliers (a burst of
    load from other jobs) without tilting it."""
    n = len(values)
    if n < 2:
        raise ValueError(f"theil_sen: need at least 2 values, got {n}")
    slope = statistics.median(
        (values[j] - values[i]) / (j - i) for i in range(n) for j in range(i + 1, n)
    )
    return statistics.median(v - slope * k for k, v in enumerate(values)), slope


def trend(steps: Sequence[float]) -> float:
    """Fitted last step over fitted first step, on the Theil-Sen line."""
    intercept, slope = theil_sen(steps)
    return (intercept + slope * (len(steps) - 1)) / intercept


class View:
    """Lookups into a suite: a cell's values, a probe's figures."""

    def __init__(self, suite: pyperf.BenchmarkSuite) -> None:
        self.benches = {b.get_name(): b for b in suite.get_benchmarks()}
        self.contenders = [c for c in CONTENDERS if f"probe/{c}" in self.benches]
        self.timed = {name: b for name, b in self.benches.items() if name.count("/") == 2}

    def probe(self, contender: str) -> dict[str, Any]:
        bench = self.benches.get(f"probe/{contender}")
        return {} if bench is None else dict(bench.get_runs()[0].get_metadata())

    def steps(self, contender: str) -> list[float]:
        bench = self.benches.get(f"train100/{contender}")
        return [] if bench is None else list(bench.get_values())

    def values(self, row: str, contender: str) -> list[float]:
        if row == "mlp-first":
            return self.steps(contender)[:1]
        if row == "fit-first":
            key = f"fit-first {'compiled' if contender == COMPILED else 'eager'}"
            found = self.probe(COMPILED).get(key) if contender in ("ours", COMPILED) else None
            return [] if found is None else [found]
        cell = f"{row}/{contender}"  # the cell's benchmarks are CELL/1, CELL/2, ...: one per pass
        return [
            v
            for name, b in self.timed.items()
            if name.startswith(cell + "/")
            for v in b.get_values()
        ]

    def median(self, row: str, contender: str) -> float | None:
        values = self.values(row, contender)
        return statistics.median(values) if values else None

    def ratio(self, row: str, contender: str, base: str = "ours") -> float | None:
        """``contender``'s median time over ``base``'s (above 1: base is faster)."""
        theirs, ours = self.median(row, contender), self.median(row, base)
        return None if theirs is None or ours is None else theirs / ours


def _cell(values: Sequence[float]) -> str:
    if not values:
        return "-"
    if len(values) == 1:
        return format_seconds(values[0])
    median, low, high = statistics.median(values), min(values), max(values)
    return (
        f"{format_seconds(median)} [{format_seconds(low)} - {format_seconds(high)}] ({len(values)})"
    )


def _header(view: View, command: str | None, notes: Sequence[str]) -> list[str]:
    timed = list(view.timed.values())
    lines = [f"Command: `{command}`", ""] if command else []
    if timed:
        meta = timed[0].get_metadata()
        loads = [r.get_metadata().get("load_avg_1min", 0.0) for b in timed for r in b.get_runs()]
        dates = pyperf.BenchmarkSuite(timed).get_dates()
        when = f"{dates[0]:%Y-%m-%d %H:%M} - {dates[1]:%H:%M}" if dates else "?"
        lines += [
            f"- {meta.get('python_implementation', '?')} {meta.get('python_version', '?')}, "
            f"{meta.get('platform', '?')}, pyperf {meta.get('perf_version', '?')}",
            f"- CPU: {meta.get('cpu_model_name', '?')}, {meta.get('cpu_count', '?')} cores; "
            f"load average (1 min) {min(loads):.2f} - {max(loads):.2f} during the timed runs",
            f"- Commit {meta.get('commit', '?')}, {when}",
        ]
    versions = ", ".join(
        f"{display(c)} {view.probe(c).get('version', '?')}" for c in view.contenders
    )
    return lines + [f"- Contenders: {versions}"] + [f"- {note}" for note in notes]


def _times(view: View, sizes: Any) -> list[str]:
    rows, ratio_rows = [], []
    others = [c for c in view.contenders if c != "ours"]
    for row in ROWS:
        cells = [_cell(view.values(row, c)) for c in view.contenders]
        if all(cell == "-" for cell in cells):
            continue
        rows.append([f"`{row}`: {DESCRIPTIONS[row].format(s=sizes)}", *cells])
        ratios = [view.ratio(row, c) for c in others]
        if any(r is not None for r in ratios):
            ratio_rows.append(
                [f"`{row}`", *("-" if r is None else format_ratio(r) for r in ratios)]
            )
    if not rows:
        return []
    lines = [
        "",
        "CPU time of one run of the workload (`mlp`, `fit`: of one training step): the median "
        "[fastest - slowest] (number) of pyperf's values. The array contenders are timed warm in "
        f"{' and '.join(f'`{r}`' for r in WARM)}: one model per process, trained on, "
        f"{sizes.steps} steps per value after pyperf's warm-up; `mlp-first` (step 1 of "
        "`train100`) and `fit-first` are measured once, cold:",
        "",
        *_table(["workload", *map(display, view.contenders)], rows),
    ]
    if ratio_rows and others:
        lines += ["", "Their time over ours (above 1: ours is faster):", ""]
        lines += _table(["workload", *map(display, others)], ratio_rows)
    return lines


def _train(view: View) -> list[str]:
    rows = []
    for c in view.contenders:
        steps = view.steps(c)
        if len(steps) < 2:
            continue
        n, k, meta = len(steps), min(STEADY_STEPS, len(steps) // 2), view.probe(c)
        rows.append(
            [
                display(c),
                format_seconds(steps[0]),
                format_seconds(steps[-1]),
                format_seconds(statistics.median(steps[:k])),
                format_seconds(statistics.median(steps[-k:])),
                format_ratio(trend(steps)),
                f"{meta['objects after step 1']:,} -> {meta['objects after last step']:,}",
            ]
        )
    if not rows:
        return []
    header = ["contender", "step 1", f"step {n}", f"median of steps 1-{k}"]
    header += [f"median of steps {n - k + 1}-{n}", f"trend: fitted step {n} / step 1"]
    header += [f"objects tracked by the GC after step 1 -> {n}"]
    return [
        "",
        f"`train100`: the demo's {n} steps (lr 1.0 -> 0.1) on a fresh model, each step's CPU "
        "time; the trend is a Theil-Sen line through all of them (bursts of load do not tilt it):",
        "",
        *_table(header, rows),
    ]


def _memory_and_depth(view: View) -> list[str]:
    lines = []
    mem = [(c, view.probe(c)) for c in view.contenders if "mem bytes per op" in view.probe(c)]
    if mem:
        lines += ["", "`mem`: bytes held per recorded op by the graph of sum_i 3*x_i "]
        lines[-1] += f"({mem[0][1]['mem ops']:,} ops; leaves not counted; tracemalloc):"
        rows = [[c, f"{m['mem bytes per op']:.1f}"] for c, m in mem]
        lines += ["", *_table(["engine", "bytes per op"], rows)]
    gc = [(c, m) for c in view.contenders if "gc on" in (m := view.probe(c))]
    if gc:
        header = ["engine", "collector on", "collector off", "off / on", "objects left for it"]
        rows = [[c, format_seconds(m["gc on"]), format_seconds(m["gc off"])] for c, m in gc]
        for row, (_, m) in zip(rows, gc):
            row += [f"{m['gc off'] / m['gc on']:.0%}", f"{m['gc left']:,}"]
        lines += [
            "",
            "`gc`: `dot` with Python's cyclic garbage collector on and off (medians of 3), ",
        ]
        lines[-1] += "and the objects it finds once the graph is dropped (0: no reference cycles):"
        lines += ["", *_table(header, rows)]
    ours, theirs = view.probe("ours"), view.probe("micrograd")
    if "depth" in ours:
        lines += [
            "",
            f"- `depth`: ours backpropagates the {ours['depth']:,}-deep chain "
            f"({3 * ours['depth']:,} ops on one path) in {format_seconds(ours['depth seconds'])}.",
        ]
    if "micrograd failure depth" in theirs:
        d = theirs["micrograd failure depth"]
        lines.append(
            f"- `depth`: micrograd raises RecursionError from a chain {d} deep ({3 * d} ops on one "
            "path), called from a script's top level at Python's default recursion limit (1000); "
            "its timed runs lift the limit."
        )
    return lines


def mismatches(suite: pyperf.BenchmarkSuite) -> list[str]:
    """Every check that failed: ``workload, contender: what differs``."""
    view = View(suite)
    return [
        f"`{key.removeprefix('check ')}`, {display(c)}: {value}"
        for c in view.contenders
        for key, value in view.probe(c).items()
        if key.startswith("check ") and value != "ok"
    ]


# (target, workload, the slower, the faster contender, least speed-up: slower / faster time)
SPEEDUPS = (
    ("`mlp` at least 6x faster than micrograd", "mlp", "micrograd", "ours", 6.0),
    ("`mlp` faster than PyTorch scalars", "mlp", "torch", "ours", 1.0),
    ("`dot` at least 3x faster than micrograd", "dot", "micrograd", "ours", 3.0),
    ("`dot` faster than PyTorch scalars", "dot", "torch", "ours", 1.0),
    ("`mlp`: compiled step (warm) at least 100x the eager step", "mlp", "ours", COMPILED, 100.0),
    ("`mlp`: compiled step (warm) within 3x of numpy by hand", "mlp", NUMPY, COMPILED, 1 / 3),
    ("`fit`: compile=True at least 100x eager fit, per step (warm)", "fit", "ours", COMPILED, 100),
    ("`dot` within 10x of the float floor (long-term goal)", "dot", "floats", "ours", 0.1),
)  # fmt: skip


def target_rows(view: View) -> list[list[str]]:
    """One row per target this run measured: what, the figure, met or MISSED."""
    rows = []
    for what, workload, slower, faster, least in SPEEDUPS:
        if (r := view.ratio(workload, slower, faster)) is not None:
            text = format_ratio(r) if least >= 1 else f"{1 / r:.3g}x the time of {display(slower)}"
            rows.append([what, text, r >= least])
    ours, theirs, plan = view.probe("ours"), view.probe("micrograd"), view.probe(COMPILED)
    if "mem bytes per op" in ours and "mem bytes per op" in theirs:
        a, b = ours["mem bytes per op"], theirs["mem bytes per op"]
        what = "`mem` at most 1/3 of micrograd's bytes per op, and at most 180 (whole bytes)"
        # Whole bytes: the few bytes tracemalloc itself allocates are not the graph's.
        rows.append([what, f"{a:.1f} / {b:.1f} = {a / b:.2f}", a <= b / 3 and round(a) <= 180])
    if "depth" in ours:
        what, ok = f"the {ours['depth']:,}-deep chain completes", ours["check depth"] == "ok"
        rows.append([what, format_seconds(ours["depth seconds"]), ok and ours["depth"] >= 10**6])
    if len(steps := view.steps("ours")) >= 2:
        t, n = trend(steps), len(steps)
        what = f"`train100`: step {n} as fast as step 1 (fitted trend within 10%)"
        first, last = format_seconds(steps[0]), format_seconds(steps[-1])
        rows.append([what, f"{t:.3g}x (step 1 {first}, step {n} {last})", t <= SLOWDOWN_TOLERANCE])
        a, b = ours["objects after step 1"], ours["objects after last step"]
        what = "`train100`: nothing piles up (objects tracked by the GC)"
        rows.append([what, f"{a:,} -> {b:,}", b <= a])
    trace, eager = view.median("trace", COMPILED), view.median("mlp", "ours")
    if trace is not None and eager is not None:
        what = "`trace`: tracing + planning at most one eager `mlp` step"
        rows.append([what, f"{trace / eager:.3g} steps ({format_seconds(trace)})", trace <= eager])
    if "plan bytes_per_node" in plan:
        b, nodes = plan["plan bytes_per_node"], f"{plan['plan traced_nodes']:,} nodes"
        text = f"{b:.0f} B/node ({nodes} of one sample fused to {plan['plan nodes']:,})"
        what = "`trace`: the per-sample plan holds at most 100 bytes per node"
        rows.append([what, text, b <= 100])
    return [[what, text, "met" if ok else "MISSED"] for what, text, ok in rows]


def render(
    suite: pyperf.BenchmarkSuite, command: str | None = None, notes: Sequence[str] = ()
) -> str:
    view = View(suite)
    sizes = QUICK if view.probe(view.contenders[0]).get("sizes") == "quick" else FULL
    lines = _header(view, command, notes) + _times(view, sizes) + _train(view)
    lines += _memory_and_depth(view)
    problems = mismatches(suite)
    if problems:
        lines += ["", "CHECKSUM MISMATCH (these times compare different computations):"]
        lines += [f"- {p}" for p in problems]
    else:
        lines += [
            "",
            "Checks: every contender computed the float floor's values and gradients "
            "(or trained parameters) on every workload it ran; `fit(compile=True)` the "
            "same losses and parameters as eager `fit`.",
        ]
    targets = target_rows(view)
    if targets:
        lines += ["", "Targets, from this run (ratios of medians):", ""]
        lines += _table(["target", "measured", "verdict"], targets)
    return "\n".join(lines) + "\n"
