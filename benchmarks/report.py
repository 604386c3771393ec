"""The report, from a pyperf suite alone (so ``--report FILE`` renders a saved one again).

Timed cells are ``WORKLOAD/CONTENDER/PASS``; each contender's probe is ``probe/CONTENDER`` (its
figures as metadata) and ``train100/CONTENDER`` (one value per step).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

import pyperf

from .suite import COMPILED, CONTENDERS, DISPLAY_NAMES, FULL, NUMPY, QUICK, Sizes

STEADY_STEPS = 10  # train100 also shows the median of its first and last this many steps
SLOWDOWN_TOLERANCE = 1.10  # a fitted last step within 10% of the fitted first is "as fast"
DESCRIPTIONS = {
    "dot": "sum a_i*b_i over {s.dot:,} pairs, forward + backward",
    "chain": "relu(x*1.0001+0.0001) nested {s.chain:,} deep, then backward",
    "mlp": "one SGD step of MLP(2,[16,16,1]) on {s.points} moons, hinge + L2",
    "mlp-first": "the first of those steps (array contenders: right after tracing)",
    "trace": "tracing and planning that step (one sample's vmap plan, once)",
    "fit": "nn.fit on the demo ({s.points} moons), per step",
    "fit-first": "per step of the first fit call of {s.steps} steps on a fresh model",
}
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


def format_seconds(seconds: float) -> str:
    """3 significant digits in s, ms or us."""
    if seconds >= 1.0:
        return f"{seconds:.3g} s"
    return f"{seconds * 1e3:.3g} ms" if seconds >= 1e-3 else f"{seconds * 1e6:.3g} us"


def display(name: str) -> str:
    return DISPLAY_NAMES.get(name, name)


def section(intro: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A paragraph and its markdown table, or nothing without rows."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return ["", intro, "", *lines, *("| " + " | ".join(row) + " |" for row in rows)] if rows else []


def theil_sen(values: Sequence[float]) -> tuple[float, float]:
    """Intercept and slope of the line through (k, values[k]): the median of the pairwise
    slopes, then the median intercept. Up to ~29% of the points can be outliers (a burst of
    load from other jobs) without tilting it."""
    n = len(values)
    if n < 2:
        raise ValueError(f"theil_sen: need at least 2 values, got {n}")
    slope = statistics.median((values[j] - values[i]) / (j - i) for j in range(n) for i in range(j))
    return statistics.median(v - slope * k for k, v in enumerate(values)), slope


def trend(steps: Sequence[float]) -> float:
    """Fitted last step over fitted first step, on the Theil-Sen line."""
    intercept, slope = theil_sen(steps)
    return (intercept + slope * (len(steps) - 1)) / intercept


class View:
    """A suite's figures: each cell's values over all passes, each probe's metadata."""

    def __init__(self, suite: pyperf.BenchmarkSuite) -> None:
        self.timed, self.cells = [], {}
        self.probes: dict[str, dict[str, Any]] = {}
        self.steps: dict[str, list[float]] = {}
        for bench in suite.get_benchmarks():
            kind, contender, *number = bench.get_name().split("/")
            if number:  # WORKLOAD/CONTENDER/PASS: a timed cell, one benchmark per pass
                self.timed.append(bench)
                self.cells.setdefault((kind, contender), []).extend(bench.get_values())
            elif kind == "probe":
                self.probes[contender] = dict(bench.get_runs()[0].get_metadata())
            else:  # train100
                self.steps[contender] = list(bench.get_values())
                self.cells["mlp-first", contender] = self.steps[contender][:1]
        for contender, key in (("ours", "eager"), (COMPILED, "compiled")):
            if (first := self.probe(COMPILED).get(f"fit-first {key}")) is not None:
                self.cells["fit-first", contender] = [first]
        self.contenders = [c for c in CONTENDERS if c in self.probes]

    def probe(self, contender: str) -> dict[str, Any]:
        return self.probes.get(contender, {})

    def median(self, row: str, contender: str) -> float | None:
        values = self.cells.get((row, contender))
        return statistics.median(values) if values else None

    def ratio(self, row: str, contender: str, base: str = "ours") -> float | None:
        """``contender``'s median time over ``base``'s (above 1: base is faster)."""
        theirs, ours = self.median(row, contender), self.median(row, base)
        return None if theirs is None or ours is None else theirs / ours


def _cell(values: Sequence[float]) -> str:
    if len(values) < 2:
        return format_seconds(values[0]) if values else "-"
    low, high = format_seconds(min(values)), format_seconds(max(values))
    return f"{format_seconds(statistics.median(values))} [{low} - {high}] ({len(values)})"


def _header(view: View, command: str | None, notes: Sequence[str]) -> list[str]:
    lines = [f"Command: `{command}`", ""] if command else []
    if view.timed:
        meta = view.timed[0].get_metadata().get
        loads = [
            r.get_metadata().get("load_avg_1min", 0.0) for b in view.timed for r in b.get_runs()
        ]
        dates = pyperf.BenchmarkSuite(view.timed).get_dates()
        lines += [
            f"- {meta('python_implementation', '?')} {meta('python_version', '?')}, "
            f"{meta('platform', '?')}, pyperf {meta('perf_version', '?')}",
            f"- CPU: {meta('cpu_model_name', '?')}, {meta('cpu_count', '?')} cores; "
            f"load average (1 min) {min(loads):.2f} - {max(loads):.2f} during the timed runs",
            f"- Commit {meta('commit', '?')}, "
            + (f"{dates[0]:%Y-%m-%d %H:%M} - {dates[1]:%H:%M}" if dates else "?"),
        ]
    versions = (f"{display(c)} {view.probe(c).get('version', '?')}" for c in view.contenders)
    return lines + [f"- Contenders: {', '.join(versions)}"] + [f"- {note}" for note in notes]


