"""`autograd.jit` and `autograd.vmap`: trace a function of Values once, replay it on numpy arrays.

    >>> import numpy as np
    >>> from autograd import jit, vmap
    >>> f = jit(lambda w, x: (w[0] * x[0] + w[1] * x[1]).tanh())
    >>> value, (dw, dx) = f.value_and_grad(np.array([0.5, -1.0]), np.array([2.0, 1.0]))
    >>> per_sample = vmap(lambda w, x: (w[0] * x[0] + w[1] * x[1]).tanh(), in_axes=(None, 0))
    >>> per_sample(np.array([0.5, -1.0]), np.array([[2.0, 1.0], [0.0, 3.0]])).shape
    (2,)

The first call with a given input structure (how many arguments, which are
numbers and how long each vector is, per sample) runs ``f`` once on fresh leaf
Values, eagerly, and keeps the graph the engine recorded as a `Plan` (see
`plan.py`: numbered, chains of ``+`` fused into sums, grouped by level and op).
Every call replays that plan: each group of nodes is one numpy call of the
recorded op's ``forward_array``, then, last level first, of its ``rule``.

``vmap(f, in_axes)`` (JAX's name and meaning) maps ``f`` over a batch axis: an
argument with axis 0 carries one row per sample, an argument with axis None is
shared by every sample. ``f`` is traced on the first sample and the plan runs
on the whole batch at once, values of shape ``(nodes, batch)``; a shared
argument's (and a captured leaf's) gradient is the sum over the batch. The
batch size is not part of the structure: one trace serves every batch size.
In this engine the batch axis exists only in the replay, so ``vmap`` compiles:
``jit(vmap(f))``, ``vmap(jit(f))`` and ``vmap(f)`` are the same function.

Limits, as with ``jax.jit``:

- Python control flow that depends on the data (``if x.data > 0:``, ``max`` of
  Values, a loss that branches on a number) is decided once, at trace time,
  and baked in; under ``vmap`` it is the first sample's branch. ``check=True``
  runs ``f`` eagerly beside every replay (on a spread of rows under ``vmap``)
  and raises `JitError` naming the first row and node that differ.
- Numbers read out of a Value (``Value(x.data)``) are baked in the same way.
- Leaves that are neither arguments nor constants (a model's parameters) are
  captured: their current ``.data`` is read at every replay, and their
  gradients are available (``value_and_grad(..., params=...)``).
- A different number or length of arguments traces again (one plan per
  structure, cached); the graph must not otherwise depend on the values.
"""

from __future__ import annotations

import gc
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import grad_mode
from .graph import topological_order
from .plan import Buffers, JitError, Plan, batch_sum
from .value import Value

__all__ = ["Compiled", "JitError", "Replay", "jit", "vmap"]

REDUCTIONS = ("mean", "sum")
CHECKED_ROWS = 8  # rows `check=True` compares with eager under vmap


def jit(f: Callable[..., Any] | None = None, *, check: bool | int = False) -> Any:
    """Compile ``f`` (Values in, a Value or a list of Values out) for replay on arrays.

    Use as ``jit(f)``, ``jit(f, check=True)`` or as a decorator (``@jit``).
    ``jit`` of a function that is already compiled (``jit(vmap(f))``) is that function.
    """
    if f is None:
        return lambda g: jit(g, check=check)
    if isinstance(f, Compiled):
        return f if not check or f.check else Compiled(f.f, check=check, in_axes=f.in_axes)
    return Compiled(f, check=check)


def vmap(
    f: Callable[..., Any] | None = None, in_axes: Any = 0, *, check: bool | int = False
) -> Any:
    """Map ``f`` (one sample's Values in, a Value or a list out) over a batch axis, compiled.

    ``in_axes``: 0 (every argument mapped), or one entry per argument, 0 (mapped:
    one row per sample) or None (shared by every sample), as ``jax.vmap``.
    The result takes a mapped argument as an array whose first axis is the
    batch ((batch,) for a number per sample, (batch, n) for a vector) and
    returns one row per sample ((batch,) for one output, (batch, k) for k).
    ``check=True`` compares a spread of up to 8 rows with eager at every call
    (``check=n``: n rows).
    """
    axes = _normalize_axes(in_axes)
    if f is None:
        return lambda g: vmap(g, in_axes, check=check)
    if isinstance(f, Compiled):
        return Compiled(f.f, check=check or f.check, in_axes=axes)
    return Compiled(f, check=check, in_axes=axes)


