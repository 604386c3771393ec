"""Every op of the engine, each defined once: name, symbol, forward math, derivative rule, text.

Read an op top to bottom as one block::

    MUL = Op(
        "*", symbol="×",
        forward=lambda a, b: a * b,
        rule=lambda g, out, a, b: (g * b, g * a),           # d/da ab = b, d/db ab = a
        derivative=("b", "a"), latex=("b", "a"), commutative=True,
    )  # fmt: skip

- ``forward`` computes the result from plain floats. Out-of-domain input raises
  an error that names the op and the value; it never returns NaN or inf.
- ``rule(g, out, *inputs)`` is the chain rule for this op: given the gradient
  ``g`` arriving at the result ``out``, it returns what each input receives,
  ``g * d out / d input`` (one value for a one-input op, a pair for two). It is
  written with ordinary arithmetic and the functions of `rule_math`, so the same
  rule runs on floats (`backward()`), on Values (higher derivatives) and on
  numpy arrays (a whole group of nodes at once).
- ``rule_a_constant`` / ``rule_b_constant``: the rule again for when operand a
  (b) is a plain number (``2 ** x``, ``x / 4``): the same derivatives without the
  number's, which nothing needs and which could only fail.
- ``array_forward`` is the forward on numpy arrays, elementwise, where the float
  code does not already work on arrays as written.
- ``derivative`` and ``latex`` are d out / d input as text, for captions and for
  rich displays. Inputs are called ``x`` (one input) or ``a``, ``b`` (two), the
  result ``out``.

A parametrised op (``leaky_relu``'s slope, ``x ** n``'s exponent) takes its
parameters first, in ``forward(*params, *inputs)`` and in
``rule(*params, g, out, *inputs)``; its texts show the numbers where they say
``$name``.

Each node records what made it in one `Applied`: the op, its parameters and the
rule its backward runs (parameters bound). `Op.applied` makes them, once per op,
parameter set and constant operand.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from string import Template
from typing import Any, Protocol, TypedDict

from .rule_math import (
    TWO_OVER_SQRT_PI,
    data,
    erf,
    exp,
    gaussian,
    log,
    normal_cdf,
    normal_pdf,
    np,
    power,
    require,
    sigmoid,
    tanh,
    where,
)

Rule = Callable[..., Any]  # rule(*params, g, out, *inputs) -> what each input receives


class OpTexts(TypedDict):
    """An op's texts with its parameters filled in (see `Op.texts`)."""

    symbol: str
    derivative: tuple[str, ...]
    latex: tuple[str, ...]


SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
GELU_TANH_COEFF = 0.044715
GELU_TANH_SATURATION = 1e4  # tanh is +-1 to the last bit long before; x^3 would overflow later


