"""Two interleaved half-moons, the data set of the best-known scalar-engine demo.

As scikit-learn's ``make_moons(n, noise=0.1)``: the upper moon is
(cos t, sin t) and the lower one (1 - cos t, 1/2 - sin t) for t evenly spaced
in [0, pi], plus Gaussian noise; labels are -1 and +1 (for the hinge loss).
Deterministic for a given seed.

Why this is not `nn.make_moons`, and must stay separate:

- The benchmark workers for micrograd and PyTorch must not import `nn`: that runs
  ``nn/__init__``, which loads our engine (`autograd`), tqdm and all of `nn` into
  a process whose heap should hold only the engine under test (see
  `benchmarks.worker`; `OursEngine` imports `autograd` lazily for the same reason).
- The draws differ: here the noise is drawn before the shuffle, `nn.make_moons`
  shuffles first; labels here are -1/+1, not 0/1. ``nn.make_moons(n, 0.1, seed)``
  therefore gives other points, and would change every ``mlp`` and ``train100``
  checksum and the published benchmark numbers.
"""

from __future__ import annotations

import numpy as np


def make_moons(n: int, noise: float = 0.1, seed: int = 1337) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points as an (n, 2) float array and their labels in {-1.0, +1.0}."""
    if n < 2:
        raise ValueError(f"make_moons: need at least 2 points, got n={n!r}")
    if noise < 0:
        raise ValueError(f"make_moons: noise must be non-negative, got {noise!r}")
    n_upper = n // 2
    n_lower = n - n_upper
    t_upper = np.linspace(0.0, np.pi, n_upper)
    t_lower = np.linspace(0.0, np.pi, n_lower)
    upper = np.column_stack([np.cos(t_upper), np.sin(t_upper)])
    lower = np.column_stack([1.0 - np.cos(t_lower), 0.5 - np.sin(t_lower)])
    points = np.vstack([upper, lower])
    labels = np.concatenate([-np.ones(n_upper), np.ones(n_lower)])
    rng = np.random.default_rng(seed)
    points = points + rng.normal(scale=noise, size=points.shape)
    order = rng.permutation(n)
    return points[order], labels[order]
