"""Training: `fit` (the loop, with a progress bar), and `predict` / `accuracy`.

One optimisation step: forward the batch through the model, average the loss
(plus an optional L2 penalty), clear the gradients, backpropagate, update.

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
from typing import Any, Protocol

import numpy as np
from tqdm.auto import tqdm

from autograd import Value, no_grad
from autograd.checks import number_in, positive_int

from .data import check_dataset
from .losses import LossFunction, binary_cross_entropy, get_loss, l2_penalty
from .module import Module
from .seeding import Seed, make_generator

History = dict[str, list[float]]
Output = Value | list[Value]


class OptimizerLike(Protocol):
    def step(self) -> None: ...
    def zero_grad(self) -> None: ...


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


def _batches(n: int, size: int, shuffle: bool, rng: np.random.Generator) -> Iterator[np.ndarray]:
    """Index batches forever, epoch after epoch, each epoch in a new order."""
    while True:
        order = rng.permutation(n) if shuffle else np.arange(n)
        for start in range(0, n, size):
            yield order[start : start + size]


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
    ``callback(index, history)`` runs after each entry.
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
    rows: Sequence[Any] = X.tolist()
    targets: list[Any] = y.tolist()
    # A full batch needs no shuffling (only the order of the sum would change).
    batches = _batches(n, size, shuffle and size < n, make_generator(seed))
    per_entry = 1 if steps is not None else -(-n // size)  # steps per history entry

    history: History = {"loss": [], "accuracy": []}
    unit = "step" if steps is not None else "epoch"
    with tqdm(total=count, desc="training", unit=unit, disable=not _show_progress(progress)) as bar:
        for index in range(count):
            loss_sum, correct, seen = 0.0, 0, 0
            for _ in range(per_entry):
                batch = next(batches)
                batch_targets = [targets[i] for i in batch]
                with _cyclic_gc_paused():
                    outputs = [model(rows[i]) for i in batch]
                    total = loss_fn(outputs, batch_targets)
                    if not isinstance(total, Value):
                        raise TypeError(
                            "fit: the loss must return a Value (reduction 'mean' or 'sum'), "
                            f"got {type(total).__name__}"
                        )
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
