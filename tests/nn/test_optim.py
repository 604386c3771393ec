"""nn.optim: SGD, Adam and AdamW against PyTorch step for step, and hand-worked steps."""

from __future__ import annotations

import math

import pytest

from autograd import Value
from nn import MLP, SGD, Adam, AdamW, linear_decay

START = [0.5, -1.2, 2.0, 0.05]
TARGETS = [1.0, 0.5, -0.3, 2.0]
SCALES = [1.5, -0.7, 2.0, 0.3]


def objective(w, tanh, exp):
    """sum_i (a_i w_i - t_i)^2 + tanh(w0 w1) + exp(0.1 w2) + w3^4: written once for both engines."""
    total = tanh(w[0] * w[1]) + exp(0.1 * w[2]) + w[3] ** 4
    for wi, a, t in zip(w, SCALES, TARGETS):
        d = wi * a - t
        total = total + d * d
    return total


def run_ours(make_optimizer, steps=10):
    params = [Value(x) for x in START]
    optimizer = make_optimizer(params)
    trajectory = []
    for _ in range(steps):
        optimizer.zero_grad()
        objective(params, Value.tanh, Value.exp).backward()
        optimizer.step()
        trajectory.append([p.data for p in params])
    return trajectory


def run_torch(torch, make_optimizer, steps=10, schedule=None):
    params = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in START]
    optimizer = make_optimizer(params)
    trajectory = []
    for k in range(steps):
        if schedule is not None:
            for group in optimizer.param_groups:
                group["lr"] = schedule(k)
        optimizer.zero_grad()
        objective(params, torch.tanh, torch.exp).backward()
        optimizer.step()
        trajectory.append([p.item() for p in params])
    return trajectory


CASES = {
    "sgd": ({"lr": 0.05}, "SGD"),
    "sgd momentum": ({"lr": 0.05, "momentum": 0.9}, "SGD"),
    "sgd dampening": ({"lr": 0.05, "momentum": 0.8, "dampening": 0.3}, "SGD"),
    "sgd nesterov": ({"lr": 0.05, "momentum": 0.9, "nesterov": True}, "SGD"),
    "sgd weight decay": ({"lr": 0.05, "momentum": 0.5, "weight_decay": 0.1}, "SGD"),
    "adam": ({"lr": 0.1}, "Adam"),
    "adam betas eps": ({"lr": 0.05, "betas": (0.8, 0.9), "eps": 1e-3}, "Adam"),
    "adam weight decay": ({"lr": 0.1, "weight_decay": 0.05}, "Adam"),
    "adam amsgrad": ({"lr": 0.1, "amsgrad": True}, "Adam"),
    "adamw": ({"lr": 0.1}, "AdamW"),
    "adamw decay": ({"lr": 0.1, "weight_decay": 0.3, "betas": (0.5, 0.99)}, "AdamW"),
}
OURS = {"SGD": SGD, "Adam": Adam, "AdamW": AdamW}


@pytest.mark.parametrize("case", list(CASES))
def test_same_weights_as_pytorch_after_each_of_10_steps(case):
    torch = pytest.importorskip("torch")
    kwargs, name = CASES[case]
    ours = run_ours(lambda params: OURS[name](params, **kwargs))
    theirs = run_torch(torch, lambda params: getattr(torch.optim, name)(params, **kwargs))
    for step, (a, b) in enumerate(zip(ours, theirs), start=1):
        assert a == pytest.approx(b, rel=1e-12, abs=1e-14), f"step {step}"


def test_schedule_matches_pytorch_with_the_same_learning_rates():
    torch = pytest.importorskip("torch")
    schedule = linear_decay(0.2, 0.02, 10)
    ours = run_ours(lambda params: SGD(params, lr=schedule, momentum=0.5))
    theirs = run_torch(
        torch, lambda params: torch.optim.SGD(params, lr=1.0, momentum=0.5), schedule=schedule
    )
    for a, b in zip(ours, theirs):
        assert a == pytest.approx(b, rel=1e-12, abs=1e-14)


