"""jvp: forward mode from the same op rules, against reverse mode and central differences."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from autograd import Value, grad, hessian, jvp, value_and_grad
from tests.autograd.test_derivatives import EPS_MACHINE as EPS
from tests.autograd.test_derivatives import assert_close, central_difference
from tests.strategies import UNARY, floats, near_kink

SETTINGS = settings(max_examples=40, deadline=None)
tangents = st.floats(-10, 10, allow_nan=False)


def test_a_worked_example():
    # f(x, y) = x y + tanh(x): df = (y + 1 - tanh(x)^2) dx + x dy
    f = lambda x, y: x * y + x.tanh()  # noqa: E731
    value, tangent = jvp(f, (0.5, 2.0), (1.0, 3.0))
    assert value == 0.5 * 2.0 + math.tanh(0.5)
    assert tangent == pytest.approx((2.0 + 1 - math.tanh(0.5) ** 2) * 1.0 + 0.5 * 3.0, rel=1e-15)
    assert type(value) is float and type(tangent) is float


@pytest.mark.parametrize("case", UNARY, ids=lambda c: c.name)
@SETTINGS
@given(data=st.data())
def test_every_unary_op_matches_reverse_mode_and_central_differences(case, data):
    x, t = data.draw(case.domain), data.draw(tangents)
    assume(not near_kink(case.name, x))
    value, tangent = jvp(case.apply, (x,), (t,))
    assert value == case.apply(Value(x)).data
    # the same rule, so the same number as the reverse pass (times the tangent)
    assert tangent == t * grad(case.apply)(x)
    numeric, noise = central_difference(lambda s: case.apply(Value(s)).data, x)
    assert_close(tangent, t * numeric, abs(t) * noise)


@SETTINGS
@given(data=st.data())
def test_random_functions_of_two_unary_ops_match_grad_and_central_differences(data):
    first, second = data.draw(st.sampled_from(UNARY)), data.draw(st.sampled_from(UNARY))
    x, y = data.draw(first.domain), data.draw(second.domain)
    assume(not near_kink(first.name, x) and not near_kink(second.name, y))

    def terms(a, b):
        u, v = first.apply(a), second.apply(b)
        return [u, 0.5 * v, u.tanh() * v.sigmoid(), a.maximum(b)]

    def f(a, b):
        u, v, w, m = terms(a, b)
        return u + v + w + m

    assume(abs(x - y) > 1e-3 * max(1.0, abs(x), abs(y)))  # off max's kink
    gx, gy = grad(f, argnums=(0, 1))(x, y)
    for i, (tangent, partial) in enumerate([((1.0, 0.0), gx), ((0.0, 1.0), gy)]):
        value, derivative = jvp(f, (x, y), tangent)  # a one-hot tangent: one partial
        assert value == f(Value(x), Value(y)).data
        assert derivative == pytest.approx(partial, rel=1e-12, abs=1e-300)

        def along(s, i=i):
            return [
                t.data for t in terms(*((Value(s), Value(y)) if i == 0 else (Value(x), Value(s))))
            ]

        # central differences, with rounding noise from the terms' size (they may cancel)
        h = 1e-6 * max(1.0, abs((x, y)[i]))
        plus, minus = along((x, y)[i] + h), along((x, y)[i] - h)
        numeric = (sum(plus) - sum(minus)) / (2 * h)
        noise = 16 * EPS * (sum(map(abs, plus)) + sum(map(abs, minus)) + 1.0) / h
        assert_close(derivative, numeric, noise)


@SETTINGS
@given(
    p=st.tuples(floats(-3, 3), floats(-3, 3), floats(0.1, 3)),
    t1=st.tuples(tangents, tangents, tangents),
    t2=st.tuples(tangents, tangents, tangents),
    alpha=floats(-5, 5),
    beta=floats(-5, 5),
)
def test_linear_in_the_tangent(p, t1, t2, alpha, beta):
    f = lambda x, y, z: (x * y).tanh() * z.log() + (x - z).exp() / z  # noqa: E731
    combined = tuple(alpha * a + beta * b for a, b in zip(t1, t2))
    _, d1 = jvp(f, p, t1)
    _, d2 = jvp(f, p, t2)
    _, d = jvp(f, p, combined)
    scale = abs(alpha * d1) + abs(beta * d2) + 1e-12
    assert abs(d - (alpha * d1 + beta * d2)) <= 1e-12 * scale
    assert jvp(f, p, (0.0, 0.0, 0.0))[1] == 0.0


def test_several_outputs_give_a_column_of_the_jacobian_in_one_pass():
    def f(x):
        return [x.tanh(), x * x, x.exp(), 3.0 * x]

    x = 0.7
    values, derivatives = jvp(f, (x,), (1.0,))
    assert values == [math.tanh(x), x * x, math.exp(x), 3.0 * x]
    expected = [grad(lambda v, i=i: f(v)[i])(x) for i in range(4)]
    assert derivatives == pytest.approx(expected, rel=1e-15)
    # a tuple comes back as tuples; shared subgraphs are pushed through once
    values, derivatives = jvp(lambda a, b: (a * b, (a * b).tanh()), (2.0, 0.25), (0.0, 1.0))
    assert values == (0.5, math.tanh(0.5))
    assert derivatives == pytest.approx((2.0, 2.0 * (1 - math.tanh(0.5) ** 2)), rel=1e-15)


def test_gradient_takes_n_forward_passes_and_one_reverse_pass():
    n = 6
    calls = {"count": 0}

    def f(*xs):
        calls["count"] += 1
        total = xs[0] * 0.0
        for i, x in enumerate(xs):
            total = total + (x * (i + 1)).tanh() * xs[(i + 1) % n]
        return total

    point = tuple(0.1 * (i + 1) for i in range(n))
    forward = []
    for i in range(n):
        one_hot = tuple(1.0 if j == i else 0.0 for j in range(n))
        forward.append(jvp(f, point, one_hot)[1])
    forward_calls, calls["count"] = calls["count"], 0
    _, reverse = value_and_grad(f, argnums=tuple(range(n)))(*point)
    reverse_calls = calls["count"]
    assert (forward_calls, reverse_calls) == (n, 1)
    assert forward == pytest.approx(list(reverse), rel=1e-14)


def test_forward_over_reverse_is_a_hessian_vector_product():
    f = lambda x, y: x * x * y + (x * y).tanh()  # noqa: E731
    point, v = (0.3, -1.2), (2.0, 0.5)
    _, hv = jvp(grad(f, argnums=(0, 1)), point, v)
    H = hessian(f)(*point)
    expected = [H[i][0] * v[0] + H[i][1] * v[1] for i in range(2)]
    assert list(hv) == pytest.approx(expected, rel=1e-13)


def test_max_splits_the_tangent_at_a_tie_like_its_gradient():
    # JAX's jvp of maximum does the same: half of each input's tangent at a tie
    assert jvp(lambda a, b: a.maximum(b), (2.0, 2.0), (1.0, 0.0)) == (2.0, 0.5)
    assert jvp(lambda a, b: a.maximum(b), (3.0, 2.0), (1.0, 5.0)) == (3.0, 1.0)


def test_constants_and_captured_values_have_zero_tangent():
    w = Value(4.0)
    assert jvp(lambda x: x * w + 2.0, (1.5,), (1.0,)) == (8.0, 4.0)
    assert jvp(lambda x, y: x, (1.5, 2.0), (3.0, 7.0)) == (1.5, 3.0)
    assert jvp(lambda x: w, (1.5,), (1.0,)) == (4.0, 0.0)


def test_ints_and_lists_are_accepted():
    assert jvp(lambda x, y: x * y, [2, 3], [1, 0]) == (6.0, 3.0)


@pytest.mark.parametrize(
    "f, primals, tangents, error, match",
    [
        (lambda x: x, (1.0, 2.0), (1.0,), ValueError, "2 tangents, got 1"),
        (lambda x: x, (1.0,), (), ValueError, "1 tangent, got 0"),
        (lambda x: x, 1.0, (1.0,), TypeError, "primals must be a tuple or list.*float"),
        (lambda x: x, (1.0,), "1", TypeError, "tangents must be a tuple or list.*str"),
        (lambda x: x, ("a",), (1.0,), TypeError, r"primals\[0\] must be a real number.*str"),
        (lambda x: x, (1.0,), (None,), TypeError, r"tangents\[0\].*NoneType"),
        (lambda x: x, (Value(1.0),), (1.0,), TypeError, r"primals\[0\].*Value"),
        (lambda x: 3.0, (1.0,), (1.0,), TypeError, "must return a Value.*float"),
        (lambda x: [x, "y"], (1.0,), (1.0,), TypeError, "output 1 str"),
        (42, (1.0,), (1.0,), TypeError, "f must be a function.*int"),
    ],
)
def test_clear_errors(f, primals, tangents, error, match):
    with pytest.raises(error, match=match):
        jvp(f, primals, tangents)
