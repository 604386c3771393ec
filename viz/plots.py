"""Plots of activation functions (with derivatives from the engine) and training curves."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from autograd import Value, grad

from .mpl import new_figure, require_matplotlib

ACTIVATIONS: dict[str, Callable[[Value], Value]] = {
    "sigmoid": lambda x: x.sigmoid(),
    "tanh": lambda x: x.tanh(),
    "relu": lambda x: x.relu(),
    "leaky_relu": lambda x: x.leaky_relu(),
    "elu": lambda x: x.elu(),
    "gelu": lambda x: x.gelu(),
    "softplus": lambda x: x.softplus(),
}
LINE_STYLES = (
    {"color": "#1a1a1a", "linestyle": "-", "linewidth": 2.2},
    {"color": "#0072b2", "linestyle": "--", "linewidth": 2.0},
    {"color": "#d55e00", "linestyle": ":", "linewidth": 2.0},
)


def _resolve(
    operation: str, names: str | Sequence[Any]
) -> list[tuple[str, Callable[[Value], Value]]]:
    items = [names] if isinstance(names, str) or callable(names) else list(names)
    if not items:
        raise ValueError(f"{operation}: names is empty; give e.g. ['sigmoid', 'tanh']")
    resolved = []
    for item in items:
        if callable(item):
            resolved.append((getattr(item, "__name__", "f"), item))
        elif isinstance(item, str) and item in ACTIVATIONS:
            resolved.append((item, ACTIVATIONS[item]))
        else:
            raise ValueError(
                f"{operation}: unknown activation {item!r}; known: {', '.join(ACTIVATIONS)} "
                "(or pass a function of one Value)"
            )
    return resolved


def activation_grid(x_range: tuple[float, float], points: int) -> np.ndarray:
    """``points`` evenly spaced xs over ``x_range``, with 0 added when inside: kinks sit there."""
    lo, hi = (float(v) for v in x_range)
    xs = np.linspace(lo, hi, points)
    if lo < 0.0 < hi:
        xs = np.union1d(xs, [0.0])
    return xs


def plot_activations(
    names: str | Sequence[Any],
    x_range: tuple[float, float] = (-5.0, 5.0),
    derivatives: int = 1,
    points: int = 401,
) -> Any:
    """One panel per activation: the function and its first (and second) derivative.

    The derivatives are computed by the engine's autodiff (``grad(f)`` and
    ``grad(grad(f))``), not by hand-written formulas. Where the first derivative
    has a single interior peak, it is marked (sigmoid: 0.25 at x = 0; tanh: 1 at
    x = 0). Returns the matplotlib Figure; each line is labelled ``f(x)``,
    ``f'(x)``, ``f''(x)`` with f the activation's name.
    """
    operation = "plot_activations"
    require_matplotlib(operation)
    functions = _resolve(operation, names)
    if isinstance(derivatives, bool) or derivatives not in (0, 1, 2):
        raise ValueError(f"{operation}: derivatives must be 0, 1 or 2, got {derivatives!r}")
    if len(x_range) != 2 or not all(math.isfinite(float(v)) for v in x_range):
        raise ValueError(f"{operation}: x_range must be two finite numbers, got {x_range!r}")
    if not float(x_range[0]) < float(x_range[1]):
        raise ValueError(f"{operation}: x_range must go from low to high, got {x_range!r}")
    if isinstance(points, bool) or not isinstance(points, int) or points < 3:
        raise ValueError(f"{operation}: points must be an int of at least 3, got {points!r}")

    xs = activation_grid(x_range, points)
    columns = len(functions) if len(functions) <= 3 else (2 if len(functions) == 4 else 3)
    rows = math.ceil(len(functions) / columns)
    figure = new_figure(operation, 4.2 * columns, 3.3 * rows)
    axes = figure.subplots(rows, columns, squeeze=False).ravel()
    for ax in axes[len(functions) :]:
        ax.set_visible(False)

    for ax, (name, f) in zip(axes, functions):
        orders = [lambda x, f=f: f(Value(x)).data]
        if derivatives >= 1:
            orders.append(grad(f))
        if derivatives >= 2:
            orders.append(grad(grad(f)))
        ax.axhline(0.0, color="#bbbbbb", linewidth=0.8)
        ax.axvline(0.0, color="#bbbbbb", linewidth=0.8)
        for k, order in enumerate(orders):
            ys = np.array([float(order(float(x))) for x in xs])
            ax.plot(xs, ys, label=f"{name}{chr(39) * k}(x)", **LINE_STYLES[k])
            if k == 1:
                _mark_peak(ax, xs, ys, name)
        ax.set_title(name)
        ax.set_xlabel("x")
        ax.grid(True, alpha=0.3)
        ax.legend(loc="best", fontsize=9)
    return figure


def _mark_peak(ax: Any, xs: np.ndarray, ys: np.ndarray, name: str) -> None:
    """Mark the maximum of f' when it is one interior point (not a plateau, not an edge)."""
    i = int(np.argmax(ys))
    top = ys[i]
    if not 0 < i < len(ys) - 1 or np.count_nonzero(np.isclose(ys, top, rtol=0, atol=1e-12)) > 1:
        return
    ax.plot([xs[i]], [top], "o", color=LINE_STYLES[1]["color"], markersize=6)
    ax.annotate(
        f"max {name}' = {top:.4g}\nat x = {xs[i]:.3g}",
        (xs[i], top),
        textcoords="offset points",
        xytext=(10, -30),
        fontsize=9,
        color=LINE_STYLES[1]["color"],
        bbox={
            "boxstyle": "round,pad=0.2",
            "facecolor": "white",
            "edgecolor": "none",
            "alpha": 0.85,
        },
    )


