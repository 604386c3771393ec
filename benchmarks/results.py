"""What was measured for each engine, and the cross-engine views the report is made of.

Each engine runs in its own Python process (see `benchmarks.worker`); the
parent gathers a `ContenderResults` per engine, then lines them up per
workload and checks every checksum against ours.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .checksum import Checksum
from .depth import DeepChainResult
from .timing import Measurement
from .trial import Workload
from .workloads.mem import MemoryResult


@dataclass
class ContenderResults:
    """Everything measured for one engine (or the float floor)."""

    name: str
    version: str
    timed: dict[str, Measurement] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    memory: MemoryResult | None = None
    memory_reference: Checksum | None = None  # the float floor's answer, for the check
    deep_chain: DeepChainResult | None = None
    failure_depth: int | None = None
    unsteady: dict[str, str] = field(default_factory=dict)  # a run differed from the first


@dataclass
class WorkloadResult:
    """One row of the time table: every engine on one workload."""

    workload: Workload
    size: int
    measurements: dict[str, Measurement] = field(default_factory=dict)
    mismatches: dict[str, str] = field(default_factory=dict)


@dataclass
class MemoryReport:
    size: int
    results: dict[str, MemoryResult] = field(default_factory=dict)
    mismatches: dict[str, str] = field(default_factory=dict)


@dataclass
class DepthReport:
    deep_chain: DeepChainResult | None
    micrograd_failure_depth: int | None


def reference_name(names: list[str]) -> str:
    """Results are checked against ours when it ran, else against the first engine."""
    return "ours" if "ours" in names else names[0]


def workload_result(workload: Workload, everyone: list[ContenderResults]) -> WorkloadResult | None:
    """Line up the engines that ran ``workload``; check their checksums against the reference."""
    ran = [c for c in everyone if workload.name in c.timed]
    if not ran:
        return None
    result = WorkloadResult(workload, ran[0].sizes[workload.name])
    for c in ran:
        result.measurements[c.name] = c.timed[workload.name]
    reference = result.measurements[reference_name([c.name for c in ran])].checksum
    for name, measurement in result.measurements.items():
        problem = measurement.checksum.mismatch(reference, workload.rel_tol)
        if problem is not None:
            result.mismatches[name] = problem
    for c in ran:
        if workload.name in c.unsteady:
            result.mismatches[c.name] = c.unsteady[workload.name]
    return result


def memory_report(everyone: list[ContenderResults]) -> MemoryReport | None:
    """bytes/op of the engines that measured it, each checked against the float floor's sum."""
    ran = [c for c in everyone if c.memory is not None and c.memory_reference is not None]
    if not ran:
        return None
    report = MemoryReport(len(ran[0].memory_reference.grads))  # type: ignore[union-attr]
    for c in ran:
        assert c.memory is not None and c.memory_reference is not None
        report.results[c.name] = c.memory
        problem = c.memory.checksum.mismatch(c.memory_reference, 1e-9)
        if problem is not None:
            report.mismatches[c.name] = problem
    return report


def depth_report(everyone: list[ContenderResults]) -> DepthReport | None:
    deep = next((c.deep_chain for c in everyone if c.deep_chain is not None), None)
    failure = next((c.failure_depth for c in everyone if c.failure_depth is not None), None)
    if deep is None and failure is None:
        return None
    return DepthReport(deep, failure)
