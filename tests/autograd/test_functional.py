"""grad, value_and_grad, hessian, gradients(create_graph=True) and gradcheck."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings

from autograd import (
    GradcheckError,
    Value,
    grad,
    gradcheck,
    gradients,
    hessian,
    ops,
    value_and_grad,
)
from tests.strategies import BINARY, UNARY, near_kink


def test_second_derivatives_and_argnums():
    assert grad(grad(lambda x: x**3))(2.0) == 12.0
    assert grad(lambda x, y: x * y * y, argnums=1)(3.0, 2.0) == 12.0


@pytest.mark.parametrize("x", [-1.5, 0.3, 2.0])
def test_derivatives_of_x_cubed_to_any_order(x):
    f = lambda v: v**3  # noqa: E731
    assert grad(f)(x) == pytest.approx(3 * x * x)
    assert grad(grad(f))(x) == pytest.approx(6 * x)
    assert grad(grad(grad(f)))(x) == pytest.approx(6.0)
    assert grad(grad(grad(grad(f))))(x) == 0.0


def test_grad_returns_floats_for_floats_and_tuples_for_argnum_tuples():
    g = grad(lambda x, y: x * y.exp(), argnums=(0, 1))(2.0, 0.0)
    assert g == (1.0, 2.0) and all(type(v) is float for v in g)
    assert grad(lambda x, y: x * y, argnums=-1)(3.0, 4.0) == 3.0


def test_value_and_grad_gives_both_from_one_pass():
    value, g = value_and_grad(Value.tanh)(0.5)
    assert value == pytest.approx(math.tanh(0.5)) and g == pytest.approx(1 - math.tanh(0.5) ** 2)
    value, (gx, gy) = value_and_grad(lambda x, y: x * y + y, argnums=(0, 1))(2.0, 3.0)
    assert (value, gx, gy) == (9.0, 3.0, 3.0)


def test_non_differentiated_arguments_pass_through_unchanged():
    def f(x, data):
        return sum((x * d for d in data), Value(0.0))

    assert grad(f)(2.0, [1.0, 2.0, 3.0]) == 6.0


def test_an_output_that_does_not_depend_on_the_input_has_zero_gradient():
    assert grad(lambda x: Value(3.0) * 2)(1.0) == 0.0
    assert grad(lambda x: x)(5.0) == 1.0


def test_gradients_with_create_graph_returns_differentiable_values():
    x, y = Value(2.0), Value(3.0)
    f = x * x * y
    gx, gy = gradients(f, [x, y], create_graph=True)
    assert isinstance(gx, Value) and (gx.data, gy.data) == (12.0, 4.0)
    gxx, gxy = gradients(gx, [x, y])  # d(2xy)/dx = 2y, d(2xy)/dy = 2x
    assert (gxx, gxy) == (6.0, 4.0)
    assert x.grad == 0.0 and y.grad == 0.0  # gradients() leaves .grad alone


def test_gradients_without_create_graph_leaves_grad_untouched():
    x = Value(2.0)
    x.grad = 7.0
    (g,) = gradients(x * x, [x])
    assert g == 4.0 and x.grad == 7.0
    (g,) = gradients(Value(1.0) * 3, [x])  # x is not in this graph
    assert g == 0.0 and x.grad == 7.0


def test_hessian_is_symmetric_and_matches_hand_worked_values():
    # f = x^2 y + e^(xy): f_xx = 2y + y^2 e^xy, f_xy = 2x + e^xy (1 + xy), f_yy = x^2 e^xy
    x, y = 0.5, 1.5
    h = hessian(lambda a, b: a * a * b + (a * b).exp())(x, y)
    e = math.exp(x * y)
    expected = [[2 * y + y * y * e, 2 * x + e * (1 + x * y)], [2 * x + e * (1 + x * y), x * x * e]]
    for i in range(2):
        for j in range(2):
            assert h[i][j] == pytest.approx(expected[i][j], rel=1e-12)
    assert h[0][1] == h[1][0]


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: grad(lambda x: 3.0)(1.0), TypeError, "scalar Value.*float"),
        (lambda: grad(lambda x: [x, x])(1.0), TypeError, "scalar Value.*sequence"),
        (lambda: grad(lambda x: (x, x))(1.0), TypeError, "scalar Value.*sequence"),
        (lambda: grad(lambda x: x)("a"), TypeError, "argument 0.*str"),
        (lambda: grad(lambda x: x)(None), TypeError, "argument 0.*NoneType"),
        (lambda: grad(lambda x: x, argnums=1)(1.0), IndexError, "argnums 1.*1 argument"),
        (lambda: grad(lambda x, y: x, argnums=(0, 2))(1.0, 2.0), IndexError, "argnums 2"),
        (lambda: grad(lambda x: x, argnums="0")(1.0), TypeError, "argnums"),
        (lambda: grad(lambda x: x, argnums=())(1.0), ValueError, "argnums"),
        (lambda: hessian(lambda: Value(1.0))(), TypeError, "hessian"),
        (lambda: gradients(1.0, []), TypeError, "output.*float"),
        (lambda: gradients(Value(1.0), [2.0]), TypeError, "input 0.*float"),
    ],
)
def test_bad_use_gets_a_clear_error(call, error, words):
    with pytest.raises(error, match=words):
        call()


# --------------------------------------------------------------- gradcheck


@pytest.mark.parametrize("case", UNARY, ids=lambda c: c.name)
@settings(max_examples=15, deadline=None)
@given(data=__import__("hypothesis").strategies.data())
def test_gradcheck_passes_every_real_op(case, data):
    x = data.draw(case.domain.filter(lambda v: abs(v) < 50))
    if near_kink(case.name, x, gap=1e-2):
        return
    # relative tolerance for ops whose values reach 1e21 (exp, 2**x) at |x| < 50
    assert gradcheck(case.apply, x, atol=1e-5, rtol=1e-5)
    assert gradcheck(case.apply, x, atol=1e-4, rtol=1e-4, order=2)


@pytest.mark.parametrize("case", BINARY, ids=lambda c: c.name)
def test_gradcheck_passes_binary_ops(case):
    assert gradcheck(case.apply, 1.7, 0.6)
    assert gradcheck(case.apply, 1.7, 0.6, atol=1e-5, rtol=1e-5, order=2)


def test_gradcheck_catches_a_rule_wrong_by_a_tenth_of_a_percent(monkeypatch):
    f = lambda x, w: (x * w).tanh()  # noqa: E731
    assert gradcheck(f, 0.7, -0.4)
    true_rule = ops.TANH.rule
    monkeypatch.setattr(ops.TANH, "rule", lambda g, out, x: 1.001 * true_rule(g, out, x))
    with pytest.raises(GradcheckError, match=r"argument 0.*analytic.*numeric"):
        gradcheck(f, 0.7, -0.4)


def test_gradcheck_order_two_catches_a_wrong_second_derivative(monkeypatch):
    f = lambda x: x.sigmoid()  # noqa: E731
    assert gradcheck(f, 0.8, order=2)

    # right first derivative, wrong graph for the second: s(1 - s) written with 1.001 (1 - s)
    def wrong(g, out, x):
        if isinstance(out, Value):
            return g * out * (1.001 - 1.001 * out) / 1.001 + g * 0.001 * out.data * (1 - out)
        return g * out * (1.0 - out)

    monkeypatch.setattr(ops.SIGMOID, "rule", wrong)
    assert gradcheck(f, 0.8)
    with pytest.raises(GradcheckError, match="d2 f"):
        gradcheck(f, 0.8, order=2)


def test_gradcheck_errors_name_the_argument_and_both_values():
    with pytest.raises(GradcheckError) as info:
        gradcheck(lambda x, y: x * y.detach(), 1.0, 2.0)  # detach hides y's derivative
    message = str(info.value)
    assert "argument 1" in message and "analytic 0.0" in message and "numeric 1.0" in message


def test_gradcheck_bad_use():
    with pytest.raises(ValueError, match="order"):
        gradcheck(lambda x: x, 1.0, order=3)
    with pytest.raises(TypeError, match="at least one input"):
        gradcheck(lambda: Value(1.0))
    with pytest.raises(TypeError, match="str"):
        gradcheck(lambda x: x, "1.0")