def _times(view: View, sizes: Sizes) -> list[str]:
    others, rows, ratio_rows = [c for c in view.contenders if c != "ours"], [], []
    for row, description in DESCRIPTIONS.items():
        cells = [_cell(view.cells.get((row, c), [])) for c in view.contenders]
        if any(cell != "-" for cell in cells):
            rows.append([f"`{row}`: {description.format(s=sizes)}", *cells])
        ratios = [view.ratio(row, c) for c in others]
        if any(r is not None for r in ratios):
            ratio_rows.append([f"`{row}`", *("-" if r is None else f"{r:.3g}x" for r in ratios)])
    intro = (
        "CPU time of one run of the workload (`mlp`, `fit`: of one training step): the median "
        "[fastest - slowest] (number) of pyperf's values. The array contenders are timed warm in "
        f"`mlp` and `fit`: one model per process, trained on, {sizes.steps} steps per value after "
        "pyperf's warm-up; `mlp-first` (step 1 of `train100`) and `fit-first` are measured once, "
        "cold:"
    )
    lines = section(intro, ["workload", *map(display, view.contenders)], rows)
    intro = "Their time over ours (above 1: ours is faster):"
    return lines + section(intro, ["workload", *map(display, others)], ratio_rows)


def _train(view: View) -> list[str]:
    rows, n, k = [], 0, 0
    for c in view.contenders:
        if len(steps := view.steps.get(c, [])) >= 2:
            n, k, meta = len(steps), min(STEADY_STEPS, len(steps) // 2), view.probe(c)
            medians = (statistics.median(steps[:k]), statistics.median(steps[-k:]))
            times = map(format_seconds, (steps[0], steps[-1], *medians))
            objects = f"{meta['objects after step 1']:,} -> {meta['objects after last step']:,}"
            rows.append([display(c), *times, f"{trend(steps):.3g}x", objects])
    header = ["contender", "step 1", f"step {n}", f"median of steps 1-{k}"]
    header += [f"median of steps {n - k + 1}-{n}", f"trend: fitted step {n} / step 1"]
    header += [f"objects tracked by the GC after step 1 -> {n}"]
    intro = (
        f"`train100`: the demo's {n} steps (lr 1.0 -> 0.1) on a fresh model, each step's CPU "
        "time; the trend is a Theil-Sen line through all of them (bursts of load do not tilt it):"
    )
    return section(intro, header, rows)


def _memory_gc_depth(view: View) -> list[str]:
    mem = [(c, m) for c in view.contenders if "mem bytes per op" in (m := view.probe(c))]
    intro = "`mem`: bytes held per recorded op by the graph of sum_i 3*x_i ({:,} ops; leaves not "
    intro = (intro + "counted; tracemalloc):").format(mem[0][1]["mem ops"] if mem else 0)
    lines = section(
        intro, ["engine", "bytes per op"], [[c, f"{m['mem bytes per op']:.1f}"] for c, m in mem]
    )
    gc = [(c, m) for c in view.contenders if "gc on" in (m := view.probe(c))]
    rows = [[c, *map(format_seconds, (m["gc on"], m["gc off"]))] for c, m in gc]
    for row, (_, m) in zip(rows, gc):
        row += [f"{m['gc off'] / m['gc on']:.0%}", f"{m['gc left']:,}"]
    intro = (
        "`gc`: `dot` with Python's cyclic garbage collector on and off (medians of 3), and the "
        "objects it finds once the graph is dropped (0: no reference cycles):"
    )
    header = ["engine", "collector on", "collector off", "off / on", "objects left for it"]
    lines += section(intro, header, rows)
    if "depth" in (ours := view.probe("ours")):
        seconds = format_seconds(ours["depth seconds"])
        lines += ["", f"- `depth`: ours backpropagates the {ours['depth']:,}-deep chain "]
        lines[-1] += f"({3 * ours['depth']:,} ops on one path) in {seconds}."
    if (d := view.probe("micrograd").get("micrograd failure depth")) is not None:
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


def target_rows(view: View) -> list[list[str]]:
    """One row per target this run measured: what, the figure, met or MISSED."""
    rows = []
    for what, workload, slower, faster, least in SPEEDUPS:
        if (r := view.ratio(workload, slower, faster)) is not None:
            text = f"{r:.3g}x" if least >= 1 else f"{1 / r:.3g}x the time of {display(slower)}"
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
    if len(steps := view.steps.get("ours", [])) >= 2:
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
    lines += _memory_gc_depth(view) + [""]
    if problems := mismatches(suite):
        lines += ["CHECKSUM MISMATCH (these times compare different computations):"]
        lines += [f"- {p}" for p in problems]
    else:
        lines.append(
            "Checks: every contender computed the float floor's values and gradients (or trained "
            "parameters) on every workload it ran; `fit(compile=True)` the same losses and "
            "parameters as eager `fit`."
        )
    intro, header = "Targets, from this run (ratios of medians):", ["target", "measured", "verdict"]
    return "\n".join(lines + section(intro, header, target_rows(view))) + "\n"
