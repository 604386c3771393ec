"""The anywidget side of `viz.explore`: synced traits and the messages of the front end.

The ``state`` trait holds the state as it was when the graph was opened; every later change
(what-if, reset) is sent as a message holding only the difference from it
(`state.diff`), which the front end applies to its copy. A view opened later asks for
that difference (``hello``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from .models import ModelExplorer
from .state import GraphExplorer, diff
from .words import front_end_words

HERE = Path(__file__).resolve().parent


class Explorer(anywidget.AnyWidget):
    """The explorer widget: Python holds the graph and computes; ``explorer.js`` displays.

    The front end sends ``{"type": "set", "node": 3, "value": 1.5}`` (what-if),
    ``{"type": "reset"}``, ``{"type": "open", "neuron": "c1_n0"}``, ``{"type": "close"}``
    and ``{"type": "hello"}``; Python answers with ``{"type": "patch", "patch": [...]}``.
    """

    _esm = HERE / "explorer.js"
    _css = HERE / "explorer.css"
    state = traitlets.Dict().tag(sync=True)
    model_state = traitlets.Dict().tag(sync=True)
    whatif_off = traitlets.Unicode("").tag(sync=True)
    words = traitlets.Dict().tag(sync=True)  # the front end's words, in viz's language

    def __init__(self, explorer: GraphExplorer | ModelExplorer, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.words = front_end_words()
        self.explorer = explorer
        self.graph: GraphExplorer | None = None
        self.current: dict[str, Any] = {}
        self.sent_bytes = 0  # the size of the last patch sent (benchmarks read it)
        if isinstance(explorer, GraphExplorer):
            self._show(explorer)
        else:
            self.model_state = explorer.state()
        if explorer.svg() is None:
            # No dot here: the front end lays the picture out (Graphviz in WebAssembly).
            from ..wasm import layout_script

            self._esm = layout_script() + "\n" + (HERE / "explorer.js").read_text("utf-8")
        self.on_msg(self._on_message)

    def __repr__(self) -> str:
        # Short and the same on every run: notebooks store this text beside the widget.
        if self.graph is None:
            return f"<viz.explore: {type(self.explorer).__name__} of a model>"
        return f"<viz.explore: {len(self.graph.order)} nodes, {len(self.state['steps'])} steps>"

    def _show(self, graph: GraphExplorer | None) -> None:
        self.graph = graph
        self.current = graph.state() if graph else {}
        self.state = self.current

    def _send_change(self, new: dict[str, Any]) -> list[list[Any]]:
        """Send what differs from the state the front end started from."""
        self.current = new
        patch = diff(self.state, new)
        message = {"type": "patch", "patch": patch}
        self.sent_bytes = len(json.dumps(message, ensure_ascii=False).encode("utf-8"))
        self.send(message)
        return patch

    def set_value(self, which: Any, value: float) -> None:
        """What-if from Python: set a leaf (node, name or id) of the graph shown now."""
        if self.graph is None:
            raise RuntimeError("explore: no graph is open (click a neuron first)")
        self._send_change(self.graph.set_value(which, value))

    def reset(self) -> None:
        """Every input and parameter back to the values the graph was built with."""
        if self.graph is not None:
            self._send_change(self.graph.reset())

    def open_neuron(self, neuron: str) -> None:
        """Model mode: the scalar graph of one neuron (``c1_n0``: layer 0, neuron 0)."""
        if not isinstance(self.explorer, ModelExplorer):
            raise RuntimeError("explore: open_neuron needs a model")
        self._show(self.explorer.explorer(neuron))

    def close_neuron(self) -> None:
        """Model mode: back to the layer picture."""
        if isinstance(self.explorer, ModelExplorer):
            self._show(None)

    def _on_message(self, _widget: Any, content: dict[str, Any], _buffers: Any) -> None:
        kind = content.get("type")
        if kind == "set" and self.graph is not None and self.graph.whatif:
            leaf = self.graph.order[int(content["node"])]
            self.set_value(self.graph.ids[leaf], float(content["value"]))
        elif kind == "reset":
            self.reset()
        elif kind == "hello" and self.graph is not None and self.current is not self.state:
            self._send_change(self.current)
        elif kind == "open":
            self.open_neuron(str(content["neuron"]))
        elif kind == "close":
            self.close_neuron()
