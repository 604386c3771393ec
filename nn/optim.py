"""Optimizers with PyTorch's exact update rules, and learning-rate schedules.

Each optimizer holds a list of parameters (leaf `Value`s) and, per parameter,
its running state. `step()` reads ``p.grad`` and updates ``p.data``;
`zero_grad()` clears the gradients. ``lr`` is a number or a schedule: any
callable of the step index (0 for the first `step()`).

Each rule is written once, element by element (`_rule`), and runs on whole float64
arrays when numpy is installed (one numpy call per operation; the running state is then
kept as arrays) or on one parameter's floats at a time without it (the state as lists):
the same IEEE operations either way, so both give the same floats. `update(data, grad)`
is one step on arrays (or lists) of values and gradients that returns the new values and
touches no `Value`: `step()` is `update` on the parameters' own numbers, and
``fit(compile=True)`` calls it with the arrays it already holds.

SGD (``torch.optim.SGD``), with g = grad + weight_decay * p:

    b <- g                          on the first step,
    b <- momentum * b + (1 - dampening) * g   afterwards;
    g <- g + momentum * b (nesterov)  or  g <- b (momentum > 0);
    p <- p - lr * g

Adam (``torch.optim.Adam``), with g = grad + weight_decay * p and t = 1, 2, ...:

    m <- beta1 m + (1 - beta1) g      v <- beta2 v + (1 - beta2) g^2
    p <- p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)

AdamW (``torch.optim.AdamW``): weight decay is decoupled from the gradient,
p <- p (1 - lr weight_decay), then the Adam step on the bare gradient.
"""

from __future__ import annotations

import functools
import importlib
import math
import operator
import sys
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from types import ModuleType, SimpleNamespace
from typing import TYPE_CHECKING, Any, Union

from autograd import Value
from autograd.checks import number_in, positive_int
from autograd.optional import is_ndarray

from .module import Module

if TYPE_CHECKING:
    import numpy as np

_DATA = operator.attrgetter("data")
_GRAD = operator.attrgetter("grad")
Schedule = Callable[[int], float]
LearningRate = Union[float, Schedule]
# The parameters' numbers, in ``params`` order: a float64 array, or a list of floats.
Numbers = Union["np.ndarray", list[float]]
# A rule's per-parameter state: one entry per name in ``_state`` (None: not started yet).
State = tuple[Any, ...]

# What a rule calls besides + - * / on one float at a time; on arrays, numpy itself.
_FLOATS = SimpleNamespace(sqrt=math.sqrt, maximum=max)


@functools.cache
def _numpy() -> ModuleType | None:
    """numpy, or None where it is not installed (`step` then runs the rule float by float)."""
    try:
        return importlib.import_module("numpy")
    except ImportError:
        return None


def _zeros(n: int) -> Numbers:
    """A fresh state vector: float64 zeros, or a list of them without numpy."""
    numpy = _numpy()
    return [0.0] * n if numpy is None else numpy.zeros(n)


def _first_non_finite(x: Any) -> int | None:
    """The index of the first non-finite entry of an array or list of floats, or None."""
    # A sum of floats is finite only if every one is (inf and nan propagate); a finite
    # sum that overflows only sends us to the exact search.
    if is_ndarray(x):
        numpy = sys.modules["numpy"]  # (loaded: there is an array)
        if math.isfinite(numpy.add.reduce(x)):
            return None
        finite = numpy.isfinite(x)
        return None if finite.all() else int(numpy.argmin(finite))
    if math.isfinite(sum(x)):
        return None
    return next((i for i, v in enumerate(x) if not math.isfinite(v)), None)


def _float64(numpy: ModuleType, x: Any) -> Any:
    """x as a float64 array (itself if it is one)."""
    if is_ndarray(x) and x.dtype == numpy.float64:
        return x
    return numpy.asarray(x, dtype=numpy.float64)


