"""Exercises of notebook 5 (backpropagation)."""

from __future__ import annotations

from typing import Any

import numpy as np

from autograd import Value
from nn import MLP, Layer

from . import (
    Exercise,
    checker,
    close,
    is_number,
    numbers_of,
    right,
    unanswered,
    unanswered_stub,
    wrong,
)

# ---------------------------------------------------------------- 1. predict a gradient

NEURON_POINT = {"x0": 2.0, "x1": 1.0, "w0": -0.5, "w1": 0.5, "bias": 0.25}


def two_input_neuron() -> tuple[Value, dict[str, Value]]:
    """o = tanh(x0 w0 + x1 w1 + bias) at NEURON_POINT."""
    v = {name: Value(data, name) for name, data in NEURON_POINT.items()}
    o = (v["x0"] * v["w0"] + v["x1"] * v["w1"] + v["bias"]).tanh()
    return o, v


@checker("a number")
def check_predict_w0_grad(answer: Any) -> bool:
    """The learner's d o / d w0 for o = tanh(x0 w0 + x1 w1 + bias), to 1%."""
    if unanswered(answer):
        return False
    if not is_number(answer):
        return wrong("give a number, not {kind}", kind=type(answer).__name__)
    o, v = two_input_neuron()
    o.backward()
    truth = v["w0"].grad
    if close(float(answer), truth, rel=1e-2):
        return right(
            "do/dw0 = (1 - o²) · x0 = {local:.4f} · {x0:g} = {truth:.4f}: "
            "tanh's local derivative, then × passes the other factor, x0.",
            local=1 - o.data**2,
            x0=v["x0"].data,
            truth=truth,
        )
    if close(float(answer), v["x0"].data, rel=1e-2):
        return wrong("x0 is the multiplication's local derivative only: tanh comes after it.")
    if close(float(answer), 1 - o.data**2, rel=1e-2):
        return wrong("that is tanh's local derivative; the multiplication adds a factor x0.")
    return wrong(
        "work out n = x0 w0 + x1 w1 + bias and o = tanh(n) first; then do/dw0 = (1 - o²) × x0."
    )


# ---------------------------------------------------------------- 2. the max gate's rule

MAX_POINTS = ((3.0, -4.0), (-1.0, 2.5), (0.5, 0.5))


@checker("a function max_rule(g, a, b) that returns a pair")
def check_max_rule(answer: Any) -> bool:
    """The learner's max_rule(g, a, b) -> (what a receives, what b receives), against maximum."""
    if unanswered_stub(answer, 1.0, 1.0, 0.0):
        return False
    if not callable(answer):
        return wrong("give a function max_rule(g, a, b) that returns a pair.")
    g = 2.0
    for a, b in MAX_POINTS:
        u, w = Value(a), Value(b)
        (u.maximum(w) * g).backward()  # the gradient arriving at max is g
        try:
            returned = answer(g, a, b)
        except Exception as error:  # noqa: BLE001 - whatever the learner's function raised
            return wrong("max_rule raised {error}", error=f"{type(error).__name__}: {error}")
        got = numbers_of(returned, 2)
        if got is None:
            return wrong(
                "max_rule({g:g}, {a:g}, {b:g}) returned {returned!r}: return a pair of numbers "
                "(what a receives, what b receives).",
                g=g,
                a=a,
                b=b,
                returned=returned,
            )
        if not (close(got[0], u.grad) and close(got[1], w.grad)):
            message = (
                "at a = {a:g}, b = {b:g} with g = {g:g}, the engine gives a {ga:g} and b {gb:g}, "
                "yours {got}. It is a tie: the engine splits the gradient, ½ each (as PyTorch)."
                if a == b
                else "at a = {a:g}, b = {b:g} with g = {g:g}, the engine gives a {ga:g} and "
                "b {gb:g}, yours {got}."
            )
            return wrong(message, a=a, b=b, g=g, ga=u.grad, gb=w.grad, got=got)
    return right(
        "max routes the whole gradient to the larger input and nothing to the other "
        "(half each at a tie), as the engine's maximum does."
    )


def max_rule_solution(g: float, a: float, b: float) -> tuple[float, float]:
    if a > b:
        return g, 0.0
    if b > a:
        return 0.0, g
    return g / 2, g / 2


def max_rule_no_tie(g: float, a: float, b: float) -> tuple[float, float]:
    return (g, 0.0) if a >= b else (0.0, g)


# ---------------------------------------------------------------- 3. one layer's backward


def _layer_case() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, Layer, list[Value]]:
    """A tanh layer with non-zero biases, an input, and an upstream gradient delta = dL/dh."""
    layer = Layer(3, 4, "tanh", seed=11)
    for k, neuron in enumerate(layer.neurons):
        neuron.b.data = 0.2 * k - 0.3
    W = np.array([[w.data for w in n.w] for n in layer.neurons])
    b = np.array([n.b.data for n in layer.neurons])
    xs = [Value(v) for v in (0.7, -1.2, 0.4)]
    delta = np.array([1.0, -0.5, 2.0, 0.25])
    return W, b, np.array([x.data for x in xs]), delta, layer, xs


