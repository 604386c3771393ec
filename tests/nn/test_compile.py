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


# ----------------------------------------------- the optimizer's update on arrays


@pytest.mark.parametrize(
    "make_optimizer",
    [
        lambda ps: nn.SGD(ps, lr=0.05, momentum=0.9, nesterov=True, weight_decay=1e-3),
        lambda ps: nn.SGD(ps, lr=nn.linear_decay(0.5, 0.05, 9), momentum=0.5, dampening=0.2),
        lambda ps: nn.Adam(ps, lr=0.02, weight_decay=1e-2, amsgrad=True),
        lambda ps: nn.AdamW(ps, lr=nn.linear_decay(0.05, 0.0, 9), betas=(0.8, 0.99)),
    ],
    ids=["nesterov", "dampening_schedule", "adam_amsgrad", "adamw_schedule"],
)
def test_eager_and_compiled_steps_alternate_on_one_optimizer(make_optimizer):
    """The running state (buffers, moments, step count, schedule) is the same for both kinds
    of step: 3 compiled, 3 eager, 3 compiled steps train as 9 eager ones."""
    eager, mixed = nn.MLP(2, [6, 1], seed=4), nn.MLP(2, [6, 1], seed=4)
    kw = {"l2": 1e-3, "progress": False}
    opt = make_optimizer(eager.parameters())
    want = nn.fit(eager, X2, SIGNS, "hinge", opt, steps=9, **kw)["loss"]
    opt = make_optimizer(mixed.parameters())
    got = []
    for compile in (True, False, True):
        got += nn.fit(mixed, X2, SIGNS, "hinge", opt, steps=3, compile=compile, **kw)["loss"]
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)
    assert opt.step_count == 9
    for p, q in zip(mixed.parameters(), eager.parameters()):
        assert p.data == pytest.approx(q.data, rel=1e-9, abs=1e-12)
        assert p.grad == pytest.approx(q.grad, rel=1e-9, abs=1e-12)  # .grad as eager leaves it


class PlainSGD:
    """An optimizer of one's own: only step() and zero_grad(), over .data and .grad."""

    def __init__(self, params, lr):
        self.params, self.lr = list(params), lr

    def zero_grad(self):
        for p in self.params:
            p.grad = 0.0

    def step(self):
        for p in self.params:
            p.data -= self.lr * p.grad


class LoggedSGD(nn.SGD):
    """One of ours with its own step(): the compiled step must call it."""

    calls = 0

    def step(self):
        LoggedSGD.calls += 1
        super().step()


@pytest.mark.parametrize(
    "make_optimizer",
    [
        lambda m: PlainSGD(m.parameters(), lr=0.1),
        lambda m: LoggedSGD(m.parameters(), lr=0.1, momentum=0.5),
        lambda m: nn.Adam(m.parameters()[::-1], lr=0.05),  # the same Values, another order
        lambda m: nn.SGD(m.parameters()[:-3], lr=0.1),  # the last neuron left out (frozen)
    ],
    ids=["own_optimizer", "own_step", "reordered", "subset"],
)
def test_optimizers_the_array_path_does_not_fit_train_as_eager(make_optimizer):
    LoggedSGD.calls = 0
    results = train_both(
        lambda: nn.MLP(2, [4, 1], seed=5), X2, SIGNS, "hinge", make_optimizer, steps=6, l2=1e-3
    )
    assert_same_training(results)
    assert LoggedSGD.calls in (0, 12)  # 6 eager steps, 6 compiled ones: each called step()


def test_a_compiled_step_that_would_overflow_changes_nothing_as_eager():
    """All or nothing through the array path: the same error as eager's step, the parameters
    as they were, the gradients written (as eager backward writes them) and no step counted."""
    from nn.train import compiled_step

    twins = nn.MLP(2, [4, 1], seed=3), nn.MLP(2, [4, 1], seed=3)
    errors, optimizers = [], []
    for model, compiled in zip(twins, (False, True)):
        model.parameters()[-1].data = 1e150  # the output's bias: L2 sends it 2e148
        opt = nn.SGD(model.parameters(), lr=1e300)
        optimizers.append(opt)
        with pytest.raises(FloatingPointError) as caught:
            if compiled:
                compiled_step(model, SIGNS, "hinge", l2=1e-2).step(X2, SIGNS, opt)
            else:
                loss = nn.hinge_loss([model(r) for r in X2.tolist()], SIGNS.tolist())
                opt.zero_grad()
                (loss + nn.l2_penalty(model, 1e-2)).backward()
                opt.step()
        errors.append(str(caught.value))
    assert errors[1] == errors[0]
    assert "SGD: step 1 would make parameter 16 non-finite (parameter 16 is 1e+150" in errors[1]
    start = nn.MLP(2, [4, 1], seed=3).parameters()
    start[-1].data = 1e150
    for p, q, s in zip(twins[1].parameters(), twins[0].parameters(), start):
        assert p.data == s.data  # unchanged
        assert p.grad == pytest.approx(q.grad, rel=1e-12, abs=1e-15)
    assert optimizers[1].step_count == 0


def test_an_l2_parameter_listed_twice_gets_both_terms_as_eager():
    from nn.train import compiled_step

    eager, compiled = nn.MLP(2, [3, 1], seed=1), nn.MLP(2, [3, 1], seed=1)
    loss = nn.hinge_loss([eager(r) for r in X2.tolist()], SIGNS.tolist())
    twice = eager.parameters() + eager.parameters()[:2]
    loss = loss + nn.l2_penalty(twice, 1e-2)
    loss.backward()
    params = compiled.parameters()
    step = compiled_step(compiled, SIGNS, "hinge", l2=1e-2, params=params + params[:2])
    value, _ = step.step(X2, SIGNS, nn.SGD(params, lr=0.1))
    assert value == pytest.approx(loss.data, rel=1e-12)
    assert [p.grad for p in params] == pytest.approx(
        [p.grad for p in eager.parameters()], rel=1e-12
    )


def test_a_parameter_list_changed_between_steps_is_laid_out_anew():
    """The step keeps where each number goes per optimizer; a parameter list edited in place
    (the same length, another Value) is seen, not written to the Value it used to hold."""
    from nn.train import compiled_step

    eager, compiled = nn.MLP(2, [3, 1], seed=2), nn.MLP(2, [3, 1], seed=2)
    for model, compile in ((eager, False), (compiled, True)):
        opt = nn.SGD(model.parameters(), lr=0.1)
        step = compiled_step(model, SIGNS, "hinge") if compile else None
        for k in range(3):
            if k == 2:
                opt.params[0] = nn.MLP(2, [3, 1], seed=9).parameters()[0]  # not in the model
            if step is not None:
                step.step(X2, SIGNS, opt)
            else:
                loss = nn.hinge_loss([model(r) for r in X2.tolist()], SIGNS.tolist())
                opt.zero_grad()
                loss.backward()
                opt.step()
    for p, q in zip(compiled.parameters(), eager.parameters()):
        assert p.data == pytest.approx(q.data, rel=1e-12, abs=1e-15)
        assert p.grad == pytest.approx(q.grad, rel=1e-12, abs=1e-15)
