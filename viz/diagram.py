"""Computation-graph diagrams: `draw_dot`, the `Diagram` class it returns, and `save`.

Each Value is a rounded box (label, data, grad) coloured by its role; each op is its own
small oval with a readable symbol, between its inputs and its result. Node names come from
the topological order (``v0``, ``v1``, ... and ``v3_op``), never from ``id()``, so the same
graph always gives the same DOT text.

A `Diagram` is a `graphviz.Digraph` whose rendering methods (``pipe``, ``render``, ``view``,
``unflatten``) turn graphviz's bare ``ExecutableNotFound`` into a `GraphvizNotFoundError`
saying how to install Graphviz. Its ``.source`` (the DOT text) needs no Graphviz at all, and
nor does its Jupyter display: without ``dot`` it is laid out in the browser by Graphviz
compiled to WebAssembly (`viz.wasm`).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import graphviz

from autograd import Value, topological_order
from autograd.checks import is_int, one_of, positive_int

from . import theme, wasm
from .flow import Flow, flow_at
from .labels import chain_product, escape, escape_dot, font, format_number, op_text, short_label
from .language import tr
from .theme import ROLES, LogScale, classify, header, is_dark, parameter_set

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
        except OSError as error:
            if sys.platform != "emscripten":
                raise
            # Python in the browser (Pyodide, JupyterLite) cannot start any program.
            raise GraphvizNotFoundError(f"this Python runs in a browser: {error}") from None

    return wrapper  # type: ignore[return-value]


class Diagram(graphviz.Digraph):
    """A `graphviz.Digraph` raising `GraphvizNotFoundError` when ``dot`` is missing."""

    pipe = _explain_missing_dot(graphviz.Digraph.pipe)
    render = _explain_missing_dot(graphviz.Digraph.render)
    view = _explain_missing_dot(graphviz.Digraph.view)
    unflatten = _explain_missing_dot(graphviz.Digraph.unflatten)

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None, **kwargs: Any
    ) -> dict[str, Any]:
        """Jupyter's display: the SVG from ``dot``; without ``dot``, an HTML output that
        Graphviz-in-WebAssembly lays out in the browser (`viz.wasm`), with a note saying so."""
        try:
            return super()._repr_mimebundle_(include, exclude, **kwargs)
        except GraphvizNotFoundError:
            return wasm.mimebundle([self.source], self.engine, repr(self))

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
    Without Graphviz's ``dot``, an SVG is written by Graphviz in WebAssembly under Node.js
    when ``node`` is installed; otherwise (and for PNG and PDF) `GraphvizNotFoundError`
    says how to install Graphviz.
    """
    if not isinstance(graph, (graphviz.Digraph, graphviz.Graph, graphviz.Source)):
        raise TypeError(
            f"save: expected a graphviz graph (as draw_dot returns), got {type(graph).__name__}"
        )
    fmt = format_for(path)
    if fmt == "png" and isinstance(graph, (graphviz.Digraph, graphviz.Graph)):
        graph = graph.copy()
        graph.graph_attr["dpi"] = str(int(dpi))
    try:
        data = graph.pipe(format=fmt)
    except graphviz.ExecutableNotFound as error:
        # No dot: an SVG can still be made by Graphviz in WebAssembly where Node.js is.
        svg = wasm.node_svg(graph.source, graph.engine) if fmt == "svg" else None
        if svg is None:
            raise GraphvizNotFoundError(str(error)) from None
        data = svg.encode("utf-8")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


@dataclass
class Style:
    """The options that shape a picture."""

    rankdir: str = "LR"
    show_grad: bool = True
    precision: int = 4
    title: str | None = None
    color_by: str = "role"
    # Fixed cell widths in points (backprop frames share one layout); None: natural size.
    data_width: int | None = None
    grad_width: int | None = None
    caption_width: int | None = None
    # One name per node (`viz.names`) drawn in its label cell; None: labels only.
    names: dict[Value, str] | None = None
    tooltips: bool = True  # the explorer writes its own, which follow the step
    separators: bool = True  # rules between a node's cells


@dataclass
class Highlight:
    """Backprop step by step: the node whose rule just ran and what it added to each input."""

    node: Value | None  # None before the first rule runs
    added: tuple[float, ...]
    caption: list[str]
    reached: set[Value] = field(default_factory=set)  # nodes some gradient has arrived at


