"""Loss functions, for one sample or for a batch (a list of predictions).

Each loss takes ``(prediction, target)`` for one sample, or a list of
predictions and a list of targets for a batch, reduced by ``reduction``:
``"mean"`` (default, as PyTorch), ``"sum"``, or ``"none"`` (the list of
per-sample losses). Sums start from the first term (no extra 0 node).

===============================  ==============================================
cross_entropy(z, k)              -log softmax(z)_k = log sum_j e^(z_j - m) - (z_k - m)
binary_cross_entropy(p, y)       -(y log p + (1 - y) log(1 - p)), p a probability
binary_cross_entropy_with_logits softplus(z) - y z = -(y log s(z) + (1 - y) log(1 - s(z)))
mse_loss(p, t)                   (p - t)^2, averaged over every element
hinge_loss(s, y)                 max(0, 1 - y s), y in {-1, +1}
l2_penalty(params, alpha)        alpha * sum_i p_i^2
===============================  ==============================================
"""

from __future__ import annotations

import math
import numbers
import operator
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Union

from autograd import Value
from autograd.checks import number_in, one_of
from autograd.optional import is_ndarray

from .functional import shifted_logits
from .module import Module

if TYPE_CHECKING:
    import numpy as np

LossResult = Union[Value, list[Value]]
REDUCTIONS = ("mean", "sum", "none")

# log is clamped at -100 as in torch.nn.functional.binary_cross_entropy, so that a
# probability of exactly 0 or 1 (a saturated sigmoid) gives a finite loss.
_LOG_FLOOR = -100.0
_TINY = math.exp(_LOG_FLOOR)


# ------------------------------------------------------------------- plumbing


def _is_sequence(x: object) -> bool:
    return isinstance(x, (list, tuple)) or is_ndarray(x)


def _as_list(x: Any) -> list[Any]:
    return x.tolist() if is_ndarray(x) else list(x)


def _check_reduction(reduction: str, op: str) -> None:
    one_of(reduction, REDUCTIONS, "reduction", op)


def _as_value(x: object, op: str, what: str) -> Value:
    if isinstance(x, Value):
        return x
    if isinstance(x, numbers.Real):
        return Value(x)
    kind = "a list" if _is_sequence(x) else f"{type(x).__name__}: {x!r}"
    raise TypeError(f"{op}: {what} must be a number or a Value, got {kind}")


def _as_number(x: object, op: str, what: str) -> float:
    if isinstance(x, numbers.Real):
        return float(x)
    raise TypeError(f"{op}: {what} must be a number, got {type(x).__name__}: {x!r}")


def _check_target(y: float, op: str) -> None:
    number_in(y, "targets", op, 0.0, 1.0, high_open=False, noun="")


def _sum(terms: Sequence[Value]) -> Value:
    total = terms[0]
    for t in terms[1:]:
        total = total + t
    return total


def _reduce(losses: list[Value], reduction: str) -> LossResult:
    if reduction == "none":
        return losses
    total = _sum(losses)
    return total / len(losses) if reduction == "mean" and len(losses) > 1 else total


def _pair_up(predictions: Any, targets: Any, op: str) -> tuple[list[Any], list[Any], bool]:
    """(predictions, targets, is_batch): one sample, or two lists of the same length."""
    if not _is_sequence(predictions):
        if _is_sequence(targets):
            raise ValueError(
                f"{op}: one prediction but a list of {len(targets)} targets "
                "(pass a list of predictions for a batch)"
            )
        return [predictions], [targets], False
    preds = _as_list(predictions)
    if not preds:
        raise ValueError(f"{op}: the batch is empty (no predictions)")
    if not _is_sequence(targets):
        raise ValueError(
            f"{op}: expected {len(preds)} targets (one per prediction), "
            f"got a single target {targets!r}"
        )
    targs = _as_list(targets)
    if len(targs) != len(preds):
        raise ValueError(
            f"{op}: expected {len(preds)} targets (one per prediction), got {len(targs)}"
        )
    return preds, targs, True


def _finish(losses: list[Value], batch: bool, reduction: str, op: str) -> LossResult:
    _check_reduction(reduction, op)
    return _reduce(losses, reduction) if batch else losses[0]


# --------------------------------------------------------------------- losses


def _class_index(target: Any, n_classes: int, op: str, what: str) -> int:
    if isinstance(target, bool):
        raise TypeError(f"{op}: {what} must be a class index (int), got bool {target!r}")
    try:
        k = operator.index(target)
    except TypeError:
        raise TypeError(
            f"{op}: {what} must be a class index (int), got {type(target).__name__}: {target!r}"
        ) from None
    if not 0 <= k < n_classes:
        raise IndexError(
            f"{op}: {what} {k} is out of range for {n_classes} classes (0..{n_classes - 1})"
        )
    return k


def _cross_entropy_one(logits: Any, target: Any, op: str, what: str) -> Value:
    parts = shifted_logits(logits, op)
    k = _class_index(target, len(parts.z), op, what)
    # log s - (z_k - m): exact 0 - log s when z_k is the maximum (no cancellation).
    return parts.total.log() - parts.shifted_at(k)


