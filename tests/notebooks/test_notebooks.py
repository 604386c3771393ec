"""Every notebook runs top to bottom in a fresh kernel and reproduces its committed outputs.

One test per notebook (parametrised), so `pytest -n 2` runs two kernels side by side.
A fresh run must raise no error, and its text outputs (stdout, stderr and each
result's ``text/plain``) must equal the committed ones: a notebook whose numbers
drift, or that stops being deterministic, fails here. Images are not compared
(PNG bytes differ between library versions), but their ``text/plain`` stand-ins are.
"""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.slow

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
ENGLISH = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
KOREAN = sorted((NOTEBOOKS / "ko").glob("[0-9][0-9]_*.ipynb"))
PATHS = ENGLISH + KOREAN
HANGUL = range(0xAC00, 0xD7A4)
LANGUAGE_CELLS = ('viz.set_language("ko")', 'import viz\n\nviz.set_language("ko")')
SOURCES = NOTEBOOKS / "_build"
CELL_TIMEOUT_SECONDS = 120


def _load_notebook_tools():
    """notebooks/_build/execute.py, which build.py uses too (notebooks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("notebook_execute", SOURCES / "execute.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tools = _load_notebook_tools()
ADDRESS, DEFAULT_REPR = tools.ADDRESS, tools.DEFAULT_REPR

Output = tuple[str, str]


def text_outputs(nb: nbformat.NotebookNode) -> list[list[Output]]:
    """Per code cell, its text outputs in order; consecutive chunks of one stream joined."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs: list[Output] = []
        for out in cell.outputs:
            if out.output_type == "stream":
                if outputs and outputs[-1][0] == out.name:
                    outputs[-1] = (out.name, outputs[-1][1] + out.text)
                    continue
                kind, text = out.name, out.text
            elif out.output_type == "error":
                kind, text = "error", f"{out.ename}: {out.evalue}"
            else:
                data = out.get("data", {})
                text = data.get("text/plain", "")
                if "image/svg+xml" in data and DEFAULT_REPR.match(text):
                    text = ""  # a diagram's default repr: never shown, new address every run
                kind = out.output_type
            outputs.append((kind, text))
        cells.append(outputs)
    return cells


@pytest.fixture(scope="module", autouse=True)
def warm_matplotlib_font_cache() -> None:
    """Build matplotlib's font cache before any kernel would report doing so on stderr."""
    import matplotlib.font_manager  # noqa: F401


def language_of(path: Path) -> str:
    return "ko" if path.parent.name == "ko" else "en"


def test_the_series_is_all_there() -> None:
    names = [p.name for p in ENGLISH]
    assert [n[:3] for n in names] == [f"{i:02d}_" for i in range(1, len(names) + 1)], names
    assert len(names) >= 7, names
    assert {p.name for p in KOREAN} <= set(names), "a Korean notebook without an English twin"


@pytest.mark.parametrize("path", PATHS, ids=[f"{p.parent.name}/{p.stem}" for p in PATHS])
def test_committed_outputs_are_clean(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    cells = text_outputs(nb)
    assert any(cells), f"{path.name} is committed without outputs"
    for i, outputs in enumerate(cells):
        for kind, text in outputs:
            assert kind not in ("stderr", "error"), f"{path.name}, code cell {i}: {kind}: {text}"
            assert not ADDRESS.search(text), f"{path.name}, code cell {i}: memory address: {text}"


@pytest.mark.parametrize("path", PATHS, ids=[f"{p.parent.name}/{p.stem}" for p in PATHS])
def test_notebook_matches_its_source(path: Path) -> None:
    """The committed notebook was built from notebooks/_build/<name>.py, cell for cell."""
    source = SOURCES / f"{path.stem}.py"
    assert source.exists(), f"{path.name} has no source {source.relative_to(NOTEBOOKS.parent)}"
    edition = tools.read_source(source, language_of(path))
    expected = [(c.cell_type, c.source) for c in edition.cells]
    committed = [(c.cell_type, c.source) for c in nbformat.read(path, as_version=4).cells]
    assert committed == expected, f"rebuild {path.name}: make notebooks"


@pytest.mark.parametrize("path", PATHS, ids=[f"{p.parent.name}/{p.stem}" for p in PATHS])
def test_notebook_runs_and_reproduces_its_outputs(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The inline backend must draw the figures, whatever the caller's environment says.
    monkeypatch.delenv("MPLBACKEND", raising=False)
    committed = nbformat.read(path, as_version=4)
    fresh = copy.deepcopy(committed)
    for cell in fresh.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    # Raises CellExecutionError, with the traceback, on any error.
    tools.execute(fresh, tmp_path, CELL_TIMEOUT_SECONDS, cwd=path.parent)

    expected, got = text_outputs(committed), text_outputs(fresh)
    assert len(got) == len(expected)
    for i, (want, have) in enumerate(zip(expected, got)):
        assert have == want, f"{path.name}, code cell {i}: outputs differ from the committed ones"


@pytest.mark.parametrize("path", KOREAN, ids=[p.stem for p in KOREAN])
def test_a_korean_notebook_has_its_twins_code_and_hangul_in_every_text_cell(path: Path) -> None:
    korean = nbformat.read(path, as_version=4)
    english = nbformat.read(NOTEBOOKS / path.name, as_version=4)

    def shared_code(nb: nbformat.NotebookNode) -> list[str]:
        return [c.source for c in nb.cells if c.cell_type == "code" and "lang" not in c.metadata]

    assert shared_code(korean) == shared_code(english)
    for cell in korean.cells:
        if cell.cell_type == "markdown":
            assert any(ord(ch) in HANGUL for ch in cell.source), f"no Hangul in: {cell.source[:80]}"
        elif "lang" in cell.metadata:  # a Korean-only code cell may only set the language
            assert cell.source.strip() in LANGUAGE_CELLS, cell.source


@pytest.mark.parametrize("path", KOREAN, ids=[p.stem for p in KOREAN])
def test_a_korean_notebooks_outputs_differ_from_its_twins_only_in_korean_words(path: Path) -> None:
    """Same code, same numbers: an output line differs only where Korean replaces English."""

    def shared_outputs(nb: nbformat.NotebookNode) -> list[list[Output]]:
        nb.cells = [c for c in nb.cells if "lang" not in c.metadata]  # not set_language's cell
        return text_outputs(nb)

    korean = shared_outputs(nbformat.read(path, as_version=4))
    english = shared_outputs(nbformat.read(NOTEBOOKS / path.name, as_version=4))
    assert len(korean) == len(english)
    for i, (ko_cell, en_cell) in enumerate(zip(korean, english)):
        assert [kind for kind, _ in ko_cell] == [kind for kind, _ in en_cell], f"code cell {i}"
        for (_, ko_text), (_, en_text) in zip(ko_cell, en_cell):
            ko_lines, en_lines = ko_text.splitlines(), en_text.splitlines()
            for ko_line, en_line in zip(ko_lines, en_lines):
                if ko_line != en_line:
                    assert any(ord(ch) in HANGUL for ch in ko_line), (
                        f"{path.name}, code cell {i}: {ko_line!r} differs from {en_line!r} "
                        "without Korean words"
                    )
