"""Rendering and saving diagrams, with one clear error when Graphviz is not installed.

Every diagram this package returns is a `Diagram`: a `graphviz.Digraph` whose
rendering methods (``pipe``, ``render``, ``view``, ``unflatten`` and the Jupyter
display, which goes through ``pipe``) turn graphviz's bare ``ExecutableNotFound``
into a `GraphvizNotFoundError` saying how to install Graphviz. Its ``.source``
(the DOT text) needs no Graphviz at all.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import graphviz

F = TypeVar("F", bound=Callable[..., Any])

INSTALL_HELP = (
    "Graphviz's `dot` program was not found on the PATH, so the diagram cannot be rendered "
    "(its DOT text is still available as `graph.source`). The Python package `graphviz` is "
    "only a wrapper; install the Graphviz program itself:\n"
    "  Debian/Ubuntu:  sudo apt-get install graphviz\n"
    "  macOS:          brew install graphviz\n"
    "  conda:          conda install -c conda-forge graphviz\n"
    "  Windows:        the installer from https://graphviz.org/download/ "
    "(tick 'Add Graphviz to the system PATH'), or: winget install graphviz\n"
    "then restart Python (or the Jupyter kernel)."
)

FORMATS = {".svg": "svg", ".png": "png", ".pdf": "pdf"}


class GraphvizNotFoundError(graphviz.ExecutableNotFound):
    """Rendering needs Graphviz's ``dot`` program and it is not installed.

    A `RuntimeError` (through graphviz's own ``ExecutableNotFound``, so code that
    catches either one keeps working) whose message says how to install it.
    """

    def __init__(self, detail: str = "") -> None:
        message = INSTALL_HELP if not detail else f"{INSTALL_HELP}\n(graphviz said: {detail})"
        RuntimeError.__init__(self, message)


def _explain_missing_dot(method: F) -> F:
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except GraphvizNotFoundError:
            raise
        except graphviz.ExecutableNotFound as error:
            raise GraphvizNotFoundError(str(error)) from None

    return wrapper  # type: ignore[return-value]


class Diagram(graphviz.Digraph):
    """A `graphviz.Digraph` raising `GraphvizNotFoundError` when ``dot`` is missing."""

    pipe = _explain_missing_dot(graphviz.Digraph.pipe)
    render = _explain_missing_dot(graphviz.Digraph.render)
    view = _explain_missing_dot(graphviz.Digraph.view)
    unflatten = _explain_missing_dot(graphviz.Digraph.unflatten)

    def __repr__(self) -> str:
        # No memory address: notebooks store this text beside the picture, and it
        # must read the same on every run.
        return f"<viz.Diagram: {len(self.body)} statements>"


def format_for(path: str | os.PathLike[str]) -> str:
    """The Graphviz output format named by a file's extension (svg, png or pdf)."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(
            f"save: cannot tell the format from the extension of {str(path)!r}; "
            f"use one of {', '.join(FORMATS)}"
        )
    return FORMATS[suffix]


@_explain_missing_dot
def save(graph: graphviz.Digraph, path: str | os.PathLike[str], dpi: int = 150) -> Path:
    """Render ``graph`` to ``path``, the format picked from the extension (.svg, .png, .pdf).

    Parent folders are created; ``dpi`` sets the resolution of a PNG. Returns the path.
    Raises `GraphvizNotFoundError` when Graphviz's ``dot`` is not installed.
    """
    if not isinstance(graph, (graphviz.Digraph, graphviz.Graph, graphviz.Source)):
        raise TypeError(
            f"save: expected a graphviz graph (as draw_dot returns), got {type(graph).__name__}"
        )
    fmt = format_for(path)
    if fmt == "png" and isinstance(graph, (graphviz.Digraph, graphviz.Graph)):
        graph = graph.copy()
        graph.graph_attr["dpi"] = str(int(dpi))
    data = graph.pipe(format=fmt)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target
