"""Exercises of notebook 2 (activation functions)."""

from __future__ import annotations

from typing import Any

from autograd import Value, grad

from . import Exercise, close, right, unanswered, wrong

# ---------------------------------------------------------------- 1. sigmoid's peak slope


def check_sigmoid_peak(answer: Any) -> bool:
    """(x, slope): where sigmoid' is largest, and its value there."""
    if unanswered(answer):
        return False
    try:
        x, slope = (float(v) for v in answer)
    except (TypeError, ValueError):
        return wrong("give a pair (x, slope), e.g. (1.0, 0.3).")
    dsig = grad(Value.sigmoid)
    peak = dsig(0.0)
    if close(x, 0.0, abs_=1e-6) and close(slope, peak):
        return right(f"sigmoid'(0) = s (1 - s) = 0.5 * 0.5 = {peak:g}, its maximum.")
    if not close(slope, dsig(x)):
        return wrong(
            f"at x = {x:g} the engine says sigmoid' = {dsig(x):.4g}, not {slope:g}. "
            "Use sigmoid'(x) = s (1 - s) with s = sigmoid(x)."
        )
    return wrong(
        f"sigmoid'({x:g}) = {dsig(x):.4g} is not the largest value: s (1 - s) is "
        "largest where s = 1/2."
    )


# ---------------------------------------------------------------- 2. the weights can compensate

CHAIN_DEPTH = 10


def sigmoid_chain_gradient(w: float, depth: int = CHAIN_DEPTH) -> float:
    """d h_depth / d x at x = 1/2 for h_k = sigmoid(w h_(k-1) - w/2), h_0 = x.

    The bias -w/2 keeps every pre-activation at 0 (each h is sigmoid(0) = 1/2), where
    sigmoid' is 1/4, so each layer multiplies the gradient by w / 4.
    """
    x = Value(0.5)
    h = x
    for _ in range(depth):
        h = (w * h - w / 2).sigmoid()
    h.backward()
    return x.grad


def check_compensating_weight(answer: Any) -> bool:
    """The weight w that makes a chain of sigmoid layers pass the gradient back unchanged."""
    if unanswered(answer):
        return False
    if not isinstance(answer, (int, float)) or isinstance(answer, bool):
        return wrong(f"give a number, not {type(answer).__name__}")
    got = sigmoid_chain_gradient(float(answer))
    if close(got, 1.0):
        return right(
            f"with w = {answer:g} each layer multiplies the gradient by w * sigmoid'(0) = "
            f"{answer:g} * 1/4 = 1, and {CHAIN_DEPTH} layers pass it back unchanged "
            f"(engine: {got:.6g}). The activation shrinks it by 4; the weight gives it back."
        )
    return wrong(
        f"with w = {answer:g} the gradient after {CHAIN_DEPTH} layers is {got:.3g}, not 1. "
        "Each layer multiplies it by w * sigmoid'(0), and sigmoid'(0) = 1/4."
    )


# ---------------------------------------------------------------- 3. a dead neuron's gradient

DEAD_INPUT = (1.0, 1.0)
DEAD_WEIGHTS = (0.5, -0.5)
DEAD_BIAS = -2.0


def neuron_bias_gradient(activation: str) -> float:
    """d out / d b for out = f(w0 x0 + w1 x1 + b) at the notebook's stuck neuron."""
    b = Value(DEAD_BIAS)
    z = DEAD_WEIGHTS[0] * Value(DEAD_INPUT[0]) + DEAD_WEIGHTS[1] * Value(DEAD_INPUT[1]) + b
    getattr(z, activation)().backward()
    return b.grad


def check_dead_neuron(answer: Any) -> bool:
    """(relu, leaky_relu): d out / d b of the stuck neuron for each activation."""
    if unanswered(answer):
        return False
    try:
        relu, leaky = (float(v) for v in answer)
    except (TypeError, ValueError):
        return wrong("give a pair (gradient with ReLU, gradient with Leaky ReLU).")
    truth = (neuron_bias_gradient("relu"), neuron_bias_gradient("leaky_relu"))
    if close(relu, truth[0]) and close(leaky, truth[1]):
        return right(
            f"z = -2 < 0, so d out / d b = f'(z): {truth[0]:g} for ReLU (the neuron cannot "
            f"move) and {truth[1]:g} for Leaky ReLU (a small, never-zero slope)."
        )
    return wrong(
        f"(ReLU {relu:g}, Leaky ReLU {leaky:g}) is not it. First compute z = w0 x0 + "
        "w1 x1 + b; d out / d b = f'(z) * dz/db, and dz/db = 1."
    )


EXERCISES = [
    Exercise("sigmoid_peak", check_sigmoid_peak, (0.0, 0.25), (1.0, 0.3)),
    Exercise("compensating_weight", check_compensating_weight, 4.0, 1.0),
    Exercise("dead_neuron", check_dead_neuron, (0.0, 0.01), (1.0, 0.01)),
]