@checker("a function layer_backward(W, b, x, delta) that returns (dW, db, dx)")
def check_layer_backward(answer: Any) -> bool:
    """The learner's layer_backward(W, b, x, delta) -> (dW, db, dx), against the engine."""
    if unanswered_stub(answer, np.eye(2), np.zeros(2), np.zeros(2), np.ones(2)):
        return False
    if not callable(answer):
        return wrong("give a function layer_backward(W, b, x, delta) returning (dW, db, dx).")
    W, b, x, delta, layer, xs = _layer_case()
    h = layer(xs)
    loss = sum((float(d) * hj for d, hj in zip(delta, h)), Value(0.0))  # so that dL/dh = delta
    loss.backward()
    dW = np.array([[w.grad for w in n.w] for n in layer.neurons])
    db = np.array([n.b.grad for n in layer.neurons])
    dx = np.array([v.grad for v in xs])
    try:
        returned = answer(W, b, x, delta)
    except Exception as error:  # noqa: BLE001 - whatever the learner's function raised
        return wrong("layer_backward raised {error}", error=f"{type(error).__name__}: {error}")
    if not isinstance(returned, (tuple, list)) or len(returned) != 3:
        return wrong("return three arrays: (dW, db, dx).")
    try:
        got = [np.asarray(t, dtype=float) for t in returned]
    except (TypeError, ValueError):
        return wrong("return three arrays of numbers: (dW, db, dx).")
    for name, mine, engine in zip(("dW", "db", "dx"), got, (dW, db, dx)):
        if mine.shape != engine.shape:
            return wrong(
                "{name} should have shape {want} (like its variable), not {got}.",
                name=name,
                want=engine.shape,
                got=mine.shape,
            )
        if not np.allclose(mine, engine, atol=1e-12):
            hint = {
                "dW": "dW differs from the engine's gradients. dW is the outer product of "
                "g = delta ⊙ (1 - h²) with x.",
                "db": "db differs from the engine's gradients. db = g = delta ⊙ (1 - h²), "
                "with h = tanh(W x + b).",
                "dx": "dx differs from the engine's gradients. dx = Wᵀ g: each input collects "
                "from every neuron it feeds.",
            }[name]
            return wrong(hint)
    return right(
        "g = delta ⊙ (1 - h²), dW = g xᵀ, db = g, dx = Wᵀ g: the engine's gradients, "
        "three lines of NumPy instead of one node at a time."
    )


def layer_backward_solution(W: np.ndarray, b: np.ndarray, x: np.ndarray, delta: np.ndarray):
    h = np.tanh(W @ x + b)
    g = delta * (1 - h**2)
    return np.outer(g, x), g, W.T @ g


def layer_backward_forgets_activation(W, b, x, delta):  # noqa: ANN001, ANN201
    return np.outer(delta, x), delta, W.T @ delta


# ---------------------------------------------------------------- 4. forward or reverse

PASSES_SHAPE = (3, [8, 8, 1])


@checker("a pair of whole numbers (forward-mode passes, reverse-mode passes)")
def check_count_passes(answer: Any) -> bool:
    """(jvp passes, backward passes) for the gradient of MLP(3, [8, 8, 1])'s loss."""
    if unanswered(answer):
        return False
    pair = numbers_of(answer, 2)
    if pair is None:
        return wrong("give a pair of whole numbers: (forward-mode passes, reverse-mode passes).")
    nin, widths = PASSES_SHAPE
    n = MLP(nin, widths, seed=0).num_parameters()
    if pair == (n, 1):
        return right(
            "{n} jvp passes (one per parameter: each gives one directional derivative) "
            "against 1 backward pass (one per output, and the loss is one number).",
            n=n,
        )
    if pair == (1, n):
        return wrong("the other way round: forward mode pays per input, reverse mode per output.")
    if pair[1] == 1:
        return wrong(
            "reverse mode is right. Forward mode needs one pass per parameter: count them "
            "(weights and biases) in MLP{shape}.",
            shape=PASSES_SHAPE,
        )
    return wrong("forward mode: one pass per input (here, per parameter); reverse: one per output.")


EXERCISES = [
    Exercise("predict_w0_grad", check_predict_w0_grad, 1.88, 2.0),
    Exercise("max_rule", check_max_rule, max_rule_solution, max_rule_no_tie),
    Exercise(
        "layer_backward",
        check_layer_backward,
        layer_backward_solution,
        layer_backward_forgets_activation,
    ),
    Exercise("count_passes", check_count_passes, (113, 1), (1, 113)),
    Exercise("count_passes_as_list", check_count_passes, [113, 1], [113, 2]),
]
