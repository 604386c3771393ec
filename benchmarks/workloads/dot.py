"""dot: s = sum_i a_i b_i over n pairs, forward and backward.

ds/da_i = b_i and ds/db_i = a_i. The sum is a left fold, as Python's ``sum``,
so the graph is a chain of n - 1 additions fed by n products.
"""

from __future__ import annotations

from itertools import islice

import numpy as np

from ..checksum import Checksum
from ..engines import Engine, Node
from . import require_positive


def dot_inputs(n: int, seed: int = 7) -> tuple[list[float], list[float]]:
    """Two lists of n floats, uniform in [-1, 1), deterministic for the seed."""
    require_positive("dot", "the number of pairs", n)
    rng = np.random.default_rng(seed)
    return rng.uniform(-1.0, 1.0, n).tolist(), rng.uniform(-1.0, 1.0, n).tolist()


class DotTrial:
    """Leaves made in the constructor (untimed); `run` builds the sum and backpropagates."""

    def __init__(self, engine: Engine, n: int) -> None:
        a, b = dot_inputs(n)
        self.engine = engine
        self.a = [engine.parameter(x) for x in a]
        self.b = [engine.parameter(y) for y in b]
        self.total: Node = None

    def forward(self) -> Node:
        a, b = self.a, self.b
        total = a[0] * b[0]
        for x, y in zip(islice(a, 1, None), islice(b, 1, None)):
            total = total + x * y
        return total

    def run(self) -> None:
        self.total = self.forward()
        self.engine.backward(self.total)

    def checksum(self) -> Checksum:
        e = self.engine
        grads = [e.grad(x) for x in self.a] + [e.grad(y) for y in self.b]
        return Checksum.of(e.data(self.total), grads)


class FloatDotTrial:
    """The floor: the same fold on floats, then the two derivatives written out."""

    def __init__(self, n: int) -> None:
        self.a, self.b = dot_inputs(n)
        self.total = 0.0
        self.grad_a: list[float] = []
        self.grad_b: list[float] = []

    def run(self) -> None:
        a, b = self.a, self.b
        total = a[0] * b[0]
        for x, y in zip(islice(a, 1, None), islice(b, 1, None)):
            total = total + x * y
        seed = 1.0  # d total / d total
        self.grad_a = [seed * y for y in b]
        self.grad_b = [seed * x for x in a]
        self.total = total

    def checksum(self) -> Checksum:
        return Checksum.of(self.total, self.grad_a + self.grad_b)