def test_linear_decay_matches_pytorch_linear_lr():
    torch = pytest.importorskip("torch")
    p = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([p], lr=1.0)
    scheduler = torch.optim.lr_scheduler.LinearLR(optimizer, 1.0, 0.1, total_iters=100)
    ours = linear_decay(1.0, 0.1, 100)
    for k in range(120):
        assert ours(k) == pytest.approx(optimizer.param_groups[0]["lr"], rel=1e-12)
        optimizer.step()
        scheduler.step()


# ------------------------------------------------------- hand-worked steps
# f(w) = w^2 from w = 1: the gradient is 2w.


def quadratic_steps(optimizer, w, steps):
    for _ in range(steps):
        optimizer.zero_grad()
        (w * w).backward()
        optimizer.step()
    return w.data


def test_sgd_by_hand():
    w = Value(1.0)
    assert quadratic_steps(SGD([w], lr=0.1), w, 1) == pytest.approx(0.8, rel=1e-15)  # 1 - 0.1*2


def test_sgd_momentum_by_hand():
    w = Value(1.0)
    optimizer = SGD([w], lr=0.1, momentum=0.9)
    assert quadratic_steps(optimizer, w, 1) == pytest.approx(0.8, rel=1e-15)  # b = g = 2
    # g = 1.6, b = 0.9*2 + 1.6 = 3.4, w = 0.8 - 0.34
    assert quadratic_steps(optimizer, w, 1) == pytest.approx(0.46, rel=1e-15)


def test_sgd_nesterov_by_hand():
    w = Value(1.0)
    # g = 2, b = 2, step direction g + 0.9 b = 3.8
    assert quadratic_steps(SGD([w], lr=0.1, momentum=0.9, nesterov=True), w, 1) == pytest.approx(
        0.62, rel=1e-15
    )


def test_sgd_weight_decay_by_hand():
    w = Value(1.0)
    # g = 2 + 0.1 * 1
    assert quadratic_steps(SGD([w], lr=0.1, weight_decay=0.1), w, 1) == pytest.approx(
        0.79, rel=1e-15
    )


def test_adam_by_hand():
    w = Value(1.0)
    optimizer = Adam([w], lr=0.1)
    # Step 1: m = 0.1 g, v = 0.001 g^2; bias-corrected m/(sqrt v) = g/|g| = 1.
    w1 = 1.0 - 0.1 * 2.0 / (2.0 + 1e-8)
    assert quadratic_steps(optimizer, w, 1) == pytest.approx(w1, rel=1e-15)
    # Step 2: g = 2 w1; m = 0.09*2 + 0.1 g; v = 0.999*0.001*4 + 0.001 g^2.
    g = 2 * w1
    m = 0.9 * 0.2 + 0.1 * g
    v = 0.999 * 0.004 + 0.001 * g * g
    w2 = w1 - 0.1 / (1 - 0.9**2) * m / (math.sqrt(v) / math.sqrt(1 - 0.999**2) + 1e-8)
    assert quadratic_steps(optimizer, w, 1) == pytest.approx(w2, rel=1e-14)


def test_adamw_by_hand():
    w = Value(1.0)
    # decay first, w (1 - lr wd), then the Adam step from the gradient at the old w
    expected = 1.0 * (1 - 0.1 * 0.5) - 0.1 * 2.0 / (2.0 + 1e-8)
    assert quadratic_steps(AdamW([w], lr=0.1, weight_decay=0.5), w, 1) == pytest.approx(
        expected, rel=1e-15
    )
    assert AdamW([Value(0.0)]).weight_decay == 0.01  # PyTorch's default


