"""Every exercise's checker accepts its solution, rejects its wrong answer, and survives any
answer (a wrong type, shape or length, ``None``, a function that raises) with a message in
the active language, never a traceback."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import numpy as np
import pytest

import viz
from autograd import Value

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
sys.path.insert(0, str(NOTEBOOKS))

import exercises  # noqa: E402
from exercises import Exercise, words  # noqa: E402

pytestmark = pytest.mark.slow

HANGUL = range(0xAC00, 0xD7A4)


def all_exercises() -> list[Exercise]:
    found = []
    for path in sorted((NOTEBOOKS / "exercises").glob("nb*.py")):
        module = importlib.import_module(f"exercises.{path.stem}")
        found += [pytest.param(e, id=f"{path.stem}.{e.name}") for e in module.EXERCISES]
    return found


EXERCISES = all_exercises()


def _raises(*args: object, **kwargs: object) -> object:
    raise ZeroDivisionError("a learner's bug")


BATTERY = {
    "None": None,
    "a string": "0.25",
    "a bool": True,
    "NaN": float("nan"),
    "a float": 1.5,
    "a negative int": -7,
    "an empty list": [],
    "a pair": (1.0, 2.0),
    "a list of three": [1, 2, 3],
    "a list of strings": ["a", "b"],
    "a nested list": [[1.0, 2.0, 3.0]],
    "an array": np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]),
    "a dict": {"x": 1},
    "a Value": Value(1.0),
    "a function that raises": _raises,
    "a function that returns None": lambda *args, **kwargs: None,
    "a function that returns a float": lambda *args, **kwargs: 0.5,
    "a function that returns a string": lambda *args, **kwargs: "p",
    "a function that returns floats": lambda *args, **kwargs: [0.1, 0.2, 0.7],
    "a function of no arguments": lambda: 1.0,
}


@pytest.fixture(params=["en", "ko"])
def language(request: pytest.FixtureRequest):
    """Run the test in each language; every sentence said in Korean must be in the table."""
    said: list[str] = []
    original = exercises.say

    def recording_say(text: str, **values: object) -> str:
        said.append(text)
        return original(text, **values)

    viz.set_language(request.param)
    exercises.say = recording_say
    try:
        yield request.param, said
    finally:
        exercises.say = original
        viz.set_language("en")


def assert_in_language(text: str, lang: str, said: list[str]) -> None:
    assert "Traceback" not in text, text
    has_hangul = any(ord(ch) in HANGUL for ch in text)
    if lang == "ko":
        assert has_hangul, text
        missing = [s for s in said if s not in words.KOREAN]
        assert not missing, f"no Korean for: {missing}"
    else:
        assert not has_hangul or "층" in text, text  # the lecture's own word 층 may be quoted


@pytest.mark.skipif(not EXERCISES, reason="no exercises written yet")
@pytest.mark.parametrize("exercise", EXERCISES)
def test_the_solution_passes_and_a_wrong_answer_does_not(exercise, capsys, language):
    lang, said = language
    assert exercise.check(exercise.solution) is True
    out = capsys.readouterr().out
    assert "✅" in out
    assert_in_language(out, lang, said)
    assert exercise.check(exercise.wrong) is False
    out = capsys.readouterr().out
    assert "❌" in out
    assert_in_language(out, lang, said)
    assert exercise.check(...) is False
    out = capsys.readouterr().out
    assert "✏️" in out
    assert_in_language(out, lang, said)


@pytest.mark.parametrize("exercise", EXERCISES)
@pytest.mark.parametrize("kind", list(BATTERY))
def test_an_answer_of_the_wrong_kind_gets_a_message_not_a_traceback(
    exercise, kind, capsys, language
):
    lang, said = language
    assert exercise.check(BATTERY[kind]) is False
    out = capsys.readouterr().out
    assert out.count("\n") >= 1 and ("❌" in out or "✏️" in out), out
    assert_in_language(out, lang, said)


def test_a_checker_that_trips_over_an_answer_says_what_was_expected(capsys):
    @exercises.checker("a number")
    def check(answer):
        return answer.data > 0  # an AttributeError for anything but a Value

    assert check(3.0) is False
    out = capsys.readouterr().out
    assert "expected a number" in out and "AttributeError" in out
    viz.set_language("ko")
    try:
        assert check(3.0) is False
        out = capsys.readouterr().out
        assert "수 하나이(가) 필요해요" in out and "AttributeError" in out
    finally:
        viz.set_language("en")


def test_the_stable_softmax_checker_explains_a_list_of_floats(capsys):
    from exercises import nb03

    def floats(values):
        m = max(v.data for v in values)
        return [float(np.exp(v.data - m)) for v in values]

    assert nb03.check_stable_softmax(floats) is False
    out = capsys.readouterr().out
    assert "return a list of Values" in out, out


def test_a_pair_may_be_a_tuple_or_a_list(capsys):
    from exercises import nb02, nb04, nb05

    for check, pair in [
        (nb02.check_sigmoid_peak, [0.0, 0.25]),
        (nb02.check_dead_neuron, [0.0, 0.01]),
        (nb04.check_count_layers, [3, 2]),
        (nb04.check_sawtooth_parameters, [61, 3073]),
        (nb05.check_count_passes, [113, 1]),
    ]:
        assert check(pair) is True and check(tuple(pair)) is True
    capsys.readouterr()


def test_the_negative_compensating_weight_is_explained_not_misstated(capsys):
    from exercises import nb02

    assert nb02.sigmoid_chain_gradient(-4.0) == pytest.approx(1.0)  # (-1)^10, by the engine
    assert nb02.check_compensating_weight(-4.0) is True
    out = capsys.readouterr().out
    assert "= -1" in out and "sign flips" in out and "= 1," not in out, out


def test_every_korean_sentence_keeps_the_placeholders_of_its_english() -> None:
    import string

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    for english, korean in words.KOREAN.items():
        assert fields(english) == fields(korean), english
        assert any(ord(ch) in HANGUL for ch in korean), korean