def value_label(
    node: Value,
    grad: float,
    style: Style,
    fill: str,
    separator: str,
    added: str | None = None,
    muted_grad: bool = False,
) -> str:
    """The HTML-like label of one value node: [label] | data ... | grad ...

    The node's outline is the Graphviz shape around this table, so a thicker
    outline (highlighting) never changes the node's size or the layout.
    """
    text_colour = "#ffffff" if is_dark(fill) else theme.TEXT_COLOUR
    cells = []
    name = short_label(style.names[node]) if style.names is not None else node.label
    if name:
        cells.append(f"<TD>{font(escape(name), text_colour, bold=True)}</TD>")
    data_text = escape(f"data {format_number(node.data, style.precision)}")
    width = f' WIDTH="{style.data_width}"' if style.data_width else ""
    cells.append(f"<TD{width}>{font(data_text, text_colour)}</TD>")
    if style.show_grad:
        grad_text = escape(f"grad {format_number(grad, style.precision)}")
        width = f' WIDTH="{style.grad_width}" ALIGN="LEFT"' if style.grad_width else ""
        colour = theme.MUTED_TEXT_COLOUR if muted_grad else text_colour
        text = font(grad_text, colour)
        if added is not None:  # what the rule that just ran added to this grad
            text = font(f"{grad_text} {escape(added)}", theme.HIGHLIGHT, bold=True)
        cells.append(f"<TD{width}>{text}</TD>")
    rules = f' COLUMNS="*" COLOR="{separator}"' if style.separators else ""
    return (
        f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="5"{rules}>'
        f"<TR>{''.join(cells)}</TR></TABLE>>"
    )


def build_diagram(
    order: list[Value],
    root: Value,
    roles: dict[Value, str],
    grads: dict[Value, float],
    style: Style,
    flow: Flow | None = None,
    highlight: Highlight | None = None,
    shade_edges: bool = False,
) -> Diagram:
    """The Digraph of the nodes in ``order`` showing ``grads`` (see the module docstring).

    ``flow`` (default: the flow the nodes' ``grads`` make) gives the tooltips their
    chain-rule arithmetic and, with ``shade_edges``, each edge the colour of what it carries.
    """
    if flow is None and (style.tooltips or shade_edges):
        flow = flow_at(root, order, grads)
    names = {node: f"v{i}" for i, node in enumerate(order)}
    scale = LogScale(grads.values()) if style.color_by == "grad" else None
    graph = Diagram(name="computation_graph")
    graph.attr(
        rankdir=style.rankdir,
        bgcolor="white",
        fontname=theme.font_name(),
        nodesep="0.25",
        ranksep="0.4",
        labelloc="t",
        label=header(
            style.title,
            [role for role in ROLES if role in set(roles.values())],
            scale,
            style.precision,
            highlight.caption if highlight else None,
            style.caption_width,
        ),
    )
    graph.attr(
        "node",
        fontname=theme.font_name(),
        fontsize=str(theme.FONT_SIZE),
        fontcolor=theme.TEXT_COLOUR,
    )
    graph.attr("edge", color=theme.EDGE_COLOUR, arrowsize="0.7", fontname=theme.font_name())

    ran = highlight.node if highlight else None

    for node in order:
        name = names[node]
        paint = value_paint(node, roles[node], grads[node], scale, highlight)
        tooltip = {}
        if style.tooltips:
            lines = grad_tooltip(node, roles[node], flow, grads[node], style)
            tooltip["tooltip"] = "\\n".join(escape_dot(line) for line in lines)
        added = None
        if highlight is not None and ran is not None and node is not ran and node in ran.parents:
            added = added_text(highlight, node, style.precision)
        graph.node(
            name,
            value_label(
                node, grads[node], style, paint.fill, paint.separator, added, paint.muted_grad
            ),
            id=name,
            shape="box",
            style="rounded,filled",
            fillcolor=paint.fill,
            color=paint.border,
            penwidth=f"{paint.width:g}",
            margin="0",
            **tooltip,
        )
        if not node.parents:
            continue
        op_name = f"{name}_op"
        text = op_text(node)
        op_fill, op_border, op_width = op_paint(node is ran)
        graph.node(
            op_name,
            escape(text.symbol),
            id=op_name,
            shape="ellipse",
            style="filled",
            fillcolor=op_fill,
            color=op_border,
            penwidth=op_width,
            fontsize=str(theme.OP_FONT_SIZE),
            margin="0.05,0.02",
            height="0.3",
            width="0.3",
        )
        grad = grads[node]
        graph.edge(op_name, name, id=f"{op_name}__{name}", **edge_style(scale, grad, node is ran))
        for i, parent in enumerate(node.parents):
            carried = flow.edge_amount(node, i) if flow is not None and shade_edges else None
            attrs = edge_style(scale, grad if carried is None else carried, node is ran)
            if text.ordered:
                attrs.update(headlabel=text.operands[i], labelfontsize="9", labeldistance="1.6")
            graph.edge(names[parent], op_name, id=edge_id(names[parent], op_name, i), **attrs)
    return graph


def edge_id(parent: str, op_name: str, index: int) -> str:
    """The SVG id of the edge from a value node into operand ``index`` of an op node."""
    return f"{parent}__{op_name}__{index}"


@dataclass(frozen=True)
class NodePaint:
    """How one value node is coloured: fill, outline, and whether its grad is greyed out."""

    fill: str
    border: str
    width: float
    separator: str
    text: str
    muted_grad: bool


