"""The page's Python of the live explorer page (`save_html(..., live=True)`): it rebuilds
the learner's graph from ``graph.json`` (`viz.graph_json`), explores it with the same
`GraphExplorer` as the widget, and answers the front end's what-if messages with the
widget's patches. Runs in the browser, on Pyodide: no numpy, no widget, no HTML.
"""

from __future__ import annotations

import json
from typing import Any

from ..graph_json import graph_from_json, graph_to_json
from .state import GraphExplorer, copy_graph, diff, recompute_forward


def session_data(explorer: GraphExplorer) -> dict[str, Any]:
    """What the page's Python needs to rebuild ``explorer``: its graph (at the values it was
    built with), the parameters, names and options."""
    root = explorer.root
    if any(leaf.data != value for leaf, value in explorer.built.items()):
        # What-if in a widget moved it: a copy, at the built values, run forward again.
        copies = copy_graph(explorer.order)
        for leaf, value in explorer.built.items():
            copies[leaf].data = value
        recompute_forward(list(copies.values()))
        root = copies[explorer.root]
    graph = graph_to_json(root)
    return {
        "graph": graph,
        "parameters": [i for i, n in enumerate(explorer.order) if explorer.roles[n] == "parameter"],
        "names": [explorer.names[n] for n in explorer.order],
        "title": explorer.title,
        "precision": explorer.precision,
        "rankdir": explorer.rankdir,
        "start": explorer.start,  # practice mode and the health overlay
    }


class LiveSession:
    """The page's Python: the explorer of the rebuilt graph, answering the front end's
    messages as the widget does (``set``, ``reset``; a ``patch`` back)."""

    def __init__(self, data: str) -> None:
        spec = json.loads(data)
        nodes = graph_from_json(spec["graph"])
        self.explorer = GraphExplorer(
            nodes[-1],
            params=[nodes[i] for i in spec["parameters"]],
            title=spec["title"],
            precision=spec["precision"],
            rankdir=spec["rankdir"],
            max_nodes=len(nodes),
            practice=spec["start"]["practice"],
            health=spec["start"]["health"],
            # The learner's names: a model's places (L0.n1.w0) come from the model, which
            # is not here, and every caption and message must read as the saved state.
            names=spec["names"],
        )
        self.base = self.explorer.state()
        self.current = self.base

    def handle(self, message: str) -> str:
        """One message of the front end, as JSON; the answer as JSON ("" for none)."""
        content = json.loads(message)
        kind = content.get("type")
        explorer = self.explorer
        if kind == "set" and explorer.whatif:
            leaf = explorer.order[int(content["node"])]
            self.current = explorer.set_value(explorer.ids[leaf], float(content["value"]))
        elif kind == "reset":
            self.current = explorer.reset()
        elif kind != "hello" or self.current is self.base:
            return ""
        return json.dumps({"type": "patch", "patch": diff(self.base, self.current)})
