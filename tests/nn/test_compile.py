"""nn.fit(compile=True): the same history and the same trained model as eager training."""

from __future__ import annotations

import numpy as np
import pytest

import nn


def train_both(make_model, X, y, loss, make_optimizer, **kw):
    """Eager and compiled training from the same start: (histories, parameters) of each."""
    results = []
    for compile in (False, True):
        model = make_model()
        history = nn.fit(
            model, X, y, loss, make_optimizer(model), progress=False, compile=compile, **kw
        )
        results.append((history, np.array([p.data for p in model.parameters()])))
    return results


def assert_same_training(results, tol=1e-9):
    (h_eager, p_eager), (h_compiled, p_compiled) = results
    np.testing.assert_allclose(h_compiled["loss"], h_eager["loss"], rtol=tol, atol=tol)
    assert h_compiled["accuracy"] == h_eager["accuracy"]
    np.testing.assert_allclose(p_compiled, p_eager, rtol=tol, atol=tol)


X2, Y2 = nn.make_moons(40, noise=0.1, seed=3)
SIGNS = 2 * Y2 - 1
XS, YS = nn.make_spirals(45, n_classes=3, noise=0.2, seed=1)


@pytest.mark.slow
def test_the_moons_demo_recipe_100_steps():
    results = train_both(
        lambda: nn.MLP(2, [16, 16, 1], seed=0),
        X2,
        SIGNS,
        "hinge",
        lambda m: nn.SGD(m.parameters(), lr=nn.linear_decay(1.0, 0.1, 100)),
        steps=100,
        l2=1e-4,
    )
    assert_same_training(results)


@pytest.mark.parametrize(
    "make_model",
    [
        lambda: nn.Neuron(2, "tanh", seed=0),
        lambda: nn.Layer(2, 1, "linear", seed=0),
        lambda: nn.MLP(2, [5, 1], activation="tanh", seed=0),
        lambda: nn.MLP(2, [5, 1], activation="sigmoid", seed=0),
        lambda: nn.MLP(2, [5, 1], activation="gelu", seed=0),
        lambda: nn.MLP(2, [5, 1], activation="elu", seed=0),
        lambda: nn.MLP(2, [5, 1], activation="leaky_relu", seed=0),
        lambda: nn.MLP(2, [5, 1], activation="softplus", seed=0),
        lambda: nn.MLP(2, [4, 4, 1], activation=lambda v: v.gelu("tanh"), seed=0),
    ],
    ids=["neuron", "layer", "tanh", "sigmoid", "gelu", "elu", "leaky", "softplus", "gelu_tanh"],
)
def test_every_model_and_activation(make_model):
    results = train_both(
        make_model, X2, SIGNS, "hinge", lambda m: nn.SGD(m.parameters(), lr=0.1), steps=8, l2=1e-3
    )
    assert_same_training(results)


@pytest.mark.parametrize(
    ("loss", "out", "targets", "output_activation"),
    [
        ("hinge", 1, SIGNS, None),
        ("mse", 1, Y2 * 0.5, None),
        ("bce", 1, Y2, "sigmoid"),
        ("bce_with_logits", 1, Y2, None),
        ("cross_entropy", 3, YS, None),
        (nn.cross_entropy, 3, YS, None),
    ],
    ids=["hinge", "mse", "bce", "bce_logits", "cross_entropy", "callable"],
)
def test_every_loss(loss, out, targets, output_activation):
    X = XS if out == 3 else X2
    results = train_both(
        lambda: nn.MLP(2, [6, out], output_activation=output_activation, seed=2),
        X,
        targets,
        loss,
        lambda m: nn.Adam(m.parameters(), lr=0.02),
        steps=10,
    )
    assert_same_training(results)


@pytest.mark.parametrize(
    "make_optimizer",
    [
        lambda m: nn.SGD(m.parameters(), lr=0.1),
        lambda m: nn.SGD(m.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=1e-3),
        lambda m: nn.SGD(m.parameters(), lr=0.05, momentum=0.8, dampening=0.1),
        lambda m: nn.SGD(m.parameters(), lr=nn.linear_decay(0.5, 0.05, 10)),
        lambda m: nn.Adam(m.parameters(), lr=0.01),
        lambda m: nn.Adam(m.parameters(), lr=0.01, weight_decay=1e-2, amsgrad=True),
        lambda m: nn.AdamW(m.parameters(), lr=nn.linear_decay(0.02, 0.0, 12)),
    ],
    ids=["sgd", "nesterov", "dampening", "schedule", "adam", "adam_amsgrad", "adamw"],
)
def test_every_optimizer_and_schedule(make_optimizer):
    results = train_both(
        lambda: nn.MLP(2, [8, 1], seed=1), X2, SIGNS, "hinge", make_optimizer, steps=12, l2=1e-4
    )
    assert_same_training(results)


