"""Every op of the engine with a safe input domain, shared by the derivative tests.

Domains keep inputs off kinks (relu, abs, leaky_relu, elu at 0) and poles
(log, sqrt and division near 0), and wide enough to reach the saturated tails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import strategies as st

from autograd import Value


def floats(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


def off_zero(limit: float, gap: float = 1e-3) -> st.SearchStrategy[float]:
    """|x| in [gap, limit], either sign: away from a kink at 0."""
    return st.one_of(floats(gap, limit), floats(-limit, -gap))


@dataclass(frozen=True)
class UnaryCase:
    name: str
    apply: Callable[[Value], Value]
    domain: st.SearchStrategy[float]
    torch_apply: Callable | None = None  # f(tensor) -> tensor, for the PyTorch reference


@dataclass(frozen=True)
class BinaryCase:
    name: str
    apply: Callable[[Value, Value], Value]
    left: st.SearchStrategy[float]
    right: st.SearchStrategy[float]
    # Central differences skip draws with |a - b| <= min_gap * max(1, |a|, |b|): a kink at a = b.
    min_gap: float = 0.0


def _torch():
    import torch

    return torch


def _F():
    return _torch().nn.functional


UNARY = [
    UnaryCase("neg", lambda x: -x, floats(-1e6, 1e6), lambda t: -t),
    UnaryCase("abs", abs, off_zero(1e6), lambda t: t.abs()),
    UnaryCase("exp", Value.exp, floats(-700, 700), lambda t: t.exp()),
    UnaryCase("log", Value.log, floats(1e-3, 1e6), lambda t: t.log()),
    UnaryCase("sqrt", Value.sqrt, floats(1e-3, 1e6), lambda t: t.sqrt()),
    UnaryCase("erf", Value.erf, floats(-6, 6), lambda t: t.erf()),
    UnaryCase("tanh", Value.tanh, floats(-1000, 1000), lambda t: t.tanh()),
    UnaryCase("sigmoid", Value.sigmoid, floats(-1000, 1000), lambda t: t.sigmoid()),
    UnaryCase("relu", Value.relu, off_zero(1e6), lambda t: t.relu()),
    UnaryCase("leaky_relu", Value.leaky_relu, off_zero(1e6), lambda t: _F().leaky_relu(t)),
    UnaryCase(
        "leaky_relu(0.2)",
        lambda x: x.leaky_relu(0.2),
        off_zero(1e3),
        lambda t: _F().leaky_relu(t, 0.2),
    ),
    UnaryCase("elu", Value.elu, off_zero(1000), lambda t: _F().elu(t)),
    UnaryCase("elu(0.5)", lambda x: x.elu(0.5), off_zero(1000), lambda t: _F().elu(t, 0.5)),
    UnaryCase("gelu", Value.gelu, floats(-1000, 1000), lambda t: _F().gelu(t)),
    UnaryCase(
        "gelu(tanh)",
        lambda x: x.gelu("tanh"),
        floats(-1000, 1000),
        lambda t: _F().gelu(t, approximate="tanh"),
    ),
    UnaryCase("softplus", Value.softplus, floats(-1000, 1000), lambda t: _F().softplus(t)),
    UnaryCase(
        "softplus(beta=2)",
        lambda x: x.softplus(beta=2.0),
        floats(-100, 100),
        lambda t: _F().softplus(t, beta=2.0),
    ),
    UnaryCase("**2", lambda x: x**2, floats(-1e3, 1e3), lambda t: t**2),
    UnaryCase("**3", lambda x: x**3, floats(-1e3, 1e3), lambda t: t**3),
    UnaryCase("**-1", lambda x: x**-1, off_zero(1e3, 1e-2), lambda t: t**-1),
    UnaryCase("**0.5", lambda x: x**0.5, floats(1e-2, 1e6), lambda t: t**0.5),
    UnaryCase("**-1.5", lambda x: x**-1.5, floats(1e-2, 1e3), lambda t: t**-1.5),
    UnaryCase("2**x", lambda x: 2**x, floats(-100, 100), lambda t: 2**t),
    UnaryCase("x+3", lambda x: x + 3, floats(-1e6, 1e6), lambda t: t + 3),
    UnaryCase("3-x", lambda x: 3 - x, floats(-1e6, 1e6), lambda t: 3 - t),
    UnaryCase("x*2.5", lambda x: x * 2.5, floats(-1e6, 1e6), lambda t: t * 2.5),
    UnaryCase("2/x", lambda x: 2 / x, off_zero(1e3, 1e-2), lambda t: 2 / t),
]

BINARY = [
    BinaryCase("+", lambda a, b: a + b, floats(-1e6, 1e6), floats(-1e6, 1e6)),
    BinaryCase("-", lambda a, b: a - b, floats(-1e6, 1e6), floats(-1e6, 1e6)),
    BinaryCase("*", lambda a, b: a * b, floats(-1e3, 1e3), floats(-1e3, 1e3)),
    BinaryCase("/", lambda a, b: a / b, floats(-1e3, 1e3), off_zero(1e3, 1e-2)),
    BinaryCase("**", lambda a, b: a**b, floats(1e-2, 50), floats(-5, 5)),
    BinaryCase("max", Value.maximum, floats(-1e3, 1e3), floats(-1e3, 1e3), min_gap=1e-3),
    BinaryCase("min", Value.minimum, floats(-1e3, 1e3), floats(-1e3, 1e3), min_gap=1e-3),
]

# Where a derivative of some order jumps: inputs this close are skipped.
KINKS: dict[str, tuple[float, ...]] = {
    "abs": (0.0,),
    "relu": (0.0,),
    "leaky_relu": (0.0,),
    "leaky_relu(0.2)": (0.0,),
    "elu": (0.0,),
    "elu(0.5)": (0.0,),
    "softplus": (20.0,),  # PyTorch's threshold: x itself above it
    "softplus(beta=2)": (10.0,),
}


def near_tie(case: BinaryCase, a: float, b: float) -> bool:
    """True when a and b are too close for central differences across a kink at a = b."""
    return abs(a - b) <= case.min_gap * max(1.0, abs(a), abs(b))


def near_kink(name: str, x: float, gap: float = 1e-3) -> bool:
    return any(abs(x - k) < gap * max(1.0, abs(k)) for k in KINKS.get(name, ()))
