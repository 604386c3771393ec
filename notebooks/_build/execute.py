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


def read_source(source: Path) -> nbformat.NotebookNode:
    """The cells of a percent-format source as an unexecuted notebook.

    Only the cell types, sources and tags are kept (jupytext's own metadata is not), with
    ids ``nbNN-000, nbNN-001, ...``, so that a rebuild gives the same file.
    """
    parsed = jupytext.read(source, fmt="py:percent")
    nb = nbformat.v4.new_notebook()
    stem = source.stem.split("_")[0]
    for i, cell in enumerate(parsed.cells):
        if cell.cell_type == "markdown":
            new = nbformat.v4.new_markdown_cell(cell.source)
        elif cell.cell_type == "code":
            new = nbformat.v4.new_code_cell(cell.source)
        else:
            raise ValueError(f"{source.name}: cell {i} is a {cell.cell_type} cell")
        tags = cell.metadata.get("tags")
        if tags:  # e.g. "remove-cell": a check for the test suite, hidden when rendered
            new.metadata["tags"] = list(tags)
        new.id = f"nb{stem}-{i:03d}"
        nb.cells.append(new)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    return nb


def execute(nb: nbformat.NotebookNode, kernel_dir: Path, timeout: int) -> None:
    """Run nb in place in a fresh kernel of this very interpreter, with cwd = notebooks/.

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
        nb, km=manager, timeout=timeout, resources={"metadata": {"path": str(NOTEBOOKS)}}
    ).execute(env=_kernel_environment())


def _kernel_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("MPLBACKEND", None)  # the inline backend must draw the figures
    return env
