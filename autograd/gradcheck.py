"""`gradcheck`: the engine's derivatives against central differences."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .checks import to_float
from .functional import grad, value_and_grad
from .grad_mode import no_grad
from .value import Value


class GradcheckError(AssertionError):
    """An analytic derivative disagrees with its numerical estimate."""


def _central_difference(
    h: Callable[[list[float]], float], x: list[float], i: int, eps: float
) -> float:
    plus, minus = list(x), list(x)
    plus[i] += eps
    minus[i] -= eps
    return (h(plus) - h(minus)) / (2.0 * eps)


def gradcheck(
    f: Callable[..., Any],
    *inputs: float,
    eps: float = 1e-6,
    atol: float = 1e-6,
    rtol: float = 1e-5,
    order: int = 1,
) -> bool:
    """Check every partial derivative of ``f`` at ``inputs`` against central differences.

    ``order=1`` compares df/dx_i with (f(x + eps e_i) - f(x - eps e_i)) / 2 eps.
    ``order=2`` compares each d2f/dx_i dx_j (the engine's gradient of its own
    gradient) with the central difference of the engine's first derivative.
    Passes when |analytic - numeric| <= atol + rtol |numeric|; returns True,
    or raises `GradcheckError` naming the argument and both values. The
    default tolerances catch a rule that is off by 0.1%.
    """
    if order not in (1, 2):
        raise ValueError(f"gradcheck: order must be 1 or 2, got {order!r}")
    if not inputs:
        raise TypeError("gradcheck: give at least one input")
    x = [to_float(v, "gradcheck") for v in inputs]
    n = len(x)
    argnums = tuple(range(n))

    def check(what: str, analytic: float, numeric: float) -> None:
        if not abs(analytic - numeric) <= atol + rtol * abs(numeric):
            raise GradcheckError(
                f"gradcheck: {what} at inputs {tuple(x)}: analytic {analytic!r} but "
                f"numeric {numeric!r} (difference {analytic - numeric:.3g}, "
                f"allowed {atol + rtol * abs(numeric):.3g})"
            )

    def evaluate(v: list[float]) -> float:
        with no_grad():
            out: Value = f(*(Value(a) for a in v))
            return out.data

    if order == 1:
        _, analytic = value_and_grad(f, argnums)(*x)
        for i in range(n):
            numeric = _central_difference(evaluate, x, i, eps)
            check(f"d f / d argument {i}", analytic[i], numeric)
        return True

    for j in range(n):
        first_j = grad(f, j)
        analytic = grad(first_j, argnums)(*x)

        def first_derivative(v: list[float], fj: Callable[..., float] = first_j) -> float:
            return fj(*v)

        for i in range(n):
            numeric = _central_difference(first_derivative, x, i, eps)
            check(f"d2 f / d argument {i} d argument {j}", analytic[i], numeric)
    return True
