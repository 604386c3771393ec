"""nn.losses: hand-worked values and gradients, PyTorch float64, batches and every bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autograd import Value
from nn import (
    LOSSES,
    MLP,
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    hinge_loss,
    l2_penalty,
    mse_loss,
)
from nn.losses import get_loss, l2_penalty_on_array

# ------------------------------------------------------------ hand-worked


def test_cross_entropy_hand_worked():
    z = [Value(0.0), Value(math.log(3.0))]  # softmax = [1/4, 3/4]
    loss = cross_entropy(z, 1)
    assert loss.data == pytest.approx(-math.log(3 / 4), rel=1e-15)
    loss.backward()
    assert [v.grad for v in z] == pytest.approx([1 / 4, 3 / 4 - 1], rel=1e-15)


def test_cross_entropy_huge_logits_are_finite():
    z = [Value(1000.0), Value(0.0)]
    loss = cross_entropy(z, 1)
    assert loss.data == 1000.0
    loss.backward()
    assert [v.grad for v in z] == [1.0, -1.0]
    assert cross_entropy([1000.0, 0.0], 0).data == 0.0
    assert cross_entropy([-1e300, 1e300], 1).data == 0.0


def test_cross_entropy_no_cancellation_for_a_confident_right_answer():
    # -log(1 / (1 + e^-40)) = log1p(e^-40): computed as log s - (z_k - m) = log s - 0.
    assert cross_entropy([40.0, 0.0], 0).data == pytest.approx(math.log1p(math.exp(-40)), rel=1e-15)


def test_binary_cross_entropy_hand_worked():
    p = Value(0.8)
    loss = binary_cross_entropy(p, 1.0)
    assert loss.data == pytest.approx(-math.log(0.8), rel=1e-15)
    loss.backward()
    assert p.grad == pytest.approx(-1 / 0.8, rel=1e-15)  # (p - y) / (p (1 - p))
    q = Value(0.8)
    binary_cross_entropy(q, 0.25).backward()
    assert q.grad == pytest.approx((0.8 - 0.25) / (0.8 * 0.2), rel=1e-14)


def test_binary_cross_entropy_clamps_log_at_minus_100_as_pytorch():
    assert binary_cross_entropy(0.0, 1.0).data == 100.0
    assert binary_cross_entropy(1.0, 0.0).data == 100.0
    assert binary_cross_entropy(1.0, 1.0).data == 0.0
    assert binary_cross_entropy(0.0, 0.0).data == 0.0


def test_bce_with_logits_hand_worked():
    z = Value(0.0)
    loss = binary_cross_entropy_with_logits(z, 1.0)
    assert loss.data == pytest.approx(math.log(2.0), rel=1e-15)
    loss.backward()
    assert z.grad == pytest.approx(-0.5, rel=1e-15)  # sigmoid(0) - 1


def stable_sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def softplus(z: float) -> float:
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


@pytest.mark.parametrize("z", [-1000.0, -50.0, -20.5, 3.0, 20.5, 50.0, 1000.0])
@pytest.mark.parametrize("y", [0.0, 1.0, 0.3])
def test_bce_with_logits_is_exact_for_any_logit(z, y):
    # y softplus(-z) + (1 - y) softplus(z); d/dz = sigmoid(z) - y = -sigmoid(-z) for y = 1
    if y == 1.0:
        expected, slope = softplus(-z), -stable_sigmoid(-z)
    else:
        expected, slope = softplus(z) - y * z, stable_sigmoid(z) - y
    value = Value(z)
    loss = binary_cross_entropy_with_logits(value, y)
    assert loss.data == pytest.approx(expected, rel=1e-15, abs=1e-300)
    loss.backward()
    assert value.grad == pytest.approx(slope, rel=1e-12, abs=1e-300)


def test_mse_hand_worked():
    p = [Value(1.0), Value(4.0)]
    loss = mse_loss(p, [0.0, 2.0])
    assert loss.data == (1.0 + 4.0) / 2
    loss.backward()
    assert [v.grad for v in p] == [1.0, 2.0]  # 2 (p - t) / n


def test_mse_vector_outputs_average_over_every_element():
    batch = [[Value(1.0), Value(2.0)], [Value(3.0), Value(5.0)]]
    assert mse_loss(batch, [[0.0, 0.0], [3.0, 3.0]]).data == (1 + 4 + 0 + 4) / 4
    assert mse_loss(batch, np.array([[0.0, 0.0], [3.0, 3.0]]), reduction="sum").data == 9.0


def test_mse_target_may_be_a_value():
    p, t = Value(3.0), Value(1.0)
    mse_loss(p, t).backward()
    assert (p.grad, t.grad) == (4.0, -4.0)


def test_hinge_hand_worked():
    s = [Value(0.25), Value(3.0), Value(0.5)]
    loss = hinge_loss(s, [1, 1, -1], reduction="none")
    assert [v.data for v in loss] == [0.75, 0.0, 1.5]
    hinge_loss(s, [1, 1, -1]).backward()
    assert [v.grad for v in s] == [-1 / 3, 0.0, 1 / 3]


def test_hinge_kink_has_zero_gradient():
    s = Value(1.0)
    loss = hinge_loss(s, 1)
    loss.backward()
    assert (loss.data, s.grad) == (0.0, 0.0)


def test_l2_penalty():
    model = MLP(2, [2, 1], seed=0)
    params = model.parameters()
    penalty = l2_penalty(model, alpha=1e-4)
    assert penalty.data == pytest.approx(1e-4 * math.fsum(p.data**2 for p in params), rel=1e-14)
    penalty.backward()
    for p in params:
        assert p.grad == pytest.approx(2e-4 * p.data, rel=1e-14, abs=1e-300)
    assert l2_penalty([Value(3.0), Value(4.0)]).data == 25.0


@pytest.mark.parametrize("alpha", [1.0, 1e-4, 3e-2])
def test_l2_penalty_on_an_array_gives_eagers_floats(alpha):
    """What fit(compile=True) computes in place of l2_penalty's graph: the same value and
    the very gradient each p gets from its p * p node (alpha p twice), to the last bit."""
    params = MLP(2, [4, 3, 1], seed=2).parameters()
    params[0].data = 5e-324  # a subnormal: 2 alpha p and alpha p + alpha p may differ there
    penalty = l2_penalty(params, alpha)
    penalty.backward()
    value, grads = l2_penalty_on_array(np.array([p.data for p in params]), alpha)
    assert value == penalty.data
    assert grads.tolist() == [p.grad for p in params]


# --------------------------------------------------------------- batches


@pytest.mark.parametrize(
    ("loss", "predictions", "targets"),
    [
        (hinge_loss, [0.5, -2.0, 1.5], [1, -1, -1]),
        (mse_loss, [0.5, -2.0, 1.5], [1.0, 0.0, 2.0]),
        (binary_cross_entropy, [0.2, 0.9, 0.5], [0.0, 1.0, 1.0]),
        (binary_cross_entropy_with_logits, [0.5, -2.0, 1.5], [1.0, 0.0, 0.5]),
        (cross_entropy, [[0.5, -2.0], [1.5, 0.0], [0.0, 0.1]], [0, 1, 1]),
    ],
)
def test_batch_is_the_mean_or_sum_of_single_losses(loss, predictions, targets):
    singles = [loss(p, t).data for p, t in zip(predictions, targets)]
    assert loss(predictions, targets).data == pytest.approx(math.fsum(singles) / 3, rel=1e-15)
    assert loss(predictions, targets, reduction="sum").data == pytest.approx(
        math.fsum(singles), rel=1e-15
    )
    each = loss(predictions, targets, reduction="none")
    assert [v.data for v in each] == pytest.approx(singles, rel=1e-15)
    arrays = loss(np.array(predictions), np.array(targets))
    assert arrays.data == pytest.approx(math.fsum(singles) / 3, rel=1e-15)


def test_a_batch_of_one_is_its_single_loss():
    assert hinge_loss([0.5], [1]).data == hinge_loss(0.5, 1).data


# --------------------------------------------------------------- PyTorch


def _torch_case(name):
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    f64 = torch.float64
    cases = {
        "cross_entropy": (
            cross_entropy,
            [[0.3, -1.2, 2.5], [10.0, -40.0, 3.0], [0.0, 0.0, 0.0], [-300.0, 300.0, 1.0]],
            [2, 0, 1, 0],
            lambda p, t, r: F.cross_entropy(p, torch.tensor(t), reduction=r),
        ),
        "binary_cross_entropy": (
            binary_cross_entropy,
            [0.2, 0.9, 0.5, 0.999, 0.03],
            [0.0, 1.0, 1.0, 0.3, 0.75],
            lambda p, t, r: F.binary_cross_entropy(p, torch.tensor(t, dtype=f64), reduction=r),
        ),
        "binary_cross_entropy_with_logits": (
            binary_cross_entropy_with_logits,
            [0.5, -2.0, 1.5, 30.0, -45.0, 0.0],
            [1.0, 0.0, 0.5, 0.0, 0.2, 1.0],
            lambda p, t, r: F.binary_cross_entropy_with_logits(
                p, torch.tensor(t, dtype=f64), reduction=r
            ),
        ),
        "mse_loss": (
            mse_loss,
            [0.5, -2.0, 1.5, 1e3],
            [1.0, 0.0, 2.0, -7.5],
            lambda p, t, r: F.mse_loss(p, torch.tensor(t, dtype=f64), reduction=r),
        ),
        "hinge_loss": (
            hinge_loss,
            [0.5, -2.0, 1.5, 0.2, -0.7],
            [1.0, -1.0, -1.0, 1.0, 1.0],
            lambda p, t, r: _torch_reduce(torch.relu(1 - torch.tensor(t, dtype=f64) * p), r),
        ),
    }
    return torch, cases[name]


def _torch_reduce(x, reduction):
    return {"mean": x.mean(), "sum": x.sum(), "none": x}[reduction]


@pytest.mark.parametrize(
    "name",
    [
        "cross_entropy",
        "binary_cross_entropy",
        "binary_cross_entropy_with_logits",
        "mse_loss",
        "hinge_loss",
    ],
)
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_against_pytorch(name, reduction):
    torch, (ours_f, predictions, targets, torch_f) = _torch_case(name)
    t_pred = torch.tensor(predictions, dtype=torch.float64, requires_grad=True)
    t_loss = torch_f(t_pred, targets, reduction)
    weights = torch.linspace(0.5, 1.5, t_loss.numel(), dtype=torch.float64)
    (t_loss.reshape(-1) * weights).sum().backward()

    values = [
        [Value(x) for x in row] if isinstance(row, list) else Value(row) for row in predictions
    ]
    ours = ours_f(values, targets, reduction=reduction)
    ours_list = ours if isinstance(ours, list) else [ours]
    total = ours_list[0] * weights[0].item()
    for loss, w in zip(ours_list[1:], weights[1:].tolist()):
        total = total + loss * w
    total.backward()
    grads = [[v.grad for v in row] if isinstance(row, list) else row.grad for row in values]

    np.testing.assert_allclose(
        [v.data for v in ours_list], t_loss.detach().reshape(-1).numpy(), rtol=1e-13, atol=1e-15
    )
    np.testing.assert_allclose(grads, t_pred.grad.numpy(), rtol=1e-12, atol=1e-15)


def test_l2_penalty_against_pytorch():
    torch = pytest.importorskip("torch")
    numbers = [0.3, -1.7, 2.2, 0.0, 5.5]
    t = torch.tensor(numbers, dtype=torch.float64, requires_grad=True)
    (3e-2 * (t * t).sum()).backward()
    params = [Value(x) for x in numbers]
    penalty = l2_penalty(params, alpha=3e-2)
    penalty.backward()
    assert penalty.data == pytest.approx((3e-2 * (t * t).sum()).item(), rel=1e-15)
    np.testing.assert_allclose([p.grad for p in params], t.grad.numpy(), rtol=1e-15)


# ------------------------------------------------------------- bad input

ALL_LOSSES = [
    (hinge_loss, 0.5, 1),
    (mse_loss, 0.5, 1.0),
    (binary_cross_entropy, 0.5, 1.0),
    (binary_cross_entropy_with_logits, 0.5, 1.0),
    (cross_entropy, [0.5, 0.1], 1),
]


@pytest.mark.parametrize(("loss", "prediction", "target"), ALL_LOSSES)
def test_unknown_reduction(loss, prediction, target):
    with pytest.raises(ValueError, match=r"reduction must be one of \('mean', 'sum', 'none'\)"):
        loss([prediction, prediction], [target, target], reduction="average")
    with pytest.raises(ValueError, match="reduction must be one of"):
        loss(prediction, target, reduction="avg")


@pytest.mark.parametrize(("loss", "prediction", "target"), ALL_LOSSES)
def test_length_mismatch_says_expected_and_got(loss, prediction, target):
    with pytest.raises(ValueError, match="expected 3 target"):
        loss([prediction] * 3, [target] * 2)


@pytest.mark.parametrize(("loss", "prediction", "target"), ALL_LOSSES)
def test_batch_with_a_single_target(loss, prediction, target):
    with pytest.raises(ValueError, match="expected 2 target"):
        loss([prediction] * 2, target)


@pytest.mark.parametrize(("loss", "prediction", "target"), ALL_LOSSES)
def test_single_prediction_with_a_list_of_targets(loss, prediction, target):
    with pytest.raises(ValueError, match="one (prediction|vector of logits) but|same shape"):
        loss(prediction, [target, target])


@pytest.mark.parametrize(("loss", "prediction", "target"), ALL_LOSSES[:4])
def test_empty_batch(loss, prediction, target):
    with pytest.raises(ValueError, match="empty"):
        loss([], [])


@pytest.mark.parametrize(
    "loss", [hinge_loss, binary_cross_entropy, binary_cross_entropy_with_logits]
)
def test_prediction_must_be_a_number_or_value(loss):
    with pytest.raises(TypeError, match="1 must be a number or a Value, got str"):
        loss([0.5, "x"], [1, 1])
    with pytest.raises(TypeError, match="must be a number or a Value, got a list"):
        loss([[0.5, 0.2]], [1])  # several outputs per sample: not a binary loss


@pytest.mark.parametrize("loss", [hinge_loss, binary_cross_entropy, mse_loss])
def test_target_must_be_a_number(loss):
    with pytest.raises(TypeError, match="target must be a number, got str"):
        loss(0.5, "1")


@pytest.mark.parametrize("target", [0, 2, 0.5])
def test_hinge_targets_must_be_plus_or_minus_one(target):
    with pytest.raises(ValueError, match=r"targets must be -1 or \+1, got .*2 \* y - 1"):
        hinge_loss(0.3, target)


@pytest.mark.parametrize("p", [-0.1, 1.5])
def test_bce_probability_outside_zero_one(p):
    with pytest.raises(ValueError, match=r"probabilities must be in \[0, 1\], got"):
        binary_cross_entropy(p, 1.0)


@pytest.mark.parametrize("loss", [binary_cross_entropy, binary_cross_entropy_with_logits])
@pytest.mark.parametrize("y", [-1.0, 2.0])
def test_bce_target_outside_zero_one(loss, y):
    with pytest.raises(ValueError, match=r"targets must be in \[0, 1\]"):
        loss(0.5, y)


@pytest.mark.parametrize("target", [3, -1])
def test_cross_entropy_class_out_of_range(target):
    with pytest.raises(IndexError, match=f"target {target} is out of range for 3 classes"):
        cross_entropy([0.1, 0.2, 0.3], target)


@pytest.mark.parametrize("target", [1.0, "1", True, None])
def test_cross_entropy_class_must_be_an_int(target):
    with pytest.raises(TypeError, match="must be a class index"):
        cross_entropy([0.1, 0.2, 0.3], target)


def test_cross_entropy_batch_names_the_bad_target():
    with pytest.raises(IndexError, match="target 1 5 is out of range"):
        cross_entropy([[0.1, 0.2], [0.3, 0.4]], [0, 5])
    assert cross_entropy(np.array([[0.1, 0.2]]), np.array([np.int64(1)])).data > 0


def test_cross_entropy_empty_logits():
    with pytest.raises(ValueError, match="expected at least one logit"):
        cross_entropy([], 0)


def test_mse_shape_mismatch():
    with pytest.raises(ValueError, match="same shape: expected 4 target values, got 3"):
        mse_loss([[1.0, 2.0], [3.0, 4.0]], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="same shape"):
        mse_loss(1.0, [1.0])


def test_l2_penalty_bad_input():
    with pytest.raises(ValueError, match="l2_penalty: no parameters given"):
        l2_penalty([])
    with pytest.raises(TypeError, match="l2_penalty: parameter 1 must be a Value, got float"):
        l2_penalty([Value(1.0), 2.0])
    with pytest.raises(TypeError, match="alpha must be a number"):
        l2_penalty([Value(1.0)], alpha="big")


def test_loss_registry():
    assert get_loss("hinge") is hinge_loss
    assert get_loss("CROSS_ENTROPY") is cross_entropy
    assert get_loss(mse_loss) is mse_loss
    assert set(LOSSES.values()) == {
        cross_entropy,
        binary_cross_entropy,
        binary_cross_entropy_with_logits,
        mse_loss,
        hinge_loss,
    }
    with pytest.raises(ValueError, match="unknown name 'huber'; valid names are .*hinge"):
        get_loss("huber")
    with pytest.raises(TypeError, match="loss: expected a name or a callable"):
        get_loss(3)
