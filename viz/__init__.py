"""viz: pictures of the engine at work.

Graphviz diagrams of computation graphs (values, gradients, roles, gradient
flow, backpropagation step by step, whole networks) and matplotlib plots
(activation functions with their derivatives, decision boundaries, training
curves).

>>> from autograd import Value
>>> import viz
>>> a, b = Value(2.0, "a"), Value(-3.0, "b")
>>> graph = viz.draw_dot(a * b)       # a graphviz.Digraph; shows inline in Jupyter
>>> "×" in graph.source
True
"""

from typing import Any

from .diagram import Diagram, GraphvizNotFoundError, draw_dot, save
from .explorer import explore, save_html
from .language import get_language, set_language, tr
from .model import draw_model
from .steps import backprop_steps, save_steps, show_steps

PLOTS = ("plot_activations", "plot_decision_boundary", "plot_history")


def __getattr__(name: str) -> Any:
    """The plots, imported on first use: they need numpy (and matplotlib), which nothing
    else of viz does, so the explorer's state can run where numpy is not loaded (Pyodide)."""
    if name in PLOTS:
        from . import plots

        return getattr(plots, name)
    raise AttributeError(f"module 'viz' has no attribute {name!r}")


__all__ = [
    "Diagram",
    "GraphvizNotFoundError",
    "backprop_steps",
    "draw_dot",
    "draw_model",
    "explore",
    "get_language",
    "plot_activations",
    "plot_decision_boundary",
    "plot_history",
    "save",
    "save_html",
    "save_steps",
    "set_language",
    "show_steps",
    "tr",
]
