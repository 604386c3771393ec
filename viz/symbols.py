"""The readable symbol of each op, and the local derivative it contributes.

Two-input ops whose operand order matters (``-``, ``/``, ``**``) say which
operand is which (``a − b``); their incoming edges are labelled ``a`` and ``b``.
"""

from __future__ import annotations

_SYMBOLS = {
    "+": "+",
    "*": "×",
    "-": "a − b",
    "/": "a ÷ b",
    "**": "a ** b",
    "neg": "−",
    "abs": "|x|",
    "exp": "exp",
    "log": "log",
    "sqrt": "√",
    "erf": "erf",
    "tanh": "tanh",
    "sigmoid": "sigmoid",
    "relu": "ReLU",
    "leaky_relu": "LeakyReLU",
    "elu": "ELU",
    "gelu": "GELU",
    "softplus": "softplus",
}

ORDERED_OPS = frozenset({"-", "/", "**"})

# d out / d input, written with the names the step-by-step captions use:
# x for the input of a one-input op, a and b for two inputs, out for the result.
_LOCAL_DERIVATIVES = {
    "+": ("∂out/∂a = 1", "∂out/∂b = 1"),
    "*": ("∂out/∂a = b", "∂out/∂b = a"),
    "-": ("∂out/∂a = 1", "∂out/∂b = −1"),
    "/": ("∂out/∂a = 1/b", "∂out/∂b = −out/b"),
    "**": ("∂out/∂a = b·a^(b−1)", "∂out/∂b = out·log(a)"),
    "neg": ("∂out/∂x = −1",),
    "abs": ("∂out/∂x = sign(x)",),
    "exp": ("∂out/∂x = out",),
    "log": ("∂out/∂x = 1/x",),
    "sqrt": ("∂out/∂x = 1/(2·out)",),
    "erf": ("∂out/∂x = 2/√π · exp(−x²)",),
    "tanh": ("∂out/∂x = 1 − out²",),
    "sigmoid": ("∂out/∂x = out·(1 − out)",),
    "relu": ("∂out/∂x = 1 if x > 0 else 0",),
    "leaky_relu": ("∂out/∂x = 1 if x > 0 else the slope",),
    "elu": ("∂out/∂x = 1 if x > 0 else out + α",),
    "gelu": ("∂out/∂x = Φ(x) + x·φ(x)",),
    "softplus": ("∂out/∂x = sigmoid(βx)",),
}


def op_symbol(op: str) -> str:
    """What an op node shows: ``×`` for ``*``, ``**2`` for a constant power, the name otherwise."""
    return _SYMBOLS.get(op, op)


def operand_names(arity: int) -> tuple[str, ...]:
    """How captions and edge labels call the inputs of an op with ``arity`` inputs."""
    return ("x",) if arity == 1 else ("a", "b")


def local_derivatives(op: str, arity: int) -> tuple[str, ...]:
    """The local derivative of ``out`` with respect to each input, as text."""
    if op in _LOCAL_DERIVATIVES:
        return _LOCAL_DERIVATIVES[op]
    if op.startswith("**") and arity == 1:  # x ** n for a constant n
        n = op[2:]
        return (f"∂out/∂x = {n}·x^({n}−1)",)
    return tuple(f"∂out/∂{name} = the op's own rule" for name in operand_names(arity))
