"""`Value`: a scalar that remembers how it was computed.

Each op computes its result with plain float math (`operators.py`) and records
its parents and its local derivative rule, written right beside it. A rule has
the signature ``rule(g, out, *inputs) -> contribution(s)``: given the gradient
``g`` arriving at the output, it returns what each input receives (the chain
rule: ``g * d out / d input``). The same rule runs on floats for an ordinary
`backward()` and on `Value`s when a graph of the gradient is wanted, which is
how second and third derivatives come out of the engine.

Rules never hold on to their own output node (it is passed in as ``out``), so
a graph has no reference cycles and is freed as soon as nothing refers to it.
"""

from __future__ import annotations

import math
import numbers
import sys
from collections.abc import Callable
from math import isfinite
from typing import Any, Union

from . import grad_mode, operators
from .graph import topological_order

Number = Union[int, float]
Operand = Union["Value", Number]
Rule = Callable[..., Any]

_GELU_APPROXIMATIONS = ("none", "tanh")


def _to_float(x: object, op: str) -> float:
    """Accept ints, floats, bools and numpy scalars; refuse everything else by type."""
    if type(x) is float:
        return x
    if isinstance(x, numbers.Real):
        return float(x)
    numpy = sys.modules.get("numpy")  # numpy scalars exist only if numpy is loaded
    if numpy is not None and isinstance(x, numpy.bool_):
        return float(x)
    raise TypeError(
        f"{op}: expected a real number (int, float, bool or numpy scalar) or a Value, "
        f"got {type(x).__name__}: {x!r}"
    )


