"""Training: `fit` (the loop, with a progress bar), and `predict` / `accuracy`.

One optimisation step: forward the batch through the model, average the loss
(plus an optional L2 penalty), clear the gradients, backpropagate, update.

``fit(..., compile=True)`` runs each step through `autograd.vmap`: one
sample's graph (the model, then its loss) is traced once per model and
replayed on every batch, of any size, as (nodes, batch) arrays; the step takes
the mean of the per-sample losses and seeds the backward pass with 1/n each.
A classification loss branches on its target, so the sample's graph holds the
loss for every class the targets take and each sample's own is picked (as
``jax.vmap`` runs both sides of a branch on batched data and selects); mse
takes the target as a mapped argument; a loss of your own runs eagerly on the
replayed outputs. The L2 term is computed on the parameter vector. One of our
optimizers then updates the arrays (`Optimizer.update`, the same rule as its
`step()`) and the parameters' ``.data`` and ``.grad`` are written back; any other
optimizer gets ``.grad`` written and its own `step()` called. So every optimizer,
schedule and loss works as in eager training.

Classes from model outputs: a one-output model scores the positive class, and
a sample is positive when its score is > ``threshold`` (0 for raw scores and
logits, 0.5 for probabilities); a target is positive when it is > 0, so labels
may be 0/1 or -1/+1. A model with several outputs predicts the argmax.
"""

from __future__ import annotations

import gc
import sys
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from autograd import Value, no_grad
from autograd.checks import number_in, positive_int
from autograd.optional import LazyModule, is_ndarray, require

from .data import check_dataset
from .losses import (
    LossFunction,
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    get_loss,
    hinge_loss,
    l2_penalty,
    l2_penalty_on_array,
    mse_loss,
)
from .module import Module
from .optim import Optimizer
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
        return bool((output.data > threshold) == (target > 0))
    best = max(range(len(output)), key=lambda j: output[j].data)
    return bool(best == target)


