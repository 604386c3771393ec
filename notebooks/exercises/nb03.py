"""Exercises of notebook 3 (softmax)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from autograd import Value, gradients
from nn import cross_entropy, softmax

from . import (
    Exercise,
    checker,
    close,
    is_number,
    numbers_of,
    right,
    unanswered,
    unanswered_stub,
    wrong,
)


def engine_jacobian(scores: list[float]) -> np.ndarray:
    """d softmax(o)_i / d o_j, row i from the engine's gradients of p_i."""
    logits = [Value(s) for s in scores]
    return np.array([gradients(p_i, logits) for p_i in softmax(logits)])


# ---------------------------------------------------------------- 1. the Jacobian at [0, 0]


@checker("a 2 x 2 nested list of numbers")
def check_jacobian_at_zero(answer: Any) -> bool:
    """The 2 x 2 softmax Jacobian at o = [0, 0], worked out by hand."""
    if unanswered(answer):
        return False
    rows = (
        [numbers_of(row, 2) for row in answer]
        if isinstance(answer, (list, tuple, np.ndarray)) and len(answer) == 2
        else [None]
    )
    if any(row is None for row in rows):
        return wrong("give a 2 x 2 nested list, [[d p0/d o0, d p0/d o1], [d p1/d o0, d p1/d o1]].")
    matrix = np.array(rows, dtype=float)
    truth = engine_jacobian([0.0, 0.0])
    if np.allclose(matrix, truth, rtol=1e-9, atol=1e-9):
        return right(
            "p = [1/2, 1/2], so p_i (1 - p_i) = 1/4 on the diagonal and -p_i p_j = -1/4 "
            "off it; the engine's rows: {rows}.",
            rows=truth.round(4).tolist(),
        )
    if np.allclose(matrix, -truth, atol=1e-9):
        return wrong("the signs are the wrong way round: raising o_i raises p_i.")
    return wrong(
        "the engine gives {rows}. Use d p_i / d o_j = p_i (delta_ij - p_j) with "
        "p = softmax([0, 0]) = [1/2, 1/2].",
        rows=truth.round(4).tolist(),
    )


# ---------------------------------------------------------------- 2. a temperature

TEMPERATURE_SCORES = [2.0, 0.0]
TEMPERATURE_TARGET = 0.9


@checker("a positive number T")
def check_temperature(answer: Any) -> bool:
    """A temperature T that makes softmax([2, 0] / T) give the top class probability 0.9."""
    if unanswered(answer):
        return False
    if not is_number(answer) or not answer > 0 or math.isinf(answer):
        return wrong("give a positive number T.")
    T = float(answer)
    top = softmax([Value(s / T) for s in TEMPERATURE_SCORES])[0].data
    if close(top, TEMPERATURE_TARGET, rel=1e-4):
        return right(
            "softmax([2, 0] / {T:.4g}) puts {top:.4f} on the top class: the ratio of "
            "the two probabilities is e^(2/T) = 9, so T = 2 / log 9.",
            T=T,
            top=top,
        )
    if top < TEMPERATURE_TARGET:
        return wrong(
            "with T = {T:g} the top class gets {top:.4f}. Try a lower T; "
            "p0 / p1 = e^(gap / T) must be 0.9 / 0.1.",
            T=T,
            top=top,
        )
    return wrong(
        "with T = {T:g} the top class gets {top:.4f}. Try a higher T; "
        "p0 / p1 = e^(gap / T) must be 0.9 / 0.1.",
        T=T,
        top=top,
    )


# ---------------------------------------------------------------- 3. cross-entropy's gradient

CE_SCORES = [0.0, 0.0, 0.0]
CE_TARGET = 2


