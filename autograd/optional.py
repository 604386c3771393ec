"""Packages that only some features need (numpy, matplotlib, tqdm), imported on first use.

The engine, `nn`'s modules, losses, optimizers and `fit`, and `viz`'s diagrams run on the
standard library alone (in Pyodide too, whose core has no numpy); what needs arrays or
plots (data sets, `jit`, matplotlib figures) says which package is missing when it is used,
not when `nn` or `viz` is imported.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeGuard

if TYPE_CHECKING:  # for the types only: nothing here imports numpy
    import numpy as np


def require(package: str, needed_for: str) -> ModuleType:
    """``import package``, or an ImportError saying what needs it and how to install it."""
    try:
        return importlib.import_module(package)
    except ImportError:
        pip_name = {"matplotlib.pyplot": "matplotlib"}.get(package, package.split(".")[0])
        raise ImportError(
            f"{needed_for} needs {pip_name}, which is not installed: pip install {pip_name}"
        ) from None


class LazyModule:
    """``np = LazyModule("numpy", "nn.make_moons")``: ``np.x`` imports numpy on first use,
    or raises `require`'s ImportError."""

    def __init__(self, package: str, needed_for: str) -> None:
        self._package = package
        self._needed_for = needed_for

    def __getattr__(self, name: str) -> Any:
        found = getattr(require(self._package, self._needed_for), name)
        setattr(self, name, found)  # found directly from now on (a replay asks at every group)
        return found


def is_ndarray(x: object) -> TypeGuard[np.ndarray]:
    """True for a numpy array; never imports numpy (an array exists only if numpy is loaded)."""
    numpy = sys.modules.get("numpy")
    return numpy is not None and isinstance(x, numpy.ndarray)


def is_generator(x: object) -> TypeGuard[np.random.Generator]:
    """True for a ``numpy.random.Generator``; never imports numpy."""
    numpy = sys.modules.get("numpy")
    return numpy is not None and isinstance(x, numpy.random.Generator)