@dataclass(eq=False)
class Op:
    """One op: everything the engine, the diagrams and the array backend know about it."""

    name: str  # the op's key in OPS, and what Value.op shows (unless ``shown`` says)
    symbol: str  # what a diagram's op node shows
    forward: Callable[..., float]
    rule: Rule
    derivative: tuple[str, ...]  # d out / d input, one per input, plain Unicode
    latex: tuple[str, ...]  # the same, in LaTeX
    array_forward: Callable[..., Any] | None = None  # None: ``forward`` works on arrays
    params: tuple[str, ...] = ()
    commutative: bool = False  # a two-input op whose inputs may swap (diagrams omit a, b)
    # The rule again for when operand a (or b) is a plain number (``2 ** x``, ``x / 4``): the
    # same derivatives without the number's, which nothing needs and which could only fail.
    rule_a_constant: Rule | None = None
    rule_b_constant: Rule | None = None
    shown: str = ""  # what Value.op shows, with $params filled in ("**$n" -> "**2"); "": name

    def __post_init__(self) -> None:
        self._fresh_records()

    def __setattr__(self, name: str, value: Any) -> None:
        # Records bind the rule: a rule swapped in (a test checking gradcheck) starts a fresh
        # cache. (value.py holds the records of + - * / ** from import on, for speed.)
        object.__setattr__(self, name, value)
        if name in ("rule", "rule_a_constant", "rule_b_constant") and "record" in vars(self):
            self._fresh_records()

    def _fresh_records(self) -> None:
        self._applied: dict[tuple[Any, ...], Applied] = {}
        # The record of an op without parameters, read at every node of it (Value._apply).
        self.record: Applied | None = None if self.params else self.applied()

    @property
    def arity(self) -> int:
        """How many inputs the op takes."""
        return len(self.derivative)

    @property
    def operands(self) -> tuple[str, ...]:
        """How texts call the inputs: ``x``, or ``a`` and ``b``."""
        return ("x",) if self.arity == 1 else ("a", "b")

    def applied(self, *params: float, constant: str = "") -> Applied:
        """The record a node of this op keeps: op, parameters, rule (parameters bound).

        ``constant="a"`` (or ``"b"``): that operand is a plain number, and the node runs
        `rule_a_constant` (`rule_b_constant`). Records are made once and shared; past
        `MAX_CACHED` parameter sets (an exponent drawn at random in a loop) they are made
        afresh, so the cache never grows without bound.
        """
        key = (*params, constant)
        found = self._applied.get(key)
        if found is not None:
            return found
        rule = {"": self.rule, "a": self.rule_a_constant, "b": self.rule_b_constant}[constant]
        if rule is None:
            raise ValueError(f"{self.name}: no rule for a constant operand {constant!r}")
        name = self._fill(self.shown, params) if self.shown else self.name
        record = Applied(self, params, partial(rule, *params) if params else rule, name, constant)
        if len(self._applied) < MAX_CACHED:
            self._applied[key] = record
        return record

    def forward_array(self, *args: Any) -> Any:
        """The forward on numpy arrays (parameters first, as in ``forward``)."""
        return (self.array_forward or self.forward)(*args)

    def texts(self, params: tuple[float, ...] = ()) -> OpTexts:
        """Symbol and derivative texts with the parameters filled in."""
        return {  # (a TypedDict, so a plain dict literal)
            "symbol": self._fill(self.symbol, params),
            "derivative": tuple(self._fill(t, params) for t in self.derivative),
            "latex": tuple(self._fill(t, params) for t in self.latex),
        }

    def _fill(self, text: str, params: tuple[float, ...]) -> str:
        """``text`` with each ``$name`` of a parameter replaced by its number."""
        values = {name: f"{value:g}" for name, value in zip(self.params, params)}
        return Template(text).safe_substitute(values)


MAX_CACHED = 4096  # records kept per op (one per parameter set and constant operand)


@dataclass(frozen=True, slots=True)
class Applied:
    """What made a node: the op, its parameters and the rule its backward runs.

    ``rule`` is the op's rule with the parameters bound (``rule(g, out, *inputs)``), or
    its variant for a constant operand (``constant`` names which: "a", "b", or "" for
    none). ``name`` is what ``Value.op`` shows ("+", "**2"). ``op`` is None for a node
    made by hand with a rule of its own (``Value(data, "", x, None, "sin", rule)``).
    """

    op: Op | None
    params: tuple[float, ...]
    rule: Rule
    name: str
    constant: str = ""


def by_hand(name: str, rule: Rule) -> Applied:
    """The record of a node made by hand: a name and a rule, no op of the table."""
    return Applied(None, (), rule, name)


# ---------------------------------------------------------------- arithmetic

ADD = Op(
    "+", symbol="+",
    forward=lambda a, b: a + b,
    rule=lambda g, out, a, b: (g, g),                   # d/da (a + b) = 1, d/db = 1
    derivative=("1", "1"), latex=("1", "1"), commutative=True,
)  # fmt: skip

SUB = Op(
    "-", symbol="a − b",
    forward=lambda a, b: a - b,
    rule=lambda g, out, a, b: (g, -g),                  # d/da (a - b) = 1, d/db = -1
    derivative=("1", "−1"), latex=("1", "-1"),
)  # fmt: skip

MUL = Op(
    "*", symbol="×",
    forward=lambda a, b: a * b,
    rule=lambda g, out, a, b: (g * b, g * a),           # d/da ab = b, d/db ab = a
    derivative=("b", "a"), latex=("b", "a"), commutative=True,
)  # fmt: skip


def _divide(a: Any, b: Any) -> Any:
    require(b != 0.0, ZeroDivisionError, f"/: division by zero ({a!r} / {{!r}})", b)
    return a / b


def div_rule_constant_divisor(g: Any, out: Any, a: Any, b: Any) -> tuple[Any, Any]:
    """DIV's rule for ``x / number``: the constant divisor receives 0 (its derivative,
    -out/b, is never needed and may overflow)."""
    return g / b, g * 0.0


DIV = Op(
    "/", symbol="a ÷ b",
    forward=_divide,
    rule=lambda g, out, a, b: (g / b, -g * out / b),    # d/da a/b = 1/b, d/db a/b = -a/b² = -out/b
    derivative=("1/b", "−out/b"), latex=(r"\frac{1}{b}", r"-\frac{a}{b^2}"),
    rule_b_constant=div_rule_constant_divisor,
)  # fmt: skip


