"""The anywidget side of `viz.explore`: synced traits and the messages the front end sends.

Kept apart from `viz.explore` so that `save_html` works without anywidget installed.
"""

from __future__ import annotations

from typing import Any

import anywidget
import traitlets

from .explore import CSS_PATH, ESM_PATH, GraphExplorer, ModelExplorer, front_end_words


class Explorer(anywidget.AnyWidget):
    """The explorer widget: Python holds the graph and computes; ``explore.js`` displays.

    Traits: ``svg`` and ``state`` (the graph shown now), ``model_svg`` and ``model_state``
    (model mode). The front end sends ``{"type": "set", "id": "v0", "value": 1.5}``
    (what-if), ``{"type": "open", "neuron": "c1_n0"}`` and ``{"type": "close"}``.
    """

    _esm = ESM_PATH
    _css = CSS_PATH
    svg = traitlets.Unicode("").tag(sync=True)
    state = traitlets.Dict().tag(sync=True)
    model_svg = traitlets.Unicode("").tag(sync=True)
    model_state = traitlets.Dict().tag(sync=True)
    whatif_off = traitlets.Unicode("").tag(sync=True)
    words = traitlets.Dict().tag(sync=True)  # the front end's words, in viz's language

    def __init__(self, explorer: GraphExplorer | ModelExplorer, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.words = front_end_words()
        self.explorer = explorer
        self.graph: GraphExplorer | None = None
        if isinstance(explorer, GraphExplorer):
            self._show(explorer)
        else:
            self.model_svg = explorer.svg()
            self.model_state = explorer.state()
        self.on_msg(self._on_message)

    def __repr__(self) -> str:
        # Short and the same on every run: notebooks store this text beside the widget
        # (ipywidgets' default repr would spell out the whole SVG and state).
        if self.graph is None:
            return f"<viz.explore: {type(self.explorer).__name__} of a model>"
        return f"<viz.explore: {len(self.graph.order)} nodes, {len(self.state['steps'])} steps>"

    def _show(self, graph: GraphExplorer | None) -> None:
        self.graph = graph
        self.svg = graph.svg() if graph else ""
        self.state = graph.state() if graph else {}

    def set_value(self, which: Any, value: float) -> None:
        """What-if from Python: set a leaf (node, label or id) of the graph shown now."""
        if self.graph is None:
            raise RuntimeError("explore: no graph is open (click a neuron first)")
        self.state = self.graph.set_value(which, value)

    def open_neuron(self, neuron: str) -> None:
        """Model mode: show the scalar graph of one neuron (``c1_n0``: layer 1, neuron 0)."""
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
            self.set_value(str(content["id"]), float(content["value"]))
        elif kind == "open":
            self.open_neuron(str(content["neuron"]))
        elif kind == "close":
            self.close_neuron()