class Value:
    """A scalar node of a computation graph.

    ``data`` and ``grad`` are floats; ``parents`` are the inputs in operand
    order; ``op`` names the op that made it (``""`` for a leaf); ``label`` is
    free text for diagrams. Equality and hashing are by identity, so Values go
    in sets and dicts; ``< <= > >=`` compare ``data``.
    """

    # Two parent slots rather than a tuple: one object per op instead of two,
    # which is less memory and half the work for Python's garbage collector.
    # `_mark` is scratch space for the graph walk (see graph.py).
    __slots__ = ("data", "grad", "label", "op", "is_constant", "_a", "_b", "_backward", "_mark")

    # Let `numpy_scalar * value` reach Value.__rmul__ instead of numpy's machinery.
    __array_ufunc__ = None

    def __init__(
        self,
        data: Number,
        label: str = "",
        _a: Value | None = None,
        _b: Value | None = None,
        _op: str = "",
        _backward: Rule | None = None,
    ) -> None:
        # Ops call this too, with their parents (_a, and _b for a binary op),
        # the op's name and its derivative rule: node creation, the hot path,
        # stays a single call.
        self.data = data if type(data) is float else _to_float(data, "Value")
        self.grad = 0.0
        self.label = label
        self.is_constant = False
        if _a is not None:
            if not isfinite(data):
                inputs = ", ".join(repr(p.data) for p in (_a, _b) if p is not None)
                raise OverflowError(f"{_op}: the result {data!r} is not finite (inputs: {inputs})")
            if not grad_mode.enabled:  # no_grad(): keep the value, drop the graph
                _a, _b, _op, _backward = None, None, "", None
        self.op = _op
        self._a = _a
        self._b = _b
        self._backward = _backward
        self._mark = None

    @property
    def parents(self) -> tuple[Value, ...]:
        """The inputs of the op that made this node, in operand order (``()`` for a leaf)."""
        if self._a is None:
            return ()
        if self._b is None:
            return (self._a,)
        return (self._a, self._b)

    # ------------------------------------------------------------------ plumbing

    @staticmethod
    def _constant(x: object, op: str) -> Value:
        """Wrap a plain number met in an op (drawn as a constant in diagrams)."""
        node = Value(_to_float(x, op))
        node.is_constant = True
        return node

    def __repr__(self) -> str:
        text = f"Value(data={self.data:.4g}, grad={self.grad:.4g}"
        if self.label:
            text += f", label={self.label!r}"
        if self.op:
            text += f", op={self.op!r}"
        return text + ")"

    def __float__(self) -> float:
        return self.data

    def item(self) -> float:
        """The data as a Python float (as `torch.Tensor.item`)."""
        return self.data

    def detach(self) -> Value:
        """A leaf with the same data and label, cut off from the graph."""
        return Value(self.data, self.label)

    def backward(self, gradient: float = 1.0) -> None:
        """Backpropagate from this node: add d self / d node to every node's ``.grad``.

        Gradients accumulate, as in PyTorch: every node of the graph (this one
        included) receives ``gradient * d self / d node`` on top of what it
        held, so a second call without `zero_grad()` doubles every gradient.
        """
        from .backprop import backward

        backward(self, gradient)

    def zero_grad(self) -> None:
        """Set ``.grad`` to 0 on this node and on every node of the graph below it."""
        for node in topological_order(self):
            node.grad = 0.0

    # ------------------------------------------------------------- comparisons

    def __lt__(self, other: Operand) -> bool:
        return self.data < (other.data if isinstance(other, Value) else other)

    def __le__(self, other: Operand) -> bool:
        return self.data <= (other.data if isinstance(other, Value) else other)

    def __gt__(self, other: Operand) -> bool:
        return self.data > (other.data if isinstance(other, Value) else other)

    def __ge__(self, other: Operand) -> bool:
        return self.data >= (other.data if isinstance(other, Value) else other)

    # ---------------------------------------------------------- arithmetic ops

    def __add__(self, other: Operand) -> Value:
        """a + b.  d/da = 1, d/db = 1."""
        other = other if isinstance(other, Value) else Value._constant(other, "+")
        return Value(self.data + other.data, "", self, other, "+", Value._add_backward)

    @staticmethod
    def _add_backward(g: Any, out: Any, a: Any, b: Any) -> tuple[Any, Any]:
        return g, g

    def __sub__(self, other: Operand) -> Value:
        """a - b.  d/da = 1, d/db = -1."""
        other = other if isinstance(other, Value) else Value._constant(other, "-")
        return Value(self.data - other.data, "", self, other, "-", Value._sub_backward)

    @staticmethod
    def _sub_backward(g: Any, out: Any, a: Any, b: Any) -> tuple[Any, Any]:
        return g, -g

    def __mul__(self, other: Operand) -> Value:
        """a * b.  d/da = b, d/db = a."""
        other = other if isinstance(other, Value) else Value._constant(other, "*")
        return Value(self.data * other.data, "", self, other, "*", Value._mul_backward)

    @staticmethod
    def _mul_backward(g: Any, out: Any, a: Any, b: Any) -> tuple[Any, Any]:
        return g * b, g * a

    def __truediv__(self, other: Operand) -> Value:
        """a / b.  d/da = 1/b, d/db = -a/b^2 = -out/b."""
        other = other if isinstance(other, Value) else Value._constant(other, "/")
        if other.data == 0.0:
            raise ZeroDivisionError(f"/: division by zero ({self.data!r} / {other.data!r})")
        return Value(self.data / other.data, "", self, other, "/", Value._div_backward)

    @staticmethod
    def _div_backward(g: Any, out: Any, a: Any, b: Any) -> tuple[Any, Any]:
        return g / b, -g * out / b

    def __pow__(self, exponent: Operand) -> Value:
        """x ** n for a number n (op "**n"), or x ** y for a Value y (op "**").

        d/dx x^n = n x^(n-1);  d/dy x^y = x^y log(x).
        """
        if isinstance(exponent, Value):
            return Value(
                operators.power(self.data, exponent.data),
                "",
                self,
                exponent,
                "**",
                Value._pow_backward,
            )
        n = _to_float(exponent, "**")
        return Value(operators.power(self.data, n), "", self, None, f"**{n:g}", _power_rule(n))

    @staticmethod
    def _pow_backward(g: Any, out: Any, x: Any, y: Any) -> tuple[Any, Any]:
        dx = g * y * _pow(x, y - 1.0)
        if x > 0:
            dy = g * out * _log(x)
        elif x < 0 or y <= 0:
            raise ValueError(
                f"**: the derivative with respect to the exponent {_data(y)!r} "
                f"needs a positive base, got {_data(x)!r}"
            )
        else:  # 0 ** y with y > 0 is flat in y
            dy = g * 0.0
        return dx, dy

    def __neg__(self) -> Value:
        """-x.  d/dx = -1."""
        return Value(-self.data, "", self, None, "neg", Value._neg_backward)

    @staticmethod
    def _neg_backward(g: Any, out: Any, x: Any) -> Any:
        return -g

    def __abs__(self) -> Value:
        """|x|.  d/dx = sign(x), and 0 at the kink x = 0 (as PyTorch)."""
        return Value(abs(self.data), "", self, None, "abs", Value._abs_backward)

    def abs(self) -> Value:
        """|x|; see `__abs__`."""
        return self.__abs__()

    @staticmethod
    def _abs_backward(g: Any, out: Any, x: Any) -> Any:
        return g * ((x > 0) - (x < 0))

    def __radd__(self, other: Number) -> Value:
        return Value._constant(other, "+") + self

    def __rsub__(self, other: Number) -> Value:
        return Value._constant(other, "-") - self

    def __rmul__(self, other: Number) -> Value:
        return Value._constant(other, "*") * self

    def __rtruediv__(self, other: Number) -> Value:
        return Value._constant(other, "/") / self

    def __rpow__(self, base: Number) -> Value:
        return Value._constant(base, "**") ** self

    # ------------------------------------------------------------ functions

    def exp(self) -> Value:
        """e^x.  d/dx e^x = e^x."""
        return Value(operators.exp(self.data), "", self, None, "exp", Value._exp_backward)

    @staticmethod
    def _exp_backward(g: Any, out: Any, x: Any) -> Any:
        return g * out

    def log(self) -> Value:
        """Natural log, for x > 0.  d/dx log(x) = 1/x."""
        return Value(operators.log(self.data), "", self, None, "log", Value._log_backward)

    @staticmethod
    def _log_backward(g: Any, out: Any, x: Any) -> Any:
        return g / x

    def sqrt(self) -> Value:
        """Square root, for x >= 0.  d/dx sqrt(x) = 1 / (2 sqrt(x)), infinite at 0."""
        return Value(operators.sqrt(self.data), "", self, None, "sqrt", Value._sqrt_backward)

    @staticmethod
    def _sqrt_backward(g: Any, out: Any, x: Any) -> Any:
        if not out > 0:
            raise ZeroDivisionError("sqrt: the derivative at x=0.0 is infinite")
        return g / (2.0 * out)

    def erf(self) -> Value:
        """The error function.  d/dx erf(x) = 2/sqrt(pi) e^(-x^2)."""
        return Value(math.erf(self.data), "", self, None, "erf", Value._erf_backward)

    @staticmethod
    def _erf_backward(g: Any, out: Any, x: Any) -> Any:
        return g * (2.0 / math.sqrt(math.pi)) * _exp(-(x * x))

    def tanh(self) -> Value:
        """Hyperbolic tangent, in (-1, 1).  d/dx tanh(x) = 1 - tanh(x)^2, which is 1 at x = 0."""
        return Value(math.tanh(self.data), "", self, None, "tanh", Value._tanh_backward)

    @staticmethod
    def _tanh_backward(g: Any, out: Any, x: Any) -> Any:
        return g * (1.0 - out * out)

    def sigmoid(self) -> Value:
        """1 / (1 + e^-x), in (0, 1).  d/dx sigmoid(x) = s (1 - s), at most 0.25 (at x = 0)."""
        return Value(
            operators.sigmoid(self.data), "", self, None, "sigmoid", Value._sigmoid_backward
        )

    @staticmethod
    def _sigmoid_backward(g: Any, out: Any, x: Any) -> Any:
        return g * out * (1.0 - out)

    def relu(self) -> Value:
        """max(x, 0).  d/dx = 1 for x > 0, else 0 (0 at the kink x = 0, as PyTorch)."""
        return Value(
            self.data if self.data > 0.0 else 0.0, "", self, None, "relu", Value._relu_backward
        )

    @staticmethod
    def _relu_backward(g: Any, out: Any, x: Any) -> Any:
        return g * (x > 0)

    def leaky_relu(self, negative_slope: float = 0.01) -> Value:
        """x for x > 0, else negative_slope * x.

        d/dx = 1 for x > 0, else negative_slope (negative_slope at x = 0, as PyTorch).
        """
        slope = _to_float(negative_slope, "leaky_relu")

        def leaky_relu_backward(g: Any, out: Any, x: Any) -> Any:
            return g if x > 0 else g * slope

        data = self.data if self.data > 0.0 else slope * self.data
        return Value(data, "", self, None, "leaky_relu", leaky_relu_backward)

    def elu(self, alpha: float = 1.0) -> Value:
        """x for x > 0, else alpha (e^x - 1).

        d/dx = 1 for x > 0, else alpha e^x (alpha at x = 0, as PyTorch).
        """
        alpha = _to_float(alpha, "elu")

        def elu_backward(g: Any, out: Any, x: Any) -> Any:
            # alpha e^x rather than out + alpha: no cancellation for very negative x
            return g if x > 0 else g * alpha * _exp(x)

        return Value(operators.elu(self.data, alpha), "", self, None, "elu", elu_backward)

    def gelu(self, approximate: str = "none") -> Value:
        """GELU: x Phi(x), Phi the standard normal CDF (``approximate="tanh"``: its tanh form).

        d/dx x Phi(x) = Phi(x) + x phi(x), phi the standard normal density.
        """
        if approximate == "none":
            return Value(operators.gelu(self.data), "", self, None, "gelu", Value._gelu_backward)
        if approximate == "tanh":
            data = operators.gelu_tanh(self.data)
            return Value(data, "", self, None, "gelu", Value._gelu_tanh_backward)
        raise ValueError(
            f"gelu: approximate must be one of {_GELU_APPROXIMATIONS}, got {approximate!r}"
        )

    @staticmethod
    def _gelu_backward(g: Any, out: Any, x: Any) -> Any:
        return g * (_normal_cdf(x) + x * _normal_pdf(x))

    @staticmethod
    def _gelu_tanh_backward(g: Any, out: Any, x: Any) -> Any:
        if x > 1e4 or x < -1e4:  # saturated: slope exactly 1 or 0 (and x^3 would overflow)
            return g * (x > 0)
        k, c = operators.SQRT_2_OVER_PI, operators.GELU_TANH_COEFF
        t = _tanh(k * (x + c * x * x * x))
        return g * (0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * k * (1.0 + 3.0 * c * x * x))

    def softplus(self, beta: float = 1.0, threshold: float = 20.0) -> Value:
        """log(1 + e^(beta x)) / beta, and x itself once beta x > threshold (as PyTorch).

        d/dx = sigmoid(beta x), and 1 above the threshold.
        """
        beta = _to_float(beta, "softplus")
        threshold = _to_float(threshold, "softplus")

        def softplus_backward(g: Any, out: Any, x: Any) -> Any:
            return g if x * beta > threshold else g * _sigmoid(x * beta)

        bx = beta * self.data
        data = self.data if bx > threshold else operators.softplus(bx) / beta
        return Value(data, "", self, None, "softplus", softplus_backward)


