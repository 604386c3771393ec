"""The workloads, each written once for every engine, next to its hand-written float floor.

`dot`, `chain` and their floors are trials: ``make(...)`` builds the leaves (untimed) and returns
``run``; ``run()`` is the timed part and returns ``read``, which reads the `Checksum` (untimed).
"""

from __future__ import annotations

import gc
import math
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice

import numpy as np

from ..engines import Engine, Node

Trial = Callable[[], Callable[[], "Checksum"]]


@dataclass(frozen=True)
class Checksum:
    """The output value of a workload and the gradients (or final parameters) it produced."""

    value: float
    grads: tuple[float, ...]

    @staticmethod
    def of(value: float, grads: Sequence[float]) -> Checksum:
        return Checksum(float(value), tuple(float(g) for g in grads))

    def mismatch(self, reference: Checksum, rel_tol: float) -> str | None:
        """None when both agree to ``rel_tol`` (engines add in different orders: to rounding; a
        gradient on the scale of the largest, so 0 up to rounding is 0), else what differs."""
        if len(self.grads) != len(reference.grads):
            return f"expected {len(reference.grads)} gradients, got {len(self.grads)}"
        if not math.isclose(self.value, reference.value, rel_tol=rel_tol, abs_tol=rel_tol):
            return f"value: expected {reference.value!r}, got {self.value!r}"
        scale = max((abs(g) for g in reference.grads), default=0.0)
        for k, (got, expected) in enumerate(zip(self.grads, reference.grads)):
            if not math.isclose(got, expected, rel_tol=rel_tol, abs_tol=rel_tol * scale):
                return f"gradient {k}: expected {expected!r}, got {got!r}"
        return None


def computed(trial: Trial) -> Checksum:
    """Run a trial once and read what it computed."""
    return trial()()


def require_positive(workload: str, what: str, n: int) -> int:
    """A positive int, or a ValueError naming the workload (`autograd.checks.positive_int`'s
    wording: importing `autograd` would load our engine into the other engines' processes)."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"{workload}: {what} must be a positive int, got {n!r}")
    return n


def dot_inputs(n: int) -> tuple[list[float], list[float]]:
    require_positive("dot", "the number of pairs", n)
    rng = np.random.default_rng(7)
    return rng.uniform(-1.0, 1.0, n).tolist(), rng.uniform(-1.0, 1.0, n).tolist()


def left_fold_dot(a: Sequence[Node], b: Sequence[Node]) -> Node:
    """a_0 b_0 + a_1 b_1 + ..., folded from the left as Python's ``sum``."""
    total = a[0] * b[0]
    for x, y in zip(islice(a, 1, None), islice(b, 1, None)):
        total = total + x * y
    return total


def dot(engine: Engine, n: int) -> Trial:
    """s = sum_i a_i b_i over n pairs of leaves, forward and backward."""
    a, b = ([engine.parameter(x) for x in xs] for xs in dot_inputs(n))

    def run() -> Callable[[], Checksum]:
        total = left_fold_dot(a, b)
        engine.backward(total)
        return lambda: Checksum.of(total.data, [float(p.grad) for p in a + b])

    return run


def float_dot(n: int) -> Trial:
    """The floor: the same fold on floats; ds/da_i = b_i and ds/db_i = a_i written out."""
    a, b = dot_inputs(n)

    def run() -> Callable[[], Checksum]:
        total, seed = left_fold_dot(a, b), 1.0  # seed: d total / d total
        grad_a, grad_b = [seed * y for y in b], [seed * x for x in a]
        return lambda: Checksum.of(total, grad_a + grad_b)

    return run


# chain: y = relu(y * SCALE + SHIFT) nested `depth` times from y = START, then dy/dx. Three ops
# per level: a path of 3 * depth nodes, the test of a topological sort that must not recurse.
SCALE, SHIFT, START = 1.0001, 0.0001, 0.5


def chain(engine: Engine, depth: int) -> Trial:
    require_positive("chain", "depth", depth)
    x = engine.parameter(START)

    def run() -> Callable[[], Checksum]:
        y = x
        for _ in range(depth):
            y = (y * SCALE + SHIFT).relu()
        engine.backward(y)
        return lambda: Checksum.of(y.data, [float(x.grad)])

    return run


def float_chain(depth: int) -> Trial:
    """The floor: keep each pre-activation on the way up, apply the chain rule on the way down."""
    require_positive("chain", "depth", depth)

    def run() -> Callable[[], Checksum]:
        pre_activations, y = [], START
        for _ in range(depth):
            z = y * SCALE + SHIFT
            pre_activations.append(z)
            y = z if z > 0.0 else 0.0
        g = 1.0
        for z in reversed(pre_activations):
            g = g * (z > 0.0) * SCALE  # relu'(z), then d(y * SCALE + SHIFT)/dy
        return lambda: Checksum.of(y, [g])

    return run


# mem: the graph of s = sum_i 3 x_i over n leaves made beforehand: n products by a constant and
# n - 1 sums. What it holds (nodes, parent links, rules, wrapped constants) per op is what a
# learner pays per op. tracemalloc sees Python's allocator only, not PyTorch's C++ memory.
FACTOR = 3.0


def mem_inputs(n: int) -> list[float]:
    require_positive("mem", "the number of products", n)
    return np.random.default_rng(11).uniform(-1.0, 1.0, n).tolist()


def measure_graph_memory(engine: Engine, n: int) -> tuple[float, int, Checksum]:
    """Bytes held by the graph per recorded op, the ops, and (after backward) the checksum."""
    leaves, factors = [engine.parameter(x) for x in mem_inputs(n)], [FACTOR] * n
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        total = left_fold_dot(leaves, factors)
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    engine.backward(total)
    checksum = Checksum.of(total.data, [float(x.grad) for x in leaves])
    return held / (2 * n - 1), 2 * n - 1, checksum


def float_memory_checksum(n: int) -> Checksum:
    """The floor records nothing; its sum and derivatives (all FACTOR) check the others."""
    return Checksum.of(left_fold_dot(mem_inputs(n), [FACTOR] * n), [FACTOR] * n)