def _pow_rule(g: Any, out: Any, a: Any, b: Any) -> tuple[Any, Any]:
    """d/da a^b = b a^(b-1); d/db a^b = a^b log(a), for a > 0 (and 0 where a = 0 < b)."""
    positive = a > 0
    require(
        positive | ((data(a) == 0.0) & (b > 0)),
        ValueError,
        "**: the derivative with respect to the exponent needs a positive base, got {!r}",
        a,
    )
    da = g * b * power(a, b - 1.0)
    db = g * out * log(where(positive, a, 1.0))
    return da, where(positive, db, g * 0.0)


def pow_rule_constant_base(g: Any, out: Any, a: Any, b: Any) -> tuple[Any, Any]:
    """`_pow_rule` for ``number ** x``: the constant base needs no derivative, so none is
    computed (it could only fail: 0 ** -0.5, an overflow); it receives 0."""
    require(
        data(a) >= 0.0,
        ValueError,
        "**: the derivative with respect to the exponent needs a non-negative base, got {!r}",
        a,
    )
    db = g * out * log(where(a > 0, a, 1.0))
    return g * 0.0, where(a > 0, db, g * 0.0)


POW = Op(
    "**", symbol="a ** b",
    forward=lambda a, b: power(a, b),
    rule=_pow_rule,
    derivative=("b·a^(b−1)", "out·log(a)"), latex=(r"b\,a^{b-1}", r"a^b \ln a"),
    rule_a_constant=pow_rule_constant_base,
)  # fmt: skip

POWER_CONST = Op(
    "**n", symbol="**$n", params=("n",), shown="**$n",
    forward=lambda n, x: power(x, n),
    rule=lambda n, g, out, x: g * n * power(x, n - 1.0) if n != 0.0 else g * 0.0,  # n x^(n-1)
    derivative=("$n·x^($n−1)",), latex=(r"$n\,x^{$n - 1}",),
)  # fmt: skip


def _route(g: Any, first_wins: Any, second_wins: Any) -> tuple[Any, Any]:
    """The gradient goes to the winning input, half each at a tie (as torch.maximum)."""
    share = where(first_wins, 1.0, where(second_wins, 0.0, 0.5))  # d out / d first
    return g * share, g * (1.0 - share)


def _max_rule(g: Any, out: Any, a: Any, b: Any) -> tuple[Any, Any]:
    """d max(a, b): the larger input takes the gradient."""
    return _route(g, a > b, a < b)


MAX = Op(
    "max", symbol="max",
    forward=lambda a, b: a if a >= b else b,
    array_forward=lambda a, b: np.maximum(a, b),
    rule=_max_rule,                                     # 1 to the larger input, ½ each at a tie
    derivative=("1 if a > b else 0 (½ at a = b)", "1 if b > a else 0 (½ at a = b)"),
    latex=(r"1\ \mathrm{if}\ a > b\ \mathrm{else}\ 0\ (\frac{1}{2}\ \mathrm{at}\ a = b)",
           r"1\ \mathrm{if}\ b > a\ \mathrm{else}\ 0\ (\frac{1}{2}\ \mathrm{at}\ a = b)"),
    commutative=True,
)  # fmt: skip


def _min_rule(g: Any, out: Any, a: Any, b: Any) -> tuple[Any, Any]:
    """d min(a, b): the smaller input takes the gradient."""
    return _route(g, a < b, a > b)


MIN = Op(
    "min", symbol="min",
    forward=lambda a, b: a if a <= b else b,
    array_forward=lambda a, b: np.minimum(a, b),
    rule=_min_rule,                                     # 1 to the smaller input, ½ each at a tie
    derivative=("1 if a < b else 0 (½ at a = b)", "1 if b < a else 0 (½ at a = b)"),
    latex=(r"1\ \mathrm{if}\ a < b\ \mathrm{else}\ 0\ (\frac{1}{2}\ \mathrm{at}\ a = b)",
           r"1\ \mathrm{if}\ b < a\ \mathrm{else}\ 0\ (\frac{1}{2}\ \mathrm{at}\ a = b)"),
    commutative=True,
)  # fmt: skip

NEG = Op(
    "neg", symbol="−",
    forward=lambda x: -x,
    rule=lambda g, out, x: -g,                          # d/dx (-x) = -1
    derivative=("−1",), latex=("-1",),
)  # fmt: skip

ABS = Op(
    "abs", symbol="|x|",
    forward=math.fabs,
    array_forward=lambda x: np.abs(x),
    rule=lambda g, out, x: g * ((x > 0) * 1.0 - (x < 0)),   # sign(x), and 0 at the kink (PyTorch)
    derivative=("sign(x)",), latex=(r"\operatorname{sign}(x)",),
)  # fmt: skip

