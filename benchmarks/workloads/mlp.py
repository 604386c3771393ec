"""mlp: one training step of MLP(2, [16, 16, 1]) on the moons, hinge loss + L2.

The best-known scalar-engine demo, step for step:

    score_i = MLP(x_i)                      relu hidden layers, linear output
    loss    = (1/n) sum_i relu(1 - y_i score_i) + 1e-4 sum_p p^2
    p      <- p - lr * dloss/dp

The model is written here once against the engine adapter, so every engine
does the same arithmetic in the same order; `FloatMLP` is the same model on
floats with its backward pass written by hand.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from itertools import islice
from time import process_time
from typing import Protocol

import numpy as np

from ..checksum import Checksum
from ..engines import Engine, Node
from ..moons import make_moons
from . import require_positive

LAYER_SIZES = (2, 16, 16, 1)
L2 = 1e-4
DATA_SEED = 1337
INIT_SEED = 42

# Per layer, per neuron: (input weights, bias).
Weights = list[list[tuple[list[float], float]]]


def initial_weights(sizes: Sequence[int] = LAYER_SIZES, seed: int = INIT_SEED) -> Weights:
    """Weights uniform in [-1, 1) and biases 0, as the demo's `Neuron`; deterministic."""
    rng = np.random.default_rng(seed)
    return [
        [(rng.uniform(-1.0, 1.0, n_in).tolist(), 0.0) for _ in range(n_out)]
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]


def moons_data(n: int) -> tuple[list[list[float]], list[float]]:
    """The n training points and their +-1 labels, as Python floats."""
    require_positive("mlp", "the number of points", n)
    points, labels = make_moons(max(n, 2), noise=0.1, seed=DATA_SEED)
    return points[:n].tolist(), labels[:n].tolist()


def left_sum(nodes: Sequence[Node]) -> Node:
    """nodes[0] + nodes[1] + ... folded from the left (no 0 + in front)."""
    total = nodes[0]
    for node in islice(nodes, 1, None):
        total = total + node
    return total


class SharedMLP:
    """The MLP on any engine: relu hidden layers, a linear output neuron."""

    def __init__(self, engine: Engine, weights: Weights) -> None:
        self.engine = engine
        self.layers = [
            [([engine.parameter(w) for w in ws], engine.parameter(b)) for ws, b in layer]
            for layer in weights
        ]

    def parameters(self) -> list[Node]:
        """Per layer, per neuron: its weights, then its bias (the demo's order)."""
        return [p for layer in self.layers for ws, b in layer for p in (*ws, b)]

    def __call__(self, x: Sequence[Node]) -> Node:
        relu = self.engine.relu
        last = len(self.layers) - 1
        for index, layer in enumerate(self.layers):
            outputs = []
            for weights, bias in layer:
                act = bias
                for w, xi in zip(weights, x):
                    act = act + w * xi
                outputs.append(act if index == last else relu(act))
            x = outputs
        return x[0]


def hinge_l2_loss(
    engine: Engine, model: SharedMLP, points: Sequence[Sequence[float]], labels: Sequence[float]
) -> Node:
    """(1/n) sum_i relu(1 - y_i score_i) + L2 sum_p p^2, inputs wrapped as in the demo."""
    inputs = [[engine.constant(v) for v in row] for row in points]
    scores = [model(x) for x in inputs]
    margins = [engine.relu(1.0 + (-y) * score) for y, score in zip(labels, scores)]
    data_loss = left_sum(margins) * (1.0 / len(margins))
    reg_loss = L2 * left_sum([p * p for p in model.parameters()])
    return data_loss + reg_loss


def training_step(
    engine: Engine,
    model: SharedMLP,
    points: Sequence[Sequence[float]],
    labels: Sequence[float],
    learning_rate: float,
) -> float:
    """Forward, zero_grad, backward, SGD update; returns the loss before the update."""
    loss = hinge_l2_loss(engine, model, points, labels)
    parameters = model.parameters()
    engine.zero_grad(parameters)
    engine.backward(loss)
    engine.sgd_step(parameters, learning_rate)
    return engine.data(loss)


