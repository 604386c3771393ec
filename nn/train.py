"""Training: `fit` (the loop, with a progress bar), and `predict` / `accuracy`.

One optimisation step: forward the batch through the model, average the loss
(plus an optional L2 penalty), clear the gradients, backpropagate, update.

``fit(..., compile=True)`` runs the model's part of each step through
`autograd.jit`: the forward of the whole batch (and the L2 sum) is traced once
per batch size and replayed on numpy arrays; the loss runs eagerly on the
replayed outputs (a loss branches on its targets, which change from batch to
batch), and its gradients with respect to the outputs are backpropagated
through the replay. The parameters' ``.grad`` are then written and the
optimizer's own `step()` runs, so every optimizer, schedule and loss works
exactly as in eager training.

Classes from model outputs: a one-output model scores the positive class, and
a sample is positive when its score is > ``threshold`` (0 for raw scores and
logits, 0.5 for probabilities); a target is positive when it is > 0, so labels
may be 0/1 or -1/+1. A model with several outputs predicts the argmax.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from autograd import Value, no_grad
from autograd.checks import number_in, positive_int
from autograd.optional import LazyModule, is_ndarray, require

from .data import check_dataset
from .losses import LossFunction, binary_cross_entropy, get_loss, l2_penalty
from .module import Module
from .seeding import Seed, make_generator, make_rng

if TYPE_CHECKING:
    import numpy as np
else:
    np = LazyModule("numpy", "predict, accuracy and fit(compile=True)")

History = dict[str, list[float]]
Output = Value | list[Value]


class OptimizerLike(Protocol):
    def step(self) -> None: ...
    def zero_grad(self) -> None: ...


def _loss_value(loss_fn: LossFunction, outputs: list[Any], targets: list[Any]) -> Value:
    """The loss of a batch, refused unless it is one Value (what backward() starts from)."""
    total = loss_fn(outputs, targets)
    if not isinstance(total, Value):
        raise TypeError(
            "fit: the loss must return a Value (reduction 'mean' or 'sum'), "
            f"got {type(total).__name__}"
        )
    return total


def _is_correct(output: Output, target: Any, threshold: float) -> bool:
    if isinstance(output, Value):
        return (output.data > threshold) == (target > 0)
    best = max(range(len(output)), key=lambda j: output[j].data)
    return best == target


def predict_scores(model: Callable[[Any], Output], X: Any) -> np.ndarray:
    """The raw model outputs for every row of X, without recording a graph.

    Shape (n,) for a one-output model, (n, k) for k outputs.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"predict: X must be 2-D (samples x features), got shape {X.shape}")
    with no_grad():
        outputs = [model(row) for row in X.tolist()]
    if outputs and isinstance(outputs[0], Value):
        return np.array([o.data for o in outputs], dtype=np.float64)
    return np.array([[o.data for o in out] for out in outputs], dtype=np.float64)


def predict(model: Callable[[Any], Output], X: Any, threshold: float = 0.0) -> np.ndarray:
    """Class labels for every row of X: score > threshold (one output), else the argmax."""
    scores = predict_scores(model, X)
    if scores.ndim == 1:
        return (scores > threshold).astype(np.int64)
    return scores.argmax(axis=1).astype(np.int64)


def accuracy(model: Callable[[Any], Output], X: Any, y: Any, threshold: float = 0.0) -> float:
    """The fraction of rows of X whose predicted class is the label in y (see `predict`)."""
    X, y = check_dataset(X, y, "accuracy")
    scores = predict_scores(model, X)
    if scores.ndim == 1:
        return float(np.mean((scores > threshold) == (y > 0)))
    return float(np.mean(scores.argmax(axis=1) == y))


def _batches(n: int, size: int, shuffle: bool, seed: Seed) -> Iterator[Any]:
    """Index batches forever, epoch after epoch, each epoch in a new order.

    The order comes from numpy's Generator; without numpy (Pyodide's core) from
    `random.Random`, so shuffled batches differ between the two (both seeded).
    """
    try:
        rng = make_generator(seed)
    except ImportError:
        fallback = make_rng(seed)
        while True:
            order = list(range(n))
            if shuffle:
                fallback.shuffle(order)
            for start in range(0, n, size):
                yield order[start : start + size]
    while True:
        order = rng.permutation(n) if shuffle else np.arange(n)
        for start in range(0, n, size):
            yield order[start : start + size]


