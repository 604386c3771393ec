"""autograd: a scalar reverse-mode automatic differentiation engine.

>>> from autograd import Value
>>> a, b, c = Value(2.0, "a"), Value(-3.0, "b"), Value(10.0, "c")
>>> e = (a * b + c).tanh()
>>> e.backward()
>>> round(a.grad, 6)   # d tanh(ab + c)/da = (1 - tanh(4)^2) * b
-0.004023
"""

from typing import Any

from . import ops
from .backprop import Step, chain_rule, walk
from .forward_mode import jvp
from .functional import grad, gradients, hessian, value_and_grad
from .grad_mode import is_grad_enabled, no_grad
from .gradcheck import GradcheckError, gradcheck
from .graph import topological_order
from .value import Value

__all__ = [
    "GradcheckError",
    "Step",
    "chain_rule",
    "ops",
    "Value",
    "grad",
    "gradcheck",
    "gradients",
    "hessian",
    "jit",
    "is_grad_enabled",
    "jvp",
    "no_grad",
    "topological_order",
    "value_and_grad",
    "vmap",
    "walk",
]


def __getattr__(name: str) -> Any:
    """`autograd.jit`, `vmap`, `JitError` and `Plan`, imported on first use (they need numpy)."""
    if name in ("jit", "vmap", "JitError", "Plan"):
        # (The module is replay.py, not jit.py: a submodule named jit would
        # replace this function as the attribute autograd.jit once imported.)
        from .optional import require

        require("numpy", f"autograd.{name}")
        from . import plan, replay

        return {
            "jit": replay.jit,
            "vmap": replay.vmap,
            "JitError": plan.JitError,
            "Plan": plan.Plan,
        }[name]
    raise AttributeError(f"module 'autograd' has no attribute {name!r}")