def linear_decay(start: float, end: float, steps: int) -> Schedule:
    """lr(k) = start + (end - start) * min(k, steps) / steps: from start to end.

    As the best-known scalar demo (lr = 1.0 - 0.9 k / 100) and PyTorch's ``LinearLR``:
    the last of ``steps`` steps uses start + (end - start) (steps - 1) / steps,
    and every step from ``steps`` on uses ``end``.
    """
    start = number_in(start, "start", "linear_decay", 0.0)
    end = number_in(end, "end", "linear_decay", 0.0)
    steps = positive_int(steps, "steps", "linear_decay")

    def schedule(step: int) -> float:
        return start + (end - start) * min(step, steps) / steps

    schedule.__name__ = f"linear_decay({start:g}, {end:g}, {steps})"
    return schedule


class Optimizer(ABC):
    """Base class: the parameter list, the learning rate (or schedule), the step count, and
    the running state (the attributes named in ``_state``, one entry per parameter)."""

    _state: tuple[str, ...] = ()

    def __init__(self, params: Module | Iterable[Value], lr: LearningRate) -> None:
        name = type(self).__name__
        if isinstance(params, Module):
            params = params.parameters()
        elif isinstance(params, Value) or not isinstance(params, Iterable):
            kind = "a Value" if isinstance(params, Value) else f"{type(params).__name__}"
            raise TypeError(
                f"{name}: params must be an iterable of Values (or a Module), got {kind}"
            )
        self.params: list[Value] = list(params)
        if not self.params:
            raise ValueError(f"{name}: got an empty parameter list")
        seen: set[Value] = set()
        for i, p in enumerate(self.params):
            if not isinstance(p, Value):
                raise TypeError(f"{name}: parameter {i} must be a Value, got {type(p).__name__}")
            if p in seen:
                raise ValueError(f"{name}: parameter {i} ({p!r}) appears more than once")
            seen.add(p)
        if not callable(lr):
            number_in(lr, "lr", name, 0.0)
        self.lr = lr
        self.step_count = 0

    def current_lr(self) -> float:
        """The learning rate the next `step()` will use (the schedule at ``step_count``)."""
        if not callable(self.lr):
            return float(self.lr)
        lr = self.lr(self.step_count)
        return number_in(
            lr, "lr", f"{type(self).__name__} (schedule at step {self.step_count})", 0.0
        )

    def zero_grad(self) -> None:
        """Set every parameter's ``.grad`` to 0."""
        for p in self.params:
            p.grad = 0.0

    def step(self) -> None:
        """Update every parameter once from its ``.grad``.

        All or nothing: a step that would make any parameter or any running state
        non-finite changes nothing (no parameter, no state, no step count) and
        raises a FloatingPointError naming the parameter and its gradient.
        """
        data: Numbers = list(map(_DATA, self.params))
        grad: Numbers = list(map(_GRAD, self.params))
        numpy = _numpy()
        if numpy is not None:
            n = len(data)
            data = numpy.fromiter(data, numpy.float64, n)
            grad = numpy.fromiter(grad, numpy.float64, n)
        new = self.update(data, grad)
        for p, x in zip(self.params, new.tolist() if is_ndarray(new) else new):
            p.data = x

    def update(self, data: Numbers, grad: Numbers) -> Numbers:
        """One step on the parameters' values and gradients, in ``params`` order: returns
        the new values, and advances the running state and ``step_count``; no `Value` is
        read or written (`step` writes the result to ``p.data``).

        ``data`` and ``grad`` are float64 arrays (the rule runs once, on whole arrays,
        and the state is kept as arrays) or lists of floats (the rule runs per
        parameter). All or nothing, as `step`: a FloatingPointError names the
        parameter, its value ``data[i]`` and its gradient ``grad[i]``.
        """
        name = type(self).__name__
        n = len(self.params)
        if len(data) != n or len(grad) != n:
            raise ValueError(
                f"{name}.update: expected {n} values and {n} gradients (one per parameter), "
                f"got {len(data)} and {len(grad)}"
            )
        lr = self.current_lr()
        old = tuple([getattr(self, s) for s in self._state])
        new: Numbers
        if is_ndarray(data) or is_ndarray(grad):
            new, state = self._on_arrays(lr, data, grad, old)
        else:
            new, state = self._on_floats(lr, data, grad, old)
        problem = self._non_finite(new, state, old)
        if problem is not None:
            what, i = problem
            raise FloatingPointError(
                f"{name}: step {self.step_count + 1} would make {what} non-finite "
                f"(parameter {i} is {float(data[i])!r}, its gradient {float(grad[i])!r}); "
                "nothing was changed: lower the learning rate, or check the gradients"
            )
        for s, value in zip(self._state, state):
            setattr(self, s, value)
        self.step_count += 1
        return new

    def _on_arrays(self, lr: float, data: Any, grad: Any, old: State) -> tuple[Any, State]:
        """The rule once, on whole arrays (a state kept as lists is read as arrays)."""
        numpy = sys.modules["numpy"]  # (loaded: there is an array)
        data, grad = _float64(numpy, data), _float64(numpy, grad)
        old = tuple([None if s is None else _float64(numpy, s) for s in old])
        with numpy.errstate(all="ignore"):  # a non-finite result is refused next
            new, state = self._rule(lr, data, grad, old, numpy)
        # A state that is an input itself (SGD's first buffer: the gradient) is copied.
        state = tuple([s.copy() if s is grad or s is data else s for s in state])
        return new, state

    def _on_floats(self, lr: float, data: Sequence[float] | Any, grad: Sequence[float] | Any,
                   old: State) -> tuple[list[float], State]:  # fmt: skip
        """The rule per parameter, on floats (a state kept as an array is read as a list)."""
        old = tuple([s.tolist() if is_ndarray(s) else s for s in old])
        each = [
            self._rule_on_floats(lr, x, g, tuple([None if s is None else s[i] for s in old]))
            for i, (x, g) in enumerate(zip(data, grad))
        ]
        new = [x for x, _ in each]
        state = tuple(
            [
                None if each[0][1][k] is None else [s[k] for _, s in each]
                for k in range(len(self._state))
            ]
        )
        return new, state

    def _rule_on_floats(self, lr: float, x: float, g: float, old: State) -> tuple[float, State]:
        try:
            result: tuple[float, State] = self._rule(lr, x, g, old, _FLOATS)
            return result
        except ZeroDivisionError:  # what numpy makes inf or nan: refused as non-finite
            return math.nan, old

    def _non_finite(self, new: Numbers, state: State, old: State) -> tuple[str, int] | None:
        """(what, parameter index) for the first non-finite new value or new state entry
        (a state the rule left as it was is not searched again), or None."""
        i = _first_non_finite(new)
        if i is not None:
            return f"parameter {i}", i
        for name, value, before in zip(self._state, state, old):
            i = None if value is None or value is before else _first_non_finite(value)
            if i is not None:
                return f"its state {name}[{i}]", i
        return None

    @abstractmethod
    def _rule(self, lr: float, p: Any, g: Any, state: State, xp: Any) -> tuple[Any, State]:
        """One update of the values ``p`` from the gradients ``g``: (new p, new state).

        Written once for both forms: ``p``, ``g`` and the state entries are arrays
        (``xp`` is numpy) or one parameter's floats (``xp`` has math's ``sqrt`` and
        ``max`` as ``maximum``); only + - * / and ``xp``'s functions, elementwise.
        """

    def __repr__(self) -> str:
        lr = getattr(self.lr, "__name__", self.lr) if callable(self.lr) else self.lr
        return f"{type(self).__name__}({len(self.params)} parameters, lr={lr})"