def cross_entropy(logits: Any, target: Any, reduction: str = "mean") -> LossResult:
    """-log softmax(z)[target] = logsumexp(z) - z_target, via log-sum-exp (finite for any logits).

    One sample: a vector of logits and a class index. A batch: a list of logit
    vectors and a list of class indices. d loss / d z_j = softmax_j - [j = target].
    """
    op = "cross_entropy"
    _check_reduction(reduction, op)
    batch = (is_ndarray(logits) and logits.ndim == 2) or (
        isinstance(logits, (list, tuple)) and len(logits) > 0 and _is_sequence(logits[0])
    )
    if not batch:
        if _is_sequence(target):
            raise ValueError(
                f"{op}: one vector of logits but a list of {len(target)} targets "
                "(pass a list of logit vectors for a batch)"
            )
        return _cross_entropy_one(logits, target, op, "target")
    rows, targets, _ = _pair_up(logits, target, op)
    losses = [
        _cross_entropy_one(z, t, op, f"target {i}") for i, (z, t) in enumerate(zip(rows, targets))
    ]
    return _reduce(losses, reduction)


def binary_cross_entropy(probabilities: Any, targets: Any, reduction: str = "mean") -> LossResult:
    """-(y log p + (1 - y) log(1 - p)) for probabilities p in [0, 1] and targets y in [0, 1].

    As PyTorch, each log is clamped at -100, so p = 0 or 1 gives a finite loss
    (the clamped term then passes no gradient). For scores that are not yet
    probabilities use `binary_cross_entropy_with_logits`, which is exact there.
    d loss / d p = (p - y) / (p (1 - p)).
    """
    op = "binary_cross_entropy"
    preds, targs, batch = _pair_up(probabilities, targets, op)
    losses = []
    for i, (p, y) in enumerate(zip(preds, targs)):
        p = _as_value(p, op, f"probability {i}" if batch else "probability")
        y = _as_number(y, op, f"target {i}" if batch else "target")
        number_in(p.data, "probabilities", op, 0.0, 1.0, high_open=False, noun="")
        _check_target(y, op)
        terms = []
        if y != 0.0:  # y log p
            log_p = p.log() if p.data > _TINY else Value(_LOG_FLOOR)
            terms.append(log_p if y == 1.0 else y * log_p)
        if y != 1.0:  # (1 - y) log(1 - p)
            q = 1.0 - p
            log_q = q.log() if q.data > _TINY else Value(_LOG_FLOOR)
            terms.append(log_q if y == 0.0 else (1.0 - y) * log_q)
        losses.append(-_sum(terms))
    return _finish(losses, batch, reduction, op)


def binary_cross_entropy_with_logits(
    logits: Any, targets: Any, reduction: str = "mean"
) -> LossResult:
    """Binary cross-entropy of sigmoid(z), from the logit z: softplus(z) - y z.

    Written as y softplus(-z) + (1 - y) softplus(z) with the engine's stable
    softplus, it is finite and exact for logits of any size.
    d loss / d z = sigmoid(z) - y.
    """
    op = "binary_cross_entropy_with_logits"
    preds, targs, batch = _pair_up(logits, targets, op)
    exact = math.inf  # no softplus threshold: its linear cut-off is off by up to e^-20
    losses = []
    for i, (z, y) in enumerate(zip(preds, targs)):
        z = _as_value(z, op, f"logit {i}" if batch else "logit")
        y = _as_number(y, op, f"target {i}" if batch else "target")
        _check_target(y, op)
        if y == 1.0:
            losses.append((-z).softplus(threshold=exact))
        elif y == 0.0:
            losses.append(z.softplus(threshold=exact))
        else:
            losses.append(z.softplus(threshold=exact) - y * z)
    return _finish(losses, batch, reduction, op)


def _flatten(x: object) -> list[Any]:
    if is_ndarray(x):
        flat: list[Any] = x.ravel().tolist()
        return flat
    if isinstance(x, (list, tuple)):
        return [leaf for item in x for leaf in _flatten(item)]
    return [x]


def _shape(x: Any) -> tuple[Any, ...]:
    """The nesting of a (possibly ragged) list or array: () for a number, (n, ...) for a list."""
    if is_ndarray(x):
        x = x.tolist()
    if isinstance(x, (list, tuple)):
        shapes = [_shape(item) for item in x]
        if all(s == () for s in shapes):
            return (len(x),)
        if all(s == shapes[0] for s in shapes):
            return (len(x), *shapes[0])
        return tuple(shapes)
    return ()


