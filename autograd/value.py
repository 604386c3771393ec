"""`Value`: a scalar that remembers how it was computed.

Each method below records one node of the graph: its result, its parents and
its op's derivative rule. What an op computes and how it differentiates is
defined once, in `ops.py` (one block per op); this file is the graph plumbing
around it. Rules never hold on to their own output node (backprop passes it
in), so a graph has no reference cycles and is freed as soon as nothing refers
to it.
"""

from __future__ import annotations

import numbers
import sys
from collections.abc import Callable
from math import isfinite
from typing import Any, Union

from . import grad_mode, ops
from .graph import topological_order
from .ops import Op, bind

Number = Union[int, float]
Operand = Union["Value", Number]
Rule = Callable[..., Any]

_GELU_APPROXIMATIONS = ("none", "tanh")

# The rules of the four hot binary ops, looked up once (every `+` and `*` records one).
_ADD_RULE, _SUB_RULE, _MUL_RULE = ops.ADD.rule, ops.SUB.rule, ops.MUL.rule


def _to_float(x: object, op: str) -> float:
    """Accept ints, floats, bools and numpy scalars; refuse everything else by type."""
    if type(x) is float:
        return x
    if isinstance(x, numbers.Real):
        try:
            return float(x)
        except OverflowError:
            # (no repr of a huge int: past 4,300 digits Python refuses to write it)
            what = (
                f"an integer of ~{x.bit_length() * 0.30103:.0f} digits"
                if isinstance(x, int)
                else f"the number {x!r:.40}"
            )
            raise OverflowError(f"{op}: {what} is too large for a float") from None
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
    # `_backward` holds the op's rule (see ops.bind); `_mark` is scratch space
    # for the graph walk (see graph.py).
    __slots__ = ("data", "grad", "label", "op", "is_constant", "_a", "_b", "_backward", "_mark")

    # Let `numpy_scalar * value` reach Value.__rmul__ instead of numpy's machinery.
    __array_ufunc__ = None

    # ------------------------------------------------------------------- ops
    # + - * inline their one-line forward (they are most of every graph); every
    # other op calls its table entry's forward.

    def __add__(self, other: Operand) -> Value:
        """a + b (ops.ADD)."""
        other = other if isinstance(other, Value) else Value._constant(other, "+")
        return Value(self.data + other.data, "", self, other, "+", _ADD_RULE)

    def __sub__(self, other: Operand) -> Value:
        """a - b (ops.SUB)."""
        other = other if isinstance(other, Value) else Value._constant(other, "-")
        return Value(self.data - other.data, "", self, other, "-", _SUB_RULE)

    def __mul__(self, other: Operand) -> Value:
        """a * b (ops.MUL)."""
        other = other if isinstance(other, Value) else Value._constant(other, "*")
        return Value(self.data * other.data, "", self, other, "*", _MUL_RULE)

    def __truediv__(self, other: Operand) -> Value:
        """a / b (ops.DIV); division by zero raises."""
        if not isinstance(other, Value):
            other = Value._constant(other, "/")
        rule = ops.DIV.constant_rules[0] if other.is_constant else ops.DIV.rule
        return Value(ops.DIV.forward(self.data, other.data), "", self, other, "/", rule)

    def __pow__(self, exponent: Operand) -> Value:
        """x ** n for a number n (op "**n", ops.POWER_CONST), or x ** y for a Value y (ops.POW)."""
        if isinstance(exponent, Value):
            data = ops.POW.forward(self.data, exponent.data)
            rule = ops.POW.constant_rules[0] if self.is_constant else ops.POW.rule
            return Value(data, "", self, exponent, "**", rule)
        n = _to_float(exponent, "**")
        data = ops.POWER_CONST.forward(n, self.data)
        return Value(data, "", self, None, f"**{n:g}", bind(ops.POWER_CONST, n))

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

    def maximum(self: Operand, other: Operand) -> Value:
        """max(a, b) (ops.MAX): the larger input takes the gradient, ½ each at a tie (as torch).

        A number is fine on either side: ``x.maximum(0)`` or ``Value.maximum(0, x)``.
        """
        return Value._binary(ops.MAX, self, other)

    def minimum(self: Operand, other: Operand) -> Value:
        """min(a, b) (ops.MIN): the smaller input takes the gradient, ½ each at a tie."""
        return Value._binary(ops.MIN, self, other)

    @staticmethod
    def _binary(op: Op, a: Operand, b: Operand) -> Value:
        """Record one node of a two-input op; a plain number becomes a constant node."""
        a = a if isinstance(a, Value) else Value._constant(a, op.name)
        b = b if isinstance(b, Value) else Value._constant(b, op.name)
        return Value(op.forward(a.data, b.data), "", a, b, op.name, op.rule)

    def __neg__(self) -> Value:
        """-x (ops.NEG)."""
        return self._apply(ops.NEG)

    def __abs__(self) -> Value:
        """|x| (ops.ABS); d/dx = sign(x), 0 at the kink x = 0 (as PyTorch)."""
        return self._apply(ops.ABS)

    def abs(self) -> Value:
        """|x|; see `__abs__`."""
        return self._apply(ops.ABS)

    def exp(self) -> Value:
        """e^x (ops.EXP); overflow past x ~ 709.78 raises."""
        return self._apply(ops.EXP)

    def log(self) -> Value:
        """Natural log, for x > 0 (ops.LOG)."""
        return self._apply(ops.LOG)

    def sqrt(self) -> Value:
        """Square root, for x >= 0 (ops.SQRT); its derivative at 0 is infinite and raises."""
        return self._apply(ops.SQRT)

    def erf(self) -> Value:
        """The error function (ops.ERF)."""
        return self._apply(ops.ERF)

    def tanh(self) -> Value:
        """Hyperbolic tangent, in (-1, 1) (ops.TANH); d/dx = 1 - tanh(x)^2, 1 at x = 0."""
        return self._apply(ops.TANH)

    def sigmoid(self) -> Value:
        """1 / (1 + e^-x), in (0, 1) (ops.SIGMOID); d/dx = s (1 - s), at most 0.25."""
        return self._apply(ops.SIGMOID)

    def relu(self) -> Value:
        """max(x, 0) (ops.RELU); d/dx = 1 for x > 0, else 0 (0 at the kink, as PyTorch)."""
        return self._apply(ops.RELU)

    def leaky_relu(self, negative_slope: float = 0.01) -> Value:
        """x for x > 0, else negative_slope * x (ops.LEAKY_RELU)."""
        return self._apply(ops.LEAKY_RELU, _to_float(negative_slope, "leaky_relu"))

    def elu(self, alpha: float = 1.0) -> Value:
        """x for x > 0, else alpha (e^x - 1) (ops.ELU)."""
        return self._apply(ops.ELU, _to_float(alpha, "elu"))

    def gelu(self, approximate: str = "none") -> Value:
        """GELU: x Phi(x) (ops.GELU); its tanh form with ``approximate="tanh"`` (ops.GELU_TANH)."""
        if approximate == "none":
            return self._apply(ops.GELU)
        if approximate == "tanh":
            return self._apply(ops.GELU_TANH)
        raise ValueError(
            f"gelu: approximate must be one of {_GELU_APPROXIMATIONS}, got {approximate!r}"
        )

    def softplus(self, beta: float = 1.0, threshold: float = 20.0) -> Value:
        """log(1 + e^(beta x)) / beta, and x itself once beta x > threshold (ops.SOFTPLUS)."""
        beta = _to_float(beta, "softplus")
        if beta == 0.0:
            raise ValueError("softplus: beta must be non-zero, got 0.0 (it divides the result)")
        return self._apply(ops.SOFTPLUS, beta, _to_float(threshold, "softplus"))

    # -------------------------------------------------------------- plumbing

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
        else:  # a leaf: its number and label come from the user, so they are checked
            if not isfinite(self.data):
                raise ValueError(
                    f"Value: data must be a finite number, got {self.data!r} "
                    "(the engine keeps every value and gradient finite)"
                )
            if not isinstance(label, str):
                kind = type(label).__name__
                raise TypeError(f"Value: label must be a str, got {kind}: {label!r}")
        self.op = _op
        self._a = _a
        self._b = _b
        self._backward = _backward
        self._mark = None

    def _apply(self, op: Op, *params: float) -> Value:
        """Record one node of a one-input op."""
        return Value(op.forward(*params, self.data), "", self, None, op.name, bind(op, *params))

    @staticmethod
    def _constant(x: object, op: str) -> Value:
        """Wrap a plain number met in an op (drawn as a constant in diagrams)."""
        number = _to_float(x, op)
        try:
            node = Value(number)  # a leaf: Value() refuses a non-finite number
        except ValueError:
            raise ValueError(
                f"{op}: the number {number!r} is not finite (operands must be finite)"
            ) from None
        node.is_constant = True
        return node

    @property
    def parents(self) -> tuple[Value, ...]:
        """The inputs of the op that made this node, in operand order (``()`` for a leaf)."""
        if self._a is None:
            return ()
        if self._b is None:
            return (self._a,)
        return (self._a, self._b)

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
