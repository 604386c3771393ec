"""`autograd.jit`: trace a function of Values once, then replay its graph on numpy arrays.

    >>> import numpy as np
    >>> from autograd import jit
    >>> f = jit(lambda w, x: (w[0] * x[0] + w[1] * x[1]).tanh())
    >>> value, (dw, dx) = f.value_and_grad(np.array([0.5, -1.0]), np.array([2.0, 1.0]))

The first call with a given input structure (how many arguments, which are
numbers and how long each vector is) runs ``f`` once on fresh leaf Values,
eagerly, and keeps the graph the engine recorded as a `Plan` (see `plan.py`:
numbered, chains of ``+`` fused into sums, grouped by level and op). Every
call replays that plan: each group of nodes is one numpy call of the recorded
op's ``forward_array``, then, last level first, of its ``rule``.

Limits, as with ``jax.jit``:

- Python control flow that depends on the data (``if x.data > 0:``, ``max`` of
  Values, a loss that branches on a number) is decided once, at trace time,
  and baked in. ``jit(f, check=True)`` runs ``f`` eagerly beside every replay
  and raises `JitError` naming the first node that differs.
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
from typing import Any

import numpy as np

from . import grad_mode
from .graph import topological_order
from .plan import JitError, Plan
from .value import Value

__all__ = ["Compiled", "JitError", "Replay", "jit"]

Structure = tuple[Any, ...]  # per argument: None for a number, n for a vector of length n
Eager = tuple[list[Value], list[Value]]  # an eager run of f: its leaves and its outputs


def jit(f: Callable[..., Any] | None = None, *, check: bool = False) -> Any:
    """Compile ``f`` (Values in, a Value or a list of Values out) for replay on arrays.

    Use as ``jit(f)``, ``jit(f, check=True)`` or as a decorator (``@jit``).
    """
    if f is None:
        return lambda g: Compiled(g, check=check)
    return Compiled(f, check=check)


def _structure(args: Sequence[Any]) -> tuple[Structure, Any]:
    """The input structure and all the numbers in one float64 vector."""
    shape: list[Any] = []
    parts = []
    for i, x in enumerate(args):
        if isinstance(x, numbers.Real) and not isinstance(x, bool):
            shape.append(None)
            parts.append(np.array([x], dtype=np.float64))
            continue
        if isinstance(x, Value):
            raise TypeError(
                f"jit: argument {i} is a Value; pass plain numbers or arrays "
                "(the compiled function makes its own leaves)"
            )
        try:
            array = np.asarray(x, dtype=np.float64)
        except (TypeError, ValueError):
            raise TypeError(
                f"jit: argument {i} must be a number or a 1-D array of numbers, "
                f"got {type(x).__name__}"
            ) from None
        if array.ndim == 0:
            shape.append(None)
            parts.append(array.reshape(1))
        elif array.ndim == 1:
            shape.append(len(array))
            parts.append(array)
        else:
            raise ValueError(
                f"jit: argument {i} must be a number or a 1-D array, got shape {array.shape}"
            )
    vector = np.concatenate(parts) if parts else np.empty(0)
    return tuple(shape), vector


def _signature(order: list[Value], arg_pos: dict[int, int]) -> list[tuple[Any, ...]]:
    """What each traced node is, in trace order: for `check=True` to compare calls."""
    for i, node in enumerate(order):
        node._mark = i
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
        sig.append((name, record.params, *(p._mark for p in node.parents)))
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

    def __init__(self, plan: Plan, scalar_out: bool, signature: Any, index: Any) -> None:
        self.plan = plan
        self.scalar_out = scalar_out
        self.signature = signature
        self.index = index  # trace position -> plan number (check mode)
        self._captured: dict[int, int] | None = None

    def captured_position(self) -> dict[int, int]:
        if self._captured is None:
            self._captured = {id(v): i for i, v in enumerate(self.plan.captured)}
        return self._captured


class Replay:
    """One replay: the values of every node; `backward` then fills their gradients."""

    def __init__(
        self, trace: _Trace, structure: Structure, values: Any, gathered: list[Any]
    ) -> None:
        self._trace = trace
        self._structure = structure
        self.values = values
        self._gathered = gathered
        self.grads: Any = None

    @property
    def plan(self) -> Plan:
        return self._trace.plan

    @property
    def outputs(self) -> Any:
        """The outputs' values (a float64 array, one per output)."""
        return self.values[self._trace.plan.outputs]

    def backward(self, seed: Any = 1.0) -> None:
        """Backpropagate ``seed`` (d loss / d output, one per output, or one number)."""
        plan = self._trace.plan
        seed = np.broadcast_to(np.asarray(seed, dtype=np.float64), plan.outputs.shape)
        self.grads = plan.backward(self.values, self._gathered, seed)

    def argument_grads(self) -> tuple[Any, ...]:
        """d / d argument, laid out as the arguments: a float or a 1-D array each."""
        if self.grads is None:
            raise JitError("jit: call backward() before reading gradients")
        result: list[Any] = []
        start = 0
        for n in self._structure:
            if n is None:
                result.append(float(self.grads[start]))
                start += 1
            else:
                result.append(self.grads[start : start + n].copy())
                start += n
        return tuple(result)

    def captured_grads(self) -> Any:
        """d / d leaf for each captured leaf, aligned with ``plan.captured``."""
        if self.grads is None:
            raise JitError("jit: call backward() before reading gradients")
        start = self._trace.plan.n_args
        return self.grads[start : start + len(self._trace.plan.captured)]

    def grads_of(self, params: Sequence[Value]) -> Any:
        """d / d p for each captured leaf p (0 for a leaf the outputs do not depend on)."""
        if self.grads is None:
            raise JitError("jit: call backward() before reading gradients")
        position = self._trace.captured_position()
        offset = self._trace.plan.n_args
        out = np.zeros(len(params))
        for k, p in enumerate(params):
            i = position.get(id(p))
            if i is not None:
                out[k] = self.grads[offset + i]
        return out


