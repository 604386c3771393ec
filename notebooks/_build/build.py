"""Rebuild the numbered notebooks from their sources here, execute them, save them with outputs.

    .venv/bin/python notebooks/_build/build.py            # every notebook (make notebooks)
    .venv/bin/python notebooks/_build/build.py 03 05      # only those whose name starts so

A source ``NN_name.py`` is in jupytext's percent format (see `execute.read_source`).
The notebook ``notebooks/NN_name.ipynb`` is rebuilt from it, executed in a fresh
kernel (`execute.execute`), and refused (not written) when a cell errs, writes to
stderr, or prints a memory address, so that what is committed is exactly what
``tests/test_notebooks.py`` re-checks.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from execute import (  # noqa: E402
    ADDRESS,
    DEFAULT_REPR,
    SOURCES,
    editions,
    execute,
    notebook_path,
    read_source,
)

CELL_TIMEOUT_SECONDS = 600


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


def build(source: Path, language: str) -> None:
    nb = read_source(source, language)
    target = notebook_path(source, language)
    target.parent.mkdir(exist_ok=True)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as kernel_dir:
        execute(nb, Path(kernel_dir), CELL_TIMEOUT_SECONDS, cwd=target.parent)
    seconds = time.perf_counter() - start
    nb.metadata.pop("widgets", None)
    drop_default_reprs(nb)
    found = problems(nb)
    if found:
        raise SystemExit(f"{source.name} ({language}): not written:\n  " + "\n  ".join(found))
    nbformat.write(nb, target)
    print(f"{target.relative_to(SOURCES.parent)}: executed in {seconds:.1f} s")


def main(prefixes: list[str]) -> None:
    os.environ.pop("MPLBACKEND", None)  # the inline backend must draw the figures
    sources = sorted(SOURCES.glob("[0-9][0-9]_*.py"))
    if prefixes:
        sources = [s for s in sources if any(s.name.startswith(p) for p in prefixes)]
    for source in sources:
        for language in editions(source):
            build(source, language)


if __name__ == "__main__":
    main(sys.argv[1:])
