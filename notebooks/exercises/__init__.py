"""The notebooks' exercises: a checker per exercise, and the solutions a teacher needs.

A notebook imports its own module (``from exercises import nb01``) and, after each
task, calls the exercise's checker on the learner's answer::

    answer = ...            # the learner replaces ... with an answer
    nb01.check_predict_grad(answer)

A checker compares the answer with the engine and prints what is right or what is
wrong, and why; it never raises a bare ``AssertionError``. It returns True for a
right answer. An answer left as ``...`` gets a reminder, not a verdict.

Each module lists its exercises in ``EXERCISES``: the checker, a right answer (the
solution, for teachers) and a wrong one. ``tests/test_exercises.py`` runs every
solution and every wrong answer through its checker, so no checker rots.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


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
        print("✏️  Replace the ... with your answer, then run the cell again.")
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


def right(message: str) -> bool:
    """Say that the answer is right, and why."""
    print(f"✅ Right: {message}")
    return True


def wrong(message: str) -> bool:
    """Say what is wrong with the answer, and give a hint."""
    print(f"❌ Not yet: {message}")
    return False


def close(a: float, b: float, rel: float = 1e-6, abs_: float = 1e-9) -> bool:
    """Whether two numbers agree to ``rel`` relative (or ``abs_`` absolute) tolerance."""
    return abs(a - b) <= max(rel * max(abs(a), abs(b)), abs_)