def _power_rule(n: float) -> Rule:
    """The rule of x ** n for a constant n: d/dx = n x^(n-1)."""

    def power_backward(g: Any, out: Any, x: Any) -> Any:
        if n == 0.0:
            return g * 0.0
        return g * n * _pow(x, n - 1.0)

    return power_backward


# Rules run on floats (first order) and on Values (higher order); these few
# functions are the ones a rule needs in both worlds.


def _data(x: Any) -> float:
    return x.data if isinstance(x, Value) else x


def _pow(x: Any, y: Any) -> Any:
    return x**y if isinstance(x, Value) or isinstance(y, Value) else operators.power(x, y)


def _log(x: Any) -> Any:
    return x.log() if isinstance(x, Value) else operators.log(x)


def _exp(x: Any) -> Any:
    return x.exp() if isinstance(x, Value) else operators.exp(x)


def _tanh(x: Any) -> Any:
    return x.tanh() if isinstance(x, Value) else math.tanh(x)


def _sigmoid(x: Any) -> Any:
    return x.sigmoid() if isinstance(x, Value) else operators.sigmoid(x)


def _normal_cdf(x: Any) -> Any:
    if isinstance(x, Value):
        return 0.5 * (1.0 + (x / operators.SQRT_2).erf())
    return operators.normal_cdf(x)


def _normal_pdf(x: Any) -> Any:
    if isinstance(x, Value):
        return operators.INV_SQRT_2PI * (-0.5 * x * x).exp()
    return operators.normal_pdf(x)
