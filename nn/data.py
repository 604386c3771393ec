"""Toy 2-D data sets, a train/test split and a minibatch iterator (numpy, seeded).

Every generator returns ``(X, y)``: X a float64 array of shape (n_samples, 2)
(``n_features`` for blobs), y an int64 array of class labels 0, 1, ... The
``seed`` is any `nn.seeding.Seed`: an int (deterministic), None (fresh
randomness), a `numpy.random.Generator` (shared) or a `random.Random` (which
seeds a Generator). Labels are 0/1 for the binary sets; the
hinge loss wants -1/+1: use ``2 * y - 1``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from autograd.checks import int_at_least, is_int, is_real, number_in
from autograd.optional import LazyModule

from .seeding import Seed, make_generator

if TYPE_CHECKING:
    import numpy as np
else:
    np = LazyModule("numpy", "nn's data sets (make_moons, make_circles, ...), splits and batches")

Dataset = tuple["np.ndarray", "np.ndarray"]


def _finish(X: np.ndarray, y: np.ndarray, noise: float, rng: np.random.Generator) -> Dataset:
    order = rng.permutation(len(y))
    X, y = X[order], y[order]
    if noise:
        X = X + rng.normal(scale=noise, size=X.shape)
    return X.astype(np.float64), y.astype(np.int64)


def make_moons(n_samples: int = 100, noise: float = 0.0, seed: Seed = None) -> Dataset:
    """Two interleaving half circles (as ``sklearn.datasets.make_moons``), shuffled.

    Class 0: (cos t, sin t); class 1: (1 - cos t, 1/2 - sin t); t in [0, pi];
    plus Gaussian noise of standard deviation ``noise``.
    """
    n = int_at_least(n_samples, "n_samples", "make_moons", 2)
    noise = number_in(noise, "noise", "make_moons", 0.0)
    rng = make_generator(seed)
    n_out, n_in = n // 2, n - n // 2
    t_out, t_in = np.linspace(0.0, np.pi, n_out), np.linspace(0.0, np.pi, n_in)
    X = np.concatenate(
        [
            np.column_stack([np.cos(t_out), np.sin(t_out)]),
            np.column_stack([1.0 - np.cos(t_in), 0.5 - np.sin(t_in)]),
        ]
    )
    y = np.concatenate([np.zeros(n_out), np.ones(n_in)])
    return _finish(X, y, noise, rng)


def make_circles(
    n_samples: int = 100, noise: float = 0.0, factor: float = 0.8, seed: Seed = None
) -> Dataset:
    """A circle of radius ``factor`` (class 1) inside the unit circle (class 0), shuffled."""
    n = int_at_least(n_samples, "n_samples", "make_circles", 2)
    noise = number_in(noise, "noise", "make_circles", 0.0)
    factor = number_in(factor, "factor", "make_circles", 0.0, 1.0, low_open=True, noun="")
    rng = make_generator(seed)
    n_out, n_in = n // 2, n - n // 2
    t_out = np.linspace(0.0, 2 * np.pi, n_out, endpoint=False)
    t_in = np.linspace(0.0, 2 * np.pi, n_in, endpoint=False)
    X = np.concatenate(
        [
            np.column_stack([np.cos(t_out), np.sin(t_out)]),
            factor * np.column_stack([np.cos(t_in), np.sin(t_in)]),
        ]
    )
    y = np.concatenate([np.zeros(n_out), np.ones(n_in)])
    return _finish(X, y, noise, rng)


def make_spirals(
    n_samples: int = 150, n_classes: int = 3, noise: float = 0.2, seed: Seed = None
) -> Dataset:
    """``n_classes`` interleaved spiral arms (as in Stanford's CS231n notes), shuffled.

    Arm k: radii r evenly spaced in (0, 1], angle t = 4 (k + r) + N(0, noise^2)
    (the noise is on the angle), point (r sin t, r cos t). The origin, shared by
    every arm, is left out. Samples are split evenly over the arms.
    """
    n = int_at_least(n_samples, "n_samples", "make_spirals", 2)
    k = int_at_least(n_classes, "n_classes", "make_spirals", 2)
    if n < k:
        raise ValueError(f"make_spirals: n_samples ({n}) must be at least n_classes ({k})")
    noise = number_in(noise, "noise", "make_spirals", 0.0)
    rng = make_generator(seed)
    sizes = [n // k + (1 if c < n % k else 0) for c in range(k)]
    parts, labels = [], []
    for c, size in enumerate(sizes):
        r = np.linspace(0.0, 1.0, size + 1)[1:]  # not r = 0: every arm starts at the origin
        t = 4.0 * (c + r) + rng.normal(scale=noise, size=size)
        parts.append(np.column_stack([r * np.sin(t), r * np.cos(t)]))
        labels.append(np.full(size, c))
    return _finish(np.concatenate(parts), np.concatenate(labels), 0.0, rng)


def make_xor(n_samples: int = 200, noise: float = 0.0, seed: Seed = None) -> Dataset:
    """Points uniform in [-1, 1]^2, class 1 where exactly one coordinate is positive.

    The labels are fixed before the Gaussian ``noise`` is added to the points.
    """
    n = int_at_least(n_samples, "n_samples", "make_xor", 1)
    noise = number_in(noise, "noise", "make_xor", 0.0)
    rng = make_generator(seed)
    X = rng.uniform(-1.0, 1.0, size=(n, 2))
    y = (X[:, 0] > 0) != (X[:, 1] > 0)
    return _finish(X, y, noise, rng)


def make_blobs(
    n_samples: int = 100,
    centers: int | Sequence[Sequence[float]] | np.ndarray = 3,
    cluster_std: float = 1.0,
    n_features: int = 2,
    center_box: tuple[float, float] = (-10.0, 10.0),
    seed: Seed = None,
) -> Dataset:
    """Gaussian clusters: class c around center c with standard deviation ``cluster_std``.

    ``centers`` is a count (drawn uniformly in ``center_box``) or an array of points.
    """
    op = "make_blobs"
    n = int_at_least(n_samples, "n_samples", op, 1)
    std = number_in(cluster_std, "cluster_std", op, 0.0)
    rng = make_generator(seed)
    if is_int(centers):
        k = int_at_least(centers, "centers", op, 1)
        d = int_at_least(n_features, "n_features", op, 1)
        low, high = center_box
        if not low < high:
            raise ValueError(
                f"{op}: center_box must be (low, high) with low < high, got {center_box!r}"
            )
        points = rng.uniform(low, high, size=(k, d))
    else:
        points = np.asarray(centers, dtype=np.float64)
        if points.ndim != 2 or len(points) == 0:
            raise ValueError(
                f"{op}: centers must be a count or a 2-D array of points, got shape {points.shape}"
            )
        k = len(points)
    if n < k:
        raise ValueError(f"{op}: n_samples ({n}) must be at least the number of centers ({k})")
    sizes = [n // k + (1 if c < n % k else 0) for c in range(k)]
    X = np.concatenate(
        [
            rng.normal(loc=points[c], scale=std, size=(s, points.shape[1]))
            for c, s in enumerate(sizes)
        ]
    )
    y = np.concatenate([np.full(s, c) for c, s in enumerate(sizes)])
    return _finish(X, y, 0.0, rng)


def check_dataset(X: Any, y: Any, op: str) -> tuple[Any, Any]:
    """X as a 2-D float array and y as a 1-D array of the same length.

    Without numpy (Pyodide's core, say): X as a list of float rows and y as a list.
    """
    try:
        import numpy  # noqa: F401 - only asks whether it is there
    except ImportError:
        return check_rows(X, y, op)
    try:
        X = np.asarray(X, dtype=np.float64)
    except (ValueError, TypeError) as error:
        raise ValueError(
            f"{op}: X must be a 2-D table of numbers (samples x features), "
            f"with every row the same length ({error})"
        ) from None
    y = np.asarray(y)
    if not np.isfinite(X).all():
        row, column = np.argwhere(~np.isfinite(X))[0]
        raise ValueError(
            f"{op}: X must hold finite numbers, got {float(X[row, column])!r} at row {row}, "
            f"column {column}"
        )
    if X.ndim != 2:
        raise ValueError(f"{op}: X must be 2-D (samples x features), got shape {X.shape}")
    if y.ndim != 1:
        raise ValueError(f"{op}: y must be 1-D (one label per sample), got shape {y.shape}")
    if len(X) != len(y):
        raise ValueError(f"{op}: X has {len(X)} samples but y has {len(y)} labels")
    if len(y) == 0:
        raise ValueError(f"{op}: the data set is empty")
    return X, y


def check_rows(X: Any, y: Any, op: str) -> tuple[list[list[float]], list[Any]]:
    """`check_dataset` on lists, for a Python without numpy: the same checks and messages."""
    if isinstance(X, (str, bytes)) or not hasattr(X, "__len__"):
        raise ValueError(f"{op}: X must be a 2-D table of numbers (samples x features)")
    rows: list[list[float]] = []
    for i, row in enumerate(X):
        if not isinstance(row, (list, tuple)):
            raise ValueError(f"{op}: X must be 2-D (samples x features), row {i} is {row!r}")
        if any(isinstance(v, bool) or not isinstance(v, numbers.Real) for v in row):
            raise ValueError(f"{op}: X must be a 2-D table of numbers, row {i} is {row!r}")
        rows.append([float(v) for v in row])
        if len(rows[-1]) != len(rows[0]):
            raise ValueError(
                f"{op}: X must be a 2-D table of numbers (samples x features), with every row "
                f"the same length (row 0 has {len(rows[0])}, row {i} has {len(rows[-1])})"
            )
        for j, v in enumerate(rows[-1]):
            if not math.isfinite(v):
                raise ValueError(
                    f"{op}: X must hold finite numbers, got {v!r} at row {i}, column {j}"
                )
    labels = list(y)
    if any(isinstance(label, (list, tuple)) for label in labels):
        raise ValueError(f"{op}: y must be 1-D (one label per sample)")
    if len(rows) != len(labels):
        raise ValueError(f"{op}: X has {len(rows)} samples but y has {len(labels)} labels")
    if not labels:
        raise ValueError(f"{op}: the data set is empty")
    return rows, labels


def train_test_split(
    X: Any, y: Any, test_size: float | int = 0.25, seed: Seed = None, shuffle: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(X_train, X_test, y_train, y_test), as ``sklearn.model_selection.train_test_split``.

    ``test_size`` is a fraction in (0, 1) (rounded up to whole samples) or a count.
    """
    op = "train_test_split"
    X, y = check_dataset(X, y, op)
    n = len(y)
    if is_int(test_size):
        n_test = int(test_size)
    elif is_real(test_size) and 0 < float(test_size) < 1:
        n_test = math.ceil(float(test_size) * n)
    else:
        raise ValueError(
            f"{op}: test_size must be a fraction in (0, 1) or a count, got {test_size!r}"
        )
    if not 0 < n_test < n:
        raise ValueError(
            f"{op}: test_size {test_size!r} leaves {n_test} of {n} samples for testing; "
            "both parts must be non-empty"
        )
    order = make_generator(seed).permutation(n) if shuffle else np.arange(n)
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]


def minibatches(
    X: Any,
    y: Any,
    batch_size: int,
    shuffle: bool = True,
    seed: Seed = None,
    drop_last: bool = False,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """One pass (epoch) over the data in batches of ``batch_size``: yields (X_batch, y_batch).

    Shuffled by default; the last batch is smaller unless ``drop_last``. Pass the
    same Generator as ``seed`` for each epoch to get a new, reproducible order.
    """
    op = "minibatches"
    X, y = check_dataset(X, y, op)
    size = int_at_least(batch_size, "batch_size", op, 1)
    order = make_generator(seed).permutation(len(y)) if shuffle else np.arange(len(y))
    stop = len(y) - len(y) % size if drop_last else len(y)
    # A generator expression, so that bad arguments fail here and not at the first next().
    return ((X[order[i : i + size]], y[order[i : i + size]]) for i in range(0, stop, size))
