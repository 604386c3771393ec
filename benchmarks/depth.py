"""How deep a graph each engine can backpropagate through.

Ours must finish the 1,000,000-deep chain (3,000,000 recorded ops on one
path). micrograd's topological sort recurses once per node of that path, so
at Python's default recursion limit it fails after a few hundred levels; we
report the first depth that fails.
"""

from __future__ import annotations

import subprocess
import sys
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


# Run as a script of its own, so that backward() is called from a script's top
# level, as a learner would: the answer then depends on nobody's stack but its own.
_FAILURE_DEPTH_SCRIPT = """
import sys
from micrograd.engine import Value

sys.setrecursionlimit({limit})
low, high = 0, {limit}  # depth {limit} surely fails: at least one frame per level
while high - low > 1:
    middle = (low + high) // 2
    y = Value({start})
    for _ in range(middle):
        y = (y * {scale} + {shift}).relu()
    try:
        y.backward()
        low = middle
    except RecursionError:
        high = middle
print(high)
"""


def micrograd_failure_depth(recursion_limit: int = DEFAULT_RECURSION_LIMIT) -> int:
    """The first chain depth whose backward raises RecursionError in micrograd, called from
    the top level of a script run with this recursion limit (CPython's default: 1000)."""
    script = _FAILURE_DEPTH_SCRIPT.format(
        limit=recursion_limit, start=START, scale=SCALE, shift=SHIFT
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return int(done.stdout)
