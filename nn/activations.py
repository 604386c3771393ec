"""Activation functions by name: every activation of the engine, plus "linear".

A layer takes its activation as a name (looked up here) or as any callable
``Value -> Value``; the name is what `repr` and diagrams show.
"""

from __future__ import annotations

from collections.abc import Callable

from autograd import Value

Activation = Callable[[Value], Value]


def linear(x: Value) -> Value:
    """The identity, f(x) = x: no node is added to the graph."""
    return x


def gelu_tanh(x: Value) -> Value:
    """GELU's tanh approximation, 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))."""
    return x.gelu(approximate="tanh")


# The engine's methods themselves, so that a layer adds exactly one node per activation.
ACTIVATIONS: dict[str, Activation] = {
    "linear": linear,
    "relu": Value.relu,
    "leaky_relu": Value.leaky_relu,
    "elu": Value.elu,
    "gelu": Value.gelu,
    "gelu_tanh": gelu_tanh,
    "tanh": Value.tanh,
    "sigmoid": Value.sigmoid,
    "softplus": Value.softplus,
}


def get_activation(activation: str | Activation | None) -> Activation:
    """The function for an activation name (``None`` means "linear") or the callable itself."""
    if activation is None:
        return linear
    if isinstance(activation, str):
        try:
            return ACTIVATIONS[activation.lower()]
        except KeyError:
            valid = ", ".join(sorted(ACTIVATIONS))
            raise ValueError(
                f"activation: unknown name {activation!r}; valid names are {valid} "
                "(or pass any callable Value -> Value)"
            ) from None
    if callable(activation):
        return activation
    raise TypeError(
        "activation: expected a name (str), a callable Value -> Value or None, "
        f"got {type(activation).__name__}: {activation!r}"
    )


def activation_name(activation: str | Activation | None) -> str:
    """A readable name for an activation: the registry name, else the callable's name."""
    if activation is None:
        return "linear"
    if isinstance(activation, str):
        return activation.lower()
    return getattr(activation, "__name__", None) or repr(activation)
