"""The `mlp` and `train100` jobs on arrays: ours compiled (`fit(compile=True)`'s step), numpy.

- ``ours (compiled)``: the very model of `mlp.py`, on our `Value`s, trained by
  the step that ``nn.fit(..., compile=True)`` runs (`nn.train.compiled_step`):
  one sample's hinge loss under `autograd.vmap`, replayed on the batch and
  averaged; the L2 term on the parameter vector; then `nn.SGD`'s update on the
  arrays. The plan is traced (and one batch checked against eager) in the
  constructor, untimed.
- ``numpy by hand``: the same job written as whole-array code, the weights as
  matrices and the backward pass written out (``X @ W.T``, ...): the floor for
  this job in numpy.
- ``trace`` (a workload of its own): what tracing and planning that step costs,
  once: the per-sample plan (the L2 term needs none).

Both are `Job`s like the eager ones (`mlp.py`), with the parameters in the same
order (per layer, per neuron, its weights then its bias), so they are checked
against the same float floor.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..engines import OursEngine
from .mlp import L2, SharedMLP, flat, initial_weights, moons_data


def compiled_job(model: SharedMLP, labels: Sequence[float]) -> Any:
    """`fit(compile=True)`'s step for the `mlp` job: hinge loss + L2 on the model's parameters."""
    from nn.train import compiled_step

    return compiled_step(model, np.asarray(labels), "hinge", l2=L2, params=model.parameters())


class CompiledMLP:
    """The shared MLP on our Values, trained by `fit(compile=True)`'s step."""

    def __init__(self, n_points: int) -> None:
        from nn import SGD

        points, labels = moons_data(n_points)
        self.X = np.asarray(points, dtype=np.float64)
        self.y = np.asarray(labels, dtype=np.float64)
        self.model = SharedMLP(OursEngine(), initial_weights())
        self.nodes = self.model.parameters()
        self.job = compiled_job(self.model, labels)
        self.optimizer = SGD(self.nodes, lr=1.0)
        self.job.verify((self.X,))  # traced and checked here, untimed, as fit's first step

    def step(self, learning_rate: float) -> float:
        self.optimizer.lr = learning_rate
        loss, _ = self.job.step(self.X, self.y, self.optimizer)
        return float(loss)

    def grads(self) -> list[float]:
        return [p.grad for p in self.nodes]

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

    def params(self) -> list[float]:
        return flat([zip(w, c) for w, c in zip(self.W, self.b)])  # a neuron's row, then its bias

    def grads(self) -> list[float]:
        return flat([zip(w, c) for w, c in zip(self.gW, self.gb)])


class TraceTrial:
    """`trace`: tracing and planning `fit(compile=True)`'s `mlp` step, once."""

    def __init__(self, n_points: int) -> None:
        points, self.labels = moons_data(n_points)
        self.X = np.asarray(points, dtype=np.float64)
        self.model = SharedMLP(OursEngine(), initial_weights())
        self.plan: Any = None

    def run(self) -> None:
        job = compiled_job(self.model, self.labels)
        self.plan = job.compiled.trace(self.X[:1])  # one sample's graph, for any batch

    def stats(self) -> dict[str, float]:
        """The per-sample plan's size (nodes traced, after fusion, levels, bytes per node)."""
        plan = self.plan
        return {
            "traced_nodes": plan.traced_nodes,
            "nodes": plan.nodes,
            "levels": plan.levels,
            "bytes_per_node": plan.nbytes / plan.nodes,
        }