def _normalize_axes(in_axes: Any) -> Any:
    """0, or a tuple of 0 / None; anything else is refused by value."""

    def ok(axis: Any) -> bool:
        return axis is None or (isinstance(axis, int) and not isinstance(axis, bool) and axis == 0)

    if isinstance(in_axes, (list, tuple)):
        for i, axis in enumerate(in_axes):
            if not ok(axis):
                raise ValueError(
                    f"vmap: in_axes[{i}] must be 0 (mapped) or None (shared), got {axis!r}"
                )
        if all(axis is None for axis in in_axes):
            raise ValueError("vmap: in_axes maps no argument (every entry is None)")
        return tuple(in_axes)
    if in_axes == 0 and ok(in_axes):
        return 0
    raise ValueError(
        f"vmap: in_axes must be 0, or a tuple of 0 (mapped) and None (shared), got {in_axes!r}"
    )


# One argument of one call: its per-sample shape (None: a number, n: a vector of n), whether
# it is mapped, and its numbers: (batch, size) if mapped, (size,) if shared.
@dataclass
class _Argument:
    shape: int | None
    mapped: bool
    numbers: Any

    @property
    def size(self) -> int:
        return 1 if self.shape is None else self.shape


Structure = tuple[Any, ...]  # per argument: (shape, mapped)
Eager = tuple[int, list[Value], list[Value]]  # an eager run of f on one row: leaves, outputs


def _read_arguments(args: Sequence[Any], in_axes: Any) -> tuple[list[_Argument], int]:
    """Each argument checked and read as float64, and the batch size (1 without vmap)."""
    if in_axes is None:
        axes: Sequence[Any] = [None] * len(args)
    elif in_axes == 0:
        axes = [0] * len(args)
    else:
        if len(in_axes) != len(args):
            raise ValueError(
                f"vmap: in_axes has {len(in_axes)} entries, but the function was called "
                f"with {len(args)} arguments"
            )
        axes = in_axes
    name = "jit" if in_axes is None else "vmap"
    read: list[_Argument] = []
    batch: int | None = None
    first_mapped = 0
    for i, (x, axis) in enumerate(zip(args, axes)):
        if isinstance(x, Value):
            raise TypeError(
                f"{name}: argument {i} is a Value; pass plain numbers or arrays "
                "(the compiled function makes its own leaves)"
            )
        if isinstance(x, numbers.Real) and not isinstance(x, bool) and axis is None:
            read.append(_Argument(None, False, np.array([x], dtype=np.float64)))
            continue
        try:
            array = np.asarray(x, dtype=np.float64)
        except (TypeError, ValueError):
            what = "an array with one row per sample" if axis == 0 else "a number or a 1-D array"
            raise TypeError(
                f"{name}: argument {i} must be {what} of numbers, got {type(x).__name__}"
            ) from None
        if axis is None:
            if array.ndim > 1:
                raise ValueError(
                    f"{name}: argument {i} must be a number or a 1-D array, got shape {array.shape}"
                )
            shape = None if array.ndim == 0 else len(array)
            read.append(_Argument(shape, False, array.reshape(-1)))
            continue
        if array.ndim not in (1, 2):
            raise ValueError(
                f"vmap: mapped argument {i} must have shape (batch,) or (batch, n), got shape "
                f"{array.shape}"
            )
        if batch is None:
            batch, first_mapped = len(array), i
            if batch == 0:
                raise ValueError(f"vmap: mapped argument {i} has no rows (an empty batch)")
        elif len(array) != batch:
            raise ValueError(
                f"vmap: mapped argument {i} has {len(array)} rows, expected {batch} "
                f"(the batch size of argument {first_mapped})"
            )
        shape = None if array.ndim == 1 else array.shape[1]
        read.append(_Argument(shape, True, array.reshape(len(array), -1)))
    return read, 1 if batch is None else batch


def _structure(arguments: Sequence[_Argument]) -> Structure:
    return tuple((a.shape, a.mapped) for a in arguments)


def _argument_matrix(arguments: Sequence[_Argument], batch: int) -> np.ndarray:
    """Every argument number as rows of an (n_args, batch) array (shared ones repeated)."""
    parts = [a.numbers.T if a.mapped else np.broadcast_to(a.numbers[:, None], (a.size, batch))
             for a in arguments]  # fmt: skip
    return np.concatenate(parts) if parts else np.empty((0, batch))


