"""nn.train: fit (steps, epochs, minibatches, L2, progress bar), predict and accuracy."""

from __future__ import annotations

import gc
import io
import math

import numpy as np
import pytest

from autograd import Value
from nn import (
    MLP,
    SGD,
    Adam,
    Neuron,
    accuracy,
    cross_entropy,
    fit,
    hinge_loss,
    l2_penalty,
    make_moons,
    make_spirals,
    predict,
)
from nn.train import predict_scores


def small_problem(n=12, seed=0):
    X, y = make_moons(n, noise=0.1, seed=seed)
    return X, 2 * y - 1


def test_history_has_one_float_per_step():
    X, y = small_problem()
    model = MLP(2, [4, 1], seed=0)
    history = fit(model, X, y, hinge_loss, SGD(model, lr=0.1), steps=5, progress=False)
    assert set(history) == {"loss", "accuracy"}
    assert len(history["loss"]) == len(history["accuracy"]) == 5
    assert all(type(v) is float for v in history["loss"] + history["accuracy"])
    assert all(0.0 <= a <= 1.0 for a in history["accuracy"])


def test_a_step_is_forward_loss_backward_update():
    X, y = small_problem()
    model, twin = MLP(2, [4, 1], seed=0), MLP(2, [4, 1], seed=0)
    history = fit(model, X, y, hinge_loss, SGD(model, lr=0.1), steps=3, l2=1e-2, progress=False)
    optimizer = SGD(twin, lr=0.1)
    losses = []
    for _ in range(3):
        scores = [twin(row) for row in X]
        total = hinge_loss(scores, y.tolist()) + l2_penalty(twin, 1e-2)
        twin.zero_grad()
        total.backward()
        optimizer.step()
        losses.append(total.data)
    assert history["loss"] == pytest.approx(losses, rel=1e-14)
    assert model.state_dict() == pytest.approx(twin.state_dict(), rel=1e-14)


def test_recorded_accuracy_is_the_batch_accuracy_before_the_update():
    X, y = small_problem()
    model = MLP(2, [4, 1], seed=0)
    before = accuracy(model, X, y)
    history = fit(model, X, y, "hinge", SGD(model, lr=0.1), steps=1, progress=False)
    assert history["accuracy"] == [before]


def test_epochs_with_minibatches():
    X, y = small_problem(n=10)
    model = MLP(2, [4, 1], seed=0)
    optimizer = SGD(model, lr=0.05)
    history = fit(
        model, X, y, hinge_loss, optimizer, epochs=3, batch_size=4, seed=0, progress=False
    )
    assert len(history["loss"]) == 3
    assert optimizer.step_count == 3 * 3  # batches of 4, 4, 2 per epoch


def test_steps_with_minibatches_and_seed_are_reproducible():
    X, y = small_problem(n=10)
    runs = []
    for _ in range(2):
        model = MLP(2, [4, 1], seed=0)
        runs.append(
            fit(
                model,
                X,
                y,
                hinge_loss,
                SGD(model, lr=0.05),
                steps=4,
                batch_size=3,
                seed=1,
                progress=False,
            )
        )
    assert runs[0] == runs[1]


def test_batch_size_larger_than_the_data_is_full_batch():
    X, y = small_problem(n=6)
    model = MLP(2, [3, 1], seed=0)
    optimizer = SGD(model, lr=0.05)
    fit(model, X, y, hinge_loss, optimizer, epochs=2, batch_size=100, progress=False)
    assert optimizer.step_count == 2


def test_loss_decreases_on_moons():
    X, y = small_problem(n=40)
    model = MLP(2, [8, 1], seed=0)
    history = fit(
        model, X, y, hinge_loss, SGD(model, lr=0.2, momentum=0.9), steps=40, progress=False
    )
    assert history["loss"][-1] < 0.5 * history["loss"][0]


def test_callback_sees_each_entry():
    X, y = small_problem()
    model = MLP(2, [3, 1], seed=0)
    calls = []
    fit(
        model,
        X,
        y,
        hinge_loss,
        SGD(model, lr=0.1),
        steps=3,
        progress=False,
        callback=lambda i, h: calls.append((i, len(h["loss"]))),
    )
    assert calls == [(0, 1), (1, 2), (2, 3)]


def test_garbage_collection_is_left_as_it_was():
    X, y = small_problem()
    model = MLP(2, [3, 1], seed=0)
    assert gc.isenabled()
    fit(model, X, y, hinge_loss, SGD(model, lr=0.1), steps=2, progress=False)
    assert gc.isenabled()
    gc.disable()
    try:
        fit(model, X, y, hinge_loss, SGD(model, lr=0.1), steps=1, progress=False)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_cross_entropy_for_several_outputs():
    X, y = make_spirals(30, n_classes=3, seed=0)
    model = MLP(2, [8, 3], seed=0)
    history = fit(model, X, y, cross_entropy, Adam(model, lr=0.05), steps=3, progress=False)
    outputs = [model(row) for row in X]
    assert history["loss"][-1] > 0 and math.isfinite(cross_entropy(outputs, y.tolist()).data)


# ---------------------------------------------------------- progress bar


def run_quietly(progress):
    X, y = small_problem(n=6)
    model = MLP(2, [3, 1], seed=0)
    fit(model, X, y, hinge_loss, SGD(model, lr=0.1), steps=2, progress=progress)


def test_progress_bar_when_asked(capsys):
    run_quietly(True)
    err = capsys.readouterr().err
    assert "training" in err and "2/2" in err and "loss=" in err