class SGD(Optimizer):
    """Stochastic gradient descent, with momentum, dampening, Nesterov and weight decay (L2)."""

    _state = ("momentum_buffers",)

    def __init__(
        self,
        params: Module | Iterable[Value],
        lr: LearningRate = 1e-3,
        momentum: float = 0.0,
        dampening: float = 0.0,
        weight_decay: float = 0.0,
        nesterov: bool = False,
    ) -> None:
        super().__init__(params, lr)
        self.momentum = number_in(momentum, "momentum", "SGD", 0.0)
        self.dampening = number_in(dampening, "dampening", "SGD", 0.0)
        self.weight_decay = number_in(weight_decay, "weight_decay", "SGD", 0.0)
        if nesterov and (self.momentum <= 0.0 or self.dampening != 0.0):
            raise ValueError("SGD: Nesterov momentum requires a momentum > 0 and zero dampening")
        self.nesterov = bool(nesterov)
        self.momentum_buffers: Numbers | None = None  # made by the first step with momentum

    def _rule(self, lr: float, p: Any, g: Any, state: State, xp: Any) -> tuple[Any, State]:
        (b,) = state
        momentum, wd = self.momentum, self.weight_decay
        if wd:
            g = g + wd * p
        if momentum == 0.0:
            return p - lr * g, (b,)
        b = g if b is None else momentum * b + (1.0 - self.dampening) * g
        return p - lr * (g + momentum * b if self.nesterov else b), (b,)


