"""Evaluating a model on many points at once: numpy for known MLPs, the engine otherwise.

A decision boundary needs the model on tens of thousands of grid points. Built
node by node that takes a minute; an `nn` MLP (``layers`` of ``neurons`` with
``w``, ``b`` and a named ``activation``) is the same arithmetic as a few matrix
products, ``a_k = act_k(W_k a_{k-1} + b_k)``. The numpy forward is only trusted
after it agrees with the engine's own forward on sample points; any model it
does not understand, or does not match, is evaluated by the engine instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from autograd import Value, no_grad, topological_order

_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_erf = np.vectorize(math.erf, otypes=[float])


def _sigmoid(x: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(x))  # never overflows
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


NUMPY_ACTIVATIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "linear": lambda x: x,
    "identity": lambda x: x,
    "tanh": np.tanh,
    "sigmoid": _sigmoid,
    "relu": lambda x: np.where(x > 0, x, 0.0),
    "leaky_relu": lambda x: np.where(x > 0, x, 0.01 * x),
    "elu": lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0.0))),
    "gelu": lambda x: 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0))),
    "gelu_tanh": lambda x: 0.5 * x * (1.0 + np.tanh(_SQRT_2_OVER_PI * (x + 0.044715 * x**3))),
    "softplus": lambda x: np.where(x > 20.0, x, np.logaddexp(0.0, np.minimum(x, 20.0))),
}

# Engine ops the fallback may spend on one picture (grid points x ops per forward).
ENGINE_OP_BUDGET = 1_500_000


def _activation_key(activation: Any) -> str | None:
    if activation is None:
        return "linear"
    name = activation if isinstance(activation, str) else getattr(activation, "__name__", None)
    return name if name in NUMPY_ACTIVATIONS else None


def numpy_forward(model: Any) -> Callable[[np.ndarray], np.ndarray] | None:
    """A function (n, d) -> (n, k) computing ``model`` with numpy, or None if not an MLP we know."""
    layers = getattr(model, "layers", None)
    if layers is None:
        return None
    compiled = []
    try:
        for layer in layers:
            neurons = list(layer.neurons)
            keys = {_activation_key(getattr(n, "activation", None)) for n in neurons}
            if len(keys) != 1 or None in keys:
                return None
            weights = np.array([[w.data for w in n.w] for n in neurons], dtype=float)
            biases = np.array([n.b.data for n in neurons], dtype=float)
            compiled.append((weights, biases, NUMPY_ACTIVATIONS[keys.pop()]))
    except (AttributeError, TypeError, ValueError):
        return None

    def forward(points: np.ndarray) -> np.ndarray:
        a = points
        with np.errstate(over="ignore", invalid="ignore"):
            for weights, biases, act in compiled:
                a = act(a @ weights.T + biases)
        return a

    return forward


def engine_outputs(model: Any, point: np.ndarray) -> list[float]:
    """The model's outputs at one point, by the engine (no graph recorded)."""
    with no_grad():
        out = model([float(v) for v in point])
    return [o.data for o in out] if isinstance(out, (list, tuple)) else [out.data]


def ops_per_forward(model: Any, point: np.ndarray) -> int:
    """How many nodes one forward pass records: the engine's cost of one point."""
    out = model([float(v) for v in point])
    outs = list(out) if isinstance(out, (list, tuple)) else [out]
    seen: set[Value] = set()
    for o in outs:
        seen.update(topological_order(o))
    return max(len(seen), 1)


def evaluator(model: Any, samples: np.ndarray) -> tuple[Callable[[np.ndarray], np.ndarray], bool]:
    """The fastest trustworthy way to evaluate ``model``: (function (n, d) -> (n, k), is_numpy).

    The numpy forward is used only if it matches the engine at every sample point.
    """
    fast = numpy_forward(model)
    if fast is not None:
        expected = np.array([engine_outputs(model, p) for p in samples])
        got = fast(samples)
        if got.shape == expected.shape and np.allclose(got, expected, rtol=1e-9, atol=1e-12):
            return fast, True

    def slow(points: np.ndarray) -> np.ndarray:
        return np.array([engine_outputs(model, p) for p in points], dtype=float)

    return slow, False