def predict_scores(model: Callable[[Any], Output], X: Any) -> np.ndarray:
    """The raw model outputs for every row of X, without recording a graph.

    Shape (n,) for a one-output model, (n, k) for k outputs.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"predict: X must be 2-D (samples x features), got shape {X.shape}")
    with no_grad():
        outputs = [model(row) for row in X.tolist()]
    if all(isinstance(o, Value) for o in outputs):
        return np.array([o.data for o in outputs if isinstance(o, Value)], dtype=np.float64)
    rows = [out for out in outputs if not isinstance(out, Value)]
    return np.array([[o.data for o in out] for out in rows], dtype=np.float64)


def predict(model: Callable[[Any], Output], X: Any, threshold: float = 0.0) -> np.ndarray:
    """Class labels for every row of X: score > threshold (one output), else the argmax."""
    scores = predict_scores(model, X)
    labels: np.ndarray = (
        (scores > threshold) if scores.ndim == 1 else scores.argmax(axis=1)
    ).astype(np.int64)
    return labels


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
            indices = list(range(n))
            if shuffle:
                fallback.shuffle(indices)
            for start in range(0, n, size):
                yield indices[start : start + size]
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


# Losses that fit(compile=True) maps over the batch: one call per sample gives that sample's
# loss, and the batch loss ("mean") is their mean. A classification loss branches on its
# target (hinge: 1 - s or 1 + s), so the per-sample graph computes the loss for every class
# the targets take and the step picks each sample's own (as jax.vmap turns a branch on
# batched data into a select that runs both sides); mse takes its target as an argument.
# (binary_cross_entropy is not one: it clamps log p where p is within e^-100 of 0 or 1, a
# branch on the data, so it runs eagerly on the replayed outputs.)
_PER_CLASS_LOSSES = (hinge_loss, binary_cross_entropy_with_logits, cross_entropy)
CHECKED_ROWS = 4  # rows of the first batch compared with eager before training compiled
_MAX_CLASSES = 32  # beyond this many distinct targets, the loss runs eagerly instead


def _max_shifted(logits: list[Value]) -> list[Value]:
    """z - max(z), the max taken with max nodes: cross-entropy then reads max = 0 for every
    sample (it reads the max as a number, which a trace would otherwise bake in)."""
    top = logits[0]
    for z in logits[1:]:
        top = top.maximum(z)
    return [z - top for z in logits]


def _slots(positions: list[int]) -> Any:
    """An index for these positions: a slice when they are 0, 1, 2, ... (a view, no copy)."""
    if positions == list(range(len(positions))):
        return slice(0, len(positions))
    return np.array(positions, dtype=np.intp)


class _Layout:
    """Where a compiled step's numbers go, for one plan and one optimizer: the Values it
    reads (``.data``) and gives gradients, in one order (the optimizer's, when it updates
    arrays), and where the plan's captured leaves and the L2 term's parameters sit in it."""

    def __init__(self, plan: Any, l2_params: list[Value] | None, optimizer: Any,
                 shape: tuple[int, ...]) -> None:  # fmt: skip
        captured: list[Value] = plan.captured
        members = list(captured)
        known = {id(p) for p in members}
        for p in l2_params or ():
            if id(p) not in known:  # a parameter only L2 sees (the outputs do not use it)
                known.add(id(p))
                members.append(p)
        params = getattr(optimizer, "params", None)
        # One of ours, not reshaped: it updates arrays in place of its own step(), and the
        # numbers are laid out in its parameters' order (the same Values, any order).
        self.arrays = (
            isinstance(optimizer, Optimizer)
            and type(optimizer).step is Optimizer.step
            and type(optimizer).zero_grad is Optimizer.zero_grad
            and isinstance(params, list)
            and len(params) == len(members)
            and {id(p) for p in params} == known
        )
        self.receivers: list[Value] = list(params) if self.arrays and params else members
        position = {id(p): i for i, p in enumerate(self.receivers)}
        # the receivers' values of the captured leaves, in the plan's order (the replay's
        # captured=), and, when every receiver is captured, the captured leaves' gradients
        # in the receivers' order (else None: the others get 0 from the replay)
        self.captured = _slots([position[id(p)] for p in captured])
        self.from_captured: Any = None
        if len(captured) == len(self.receivers):
            in_plan = {id(p): k for k, p in enumerate(captured)}
            self.from_captured = _slots([in_plan[id(p)] for p in self.receivers])
        self.l2: Any = None  # where L2's parameters are (None: no L2 term)
        self.l2_all = False  # L2's parameters are the receivers, in order
        self.l2_repeats = False  # a parameter listed twice: np.add.at, which adds both terms
        if l2_params is not None:
            self.l2 = _slots([position[id(p)] for p in l2_params])
            self.l2_all = isinstance(self.l2, slice) and len(l2_params) == len(self.receivers)
            self.l2_repeats = len({id(p) for p in l2_params}) < len(l2_params)
        # what the layout was made for: the arguments' shape per sample (which picks the
        # plan), the optimizer and the Values in its parameter list
        self.shape, self.optimizer = shape, optimizer
        self.params = None if params is None else list(params)

    def fits(self, shape: tuple[int, ...], optimizer: Any) -> bool:
        return (
            shape == self.shape
            and optimizer is self.optimizer
            # (a list of Values compares them by identity: about a microsecond for 337)
            and getattr(optimizer, "params", None) == self.params
        )


class _CompiledStep:
    """One training step through `autograd.vmap`: one sample's graph, traced once per model,
    replayed on every batch (of any size).

    The per-sample function returns the loss (one per class, or one) and then the
    model's outputs. The step reads the parameters' values once, replays the plan on
    them, reduces the losses to the batch mean, seeds the backward pass with 1/n on
    each sample's own loss, and sums the parameters' gradients over the batch. The L2
    penalty depends on no sample: it is computed on the parameter vector
    (`l2_penalty_on_array`). One of our optimizers then updates the arrays
    (`Optimizer.update`) and the step writes ``.data`` and ``.grad`` back; any other
    optimizer gets ``.grad`` written and its own ``step()`` called. A loss that is
    neither of the built-in ones nor cheap to map (many distinct targets) runs eagerly
    on the replayed outputs, and its gradients are backpropagated through the replay.
    """

    def __init__(self, model: Callable[[Any], Output], loss_fn: LossFunction, y: np.ndarray,
                 l2_params: list[Value] | None, l2: float) -> None:  # fmt: skip
        from autograd import vmap

        self.model, self.loss_fn = model, loss_fn
        self.classes: list[Any] = sorted(set(y.tolist()))
        self.class_array = np.array(self.classes)
        if loss_fn is mse_loss:
            self.mode = "targets"
        elif loss_fn in _PER_CLASS_LOSSES and len(self.classes) <= _MAX_CLASSES:
            self.mode = "classes"
        else:
            self.mode = "eager"
        self.losses = {"targets": 1, "classes": len(self.classes), "eager": 0}[self.mode]
        self.single = True  # the model returns one Value (else a list), known once traced
        axes = (0, 0) if self.mode == "targets" else (0,)
        self.compiled = vmap(self._sample, in_axes=axes)
        self.l2 = l2
        self.l2_params = l2_params  # the Values l2 * sum p^2 covers (None: no L2 term)
        self.verified = False
        self.reused = False  # handed to another fit call: its trace may be out of date
        self.layout: _Layout | None = None
        self._picked: Any = None  # the last targets' (key, (own, seed)), see _picks

    def verify(self, args: tuple[Any, ...]) -> None:
        """Compare the first batch's replay with eager on a spread of its rows, once: a model
        (or loss) whose graph depends on the sample is refused, not trained wrongly."""
        from autograd import JitError

        try:
            try:
                self.compiled.verify(*args, rows=CHECKED_ROWS)
            except JitError:
                if not self.reused:
                    raise
                # Traced by an earlier fit call: the model may have changed since. Trace anew.
                self.compiled.traces.clear()
                self.layout = None
                self.compiled.verify(*args, rows=CHECKED_ROWS)
        except JitError as error:
            raise JitError(
                f"fit(compile=True): one sample's graph does not fit every sample, so it "
                f"cannot be replayed on the batch ({error}). Train with compile=False."
            ) from None
        self.verified, self.reused = True, False

    def _layout_for(self, args: tuple[Any, ...], optimizer: OptimizerLike) -> _Layout:
        """The layout of the last step if it fits these arguments and optimizer, else anew."""
        shape = args[0].shape[1:]
        if self.layout is None or not self.layout.fits(shape, optimizer):
            self.layout = _Layout(self.compiled.trace(*args), self.l2_params, optimizer, shape)
        return self.layout

    def _sample(self, x: list[Value], target: Value | None = None) -> list[Value]:
        """One sample's losses, then its outputs."""
        out = self.model(x)
        self.single = isinstance(out, Value)
        outputs = [out] if isinstance(out, Value) else list(out)
        results: list[Value | list[Value]] = []
        if self.mode == "targets":
            results = [self.loss_fn(out, target)]
        elif self.mode == "classes":
            shown = _max_shifted(outputs) if self.loss_fn is cross_entropy else outputs
            prediction = shown[0] if self.single else shown
            results = [self.loss_fn(prediction, c) for c in self.classes]
        losses = [loss for loss in results if isinstance(loss, Value)]  # one sample: a Value
        assert len(losses) == len(results)
        return [*losses, *outputs]

    def step(
        self, X: np.ndarray, targets: np.ndarray, optimizer: OptimizerLike
    ) -> tuple[float, np.ndarray]:
        """One update on the rows X; returns the loss and the outputs, (outputs, batch)."""
        n = len(X)
        args = (X, targets.astype(np.float64)) if self.mode == "targets" else (X,)
        if not self.verified:
            self.verify(args)
        layout = self._layout_for(args, optimizer)
        receivers = layout.receivers
        # read once, for the replay and L2 (fromiter: no type guessing, as np.array does)
        data = np.fromiter([p.data for p in receivers], np.float64, len(receivers))
        replay = self.compiled.replay(*args, reuse=True, captured=data[layout.captured])
        rows = replay.output_rows
        outputs = rows[self.losses :]
        if self.mode == "eager":
            seed = np.zeros(rows.shape)
            leaves = [Value(v) for v in outputs.T.ravel().tolist()]
            k = len(outputs)
            shaped = leaves if self.single else [leaves[i * k : (i + 1) * k] for i in range(n)]
            total = _loss_value(self.loss_fn, shaped, targets.tolist())
            total.backward()  # d loss / d output, into the output leaves
            seed[self.losses :] = np.array([leaf.grad for leaf in leaves]).reshape(n, k).T
            value = total.data
        else:
            own, seed = self._picks(targets, rows.shape)
            value = float(rows.take(own).sum()) / n
        replay.backward_rows(seed)
        # d loss / d receiver, added to 0 as eager backward adds to what zero_grad left
        # (so never -0.0): the replay's gradients (summed over the batch), then L2's 2 l2 p
        captured = replay.captured_grads()
        if layout.from_captured is not None:
            grads = captured[layout.from_captured] + 0.0  # (a new array, the replay's reused)
        else:
            grads = np.zeros(len(data))
            grads[layout.captured] += captured
        if layout.l2 is not None:
            penalty, l2_grads = l2_penalty_on_array(
                data if layout.l2_all else data[layout.l2], self.l2
            )
            if layout.l2_all:
                grads += l2_grads
            elif layout.l2_repeats:
                np.add.at(grads, layout.l2, l2_grads)
            else:
                grads[layout.l2] += l2_grads
            value += penalty
        if not layout.arrays:  # an optimizer of its own: its step() reads .grad
            optimizer.zero_grad()
            for p, g in zip(receivers, grads.tolist()):
                p.grad += g
            optimizer.step()
            return value, outputs
        assert isinstance(optimizer, Optimizer)
        try:
            new = np.asarray(optimizer.update(data, grads))
        except BaseException:  # refused, nothing changed: the gradients are there, as eager
            for p, g in zip(receivers, grads.tolist()):
                p.grad = g
            raise
        for p, x, g in zip(receivers, new.data, grads.data):  # (memoryviews: floats, no lists)
            p.data, p.grad = x, g
        return value, outputs

    def _picks(self, targets: np.ndarray, shape: tuple[int, ...]) -> tuple[Any, Any]:
        """Where each sample's own loss is in the flattened (outputs, batch) rows, and the seed,
        1/n there: kept for the next step with the same targets (a full batch, every step)."""
        key = (targets.tobytes(), targets.dtype.char, shape)
        if self._picked is not None and self._picked[0] == key:
            kept: tuple[Any, Any] = self._picked[1]
            return kept
        n = len(targets)
        rows = np.searchsorted(self.class_array, targets) if self.mode == "classes" else 0
        own = np.ravel_multi_index((rows, np.arange(n)), shape)  # row * n + column
        seed = np.zeros(shape)
        seed.flat[own] = 1.0 / n
        seed.flags.writeable = False  # read by every step that has these targets
        self._picked = (key, (own, seed))
        return own, seed

    def correct(self, outputs: np.ndarray, targets: np.ndarray, threshold: float) -> int:
        """How many samples the outputs (outputs, batch) classify as their targets."""
        if self.single:
            return int(np.sum((outputs[0] > threshold) == (targets > 0)))
        return int(np.sum(outputs.argmax(axis=0) == targets))


