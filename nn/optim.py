"""Optimizers with PyTorch's exact update rules, and learning-rate schedules.

Each optimizer holds a list of parameters (leaf `Value`s) and, per parameter,
its running state as plain floats. `step()` reads ``p.grad`` and updates
``p.data``; `zero_grad()` clears the gradients. ``lr`` is a number or a
schedule: any callable of the step index (0 for the first `step()`).

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

import math
import operator
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable

from autograd import Value
from autograd.checks import number_in, positive_int

from .module import Module

_DATA = operator.attrgetter("data")
Schedule = Callable[[int], float]
LearningRate = float | Schedule


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
    """Base class: the parameter list, the learning rate (or schedule) and the step count."""

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
        lr = self.current_lr()
        data = list(map(_DATA, self.params))
        state = {k: list(v) if type(v) is list else v for k, v in vars(self).items()}
        del state["params"]
        try:
            self._update(lr)
            problem = self._non_finite()
        except BaseException:
            self._restore(data, state)
            raise
        if problem is not None:
            self._restore(data, state)
            what, i = problem
            p = self.params[i]
            raise FloatingPointError(
                f"{type(self).__name__}: step {self.step_count + 1} would make {what} "
                f"non-finite (parameter {i} is {p.data!r}, its gradient {p.grad!r}); "
                "nothing was changed: lower the learning rate, or check the gradients"
            )
        self.step_count += 1

    def _non_finite(self) -> tuple[str, int] | None:
        """(what, parameter index) for the first non-finite parameter or state entry, or None."""
        # Fast path: a sum of floats is finite only if every one is (inf and nan propagate);
        # a finite sum that overflows only sends us to the exact search below.
        lists = [v for k, v in vars(self).items() if type(v) is list and k != "params"]
        if math.isfinite(sum(map(_DATA, self.params))) and all(
            math.isfinite(sum(v)) for v in lists
        ):
            return None
        for i, p in enumerate(self.params):
            if not math.isfinite(p.data):
                return f"parameter {i}", i
        for name, value in vars(self).items():
            if type(value) is list and name != "params":
                for i, x in enumerate(value):
                    if not math.isfinite(x):
                        return f"its state {name}[{i}]", i
        return None

    def _restore(self, data: list[float], state: dict[str, object]) -> None:
        for p, x in zip(self.params, data):
            p.data = x
        vars(self).update(state)

    @abstractmethod
    def _update(self, lr: float) -> None:
        """Apply one update with learning rate ``lr`` (each optimizer's own rule)."""

    def __repr__(self) -> str:
        lr = getattr(self.lr, "__name__", self.lr) if callable(self.lr) else self.lr
        return f"{type(self).__name__}({len(self.params)} parameters, lr={lr})"


class SGD(Optimizer):
    """Stochastic gradient descent, with momentum, dampening, Nesterov and weight decay (L2)."""

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
        self.momentum_buffers: list[float] | None = None

    def _update(self, lr: float) -> None:
        momentum, wd = self.momentum, self.weight_decay
        if momentum == 0.0:
            for p in self.params:
                g = p.grad + wd * p.data if wd else p.grad
                p.data -= lr * g
            return
        first = self.momentum_buffers is None
        buffers = self.momentum_buffers = self.momentum_buffers or [0.0] * len(self.params)
        keep = 1.0 - self.dampening
        for i, p in enumerate(self.params):
            g = p.grad + wd * p.data if wd else p.grad
            b = g if first else momentum * buffers[i] + keep * g
            buffers[i] = b
            p.data -= lr * (g + momentum * b if self.nesterov else b)


def _lerp(start: float, end: float, weight: float) -> float:
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
        self.exp_avg = [0.0] * n
        self.exp_avg_sq = [0.0] * n
        self.max_exp_avg_sq = [0.0] * n

    def _update(self, lr: float) -> None:
        beta1, beta2 = self.betas
        t = self.step_count + 1
        step_size = lr / (1.0 - beta1**t)
        bias_correction2_sqrt = math.sqrt(1.0 - beta2**t)
        wd, eps = self.weight_decay, self.eps
        m, v, v_max = self.exp_avg, self.exp_avg_sq, self.max_exp_avg_sq
        for i, p in enumerate(self.params):
            g = p.grad
            if wd:
                if self._decoupled:
                    p.data *= 1.0 - lr * wd
                else:
                    g = g + wd * p.data
            m[i] = _lerp(m[i], g, 1.0 - beta1)
            v[i] = v[i] * beta2 + (1.0 - beta2) * g * g
            if self.amsgrad:
                v_max[i] = max(v_max[i], v[i])
                denom = math.sqrt(v_max[i]) / bias_correction2_sqrt + eps
            else:
                denom = math.sqrt(v[i]) / bias_correction2_sqrt + eps
            p.data -= step_size * (m[i] / denom)


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
