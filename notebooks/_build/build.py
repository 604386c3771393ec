"""Build the numbered notebooks from their sources here, execute them, and save them with outputs.

    .venv/bin/python notebooks/_build/build.py            # every notebook
    .venv/bin/python notebooks/_build/build.py 03 05      # only those whose name starts so

A source `NN_name.src` is a sequence of cells, each opened by a line `<<md>>` or
`<<code>>`. The notebook `notebooks/NN_name.ipynb` is rebuilt from it with fixed
cell ids, executed in a fresh "python3" kernel with cwd = notebooks/, and refused
(not written) when a cell errs, writes to stderr, or prints a memory address, so
that what is committed is exactly what `tests/test_notebooks.py` re-checks.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from ipykernel.kernelspec import write_kernel_spec
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
NOTEBOOKS = HERE.parent
MARKER = re.compile(r"^<<(md|code)>>\s*$")
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
DEFAULT_REPR = re.compile(r"^<[\w.]+ (object )?at 0x[0-9a-fA-F]+>$")
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def parse(source: Path) -> nbformat.NotebookNode:
    """The cells of a `.src` file as an unexecuted notebook."""
    cells: list[tuple[str, list[str]]] = []
    for line in source.read_text(encoding="utf-8").splitlines():
        match = MARKER.match(line)
        if match:
            cells.append((match.group(1), []))
        elif cells:
            cells[-1][1].append(line)
        elif line.strip():
            raise ValueError(f"{source.name}: text before the first cell marker: {line!r}")
    nb = nbformat.v4.new_notebook()
    stem = source.stem.split("_")[0]
    for i, (kind, lines) in enumerate(cells):
        text = "\n".join(lines).strip("\n")
        cell = (
            nbformat.v4.new_markdown_cell(text) if kind == "md" else nbformat.v4.new_code_cell(text)
        )
        cell.id = f"nb{stem}-{i:03d}"
        nb.cells.append(cell)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    return nb


def drop_default_reprs(nb: nbformat.NotebookNode) -> None:
    """Drop the ``text/plain`` of rich outputs when it is only Python's default object repr.

    A diagram shows as SVG; beside it IPython stores ``<module.Class at 0x7f...>``, which
    no reader sees and which changes on every run.
    """
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/svg+xml" in data and DEFAULT_REPR.match(data.get("text/plain", "")):
                del data["text/plain"]


def problems(nb: nbformat.NotebookNode) -> list[str]:
    """What must not be committed: stderr output and memory addresses in text."""
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.output_type == "stream" and out.name == "stderr":
                found.append(f"cell {i} wrote to stderr: {out.text[:300]!r}")
            texts = [out.get("text", "")] + [out.get("data", {}).get("text/plain", "")]
            for text in texts:
                if ADDRESS.search(text):
                    found.append(f"cell {i} shows a memory address: {text[:200]!r}")
    return found


def build(source: Path) -> None:
    nb = parse(source)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as kernel_dir:
        # A kernel of this very interpreter, whatever "python3" kernel the user has installed.
        write_kernel_spec(Path(kernel_dir) / "python3")
        manager = KernelManager(
            kernel_name="python3", kernel_spec_manager=KernelSpecManager(kernel_dirs=[kernel_dir])
        )
        NotebookClient(
            nb, km=manager, timeout=600, resources={"metadata": {"path": str(NOTEBOOKS)}}
        ).execute()
    seconds = time.perf_counter() - start
    nb.metadata.pop("widgets", None)
    drop_default_reprs(nb)
    found = problems(nb)
    if found:
        raise SystemExit(f"{source.name}: not written:\n  " + "\n  ".join(found))
    target = NOTEBOOKS / f"{source.stem}.ipynb"
    nbformat.write(nb, target)
    print(f"{target.name}: executed in {seconds:.1f} s")


def main(prefixes: list[str]) -> None:
    os.environ.pop("MPLBACKEND", None)  # the inline backend must draw the figures
    sources = sorted(HERE.glob("*.src"))
    if prefixes:
        sources = [s for s in sources if any(s.name.startswith(p) for p in prefixes)]
    for source in sources:
        build(source)


if __name__ == "__main__":
    main(sys.argv[1:])
