"""The computation-graph picture itself, shared by `draw_dot` and `backprop_steps`.

Each Value is a rounded box (label, data, grad) coloured by its role; each op is
its own small oval with a readable symbol, between its inputs and its result.
Node names come from the topological order (``v0``, ``v1``, ... and ``v3_op``),
never from ``id()``, so the same graph always gives the same DOT text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from autograd import Value

from . import theme
from .grad_scale import LogScale, is_dark
from .html_labels import escape, font
from .legend import header
from .number_format import format_number
from .render import Diagram
from .roles import ROLES
from .symbols import ORDERED_OPS, op_symbol, operand_names


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
    if node.label:
        cells.append(f"<TD>{font(escape(node.label), text_colour, bold=True)}</TD>")
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
    return (
        f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="5" '
        f'COLUMNS="*" COLOR="{separator}"><TR>{"".join(cells)}</TR></TABLE>>'
    )


def build_diagram(
    order: list[Value],
    root: Value,
    roles: dict[Value, str],
    grads: dict[Value, float],
    style: Style,
    edge_grads: dict[tuple[Value, int], float] | None = None,
    highlight: Highlight | None = None,
) -> Diagram:
    """The Digraph of the nodes in ``order`` showing ``grads`` (see the module docstring)."""
    names = {node: f"v{i}" for i, node in enumerate(order)}
    scale = LogScale(grads.values()) if style.color_by == "grad" else None
    graph = Diagram(name="computation_graph")
    graph.attr(
        rankdir=style.rankdir,
        bgcolor="white",
        fontname=theme.FONT,
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
        "node", fontname=theme.FONT, fontsize=str(theme.FONT_SIZE), fontcolor=theme.TEXT_COLOUR
    )
    graph.attr("edge", color=theme.EDGE_COLOUR, arrowsize="0.7", fontname=theme.FONT)

    ran = highlight.node if highlight else None
    receivers = set(ran.parents) if ran is not None else set()

    for node in order:
        name = names[node]
        role_style = theme.ROLE_STYLES[roles[node]]
        grad = grads[node]
        fill = scale.fill(grad) if scale else role_style.fill
        border, border_width, added = role_style.border, 1.2, None
        if scale:
            border_width = 2.5  # in gradient colours the role lives in the border
        if node is ran:
            border, border_width = theme.HIGHLIGHT, 3.5
        elif highlight is not None and node in receivers:
            border, border_width = theme.HIGHLIGHT, 2.5
            added = added_text(highlight, node, style.precision)
        muted = highlight is not None and node not in highlight.reached
        graph.node(
            name,
            value_label(node, grad, style, fill, role_style.border, added, muted),
            shape="box",
            style="rounded,filled",
            fillcolor=fill,
            color=border,
            penwidth=f"{border_width:g}",
            margin="0",
            tooltip=f"{node.label or name}: data={node.data!r} grad={grad!r} ({roles[node]})",
        )
        if not node.parents:
            continue
        op_name = f"{name}_op"
        op_fill, op_border, op_width = theme.OP_FILL, theme.OP_BORDER, "1"
        if node is ran:
            op_fill, op_border, op_width = theme.HIGHLIGHT_FILL, theme.HIGHLIGHT, "2.5"
        graph.node(
            op_name,
            escape(op_symbol(node.op)),
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
        graph.edge(op_name, name, **_edge_style(scale, grad, node is ran))
        names_of_inputs = operand_names(len(node.parents))
        for i, parent in enumerate(node.parents):
            attrs = _edge_style(scale, (edge_grads or {}).get((node, i), grad), node is ran)
            if node.op in ORDERED_OPS:
                attrs.update(headlabel=names_of_inputs[i], labelfontsize="9", labeldistance="1.6")
            graph.edge(names[parent], op_name, **attrs)
    return graph


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


def _edge_style(scale: LogScale | None, grad: float, highlighted: bool) -> dict[str, str]:
    if highlighted:
        return {"color": theme.HIGHLIGHT, "penwidth": "2.5"}
    if scale is None:
        return {}
    colour, width = scale.edge(grad)
    return {"color": colour, "penwidth": f"{width:.2f}"}
