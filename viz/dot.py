"""`draw_dot`: the computation graph of a Value, with data and gradient on every node."""

from __future__ import annotations

from typing import Any

from autograd import Value, topological_order

from .diagram import Style, build_diagram
from .render import Diagram
from .replay import edge_gradients
from .roles import classify, parameter_set

DEFAULT_MAX_NODES = 400
RANKDIRS = ("LR", "TB", "RL", "BT")
COLOR_BY = ("role", "grad")


def check_options(operation: str, root: Any, rankdir: str, precision: int) -> None:
    """Refuse bad arguments shared by the drawing functions, naming the value."""
    if not isinstance(root, Value):
        raise TypeError(f"{operation}: root must be a Value, got {type(root).__name__}: {root!r}")
    if rankdir not in RANKDIRS:
        raise ValueError(f"{operation}: rankdir must be one of {RANKDIRS}, got {rankdir!r}")
    if isinstance(precision, bool) or not isinstance(precision, int) or not 0 <= precision <= 17:
        raise ValueError(f"{operation}: precision must be an int from 0 to 17, got {precision!r}")


def graph_nodes(operation: str, root: Value, max_nodes: int) -> list[Value]:
    """The nodes below ``root`` in topological order, refusing graphs too big to read."""
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise ValueError(f"{operation}: max_nodes must be a positive int, got {max_nodes!r}")
    order = topological_order(root)
    if len(order) > max_nodes:
        raise ValueError(
            f"{operation}: the graph has {len(order)} value nodes, more than "
            f"max_nodes={max_nodes}; a diagram that big cannot be read (and Graphviz would take "
            f"long to lay it out). Pass max_nodes={len(order)} or more to draw it anyway, draw "
            f"a smaller piece of it (one neuron, one data point), or draw a neural network "
            f"with viz.draw_model(model), which shows neurons and layers instead of scalars."
        )
    return order


def draw_dot(
    root: Value,
    rankdir: str = "LR",
    show_grad: bool = True,
    precision: int = 4,
    params: Any = None,
    title: str | None = None,
    color_by: str = "role",
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Diagram:
    """Draw the computation graph below ``root`` as a `graphviz.Digraph` (shown inline in Jupyter).

    Every value node shows its label (when set), ``data`` and, with ``show_grad``,
    ``grad`` to ``precision`` decimals; every op is a small node of its own (``+``,
    ``×``, ``tanh``, ``**2``, ...). ``rankdir`` "LR" draws left to right, "TB" top
    to bottom. Roles are coloured, with a legend: inputs, parameters (pass the model
    or a list of Values as ``params``), constants, intermediates, the output.

    ``color_by="grad"`` instead fills nodes, and colours and thickens edges, by
    |grad| on a log scale (colour bar in the legend); the role stays in the border.
    Graphs of more than ``max_nodes`` value nodes raise a ValueError.
    """
    check_options("draw_dot", root, rankdir, precision)
    if color_by not in COLOR_BY:
        raise ValueError(f"draw_dot: color_by must be one of {COLOR_BY}, got {color_by!r}")
    order = graph_nodes("draw_dot", root, max_nodes)
    roles = classify(order, root, parameter_set(params, "draw_dot"))
    grads = {node: node.grad for node in order}
    style = Style(rankdir, show_grad, precision, title, color_by)
    flows = edge_gradients(order, grads) if color_by == "grad" else None
    return build_diagram(order, root, roles, grads, style, edge_grads=flows)