def value_paint(
    node: Value, role: str, grad: float, scale: LogScale | None, highlight: Highlight | None
) -> NodePaint:
    """The colours of a value node: its role's (or |grad|'s, with a scale), outlined in the
    highlight colour when its rule just ran or it just received a gradient."""
    role_style = theme.ROLE_STYLES[role]
    fill = scale.fill(grad) if scale else role_style.fill
    border, width = role_style.border, 2.5 if scale else 1.2
    ran = highlight.node if highlight else None
    if node is ran:
        border, width = theme.HIGHLIGHT, 3.5
    elif ran is not None and node in ran.parents:
        border, width = theme.HIGHLIGHT, 2.5
    muted = highlight is not None and node not in highlight.reached
    text = "#ffffff" if is_dark(fill) else theme.TEXT_COLOUR
    return NodePaint(fill, border, width, role_style.border, text, muted)


def op_paint(ran: bool) -> tuple[str, str, str]:
    """Fill, outline and outline width of an op node (highlighted when its rule just ran)."""
    if ran:
        return theme.HIGHLIGHT_FILL, theme.HIGHLIGHT, "2.5"
    return theme.OP_FILL, theme.OP_BORDER, "1"


def grad_tooltip(node: Value, role: str, flow: Flow, grad: float, style: Style) -> list[str]:
    """The hover text of a value node: data, grad, and the chain-rule arithmetic behind the
    grad (the sum of what every node using it sends back, sender by sender, in step order)."""
    p = style.precision
    names = style.names
    name = names[node] if names is not None else node.label or "this node"
    lines = [f"{name} ({tr(role)}): data = {format_number(node.data, p)}"]
    grad_text = format_number(grad, p)
    if node is flow.root:
        lines.append(f"grad = {grad_text}: " + tr("backward() starts here"))
        return lines
    parts = []
    for step, send in flow.received(node):
        user = step.node
        text = op_text(user)
        out = names[user] if names is not None else user.label or "out"
        if send.constant:
            lines.append(
                tr(
                    "  from {out} ({symbol}): a constant, its gradient is not needed",
                    out=out,
                    symbol=text.symbol,
                )
            )
            continue
        wrt = names[node] if names is not None else node.label or text.operands[send.index]
        value = "?" if send.amount is None else format_number(send.amount, p)
        local = "?" if send.slope is None else format_number(send.slope, p)
        parts.append(value)
        grad_in = format_number(step.grad, p)
        lines.append(
            f"  from {out} ({text.symbol}): " + chain_product(out, wrt, grad_in, local, value)
        )
    if parts:
        lines.insert(1, f"grad = {' + '.join(parts)} = {grad_text}")
    else:
        lines.append(f"grad = {grad_text}")
    return lines


def added_text(highlight: Highlight, receiver: Value, precision: int) -> str:
    """``(+= 0.5)``: what the rule that just ran added to ``receiver``'s grad (summed when
    it is both inputs, as in ``x * x``)."""
    assert highlight.node is not None
    total = sum(
        amount
        for parent, amount in zip(highlight.node.parents, highlight.added)
        if parent is receiver
    )
    return f"(+= {format_number(total, precision)})"


def edge_style(scale: LogScale | None, grad: float, highlighted: bool) -> dict[str, str]:
    if highlighted:
        return {"color": theme.HIGHLIGHT, "penwidth": "2.5"}
    if scale is None:
        return {}
    colour, width = scale.edge(grad)
    return {"color": colour, "penwidth": f"{width:.2f}"}


DEFAULT_MAX_NODES = 400
RANKDIRS = ("LR", "TB", "RL", "BT")
COLOR_BY = ("role", "grad")


def check_options(operation: str, root: Any, rankdir: str, precision: int) -> None:
    """Refuse bad arguments shared by the drawing functions, naming the value."""
    if not isinstance(root, Value):
        raise TypeError(f"{operation}: root must be a Value, got {type(root).__name__}: {root!r}")
    one_of(rankdir, RANKDIRS, "rankdir", operation)
    if not is_int(precision, 0) or precision > 17:
        raise ValueError(f"{operation}: precision must be an int from 0 to 17, got {precision!r}")


def graph_nodes(operation: str, root: Value, max_nodes: int) -> list[Value]:
    """The nodes below ``root`` in topological order, refusing graphs too big to read."""
    positive_int(max_nodes, "max_nodes", operation)
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
    one_of(color_by, COLOR_BY, "color_by", "draw_dot")
    order = graph_nodes("draw_dot", root, max_nodes)
    roles = classify(order, root, parameter_set(params, "draw_dot"))
    grads = {node: node.grad for node in order}
    style = Style(rankdir, show_grad, precision, title, color_by)
    return build_diagram(order, root, roles, grads, style, shade_edges=color_by == "grad")