def _series(operation: str, history: Mapping[str, Any], key: str) -> np.ndarray:
    values = np.asarray([float(v) for v in history[key]], dtype=float)
    if values.size == 0:
        raise ValueError(f"{operation}: history[{key!r}] is empty")
    return values


def plot_history(history: Mapping[str, Sequence[float]]) -> Any:
    """Training curves: loss per step (and accuracy, when the history has it).

    ``history`` maps "loss" (required) and "accuracy" (optional) to lists of
    numbers, one per step or epoch; "val_loss" and "val_accuracy" are drawn on
    the same panels when present. Returns the matplotlib Figure.
    """
    operation = "plot_history"
    if not isinstance(history, Mapping):
        raise TypeError(
            f"{operation}: history must be a dict of lists, got {type(history).__name__}"
        )
    if "loss" not in history:
        raise ValueError(
            f"{operation}: history needs a 'loss' list, got keys {sorted(map(str, history))}"
        )
    panels = [("loss", "loss")]
    if "accuracy" in history:
        panels.append(("accuracy", "accuracy"))
    figure = new_figure(operation, 5.0 * len(panels), 3.6)
    axes = figure.subplots(1, len(panels), squeeze=False).ravel()
    for ax, (key, title) in zip(axes, panels):
        values = _series(operation, history, key)
        steps = np.arange(1, values.size + 1)
        ax.plot(steps, values, color="#0072b2", linewidth=2.0, label=key)
        if f"val_{key}" in history:
            val = _series(operation, history, f"val_{key}")
            ax.plot(
                np.arange(1, val.size + 1),
                val,
                color="#d55e00",
                linewidth=2.0,
                linestyle="--",
                label=f"val_{key}",
            )
            ax.legend(fontsize=9)
        if key == "accuracy" and values.min() >= 0.0 and values.max() <= 1.0:
            ax.set_ylim(-0.02, 1.02)
        ax.set_title(f"{title} (last: {values[-1]:.4g})")
        ax.set_xlabel("step")
        ax.set_ylabel(key)
        ax.grid(True, alpha=0.3)
    return figure
