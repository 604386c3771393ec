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
) -> Path:
    """Write the explorer as one self-contained HTML file; returns the path.

    ``root_or_explorer`` is a Value, an `nn` model (with ``x``), or what `explore`
    returned. Every step is precomputed: the page needs no network, no kernel and no
    Graphviz; stepping, clicking, practice mode and the health overlay work in any browser;
    what-if is off (the page says why). ``precision``, ``rankdir``, ``max_nodes``,
    ``practice`` and ``health`` are those of `explore` (a graph bigger than ``max_nodes``
    is refused, saying so).
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
    data = embed_json(page_data(explorer))
    source = ESM_PATH.read_text(encoding="utf-8")
    if EXPORT_LINE not in source:
        raise RuntimeError(f"save_html: {ESM_PATH.name} must end with {EXPORT_LINE!r}")
    source = source.replace(EXPORT_LINE, "")
    css = CSS_PATH.read_text(encoding="utf-8")
    heading = html.escape(getattr(explorer, "title", None) or "computation graph")
    page = f"""<!DOCTYPE html>
<html lang="{get_language()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Explorer: {heading}</title>
<style>
body {{ font-family: Helvetica, Arial, sans-serif; margin: 1.5em; }}
{css}
</style>
</head>
<body>
<div id="explorer"></div>
<script type="application/json" id="explorer-data">{data}</script>
<script type="module">
{source}
const page = JSON.parse(document.getElementById("explorer-data").textContent);
render({{ model: standaloneModel(page), el: document.getElementById("explorer") }});
</script>
</body>
</html>
"""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target