def compiled_step(
    model: Callable[[Any], Output],
    y: Any,
    loss: str | LossFunction,
    *,
    l2: float = 0.0,
    params: Sequence[Value] | None = None,
) -> _CompiledStep:
    """The training step that ``fit(compile=True)`` runs, for timing or inspecting it.

    ``y``: every target the step will see (the classes are read from it).
    ``step(X, targets, optimizer)`` trains once on the rows X and returns the batch
    loss, l2 * sum p^2 included, and the outputs; its first call traces and checks
    the graph. ``.compiled`` is the per-sample `autograd.vmap`; ``.l2`` and
    ``.l2_params`` are the L2 term, computed on the parameter vector (no plan).
    ``params``: the Values the L2 term covers (default: the parameters of a `Module`).
    """
    if l2 and params is None:
        if not isinstance(model, Module):
            raise TypeError("compiled_step: l2= needs a Module or params= (to find the parameters)")
        params = model.parameters()
    l2_params = list(params) if (l2 and params is not None) else None
    return _CompiledStep(model, get_loss(loss), np.asarray(y), l2_params, float(l2))


# fit(compile=True)'s steps, kept per model across fit calls: a second call on the same model
# (a training loop of fit calls, a benchmark) replays the plan it traced, not a new trace.
# Keyed by everything the trace depends on but the model's code: the loss, the classes, l2 and
# the identity of every parameter (the plan holds them, so their ids stay unique). Each call
# still checks its first batch against eager, and a cached step that fails is traced afresh.
_STEPS: weakref.WeakKeyDictionary[Module, tuple[tuple[Any, ...], _CompiledStep]] = (
    weakref.WeakKeyDictionary()
)


