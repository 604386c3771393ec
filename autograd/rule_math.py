"""The few functions a derivative rule calls, for floats, Values and numpy arrays alike.

A rule is written once, with ordinary arithmetic and these functions, and runs
in three worlds:

- floats, in `backward()` (the fast path: a float goes straight to `math`);
- `Value`s, in `gradients(..., create_graph=True)`, so that the gradient has a
  graph of its own and can be differentiated again;
- numpy arrays, one element per node, when a whole group of nodes of the same
  op runs at once (`autograd.jit`, `viz`'s grids).

Branches are written with `where` and domain checks with `require`, which work
elementwise on arrays. numpy is never imported here: an array can only reach
these functions if numpy is already loaded.
"""

from __future__ import annotations

import math
import sys
from typing import Any

from .optional import LazyModule

SQRT_2 = math.sqrt(2.0)
TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)
INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


np: Any = LazyModule("numpy", "a rule on arrays")


def is_array(x: Any) -> bool:
    """True for a numpy array (or numpy scalar); never imports numpy."""
    numpy = sys.modules.get("numpy")
    return numpy is not None and isinstance(x, (numpy.ndarray, numpy.generic))


def is_value(x: Any) -> bool:
    """True for a `Value` (recognised by its record slot, so no import circle)."""
    return hasattr(x, "_applied")


def data(x: Any) -> Any:
    """The number(s) inside: ``.data`` of a Value, the float or array itself otherwise."""
    return x.data if is_value(x) else x


def where(condition: Any, if_true: Any, if_false: Any) -> Any:
    """``if_true if condition else if_false``, elementwise when ``condition`` is an array."""
    if is_array(condition):
        return np.where(condition, if_true, if_false)
    return if_true if condition else if_false


def require(ok: Any, error: type[Exception], message: str, value: Any) -> None:
    """Raise ``error(message.format(v))`` unless ``ok`` holds (everywhere, for an array).

    ``v`` is the offending number: for an array, the first element where ``ok`` fails.
    """
    if is_array(ok):
        if ok.all():
            return
        value = np.broadcast_to(data(value), ok.shape)[~ok].flat[0]
    elif ok:
        return
    raise error(message.format(float(data(value))))


def exp(x: Any) -> Any:
    """e^x; an overflow raises (naming exp and x) instead of giving inf."""
    if type(x) is float:
        try:
            return math.exp(x)
        except OverflowError:
            raise OverflowError(
                f"exp: overflow at x={x!r} (e^x exceeds the largest float, ~1.8e308; "
                "use a stable formula such as log-sum-exp)"
            ) from None
    if is_array(x):
        with np.errstate(over="ignore"):
            result = np.exp(x)
        require(np.isfinite(result), OverflowError, "exp: overflow at x={!r}", x)
        return result
    return x.exp()


def log(x: Any) -> Any:
    """Natural log, for x > 0."""
    if type(x) is float:
        if x <= 0.0:
            raise ValueError(f"log: input must be positive, got {x!r}")
        return math.log(x)
    if is_array(x):
        require(x > 0, ValueError, "log: input must be positive, got {!r}", x)
        return np.log(x)
    return x.log()


def tanh(x: Any) -> Any:
    """tanh(x)."""
    if type(x) is float:
        return math.tanh(x)
    return np.tanh(x) if is_array(x) else x.tanh()


def sigmoid(x: Any) -> Any:
    """1 / (1 + e^-x), evaluated so that e^|x| never overflows."""
    if type(x) is float:
        if x >= 0.0:
            return 1.0 / (1.0 + math.exp(-x))
        z = math.exp(x)
        return z / (1.0 + z)
    if is_array(x):
        z = np.exp(-np.abs(x))
        return np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))
    return x.sigmoid()


def power(base: Any, exponent: Any) -> Any:
    """base ** exponent for real numbers, with clear domain errors."""
    if is_value(base) or is_value(exponent):
        return base**exponent
    if is_array(base) or is_array(exponent):
        require(
            (base != 0.0) | (exponent >= 0.0),
            ZeroDivisionError,
            "pow: 0 ** {!r} is a division by zero",
            exponent,
        )
        require(
            (base >= 0.0) | (np.mod(exponent, 1.0) == 0.0),
            ValueError,
            "pow: negative base {!r} to a non-integer power is not real",
            base,
        )
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            result = np.power(base, exponent)
        require(np.isfinite(result), OverflowError, "pow: overflow with base {!r}", base)
        return result
    if base == 0.0 and exponent < 0.0:
        raise ZeroDivisionError(f"pow: 0 ** {exponent!r} is a division by zero")
    if base < 0.0 and not float(exponent).is_integer():
        raise ValueError(
            f"pow: negative base {base!r} to the non-integer power {exponent!r} is not real"
        )
    try:
        return math.pow(base, exponent)
    except OverflowError:
        raise OverflowError(f"pow: overflow in {base!r} ** {exponent!r}") from None


def erf(x: Any) -> Any:
    """The error function."""
    if type(x) is float:
        return math.erf(x)
    if is_array(x):
        return np.vectorize(math.erf, otypes=[float])(x)
    return x.erf()


def gaussian(x: Any) -> Any:
    """e^(-x^2): 0 for huge |x|, never an overflow (x^2 alone would overflow past 1.3e154)."""
    if type(x) is float:
        return math.exp(-x * x) if abs(x) < 1e154 else 0.0
    if is_array(x):
        return np.exp(-np.square(np.minimum(np.abs(x), 1e154)))
    if abs(x.data) >= 1e154:  # the true value and every derivative here are 0:
        zero = type(x)(0.0)  # a constant, so that no derivative through x is ever taken
        zero.is_constant = True
        return zero
    return (-(x * x)).exp()


def normal_cdf(x: Any) -> Any:
    """Phi(x), the standard normal CDF: 0.5 erfc(-x / sqrt 2) (accurate in the far left tail)."""
    if type(x) is float:
        return 0.5 * math.erfc(-x / SQRT_2)
    if is_array(x):
        return 0.5 * np.vectorize(math.erfc, otypes=[float])(-x / SQRT_2)
    # On Values erfc is 1 - erf: the same function, recorded with the erf op.
    return 0.5 * (1.0 - (x * (-1.0 / SQRT_2)).erf())


def normal_pdf(x: Any) -> Any:
    """phi(x) = e^(-x^2/2) / sqrt(2 pi)."""
    return INV_SQRT_2PI * gaussian(x * (1.0 / SQRT_2))