# ---------------------------------------------------------------- functions

EXP = Op(
    "exp", symbol="exp",
    forward=exp,                                        # raises past x ~ 709.78 (overflow)
    rule=lambda g, out, x: g * out,                     # d/dx e^x = e^x
    derivative=("out",), latex=("e^x",),
)  # fmt: skip

LOG = Op(
    "log", symbol="log",
    forward=log,                                        # for x > 0
    rule=lambda g, out, x: g / x,                       # d/dx log(x) = 1/x
    derivative=("1/x",), latex=(r"\frac{1}{x}",),
)  # fmt: skip


def _sqrt(x: Any) -> Any:
    """Square root, for x >= 0."""
    require(x >= 0.0, ValueError, "sqrt: input must be non-negative, got {!r}", x)
    return math.sqrt(x) if isinstance(x, float) else np.sqrt(x)


def _sqrt_rule(g: Any, out: Any, x: Any) -> Any:
    """d/dx sqrt(x) = 1 / (2 sqrt(x)), infinite at 0: raises there rather than give inf."""
    require(out > 0, ZeroDivisionError, "sqrt: the derivative at x={!r} is infinite", x)
    return g / (2.0 * out)


SQRT = Op(
    "sqrt", symbol="√",
    forward=_sqrt,
    rule=_sqrt_rule,
    derivative=("1/(2·out)",), latex=(r"\frac{1}{2\sqrt{x}}",),
)  # fmt: skip

ERF = Op(
    "erf", symbol="erf",
    forward=erf,
    rule=lambda g, out, x: g * TWO_OVER_SQRT_PI * gaussian(x),   # d/dx erf(x) = 2/√π e^(-x²)
    derivative=("2/√π · exp(−x²)",), latex=(r"\frac{2}{\sqrt{\pi}} e^{-x^2}",),
)  # fmt: skip

TANH = Op(
    "tanh", symbol="tanh",
    forward=tanh,                                       # in (-1, 1)
    rule=lambda g, out, x: g * (1.0 - out * out),       # d/dx tanh(x) = 1 - tanh(x)², 1 at x = 0
    derivative=("1 − out²",), latex=(r"1 - \tanh^2 x",),
)  # fmt: skip

SIGMOID = Op(
    "sigmoid", symbol="sigmoid",
    forward=sigmoid,                                    # 1 / (1 + e^-x), in (0, 1)
    rule=lambda g, out, x: g * out * (1.0 - out),       # d/dx = s (1 - s), at most 0.25 (x = 0)
    derivative=("out·(1 − out)",), latex=(r"\sigma(x)\,(1 - \sigma(x))",),
)  # fmt: skip

RELU = Op(
    "relu", symbol="ReLU",
    forward=lambda x: x if x > 0.0 else 0.0,            # max(x, 0)
    array_forward=lambda x: np.where(x > 0, x, 0.0),
    rule=lambda g, out, x: g * (x > 0),                 # 1 for x > 0, else 0 (0 at the kink)
    derivative=("1 if x > 0 else 0",), latex=(r"1\ (x > 0),\ \ 0\ (x \leq 0)",),
)  # fmt: skip

LEAKY_RELU = Op(
    "leaky_relu", symbol="LeakyReLU", params=("negative_slope",),
    forward=lambda slope, x: x if x > 0.0 else slope * x,
    array_forward=lambda slope, x: np.where(x > 0, x, slope * x),
    rule=lambda slope, g, out, x: where(x > 0, g, g * slope),   # 1 for x > 0, else the slope
    derivative=("1 if x > 0 else $negative_slope",),
    latex=(r"1\ (x > 0),\ \ $negative_slope\ (x \leq 0)",),
)  # fmt: skip


def _elu(alpha: float, x: Any) -> Any:
    """x for x > 0, alpha (e^x - 1) otherwise (expm1 keeps it exact near 0)."""
    if isinstance(x, float):
        return x if x > 0.0 else alpha * math.expm1(x)
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


ELU = Op(
    "elu", symbol="ELU", params=("alpha",),
    forward=_elu,
    # 1 for x > 0, else alpha e^x (not out + alpha: no cancellation for very negative x)
    rule=lambda alpha, g, out, x: where(x > 0, g, g * alpha * exp(where(x > 0, 0.0, x))),
    derivative=("1 if x > 0 else $alpha·exp(x)",),
    latex=(r"1\ (x > 0),\ \ $alpha\,e^x\ (x \leq 0)",),
)  # fmt: skip