def mse_loss(predictions: Any, targets: Any, reduction: str = "mean") -> LossResult:
    """(p - t)^2, averaged (or summed) over every element, as ``torch.nn.functional.mse_loss``.

    Predictions may be numbers, Values, lists of them (a batch, or one vector
    output) or lists of lists (a batch of vectors); targets have the same shape.
    d loss / d p = 2 (p - t) / n for the mean.
    """
    op = "mse_loss"
    _check_reduction(reduction, op)
    batch = _is_sequence(predictions)
    preds, targs = _flatten(predictions), _flatten(targets)
    if batch != _is_sequence(targets) or len(preds) != len(targs):
        raise ValueError(
            f"{op}: predictions and targets must have the same shape: "
            f"expected {len(preds)} target value{'s' if len(preds) != 1 else ''}, got {len(targs)}"
        )
    if _shape(predictions) != _shape(targets):
        raise ValueError(
            f"{op}: predictions and targets must have the same shape, got "
            f"{_shape(predictions)} and {_shape(targets)} (no broadcasting)"
        )
    if not preds:
        raise ValueError(f"{op}: the batch is empty (no predictions)")
    losses = []
    for i, (p, t) in enumerate(zip(preds, targs)):
        p = _as_value(p, op, f"prediction {i}" if batch else "prediction")
        t = t if isinstance(t, Value) else _as_number(t, op, f"target {i}" if batch else "target")
        d = p - t
        losses.append(d * d)
    return _finish(losses, batch, reduction, op)


def hinge_loss(scores: Any, targets: Any, reduction: str = "mean") -> LossResult:
    """max(0, 1 - y s): the max-margin loss, for labels y in {-1, +1} and raw scores s.

    Zero once a sample is on the right side with a margin of 1; otherwise it
    grows linearly. d loss / d s = -y where 1 - y s > 0, else 0 (0 at the kink).
    Labels 0/1 are refused: convert them with ``2 * y - 1``.
    """
    op = "hinge_loss"
    preds, targs, batch = _pair_up(scores, targets, op)
    losses = []
    for i, (s, y) in enumerate(zip(preds, targs)):
        s = _as_value(s, op, f"score {i}" if batch else "score")
        y = _as_number(y, op, f"target {i}" if batch else "target")
        if y == 1.0:
            losses.append((1.0 - s).relu())  # 1 - y s with y = +1, one node fewer
        elif y == -1.0:
            losses.append((1.0 + s).relu())
        else:
            raise ValueError(
                f"{op}: targets must be -1 or +1, got {y!r} (convert 0/1 labels with 2 * y - 1)"
            )
    return _finish(losses, batch, reduction, op)


def l2_penalty(parameters: Module | Iterable[Value], alpha: float = 1.0) -> Value:
    """alpha * sum_i p_i^2 over a model's parameters (or any Values): weight decay as a loss.

    d / d p_i = 2 alpha p_i. (SGD's ``weight_decay=wd`` adds wd p_i to the
    gradient instead, which is this penalty with alpha = wd / 2.)
    """
    op = "l2_penalty"
    params = parameters.parameters() if isinstance(parameters, Module) else list(parameters)
    if not params:
        raise ValueError(f"{op}: no parameters given")
    for i, p in enumerate(params):
        if not isinstance(p, Value):
            raise TypeError(f"{op}: parameter {i} must be a Value, got {type(p).__name__}")
    alpha = _as_number(alpha, op, "alpha")
    total = _sum([p * p for p in params])
    return total if alpha == 1.0 else alpha * total


def l2_penalty_on_array(values: np.ndarray, alpha: float = 1.0) -> tuple[float, np.ndarray]:
    """`l2_penalty` on the parameters' values as a float64 array, without a graph:
    (alpha sum_i p_i^2, its gradient 2 alpha p_i), the very floats eager backward gives.

    The sum runs left to right, as `l2_penalty`'s chain of ``+``; each p_i * p_i node
    receives alpha and sends alpha p_i to each of its two operands, so p_i gets
    alpha p_i + alpha p_i. (What ``fit(compile=True)`` adds to the replay's gradients.)
    """
    total = float((values * values).cumsum()[-1])  # (a cumulative sum never goes pairwise)
    each = alpha * values
    return (total if alpha == 1.0 else alpha * total), each + each


LossFunction = Callable[..., LossResult]

LOSSES: dict[str, LossFunction] = {
    "cross_entropy": cross_entropy,
    "binary_cross_entropy": binary_cross_entropy,
    "bce": binary_cross_entropy,
    "binary_cross_entropy_with_logits": binary_cross_entropy_with_logits,
    "bce_with_logits": binary_cross_entropy_with_logits,
    "mse": mse_loss,
    "mse_loss": mse_loss,
    "hinge": hinge_loss,
    "hinge_loss": hinge_loss,
}


def get_loss(loss: str | LossFunction) -> LossFunction:
    """The loss function for a name (see `LOSSES`), or the callable itself."""
    if isinstance(loss, str):
        try:
            return LOSSES[loss.lower()]
        except KeyError:
            valid = ", ".join(sorted(LOSSES))
            raise ValueError(f"loss: unknown name {loss!r}; valid names are {valid}") from None
    if callable(loss):
        return loss
    raise TypeError(f"loss: expected a name or a callable, got {type(loss).__name__}: {loss!r}")