def _lerp(start: Any, end: Any, weight: float) -> Any:
    """start + weight (end - start), in torch.lerp's two forms (exact at both ends)."""
    if weight < 0.5:
        return start + weight * (end - start)
    return end - (end - start) * (1.0 - weight)


class Adam(Optimizer):
    """Adam: per-parameter steps from running means of the gradient and of its square.

    ``weight_decay`` adds wd * p to the gradient (L2, as ``torch.optim.Adam``);
    ``amsgrad`` uses the running maximum of v. See `AdamW` for decoupled decay.
    """

    _decoupled = False
    _state = ("exp_avg", "exp_avg_sq", "max_exp_avg_sq")

    def __init__(
        self,
        params: Module | Iterable[Value],
        lr: LearningRate = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.0,
        amsgrad: bool = False,
    ) -> None:
        super().__init__(params, lr)
        name = type(self).__name__
        if not isinstance(betas, (tuple, list)) or len(betas) != 2:
            raise ValueError(f"{name}: betas must be a pair (beta1, beta2), got {betas!r}")
        self.betas = (
            number_in(betas[0], "beta1", name, 0.0, 1.0),
            number_in(betas[1], "beta2", name, 0.0, 1.0),
        )
        self.eps = number_in(eps, "eps", name, 0.0)
        self.weight_decay = number_in(weight_decay, "weight_decay", name, 0.0)
        self.amsgrad = bool(amsgrad)
        n = len(self.params)
        self.exp_avg = _zeros(n)
        self.exp_avg_sq = _zeros(n)
        self.max_exp_avg_sq = _zeros(n)

    def _rule(self, lr: float, p: Any, g: Any, state: State, xp: Any) -> tuple[Any, State]:
        m, v, v_max = state
        beta1, beta2 = self.betas
        t = self.step_count + 1
        step_size = lr / (1.0 - beta1**t)
        bias_correction2_sqrt = math.sqrt(1.0 - beta2**t)
        wd = self.weight_decay
        if wd:
            if self._decoupled:
                p = p * (1.0 - lr * wd)
            else:
                g = g + wd * p
        m = _lerp(m, g, 1.0 - beta1)
        v = v * beta2 + (1.0 - beta2) * g * g
        if self.amsgrad:
            v_max = xp.maximum(v_max, v)
            denom = xp.sqrt(v_max) / bias_correction2_sqrt + self.eps
        else:
            denom = xp.sqrt(v) / bias_correction2_sqrt + self.eps
        return p - step_size * (m / denom), (m, v, v_max)


class AdamW(Adam):
    """Adam with decoupled weight decay: p <- p (1 - lr wd) before each Adam step (wd 0.01)."""

    _decoupled = True

    def __init__(
        self,
        params: Module | Iterable[Value],
        lr: LearningRate = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 1e-2,
        amsgrad: bool = False,
    ) -> None:
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad)
