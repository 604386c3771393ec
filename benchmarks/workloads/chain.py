"""chain: y = relu(y * 1.0001 + 0.0001), nested ``depth`` times from y = x, then dy/dx.

Three recorded ops per level, so the graph's longest path is 3 * depth nodes:
the test of a topological sort that must not recurse. For x > 0 every relu is
active and dy/dx = 1.0001 ** depth.
"""

from __future__ import annotations

from ..checksum import Checksum
from ..engines import Engine, Node
from . import require_positive

SCALE = 1.0001
SHIFT = 0.0001
START = 0.5


class ChainTrial:
    def __init__(self, engine: Engine, depth: int) -> None:
        self.depth = require_positive("chain", "depth", depth)
        self.engine = engine
        self.x = engine.parameter(START)
        self.y: Node = None

    def forward(self) -> Node:
        relu = self.engine.relu
        y = self.x
        for _ in range(self.depth):
            y = relu(y * SCALE + SHIFT)
        return y

    def run(self) -> None:
        self.y = self.forward()
        self.engine.backward(self.y)

    def checksum(self) -> Checksum:
        return Checksum.of(self.engine.data(self.y), [self.engine.grad(self.x)])


class FloatChainTrial:
    """The floor: keep each pre-activation on the way up, apply the chain rule on the way down."""

    def __init__(self, depth: int) -> None:
        self.depth = require_positive("chain", "depth", depth)
        self.y = 0.0
        self.grad_x = 0.0

    def run(self) -> None:
        pre_activations = []
        y = START
        for _ in range(self.depth):
            z = y * SCALE + SHIFT
            pre_activations.append(z)
            y = z if z > 0.0 else 0.0
        g = 1.0
        for z in reversed(pre_activations):
            g = g * (z > 0.0)  # relu'(z)
            g = g * SCALE  # d(y * SCALE + SHIFT)/dy
        self.y, self.grad_x = y, g

    def checksum(self) -> Checksum:
        return Checksum.of(self.y, [self.grad_x])
