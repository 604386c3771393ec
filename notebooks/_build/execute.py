"""What `build.py` and `tests/test_notebooks.py` share: reading a source, running a notebook.

A source ``notebooks/_build/NN_name.py`` is in jupytext's percent format (cells
opened by ``# %%`` or ``# %% [markdown]``). `read_source` turns it into the
unexecuted notebook, with fixed cell ids and the "python3" kernel; `execute`
runs a notebook in a fresh kernel of this very interpreter with cwd = notebooks/,
importing `autograd`, `nn` and `viz` from this checkout.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import jupytext
import nbformat
from ipykernel.kernelspec import write_kernel_spec
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent
ROOT = NOTEBOOKS.parent
SOURCES = NOTEBOOKS / "_build"
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
DEFAULT_REPR = re.compile(r"^<[\w.]+ (object )?at 0x[0-9a-fA-F]+>$")
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def read_source(source: Path, language: str = "en") -> nbformat.NotebookNode:
    """The cells of a percent-format source, in one language, as an unexecuted notebook.

    One source drives every edition: a cell marked ``lang="ko"`` (``# %% [markdown]
    lang="ko"``) belongs to the Korean edition only, an unmarked cell to English
    (markdown) or to every edition (code). Only the cell types, sources and tags are
    kept (jupytext's own metadata is not), with ids ``nbNN-000, nbNN-001, ...``, so
    that a rebuild gives the same file.
    """
    parsed = jupytext.read(source, fmt="py:percent")
    nb = nbformat.v4.new_notebook()
    stem = source.stem.split("_")[0]
    kept = [c for c in parsed.cells if _in_edition(c, language)]
    for i, cell in enumerate(kept):
        if cell.cell_type == "markdown":
            new = nbformat.v4.new_markdown_cell(cell.source)
        elif cell.cell_type == "code":
            new = nbformat.v4.new_code_cell(cell.source)
        else:
            raise ValueError(f"{source.name}: cell {i} is a {cell.cell_type} cell")
        tags = cell.metadata.get("tags")
        if tags:  # e.g. "remove-cell": a check for the test suite, hidden when rendered
            new.metadata["tags"] = list(tags)
        if "lang" in cell.metadata:
            new.metadata["lang"] = cell.metadata["lang"]
        new.id = f"nb{stem}-{i:03d}"
        nb.cells.append(new)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_edition"] = language
    return nb


def editions(source: Path) -> list[str]:
    """The languages a source has: always "en", and "ko" once it has Korean cells."""
    parsed = jupytext.read(source, fmt="py:percent")
    return ["en"] + (["ko"] if any(c.metadata.get("lang") == "ko" for c in parsed.cells) else [])


def notebook_path(source: Path, language: str) -> Path:
    """Where an edition is written: notebooks/NN_name.ipynb, notebooks/ko/NN_name.ipynb."""
    folder = NOTEBOOKS if language == "en" else NOTEBOOKS / language
    return folder / f"{source.stem}.ipynb"


def _in_edition(cell: nbformat.NotebookNode, language: str) -> bool:
    lang = cell.metadata.get("lang")
    if lang is None:
        return cell.cell_type == "code" or language == "en"
    return lang == language


def execute(
    nb: nbformat.NotebookNode, kernel_dir: Path, timeout: int, cwd: Path = NOTEBOOKS
) -> None:
    """Run nb in place in a fresh kernel of this very interpreter, in the folder ``cwd``.

    A kernel spec written into ``kernel_dir`` for `sys.executable` (rather than
    whatever "python3" kernel a user has installed) guarantees the kernel sees
    this environment. The checkout's root goes first on the kernel's PYTHONPATH:
    the environment's editable install may point at another checkout (a git
    worktree shares one virtualenv), and a notebook must run this one's code.
    ``timeout`` is per cell, in seconds. Raises CellExecutionError, with the
    traceback, when a cell errs.
    """
    write_kernel_spec(Path(kernel_dir) / "python3")
    manager = KernelManager(
        kernel_name="python3",
        kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernel_dir)]),
    )
    NotebookClient(
        nb, km=manager, timeout=timeout, resources={"metadata": {"path": str(cwd)}}
    ).execute(env=_kernel_environment())


def _kernel_environment() -> dict[str, str]:
    env = dict(os.environ)
    paths = [str(ROOT), str(NOTEBOOKS), env.get("PYTHONPATH")]  # NOTEBOOKS: `exercises`
    env["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
    env.pop("MPLBACKEND", None)  # the inline backend must draw the figures
    return env
