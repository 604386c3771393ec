"""How deep a graph each engine can backpropagate through.

Ours must finish the 1,000,000-deep chain (3,000,000 recorded ops on one
path). micrograd's topological sort recurses once per node of that path, so
at Python's default recursion limit it fails after a few hundred levels; we
report the first depth that fails.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .checksum import Checksum
from .engines import Engine
from .timing import cpu_clock
from .workloads.chain import SCALE, SHIFT, START, ChainTrial, FloatChainTrial

DEFAULT_RECURSION_LIMIT = 1000  # CPython's default


@dataclass(frozen=True)
class DeepChainResult:
    depth: int
    seconds: float
    checksum: Checksum
    mismatch: str | None  # against the float floor


def run_deep_chain(engine: Engine, depth: int, rel_tol: float = 1e-9) -> DeepChainResult:
    """Build and backpropagate the chain once; compare with the hand-written floor."""
    trial = ChainTrial(engine, depth)
    start = cpu_clock()
    trial.run()
    seconds = cpu_clock() - start
    checksum = trial.checksum()
    floor = FloatChainTrial(depth)
    floor.run()
    return DeepChainResult(depth, seconds, checksum, checksum.mismatch(floor.checksum(), rel_tol))


@contextmanager
def exact_recursion_limit(limit: int) -> Iterator[None]:
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(limit)
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


def micrograd_chain_fails(depth: int, recursion_limit: int = DEFAULT_RECURSION_LIMIT) -> bool:
    """Whether micrograd's backward of the depth-``depth`` chain raises RecursionError."""
    from micrograd.engine import Value

    y = x = Value(START)
    for _ in range(depth):
        y = (y * SCALE + SHIFT).relu()
    with exact_recursion_limit(recursion_limit):
        try:
            y.backward()
        except RecursionError:
            return True
    if abs(x.grad - SCALE**depth) > 1e-9 * SCALE**depth:
        raise AssertionError(f"micrograd: wrong gradient {x.grad!r} at depth {depth}")
    return False


def first_failing_depth(fails: Callable[[int], bool], upper: int) -> int | None:
    """The smallest depth in [1, upper] for which ``fails`` is true (monotone), or None."""
    if not fails(upper):
        return None
    low, high = 0, upper  # fails(low) is false (or low == 0), fails(high) is true
    while high - low > 1:
        middle = (low + high) // 2
        if fails(middle):
            high = middle
        else:
            low = middle
    return high


def micrograd_failure_depth(recursion_limit: int = DEFAULT_RECURSION_LIMIT) -> int | None:
    """The first chain depth at which micrograd fails, at the given recursion limit."""
    return first_failing_depth(
        lambda depth: micrograd_chain_fails(depth, recursion_limit), recursion_limit
    )
