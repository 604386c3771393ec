"""matplotlib plots: activation functions with their derivatives, training curves, decision
boundaries.

matplotlib is imported on first use, with a clear error when it is missing. Outside Jupyter,
figures are made without pyplot's global figure list: nothing opens a window and nothing
piles up (they draw on the non-interactive Agg canvas; `Figure.savefig` writes them). In
Jupyter the returned figure is shown once, inline.

A decision boundary needs the model on tens of thousands of grid points. The engine traces
the model on one point and replays that graph on every grid point at once (`autograd.vmap`):
one array backend, the very ops and parameters of the model. The replay is only trusted
after it agrees with the engine on sample points (a model that branches on its input does
not); otherwise the engine evaluates the grid point by point, on a coarser grid.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from autograd import Value, grad, no_grad, topological_order
from autograd.checks import int_at_least
from autograd.optional import LazyModule

from .language import tr

if TYPE_CHECKING:
    import numpy as np
else:  # the plots need numpy, viz's diagrams do not
    np = LazyModule("numpy", "viz's plots (plot_activations, plot_decision_boundary, plot_history)")


def _in_jupyter() -> bool:
    if "ipykernel" not in sys.modules:
        return False
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def require_matplotlib(operation: str) -> Any:
    """The matplotlib module, or an ImportError saying how to install it."""
    try:
        import matplotlib
    except ImportError as error:
        raise ImportError(
            f"{operation} needs matplotlib, which is not installed. Install it with "
            "`pip install matplotlib` (or `conda install matplotlib`), then restart Python."
        ) from error
    return matplotlib


def new_figure(operation: str, width: float, height: float) -> Any:
    """A new matplotlib Figure of ``width`` x ``height`` inches (constrained layout)."""
    require_matplotlib(operation)
    if _in_jupyter():
        # Made through pyplot so that the inline backend (and IPython's display of
        # Figure objects) is switched on; closed at once so that pyplot does not show
        # it again at the end of the cell: it appears once, as the cell's result.
        import matplotlib.pyplot as plt

        figure = plt.figure(figsize=(width, height), layout="constrained")
        plt.close(figure)
        return figure
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


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
    int_at_least(points, "points", operation, 3)

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
        tr("max {name}' = {top}\nat x = {x}", name=name, top=f"{top:.4g}", x=f"{xs[i]:.3g}"),
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
        ax.plot(steps, values, color="#0072b2", linewidth=2.0, label=tr(key))
        if f"val_{key}" in history:
            val = _series(operation, history, f"val_{key}")
            ax.plot(
                np.arange(1, val.size + 1),
                val,
                color="#d55e00",
                linewidth=2.0,
                linestyle="--",
                label=tr(f"val_{key}"),
            )
            ax.legend(fontsize=9)
        if key == "accuracy" and values.min() >= 0.0 and values.max() <= 1.0:
            ax.set_ylim(-0.02, 1.02)
        ax.set_title(tr("{title} (last: {last})", title=tr(title), last=f"{values[-1]:.4g}"))
        ax.set_xlabel(tr("step"))
        ax.set_ylabel(tr(key))
        ax.grid(True, alpha=0.3)
    return figure


# Engine ops the fallback may spend on one picture (grid points x ops per forward).
ENGINE_OP_BUDGET = 1_500_000
# Floats one replay chunk may hold ((nodes, points) values): about 16 MB.
REPLAY_FLOATS = 2_000_000


def replay_forward(model: Any) -> Callable[[np.ndarray], np.ndarray]:
    """A function (n, d) -> (n, k): ``model`` on every row at once, by the engine's batched
    replay (`autograd.vmap`: one point's graph traced, replayed on the rows in chunks)."""
    from autograd import vmap

    compiled = vmap(lambda x: model(x))

    def forward(points: np.ndarray) -> np.ndarray:
        points = np.asarray(points, dtype=np.float64)
        plan = compiled.trace(points[:1])
        chunk = max(1, REPLAY_FLOATS // plan.nodes)
        parts = [compiled(points[i : i + chunk]) for i in range(0, len(points), chunk)]
        scores = np.concatenate(parts)
        return scores.reshape(len(points), -1)

    return forward


def engine_outputs(model: Any, point: np.ndarray) -> list[float]:
    """The model's outputs at one point, by the engine (no graph recorded)."""
    with no_grad():
        out = model([float(v) for v in point])
    return [o.data for o in out] if isinstance(out, (list, tuple)) else [out.data]


def ops_per_forward(model: Any, point: np.ndarray) -> int:
    """How many nodes one forward pass records: the engine's cost of one point."""
    out = model([float(v) for v in point])
    outs = list(out) if isinstance(out, (list, tuple)) else [out]
    return max(len(topological_order(*outs)), 1)


def evaluator(model: Any, samples: np.ndarray) -> tuple[Callable[[np.ndarray], np.ndarray], bool]:
    """The fastest trustworthy way to evaluate ``model``: (function (n, d) -> (n, k), replayed).

    The batched replay of one point's graph is used only if it agrees with the engine at
    every sample point: a model whose graph depends on the point (a Python ``if`` on
    ``.data``, a number read out of a Value) is evaluated by the engine, point by point.
    """
    from autograd.plan import JitError  # the replay needs numpy; so do the plots, not viz

    fast = replay_forward(model)
    expected = np.array([engine_outputs(model, p) for p in samples])
    try:
        with np.errstate(all="ignore"):
            got = fast(samples)
    except (JitError, ArithmeticError, TypeError, ValueError):
        got = None  # not replayable (or not at these points): the engine it is
    if got is not None and got.shape == expected.shape:
        if np.allclose(got, expected, rtol=1e-9, atol=1e-12):
            return fast, True

    def slow(points: np.ndarray) -> np.ndarray:
        return np.array([engine_outputs(model, p) for p in points], dtype=float)

    return slow, False


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
    by the engine's batched replay of one point's graph (checked against the engine at a
    few points first); a model that fails the check is evaluated point by point, on a grid
    coarse enough to stay quick. Returns the Figure
    (the one holding ``ax``, when given).
    """
    operation = "plot_decision_boundary"
    require_matplotlib(operation)  # before the grid is evaluated, not after
    X, y = _check_data(X, y)
    int_at_least(resolution, "resolution", operation, 10)
    threshold = float(threshold)

    span = X.max(axis=0) - X.min(axis=0)
    pad = np.maximum(0.1 * span, 0.5)
    lo, hi = X.min(axis=0) - pad, X.max(axis=0) + pad

    corners = np.array([lo, hi, [lo[0], hi[1]], [hi[0], lo[1]]])
    evaluate, replayed = evaluator(model, np.vstack([corners, X[:4]]))
    if not replayed:
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
            label=tr("class {names}", names=", ".join(f"{v:g}" for v in shown)),
            zorder=3,
        )
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_xlabel("x0")
    ax.set_ylabel("x1")
    ax.set_title(
        tr(
            "decision boundary · accuracy {accuracy}% on {n} points",
            accuracy=f"{100 * accuracy:.1f}",
            n=len(y),
        )
    )
    ax.legend(loc="best", fontsize=9, framealpha=0.85)
    return figure
