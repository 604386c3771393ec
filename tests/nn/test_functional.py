"""nn.functional: softmax, log_softmax, logsumexp against hand-worked values,
their known Jacobians, and PyTorch float64."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autograd import Value
from nn import log_softmax, logsumexp, softmax

LOGITS = [0.3, -1.2, 2.5, 0.0, 1.1]


def data(values):
    return [v.data for v in values]


def test_softmax_hand_worked():
    # e^0 : e^ln2 : e^ln3 = 1 : 2 : 3
    assert data(softmax([0.0, math.log(2), math.log(3)])) == pytest.approx(
        [1 / 6, 2 / 6, 3 / 6], rel=1e-15
    )
    assert data(softmax([4.0])) == [1.0]


def test_log_softmax_hand_worked():
    assert data(log_softmax([0.0, math.log(3)])) == pytest.approx(
        [math.log(1 / 4), math.log(3 / 4)], rel=1e-15
    )


def test_softmax_sums_to_one_and_ignores_a_shift():
    probs = data(softmax(LOGITS))
    assert math.fsum(probs) == pytest.approx(1.0, abs=1e-15)
    assert data(softmax([z + 100.0 for z in LOGITS])) == pytest.approx(probs, rel=1e-13)


def test_log_softmax_is_log_of_softmax():
    assert data(log_softmax(LOGITS)) == pytest.approx(
        [math.log(p) for p in data(softmax(LOGITS))], rel=1e-14
    )


def test_logsumexp():
    assert logsumexp(LOGITS).data == pytest.approx(
        math.log(math.fsum(math.exp(z) for z in LOGITS)), rel=1e-15
    )
    assert logsumexp([1000.0, 1000.0]).data == pytest.approx(1000.0 + math.log(2.0), rel=1e-15)


def test_huge_logits_stay_finite():
    assert data(softmax([1000.0, 0.0, -1000.0])) == [1.0, 0.0, 0.0]
    assert data(log_softmax([1000.0, 0.0])) == [0.0, -1000.0]
    assert data(softmax([1e308, -1e308])) == [1.0, 0.0]  # 1e308 - (-1e308) would overflow
    assert logsumexp([1e308, -1e308]).data == 1e308


def test_log_probability_past_the_float_range_is_an_error_not_inf():
    with pytest.raises(OverflowError, match="not finite"):
        log_softmax([1e308, -1e308])


def test_a_negligible_probability_stays_in_the_graph_with_zero_gradient():
    z = [Value(0.0), Value(-1000.0)]
    probs = softmax(z)
    assert probs[1].data == 0.0
    (probs[0] + probs[1]).backward()
    assert z[1].grad == 0.0


def jacobian(f, z: list[float]) -> np.ndarray:
    """J[i][j] = d f(z)_i / d z_j, one backward pass per output."""
    rows = []
    for i in range(len(z)):
        inputs = [Value(v) for v in z]
        f(inputs)[i].backward()
        rows.append([x.grad for x in inputs])
    return np.array(rows)


def test_softmax_jacobian_identity():
    s = np.array(data(softmax(LOGITS)))
    expected = np.diag(s) - np.outer(s, s)  # s_i (delta_ij - s_j)
    np.testing.assert_allclose(jacobian(softmax, LOGITS), expected, rtol=1e-12, atol=1e-16)


def test_log_softmax_jacobian_identity():
    s = np.array(data(softmax(LOGITS)))
    expected = np.eye(len(s)) - s[None, :]  # delta_ij - s_j
    np.testing.assert_allclose(jacobian(log_softmax, LOGITS), expected, rtol=1e-12, atol=1e-15)


def test_logsumexp_gradient_is_softmax():
    z = [Value(v) for v in LOGITS]
    logsumexp(z).backward()
    assert [x.grad for x in z] == pytest.approx(data(softmax(LOGITS)), rel=1e-13)


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
@pytest.mark.parametrize("logits", [LOGITS, [50.0, -30.0, 0.5], [7.0, 7.0]])
def test_against_pytorch(name, logits):
    torch = pytest.importorskip("torch")
    ours_f = {"softmax": softmax, "log_softmax": log_softmax}[name]
    torch_f = getattr(torch, name)
    t = torch.tensor(logits, dtype=torch.float64, requires_grad=True)
    weights = torch.tensor([0.7, -1.3, 2.1, 0.4, -0.2][: len(logits)], dtype=torch.float64)
    out = torch_f(t, dim=0)
    (out * weights).sum().backward()
    z = [Value(v) for v in logits]
    ours = ours_f(z)
    total = ours[0] * weights[0].item()
    for o, w in zip(ours[1:], weights[1:].tolist()):
        total = total + o * w
    total.backward()
    np.testing.assert_allclose(data(ours), out.detach().numpy(), rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose([x.grad for x in z], t.grad.numpy(), rtol=1e-12, atol=1e-15)


def test_accepts_numbers_values_and_1d_arrays():
    expected = data(softmax([1.0, 2.0]))
    assert data(softmax(np.array([1.0, 2.0]))) == expected
    assert data(softmax((1, 2))) == expected
    assert data(softmax([Value(1.0), 2.0])) == expected


@pytest.mark.parametrize("f", [softmax, log_softmax, logsumexp])
def test_empty_vector(f):
    with pytest.raises(ValueError, match="expected at least one logit, got an empty vector"):
        f([])


@pytest.mark.parametrize("f", [softmax, log_softmax, logsumexp])
def test_two_dimensional_array(f):
    with pytest.raises(ValueError, match=r"expected a 1-D vector of logits, got shape \(2, 2\)"):
        f(np.zeros((2, 2)))


@pytest.mark.parametrize("bad", [Value(1.0), 1.0, "abc", {1: 2}])
def test_not_a_vector(bad):
    with pytest.raises(TypeError, match="softmax: expected a list, tuple or 1-D array"):
        softmax(bad)


@pytest.mark.parametrize("element", ["1", None, [1.0]])
def test_bad_element_names_its_position(element):
    with pytest.raises(TypeError, match="log_softmax: logit 1 must be a number or a Value"):
        log_softmax([0.0, element])


def test_softmax_of_a_far_negative_logit_is_positive_zero():
    p = softmax([Value(0.0), Value(-800.0)])
    assert p[1].data == 0.0 and math.copysign(1.0, p[1].data) == 1.0