def _fit_step(model: Callable[[Any], Output], y: np.ndarray, loss_fn: LossFunction,
              l2: float, params: list[Value] | None) -> _CompiledStep:  # fmt: skip
    """The compiled step of a fit call: the one of the last call on this model, if it fits."""
    if not isinstance(model, Module):  # no parameters to tell a changed model by
        return compiled_step(model, y, loss_fn, l2=l2, params=params)
    key = (
        loss_fn,
        tuple(sorted(set(y.tolist()))),
        l2,
        tuple(map(id, model.parameters())),
        None if params is None else tuple(map(id, params)),
    )
    found = _STEPS.get(model)
    if found is not None and found[0] == key:
        found[1].verified, found[1].reused = False, True  # this call's first batch is checked
        return found[1]
    step = compiled_step(model, y, loss_fn, l2=l2, params=params)
    _STEPS[model] = (key, step)
    return step


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
    one sample's graph on every batch (see `autograd.vmap`; one trace per model,
    whatever the batch size): the same history as eager training, up to
    rounding, many times faster. The model must not branch on the data (Python
    ``if``s on ``.data``; activations and the built-in losses are fine).
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
        compiled = _fit_step(model, y, loss_fn, l2, params)

    history: History = {"loss": [], "accuracy": []}
    unit = "step" if steps is not None else "epoch"
    with _progress_bar(count, unit, _show_progress(progress)) as bar:
        for index in range(count):
            loss_sum, correct, seen = 0.0, 0, 0
            for _ in range(per_entry):
                batch = next(batches)
                if compiled is not None:
                    with _cyclic_gc_paused():
                        value, scores = compiled.step(X[batch], y[batch], optimizer)
                    loss_sum += value * len(batch)
                    correct += compiled.correct(scores, y[batch], threshold)
                    seen += len(batch)
                    continue
                batch_targets = [targets[i] for i in batch]
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
