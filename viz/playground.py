"""A playground page: the real `autograd`, `nn` and `viz` in the browser, on Pyodide.

    python -m viz.playground OUT_DIR [--pyodide DIR]

writes a folder to serve as it is (``python -m http.server -d OUT_DIR``; a page loaded from
``file:`` may not fetch its own files): ``index.html`` (a code box, Run, the printed output
and the graph), ``scalargrad.zip`` (the pure-Python sources of ``autograd``, ``nn`` and
``viz``, and of the ``graphviz`` package ``viz`` builds on), ``pyodide/`` (Pyodide's core
files, from ``node_modules/pyodide`` after ``npm ci``) and ``graphviz-wasm.js``
(`viz.wasm.layout_script`). Nothing is fetched from outside the folder.

In the page, `run_cell` runs the code box like a notebook cell: what it prints, and the
DOT text of its last expression when that is a Value (drawn with `draw_dot`) or a diagram.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import html
import io
import json
import shutil
import sys
import traceback
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PAGE_TEMPLATE = HERE / "static" / "playground.html"
PYODIDE_VERSION = "314.0.6"  # package.json pins the same; the course site's JupyterLite too
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
    "package.json",
)
PACKAGES = ("autograd", "nn", "viz")
ZIP_DATE = (2026, 1, 1, 0, 0, 0)  # a fixed date: the same sources give the same zip

DEFAULT_CODE = """from autograd import Value
import viz

