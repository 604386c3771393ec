"""`plot_decision_boundary`: where a 2-D classifier puts each class, with the data on top."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .batch_forward import ENGINE_OP_BUDGET, evaluator, ops_per_forward
from .mpl import new_figure, require_matplotlib

CLASS_COLOURS = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#56b4e9",
    "#f0e442",
    "#000000",
)


def _check_data(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    operation = "plot_decision_boundary"
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != 2 or X.shape[0] == 0:
        raise ValueError(f"{operation}: X must have shape (n, 2) with n >= 1, got {X.shape}")
    y = np.asarray(y, dtype=float).ravel()
    if y.shape[0] != X.shape[0]:
        raise ValueError(
            f"{operation}: y has {y.shape[0]} labels, expected {X.shape[0]} (one per row of X)"
        )
    if not (np.all(np.isfinite(X)) and np.all(np.isfinite(y))):
        raise ValueError(f"{operation}: X and y must be finite numbers")
    return X, y


def _classes(scores: np.ndarray, threshold: float) -> np.ndarray:
    """Class index per row: score > threshold (one output) or the argmax (several)."""
    if scores.shape[1] == 1:
        return (scores[:, 0] > threshold).astype(int)
    return np.argmax(scores, axis=1)


def plot_decision_boundary(
    model: Any,
    X: Any,
    y: Any,
    ax: Any = None,
    threshold: float = 0.0,
    resolution: int = 200,
) -> Any:
    """Colour the plane by the class ``model`` predicts, and draw the data (X, y) over it.

    One-output models are binary: class 1 where output > ``threshold`` (labels y > 0
    count as class 1, so {0, 1} and {-1, 1} both work), with the boundary drawn as a
    line. Models with k outputs predict the argmax; y then holds 0 .. k-1.
    The grid is ``resolution`` x ``resolution`` points, evaluated without a graph:
    an `nn` MLP through numpy (checked against the engine first), any other model
    through the engine on a grid coarse enough to stay quick. Returns the Figure
    (the one holding ``ax``, when given).
    """
    operation = "plot_decision_boundary"
    require_matplotlib(operation)  # before the grid is evaluated, not after
    X, y = _check_data(X, y)
    if isinstance(resolution, bool) or not isinstance(resolution, int) or resolution < 10:
        raise ValueError(
            f"{operation}: resolution must be an int of at least 10, got {resolution!r}"
        )
    threshold = float(threshold)

    span = X.max(axis=0) - X.min(axis=0)
    pad = np.maximum(0.1 * span, 0.5)
    lo, hi = X.min(axis=0) - pad, X.max(axis=0) + pad

    corners = np.array([lo, hi, [lo[0], hi[1]], [hi[0], lo[1]]])
    evaluate, is_numpy = evaluator(model, np.vstack([corners, X[:4]]))
    if not is_numpy:
        cost = ops_per_forward(model, X[0])
        resolution = max(20, min(resolution, int(math.sqrt(ENGINE_OP_BUDGET / cost))))

    gx, gy = np.meshgrid(
        np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution)
    )
    scores = evaluate(np.column_stack([gx.ravel(), gy.ravel()]))
    n_outputs = scores.shape[1]
    data_classes = _classes(evaluate(X), threshold)
    if n_outputs == 1:
        truth = (y > 0).astype(int)
        n_classes = 2
    else:
        if np.any(y != np.round(y)) or y.min() < 0 or y.max() >= n_outputs:
            raise ValueError(
                f"{operation}: a model with {n_outputs} outputs needs labels 0 .. {n_outputs - 1}, "
                f"got values from {y.min():g} to {y.max():g}"
            )
        truth = y.astype(int)
        n_classes = n_outputs
    accuracy = float(np.mean(data_classes == truth))

    if ax is None:
        figure = new_figure(operation, 6.0, 5.0)
        ax = figure.add_subplot()
    else:
        figure = ax.figure
    from matplotlib.colors import ListedColormap

    colours = [CLASS_COLOURS[k % len(CLASS_COLOURS)] for k in range(n_classes)]
    grid_classes = _classes(scores, threshold).reshape(gx.shape)
    ax.contourf(
        gx,
        gy,
        grid_classes,
        levels=np.arange(n_classes + 1) - 0.5,
        cmap=ListedColormap(colours),
        alpha=0.22,
        antialiased=True,
    )
    if n_outputs == 1:
        field = scores[:, 0].reshape(gx.shape)
        if field.min() < threshold < field.max():
            ax.contour(gx, gy, field, levels=[threshold], colors="#1a1a1a", linewidths=1.6)
    else:
        # Class k wins where s_k - max_{j != k} s_j > 0: its zero line is a smooth boundary.
        for k in range(n_outputs):
            others = np.delete(scores, k, axis=1).max(axis=1)
            margin = (scores[:, k] - others).reshape(gx.shape)
            if margin.min() < 0.0 < margin.max():
                ax.contour(gx, gy, margin, levels=[0.0], colors="#1a1a1a", linewidths=1.4)
    labels = np.unique(y)
    for k in range(n_classes):
        members = truth == k
        if not np.any(members):
            continue
        shown = (
            labels[labels > 0]
            if n_outputs == 1 and k == 1
            else (labels[labels <= 0] if n_outputs == 1 else [k])
        )
        ax.scatter(
            X[members, 0],
            X[members, 1],
            s=22,
            color=colours[k],
            edgecolors="#1a1a1a",
            linewidths=0.6,
            label=f"class {', '.join(f'{v:g}' for v in shown)}",
            zorder=3,
        )
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.set_title(f"decision boundary · accuracy {100 * accuracy:.1f}% on {len(y)} points")
    ax.legend(loc="best", fontsize=9, framealpha=0.85)
    return figure