def test_no_progress_bar_when_told(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    run_quietly(False)
    assert capsys.readouterr().err == ""


def test_automatic_progress_follows_whether_stdout_is_a_terminal(capsys, monkeypatch):
    run_quietly(None)  # under pytest stdout is captured: not a terminal
    assert capsys.readouterr().err == ""
    monkeypatch.setattr("sys.stdout", io.StringIO())
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    run_quietly(None)
    assert "2/2" in capsys.readouterr().err


# --------------------------------------------------------------- bad input


def fit_with(**overrides):
    X, y = small_problem(n=6)
    model = MLP(2, [3, 1], seed=0)
    arguments = {
        "model": model,
        "X": X,
        "y": y,
        "loss": hinge_loss,
        "optimizer": SGD(model, lr=0.1),
        "steps": 1,
        "progress": False,
    }
    arguments.update(overrides)
    return fit(**arguments)


@pytest.mark.parametrize(
    ("overrides", "error", "message"),
    [
        ({"epochs": 2}, ValueError, "give exactly one of steps= and epochs="),
        ({"steps": None}, ValueError, "give exactly one of steps= and epochs="),
        ({"steps": 0}, ValueError, "steps must be a positive int, got 0"),
        ({"steps": None, "epochs": 1.5}, ValueError, "epochs must be a positive int"),
        ({"batch_size": 0}, ValueError, "batch_size must be a positive int"),
        ({"l2": -1e-4}, ValueError, "l2 must be a number >= 0"),
        ({"X": np.zeros(6)}, ValueError, r"fit: X must be 2-D"),
        ({"y": np.ones(5)}, ValueError, "fit: X has 6 samples but y has 5 labels"),
        ({"loss": "hinj"}, ValueError, "loss: unknown name 'hinj'"),
        ({"loss": 3}, TypeError, "loss: expected a name or a callable"),
        (
            {"loss": lambda o, t: hinge_loss(o, t, reduction="none")},
            TypeError,
            "the loss must return a Value",
        ),
        ({"y": np.zeros(6)}, ValueError, r"hinge_loss: targets must be -1 or \+1"),
        ({"X": np.zeros((6, 3))}, ValueError, "MLP: expected 2 inputs, got 3"),
        ({"optimizer": None}, TypeError, r"optimizer must have step\(\) and zero_grad\(\)"),
        ({"model": "mlp"}, TypeError, "model must be callable"),
    ],
)
def test_bad_arguments(overrides, error, message):
    with pytest.raises(error, match=message):
        fit_with(**overrides)


def test_l2_needs_a_module():
    model = MLP(2, [3, 1], seed=0)
    with pytest.raises(TypeError, match="l2= needs a Module"):
        fit_with(model=lambda x: model(x), l2=1e-4)


# ---------------------------------------------------------- predict, accuracy


def line_model() -> Neuron:
    """score = x0 - x1: positive below the diagonal."""
    neuron = Neuron(2, "linear", seed=0)
    neuron.w[0].data, neuron.w[1].data, neuron.b.data = 1.0, -1.0, 0.0
    return neuron


POINTS = np.array([[2.0, 0.0], [0.0, 2.0], [1.0, 0.7], [0.0, 0.3]])


def test_predict_binary_with_threshold():
    model = line_model()
    np.testing.assert_allclose(predict_scores(model, POINTS), [2.0, -2.0, 0.3, -0.3], rtol=1e-15)
    np.testing.assert_array_equal(predict(model, POINTS), [1, 0, 1, 0])
    np.testing.assert_array_equal(predict(model, POINTS, threshold=0.5), [1, 0, 0, 0])
    assert predict(model, POINTS).dtype == np.int64


def test_accuracy_takes_labels_0_1_or_minus_1_plus_1():
    model = line_model()
    assert accuracy(model, POINTS, [1, 0, 1, 0]) == 1.0
    assert accuracy(model, POINTS, [1, -1, 1, -1]) == 1.0
    assert accuracy(model, POINTS, [1, 1, 1, 1]) == 0.5
    assert accuracy(model, POINTS, [1, 0, 1, 0], threshold=0.5) == 0.75


def test_predict_several_outputs_is_the_argmax():
    def model(x):
        return [Value(x[0]), Value(x[1]), Value(1.5)]

    np.testing.assert_array_equal(predict(model, POINTS), [0, 1, 2, 2])
    assert predict_scores(model, POINTS).shape == (4, 3)
    assert accuracy(model, POINTS, [0, 1, 2, 0]) == 0.75


def test_predict_records_no_graph():
    model = MLP(2, [3, 1], seed=0)
    predict(model, POINTS)
    assert all(p.grad == 0.0 for p in model.parameters())


def test_predict_and_accuracy_bad_input():
    with pytest.raises(ValueError, match="predict: X must be 2-D"):
        predict(line_model(), [1.0, 2.0])
    with pytest.raises(ValueError, match="accuracy: X has 4 samples but y has 3 labels"):
        accuracy(line_model(), POINTS, [0, 1, 0])


# ------------------------------------------------------------ what it must show


def test_three_class_spiral_with_cross_entropy_and_adam_reaches_95_percent():
    X, y = make_spirals(60, n_classes=3, noise=0.2, seed=0)
    model = MLP(2, [10, 10, 3], activation="tanh", seed=0)
    history = fit(model, X, y, cross_entropy, Adam(model, lr=0.1), steps=60, progress=False)
    assert accuracy(model, X, y) >= 0.95
    assert history["loss"][-1] < 0.1 * history["loss"][0]