def test_mini_batches_one_trace_per_model(monkeypatch):
    """40 = 16 + 16 + 8: two batch sizes, 9 steps, and one sample's graph planned once."""
    from autograd.plan import Plan

    planned = []
    original = Plan.build

    def spy(outputs, arguments):
        planned.append(len(arguments))
        return original(outputs, arguments)

    monkeypatch.setattr(Plan, "build", staticmethod(spy))
    results = train_both(
        lambda: nn.MLP(2, [6, 1], seed=0),
        X2,
        SIGNS,
        "hinge",
        lambda m: nn.SGD(m.parameters(), lr=0.1, momentum=0.9),
        epochs=3,
        batch_size=16,
        seed=7,
    )
    assert_same_training(results)
    assert planned == [2]  # one plan, of one sample (2 inputs), whatever the batch size


def test_mini_batch_steps_and_a_multiclass_model():
    results = train_both(
        lambda: nn.MLP(2, [8, 3], seed=0),
        XS,
        YS,
        "cross_entropy",
        lambda m: nn.Adam(m.parameters(), lr=0.05),
        steps=15,
        batch_size=10,
        seed=0,
    )
    assert_same_training(results)


def test_compiled_training_of_the_default_demo(capsys):
    from nn.demo import make_data, parse_args, train

    args = parse_args(["--no-progress", "--compile"])
    X, y = make_data(args)
    model, history = train(args, X, y)
    assert "compiled" in capsys.readouterr().out
    assert len(history["loss"]) == 100
    assert nn.accuracy(model, X, y) >= 0.98


X100, Y100 = nn.make_moons(100, noise=0.1, seed=4)


@pytest.mark.parametrize("batch_size", [1, 7, 100])
@pytest.mark.parametrize(
    ("make_model", "loss", "targets", "make_optimizer"),
    [
        (lambda: nn.MLP(2, [6, 1], seed=0), "hinge", 2 * Y100 - 1, lambda m: nn.SGD(m, lr=0.1)),
        (lambda: nn.MLP(2, [5, 3], seed=1), "cross_entropy", Y100 + (X100[:, 0] > 1), nn.Adam),
        (lambda: nn.Layer(2, 1, "tanh", seed=2), "mse", Y100 * 0.5, lambda m: nn.AdamW(m)),
        (
            lambda: nn.MLP(2, [4, 1], output_activation="sigmoid", seed=3),
            "bce",
            Y100,
            lambda m: nn.SGD(m, lr=0.2, momentum=0.5),
        ),
    ],
    ids=["hinge", "cross_entropy", "mse", "bce"],
)
def test_batch_sizes_1_7_and_100(batch_size, make_model, loss, targets, make_optimizer):
    results = train_both(
        make_model, X100, targets, loss, make_optimizer, steps=6, batch_size=batch_size,
        seed=1, l2=1e-3,
    )  # fmt: skip
    assert_same_training(results)


def test_a_loss_fit_does_not_map_runs_eagerly_on_the_replayed_outputs():
    def smooth_hinge(scores, targets):
        return nn.losses._sum([(1.0 - s * t).softplus() for s, t in zip(scores, targets)]) * 0.5

    results = train_both(
        lambda: nn.MLP(2, [6, 1], seed=0), X2, SIGNS, smooth_hinge,
        lambda m: nn.SGD(m.parameters(), lr=0.1), steps=10, batch_size=15, seed=2,
    )  # fmt: skip
    assert_same_training(results)


def test_a_model_that_branches_on_its_input_is_refused_before_training():
    from autograd import JitError

    inner = nn.MLP(2, [3, 1], seed=0)

    def model(x):
        out = inner(x)
        return out * 2.0 if float(x[0]) > 0 else out  # a Python branch on the sample

    X = np.array([[1.0, 0.5], [-1.0, 0.5]] * 10)
    before = [p.data for p in inner.parameters()]
    optimizer = nn.SGD(inner.parameters(), lr=0.1)
    with pytest.raises(JitError, match=r"fit\(compile=True\).*row \d+.*Train with compile=False"):
        nn.fit(model, X, SIGNS[:20], "hinge", optimizer, steps=3, progress=False, compile=True)
    assert [p.data for p in inner.parameters()] == before  # refused before the first update
    nn.fit(model, X, SIGNS[:20], "hinge", optimizer, steps=3, progress=False)  # eager is fine


