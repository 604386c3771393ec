"""Engine adapters: the few things a workload needs from an autodiff engine.

The workloads are written once, with Python's ``+`` and ``*`` on the engine's
nodes and these adapters for everything else (making leaves, relu, backward,
reading results, the SGD update). Adding an engine means writing one adapter.
"""

from __future__ import annotations

import importlib.metadata
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

Node = Any

# micrograd's topological sort recurses once per node of the longest path;
# during its backward we lift Python's limit this high (and restore it after).
MICROGRAD_RECURSION_LIMIT = 2_000_000


class Engine(Protocol):
    """What a workload may ask of a graph-building engine."""

    name: str

    def version(self) -> str:
        """The engine's version string, for the report header."""
        ...

    def parameter(self, x: float) -> Node:
        """A leaf whose gradient is wanted."""
        ...

    def constant(self, x: float) -> Node:
        """A leaf input (data) that the graph reads but need not differentiate."""
        ...

    def relu(self, node: Node) -> Node:
        """max(node, 0)."""
        ...

    def backward(self, root: Node) -> None:
        """Fill the gradients of d root / d leaf."""
        ...

    def data(self, node: Node) -> float:
        """The node's value as a float."""
        ...

    def grad(self, node: Node) -> float:
        """The gradient held by a leaf after `backward`, as a float (0 if none)."""
        ...

    def zero_grad(self, parameters: Sequence[Node]) -> None:
        """Forget the gradients of these leaves."""
        ...

    def sgd_step(self, parameters: Sequence[Node], learning_rate: float) -> None:
        """p <- p - learning_rate * dL/dp for every parameter, outside the graph."""
        ...


def _package_version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


class OursEngine:
    """This project's `autograd.Value`."""

    name = "ours"

    def __init__(self) -> None:
        from autograd import Value

        self._value = Value

    def version(self) -> str:
        return _package_version("scalargrad")

    def parameter(self, x: float) -> Node:
        return self._value(x)

    def constant(self, x: float) -> Node:
        return self._value(x)

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
        for p in parameters:
            p.data -= learning_rate * p.grad


class MicrogradEngine(OursEngine):
    """``micrograd.engine.Value`` from PyPI (micrograd 0.1.0): same surface as ours."""

    name = "micrograd"

    def __init__(self) -> None:
        from micrograd.engine import Value

        self._value = Value

    def version(self) -> str:
        return _package_version("micrograd")

    def backward(self, root: Node) -> None:
        with recursion_limit(MICROGRAD_RECURSION_LIMIT):
            root.backward()


class TorchEngine:
    """PyTorch 0-dim float64 tensors with autograd: one tensor per scalar."""

    name = "torch"

    def __init__(self) -> None:
        import torch

        self._torch = torch

    def version(self) -> str:
        return str(self._torch.__version__)

    def parameter(self, x: float) -> Node:
        return self._torch.tensor(x, dtype=self._torch.float64, requires_grad=True)

    def constant(self, x: float) -> Node:
        return self._torch.tensor(x, dtype=self._torch.float64)

    def relu(self, node: Node) -> Node:
        return self._torch.relu(node)

    def backward(self, root: Node) -> None:
        root.backward()

    def data(self, node: Node) -> float:
        return float(node.item())

    def grad(self, node: Node) -> float:
        return 0.0 if node.grad is None else float(node.grad.item())

    def zero_grad(self, parameters: Sequence[Node]) -> None:
        for p in parameters:
            p.grad = None

    def sgd_step(self, parameters: Sequence[Node], learning_rate: float) -> None:
        with self._torch.no_grad():
            for p in parameters:
                p -= learning_rate * p.grad


@contextmanager
def recursion_limit(limit: int) -> Iterator[None]:
    """Run a block with Python's recursion limit at least ``limit``, then restore it."""
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, limit))
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


ENGINE_NAMES = ("ours", "micrograd", "torch")
_ENGINE_CLASSES: dict[str, type[Any]] = {
    "ours": OursEngine,
    "micrograd": MicrogradEngine,
    "torch": TorchEngine,
}


def load_engine(name: str) -> Engine | None:
    """The adapter for ``name``, or None when that engine is not installed."""
    if name not in _ENGINE_CLASSES:
        raise ValueError(f"load_engine: unknown engine {name!r}; expected one of {ENGINE_NAMES}")
    try:
        engine: Engine = _ENGINE_CLASSES[name]()
    except ImportError:
        return None
    return engine