def test_adam_weight_decay_is_added_to_the_gradient():
    w, v = Value(1.0), Value(1.0)
    quadratic_steps(Adam([w], lr=0.1, weight_decay=2.0), w, 3)
    # w^2 + (wd/2) w^2 = 2 w^2 has gradient 4 w = 2 w + 2 * w: the same path
    opt = Adam([v], lr=0.1)
    for _ in range(3):
        opt.zero_grad()
        (2.0 * v * v).backward()
        opt.step()
    assert w.data == pytest.approx(v.data, rel=1e-14)


# ------------------------------------------------------------ the schedule


def test_linear_decay_values():
    lr = linear_decay(1.0, 0.1, 100)
    assert lr(0) == 1.0
    assert lr(50) == pytest.approx(0.55)
    assert lr(99) == pytest.approx(1.0 - 0.9 * 99 / 100)  # the best-known demo's last step
    assert lr(100) == pytest.approx(0.1) and lr(1000) == pytest.approx(0.1)
    assert linear_decay(0.0, 1.0, 4)(2) == 0.5  # warm-up works too


def test_optimizer_reads_the_schedule_at_its_step_count():
    seen = []

    def schedule(step):
        seen.append(step)
        return 0.5

    w = Value(1.0)
    optimizer = SGD([w], lr=schedule)
    quadratic_steps(optimizer, w, 3)
    assert seen == [0, 1, 2] and optimizer.step_count == 3
    assert optimizer.current_lr() == 0.5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((1.0, 0.1, 0), "steps must be a positive int"),
        ((1.0, 0.1, 2.5), "steps must be a positive int"),
        ((-1.0, 0.1, 10), "start must be a finite number >= 0"),
        ((1.0, math.nan, 10), "end must be a finite number >= 0"),
    ],
)
def test_linear_decay_bad_arguments(args, message):
    with pytest.raises(ValueError, match=message):
        linear_decay(*args)


def test_schedule_giving_a_bad_rate_fails_at_that_step():
    w = Value(1.0)
    optimizer = SGD([w], lr=lambda k: 0.1 if k < 2 else -1.0)
    quadratic_steps(optimizer, w, 2)
    with pytest.raises(ValueError, match=r"SGD \(schedule at step 2\): lr must be a finite number"):
        optimizer.step()


# ------------------------------------------------------------ housekeeping


def test_zero_grad_and_module_parameters():
    model = MLP(2, [3, 1], seed=0)
    optimizer = Adam(model)
    assert optimizer.params == model.parameters()
    model([1.0, 1.0]).backward()
    optimizer.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


def test_step_updates_data_only():
    w = Value(1.0)
    w.grad = 2.0
    SGD([w], lr=0.5).step()
    assert (w.data, w.grad) == (0.0, 2.0)


def test_a_step_to_infinity_is_an_error():
    w = Value(1e308)
    w.grad = -1e308
    with pytest.raises(FloatingPointError, match="SGD: step 1 would make parameter 0 non-finite"):
        SGD([w], lr=10.0).step()


@pytest.mark.parametrize("cls", [SGD, Adam, AdamW])
def test_bad_parameter_lists(cls):
    with pytest.raises(ValueError, match=f"{cls.__name__}: got an empty parameter list"):
        cls([])
    with pytest.raises(TypeError, match="parameter 1 must be a Value, got float"):
        cls([Value(1.0), 2.0])
    with pytest.raises(TypeError, match="params must be an iterable of Values"):
        cls(Value(1.0))
    w = Value(1.0)
    with pytest.raises(ValueError, match="parameter 1 .* appears more than once"):
        cls([w, w])


@pytest.mark.parametrize("cls", [SGD, Adam, AdamW])
@pytest.mark.parametrize("lr", [-0.1, math.nan, math.inf, "0.1"])
def test_bad_learning_rate(cls, lr):
    with pytest.raises(ValueError, match="lr must be a finite number >= 0"):
        cls([Value(1.0)], lr=lr)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"momentum": -0.1}, "momentum must be"),
        ({"dampening": -1.0}, "dampening must be"),
        ({"weight_decay": -1e-4}, "weight_decay must be"),
        ({"nesterov": True}, "Nesterov momentum requires a momentum > 0 and zero dampening"),
        ({"nesterov": True, "momentum": 0.9, "dampening": 0.1}, "Nesterov"),
    ],
)
def test_bad_sgd_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        SGD([Value(1.0)], lr=0.1, **kwargs)


