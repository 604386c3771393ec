"""mlp: one training step of MLP(2, [16, 16, 1]) on the moons, as the best-known demo:

    score_i = MLP(x_i)                      relu hidden layers, linear output
    loss    = (1/n) sum_i relu(1 - y_i score_i) + 1e-4 sum_p p^2
    p      <- p - lr * dloss/dp

`SharedMLP` is the model on any engine (the same arithmetic in the same order on each), `FloatMLP`
the same job on floats with its backward pass written by hand (the floor). `FitDemo` is the
user's path: `nn.fit` on `nn/demo.py`'s recipe, through the public API only.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from itertools import islice
from time import process_time
from typing import Any

import numpy as np

from ..engines import Engine, Node
from . import Checksum, require_positive

LAYER_SIZES = (2, 16, 16, 1)
L2 = 1e-4
Weights = list[list[tuple[list[float], float]]]  # per layer, per neuron: (input weights, bias)
Job = Any  # a training job: .step(learning_rate) -> loss; .grads(), .params(): lists of floats


def make_moons(n: int, noise: float = 0.1, seed: int = 1337) -> tuple[np.ndarray, np.ndarray]:
    """Two half-moons as scikit-learn's ``make_moons``: (cos t, sin t) and (1 - cos t,
    1/2 - sin t), t evenly spaced in [0, pi], plus Gaussian noise, then shuffled; labels -1/+1.

    Not `nn.make_moons`: importing `nn` would load our engine into every engine's process, and
    its draws differ (it shuffles first, labels 0/1): every mlp checksum and figure would change.
    """
    if n < 2:
        raise ValueError(f"make_moons: need at least 2 points, got n={n!r}")
    if noise < 0:
        raise ValueError(f"make_moons: noise must be non-negative, got {noise!r}")
    t_upper, t_lower = np.linspace(0.0, np.pi, n // 2), np.linspace(0.0, np.pi, n - n // 2)
    upper = np.column_stack([np.cos(t_upper), np.sin(t_upper)])
    lower = np.column_stack([1.0 - np.cos(t_lower), 0.5 - np.sin(t_lower)])
    labels = np.concatenate([-np.ones(n // 2), np.ones(n - n // 2)])
    rng = np.random.default_rng(seed)
    points = np.vstack([upper, lower]) + rng.normal(scale=noise, size=(n, 2))
    order = rng.permutation(n)
    return points[order], labels[order]


def moons_data(n: int) -> tuple[list[list[float]], list[float]]:
    """The n training points and their +-1 labels, as Python floats."""
    require_positive("mlp", "the number of points", n)
    points, labels = make_moons(max(n, 2), noise=0.1, seed=1337)
    return points[:n].tolist(), labels[:n].tolist()


def initial_weights(sizes: Sequence[int] = LAYER_SIZES, seed: int = 42) -> Weights:
    """Weights uniform in [-1, 1) and biases 0, as the demo's `Neuron`; deterministic."""
    rng = np.random.default_rng(seed)
    return [
        [(rng.uniform(-1.0, 1.0, n_in).tolist(), 0.0) for _ in range(n_out)]
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]


def flat(weights: Iterable[Iterable[tuple[Any, Any]]]) -> list[Any]:
    """Per layer, per neuron: its weights, then its bias (the demo's order, every contender's)."""
    return [p for layer in weights for ws, b in layer for p in (*ws, b)]


def left_sum(nodes: Sequence[Node]) -> Node:
    """nodes[0] + nodes[1] + ... folded from the left (no 0 + in front)."""
    total = nodes[0]
    for node in islice(nodes, 1, None):
        total = total + node
    return total


class SharedMLP:
    """The MLP on any engine: relu hidden layers, a linear output neuron."""

    def __init__(self, engine: Engine, weights: Weights) -> None:
        self.layers = [
            [([engine.parameter(w) for w in ws], engine.parameter(b)) for ws, b in layer]
            for layer in weights
        ]

    def parameters(self) -> list[Node]:
        return flat(self.layers)

    def __call__(self, x: Sequence[Node]) -> Node:
        last = len(self.layers) - 1
        for index, layer in enumerate(self.layers):
            outputs = []
            for weights, bias in layer:
                act = bias
                for w, xi in zip(weights, x):
                    act = act + w * xi
                outputs.append(act if index == last else act.relu())
            x = outputs
        return x[0]


