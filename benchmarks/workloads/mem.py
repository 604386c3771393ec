"""mem: bytes held per recorded op, measured with tracemalloc.

The graph of s = sum_i 3 x_i over n leaves made beforehand: n products by a
constant and n - 1 additions, 2n - 1 recorded ops. What the finished graph
holds (nodes, parent links, derivative rules, wrapped constants), divided by
the op count, is the memory a learner pays per op. The leaves are not counted.

tracemalloc sees Python's allocator only: PyTorch's tensors live in C++
memory it cannot see, so PyTorch gets no figure here.
"""

from __future__ import annotations

import gc
import tracemalloc
from dataclasses import dataclass
from itertools import islice

import numpy as np

from ..checksum import Checksum
from ..engines import Engine
from . import require_positive

FACTOR = 3.0


@dataclass(frozen=True)
class MemoryResult:
    bytes_per_op: float
    ops: int
    checksum: Checksum


def mem_inputs(n: int, seed: int = 11) -> list[float]:
    require_positive("mem", "the number of products", n)
    return np.random.default_rng(seed).uniform(-1.0, 1.0, n).tolist()


def measure_graph_memory(engine: Engine, n: int) -> MemoryResult:
    """Bytes held by the graph per recorded op; then backward, for the checksum."""
    leaves = [engine.parameter(x) for x in mem_inputs(n)]
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        total = leaves[0] * FACTOR
        for x in islice(leaves, 1, None):
            total = total + x * FACTOR
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    ops = 2 * n - 1
    engine.backward(total)
    checksum = Checksum.of(engine.data(total), [engine.grad(x) for x in leaves])
    return MemoryResult(held / ops, ops, checksum)


def float_memory_checksum(n: int) -> Checksum:
    """The floor records nothing; its sum and derivatives (all FACTOR) check the others."""
    xs = mem_inputs(n)
    total = xs[0] * FACTOR
    for x in islice(xs, 1, None):
        total = total + x * FACTOR
    return Checksum.of(total, [FACTOR] * n)
