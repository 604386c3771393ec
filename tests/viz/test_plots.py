"""Plots: PNG files that are really pictures, and the data they plot checked against the math."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

import viz
from autograd import Value
from viz.plots import evaluator

mpl_image = pytest.importorskip("matplotlib.image")


def check_png(path: Path, min_width: int = 300) -> np.ndarray:
    """The image is a PNG of a reasonable size with real content (not one flat colour)."""
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = mpl_image.imread(path)
    height, width = image.shape[:2]
    assert width >= min_width and height >= 150
    rgb = image[..., :3].reshape(-1, 3)
    assert rgb.std() > 0.05
    assert len(np.unique(np.round(rgb, 2), axis=0)) > 20
    return image


def line(figure, title: str, label: str) -> tuple[np.ndarray, np.ndarray]:
    """The (x, y) data of the line called ``label`` in the panel titled ``title``."""
    for ax in figure.axes:
        if ax.get_title() == title:
            for artist in ax.get_lines():
                if artist.get_label() == label:
                    return np.asarray(artist.get_xdata()), np.asarray(artist.get_ydata())
    raise AssertionError(f"no line {label!r} in panel {title!r}")


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def test_activation_plot_is_a_real_png(tmp_path: Path) -> None:
    figure = viz.plot_activations(["sigmoid", "tanh", "relu"], derivatives=2)
    figure.savefig(tmp_path / "activations.png", dpi=60)
    check_png(tmp_path / "activations.png")


def test_sigmoid_derivative_peaks_at_a_quarter_at_zero() -> None:
    figure = viz.plot_activations(["sigmoid", "tanh"])
    xs, ys = line(figure, "sigmoid", "sigmoid'(x)")
    assert ys.max() == 0.25 and xs[np.argmax(ys)] == 0.0
    # the lecture's slip corrected: tanh' reaches 1 at x = 0, not at x = 1
    xs, ys = line(figure, "tanh", "tanh'(x)")
    assert ys.max() == 1.0 and xs[np.argmax(ys)] == 0.0
    assert ys[xs == 1.0] == pytest.approx(1 - math.tanh(1.0) ** 2)


def test_derivatives_match_closed_forms_and_central_differences() -> None:
    figure = viz.plot_activations(["sigmoid", "tanh", "gelu", "relu"], derivatives=2, points=81)
    xs, d1 = line(figure, "sigmoid", "sigmoid'(x)")
    s = np.array([sigmoid(x) for x in xs])
    assert d1 == pytest.approx(s * (1 - s), abs=1e-12)
    xs, d2 = line(figure, "tanh", "tanh''(x)")
    t = np.tanh(xs)
    assert d2 == pytest.approx(-2 * t * (1 - t**2), abs=1e-12)
    # GELU: compare with central differences of the plotted function itself
    xs, f = line(figure, "gelu", "gelu(x)")
    _, d1 = line(figure, "gelu", "gelu'(x)")
    h = 1e-5
    gelu = [Value(x).gelu().data for x in (xs + h)], [Value(x).gelu().data for x in (xs - h)]
    assert d1 == pytest.approx((np.array(gelu[0]) - np.array(gelu[1])) / (2 * h), abs=1e-7)
    assert f == pytest.approx(0.5 * xs * (1 + np.array([math.erf(x / math.sqrt(2)) for x in xs])))
    # ReLU: slope 0 left of the kink and at it (the engine's convention), 1 right of it
    xs, d1 = line(figure, "relu", "relu'(x)")
    assert set(d1[xs <= 0]) == {0.0} and set(d1[xs > 0]) == {1.0}


def test_any_function_of_one_value_can_be_plotted() -> None:
    def softsign(x: Value) -> Value:
        return x / (1 + abs(x))

    xs, d1 = line(viz.plot_activations(softsign, x_range=(1, 3)), "softsign", "softsign'(x)")
    assert d1 == pytest.approx(1 / (1 + xs) ** 2)
    assert xs[0] == 1.0 and xs[-1] == 3.0


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"names": ["swish"]}, "unknown activation 'swish'"),
        ({"names": []}, "names is empty"),
        ({"names": "tanh", "derivatives": 3}, "derivatives must be 0, 1 or 2"),
        ({"names": "tanh", "x_range": (2, 1)}, "from low to high"),
        ({"names": "tanh", "points": 2}, "points"),
    ],
)
def test_plot_activations_bad_input(kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        viz.plot_activations(**kwargs)


def test_history_plot(tmp_path: Path) -> None:
    loss = [1.0 / (1 + i) for i in range(50)]
    accuracy = [min(1.0, i / 30) for i in range(50)]
    figure = viz.plot_history({"loss": loss, "accuracy": accuracy})
    steps, ys = line(figure, "loss (last: 0.02)", "loss")
    assert list(ys) == loss and list(steps) == list(range(1, 51))
    assert list(line(figure, "accuracy (last: 1)", "accuracy")[1]) == accuracy
    figure.savefig(tmp_path / "history.png", dpi=60)
    check_png(tmp_path / "history.png")
    only_loss = viz.plot_history({"loss": [3, 2, 1]})
    assert len(only_loss.axes) == 1


def test_history_bad_input() -> None:
    with pytest.raises(ValueError, match=r"needs a 'loss' list, got keys \['acc'\]"):
        viz.plot_history({"acc": [1.0]})
    with pytest.raises(ValueError, match=r"history\['loss'\] is empty"):
        viz.plot_history({"loss": []})
    with pytest.raises(TypeError, match="must be a dict of lists"):
        viz.plot_history([1.0, 2.0])  # type: ignore[arg-type]


def test_missing_matplotlib_is_a_clear_import_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    for call in (
        lambda: viz.plot_history({"loss": [1.0]}),
        lambda: viz.plot_activations("tanh"),
        lambda: viz.plot_decision_boundary(lambda x: Value(0.0), [[0.0, 0.0]], [1]),
    ):
        with pytest.raises(ImportError, match="needs matplotlib.*pip install matplotlib"):
            call()


# ---------------------------------------------------------------- decision boundary


class TanhNet:
    """A stand-in two-layer net (the nn contract), also callable through the engine."""

    def __init__(self, seed: int, outputs: int = 1, activation: str = "tanh") -> None:
        rng = np.random.default_rng(seed)

        class Neuron:
            def __init__(self, nin: int, act: str) -> None:
                self.w = [Value(float(v)) for v in rng.normal(size=nin)]
                self.b = Value(float(rng.normal()))
                self.activation = act

        class Layer:
            def __init__(self, nin: int, nout: int, act: str) -> None:
                self.neurons = [Neuron(nin, act) for _ in range(nout)]

        self.layers = [Layer(2, 6, activation), Layer(6, outputs, "linear")]

    def __call__(self, x: list[float]) -> Value | list[Value]:
        values = [Value(v) for v in x]
        for layer in self.layers:
            out = []
            for n in layer.neurons:
                total = n.b
                for w, v in zip(n.w, values):
                    total = total + w * v
                out.append(total if n.activation == "linear" else getattr(total, n.activation)())
            values = out
        return values[0] if len(values) == 1 else values


def ring_data(seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.uniform(-2, 2, size=(60, 2))
    return X, (np.hypot(X[:, 0], X[:, 1]) < 1.2).astype(int)


def test_binary_boundary_png_and_accuracy(tmp_path: Path) -> None:
    X, y = ring_data(0)
    model = TanhNet(seed=1)
    figure = viz.plot_decision_boundary(model, X, y, resolution=60)
    scores = np.array([model(list(row)).data for row in X])
    accuracy = np.mean((scores > 0) == (y > 0))
    assert figure.axes[0].get_title() == (
        f"decision boundary · accuracy {100 * accuracy:.1f}% on 60 points"
    )
    figure.savefig(tmp_path / "boundary.png", dpi=60)
    check_png(tmp_path / "boundary.png", min_width=250)


def test_labels_minus_one_and_one_work_like_zero_and_one() -> None:
    X, y = ring_data(2)
    model = TanhNet(seed=3)
    a = viz.plot_decision_boundary(model, X, y, resolution=20).axes[0].get_title()
    b = viz.plot_decision_boundary(model, X, 2 * y - 1, resolution=20).axes[0].get_title()
    assert a == b


def test_multiclass_boundary_and_an_axes_of_ones_own() -> None:
    from matplotlib.figure import Figure

    X, y = ring_data(4)
    y = y + (X[:, 0] > 1).astype(int)  # three classes: 0, 1, 2
    model = TanhNet(seed=5, outputs=3)
    figure = Figure()
    ax = figure.add_subplot()
    assert viz.plot_decision_boundary(model, X, y, ax=ax, resolution=30) is figure
    scores = np.array([[o.data for o in model(list(row))] for row in X])
    accuracy = np.mean(scores.argmax(axis=1) == y)
    assert ax.get_title().startswith(f"decision boundary · accuracy {100 * accuracy:.1f}%")
    with pytest.raises(ValueError, match="needs labels 0 .. 2, got values from 0 to 5"):
        viz.plot_decision_boundary(model, X, y * 2.5, resolution=20)


def test_decision_boundary_bad_data() -> None:
    model = TanhNet(seed=0)
    with pytest.raises(ValueError, match=r"X must have shape \(n, 2\).*\(3, 3\)"):
        viz.plot_decision_boundary(model, np.zeros((3, 3)), [0, 1, 0])
    with pytest.raises(ValueError, match="y has 2 labels, expected 3"):
        viz.plot_decision_boundary(model, np.zeros((3, 2)), [0, 1])


@pytest.mark.parametrize(
    "activation", ["tanh", "sigmoid", "relu", "leaky_relu", "elu", "gelu", "softplus"]
)
def test_the_grid_replay_is_the_engine_forward(activation: str) -> None:
    nn = pytest.importorskip("nn")
    model = nn.MLP(2, [6, 5, 1], activation=activation, seed=7)
    points = np.random.default_rng(8).uniform(-25, 25, size=(50, 2))
    evaluate, replayed = evaluator(model, points[:5])
    assert replayed is True
    expected = np.array([[model(list(p)).data] for p in points])
    assert evaluate(points) == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_a_model_that_branches_on_its_input_falls_back_to_the_engine() -> None:
    nn = pytest.importorskip("nn")
    mlp = nn.MLP(2, [5, 1], seed=9)

    class Brancher:
        def __call__(self, x):  # the graph depends on the point: no single trace fits all
            xs = [v if isinstance(v, Value) else Value(v) for v in x]
            out = mlp(xs)
            return out * 2.0 if xs[0].data > 0 else out

    X, _ = ring_data(0)
    X = X[np.argsort(X[:, 0])]
    brancher = Brancher()
    evaluate, replayed = evaluator(brancher, np.vstack([X[:3], X[-3:]]))
    assert replayed is False
    assert evaluate(X[-3:])[:, 0] == pytest.approx([brancher(list(r)).data for r in X[-3:]])


def test_the_decision_boundary_grid_is_the_engines_values(monkeypatch) -> None:
    """The very scores the picture is drawn from, against the engine point by point."""
    nn = pytest.importorskip("nn")
    import viz.plots as plots

    X, y = nn.make_moons(60, noise=0.1, seed=0)
    model = nn.MLP(2, [8, 8, 3], activation="gelu", seed=1)
    seen = []
    original = plots.evaluator

    def spy(m, samples):
        evaluate, replayed = original(m, samples)
        seen.append(replayed)

        def recorded(points):
            scores = evaluate(points)
            seen.append((points.copy(), scores.copy()))
            return scores

        return recorded, replayed

    monkeypatch.setattr(plots, "evaluator", spy)
    viz.plot_decision_boundary(model, X, (y * 2).astype(int) % 3, resolution=30)
    assert seen[0] is True
    grid, scores = seen[1]
    assert grid.shape == (900, 2)
    expected = np.array([[o.data for o in model(list(p))] for p in grid])
    np.testing.assert_allclose(scores, expected, rtol=1e-12, atol=1e-12)


def test_the_real_nn_mlp_uses_the_fast_path() -> None:
    nn = pytest.importorskip("nn")
    X, y = nn.make_moons(100, noise=0.1, seed=0)
    for activation in ("relu", "tanh", "gelu_tanh"):
        model = nn.MLP(2, [16, 16, 1], activation=activation, seed=0)
        assert evaluator(model, X[:5])[1] is True
    figure = viz.plot_decision_boundary(model, X, y)
    accuracy = nn.accuracy(model, X, y)
    assert f"accuracy {100 * accuracy:.1f}%" in figure.axes[0].get_title()