GELU = Op(
    "gelu", symbol="GELU",
    forward=lambda x: x * normal_cdf(x),                # x Φ(x), Φ the standard normal CDF
    rule=lambda g, out, x: g * (normal_cdf(x) + x * normal_pdf(x)),   # Φ(x) + x φ(x)
    derivative=("Φ(x) + x·φ(x)",), latex=(r"\Phi(x) + x\,\varphi(x)",),
)  # fmt: skip


def _gelu_tanh(x: Any) -> Any:
    """0.5 x (1 + tanh(z)), z = sqrt(2/pi) (x + 0.044715 x^3), computed as x sigmoid(2z).

    The same function (0.5 (1 + tanh z) = sigmoid(2z)) without the cancellation of 1 + tanh z
    for negative x; exactly x or -0 once saturated.
    """
    saturated = (x > GELU_TANH_SATURATION) | (x < -GELU_TANH_SATURATION)
    x_in = where(saturated, 0.0, x)
    smooth = x_in * sigmoid(2.0 * SQRT_2_OVER_PI * (x_in + GELU_TANH_COEFF * x_in**3))
    return where(saturated, where(x > 0, x, -0.0), smooth)


def _gelu_tanh_rule(g: Any, out: Any, x: Any) -> Any:
    """d/dx: 0.5 (1 + t) + 0.5 x (1 - t^2) k (1 + 3 c x^2), t = tanh(k (x + c x^3)); 1 or 0
    once saturated. With s = sigmoid(2 k (x + c x^3)): 0.5 (1 + t) = s, 1 - t^2 = 4 s (1 - s)."""
    saturated = (x > GELU_TANH_SATURATION) | (x < -GELU_TANH_SATURATION)
    if saturated is True:
        return g * (x > 0)
    k, c = SQRT_2_OVER_PI, GELU_TANH_COEFF
    x_in = where(saturated, 0.0, x)
    s = sigmoid(2.0 * k * (x_in + c * x_in * x_in * x_in))
    slope = s + 2.0 * x_in * s * (1.0 - s) * k * (1.0 + 3.0 * c * x_in * x_in)
    return where(saturated, g * (x > 0), g * slope)


GELU_TANH = Op(
    "gelu_tanh", symbol="GELU (tanh)",
    forward=_gelu_tanh,
    rule=_gelu_tanh_rule,
    derivative=("½(1 + t) + ½x(1 − t²)·k(1 + 3c·x²),  t = tanh(k(x + c·x³))",),
    latex=(r"\frac{1}{2}(1 + t) + \frac{1}{2} x (1 - t^2)\,k\,(1 + 3 c x^2),\ "
           r"t = \tanh(k (x + c x^3))",),
)  # fmt: skip


def _softplus(beta: float, threshold: float, x: Any) -> Any:
    """log(1 + e^(beta x)) / beta = (max(bx, 0) + log1p(e^-|bx|)) / beta; x above the threshold."""
    bx = beta * x
    if isinstance(x, float):
        if bx > threshold:
            return x
        return (max(bx, 0.0) + math.log1p(math.exp(-math.fabs(bx)))) / beta
    return np.where(bx > threshold, x, np.logaddexp(0.0, np.minimum(bx, threshold)) / beta)


SOFTPLUS = Op(
    "softplus", symbol="softplus", params=("beta", "threshold"),
    forward=_softplus,
    # sigmoid(beta x), and 1 above the threshold (where softplus is x itself, as PyTorch)
    rule=lambda beta, threshold, g, out, x: where(
        x * beta > threshold, g, g * sigmoid(x * beta)
    ),
    derivative=("sigmoid($beta·x)",), latex=(r"\sigma($beta\,x)",),
)  # fmt: skip


# ----------------------------------------------------------------- the table

OPS: dict[str, Op] = {
    op.name: op
    for op in (
        ADD, SUB, MUL, DIV, POW, POWER_CONST, MAX, MIN, NEG, ABS, EXP, LOG, SQRT, ERF,
        TANH, SIGMOID, RELU, LEAKY_RELU, ELU, GELU, GELU_TANH, SOFTPLUS,
    )
}  # fmt: skip


class Recorded(Protocol):
    """A node that keeps the record of what made it (`Value`)."""

    @property
    def _applied(self) -> Applied | None: ...


def op_of(node: Recorded) -> tuple[Op, tuple[float, ...]] | None:
    """The op that made ``node`` and its parameters, read from its record; None for a leaf,
    or for a node made by hand with a rule of its own (no op of the table)."""
    record = node._applied
    if record is None or record.op is None:
        return None
    return record.op, record.params