class _NoBar:
    """What fit uses for a progress bar when tqdm is not installed (or none is wanted)."""

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def set_postfix(self, **_: Any) -> None:
        return None

    def update(self, _: int) -> None:
        return None


def _progress_bar(total: int, unit: str, show: bool) -> Any:
    if not show:
        return _NoBar()
    try:
        from tqdm.auto import tqdm
    except ImportError:  # training works the same without a bar
        return _NoBar()
    return tqdm(total=total, desc="training", unit=unit)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector for one training step.

    A step allocates tens of thousands of nodes that stay alive until backward is
    done; each automatic collection would walk all of them, for nothing: the
    engine's graphs have no reference cycles and are freed by reference counting
    as soon as the step drops them. (This roughly halves the time of a step.)
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _CompiledBatch:
    """The model on a whole batch (and the L2 sum), as one `autograd.jit` function.

    Its argument is the batch's rows, flattened; its outputs are every sample's
    outputs, flattened, then the L2 penalty (if any). One trace per batch size.
    """

    def __init__(self, model: Callable[[Any], Output], nin: int, l2_params: Any, l2: float):
        from autograd import jit

        self.model, self.nin, self.l2_params, self.l2 = model, nin, l2_params, l2
        self.width: dict[int, int | None] = {}  # batch size -> outputs per sample (None: one)
        self.compiled = jit(self._forward)

    def _forward(self, flat: list[Value]) -> list[Value]:
        n = len(flat) // self.nin
        outputs = [self.model(flat[i * self.nin : (i + 1) * self.nin]) for i in range(n)]
        if isinstance(outputs[0], Value):
            self.width[n], result = None, list(outputs)
        else:
            self.width[n] = len(outputs[0])
            result = [v for out in outputs for v in out]
        if self.l2_params is not None:
            result.append(l2_penalty(self.l2_params, self.l2))
        return result

    def step(self, X: np.ndarray, loss_fn: LossFunction, targets: list[Any],
             optimizer: OptimizerLike) -> tuple[float, list[Any]]:  # fmt: skip
        """One update on the rows X; returns the loss and the outputs (leaf Values)."""
        replay = self.compiled.replay(X.ravel())
        values = replay.outputs.tolist()
        penalty = Value(values.pop()) if self.l2_params is not None else None
        leaves = [Value(v) for v in values]
        k = self.width[len(X)]
        outputs = leaves if k is None else [leaves[i * k : (i + 1) * k] for i in range(len(X))]
        total = _loss_value(loss_fn, outputs, targets)
        if penalty is not None:
            total = total + penalty
        optimizer.zero_grad()
        total.backward()  # d loss / d output, into the output leaves
        seed = [leaf.grad for leaf in leaves] + ([penalty.grad] if penalty is not None else [])
        replay.backward(seed)
        plan = replay.plan
        for p, g in zip(plan.captured, replay.captured_grads().tolist()):
            p.grad += g  # as eager backward: added to what zero_grad left
        optimizer.step()
        return total.data, outputs


def _show_progress(progress: bool | None) -> bool:
    if progress is None:  # automatic: a bar only where someone watches a terminal
        return sys.stdout.isatty()
    return bool(progress)