class Compiled:
    """``jit(f)``: call it like ``f`` with numbers or 1-D arrays; see the module docstring."""

    def __init__(self, f: Callable[..., Any], check: bool = False) -> None:
        if not callable(f):
            raise TypeError(f"jit: expected a function, got {type(f).__name__}")
        self.f = f
        self.check = bool(check)
        self.traces: dict[Structure, _Trace] = {}
        self.__doc__ = getattr(f, "__doc__", None)

    # ---------------------------------------------------------------- tracing

    def _leaves(self, structure: Structure, vector: Any) -> tuple[list[Value], list[Any]]:
        """Fresh leaves for the arguments: flat, and shaped as ``f`` takes them."""
        numbers_ = vector.tolist()
        leaves = [Value(x) for x in numbers_]
        shaped: list[Any] = []
        start = 0
        for n in structure:
            if n is None:
                shaped.append(leaves[start])
                start += 1
            else:
                shaped.append(leaves[start : start + n])
                start += n
        return leaves, shaped

    def _call_eager(
        self, structure: Structure, vector: Any
    ) -> tuple[list[Value], list[Value], bool]:
        if not grad_mode.is_grad_enabled():
            raise JitError("jit: cannot trace under no_grad() (no graph would be recorded)")
        leaves, shaped = self._leaves(structure, vector)
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
            "jit: the function must return a Value or a non-empty list of Values, "
            f"got {type(result).__name__}"
        )

    def trace(self, *args: Any) -> Plan:
        """The plan for these arguments' structure (traced now if it is new)."""
        structure, vector = _structure(args)
        return self._trace_for(structure, vector).plan

    def _trace_for(self, structure: Structure, vector: Any) -> _Trace:
        found = self.traces.get(structure)
        if found is not None:
            return found
        was_enabled = gc.isenabled()
        gc.disable()  # tens of thousands of new nodes, none of them in a cycle
        try:
            leaves, outputs, scalar = self._call_eager(structure, vector)
            signature = index = None
            if self.check:
                arg_pos = {id(v): j for j, v in enumerate(leaves)}
                signature = _signature(topological_order(*outputs), arg_pos)
            plan = Plan.build(outputs, leaves, keep_index=self.check)
            if self.check:
                index = plan.trace_index
            del leaves, outputs
        finally:
            if was_enabled:
                gc.enable()
        trace = _Trace(plan, scalar, signature, index)
        self.traces[structure] = trace
        return trace

    # ---------------------------------------------------------------- running

    def replay(self, *args: Any) -> Replay:
        """Run the forward replay (tracing first if needed); `Replay.backward` for gradients."""
        return self._replay(args)[0]

    def _replay(self, args: Sequence[Any]) -> tuple[Replay, Eager | None]:
        """The replay, and (check mode) the eager graph it was checked against."""
        structure, vector = _structure(args)
        trace = self._trace_for(structure, vector)
        plan = trace.plan
        with np.errstate(over="ignore", invalid="ignore"):
            values, gathered = plan.forward(vector)
        finite = np.isfinite(values)
        if not finite.all():
            bad = int(np.argmin(finite))
            group = next(g for g in plan.groups if g.start <= bad < g.stop)
            raise OverflowError(
                f"jit: node {bad} ({group.name}, level {group.level}) is not finite: "
                f"{values[bad]!r}"
            )
        replay = Replay(trace, structure, values, gathered)
        eager = self._check(trace, structure, vector, replay) if self.check else None
        return replay, eager

    def __call__(self, *args: Any) -> Any:
        """The value: a float for a function that returns a Value, else an array."""
        replay = self.replay(*args)
        return float(replay.outputs[0]) if replay._trace.scalar_out else replay.outputs

    def value_and_grad(self, *args: Any, params: Sequence[Value] | None = None) -> tuple[Any, ...]:
        """``(value, grads)``: grads has one entry per argument (a float or an array).

        With ``params`` (captured leaves, e.g. ``model.parameters()``), returns
        ``(value, grads, param_grads)``, the last an array aligned with ``params``.
        """
        replay, eager = self._replay(args)
        if not replay._trace.scalar_out:
            raise JitError("jit: value_and_grad needs a function that returns one Value")
        replay.backward(1.0)
        value = float(replay.outputs[0])
        if eager is not None:
            self._check_grads(replay, eager)
        if params is None:
            return value, replay.argument_grads()
        return value, replay.argument_grads(), replay.grads_of(params)

    # ---------------------------------------------------------------- checking

    def _check(self, trace: _Trace, structure: Structure, vector: Any, replay: Replay) -> Eager:
        """Run ``f`` eagerly on the same numbers; the first node that differs is an error.

        Returns the eager graph (leaves, outputs), for `_check_grads`; the caller drops it."""
        leaves, outputs, _ = self._call_eager(structure, vector)
        order = topological_order(*outputs)
        sig = _signature(order, {id(v): j for j, v in enumerate(leaves)})
        for i, (then, now) in enumerate(zip(trace.signature, sig)):
            if then != now:
                raise JitError(
                    f"jit(check=True): node {i} of the graph differs from the trace: traced as "
                    f"{_describe(then)}, this call records {_describe(now)}. Python control flow "
                    "that depends on the data (e.g. `if x.data > 0:`) is decided once, at trace "
                    "time: write it with ops (relu, abs, ...) or keep that part out of jit."
                )
        if len(sig) != len(trace.signature):
            raise JitError(
                f"jit(check=True): the trace recorded {len(trace.signature)} nodes, this call "
                f"{len(sig)}: the graph depends on the data (decided once, at trace time)."
            )
        for i, node in enumerate(order):
            k = trace.index[i]
            if k < 0:
                continue  # an inner + of a fused sum: no value of its own in the replay
            got = replay.values[k]
            if not np.isclose(got, node.data, rtol=1e-9, atol=1e-300):
                raise JitError(
                    f"jit(check=True): node {i} ({_describe(sig[i])}) is {got!r} in the replay "
                    f"but {node.data!r} eagerly: a number read from a Value at trace time "
                    "(e.g. `Value(x.data)`) is baked into the trace."
                )
        return leaves, outputs

    def _check_grads(self, replay: Replay, eager: Eager) -> None:
        leaves, outputs = eager
        for leaf in topological_order(outputs[0]):
            leaf.grad = 0.0
        outputs[0].backward()
        expected = np.array([leaf.grad for leaf in leaves])
        got = replay.grads[: len(leaves)]
        scale = max(float(np.max(np.abs(expected), initial=0.0)), 1e-300)
        bad = np.flatnonzero(~np.isclose(got, expected, rtol=1e-9, atol=1e-9 * scale))
        if len(bad):
            j = int(bad[0])
            raise JitError(
                f"jit(check=True): d output / d argument element {j} is {got[j]!r} in the "
                f"replay but {expected[j]!r} eagerly"
            )
