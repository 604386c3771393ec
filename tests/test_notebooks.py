"""Every notebook runs top to bottom in a fresh kernel and reproduces its committed outputs.

One test per notebook (parametrised), so `pytest -n 2` runs two kernels side by side.
A fresh run must raise no error, and its text outputs (stdout, stderr and each
result's ``text/plain``) must equal the committed ones: a notebook whose numbers
drift, or that stops being deterministic, fails here. Images are not compared
(PNG bytes differ between library versions), but their ``text/plain`` stand-ins are.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat
import pytest
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
SOURCES = NOTEBOOKS / "_build"
CELL_TIMEOUT_SECONDS = 120
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
DEFAULT_REPR = re.compile(r"^<[\w.]+ (object )?at 0x[0-9a-fA-F]+>$")

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


def execute(nb: nbformat.NotebookNode, kernel_dir: Path) -> None:
    """Run nb in a fresh kernel of this very interpreter, with cwd = notebooks/.

    A kernel spec written for `sys.executable` (rather than whatever "python3"
    kernel a user has installed) guarantees the kernel sees this environment.
    """
    from ipykernel.kernelspec import write_kernel_spec

    write_kernel_spec(kernel_dir / "python3")
    manager = KernelManager(
        kernel_name="python3",
        kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernel_dir)]),
    )
    NotebookClient(
        nb,
        km=manager,
        timeout=CELL_TIMEOUT_SECONDS,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    ).execute()


@pytest.fixture(scope="module", autouse=True)
def warm_matplotlib_font_cache() -> None:
    """Build matplotlib's font cache before any kernel would report doing so on stderr."""
    import matplotlib.font_manager  # noqa: F401


def test_the_series_is_all_there() -> None:
    names = [p.name for p in PATHS]
    assert [n[:3] for n in names] == ["01_", "02_", "03_", "04_", "05_", "06_"], names


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_committed_outputs_are_clean(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    cells = text_outputs(nb)
    assert any(cells), f"{path.name} is committed without outputs"
    for i, outputs in enumerate(cells):
        for kind, text in outputs:
            assert kind not in ("stderr", "error"), f"{path.name}, code cell {i}: {kind}: {text}"
            assert not ADDRESS.search(text), f"{path.name}, code cell {i}: memory address: {text}"


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_matches_its_source(path: Path) -> None:
    """The committed notebook was built from notebooks/_build/<name>.src, cell for cell."""
    source = SOURCES / f"{path.stem}.src"
    assert source.exists(), f"{path.name} has no source {source.relative_to(NOTEBOOKS.parent)}"
    import importlib.util

    spec = importlib.util.spec_from_file_location("notebook_build", SOURCES / "build.py")
    assert spec and spec.loader
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    expected = [(c.cell_type, c.source) for c in build.parse(source).cells]
    committed = [(c.cell_type, c.source) for c in nbformat.read(path, as_version=4).cells]
    assert committed == expected, f"rebuild {path.name}: python notebooks/_build/build.py"


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
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
    execute(fresh, tmp_path)  # raises CellExecutionError, with the traceback, on any error

    expected, got = text_outputs(committed), text_outputs(fresh)
    assert len(got) == len(expected)
    for i, (want, have) in enumerate(zip(expected, got)):
        assert have == want, f"{path.name}, code cell {i}: outputs differ from the committed ones"
