"""Exercises of notebook 4 (neural networks and depth)."""

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

# ---------------------------------------------------------------- 1. count the parameters

COUNT_SHAPE = (3, [4, 4, 2])  # MLP(3, [4, 4, 2])


@checker("a whole number")
def check_count_parameters(answer: Any) -> bool:
    """The learner's parameter count of MLP(3, [4, 4, 2]), against the engine's."""
    if unanswered(answer):
        return False
    if not is_number(answer):
        return wrong("give a whole number, not {kind}", kind=type(answer).__name__)
    nin, widths = COUNT_SHAPE
    net = MLP(nin, widths, seed=0)
    truth = net.num_parameters()
    weights_only = sum(len(n.w) for layer in net.layers for n in layer.neurons)
    if answer == truth:
        return right(
            "{truth} = (3·4 + 4) + (4·4 + 4) + (4·2 + 2): each layer has one weight per "
            "(input, neuron) pair and one bias per neuron.",
            truth=truth,
        )
    if answer == weights_only:
        return wrong(
            "{answer:g} counts the weights only: every neuron also has a bias.", answer=answer
        )
    return wrong(
        "{answer:g} is not it. Layer by layer: (inputs × neurons) weights + one bias per neuron.",
        answer=answer,
    )


# ---------------------------------------------------------------- 2. a layer in matrix form


@checker("a function layer_forward(W, b, x) that returns a NumPy array")
def check_layer_forward(answer: Any) -> bool:
    """The learner's layer_forward(W, b, x) = tanh(W x + b), against an engine Layer."""
    W0, b0, x0 = np.zeros((2, 3)), np.zeros(2), np.zeros(3)
    if unanswered_stub(answer, W0, b0, x0):
        return False
    if not callable(answer):
        return wrong("give a function layer_forward(W, b, x) that returns a NumPy array.")
    layer = Layer(3, 4, "tanh", seed=7)
    for k, neuron in enumerate(layer.neurons):  # biases start at 0: give them values
        neuron.b.data = 0.3 * k - 0.4
    W = np.array([[w.data for w in n.w] for n in layer.neurons])
    b = np.array([n.b.data for n in layer.neurons])
    x = [0.5, -1.5, 2.0]
    engine = np.array([v.data for v in layer(x)])
    try:
        got = np.asarray(answer(W, b, np.array(x)), dtype=float)
    except Exception as error:  # noqa: BLE001 - whatever the learner's function raised
        return wrong("layer_forward raised {error}", error=f"{type(error).__name__}: {error}")
    if got.shape != engine.shape:
        return wrong(
            "a layer of 4 neurons on 3 inputs returns 4 numbers, yours has shape {shape}. "
            "W has one row per neuron: W @ x.",
            shape=got.shape,
        )
    if np.allclose(got, engine, atol=1e-12):
        return right(
            "tanh(W @ x + b) gives exactly what the engine's Layer computes neuron by neuron."
        )
    if np.allclose(got, W @ np.array(x) + b, atol=1e-12):
        return wrong("that is the linear part only: apply the activation (np.tanh) to it.")
    if np.allclose(got, np.tanh(W @ np.array(x)), atol=1e-12):
        return wrong("the bias is missing: every neuron adds its own b before the activation.")
    return wrong(
        "the engine's layer gives {engine}, yours {got}. One row of W per neuron: "
        "h = tanh(W @ x + b).",
        engine=np.round(engine, 4),
        got=np.round(got, 4),
    )


