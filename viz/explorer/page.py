"""`save_html`: the explorer as one self-contained HTML page (no network, no kernel)."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

from autograd import Value

from ..language import get_language, tr
from .models import ModelExplorer
from .session import session_data
from .state import DEFAULT_MAX_NODES, GraphExplorer
from .words import front_end_words

HERE = Path(__file__).resolve().parent
ESM_PATH = HERE / "explorer.js"
CSS_PATH = HERE / "explorer.css"
EXPORT_LINE = "export default { render };"

WHATIF_OFF = (
    "What-if is off in this saved page: changing a value means running forward and "
    "backward again, which needs Python and the engine. Open the graph in Jupyter with "
    "viz.explore(...) to drag the inputs and parameters."
)


def page_data(explorer: GraphExplorer | ModelExplorer) -> dict[str, Any]:
    """Everything a saved page shows, precomputed (every neuron of a model too)."""
    common = {"whatif_off": tr(WHATIF_OFF), "words": front_end_words()}
    if isinstance(explorer, GraphExplorer):
        return {"state": explorer.state(), **common}
    children = {name: explorer.explorer(name).state() for name in explorer.neuron_ids()}
    return {"state": {}, "model_state": explorer.state(), "children": children, **common}


def embed_json(data: Any) -> str:
    """JSON safe inside a script element: every ``<`` escaped (no ``</script>`` or
    ``<!--`` can end or bend it), and U+2028/U+2029, which old parsers read as line ends."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def layout_element(content: dict[str, Any]) -> str:
    """Graphviz in WebAssembly (``scalargradLayout``) as a script element, when the state
    has no picture laid out by ``dot`` (Graphviz is not installed here); else ""."""
    pictures = [content.get("state", {}), content.get("model_state", {})]
    if all(picture.get("svg", "") is not None for picture in pictures):
        return ""
    from ..wasm import layout_script

    script = layout_script().replace("</", "<\\/")  # never closes the element early
    return f"<script>{script}</script>\n"


def save_html(
    root_or_explorer: Any,
    path: str | os.PathLike[str],
    x: Any = None,
    params: Any = None,
    title: str | None = None,
    precision: int = 4,
    rankdir: str = "LR",
    max_nodes: int = DEFAULT_MAX_NODES,
    practice: bool = False,
    health: bool = False,
    live: bool = False,
    pyodide: str | os.PathLike[str] | None = None,
) -> Path:
    """Write the explorer as one self-contained HTML file; returns the path.

    ``root_or_explorer`` is a Value, an `nn` model (with ``x``), or what `explore`
    returned. Every step is precomputed: the page needs no network, no kernel and no
    Graphviz; stepping, clicking, practice mode and the health overlay work in any browser;
    what-if is off (the page says why). ``precision``, ``rankdir``, ``max_nodes``,
    ``practice`` and ``health`` are those of `explore` (a graph bigger than ``max_nodes``
    is refused, saying so).

    ``live=True`` writes a folder instead (``path``; returns its ``index.html``) where
    what-if runs the real engine in the page, on Pyodide (`viz.live`; ``pyodide`` is the
    folder of its core files, by default ``node_modules/pyodide`` after ``npm ci``).
    Without Graphviz's ``dot``, the page lays the picture out with Graphviz in WebAssembly.
    """
    explorer = getattr(root_or_explorer, "explorer", root_or_explorer)
    if not isinstance(explorer, (GraphExplorer, ModelExplorer)):
        if isinstance(root_or_explorer, Value):
            explorer = GraphExplorer(
                root_or_explorer,
                params=params,
                title=title,
                precision=precision,
                rankdir=rankdir,
                max_nodes=max_nodes,
                practice=practice,
                health=health,
            )
        elif x is None:
            raise TypeError(
                f"save_html: expected a Value, an nn model with x, or an explorer, got "
                f"{type(root_or_explorer).__name__}"
            )
        else:
            explorer = ModelExplorer(root_or_explorer, x, title=title, precision=precision)
    if live:
        return save_live(explorer, path, pyodide)
    content = page_data(explorer)
    page = explorer_page(
        heading=getattr(explorer, "title", None) or "computation graph",
        data_json=embed_json(content),
        layout=layout_element(content),
        start='render({ model: standaloneModel(page), el: document.getElementById("explorer") });',
    )
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target


