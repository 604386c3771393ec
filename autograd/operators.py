"""Float math for the engine, kept apart from the graph plumbing.

Every function here takes and returns plain Python floats. The stable formulas
live here so that `Value` ops stay one line each: they hold for inputs of any
size, and out-of-domain input raises an error that names the op and the value
instead of returning NaN.
"""

from __future__ import annotations

import math

SQRT_2 = math.sqrt(2.0)
SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
GELU_TANH_COEFF = 0.044715


def exp(x: float) -> float:
    """e^x; raises OverflowError past x ~ 709.78 instead of returning inf."""
    try:
        return math.exp(x)
    except OverflowError:
        raise OverflowError(
            f"exp: overflow at x={x!r} (e^x exceeds the largest float, ~1.8e308; "
            "use a stable formula such as log-sum-exp)"
        ) from None


def log(x: float) -> float:
    """Natural log; defined for x > 0."""
    if x <= 0.0:
        raise ValueError(f"log: input must be positive, got {x!r}")
    return math.log(x)


def sqrt(x: float) -> float:
    """Square root; defined for x >= 0."""
    if x < 0.0:
        raise ValueError(f"sqrt: input must be non-negative, got {x!r}")
    return math.sqrt(x)


def power(base: float, exponent: float) -> float:
    """base ** exponent for real numbers, with clear domain errors."""
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


def sigmoid(x: float) -> float:
    """1 / (1 + e^-x), evaluated so that e^|x| never overflows."""
    if x >= 0.0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def softplus(x: float) -> float:
    """log(1 + e^x) = max(x, 0) + log1p(e^-|x|): finite for any finite x."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def elu(x: float, alpha: float) -> float:
    """x for x > 0, alpha * (e^x - 1) otherwise (expm1 keeps it exact near 0)."""
    return x if x > 0.0 else alpha * math.expm1(x)


def normal_cdf(x: float) -> float:
    """Phi(x), the standard normal CDF; erfc keeps the far left tail accurate."""
    return 0.5 * math.erfc(-x / SQRT_2)


def normal_pdf(x: float) -> float:
    """phi(x) = e^(-x^2/2) / sqrt(2 pi); underflows to 0 for huge |x|, never overflows."""
    return INV_SQRT_2PI * math.exp(-0.5 * x * x)


def gelu(x: float) -> float:
    """Exact GELU: x * Phi(x)."""
    return x * normal_cdf(x)


def gelu_tanh(x: float) -> float:
    """GELU's tanh approximation: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))."""
    if abs(x) > 1e4:  # tanh is +-1 to the last bit long before; x^3 would overflow later
        return x if x > 0.0 else -0.0
    inner = SQRT_2_OVER_PI * (x + GELU_TANH_COEFF * x * x * x)
    return 0.5 * x * (1.0 + math.tanh(inner))