a, b, c = Value(2.0, "a"), Value(-3.0, "b"), Value(10.0, "c")
out = (a * b + c).tanh()
out.label = "out"
out.backward()
print("out =", out.data)
print("grads:", a.grad, b.grad, c.grad)
out"""


# ---------------------------------------------------------------------- in the page


NAMESPACE: dict[str, Any] = {"__name__": "__main__"}


def run_cell(code: str, namespace: dict[str, Any] | None = None) -> dict[str, str]:
    """Run ``code`` as a notebook cell would (the last expression is the result).

    Returns ``stdout`` (what it printed), ``error`` (the traceback, or "") and ``dot``:
    the DOT text of the result when it is a Value (`draw_dot`) or a graphviz graph, else "".
    Names persist between runs in ``namespace`` (one per page by default).
    """
    from autograd import Value

    from .diagram import draw_dot

    scope = NAMESPACE if namespace is None else namespace
    printed = io.StringIO()
    error, dot = "", ""
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        try:
            tree = ast.parse(code, "<playground>")
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, "<playground>", "exec"), scope)
            result = None
            if last is not None:
                expression = ast.Expression(last.value)
                result = eval(compile(expression, "<playground>", "eval"), scope)
            if isinstance(result, Value):
                dot = draw_dot(result).source
            elif hasattr(result, "source") and hasattr(result, "engine"):
                dot = str(result.source)
            elif result is not None:
                print(repr(result))
        except Exception:  # the learner's error, shown as Python would show it
            kind, value, trace = sys.exc_info()
            frames = [f for f in traceback.extract_tb(trace) if f.filename == "<playground>"]
            error = "Traceback (most recent call last):\n"
            error += "".join(traceback.format_list(frames))
            error += "".join(traceback.format_exception_only(kind, value))
    return {"stdout": printed.getvalue(), "error": error, "dot": dot}


# ---------------------------------------------------------------------- building it


def find_pyodide(folder: str | Path | None = None) -> Path:
    """Pyodide's core files: ``folder``, else ``node_modules/pyodide`` of this repository.

    Raises FileNotFoundError saying how to get them (``npm ci``) when they are missing,
    and ValueError when they are another version than the one pinned.
    """
    where = Path(folder) if folder is not None else REPO / "node_modules" / "pyodide"
    missing = [name for name in PYODIDE_FILES if not (where / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"playground: Pyodide {PYODIDE_VERSION} is not in {where} (missing "
            f"{', '.join(missing)}). Run `npm ci --ignore-scripts` in the repository (the "
            "version is pinned in package.json), or pass --pyodide DIR."
        )
    version = json.loads((where / "package.json").read_text(encoding="utf-8")).get("version")
    if version != PYODIDE_VERSION:
        raise ValueError(
            f"playground: {where} holds Pyodide {version}, expected {PYODIDE_VERSION} "
            "(run `npm ci --ignore-scripts`)"
        )
    return where


PACKAGE_DATA = ("*.py", "static/*.js", "static/*.txt", "static/*.html", "*.js", "*.css")


def _package_files(package: Path) -> list[Path]:
    """The files pip would install: the sources and the package data (viz/static)."""
    found = {p for pattern in PACKAGE_DATA for p in package.rglob(pattern)}
    return sorted(p for p in found if "__pycache__" not in p.parts)


def source_archive() -> bytes:
    """A zip of the pure-Python packages Pyodide unpacks: autograd, nn, viz (with its package
    data: the explorer's front end, Graphviz in WebAssembly) and graphviz."""
    import graphviz

    roots = [REPO / name for name in PACKAGES] + [Path(graphviz.__file__).parent]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for root in roots:
            for path in _package_files(root):
                name = path.relative_to(root.parent).as_posix()
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def licences(pyodide: Path) -> str:
    """The licences of what the folder ships besides our own code."""
    import graphviz

    graphviz_licence = ""
    meta = Path(graphviz.__file__).parent.parent / f"graphviz-{graphviz.__version__}.dist-info"
    for candidate in (meta / "licenses" / "LICENSE.txt", meta / "LICENSE.txt"):
        if candidate.is_file():
            graphviz_licence = candidate.read_text(encoding="utf-8")
    viz_js = (HERE / "static" / "LICENSE-viz-js.txt").read_text(encoding="utf-8")
    return (
        f"pyodide/: Pyodide {PYODIDE_VERSION} (npm package pyodide), Mozilla Public License "
        "2.0; it contains CPython (PSF License) and other software, listed in its own "
        "distribution.\n\n"
        f"scalargrad.zip: autograd, nn and viz (MIT), and the graphviz Python package "
        f"{graphviz.__version__} (MIT):\n{graphviz_licence}\n\n"
        f"graphviz-wasm.js:\n{viz_js}"
    )


def copy_pyodide(pyodide: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(pyodide / name, target / name)


def write_playground(
    folder: str | Path, pyodide: str | Path | None = None, code: str = DEFAULT_CODE
) -> Path:
    """Write the playground into ``folder`` (see the module docstring); returns index.html."""
    from importlib.metadata import PackageNotFoundError, version

    from .wasm import layout_script

    source = find_pyodide(pyodide)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    copy_pyodide(source, out / "pyodide")
    (out / "scalargrad.zip").write_bytes(source_archive())
    (out / "graphviz-wasm.js").write_text(layout_script(), encoding="utf-8")
    (out / "LICENSES.txt").write_text(licences(source), encoding="utf-8")
    lock = json.loads((source / "pyodide-lock.json").read_text(encoding="utf-8"))
    try:
        ours = f"scalargrad {version('scalargrad')}"
    except PackageNotFoundError:
        ours = "scalargrad"
    page = (
        PAGE_TEMPLATE.read_text(encoding="utf-8")
        .replace("__VERSION__", html.escape(ours))
        .replace("__PYTHON__", html.escape(str(lock.get("info", {}).get("python", "3"))))
        .replace("__PYODIDE__", PYODIDE_VERSION)
        .replace("__CODE__", html.escape(code))
    )
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m viz.playground", description=__doc__)
    parser.add_argument("out", type=Path, help="the folder to write")
    parser.add_argument("--pyodide", type=Path, help="Pyodide's core files (node_modules/pyodide)")
    args = parser.parse_args(argv)
    try:
        index = write_playground(args.out, args.pyodide)
    except (FileNotFoundError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Wrote {index}; serve it with: python -m http.server -d {args.out} (then open it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