def explorer_page(
    heading: str, data_json: str, layout: str, start: str, status: str = "", extra_css: str = ""
) -> str:
    """The HTML of a saved explorer page: the front end's ES module inlined, the page's data
    as JSON (``data_json``, already escaped by `embed_json`), ``layout`` (the WebAssembly
    layout script, or ""), then ``start``, the JavaScript that renders into ``#explorer``
    with the data parsed as ``page``."""
    source = ESM_PATH.read_text(encoding="utf-8")
    if EXPORT_LINE not in source:
        raise RuntimeError(f"save_html: {ESM_PATH.name} must end with {EXPORT_LINE!r}")
    return f"""<!DOCTYPE html>
<html lang="{get_language()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Explorer: {html.escape(heading)}</title>
<style>
body {{ font-family: Helvetica, Arial, sans-serif; margin: 1.5em; }}
{extra_css}{CSS_PATH.read_text(encoding="utf-8")}
</style>
</head>
<body>
{status}<div id="explorer"></div>
<script type="application/json" id="explorer-data">{data_json}</script>
{layout}<script type="module">
{source.replace(EXPORT_LINE, "")}
const page = JSON.parse(document.getElementById("explorer-data").textContent);
{start}
</script>
</body>
</html>
"""


LIVE_JS_PATH = HERE.parent / "static" / "live.js"
LIVE_LOADING = "What-if runs the real engine in this page (Python in WebAssembly): loading Python…"
LIVE_READY = "What-if runs the real engine in this page (Python in WebAssembly): ready."
LIVE_FAILED = "Python could not start in this page, so what-if is off:"


def save_live(
    explorer: GraphExplorer | ModelExplorer,
    folder: str | os.PathLike[str],
    pyodide: str | os.PathLike[str] | None = None,
) -> Path:
    """The live page (``save_html(..., live=True)``): a folder with the saved page, what-if
    on, where `session.LiveSession` answers in the browser (Pyodide); returns index.html.

    Besides ``index.html``: ``graph.json`` (`session.session_data`), what the playground
    ships (``scalargrad.zip``, ``pyodide/``, ``LICENSES.txt``), and ``graphviz-wasm.js``
    when Graphviz's ``dot`` could not lay the picture out here.
    """
    from ..playground import copy_pyodide, find_pyodide, licences, source_archive
    from ..wasm import layout_script

    if not isinstance(explorer, GraphExplorer):
        raise TypeError(
            "save_html(live=True): the live page explores a graph (a Value); save a model's "
            "explorer with live=False"
        )
    if not explorer.whatif:
        raise ValueError(f"save_html(live=True): {explorer.whatif_reason}")
    source_pyodide = find_pyodide(pyodide)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    copy_pyodide(source_pyodide, out / "pyodide")
    (out / "scalargrad.zip").write_bytes(source_archive())
    (out / "LICENSES.txt").write_text(licences(source_pyodide), encoding="utf-8")
    (out / "graph.json").write_text(json.dumps(session_data(explorer)), encoding="utf-8")
    data = page_data(explorer)
    data["whatif_off"] = ""
    layout = ""
    if data["state"].get("svg") is None:  # no dot here: the page lays the picture out
        (out / "graphviz-wasm.js").write_text(layout_script(), encoding="utf-8")
        layout = '<script src="graphviz-wasm.js"></script>\n'
    status = (
        f'<p class="vx-live" data-role="live-status" data-state="loading" '
        f'data-ready="{html.escape(tr(LIVE_READY))}" data-failed="{html.escape(tr(LIVE_FAILED))}">'
        f"{html.escape(tr(LIVE_LOADING))}</p>\n"
    )
    page = explorer_page(
        heading=explorer.title or "computation graph",
        data_json=embed_json(data),
        layout=layout,
        start=(
            LIVE_JS_PATH.read_text(encoding="utf-8")
            + '\nconst status = document.querySelector("[data-role=live-status]");\n'
            + 'render({ model: liveModel(page, status), el: document.getElementById("explorer") });'
        ),
        status=status,
        extra_css=".vx-live { color: #555; font-size: 0.9em; }\n",
    )
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