def layer_forward_solution(W: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    return np.tanh(W @ x + b)


def layer_forward_no_bias(W: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    return np.tanh(W @ x)  # forgets the bias


# ---------------------------------------------------------------- 3. the lecture's "2층"


@checker("a pair of whole numbers (weight layers, hidden layers)")
def check_count_layers(answer: Any) -> bool:
    """(weight layers, hidden layers) of MLP(2, [16, 16, 1]), counted the lecture's way."""
    if unanswered(answer):
        return False
    pair = numbers_of(answer, 2)
    if pair is None:
        return wrong("give a pair of whole numbers: (weight layers, hidden layers).")
    net = MLP(2, [16, 16, 1], seed=0)
    weight_layers = len(net.layers)
    hidden_layers = len(net.layers) - 1
    if pair == (weight_layers, hidden_layers):
        return right(
            "{weights} weight layers (one weight matrix each) and {hidden} hidden "
            "layers: the lecture would call it a {weights}층 network.",
            weights=weight_layers,
            hidden=hidden_layers,
        )
    if pair == (weight_layers + 1, hidden_layers):
        return wrong(
            "the input is not a layer of weights: count the weight matrices, one per "
            "entry of the list [16, 16, 1]."
        )
    return wrong(
        "each entry of [16, 16, 1] is one layer of neurons with its own weight matrix; "
        "all of them but the output layer are hidden."
    )


# ---------------------------------------------------------------- 4. the sawtooth's price


def sawtooth_parameters(k: int) -> tuple[int, int]:
    """Parameters of the deep (k layers of 2 ReLUs) and the shallow (2^k ReLUs) sawtooth nets."""
    deep = MLP(1, [2] * k + [1], activation="relu", seed=0)
    shallow = MLP(1, [2**k, 1], activation="relu", seed=0)
    return deep.num_parameters(), shallow.num_parameters()


@checker("a pair of whole numbers (deep parameters, shallow parameters)")
def check_sawtooth_parameters(answer: Any) -> bool:
    """(deep, shallow) parameter counts for the 10-fold tent map."""
    if unanswered(answer):
        return False
    pair = numbers_of(answer, 2)
    if pair is None:
        return wrong("give a pair of whole numbers: (deep parameters, shallow parameters).")
    deep, shallow = sawtooth_parameters(10)
    if pair == (deep, shallow):
        return right(
            "{deep} against {shallow}: 6k + 1 grows by 6 per fold, 3·2^k + 1 doubles per fold.",
            deep=deep,
            shallow=shallow,
        )
    if pair[0] == deep:
        return wrong(
            "the deep count is right. The shallow network needs one ReLU per straight "
            "piece (2^k of them), each with a weight, a bias and an output weight, plus "
            "the output bias."
        )
    return wrong(
        "a hidden layer of 2 ReLUs on one input has 2·1 + 2 parameters; later ones read 2 "
        "inputs (2·2 + 2); the output neuron reads 2 (2 + 1). Add them up for k = 10."
    )


# ---------------------------------------------------------------- 5. ten sigmoid slopes


@checker("a number")
def check_sigmoid_slopes(answer: Any) -> bool:
    """The largest product of ten sigmoid slopes, sigmoid'(0) ** 10, computed with the engine."""
    if unanswered(answer):
        return False
    if not is_number(answer):
        return wrong("give a number, not {kind}", kind=type(answer).__name__)
    x = Value(0.0)
    x.sigmoid().backward()  # the sigmoid's slope is largest at 0
    truth = x.grad**10
    if close(float(answer), truth, rel=1e-3):
        return right(
            "sigmoid'(0) = {slope:g} is the largest slope, and {slope:g}^10 = {truth:.3g}: "
            "without large weights, a gradient through ten sigmoids shrinks about a million times.",
            slope=x.grad,
            truth=truth,
        )
    if close(float(answer), x.grad * 10, rel=1e-3):
        return wrong("the factors multiply (chain rule), they do not add.")
    return wrong("the sigmoid's largest slope is at x = 0: s(0)(1 - s(0)). Multiply ten of them.")


EXERCISES = [
    Exercise("count_parameters", check_count_parameters, 46, 40),
    Exercise("layer_forward", check_layer_forward, layer_forward_solution, layer_forward_no_bias),
    Exercise("count_layers", check_count_layers, (3, 2), (4, 2)),
    Exercise("count_layers_as_list", check_count_layers, [3, 2], [2, 3]),
    Exercise("sawtooth_parameters", check_sawtooth_parameters, (61, 3073), (61, 1025)),
    Exercise("sigmoid_slopes", check_sigmoid_slopes, 0.25**10, 2.5),
]
