"""The Korean edition speaks the glossary's words: one Korean word for one idea.

`notebooks/ko/용어집.md` is a table (English | 한국어 | 쓰지 않는 말 | 뜻). Every Korean text
cell of every notebook source must avoid the rejected variants (outside quotations of
the lecture note, code and math), every chosen word must really be used somewhere, and
every Korean notebook links the glossary.
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
GLOSSARY = NOTEBOOKS / "ko" / "용어집.md"
SOURCES = sorted((NOTEBOOKS / "_build").glob("[0-9][0-9]_*.py"))
# What a notebook may quote as written: the lecture's words ("..." and 「...」), code, math.
QUOTED = re.compile(r'"[^"\n]*"|「[^」\n]*」|`[^`\n]*`|\$[^$\n]*\$')


def glossary_rows() -> list[tuple[str, str, list[str]]]:
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("| ") or cells[0] == "English" or len(cells) != 4:
            continue
        english, chosen, rejected, _ = cells
        rows.append((english, chosen, [v.strip() for v in rejected.split(",") if v.strip()]))
    return rows


def korean_text_cells(source: Path) -> list[str]:
    cells = jupytext.read(source, fmt="py:percent").cells
    return [c.source for c in cells if c.cell_type == "markdown" and c.metadata.get("lang") == "ko"]


ROWS = glossary_rows()
KOREAN = {source.stem: korean_text_cells(source) for source in SOURCES}


def test_the_glossary_is_a_table_with_the_terms_the_notebooks_rely_on() -> None:
    english = {row[0] for row in ROWS}
    for term in [
        "activation function", "gradient", "slope", "step (of training)", "optimizer",
        "initialization", "mini-batch", "hinge loss", "margin", "activation (value)",
        "leaf node", "checkpointing", "trace", "eager execution", "local derivative",
    ]:  # fmt: skip
        assert term in english, term
    chosen = [row[1] for row in ROWS]
    assert "활성화 함수" in chosen and "국소 도함수" in chosen and "국소 그래디언트" not in chosen


@pytest.mark.parametrize("stem", list(KOREAN))
def test_korean_cells_use_the_chosen_word_not_a_rejected_variant(stem: str) -> None:
    found = []
    for text in KOREAN[stem]:
        plain = QUOTED.sub("", text)
        for english, chosen, rejected in ROWS:
            for variant in rejected:
                # a space in a variant matches a line break too: Markdown renders both as a space
                for match in re.finditer(re.escape(variant).replace(r"\ ", r"\s+"), plain):
                    context = plain[max(0, match.start() - 30) : match.end() + 10]
                    found.append(f"{variant!r} (write {chosen!r}, {english}): ...{context}...")
    assert not found, "\n".join(found)


def test_every_chosen_word_is_used_by_some_notebook() -> None:
    text = "\n".join(cell for cells in KOREAN.values() for cell in cells)
    unused = [chosen for _, chosen, _ in ROWS if chosen not in text]
    assert not unused, unused


@pytest.mark.parametrize("stem", list(KOREAN))
def test_every_korean_notebook_links_the_glossary(stem: str) -> None:
    assert any("](용어집.md)" in cell for cell in KOREAN[stem]), stem


def test_the_checker_words_use_the_chosen_words_too() -> None:
    import importlib.util

    # words.py imports nothing: load it alone, without the engine the exercises package needs
    spec = importlib.util.spec_from_file_location("words", NOTEBOOKS / "exercises" / "words.py")
    assert spec and spec.loader
    words = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(words)

    found = [
        (variant, korean)
        for korean in words.KOREAN.values()
        for _, _, rejected in ROWS
        for variant in rejected
        if variant in QUOTED.sub("", korean)
    ]
    assert not found, found
