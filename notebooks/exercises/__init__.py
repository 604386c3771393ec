"""The notebooks' exercises: a checker per exercise, and the solutions a teacher needs.

A notebook imports its own module (``from exercises import nb01``) and, after each
task, calls the exercise's checker on the learner's answer::

    answer = ...            # the learner replaces ... with an answer
    nb01.check_predict_grad(answer)

A checker compares the answer with the engine and prints what is right or what is
wrong, and why, in the language pictures are drawn in (``viz.set_language``): every
sentence goes through `viz.tr`, with its Korean in `exercises.words`. It never
raises: an answer of the wrong kind (a string, ``None``, a number where a pair is
asked, a function that raises) gets a message saying what was expected (`checker`).
It returns True for a right answer. An answer left as ``...`` gets a reminder, not
a verdict.

Each module lists its exercises in ``EXERCISES``: the checker, a right answer (the
solution, for teachers) and a wrong one. ``tests/notebooks/test_exercises.py`` runs
every solution, every wrong answer and a battery of wrong types through its checker,
in both languages, so no checker rots.
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from viz import language

from .words import KOREAN

language.KOREAN.update(KOREAN)  # the checkers' sentences join the pictures' table


def say(text: str, **values: Any) -> str:
    """``text`` in the active language (`viz.tr`), with ``values`` filled in."""
    return language.tr(text, **values)


@dataclass(frozen=True)
class Exercise:
    """One exercise: its checker, a solution (for teachers) and a wrong answer (for tests)."""

    name: str
    check: Callable[[Any], bool]
    solution: Any
    wrong: Any


def unanswered(answer: Any) -> bool:
    """True (after a reminder) while the answer is still the ``...`` placeholder."""
    if answer is ...:
        print("✏️  " + say("Replace the ... with your answer, then run the cell again."))
        return True
    return False


def unanswered_stub(answer: Any, *probe: Any) -> bool:
    """True (after a reminder) for ``...`` or a function stub that still returns ``...``.

    A function answer is called once on ``probe``; one that raises is a real attempt,
    which the checker then reports.
    """
    if answer is not ... and callable(answer):
        try:
            answer = answer(*probe)
        except Exception:  # noqa: BLE001 - a real attempt that fails: the checker reports it
            return False
        if answer is not ...:
            return False
    return unanswered(answer)


def right(message: str, **values: Any) -> bool:
    """Say that the answer is right, and why (``message`` is translated, then filled in)."""
    print("✅ " + say("Right: ") + say(message, **values))
    return True


def wrong(message: str, **values: Any) -> bool:
    """Say what is wrong with the answer, and give a hint (translated, then filled in)."""
    print("❌ " + say("Not yet: ") + say(message, **values))
    return False


def checker(expects: str) -> Callable[[Callable[[Any], bool]], Callable[[Any], bool]]:
    """Make a checker total: whatever its answer does, it prints a message, never a traceback.

    ``expects`` says what a right kind of answer is ("a number", "a pair (x, slope)");
    a checker that trips over an answer of another kind reports that instead of raising.
    """

    def wrap(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
        @functools.wraps(check)
        def total(answer: Any) -> bool:
            try:
                return bool(check(answer))
            except Exception as error:  # noqa: BLE001 - any answer gets a message, not a traceback
                return wrong(
                    "expected {expects}; your answer ({kind}) could not be checked: {error}",
                    expects=say(expects),
                    kind=type(answer).__name__,
                    error=f"{type(error).__name__}: {error}",
                )

        return total

    return wrap


def is_number(answer: Any) -> bool:
    """A real number (int, float or numpy scalar), not a bool and not NaN."""
    return (
        isinstance(answer, numbers.Real)
        and not isinstance(answer, bool)
        and not math.isnan(float(answer))
    )


def numbers_of(answer: Any, n: int) -> tuple[float, ...] | None:
    """``answer`` as ``n`` floats when it is a tuple or a list (or array) of ``n`` numbers."""
    if isinstance(answer, (str, bytes)) or not hasattr(answer, "__len__"):
        return None
    try:
        items = list(answer)
    except TypeError:
        return None
    if len(items) != n or not all(is_number(v) for v in items):
        return None
    return tuple(float(v) for v in items)


def kind_of(answer: Any) -> str:
    """A short description of an answer, for a message: its type, and its length if it has one."""
    if isinstance(answer, (tuple, list)):
        return f"{type(answer).__name__}, {len(answer)}"
    return type(answer).__name__


def close(a: float, b: float, rel: float = 1e-6, abs_: float = 1e-9) -> bool:
    """Whether two numbers agree to ``rel`` relative (or ``abs_`` absolute) tolerance."""
    return abs(a - b) <= max(rel * max(abs(a), abs(b)), abs_)
