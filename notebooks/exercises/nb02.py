"""Exercises of notebook 2 (activation functions)."""

from __future__ import annotations

from typing import Any

from autograd import Value, grad

from . import Exercise, checker, close, is_number, numbers_of, right, unanswered, wrong

# ---------------------------------------------------------------- 1. sigmoid's peak slope


@checker("a pair (x, slope)")
def check_sigmoid_peak(answer: Any) -> bool:
    """(x, slope): where sigmoid' is largest, and its value there."""
    if unanswered(answer):
        return False
    pair = numbers_of(answer, 2)
    if pair is None:
        return wrong("give a pair of numbers (x, slope), e.g. (1.0, 0.3).")
    x, slope = pair
    dsig = grad(Value.sigmoid)
    peak = dsig(0.0)
    if close(x, 0.0, abs_=1e-6) and close(slope, peak):
        return right("sigmoid'(0) = s (1 - s) = 0.5 * 0.5 = {peak:g}, its maximum.", peak=peak)
    if not close(slope, dsig(x)):
        return wrong(
            "at x = {x:g} the engine says sigmoid' = {engine:.4g}, not {slope:g}. "
            "Use sigmoid'(x) = s (1 - s) with s = sigmoid(x).",
            x=x,
            engine=dsig(x),
            slope=slope,
        )
    return wrong(
        "sigmoid'({x:g}) = {engine:.4g} is not the largest value: s (1 - s) is "
        "largest where s = 1/2.",
        x=x,
        engine=dsig(x),
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


@checker("a number (the weight w)")
def check_compensating_weight(answer: Any) -> bool:
    """The weight w that makes a chain of sigmoid layers pass the gradient back unchanged."""
    if unanswered(answer):
        return False
    if not is_number(answer):
        return wrong("give a number, not {kind}", kind=type(answer).__name__)
    w = float(answer)
    got = sigmoid_chain_gradient(w)
    factor = w * grad(Value.sigmoid)(0.0)  # what one layer multiplies the gradient by
    if close(got, 1.0) and close(factor, 1.0):
        return right(
            "with w = {w:g} each layer multiplies the gradient by w * sigmoid'(0) = "
            "{w:g} * 1/4 = {factor:g}, and {depth} layers pass it back unchanged "
            "(engine: {got:.6g}). The activation shrinks it by 4; the weight gives it back.",
            w=w,
            factor=factor,
            depth=CHAIN_DEPTH,
            got=got,
        )
    if close(got, 1.0):
        return right(
            "with w = {w:g} each layer multiplies the gradient by w * sigmoid'(0) = "
            "{w:g} * 1/4 = {factor:g}: its size is kept, its sign flips at every layer, and "
            "after an even number of layers ({depth}) the product is ({factor:g})^{depth} = "
            "{got:.6g}. The positive w = {positive:g} gives 1 at every depth.",
            w=w,
            factor=factor,
            depth=CHAIN_DEPTH,
            got=got,
            positive=abs(w),
        )
    return wrong(
        "with w = {w:g} the gradient after {depth} layers is {got:.3g}, not 1. "
        "Each layer multiplies it by w * sigmoid'(0), and sigmoid'(0) = 1/4.",
        w=w,
        depth=CHAIN_DEPTH,
        got=got,
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


@checker("a pair (gradient with ReLU, gradient with Leaky ReLU)")
def check_dead_neuron(answer: Any) -> bool:
    """(relu, leaky_relu): d out / d b of the stuck neuron for each activation."""
    if unanswered(answer):
        return False
    pair = numbers_of(answer, 2)
    if pair is None:
        return wrong("give a pair of numbers (gradient with ReLU, gradient with Leaky ReLU).")
    relu, leaky = pair
    truth = (neuron_bias_gradient("relu"), neuron_bias_gradient("leaky_relu"))
    if close(relu, truth[0]) and close(leaky, truth[1]):
        return right(
            "z = -2 < 0, so d out / d b = f'(z): {relu:g} for ReLU (the neuron cannot "
            "move) and {leaky:g} for Leaky ReLU (a small, never-zero slope).",
            relu=truth[0],
            leaky=truth[1],
        )
    return wrong(
        "(ReLU {relu:g}, Leaky ReLU {leaky:g}) is not it. First compute z = w0 x0 + "
        "w1 x1 + b; d out / d b = f'(z) * dz/db, and dz/db = 1.",
        relu=relu,
        leaky=leaky,
    )


EXERCISES = [
    Exercise("sigmoid_peak", check_sigmoid_peak, (0.0, 0.25), (1.0, 0.3)),
    Exercise("compensating_weight", check_compensating_weight, 4.0, 1.0),
    Exercise("compensating_weight_negative", check_compensating_weight, -4.0, 2.0),
    Exercise("dead_neuron", check_dead_neuron, (0.0, 0.01), (1.0, 0.01)),
]
