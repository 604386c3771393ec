"""Every op's derivatives against independent references.

First order: central differences (Hypothesis, wide ranges) and PyTorch float64.
Second order: central differences of the engine's own first derivative.
Third order: closed forms for tanh and sigmoid.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from autograd import Value, grad, gradients, topological_order
from tests.strategies import BINARY, UNARY, floats, near_kink, near_tie

EPS_MACHINE = 2.2e-16
SETTINGS = settings(max_examples=60, deadline=None)


def central_difference(f, x: float) -> tuple[float, float]:
    """(f'(x) estimate, the estimate's rounding-error scale).

    f's own rounding error is taken as a few ulps of max(|f|, 1): rules like
    s (1 - s) lose their relative precision where f is tiny.
    """
    h = 1e-6 * max(1.0, abs(x))
    fp, fm = f(x + h), f(x - h)
    return (fp - fm) / (2 * h), 8 * EPS_MACHINE * (abs(fp) + abs(fm) + 1.0) / h


def assert_close(analytic: float, numeric: float, noise: float, rtol: float = 1e-5) -> None:
    assert math.isfinite(analytic)
    assert abs(analytic - numeric) <= noise + rtol * abs(numeric) + 1e-12, (analytic, numeric)


def derivative_with_error_bound(apply, args: tuple[float, ...], i: int) -> tuple[float, float]:
    """(d apply / d args[i], a bound on the rounding error of that float).

    The engine's first derivative is itself a graph of many float ops, so its error is not a
    few ulps of its result: it is the running error bound eps * sum |n * d result / d n| over
    every node n of that graph (first-order rounding analysis), which the engine computes by
    differentiating the derivative's graph once more.
    """
    leaves = [Value(a) for a in args]
    (derivative,) = gradients(apply(*leaves), [leaves[i]], create_graph=True)
    derivative.backward()
    bound = EPS_MACHINE * sum(abs(n.data * n.grad) for n in topological_order(derivative))
    return derivative.data, bound


def central_difference_of_derivative(
    apply, args: tuple[float, ...], i: int, j: int
) -> tuple[float, float]:
    """(d/d args[j] of d apply / d args[i] by central differences, the estimate's noise).

    The noise is `central_difference`'s few-ulps floor plus the rounding-error bounds of the two
    derivative values, divided by the step.
    """
    h = 1e-6 * max(1.0, abs(args[j]))
    plus = tuple(a + h if k == j else a for k, a in enumerate(args))
    minus = tuple(a - h if k == j else a for k, a in enumerate(args))
    (fp, ep), (fm, em) = (derivative_with_error_bound(apply, at, i) for at in (plus, minus))
    floor = 8 * EPS_MACHINE * (abs(fp) + abs(fm) + 1.0)
    return (fp - fm) / (2 * h), (ep + em + floor) / h


def first_derivative(apply, x: float) -> float:
    v = Value(x)
    apply(v).backward()
    return v.grad


@pytest.mark.parametrize("case", UNARY, ids=lambda c: c.name)
@SETTINGS
@given(data=st.data())
def test_first_derivative_matches_central_difference(case, data):
    x = data.draw(case.domain)
    assume(not near_kink(case.name, x))
    numeric, noise = central_difference(lambda t: case.apply(Value(t)).data, x)
    assert_close(first_derivative(case.apply, x), numeric, noise)


@pytest.mark.parametrize("case", BINARY, ids=lambda c: c.name)
@SETTINGS
@given(data=st.data())
def test_binary_partials_match_central_differences(case, data):
    a, b = data.draw(case.left), data.draw(case.right)
    assume(not near_tie(case, a, b))
    va, vb = Value(a), Value(b)
    case.apply(va, vb).backward()
    num_a, noise_a = central_difference(lambda t: case.apply(Value(t), Value(b)).data, a)
    num_b, noise_b = central_difference(lambda t: case.apply(Value(a), Value(t)).data, b)
    assert_close(va.grad, num_a, noise_a)
    assert_close(vb.grad, num_b, noise_b)


@pytest.mark.parametrize("case", UNARY, ids=lambda c: c.name)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_second_derivative_matches_central_difference_of_first(case, data):
    x = data.draw(case.domain)
    assume(not near_kink(case.name, x, gap=1e-2))
    numeric, noise = central_difference_of_derivative(case.apply, (x,), 0, 0)
    assert_close(grad(grad(case.apply))(x), numeric, noise)


# Points where a noise model of a few ulps of the first derivative was too tight: tanh-GELU at
# 6.0 has f'' = -6.824249e-09 (mpmath and PyTorch agree) while the central difference of the
# engine's f' gives -7.753e-09, the difference being the rounding of f' itself.
@pytest.mark.parametrize(("name", "x"), [("gelu(tanh)", 6.0), ("gelu(tanh)", -6.0)])
def test_second_derivative_at_points_found_by_hypothesis(name, x):
    case = next(c for c in UNARY if c.name == name)
    numeric, noise = central_difference_of_derivative(case.apply, (x,), 0, 0)
    assert_close(grad(grad(case.apply))(x), numeric, noise)


@pytest.mark.parametrize("case", BINARY, ids=lambda c: c.name)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_mixed_second_derivatives_match_central_differences(case, data):
    a, b = data.draw(case.left), data.draw(case.right)
    assume(not near_tie(case, a, b))
    for i in (0, 1):
        analytic = grad(grad(case.apply, argnums=i), argnums=(0, 1))(a, b)
        for j in (0, 1):
            numeric, noise = central_difference_of_derivative(case.apply, (a, b), i, j)
            assert_close(analytic[j], numeric, noise)


@SETTINGS
@given(x=floats(-20, 20))
def test_third_derivative_of_tanh_closed_form(x):
    t = math.tanh(x)
    expected = -2 * (1 - t * t) * (1 - 3 * t * t)
    got = grad(grad(grad(Value.tanh)))(x)
    assert got == pytest.approx(expected, rel=1e-9, abs=1e-12)


@SETTINGS
@given(x=floats(-30, 30))
def test_third_derivative_of_sigmoid_closed_form(x):
    s = 1 / (1 + math.exp(-x))
    expected = s * (1 - s) * (1 - 6 * s + 6 * s * s)
    got = grad(grad(grad(Value.sigmoid)))(x)
    assert got == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_hand_worked_graph():
    # L = (a*b + c) * f at a=2, b=-3, c=10, f=-2: L = -8, dL/da = b f, dL/db = a f, ...
    a, b, c, f = Value(2.0), Value(-3.0), Value(10.0), Value(-2.0)
    e = a * b
    d = e + c
    L = d * f
    L.backward()
    assert L.data == -8.0
    assert (a.grad, b.grad, c.grad, f.grad) == (6.0, -4.0, -2.0, 4.0)
    assert (d.grad, e.grad, L.grad) == (-2.0, -2.0, 1.0)


@pytest.mark.parametrize(
    "a, b, expected",
    [(3.0, -1.0, (1.0, 0.0)), (-1.0, 3.0, (0.0, 1.0)), (2.0, 2.0, (0.5, 0.5))],
    ids=["a larger", "b larger", "tie"],
)
def test_hand_worked_max_and_min(a, b, expected):
    # max routes the gradient to the larger input and splits a tie evenly (torch.maximum);
    # min mirrors it.
    va, vb = Value(a), Value(b)
    out = va.maximum(vb)
    out.backward()
    assert out.data == max(a, b)
    assert (va.grad, vb.grad) == expected
    va, vb = Value(a), Value(b)
    out = va.minimum(vb)
    out.backward()
    assert out.data == min(a, b)
    assert (va.grad, vb.grad) == (expected if a == b else expected[::-1])


@pytest.mark.parametrize("a, b", [(3.0, -1.0), (-1.0, 3.0), (2.0, 2.0), (0.0, -0.0)])
def test_max_and_min_agree_with_pytorch_float64(a, b):
    torch = pytest.importorskip("torch")
    for ours, theirs in ((Value.maximum, torch.maximum), (Value.minimum, torch.minimum)):
        ta = torch.tensor(a, dtype=torch.float64, requires_grad=True)
        tb = torch.tensor(b, dtype=torch.float64, requires_grad=True)
        ref = theirs(ta, tb)
        ref.backward()
        va, vb = Value(a), Value(b)
        out = ours(va, vb)
        out.backward()
        assert out.data == ref.item()
        assert (va.grad, vb.grad) == (ta.grad.item(), tb.grad.item())


def test_hand_worked_neuron():
    # o = tanh(x1 w1 + x2 w2 + b) with n = 0.8814 so that o = 1/sqrt(2): do/dn = 1 - o^2 = 0.5
    x1, x2, w1, w2 = Value(2.0), Value(0.0), Value(-3.0), Value(1.0)
    b = Value(6.8813735870195432)
    o = (x1 * w1 + x2 * w2 + b).tanh()
    o.backward()
    assert o.data == pytest.approx(math.sqrt(0.5), rel=1e-12)
    assert w1.grad == pytest.approx(0.5 * 2.0, rel=1e-12)
    assert x1.grad == pytest.approx(0.5 * -3.0, rel=1e-12)
    assert w2.grad == 0.0
    assert x2.grad == pytest.approx(0.5, rel=1e-12)


@pytest.mark.parametrize(
    "apply, x, value, slope",
    [
        (Value.relu, 0.0, 0.0, 0.0),
        (abs, 0.0, 0.0, 0.0),
        (Value.leaky_relu, 0.0, 0.0, 0.01),
        (lambda v: v.leaky_relu(0.3), 0.0, 0.0, 0.3),
        (Value.elu, 0.0, 0.0, 1.0),
        (lambda v: v.elu(0.5), 0.0, 0.0, 0.5),
        (Value.tanh, 0.0, 0.0, 1.0),  # tanh' peaks at 1 at x = 0 (not at x = 1)
        (Value.sigmoid, 0.0, 0.5, 0.25),  # sigmoid' peaks at 0.25
        (Value.gelu, 0.0, 0.0, 0.5),
        (Value.softplus, 0.0, math.log(2.0), 0.5),
    ],
    ids=[
        "relu",
        "abs",
        "leaky_relu",
        "leaky_relu(0.3)",
        "elu",
        "elu(0.5)",
        "tanh",
        "sigmoid",
        "gelu",
        "softplus",
    ],
)
def test_values_and_derivatives_at_kinks_and_peaks(apply, x, value, slope):
    v = Value(x)
    out = apply(v)
    out.backward()
    assert out.data == pytest.approx(value, abs=1e-15)
    assert v.grad == pytest.approx(slope, abs=1e-15)


@pytest.mark.parametrize("case", UNARY, ids=lambda c: c.name)
@pytest.mark.parametrize("x", [-1000.0, -30.0, -1.5, -0.25, 0.5, 2.0, 30.0, 1000.0])
def test_agrees_with_pytorch_float64(case, x):
    torch = pytest.importorskip("torch")
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    ref = case.torch_apply(t)
    ref.backward()
    if not (math.isfinite(ref.item()) and math.isfinite(t.grad.item())):
        # Out of the op's domain (or past the float range) for PyTorch too: ours must
        # refuse it with its error, not return a number.
        with pytest.raises((ValueError, ZeroDivisionError, OverflowError)):
            v = Value(x)
            case.apply(v).backward()
        return
    # A valid input: any error from our op is a failure (no try/except here).
    v = Value(x)
    out = case.apply(v)
    out.backward()
    assert out.data == pytest.approx(ref.item(), rel=1e-12, abs=1e-14)
    assert v.grad == pytest.approx(t.grad.item(), rel=1e-9, abs=1e-14)


@pytest.mark.parametrize(
    "apply",
    [Value.sigmoid, Value.tanh, Value.softplus, Value.gelu, Value.elu],
    ids=["sigmoid", "tanh", "softplus", "gelu", "elu"],
)
@pytest.mark.parametrize("x", [-1000.0, 1000.0, -1e300, 1e300])
def test_saturating_ops_stay_finite_at_extremes(apply, x):
    v = Value(x)
    out = apply(v)
    out.backward()
    assert math.isfinite(out.data) and math.isfinite(v.grad)