def _row_numbers(arguments: Sequence[_Argument], row: int) -> list[float]:
    """The numbers sample ``row`` gives each argument, flat."""
    out: list[float] = []
    for a in arguments:
        out.extend((a.numbers[row] if a.mapped else a.numbers).tolist())
    return out


def _signature(order: list[Value], arg_pos: dict[int, int]) -> list[tuple[Any, ...]]:
    """What each traced node is, in trace order: for `check=True` to compare calls."""
    position = {id(node): i for i, node in enumerate(order)}
    sig: list[tuple[Any, ...]] = []
    for node in order:
        record = node._applied
        if record is None:
            if id(node) in arg_pos:
                sig.append(("argument", arg_pos[id(node)]))
            elif node.is_constant:
                sig.append(("constant", node.data))
            else:
                sig.append(("variable",))
            continue
        name = record.name if record.op is None else record.op.name
        a, b = node._a, node._b  # the parents, read directly: this runs per node per checked row
        if b is None:
            sig.append((name, record.params, position[id(a)]))
        else:
            sig.append((name, record.params, position[id(a)], position[id(b)]))
    return sig


def _describe(entry: tuple[Any, ...]) -> str:
    if entry[0] == "argument":
        return f"argument element {entry[1]}"
    if entry[0] == "constant":
        return f"the constant {entry[1]!r}"
    if entry[0] == "variable":
        return "a captured leaf"
    name, params = entry[0], entry[1]
    shown = f"{name}({', '.join(f'{p:g}' for p in params)})" if params else name
    return f"{shown} of node(s) {', '.join(str(p) for p in entry[2:])}"


class _Trace:
    """One traced structure: its plan, the output layout, and (check mode) the signature."""

    def __init__(self, plan: Plan, scalar_out: bool, signature: Any) -> None:
        self.plan = plan
        self.scalar_out = scalar_out
        self.signature = signature
        self._captured: dict[int, int] | None = None

    def captured_position(self) -> dict[int, int]:
        if self._captured is None:
            self._captured = {id(v): i for i, v in enumerate(self.plan.captured)}
        return self._captured


class Replay:
    """One replay: the values of every node and sample; `backward` then fills their gradients.

    ``values`` and ``grads`` have shape (nodes, batch) (the rows of leaves that only dots
    read as weights hold 0 in ``grads``: their gradient comes summed over the batch, in
    `captured_grads`); ``batched`` tells whether
    the function is mapped (`vmap`), which decides how outputs and gradients
    are laid out.
    """

    def __init__(self, trace: _Trace, arguments: list[_Argument], batched: bool,
                 buffers: Buffers) -> None:  # fmt: skip
        self._trace = trace
        self._arguments = arguments
        self.batch = buffers.batch
        self.batched = batched
        self._buffers = buffers
        self._values_complete = False
        self.grads: Any = None

    @property
    def values(self) -> np.ndarray:
        """Every node's value for every sample, (nodes, batch)."""
        if not self._values_complete:  # the leaves that only dots read, filled on demand
            self._buffers.fill_leaf_rows(self._trace.plan)
            self._values_complete = True
        return self._buffers.values

    @property
    def plan(self) -> Plan:
        return self._trace.plan

    @property
    def output_rows(self) -> np.ndarray:
        """The outputs' values, one row per output, one column per sample: (outputs, batch)."""
        rows: np.ndarray = self._buffers.values[self._trace.plan.outputs]
        return rows

    @property
    def outputs(self) -> np.ndarray:
        """The outputs: (outputs,) without a batch axis, (batch, outputs) under vmap."""
        rows = self.output_rows
        return rows.T if self.batched else rows[:, 0]

    def backward(self, seed: Any = 1.0) -> None:
        """Backpropagate ``seed``: d loss / d output, laid out as `outputs` (or one number)."""
        plan = self._trace.plan
        seed = np.asarray(seed, dtype=np.float64)
        n_out = len(plan.outputs)
        if self.batched:
            if seed.ndim == 1 and n_out == 1 and len(seed) == self.batch:
                seed = seed[:, None]
            seed = np.broadcast_to(seed, (self.batch, n_out)).T
        else:
            seed = np.broadcast_to(seed, (n_out,))[:, None]
        self.backward_rows(seed)

    def backward_rows(self, seed: np.ndarray) -> None:
        """Backpropagate a seed laid out as `output_rows`: (outputs, batch)."""
        if self._buffers.gathered is None:
            raise JitError("jit: this replay kept no operands (keep=False): it has no backward")
        self.grads = self._trace.plan.backward(self._buffers, seed)

    def _need_grads(self) -> None:
        if self.grads is None:
            raise JitError("jit: call backward() before reading gradients")

    def argument_grads(self) -> tuple[Any, ...]:
        """d / d argument, laid out as the arguments: a float or an array each.

        A mapped argument gets one row per sample; a shared one the sum over the batch.
        """
        self._need_grads()
        result: list[Any] = []
        start = 0
        for a in self._arguments:
            part = self.grads[start : start + a.size]
            start += a.size
            if a.mapped:
                result.append(part[0].copy() if a.shape is None else part.T.copy())
            else:
                total = batch_sum(part)
                result.append(float(total[0]) if a.shape is None else total)
        return tuple(result)

    def captured_grads(self) -> np.ndarray:
        """d / d leaf for each captured leaf, aligned with ``plan.captured`` (batch summed)."""
        self._need_grads()
        plan = self._trace.plan
        start = plan.n_args
        total: np.ndarray = self._buffers.summed[start : start + len(plan.captured)].copy()
        some = plan.per_sample_captured
        if len(some) == len(plan.captured):
            total += batch_sum(self.grads[start : start + len(some)], self._buffers.sums)
        elif len(some):
            total[some] += batch_sum(self.grads[start + some])
        return total

    def grads_of(self, params: Sequence[Value]) -> np.ndarray:
        """d / d p for each captured leaf p (0 for a leaf the outputs do not depend on)."""
        captured = self.captured_grads()
        position = self._trace.captured_position()
        out = np.zeros(len(params))
        for k, p in enumerate(params):
            i = position.get(id(p))
            if i is not None:
                out[k] = captured[i]
        return out