@pytest.mark.parametrize("cls", [Adam, AdamW])
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"betas": (1.0, 0.999)}, r"beta1 must be a finite number in \[0, 1\)"),
        ({"betas": (0.9, -0.1)}, "beta2 must be"),
        ({"betas": (0.9,)}, r"betas must be a pair"),
        ({"betas": 0.9}, r"betas must be a pair"),
        ({"eps": -1e-8}, "eps must be"),
        ({"weight_decay": -0.1}, "weight_decay must be"),
    ],
)
def test_bad_adam_settings(cls, kwargs, message):
    with pytest.raises(ValueError, match=message):
        cls([Value(1.0)], **kwargs)


def test_repr():
    assert repr(SGD([Value(1.0)], lr=linear_decay(1.0, 0.1, 100))) == (
        "SGD(1 parameters, lr=linear_decay(1, 0.1, 100))"
    )
    assert repr(Adam([Value(1.0)], lr=0.01)) == "Adam(1 parameters, lr=0.01)"


# ------------------------------------------------ the array path (`update`)
# Each rule is written once and runs on whole float64 arrays or on one parameter's floats:
# both must give the same floats, step after step, and either may follow the other.


def objective_grads(values):
    """objective's value gradient at ``values``, by the eager engine."""
    params = [Value(x) for x in values]
    objective(params, Value.tanh, Value.exp).backward()
    return [p.grad for p in params]


def run_update(optimizer, forms, start=START):
    """Steps of ``optimizer.update``, the k-th on lists or arrays as ``forms[k]`` says:
    the parameters' values after each step."""
    np = pytest.importorskip("numpy")
    data = list(start)
    trajectory = []
    for form in forms:
        grad = objective_grads(data)
        if form == "arrays":
            new = optimizer.update(np.array(data), np.array(grad))
            assert isinstance(new, np.ndarray) and new.dtype == np.float64
            data = new.tolist()
        else:
            new = optimizer.update(list(data), grad)
            assert type(new) is list and all(type(x) is float for x in new)
            data = new
        trajectory.append(data)
    return trajectory


@pytest.mark.parametrize("case", list(CASES))
def test_arrays_and_floats_give_the_same_floats(case):
    kwargs, name = CASES[case]
    make = lambda: OURS[name]([Value(x) for x in START], **kwargs)  # noqa: E731
    on_floats = run_update(make(), ["floats"] * 8)
    on_arrays = run_update(make(), ["arrays"] * 8)
    mixed = run_update(make(), ["arrays", "floats", "floats", "arrays", "floats"] + ["arrays"] * 3)
    assert on_arrays == on_floats  # to the last bit
    assert mixed == on_floats
    assert on_floats == run_ours(lambda params: OURS[name](params, **kwargs), steps=8)


@pytest.mark.parametrize("case", list(CASES))
def test_alternating_forms_match_pytorch(case):
    torch = pytest.importorskip("torch")
    kwargs, name = CASES[case]
    ours = run_update(OURS[name]([Value(x) for x in START], **kwargs), ["floats", "arrays"] * 5)
    theirs = run_torch(torch, lambda params: getattr(torch.optim, name)(params, **kwargs))
    for step, (a, b) in enumerate(zip(ours, theirs), start=1):
        assert a == pytest.approx(b, rel=1e-12, abs=1e-14), f"step {step}"