def test_binary_cross_entropy_on_a_saturated_sigmoid_matches_eager():
    """bce clamps log p near 0 and 1 (a branch on the data): fit runs it eagerly."""

    def make_model():
        model = nn.Layer(2, 1, "sigmoid", seed=0)
        for p, v in zip(model.parameters(), [1.0, 0.0, 0.0]):
            p.data = v
        return model

    X = np.array([[100.0, 0.0], [-100.0, 0.0], [1.0, 0.0]])
    results = train_both(make_model, X, np.array([1, 0, 1]), "bce",
                         lambda m: nn.SGD(m.parameters(), lr=0.1), steps=3)  # fmt: skip
    assert_same_training(results)


def test_the_demo_step_is_one_small_per_sample_plan():
    """The figures the jit page quotes: one sample of the moons step, as fit traces it."""
    from nn.train import compiled_step

    model = nn.MLP(2, [16, 16, 1], seed=0)
    step = compiled_step(model, SIGNS, "hinge", l2=1e-4)
    plan = step.compiled.trace(X2[:1])
    assert (plan.traced_nodes, plan.nodes, plan.levels, len(plan.groups)) == (985, 410, 7, 8)
    assert [g.name for g in plan.groups].count("dot") == 3
    assert len(step.compiled.trace(X2).captured) == 337  # every parameter, read at each replay


def test_compiled_step_trains_as_eager_and_needs_parameters_for_l2():
    """The helper the benchmarks time is fit's step: one update matches an eager one."""
    from nn.train import compiled_step

    eager, compiled = nn.MLP(2, [4, 1], seed=3), nn.MLP(2, [4, 1], seed=3)
    loss = nn.hinge_loss([eager(r) for r in X2.tolist()], SIGNS.tolist())
    loss = loss + nn.l2_penalty(eager, 1e-2)
    loss.backward()
    step = compiled_step(compiled, SIGNS, "hinge", l2=1e-2)
    value, _ = step.step(X2, SIGNS, nn.SGD(compiled.parameters(), lr=0.1))
    assert value == pytest.approx(loss.data, rel=1e-12)
    expected = [p.data - 0.1 * p.grad for p in eager.parameters()]
    assert [p.data for p in compiled.parameters()] == pytest.approx(expected, rel=1e-12)
    with pytest.raises(TypeError, match="compiled_step: l2= needs a Module or params="):
        compiled_step(lambda x: x[0], SIGNS, "hinge", l2=1e-2)


def test_a_second_fit_call_replays_the_first_calls_trace_and_trains_as_eager():
    from nn.train import _STEPS

    eager, compiled = nn.MLP(2, [4, 1], seed=5), nn.MLP(2, [4, 1], seed=5)
    histories = []
    for model, compile in ((eager, False), (compiled, True)):
        runs = []
        for _ in range(2):  # two fit calls on the same model, the second from the first's end
            opt = nn.SGD(model.parameters(), lr=nn.linear_decay(1.0, 0.1, 5))
            kw = {"steps": 5, "l2": 1e-4, "progress": False, "compile": compile}
            runs.append(nn.fit(model, X2, SIGNS, "hinge", opt, **kw))
            if compile and len(runs) == 1:
                first_plan = _STEPS[model][1].compiled.trace(X2[:1])
        histories.append(runs)
    assert _STEPS[compiled][1].compiled.trace(X2[:1]) is first_plan  # not traced again
    for got, want in zip(histories[1], histories[0]):
        np.testing.assert_allclose(got["loss"], want["loss"], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(
        [p.data for p in compiled.parameters()], [p.data for p in eager.parameters()], rtol=1e-9
    )


def test_a_model_changed_between_fit_calls_is_traced_again():
    from nn.train import _STEPS

    model = nn.MLP(2, [4, 1], seed=6)
    opt = nn.SGD(model.parameters(), lr=0.1)
    nn.fit(model, X2, SIGNS, "hinge", opt, steps=2, progress=False, compile=True)
    old_plan = _STEPS[model][1].compiled.trace(X2[:1])
    for neuron in model.layers[0].neurons:  # same parameters, another activation
        neuron._activation = nn.activations.get_activation("tanh")
    reference = nn.MLP(2, [4, 1], seed=6)
    for p, q in zip(reference.parameters(), model.parameters()):
        p.data = q.data
    for neuron in reference.layers[0].neurons:
        neuron._activation = nn.activations.get_activation("tanh")
    got = nn.fit(model, X2, SIGNS, "hinge", opt, steps=3, progress=False, compile=True)
    want = nn.fit(reference, X2, SIGNS, "hinge", nn.SGD(reference.parameters(), lr=0.1),
                  steps=3, progress=False)  # fmt: skip
    assert _STEPS[model][1].compiled.trace(X2[:1]) is not old_plan
    np.testing.assert_allclose(got["loss"], want["loss"], rtol=1e-9, atol=1e-9)
