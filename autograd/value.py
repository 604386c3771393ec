"""`Value`: a scalar that remembers how it was computed.

Each method below records one node of the graph: its result, its parents and
the record of what made it (`ops.Applied`: the op, its parameters, its rule).
What an op computes and how it differentiates is defined once, in `ops.py` (one
block per op); this file is the graph plumbing around it. Rules never hold on
to their own output node (backprop passes it in), so a graph has no reference
cycles and is freed as soon as nothing refers to it.
"""

from __future__ import annotations

import numbers
from math import isfinite
from typing import Any, Union

from . import backprop, grad_mode, ops
from .checks import to_float
from .graph import topological_order
from .ops import Applied, Op, Rule

Number = Union[int, float]
Operand = Union["Value", Number]

_GELU_APPROXIMATIONS = ("none", "tanh")

# The records of the binary ops, made once (every `+` and `*` node shares one).
_ADD, _SUB, _MUL = ops.ADD.applied(), ops.SUB.applied(), ops.MUL.applied()
_DIV, _DIV_BY_NUMBER = ops.DIV.applied(), ops.DIV.applied(constant="b")
_POW, _NUMBER_POW = ops.POW.applied(), ops.POW.applied(constant="a")


class Value:
    """A scalar node of a computation graph.

    ``data`` and ``grad`` are floats; ``parents`` are the inputs in operand
    order; ``op`` names the op that made it (``""`` for a leaf); ``label`` is
    free text for diagrams. Equality and hashing are by identity, so Values go
    in sets and dicts; ``< <= > >=`` compare ``data``.
    """

    # Two parent slots rather than a tuple: one object per op instead of two,
    # which is less memory and half the work for Python's garbage collector.
    # `_applied` is the record of what made the node (ops.Applied, shared by every
    # node of the same op and parameters; None for a leaf); `_mark` is scratch
    # space for the graph walk (see graph.py).
    __slots__ = ("data", "grad", "label", "is_constant", "_a", "_b", "_applied", "_mark")

    # Let `numpy_scalar * value` reach Value.__rmul__ instead of numpy's machinery.
    __array_ufunc__ = None

    # ------------------------------------------------------------------- ops
    # + - * inline their one-line forward (they are most of every graph); every
    # other op calls its table entry's forward.

    def __add__(self, other: Operand) -> Value:
        """a + b (ops.ADD)."""
        other = other if isinstance(other, Value) else Value._constant(other, "+")
        return Value(self.data + other.data, "", self, other, _ADD)

    def __sub__(self, other: Operand) -> Value:
        """a - b (ops.SUB)."""
        other = other if isinstance(other, Value) else Value._constant(other, "-")
        return Value(self.data - other.data, "", self, other, _SUB)

    def __mul__(self, other: Operand) -> Value:
        """a * b (ops.MUL)."""
        other = other if isinstance(other, Value) else Value._constant(other, "*")
        return Value(self.data * other.data, "", self, other, _MUL)

    def __truediv__(self, other: Operand) -> Value:
        """a / b (ops.DIV); division by zero raises."""
        if not isinstance(other, Value):
            other = Value._constant(other, "/")
        record = _DIV_BY_NUMBER if other.is_constant else _DIV
        return Value(ops.DIV.forward(self.data, other.data), "", self, other, record)

    def __pow__(self, exponent: Operand) -> Value:
        """x ** n for a number n (op "**n", ops.POWER_CONST), or x ** y for a Value y (ops.POW)."""
        if isinstance(exponent, Value):
            data = ops.POW.forward(self.data, exponent.data)
            record = _NUMBER_POW if self.is_constant else _POW
            return Value(data, "", self, exponent, record)
        n = to_float(exponent, "**")
        data = ops.POWER_CONST.forward(n, self.data)
        return Value(data, "", self, None, ops.POWER_CONST.applied(n))

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
        return Value(op.forward(a.data, b.data), "", a, b, op.applied())

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
        return self._apply(ops.LEAKY_RELU, to_float(negative_slope, "leaky_relu"))

    def elu(self, alpha: float = 1.0) -> Value:
        """x for x > 0, else alpha (e^x - 1) (ops.ELU)."""
        return self._apply(ops.ELU, to_float(alpha, "elu"))

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
        beta = to_float(beta, "softplus")
        if beta == 0.0:
            raise ValueError("softplus: beta must be non-zero, got 0.0 (it divides the result)")
        return self._apply(ops.SOFTPLUS, beta, to_float(threshold, "softplus"))

    # -------------------------------------------------------------- plumbing

    def __init__(
        self,
        data: float | numbers.Real,  # ints, bools and numpy scalars are converted
        label: str = "",
        _a: Value | None = None,
        _b: Value | None = None,
        _op: Applied | str | None = None,
        _backward: Rule | None = None,
    ) -> None:
        # Ops call this too, with their parents (_a, and _b for a binary op) and
        # their record (ops.Applied): node creation, the hot path, stays a single
        # call. A node made by hand passes a name and a rule instead:
        # Value(math.sin(x.data), "", x, None, "sin", rule).
        self.data = data if type(data) is float else to_float(data, "Value")
        self.grad = 0.0
        self.label = label
        self.is_constant = False
        if _a is not None:
            if _backward is not None:
                _op = ops.by_hand(str(_op), _backward)
            if not isfinite(data):
                name = _op.name if isinstance(_op, Applied) else str(_op)
                inputs = ", ".join(repr(p.data) for p in (_a, _b) if p is not None)
                raise OverflowError(f"{name}: the result {data!r} is not finite (inputs: {inputs})")
            if not grad_mode.enabled:  # no_grad(): keep the value, drop the graph
                _a, _b, _op = None, None, None
        else:  # a leaf: its number and label come from the user, so they are checked
            if not isfinite(self.data):
                raise ValueError(
                    f"Value: data must be a finite number, got {self.data!r} "
                    "(the engine keeps every value and gradient finite)"
                )
            if not isinstance(label, str):
                kind = type(label).__name__
                raise TypeError(f"Value: label must be a str, got {kind}: {label!r}")
        self._a = _a
        self._b = _b
        # An Applied or None by now (a name comes with a rule, made a record above); no
        # isinstance here: this line runs for every node.
        self._applied: Applied | None = _op  # type: ignore[assignment]
        self._mark: Any = None

    def _apply(self, op: Op, *params: float) -> Value:
        """Record one node of a one-input op."""
        record = op.applied(*params) if params else op.record
        return Value(op.forward(*params, self.data), "", self, None, record)

    @property
    def record(self) -> Applied | None:
        """What made this node (`ops.Applied`: op, parameters, rule); None for a leaf.

        Passing it back as ``Value(data, label, a, b, node.record)`` makes a node that runs
        forward and backward exactly as this one (what-if copies and rebuilt graphs do).
        """
        return self._applied

    @property
    def op(self) -> str:
        """The name of the op that made this node (``"+"``, ``"**2"``; ``""`` for a leaf)."""
        record = self._applied
        return "" if record is None else record.name

    @staticmethod
    def _constant(x: object, op: str) -> Value:
        """Wrap a plain number met in an op (drawn as a constant in diagrams)."""
        number = to_float(x, op)
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
        backprop.backward(self, gradient)

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
