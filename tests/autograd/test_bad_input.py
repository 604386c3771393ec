"""What happens on bad input: clear errors, never a silent inf or NaN, all or nothing.

One test (or a few) per rule of the numeric policy (overflowing gradients, all or
nothing, optimizer steps), then a Hypothesis property: random
expressions over every op of `autograd.ops.OPS`, with leaves at the extremes of
the float range, never give a non-finite gradient without an error, at first
and second order, and a failed backward leaves every ``.grad`` as it was.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nn
from autograd import Value, grad, gradients, ops, topological_order

# ------------------------------------------------- 1. overflowing gradients


@pytest.mark.parametrize(
    "build, op",
    [
        (lambda x: 1.0 / x, "'/'"),
        (lambda x: 1 / x - 1 / x, "'/'"),
    ],
)
def test_an_overflowing_gradient_is_an_error_naming_the_op(build, op):
    x = Value(1e-300)
    with pytest.raises(OverflowError, match=f"backward: the derivative of {op} overflowed.*1e-300"):
        build(x).backward()
    assert x.grad == 0.0


def test_log_near_zero_overflows_with_a_clear_error():
    x = Value(1e-320)
    with pytest.raises(OverflowError, match=r"derivative of 'log' overflowed at x=1e-320.*inf"):
        x.log().backward()
    assert x.grad == 0.0


def test_second_order_overflow_is_an_error():
    with pytest.raises(OverflowError, match="derivative of '/' overflowed"):
        grad(grad(Value.log))(1e-300)


def test_create_graph_overflow_names_the_rule():
    x = Value(1e-300)
    with pytest.raises(OverflowError, match=r"gradients: the derivative of '/' overflowed"):
        gradients(1.0 / x, [x], create_graph=True)


def test_gradients_that_add_up_past_the_float_range():
    x = Value(1e-10)
    y = x * 1e308 + x * 1e308  # finite, but dy/dx = 2e308
    with pytest.raises(OverflowError, match="gradient of a leaf overflowed"):
        y.backward()
    assert x.grad == 0.0


def test_accumulating_past_the_float_range_restores_the_gradients():
    x = Value(1.0)
    y = x * 1e308
    y.backward()
    with pytest.raises(OverflowError, match="accumulated gradient .* overflowed"):
        y.backward()
    assert (x.grad, y.grad) == (1e308, 1.0)


def test_large_finite_gradients_still_pass():
    # the fast check sums the leaves' gradients: a big sum alone is not an error
    a, b = Value(1e-10), Value(1e-10)
    y = a * 1e308 + b * 1e308
    y.backward()
    assert (a.grad, b.grad) == (1e308, 1e308)


# ------------------------------------------------------ 2. and 3. all or nothing


def test_a_failed_backward_keeps_earlier_gradients():
    a, b = Value(0.0), Value(3.0)
    (a * b).backward()
    assert (a.grad, b.grad) == (3.0, 0.0)
    with pytest.raises(ZeroDivisionError):
        (a.sqrt() * b + a).backward()
    assert (a.grad, b.grad) == (3.0, 0.0)


def test_a_failed_backward_on_a_fresh_graph_leaves_zeros():
    a = Value(0.0)
    y = a.sqrt() + a
    with pytest.raises(ZeroDivisionError):
        y.backward()
    assert all(node.grad == 0.0 for node in topological_order(y))


def test_a_failed_gradients_call_leaves_grad_alone():
    x = Value(0.0)
    y = x.sqrt() + x
    x.grad = 5.0
    with pytest.raises(ZeroDivisionError):
        gradients(y, [x])
    assert (x.grad, y.grad) == (5.0, 0.0)


# --------------------------------------------------------- 4. optimizers


def _grads(params, grads):
    for p, g in zip(params, grads):
        p.grad = g


@pytest.mark.parametrize(
    "make",
    [
        lambda ps: nn.SGD(ps, lr=1e10),
        lambda ps: nn.SGD(ps, lr=1e10, momentum=0.9, nesterov=True),
        lambda ps: nn.SGD(ps, lr=1e10, momentum=0.5, dampening=0.5, weight_decay=0.1),
        lambda ps: nn.Adam(ps, lr=0.1),
        lambda ps: nn.Adam(ps, lr=0.1, amsgrad=True, weight_decay=0.1),
        lambda ps: nn.AdamW(ps, lr=0.1),
    ],
)
def test_a_step_that_would_overflow_changes_nothing(make):
    q, p = Value(1.0), Value(1.0)
    opt = make([q, p])
    _grads([q, p], [1.0, 0.5])
    opt.step()  # one good step, so that there is state to keep
    before = ([q.data, p.data], {k: v for k, v in vars(opt).items() if k != "params"})
    before = json.dumps(before, default=repr)
    _grads([q, p], [1.0, 1e300])
    with pytest.raises(FloatingPointError, match="step 2 would make .* non-finite.*nothing"):
        opt.step()
    after = ([q.data, p.data], {k: v for k, v in vars(opt).items() if k != "params"})
    assert json.dumps(after, default=repr) == before
    assert opt.step_count == 1
    _grads([q, p], [1.0, 0.5])
    opt.step()  # and it goes on from there
    assert opt.step_count == 2


def test_an_sgd_step_that_would_overflow_changes_nothing():
    p, q = Value(1.0), Value(1.0)
    p.grad, q.grad = 1e300, 1.0
    opt = nn.SGD([q, p], lr=1e10)
    with pytest.raises(FloatingPointError, match="parameter 1"):
        opt.step()
    assert (q.data, p.data, opt.step_count) == (1.0, 1.0, 0)


def test_adam_state_overflow_alone_is_caught():
    p = Value(1.0)
    p.grad = 1e200  # g * g overflows in exp_avg_sq although the step itself stays finite
    opt = nn.Adam([p], lr=0.1)
    with pytest.raises(FloatingPointError, match=r"exp_avg_sq\[0\]"):
        opt.step()
    assert (opt.exp_avg, opt.exp_avg_sq, p.data, opt.step_count) == ([0.0], [0.0], 1.0, 0)


# ---------------------------------------------------- 5. number ** Value


def test_a_constant_base_gets_no_derivative():
    x = Value(0.5)
    (0.0**x).backward()
    assert x.grad == 0.0
    x = Value(-1.0)
    (1e-300**x).backward()
    assert x.grad == pytest.approx(1e300 * math.log(1e-300))
    x = Value(1e-10)
    (x / 1e-300).backward()  # d/db of a constant divisor would be -inf
    assert x.grad == pytest.approx(1e300)


def test_a_constant_negative_base_is_still_an_error():
    with pytest.raises(ValueError, match="needs a non-negative base"):
        ((-2.0) ** Value(2.0)).backward()


def test_constant_base_matches_torch():
    torch = pytest.importorskip("torch")
    t = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
    (0.0**t).backward()
    x = Value(0.5)
    (0.0**x).backward()
    assert x.grad == t.grad.item() == 0.0


# ------------------------------------------- 6. erf and gelu second derivatives


@pytest.mark.parametrize("x", [1e154, 1.3e154, 2e154, 1e200, 1e300, -1e300, -2e154])
@pytest.mark.parametrize(
    "f", [Value.erf, Value.gelu, lambda v: v.gelu(approximate="tanh")], ids=["erf", "gelu", "gt"]
)
def test_second_derivatives_stay_finite_far_out(f, x):
    assert grad(grad(f))(x) == 0.0
    assert math.isfinite(grad(grad(grad(f)))(x))


# ------------------------------------------------------------- 7. softmax


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_logits_are_named(bad):
    with pytest.raises(ValueError, match=f"softmax: logit 0 is {bad}"):
        nn.softmax([bad, 2.0])
    with pytest.raises(ValueError, match=f"cross_entropy: logit 0 is {bad}"):
        nn.cross_entropy([bad, 2.0], 1)
    with pytest.raises(ValueError, match="log_softmax: logit 1"):
        nn.log_softmax(np.array([2.0, bad]))


# ------------------------------------------------------ 8. error messages


def test_messages_name_the_op_and_the_argument():
    with pytest.raises(ValueError, match="softplus: beta must be non-zero"):
        Value(2.0).softplus(beta=0)
    with pytest.raises(OverflowError, match="Value: an integer of ~400 digits is too large"):
        Value(10**400)
    with pytest.raises(OverflowError, match=r"\*: an integer of ~400 digits is too large"):
        Value(2.0) * 10**400
    with pytest.raises(OverflowError, match="Value: an integer of ~5000 digits"):
        Value(10**5000)
    with pytest.raises(TypeError, match="SGD: params must be an iterable .* got NoneType"):
        nn.SGD(None)


@pytest.mark.parametrize(
    "X, match",
    [
        ([[1.0, 2.0], [3.0]], "every row the same length"),
        ([[1.0, 2.0], ["a", "b"]], "table of numbers"),
        ([[1.0, 2.0], [None, 3.0]], "finite numbers, got nan at row 1, column 0"),
    ],
)
def test_fit_refuses_bad_x_naming_fit(X, match):
    model = nn.MLP(2, [1], seed=0)
    with pytest.raises(ValueError, match=f"fit: X .*{match}"):
        nn.fit(model, X, [0, 1], "mse", nn.SGD(model), steps=1)


# ------------------------------------------------ 9. bad arguments accepted


def test_a_label_must_be_a_string():
    with pytest.raises(TypeError, match="Value: label must be a str, got int: 123"):
        Value(1.0, label=123)


def test_a_one_layer_mlp_checks_its_hidden_activation():
    with pytest.raises(ValueError, match="unknown name 'swish'"):
        nn.MLP(2, [1], activation="swish")


# ------------------------------------------------------------ 10. Module.load


def _saved(tmp_path, state_text):
    path = tmp_path / "model.json"
    text = '{"format": "scalargrad.nn.Module", "version": 1, "model": "MLP", "state_dict": '
    path.write_text(text + state_text + "}", encoding="utf-8")
    return path


def _state_text(model, replace):
    state = model.state_dict()
    first = next(iter(state))
    return json.dumps(state).replace(json.dumps(state[first]), replace, 1)


@pytest.mark.parametrize(
    "replace, match",
    [
        ("1" + "0" * 400, "too large for a float"),
        ("1e400", "is not finite"),
        ("1" + "0" * 5000, "holds a number that cannot be read"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('"x"', "must be a real number"),
    ],
    ids=["big-int", "big-float", "5000-digits", "deep", "string"],
)
def test_load_failures_name_the_file_and_change_nothing(tmp_path, replace, match):
    model = nn.MLP(2, [2, 1], seed=0)
    before = model.state_dict()
    path = _saved(tmp_path, _state_text(model, replace))
    with pytest.raises((ValueError, TypeError), match=match) as info:
        nn.MLP(2, [2, 1], seed=0).load(path)
    assert "load" in str(info.value) and str(path) in str(info.value)
    with pytest.raises((ValueError, TypeError)):
        model.load(path)
    assert model.state_dict() == before


def test_load_refuses_non_utf8(tmp_path):
    path = tmp_path / "model.json"
    path.write_bytes(b'{"format": "\xff\xfe"}')
    with pytest.raises(ValueError, match=f"load: '{path}' is not UTF-8"):
        nn.MLP(2, [1], seed=0).load(path)


# ------------------------------------------------------- the numeric policy


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_are_refused(bad):
    with pytest.raises(ValueError, match="Value: data must be a finite number"):
        Value(bad)
    with pytest.raises(ValueError, match=r"\+: the number .* is not finite"):
        Value(1.0) + bad
    x = Value(1.0)
    with pytest.raises(ValueError, match="backward: the gradient must be a finite number"):
        x.backward(bad)
    assert x.grad == 0.0


def test_mse_loss_compares_shapes_not_counts():
    with pytest.raises(ValueError, match=r"same shape, got \(2, 2\) and \(1, 4\)"):
        nn.mse_loss([[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0, 3.0, 4.0]])
    assert nn.mse_loss([[1.0, 2.0]], np.array([[1.0, 2.0]])).data == 0.0


# ------------------------------------------------ the property: no silent inf/NaN

EXTREMES = [0.0, 1e-320, 1e-300, 1e-154, 1.0, 0.5, 2.5, 30.0, 710.0, 1e154, 1.3e154, 1e300]
LEAF = st.one_of(
    st.sampled_from(EXTREMES + [-x for x in EXTREMES]),
    st.floats(-10.0, 10.0, allow_nan=False, allow_infinity=False),
)
PARAM = st.sampled_from([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0, 1e-300, 1e300])

# How to record each op of the engine on Values (parameters drawn where it has some).
APPLY = {
    "+": lambda d, a, b: a + b,
    "-": lambda d, a, b: a - b,
    "*": lambda d, a, b: a * b,
    "/": lambda d, a, b: a / b,
    "**": lambda d, a, b: a**b if d.draw(st.booleans()) else d.draw(LEAF) ** b,
    "**n": lambda d, x: x ** d.draw(PARAM),
    "neg": lambda d, x: -x,
    "abs": lambda d, x: abs(x),
    "exp": lambda d, x: x.exp(),
    "log": lambda d, x: x.log(),
    "sqrt": lambda d, x: x.sqrt(),
    "erf": lambda d, x: x.erf(),
    "tanh": lambda d, x: x.tanh(),
    "sigmoid": lambda d, x: x.sigmoid(),
    "relu": lambda d, x: x.relu(),
    "leaky_relu": lambda d, x: x.leaky_relu(d.draw(PARAM)),
    "elu": lambda d, x: x.elu(d.draw(PARAM)),
    "gelu": lambda d, x: x.gelu(),
    "gelu_tanh": lambda d, x: x.gelu(approximate="tanh"),
    "softplus": lambda d, x: x.softplus(d.draw(st.sampled_from([0.5, 1.0, 2.0, 1e-300]))),
    "max": lambda d, a, b: a.maximum(b),
    "min": lambda d, a, b: a.minimum(b),
}
ERRORS = (OverflowError, ZeroDivisionError, ValueError)


def test_the_property_covers_every_op():
    assert set(APPLY) == set(ops.OPS)


def _expression(data) -> tuple[list[Value], Value]:
    leaves = [Value(data.draw(LEAF, label="leaf")) for _ in range(data.draw(st.integers(1, 3)))]
    pool = list(leaves)
    for _ in range(data.draw(st.integers(1, 6))):
        name = data.draw(st.sampled_from(sorted(APPLY)), label="op")
        arity = ops.OPS[name].arity
        args = [data.draw(st.sampled_from(pool)) for _ in range(arity)]
        try:
            pool.append(APPLY[name](data, *args))
        except ERRORS:
            continue  # out of the op's domain, or an overflowing result: said clearly
    return leaves, pool[-1]


def _all_finite(nodes) -> bool:
    return all(math.isfinite(n.grad) for n in nodes)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_no_gradient_is_ever_non_finite_without_an_error(data):
    leaves, out = _expression(data)
    order = topological_order(out)
    seed = {n: data.draw(st.sampled_from([0.0, 0.0, 1.5, -1e300])) for n in order}
    for n in order:
        n.grad = seed[n]
    try:
        out.backward()
    except ERRORS:
        assert all(n.grad == seed[n] for n in order)  # all or nothing
    else:
        assert _all_finite(order)

    for n in order:
        n.grad = seed[n]
    try:
        first = gradients(out, leaves)
    except ERRORS:
        first = None
    else:
        assert all(math.isfinite(g) for g in first)
    assert all(n.grad == seed[n] for n in order)  # gradients() never touches .grad

    try:  # second order: the gradients as Values, differentiated again
        grads = gradients(out, leaves, create_graph=True)
    except ERRORS:
        return
    for g in grads:
        assert math.isfinite(g.data)
        try:
            second = gradients(g, leaves)
        except ERRORS:
            continue
        assert all(math.isfinite(s) for s in second)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(n for n in APPLY if ops.OPS[n].arity == 1)), LEAF, st.data())
def test_grad_of_grad_of_every_unary_op(name, x, data):
    def f(v):
        return APPLY[name](data, v)

    try:
        value = grad(grad(f))(x)
    except ERRORS:
        return
    assert math.isfinite(value)