class FloatMLP:
    """The same model on plain floats, its backward pass written by hand."""

    def __init__(self, weights: Weights) -> None:
        self.weights = [[(list(ws), b) for ws, b in layer] for layer in weights]

    def parameters(self) -> list[float]:
        return [p for layer in self.weights for ws, b in layer for p in (*ws, b)]

    def loss_and_gradients(
        self, points: Sequence[Sequence[float]], labels: Sequence[float]
    ) -> tuple[float, list[list[tuple[list[float], float]]]]:
        """The loss and dloss/dp for every parameter, laid out as the weights."""
        layers = self.weights
        last = len(layers) - 1
        scale = 1.0 / len(points)
        grad_w = [[[0.0] * len(ws) for ws, _ in layer] for layer in layers]
        grad_b = [[0.0] * len(layer) for layer in layers]
        margins = []
        for x, y in zip(points, labels):
            # Forward, keeping each layer's input and pre-activations for the backward pass.
            inputs, pre_activations = [], []
            for index, layer in enumerate(layers):
                z = []
                for ws, b in layer:
                    act = b
                    for w, xi in zip(ws, x):
                        act = act + w * xi
                    z.append(act)
                inputs.append(x)
                pre_activations.append(z)
                x = z if index == last else [v if v > 0.0 else 0.0 for v in z]
            margin = 1.0 + (-y) * x[0]
            margins.append(margin if margin > 0.0 else 0.0)
            # Backward: dloss/dmargin_i = 1/n, relu'(m) = [m > 0], dmargin/dscore = -y.
            dz = [scale * (margin > 0.0) * (-y)]
            for index in range(last, -1, -1):
                layer_input = inputs[index]
                dx = [0.0] * len(layer_input)
                for j, (ws, _) in enumerate(layers[index]):
                    g = dz[j]
                    row = grad_w[index][j]
                    for k, (w, xi) in enumerate(zip(ws, layer_input)):
                        row[k] += g * xi  # d(w x)/dw = x
                        dx[k] += g * w  # d(w x)/dx = w
                    grad_b[index][j] += g
                if index > 0:  # through the relu of the layer below: relu'(z) = [z > 0]
                    below = pre_activations[index - 1]
                    dz = [g * (z > 0.0) for g, z in zip(dx, below)]
        reg_sum = left_sum([p * p for p in self.parameters()])
        loss = left_sum(margins) * scale + L2 * reg_sum
        result = []
        for index, layer in enumerate(layers):
            neurons = []
            for j, (ws, b) in enumerate(layer):
                # d(L2 p^2)/dp = 2 L2 p, added to the data term.
                row = [g + 2.0 * L2 * w for g, w in zip(grad_w[index][j], ws)]
                neurons.append((row, grad_b[index][j] + 2.0 * L2 * b))
            result.append(neurons)
        return loss, result

    def step(
        self, points: Sequence[Sequence[float]], labels: Sequence[float], learning_rate: float
    ) -> tuple[float, list[float]]:
        """One SGD step; returns the loss before it and the flat gradient."""
        loss, grads = self.loss_and_gradients(points, labels)
        flat: list[float] = []
        for layer, layer_grads in zip(self.weights, grads):
            for j, ((ws, b), (gw, gb)) in enumerate(zip(layer, layer_grads)):
                layer[j] = ([w - learning_rate * g for w, g in zip(ws, gw)], b - learning_rate * gb)
                flat.extend((*gw, gb))
        return loss, flat


class EagerMLP:
    """The demo's model on a graph engine; `step` is one training step (untimed set-up here)."""

    def __init__(self, engine: Engine, n_points: int) -> None:
        self.points, self.labels = moons_data(n_points)
        self.engine = engine
        self.model = SharedMLP(engine, initial_weights())

    def forward(self) -> Node:
        """The loss alone (for profiling): the step's graph, without backward or update."""
        return hinge_l2_loss(self.engine, self.model, self.points, self.labels)

    def step(self, learning_rate: float) -> float:
        return training_step(self.engine, self.model, self.points, self.labels, learning_rate)

    def grads(self) -> list[float]:
        return [self.engine.grad(p) for p in self.model.parameters()]

    def params(self) -> list[float]:
        return [self.engine.data(p) for p in self.model.parameters()]


class FloatMLPJob:
    """The floor as a job: `FloatMLP` on the moons."""

    def __init__(self, n_points: int) -> None:
        self.points, self.labels = moons_data(n_points)
        self.model = FloatMLP(initial_weights())
        self.flat_grads: list[float] = []

    def step(self, learning_rate: float) -> float:
        loss, self.flat_grads = self.model.step(self.points, self.labels, learning_rate)
        return loss

    def grads(self) -> list[float]:
        return self.flat_grads

    def params(self) -> list[float]:
        return self.model.parameters()


class Job(Protocol):
    """A training job: one SGD step at a time, its gradients and parameters as floats."""

    def step(self, learning_rate: float) -> float: ...

    def grads(self) -> list[float]: ...

    def params(self) -> list[float]: ...


def learning_rate(step: int, steps: int) -> float:
    """The demo's schedule: 1.0 at step 0, decaying linearly towards 0.1."""
    return 1.0 - 0.9 * step / steps


def step_checksum(job: Job) -> Checksum:
    """`mlp`: one step at learning rate 1.0; the loss, the gradients, the updated parameters."""
    loss = job.step(1.0)
    return Checksum.of(loss, job.grads() + job.params())


def train_log(job: Job, steps: int) -> tuple[list[float], list[int], Checksum]:
    """`train100`: the demo's ``steps`` steps, each one's CPU time and the objects the garbage
    collector tracks after it (counted untimed); the last loss and the trained parameters."""
    require_positive("train100", "the number of steps", steps)
    seconds, objects, loss = [], [], 0.0
    for k in range(steps):
        start = process_time()
        loss = job.step(learning_rate(k, steps))
        seconds.append(process_time() - start)
        objects.append(len(gc.get_objects()))
    return seconds, objects, Checksum.of(loss, job.params())