class EagerMLP(SharedMLP):
    """The demo's model on a graph engine, and its data (made here, untimed)."""

    def __init__(self, engine: Engine, n_points: int) -> None:
        super().__init__(engine, initial_weights())
        self.engine, (self.points, self.labels) = engine, moons_data(n_points)

    def step(self, learning_rate: float) -> float:
        """Forward (inputs wrapped as in the demo), zero_grad, backward, SGD; the loss before."""
        engine, params = self.engine, self.parameters()
        inputs = [[engine.constant(v) for v in row] for row in self.points]
        scores = [self(x) for x in inputs]
        margins = [(1.0 + (-y) * score).relu() for y, score in zip(self.labels, scores)]
        loss = left_sum(margins) * (1.0 / len(margins)) + L2 * left_sum([p * p for p in params])
        for p in params:
            p.grad = engine.zero
        engine.backward(loss)
        for p in params:
            p.data -= learning_rate * p.grad  # outside the graph
        return float(loss.data)

    def grads(self) -> list[float]:
        return [float(p.grad) for p in self.parameters()]

    def params(self) -> list[float]:
        return [float(p.data) for p in self.parameters()]


class FloatMLP:
    """The floor: the same job on plain floats, its backward pass written by hand."""

    def __init__(self, n_points: int, weights: Weights | None = None) -> None:
        self.points, self.labels = moons_data(n_points)
        self.weights = [
            [(list(ws), b) for ws, b in layer] for layer in weights or initial_weights()
        ]
        self.gradients: Weights = []

    def params(self) -> list[float]:
        return flat(self.weights)

    def grads(self) -> list[float]:
        return flat(self.gradients)

    def loss_and_gradients(self) -> tuple[float, Weights]:
        """The loss and dloss/dp for every parameter, laid out as the weights."""
        layers, last, scale = self.weights, len(self.weights) - 1, 1.0 / len(self.points)
        grad_w = [[[0.0] * len(ws) for ws, _ in layer] for layer in layers]
        grad_b = [[0.0] * len(layer) for layer in layers]
        margins = []
        for x, y in zip(self.points, self.labels):
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
                    dz = [g * (z > 0.0) for g, z in zip(dx, pre_activations[index - 1])]
        loss = left_sum(margins) * scale + L2 * left_sum([p * p for p in self.params()])
        for layer, rows, biases in zip(layers, grad_w, grad_b):  # d(L2 p^2)/dp = 2 L2 p, added
            for j, (ws, b) in enumerate(layer):
                rows[j] = [g + 2.0 * L2 * w for g, w in zip(rows[j], ws)]
                biases[j] += 2.0 * L2 * b
        return loss, [list(zip(rows, biases)) for rows, biases in zip(grad_w, grad_b)]

    def step(self, learning_rate: float) -> float:
        """One SGD step; the loss before it."""
        loss, self.gradients = self.loss_and_gradients()
        for layer, layer_grads in zip(self.weights, self.gradients):
            for j, ((ws, b), (gw, gb)) in enumerate(zip(layer, layer_grads)):
                layer[j] = ([w - learning_rate * g for w, g in zip(ws, gw)], b - learning_rate * gb)
        return loss


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


class FitDemo:
    """`fit`: two moons (`nn.make_moons`, noise 0.1, seed 0), MLP(2, [16, 16, 1]), hinge + L2,
    SGD 1.0 -> 0.1 over the call's steps, full batches: ``python -m nn.demo`` (``--compile``)."""

    def __init__(self, n_points: int, compile: bool) -> None:
        from nn import MLP, make_moons

        X, y = make_moons(require_positive("fit", "the number of points", n_points), 0.1, seed=0)
        self.X, self.targets = X, 2 * y - 1  # hinge loss labels: -1 / +1
        self.model = MLP(2, [16, 16, 1], activation="relu", seed=0)
        self.compile = compile

    def train(self, steps: int) -> list[float]:
        """``steps`` SGD steps in one `fit` call, from the model's current weights; the losses."""
        from nn import SGD, fit, hinge_loss, linear_decay

        optimizer = SGD(self.model.parameters(), lr=linear_decay(1.0, 0.1, steps))
        history: Any = fit(self.model, self.X, self.targets, hinge_loss, optimizer, steps=steps,
                           l2=L2, seed=0, progress=False, compile=self.compile)  # fmt: skip
        return list(history["loss"])

    def params(self) -> list[float]:
        return [p.data for p in self.model.parameters()]
