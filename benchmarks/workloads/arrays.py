"""The `mlp` and `train100` jobs on arrays: ours compiled (`autograd.jit`), and numpy by hand.

- ``ours (compiled)``: the very model and loss of `mlp.py`, on our `Value`s,
  traced once by `autograd.jit` (untimed, in the constructor) and replayed on
  numpy arrays; the SGD update writes each parameter's ``.data``.
- ``numpy by hand``: the same job written as whole-array code, the weights as
  matrices and the backward pass written out (``X @ W.T``, ...): the floor for
  this job in numpy.
- ``trace`` (a workload of its own): what tracing and planning the `mlp` step
  costs, once.

Both are `Job`s like the eager ones (`mlp.py`), with the parameters in the same
order (per layer, per neuron, its weights then its bias), so they are checked
against the same float floor.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..engines import OursEngine
from .mlp import L2, SharedMLP, initial_weights, left_sum, moons_data


def compiled_loss(model: SharedMLP, labels: Sequence[float]) -> Any:
    """The `mlp` loss as a function of the flattened points (the arguments of the trace)."""
    n = len(labels)

    def loss(flat: list[Any]) -> Any:
        scores = [model(flat[2 * i : 2 * i + 2]) for i in range(n)]
        margins = [(1.0 + (-y) * score).relu() for y, score in zip(labels, scores)]
        data_loss = left_sum(margins) * (1.0 / len(margins))
        return data_loss + L2 * left_sum([p * p for p in model.parameters()])

    return loss


class CompiledMLP:
    """The shared MLP on our Values, its step replayed through `autograd.jit`."""

    def __init__(self, n_points: int) -> None:
        from autograd import jit

        self.points, self.labels = moons_data(n_points)
        self.flat = np.asarray(self.points, dtype=np.float64).ravel()
        self.model = SharedMLP(OursEngine(), initial_weights())
        self.nodes = self.model.parameters()
        self.compiled = jit(compiled_loss(self.model, self.labels))
        plan = self.compiled.trace(self.flat)  # traced here, untimed
        position = {id(p): i for i, p in enumerate(plan.captured)}
        self.order = np.array([position[id(p)] for p in self.nodes])
        self.last_grads: list[float] = []

    def step(self, learning_rate: float) -> float:
        replay = self.compiled.replay(self.flat)
        replay.backward(1.0)
        self.last_grads = replay.captured_grads()[self.order].tolist()
        for p, g in zip(self.nodes, self.last_grads):
            p.data -= learning_rate * g
        return float(replay.outputs[0])

    def grads(self) -> list[float]:
        return self.last_grads

    def params(self) -> list[float]:
        return [p.data for p in self.nodes]


class NumpyMLP:
    """The same MLP as weight matrices, forward and backward written as array code."""

    def __init__(self, n_points: int) -> None:
        points, labels = moons_data(n_points)
        self.X = np.asarray(points, dtype=np.float64)
        self.y = np.asarray(labels, dtype=np.float64)
        self.W = [np.array([ws for ws, _ in layer]) for layer in initial_weights()]
        self.b = [np.array([b for _, b in layer]) for layer in initial_weights()]
        self.gW: list[Any] = []
        self.gb: list[Any] = []

    def step(self, learning_rate: float) -> float:
        W, b, n = self.W, self.b, len(self.y)
        inputs, pre = [], []
        h = self.X
        for k in range(len(W)):
            inputs.append(h)
            z = h @ W[k].T + b[k]
            pre.append(z)
            h = z if k == len(W) - 1 else np.maximum(z, 0.0)
        margin = 1.0 + (-self.y) * h[:, 0]
        params_sq = sum(float(np.sum(w * w)) + float(np.sum(c * c)) for w, c in zip(W, b))
        loss = float(np.sum(np.maximum(margin, 0.0))) / n + L2 * params_sq
        dz = ((margin > 0.0) * (-self.y) / n)[:, None]  # d loss / d score
        self.gW, self.gb = [None] * len(W), [None] * len(W)
        for k in range(len(W) - 1, -1, -1):
            self.gW[k] = dz.T @ inputs[k] + 2.0 * L2 * W[k]
            self.gb[k] = dz.sum(axis=0) + 2.0 * L2 * b[k]
            if k > 0:
                dz = (dz @ W[k]) * (pre[k - 1] > 0.0)
        for k in range(len(W)):
            W[k] -= learning_rate * self.gW[k]
            b[k] -= learning_rate * self.gb[k]
        return loss

    @staticmethod
    def flat(Ws: Sequence[Any], bs: Sequence[Any]) -> list[float]:
        """Per layer, per neuron: its weights, then its bias (the engines' order)."""
        return [x for w, c in zip(Ws, bs) for row, bias in zip(w, c) for x in (*row, bias)]

    def params(self) -> list[float]:
        return self.flat(self.W, self.b)

    def grads(self) -> list[float]:
        return self.flat(self.gW, self.gb)


class TraceTrial:
    """`trace`: tracing and planning the `mlp` step, what the first call of a compiled step adds."""

    def __init__(self, n_points: int) -> None:
        from autograd import jit

        points, self.labels = moons_data(n_points)
        self.flat = np.asarray(points, dtype=np.float64).ravel()
        self.model = SharedMLP(OursEngine(), initial_weights())
        self.jit = jit
        self.plan: Any = None

    def run(self) -> None:
        self.plan = self.jit(compiled_loss(self.model, self.labels)).trace(self.flat)

    def stats(self) -> dict[str, float]:
        """The plan's size: nodes traced, nodes after fusion, levels, bytes per node."""
        plan = self.plan
        return {
            "traced_nodes": plan.traced_nodes,
            "nodes": plan.nodes,
            "levels": plan.levels,
            "bytes_per_node": plan.nbytes / plan.nodes,
        }
