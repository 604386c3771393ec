"""Warm timings of the batched replay (`autograd.vmap`), as ratios measured in one run.

    .venv/bin/python scripts/bench_vmap.py [--steps 200] [--repeats 5]

The job (the `mlp` workload): one training step of MLP(2, [16, 16, 1]) on 100 moons
points, hinge loss + 1e-4 L2, SGD. Timed three ways, each warm, each the median over
``--repeats`` runs of ``--steps`` steps (CPU time of this process):

- eager: the model on every point, the loss, ``zero_grad``, ``backward``, ``SGD.step``;
- compiled: what ``fit(compile=True)`` runs per step (one sample's graph, traced once,
  replayed on the batch; the L2 sum a plan of its own; ``SGD.step``);
- numpy: the same step written by hand as matrix code (the floor).

Then: tracing and planning the compiled step once, against one eager step; ``fit`` on the
moons demo (``nn.demo``'s recipe) per step, compiled against eager; and the 64-input
digits-like job of notebook 7 (100 steps, compiled, trace included).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import nn  # noqa: E402
from nn.train import _CompiledStep  # noqa: E402

L2 = 1e-4


def cpu(fn: Callable[[], object], steps: int, repeats: int) -> float:
    """Median CPU seconds of one call, over ``repeats`` runs of ``steps`` calls (warm)."""
    fn()
    runs = []
    for _ in range(repeats):
        start = time.process_time()
        for _ in range(steps):
            fn()
        runs.append((time.process_time() - start) / steps)
    return statistics.median(runs)


def moons() -> tuple[np.ndarray, np.ndarray]:
    X, y = nn.make_moons(100, noise=0.1, seed=1337)
    return X, (2 * y - 1).astype(np.float64)


def eager_step(model: nn.MLP, X: np.ndarray, y: np.ndarray) -> Callable[[], float]:
    rows, targets = X.tolist(), y.tolist()
    params = model.parameters()
    optimizer = nn.SGD(params, lr=1e-9)

    def step() -> float:
        loss = nn.hinge_loss([model(r) for r in rows], targets) + nn.l2_penalty(params, L2)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss.data

    return step


def compiled_step(model: nn.MLP, X: np.ndarray, y: np.ndarray) -> Callable[[], float]:
    job = _CompiledStep(model, nn.hinge_loss, y, model.parameters(), L2)
    optimizer = nn.SGD(model.parameters(), lr=1e-9)
    return lambda: job.step(X, y, optimizer)[0]


def numpy_step(model: nn.MLP, X: np.ndarray, y: np.ndarray) -> Callable[[], float]:
    W = [np.array([[w.data for w in n.w] for n in layer.neurons]) for layer in model.layers]
    b = [np.array([n.b.data for n in layer.neurons]) for layer in model.layers]
    n = len(y)

    def step() -> float:
        inputs, pre, h = [], [], X
        for k in range(len(W)):
            inputs.append(h)
            z = h @ W[k].T + b[k]
            pre.append(z)
            h = z if k == len(W) - 1 else np.maximum(z, 0.0)
        margin = 1.0 - y * h[:, 0]
        squares = sum(float(np.sum(w * w)) + float(np.sum(c * c)) for w, c in zip(W, b))
        loss = float(np.sum(np.maximum(margin, 0.0))) / n + L2 * squares
        dz = ((margin > 0.0) * (-y) / n)[:, None]
        for k in range(len(W) - 1, -1, -1):
            gW = dz.T @ inputs[k] + 2.0 * L2 * W[k]
            gb = dz.sum(axis=0) + 2.0 * L2 * b[k]
            if k > 0:
                dz = (dz @ W[k]) * (pre[k - 1] > 0.0)
            W[k] -= 1e-9 * gW
            b[k] -= 1e-9 * gb
        return loss

    return step


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    X, y = moons()

    def fresh() -> nn.MLP:
        return nn.MLP(2, [16, 16, 1], seed=0)

    eager = cpu(eager_step(fresh(), X, y), max(args.steps // 20, 5), args.repeats)
    compiled = cpu(compiled_step(fresh(), X, y), args.steps, args.repeats)
    floor = cpu(numpy_step(fresh(), X, y), args.steps, args.repeats)
    print(f"mlp step: eager {eager * 1e3:.2f} ms, compiled {compiled * 1e3:.3f} ms, "
          f"numpy by hand {floor * 1e3:.3f} ms")  # fmt: skip
    print(f"  compiled is {eager / compiled:.0f}x faster than eager, "
          f"{compiled / floor:.2f}x the numpy floor")  # fmt: skip

    def trace() -> None:
        model = fresh()
        job = _CompiledStep(model, nn.hinge_loss, y, model.parameters(), L2)
        job.compiled.trace(X[:1])
        job.penalty.trace()  # type: ignore[union-attr]

    traced = cpu(trace, 5, args.repeats)
    print(f"trace + plan: {traced * 1e3:.2f} ms = {traced / eager:.3f} eager steps")

    from nn.demo import make_data, parse_args

    demo = parse_args(["--no-progress"])
    DX, Dy = make_data(demo)
    signs = 2 * Dy - 1

    def demo_fit(compile: bool, steps: int) -> float:
        """CPU seconds of fit on the demo for ``steps`` steps (the trace included)."""
        model = nn.MLP(2, [*demo.hidden, 1], activation=demo.activation, seed=demo.seed)
        optimizer = nn.SGD(model.parameters(), lr=nn.linear_decay(1.0, 0.1, 100))
        start = time.process_time()
        nn.fit(model, DX, signs, "hinge", optimizer, steps=steps, l2=L2, seed=demo.seed,
               progress=False, compile=compile)  # fmt: skip
        return time.process_time() - start

    fit_eager = statistics.median(demo_fit(False, 10) / 10 for _ in range(3))
    first = statistics.median(demo_fit(True, 1) for _ in range(args.repeats))
    hundred = statistics.median(demo_fit(True, 100) for _ in range(args.repeats))
    warm = (hundred - first) / 99
    print(f"demo fit per step: eager {fit_eager * 1e3:.2f} ms; compiled {warm * 1e3:.3f} ms "
          f"warm ({fit_eager / warm:.0f}x), {hundred * 10:.3f} ms over 100 steps with the "
          f"first step's trace and check ({fit_eager / hundred * 100:.0f}x); "
          f"the first step {first * 1e3:.1f} ms")  # fmt: skip

    rng = np.random.default_rng(0)  # notebook 7's data set
    prototypes = rng.uniform(0.0, 1.0, (4, 64))
    labels = rng.integers(0, 4, 200)
    images = prototypes[labels] + rng.normal(0.0, 0.35, (200, 64))

    def digits() -> float:
        model = nn.MLP(64, [32, 4], seed=0)
        start = time.process_time()
        nn.fit(model, images, labels, "cross_entropy", nn.Adam(model.parameters(), lr=0.01),
               steps=100, progress=False, compile=True)  # fmt: skip
        return time.process_time() - start

    best = min(digits() for _ in range(3))
    print(f"digits-like job, 100 compiled steps (trace included): {best:.2f} s")


if __name__ == "__main__":
    main()
