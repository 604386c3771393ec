"""A trial: one prepared instance of a workload on one engine, run once and then read."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from .checksum import Checksum
from .engines import Engine


class Trial(Protocol):
    """Set up by its constructor (untimed); `run` is the timed part; `checksum` reads the result."""

    def run(self) -> None: ...

    def checksum(self) -> Checksum: ...


@dataclass(frozen=True)
class Workload:
    """A timed workload: the shared engine version and the hand-written float floor.

    ``graph_trial(engine, size)`` builds the trial for any engine adapter;
    ``float_trial(size)`` builds the floor, plain floats with derivatives
    written by hand, which must compute the same checksum.
    """

    name: str
    description: str  # formatted with the size, e.g. "sum a_i*b_i over {size:,} pairs"
    size: int
    quick_size: int
    runs: int
    rel_tol: float
    graph_trial: Callable[[Engine, int], Trial] | None
    float_trial: Callable[[int], Trial] | None
    extra_trials: Mapping[str, Callable[[int], Trial]] = field(default_factory=dict)

    def describe(self, size: int) -> str:
        return self.description.format(size=size)


def require_positive(workload: str, what: str, n: int) -> int:
    """Check a size argument: a positive int, or a ValueError naming the workload.

    The same check and wording as `autograd.checks.positive_int`, which it cannot import:
    ``import autograd.checks`` runs ``autograd/__init__``, which loads our engine,
    tqdm and the rest of `nn` into the micrograd and PyTorch worker processes,
    whose heaps must hold only their own engine (see `benchmarks.worker`; even
    `OursEngine` imports `autograd` lazily for that reason).
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"{workload}: {what} must be a positive int, got {n!r}")
    return n