def fit(
    model: Module | Callable[[Any], Output],
    X: Any,
    y: Any,
    loss: str | LossFunction,
    optimizer: OptimizerLike,
    *,
    steps: int | None = None,
    epochs: int | None = None,
    batch_size: int | None = None,
    l2: float = 0.0,
    shuffle: bool = True,
    seed: Seed = None,
    threshold: float | None = None,
    progress: bool | None = None,
    callback: Callable[[int, History], None] | None = None,
    compile: bool = False,
) -> History:
    """Train ``model`` on (X, y); returns the history {"loss": [...], "accuracy": [...]}.

    Give either ``steps`` (optimizer steps; one history entry per step, on that
    step's batch, before the update) or ``epochs`` (passes over the data; one
    entry per epoch: the sample-weighted mean loss and the accuracy over its
    batches). ``batch_size=None`` is full-batch. ``loss`` is a batch loss
    function ``loss(outputs, targets) -> Value`` or its name (see `nn.losses.LOSSES`);
    ``l2`` adds ``l2 * sum p^2`` over the model's parameters, and the recorded
    loss includes it. ``threshold`` decides binary classes for the accuracy
    (default 0.5 for `binary_cross_entropy`, else 0). ``progress``: None shows a
    tqdm bar when stdout is a terminal, True always, False never.
    ``callback(index, history)`` runs after each entry. ``compile=True`` replays
    the model on numpy arrays (see `autograd.jit`; one trace per batch size): the
    same history as eager training, up to rounding, many times faster. The model
    must not branch on the data (Python ``if``s on ``.data``; activations and
    losses are fine).
    """
    X, y = check_dataset(X, y, "fit")
    if not callable(model):
        raise TypeError(f"fit: model must be callable (a Module), got {type(model).__name__}")
    if not (
        callable(getattr(optimizer, "step", None))
        and callable(getattr(optimizer, "zero_grad", None))
    ):
        raise TypeError(
            "fit: optimizer must have step() and zero_grad() (e.g. nn.SGD), "
            f"got {type(optimizer).__name__}"
        )
    if (steps is None) == (epochs is None):
        raise ValueError("fit: give exactly one of steps= and epochs=")
    count = positive_int(
        steps if steps is not None else epochs, "steps" if steps is not None else "epochs", "fit"
    )
    n = len(y)
    size = n if batch_size is None else min(positive_int(batch_size, "batch_size", "fit"), n)
    loss_fn = get_loss(loss)
    if threshold is None:
        threshold = 0.5 if loss_fn is binary_cross_entropy else 0.0
    l2 = number_in(l2, "l2", "fit", 0.0, noun="a number")
    params = model.parameters() if (l2 and isinstance(model, Module)) else None
    if l2 and params is None:
        raise TypeError("fit: l2= needs a Module (to find the parameters)")
    rows: Sequence[Any] = X.tolist() if is_ndarray(X) else X
    targets: list[Any] = y.tolist() if is_ndarray(y) else y
    # A full batch needs no shuffling (only the order of the sum would change).
    batches = _batches(n, size, shuffle and size < n, seed)
    per_entry = 1 if steps is not None else -(-n // size)  # steps per history entry

    compiled = None
    if compile:
        require("numpy", "fit(compile=True)")
        l2_params = model.parameters() if l2 else None  # type: ignore[union-attr]
        compiled = _CompiledBatch(model, X.shape[1], l2_params, float(l2))

    history: History = {"loss": [], "accuracy": []}
    unit = "step" if steps is not None else "epoch"
    with _progress_bar(count, unit, _show_progress(progress)) as bar:
        for index in range(count):
            loss_sum, correct, seen = 0.0, 0, 0
            for _ in range(per_entry):
                batch = next(batches)
                batch_targets = [targets[i] for i in batch]
                if compiled is not None:
                    with _cyclic_gc_paused():
                        value, outputs = compiled.step(X[batch], loss_fn, batch_targets, optimizer)
                    loss_sum += value * len(batch)
                    correct += sum(
                        _is_correct(o, t, threshold) for o, t in zip(outputs, batch_targets)
                    )
                    seen += len(batch)
                    continue
                with _cyclic_gc_paused():
                    outputs = [model(rows[i]) for i in batch]
                    total = _loss_value(loss_fn, outputs, batch_targets)
                    if params is not None:
                        total = total + l2_penalty(params, l2)
                    optimizer.zero_grad()
                    total.backward()
                    optimizer.step()
                    loss_sum += total.data * len(batch)
                    correct += sum(
                        _is_correct(o, t, threshold) for o, t in zip(outputs, batch_targets)
                    )
                    seen += len(batch)
                    del outputs, total  # free this step's graph while collection is paused
            history["loss"].append(loss_sum / seen)
            history["accuracy"].append(correct / seen)
            bar.set_postfix(
                loss=f"{history['loss'][-1]:.4f}",
                accuracy=f"{history['accuracy'][-1]:.1%}",
                refresh=False,
            )
            bar.update(1)
            if callback is not None:
                callback(index, history)
    return history