class Compiled:
    """``jit(f)`` or ``vmap(f, in_axes)``: call it with numbers and arrays; see the module doc."""

    def __init__(
        self, f: Callable[..., Any], check: bool | int = False, in_axes: Any = None
    ) -> None:
        if not callable(f):
            raise TypeError(f"jit: expected a function, got {type(f).__name__}")
        if not isinstance(check, (bool, int)) or (not isinstance(check, bool) and check < 1):
            raise ValueError(
                f"jit: check must be True, False or a number of rows >= 1, got {check!r}"
            )
        self.f = f
        self.check = check
        self.in_axes = in_axes  # None: no batch axis (jit); 0 or a tuple (vmap)
        self.traces: dict[Structure, _Trace] = {}
        self.__doc__ = getattr(f, "__doc__", None)

    @property
    def _name(self) -> str:
        return "jit" if self.in_axes is None else "vmap"

    # ---------------------------------------------------------------- tracing

    def _call_eager(
        self, arguments: Sequence[_Argument], row: int
    ) -> tuple[list[Value], list[Value], bool]:
        """``f`` on fresh leaves holding sample ``row``'s numbers: (leaves, outputs, one output)."""
        if not grad_mode.is_grad_enabled():
            raise JitError(
                f"{self._name}: cannot trace under no_grad() (no graph would be recorded)"
            )
        leaves = [Value(x) for x in _row_numbers(arguments, row)]
        shaped: list[Any] = []
        start = 0
        for a in arguments:
            if a.shape is None:
                shaped.append(leaves[start])
            else:
                shaped.append(leaves[start : start + a.shape])
            start += a.size
        result = self.f(*shaped)
        if isinstance(result, Value):
            return leaves, [result], True
        if (
            isinstance(result, (list, tuple))
            and result
            and all(isinstance(r, Value) for r in result)
        ):
            return leaves, list(result), False
        raise JitError(
            f"{self._name}: the function must return a Value or a non-empty list of Values, "
            f"got {type(result).__name__}"
        )

    def trace(self, *args: Any) -> Plan:
        """The plan for these arguments' structure (traced now if it is new)."""
        arguments, _ = _read_arguments(args, self.in_axes)
        return self._trace_for(arguments).plan

    def _trace_for(self, arguments: list[_Argument]) -> _Trace:
        structure = _structure(arguments)
        found = self.traces.get(structure)
        if found is not None:
            return found
        was_enabled = gc.isenabled()
        gc.disable()  # many new nodes, none of them in a cycle
        try:
            leaves, outputs, scalar = self._call_eager(arguments, 0)
            signature = None
            if self.check:
                arg_pos = {id(v): j for j, v in enumerate(leaves)}
                signature = _signature(topological_order(*outputs), arg_pos)
            plan = Plan.build(outputs, leaves)
            del leaves, outputs
        finally:
            if was_enabled:
                gc.enable()
        trace = _Trace(plan, scalar, signature)
        self.traces[structure] = trace
        return trace

    # ---------------------------------------------------------------- running

    def replay(
        self, *args: Any, keep: bool = True, reuse: bool = False, captured: Any = None
    ) -> Replay:
        """Run the forward replay (tracing first if needed); `Replay.backward` for gradients.

        ``keep=False`` keeps no operands for a backward pass (less memory, forward only).
        ``reuse=True`` replays into the plan's own arrays for this batch size, which the
        next ``reuse=True`` replay overwrites: for a loop (a training step) that is done
        with each replay before it starts the next. ``captured``: the captured leaves'
        values as a 1-D array in ``trace(...).captured`` order, for a caller that holds
        them already (a training step); by default each leaf's ``.data`` is read.
        """
        return self._replay(args, keep, reuse, captured)[0]

    def _replay(self, args: Sequence[Any], keep: bool = True, reuse: bool = False,
                captured: Any = None) -> tuple[Replay, list[Eager]]:  # fmt: skip
        """The replay, and (check mode) the eager runs it was checked against."""
        arguments, batch = _read_arguments(args, self.in_axes)
        trace = self._trace_for(arguments)
        plan = trace.plan
        if captured is not None:
            captured = np.asarray(captured, dtype=np.float64)
        if captured is not None and captured.shape != (len(plan.captured),):
            raise ValueError(
                f"{self._name}: captured= must hold one value per captured leaf, shape "
                f"({len(plan.captured)},), got shape {captured.shape}"
            )
        buffers = plan.reused_buffers(batch) if reuse and keep else plan.buffers(batch, keep)
        values = buffers.values
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            plan.forward(_argument_matrix(arguments, batch), buffers, captured)
        computed = values[plan.n_leaves :]  # (leaf rows read by no op hold no values)
        finite = np.isfinite(computed)
        if not finite.all():
            bad, row = np.unravel_index(int(np.argmin(finite)), computed.shape)
            bad += plan.n_leaves
            group = next(g for g in plan.groups if g.start <= bad < g.stop)
            where = f" in row {row}" if self.in_axes is not None else ""
            raise OverflowError(
                f"{self._name}: node {bad} ({group.name}, level {group.level}) is not finite"
                f"{where}: {values[bad, row]!r}"
            )
        replay = Replay(trace, arguments, self.in_axes is not None, buffers)
        eager = self._check(trace, arguments, replay) if self.check else []
        return replay, eager

    def __call__(self, *args: Any) -> Any:
        """The value: a float (one output) or an array; one row per sample under vmap."""
        replay = self.replay(*args, keep=False)
        if replay.batched:
            rows = replay.output_rows
            return rows[0].copy() if replay._trace.scalar_out else rows.T.copy()
        return float(replay.outputs[0]) if replay._trace.scalar_out else replay.outputs

    def value_and_grad(
        self, *args: Any, params: Sequence[Value] | None = None, reduction: str = "mean"
    ) -> tuple[Any, ...]:
        """``(value, grads)``: grads has one entry per argument (a float or an array).

        With ``params`` (captured leaves, e.g. ``model.parameters()``), returns
        ``(value, grads, param_grads)``, the last an array aligned with ``params``.
        Under vmap the value is the ``reduction`` ("mean" or "sum") of the
        per-sample values, and the gradients are those of that reduced value: a
        mapped argument gets one row per sample, a shared argument and a
        parameter the sum over the batch.
        """
        if reduction not in REDUCTIONS:
            raise ValueError(
                f"value_and_grad: reduction must be 'mean' or 'sum', got {reduction!r}"
            )
        replay, eager = self._replay(args, reuse=True)
        if not replay._trace.scalar_out:
            raise JitError(f"{self._name}: value_and_grad needs a function that returns one Value")
        weight = 1.0 / replay.batch if replay.batched and reduction == "mean" else 1.0
        row = replay.output_rows[0]
        replay.backward_rows(np.full((1, replay.batch), weight))
        value = float(np.sum(row) * weight) if replay.batched else float(row[0])
        if eager:
            self._check_grads(replay, eager, weight)
        if params is None:
            return value, replay.argument_grads()
        return value, replay.argument_grads(), replay.grads_of(params)

    # ---------------------------------------------------------------- checking

    def verify(self, *args: Any, rows: int = CHECKED_ROWS) -> None:
        """Replay ``args`` once and compare it with ``f`` run eagerly on a spread of ``rows``
        rows (as ``check=rows`` does at every call); raises `JitError` naming the first row
        and node that differ."""
        arguments, _ = _read_arguments(args, self.in_axes)
        replay = self.replay(*args, keep=False)
        if not self.check:
            self._check(self._trace_for(arguments), arguments, replay, rows)

    def _checked_rows(self, batch: int, count: int) -> list[int]:
        """The rows check mode compares: spread evenly, the first and the last included."""
        if self.in_axes is None:
            return [0]
        return sorted({int(r) for r in np.linspace(0, batch - 1, min(count, batch)).round()})

    def _check(
        self, trace: _Trace, arguments: list[_Argument], replay: Replay, count: int = 0
    ) -> list[Eager]:
        """Run ``f`` eagerly on some rows; the first row and node that differ are an error.

        Returns each checked row's eager run, for `_check_grads`; the caller drops them."""
        if trace.signature is None:  # traced without check mode: the signature is made now
            leaves, outputs, _ = self._call_eager(arguments, 0)
            trace.signature = _signature(
                topological_order(*outputs), {id(v): j for j, v in enumerate(leaves)}
            )
        count = count or (CHECKED_ROWS if self.check is True else int(self.check))
        eager = []
        for row in self._checked_rows(replay.batch, count):
            leaves, outputs, _ = self._call_eager(arguments, row)
            order = topological_order(*outputs)
            sig = _signature(order, {id(v): j for j, v in enumerate(leaves)})
            where = "" if self.in_axes is None else f"row {row}, "
            this = "this call" if self.in_axes is None else f"row {row}"
            for i, (then, now) in enumerate(zip(trace.signature, sig)):
                if then != now:
                    raise JitError(
                        f"{self._name}(check=True): {where}node {i} of the graph differs from the "
                        f"trace: traced as {_describe(then)}, {this} records {_describe(now)}. "
                        "Python control flow that depends on the data (e.g. `if x.data > 0:`) "
                        "is decided once, at trace time: write it with ops (relu, abs, ...) or "
                        f"keep that part out of {self._name}."
                    )
            if len(sig) != len(trace.signature):
                raise JitError(
                    f"{self._name}(check=True): {where}the trace recorded "
                    f"{len(trace.signature)} nodes, {this} records {len(sig)}: the graph "
                    "depends on the data (decided once, at trace time)."
                )
            index = trace.plan.trace_index
            kept = np.flatnonzero(index >= 0)  # an inner + of a fused sum has no value of its own
            got = replay.values[index[kept], row]
            expected = np.array([order[i].data for i in kept.tolist()])
            differs = np.flatnonzero(~np.isclose(got, expected, rtol=1e-9, atol=1e-300))
            if len(differs):
                j = int(differs[0])
                i = int(kept[j])
                raise JitError(
                    f"{self._name}(check=True): {where}node {i} ({_describe(sig[i])}) is "
                    f"{got[j]!r} in the replay but {expected[j]!r} eagerly: a number read from a "
                    "Value at trace time (e.g. `Value(x.data)`) is baked into the trace."
                )
            eager.append((row, leaves, outputs))
        return eager

    def _check_grads(self, replay: Replay, eager: list[Eager], weight: float) -> None:
        """Each checked row's d output / d argument element, eager against the replay."""
        for row, leaves, outputs in eager:
            for node in topological_order(outputs[0]):
                node.grad = 0.0
            outputs[0].backward()
            expected = np.array([leaf.grad for leaf in leaves]) * weight
            got = replay.grads[: len(leaves), row]
            scale = max(float(np.max(np.abs(expected), initial=0.0)), 1e-300)
            bad = np.flatnonzero(~np.isclose(got, expected, rtol=1e-9, atol=1e-9 * scale))
            if len(bad):
                j = int(bad[0])
                where = "" if self.in_axes is None else f"row {row}: "
                raise JitError(
                    f"{self._name}(check=True): {where}d output / d argument element {j} is "
                    f"{got[j]!r} in the replay but {expected[j]!r} eagerly"
                )
