"""Every exercise's checker accepts its solution and rejects its wrong answer."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
sys.path.insert(0, str(NOTEBOOKS))

from exercises import Exercise  # noqa: E402

pytestmark = pytest.mark.slow


def all_exercises() -> list[Exercise]:
    found = []
    for path in sorted((NOTEBOOKS / "exercises").glob("nb*.py")):
        module = importlib.import_module(f"exercises.{path.stem}")
        found += [pytest.param(e, id=f"{path.stem}.{e.name}") for e in module.EXERCISES]
    return found


EXERCISES = all_exercises()


@pytest.mark.skipif(not EXERCISES, reason="no exercises written yet")
@pytest.mark.parametrize("exercise", EXERCISES)
def test_the_solution_passes_and_a_wrong_answer_does_not(exercise, capsys):
    assert exercise.check(exercise.solution) is True
    assert "✅" in capsys.readouterr().out
    assert exercise.check(exercise.wrong) is False
    assert "❌" in capsys.readouterr().out
    assert exercise.check(...) is False
    assert "✏️" in capsys.readouterr().out