@checker("a list of three numbers")
def check_cross_entropy_gradient(answer: Any) -> bool:
    """d L / d o for L = cross_entropy([0, 0, 0], target 2)."""
    if unanswered(answer):
        return False
    got = numbers_of(answer, 3)
    if got is None:
        return wrong("give a list of three numbers, [dL/do0, dL/do1, dL/do2].")
    logits = [Value(s) for s in CE_SCORES]
    cross_entropy(logits, CE_TARGET).backward()
    truth = [v.grad for v in logits]
    if all(close(g, t) for g, t in zip(got, truth)):
        return right(
            "p - y = [1/3, 1/3, 1/3] - [0, 0, 1] = [1/3, 1/3, -2/3]: the wrong classes are "
            "pushed down, the true one up, and the entries add up to 0."
        )
    return wrong(
        "the engine gives {truth}. The gradient is p - y: the probabilities minus the "
        "one-hot vector of the true class.",
        truth=[round(t, 4) for t in truth],
    )


# ---------------------------------------------------------------- 4. a stable softmax

STABLE_CASES = ([1000.0, 1001.0, 1002.0], [-1000.0, -1001.0, -1002.0], [2.0, 1.0, 0.1])


@checker("a function my_softmax(values) returning a list of Values")
def check_stable_softmax(answer: Any) -> bool:
    """The learner's softmax on Values: right for huge scores, and the same gradients."""
    if unanswered_stub(answer, [Value(0.0), Value(1.0)]):
        return False
    if not callable(answer):
        return wrong("give a function my_softmax(values) returning a list of Values.")
    for case in STABLE_CASES:
        logits = [Value(s) for s in case]
        try:
            probs = answer(logits)
        except Exception as error:  # noqa: BLE001 - whatever the learner's function raised
            return wrong(
                "on scores {case} it raised {error}. Subtract the largest score first.",
                case=case,
                error=f"{type(error).__name__}: {error}",
            )
        if not isinstance(probs, (list, tuple)) or not all(isinstance(p, Value) for p in probs):
            return wrong(
                "on scores {case} it returned {kind}: return a list of Values (one per "
                "score), built from the Values it gets, so that gradients flow back.",
                case=case,
                kind=type(probs).__name__
                if not isinstance(probs, (list, tuple))
                else f"{type(probs).__name__} of {sorted({type(p).__name__ for p in probs})}",
            )
        if len(probs) != len(case):
            return wrong(
                "on scores {case} it returned {got} probabilities, not {want}.",
                case=case,
                got=len(probs),
                want=len(case),
            )
        reference_logits = [Value(s) for s in case]
        reference = softmax(reference_logits)
        values = [p.data for p in probs]
        if not all(close(a, b.data) for a, b in zip(values, reference)):
            return wrong("on scores {case} it gives {values}, not the softmax.", case=case,
                         values=values)  # fmt: skip
        got = gradients(probs[0], logits)
        expected = gradients(reference[0], reference_logits)
        if not all(close(a, b, abs_=1e-12) for a, b in zip(got, expected)):
            return wrong(
                "on scores {case} the gradients of p0 differ from nn.softmax's.", case=case
            )
    return right(
        "after subtracting the maximum the largest exponent is e^0 = 1 and the sum is at "
        "least 1: no overflow, no 0/0, and the same gradients."
    )


def my_softmax_solution(values: list[Value]) -> list[Value]:
    m = max(v.data for v in values)
    exps = [(v - m).exp() for v in values]
    total = sum(exps)
    return [e / total for e in exps]


def my_softmax_naive(values: list[Value]) -> list[Value]:
    exps = [v.exp() for v in values]
    total = sum(exps)
    return [e / total for e in exps]


EXERCISES = [
    Exercise(
        "jacobian_at_zero",
        check_jacobian_at_zero,
        [[0.25, -0.25], [-0.25, 0.25]],
        [[0.5, 0.0], [0.0, 0.5]],
    ),
    Exercise("temperature", check_temperature, 2 / math.log(9), 1.0),
    Exercise(
        "cross_entropy_gradient",
        check_cross_entropy_gradient,
        [1 / 3, 1 / 3, -2 / 3],
        [0.0, 0.0, -1.0],
    ),
    Exercise("stable_softmax", check_stable_softmax, my_softmax_solution, my_softmax_naive),
]
