"""Engine adapters: the few things a workload needs from an autodiff engine.

The workloads are written once, with Python's ``+`` and ``*`` on the engine's
nodes and an adapter for the rest (leaves, relu, backward, reading results,
the SGD update). Each adapter imports its engine only when made, so that a
process times only the engine it loads.
"""

from __future__ import annotations

import importlib.metadata
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

Node = Any
Engine = Any  # an adapter below: name, version(), parameter, constant, relu, backward, ...

# micrograd's topological sort recurses once per node of the longest path;
# during its backward we lift Python's limit this high (and restore it after).
MICROGRAD_RECURSION_LIMIT = 2_000_000


@contextmanager
def recursion_limit(limit: int) -> Iterator[None]:
    """Run a block with Python's recursion limit at least ``limit``, then restore it."""
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, limit))
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


class OursEngine:
    """This project's `autograd.Value`."""

    name, distribution = "ours", "scalargrad"

    def __init__(self) -> None:
        from autograd import Value

        self.value = Value

    def version(self) -> str:
        return importlib.metadata.version(self.distribution)

    def parameter(self, x: float) -> Node:
        """A leaf whose gradient is wanted."""
        return self.value(x)

    def constant(self, x: float) -> Node:
        """A leaf input (data) that the graph reads but need not differentiate."""
        return self.value(x)

    def relu(self, node: Node) -> Node:
        return node.relu()

    def backward(self, root: Node) -> None:
        root.backward()

    def data(self, node: Node) -> float:
        return float(node.data)

    def grad(self, node: Node) -> float:
        return float(node.grad)

    def zero_grad(self, parameters: Sequence[Node]) -> None:
        for p in parameters:
            p.grad = 0.0

    def sgd_step(self, parameters: Sequence[Node], learning_rate: float) -> None:
        """p <- p - learning_rate * dL/dp, outside the graph."""
        for p in parameters:
            p.data -= learning_rate * p.grad


class MicrogradEngine(OursEngine):
    """``micrograd.engine.Value`` from PyPI (micrograd 0.1.0): the same surface as ours."""

    name, distribution = "micrograd", "micrograd"

    def __init__(self) -> None:
        from micrograd.engine import Value

        self.value = Value

    def backward(self, root: Node) -> None:
        with recursion_limit(MICROGRAD_RECURSION_LIMIT):
            root.backward()


class TorchEngine(OursEngine):
    """PyTorch 0-dim float64 tensors with autograd: one tensor per scalar."""

    name, distribution = "torch", "torch"

    def __init__(self) -> None:
        import torch

        self.torch = torch

    def version(self) -> str:
        return str(self.torch.__version__)

    def parameter(self, x: float) -> Node:
        return self.torch.tensor(x, dtype=self.torch.float64, requires_grad=True)

    def constant(self, x: float) -> Node:
        return self.torch.tensor(x, dtype=self.torch.float64)

    def relu(self, node: Node) -> Node:
        return self.torch.relu(node)

    def data(self, node: Node) -> float:
        return float(node.item())

    def grad(self, node: Node) -> float:
        return 0.0 if node.grad is None else float(node.grad.item())

    def zero_grad(self, parameters: Sequence[Node]) -> None:
        for p in parameters:
            p.grad = None

    def sgd_step(self, parameters: Sequence[Node], learning_rate: float) -> None:
        with self.torch.no_grad():
            for p in parameters:
                p -= learning_rate * p.grad


ENGINES = {"ours": OursEngine, "micrograd": MicrogradEngine, "torch": TorchEngine}
ENGINE_NAMES = tuple(ENGINES)


def load_engine(name: str) -> Engine | None:
    """The adapter for ``name``, or None when that engine is not installed."""
    if name not in ENGINES:
        raise ValueError(f"load_engine: unknown engine {name!r}; expected one of {ENGINE_NAMES}")
    try:
        return ENGINES[name]()
    except ImportError:
        return None