def test_update_follows_the_schedule_and_counts_steps():
    np = pytest.importorskip("numpy")
    seen = []

    def schedule(k):
        seen.append(k)
        return 0.5 / (k + 1)

    optimizer = SGD([Value(1.0), Value(2.0)], lr=schedule)
    new = optimizer.update(np.array([1.0, 2.0]), np.array([1.0, -1.0]))
    assert new.tolist() == [0.5, 2.5] and optimizer.step_count == 1
    new = optimizer.update([0.5, 2.5], [1.0, 1.0])
    assert new == [0.25, 2.25] and optimizer.step_count == 2 and seen == [0, 1]
    assert [p.data for p in optimizer.params] == [1.0, 2.0]  # update touches no Value


def test_step_is_update_on_the_parameters_own_numbers():
    np = pytest.importorskip("numpy")
    w = [Value(x) for x in START]
    stepped = Adam(w, lr=0.1, amsgrad=True)
    updated = Adam([Value(x) for x in START], lr=0.1, amsgrad=True)
    data = list(START)
    for _ in range(4):
        grad = objective_grads(data)
        for p, g in zip(w, grad):
            p.grad = g
        stepped.step()
        data = updated.update(np.array(data), np.array(grad)).tolist()
        assert [p.data for p in w] == data
    assert isinstance(stepped.exp_avg, np.ndarray)  # the state is kept as arrays with numpy
    assert stepped.exp_avg.tolist() == updated.exp_avg.tolist()


@pytest.mark.parametrize("form", ["floats", "arrays"])
@pytest.mark.parametrize(
    ("make", "grad", "what"),
    [
        (lambda ps: SGD(ps, lr=1e10), [1.0, 1e300], "parameter 1"),
        (lambda ps: SGD(ps, lr=1.0, momentum=0.9), [1.0, math.inf], "parameter 1"),
        (lambda ps: Adam(ps, lr=0.1), [1.0, 1e200], r"its state exp_avg_sq\[1\]"),
    ],
)
def test_a_non_finite_update_changes_nothing_in_either_form(form, make, grad, what):
    np = pytest.importorskip("numpy")
    optimizer = make([Value(1.0), Value(2.0)])
    optimizer.update([1.0, 2.0], [0.5, 0.5])  # one good step, so that there is state
    before = {k: np.array(v).tolist() if v is not None else None for k, v in vars(optimizer).items()
              if k != "params"}  # fmt: skip
    data = [0.5, 1.5]
    args = (np.array(data), np.array(grad)) if form == "arrays" else (data, grad)
    with pytest.raises(
        FloatingPointError,
        match=rf"step 2 would make {what} non-finite \(parameter \d is .*, its gradient .*\); "
        "nothing was changed",
    ):
        optimizer.update(*args)
    after = {k: np.array(v).tolist() if v is not None else None for k, v in vars(optimizer).items()
             if k != "params"}  # fmt: skip
    assert after == before and optimizer.step_count == 1


def test_update_refuses_the_wrong_number_of_values():
    optimizer = SGD([Value(1.0), Value(2.0)], lr=0.1)
    with pytest.raises(
        ValueError, match=r"SGD.update: expected 2 values and 2 gradients .* got 3 and 2"
    ):
        optimizer.update([1.0, 2.0, 3.0], [0.1, 0.2])
    assert optimizer.step_count == 0


@pytest.mark.parametrize("form", ["floats", "arrays"])
def test_adam_without_eps_on_a_zero_gradient_is_refused_in_either_form(form):
    """m / (sqrt(v) + 0) is 0 / 0: numpy makes it nan, floats raise ZeroDivisionError;
    both are the same refusal."""
    np = pytest.importorskip("numpy")
    optimizer = Adam([Value(1.0), Value(2.0)], lr=0.1, eps=0.0)
    data, grad = [1.0, 2.0], [0.0, 1.0]
    args = (np.array(data), np.array(grad)) if form == "arrays" else (data, grad)
    with pytest.raises(FloatingPointError, match=r"step 1 would make parameter 0 non-finite"):
        optimizer.update(*args)
    assert optimizer.step_count == 0 and np.array(optimizer.exp_avg).tolist() == [0.0, 0.0]
