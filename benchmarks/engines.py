"""The graph engines. Workloads use their own ``+ * .relu() .backward() .data .grad``; what
differs is here: leaves (``parameter`` wants a gradient, ``constant`` is an input), what zero_grad
sets ``.grad`` to, micrograd's recursion limit. Imported when loaded: a process holds one engine.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import sys
from typing import Any

Node = Any
# micrograd's topological sort recurses once per node of the longest path: its backward runs
# with Python's recursion limit lifted this high (and restored after).
MICROGRAD_RECURSION_LIMIT = 2_000_000


class OursEngine:
    """This project's `autograd.Value`."""

    name, distribution, module = "ours", "scalargrad", "autograd"
    zero: float | None = 0.0  # what zero_grad sets .grad to

    def __init__(self) -> None:
        self.parameter = self.constant = importlib.import_module(self.module).Value
        self.version = importlib.metadata.version(self.distribution)

    def backward(self, root: Node) -> None:
        root.backward()


class MicrogradEngine(OursEngine):
    """``micrograd.engine.Value`` from PyPI (micrograd 0.1.0): the same surface as ours."""

    name, distribution, module = "micrograd", "micrograd", "micrograd.engine"

    def backward(self, root: Node) -> None:
        previous = sys.getrecursionlimit()
        sys.setrecursionlimit(max(previous, MICROGRAD_RECURSION_LIMIT))
        try:
            root.backward()
        finally:
            sys.setrecursionlimit(previous)


class TorchEngine(OursEngine):
    """PyTorch 0-dim float64 tensors with autograd: one tensor per scalar."""

    name, zero = "torch", None

    def __init__(self) -> None:
        import torch

        self.parameter = lambda x: torch.tensor(x, dtype=torch.float64, requires_grad=True)
        self.constant = lambda x: torch.tensor(x, dtype=torch.float64)
        self.version = str(torch.__version__)


Engine = OursEngine
ENGINES = {"ours": OursEngine, "micrograd": MicrogradEngine, "torch": TorchEngine}


def load_engine(name: str) -> Engine | None:
    """The engine ``name``, or None when it is not installed."""
    if name not in ENGINES:
        raise ValueError(f"load_engine: unknown engine {name!r}; expected one of {tuple(ENGINES)}")
    try:
        return ENGINES[name]()
    except ImportError:
        return None
