"""The header of a diagram: title, caption and legend, drawn as the graph's own label.

Putting it in the graph label (not in a node) keeps it out of the layout: the
graph is drawn the same with or without it, and it never counts as a node.
"""

from __future__ import annotations

from . import theme
from .grad_scale import LogScale
from .html_labels import escape, font, text_width
from .number_format import format_number

COLOUR_BAR_CELLS = 9
SWATCH_WIDTH = 18
CELL_WIDTH = 16
GAP = 8


def _row(cells: list[str], width: int, spacing: int) -> str:
    """A one-row table of a fixed width: a nested table would otherwise be stretched to the
    width of the widest header row, spreading its cells apart."""
    return (
        f'<TABLE FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="18" BORDER="0" CELLBORDER="0" '
        f'CELLSPACING="{spacing}" CELLPADDING="1"><TR>{"".join(cells)}</TR></TABLE>'
    )


def _text_cell_width(text: str) -> int:
    return text_width(text, theme.SMALL_FONT_SIZE) + 6


def _swatch(fill: str, border: str) -> str:
    return (
        f'<TD BGCOLOR="{fill}" COLOR="{border}" BORDER="2" WIDTH="{SWATCH_WIDTH}" HEIGHT="12" '
        f'FIXEDSIZE="TRUE" CELLPADDING="0"></TD>'
    )


def role_legend(roles: list[str], border_only: bool = False) -> str:
    """One row: a swatch and a name per role (a border-only swatch when fills show |grad|)."""
    cells, width = [], 0
    for role in roles:
        style = theme.ROLE_STYLES[role]
        fill = "#ffffff" if border_only else style.fill
        cells.append(_swatch(fill, style.border))
        cells.append(
            f'<TD ALIGN="LEFT">{font(escape(style.legend), size=theme.SMALL_FONT_SIZE)}</TD>'
        )
        cells.append(f'<TD WIDTH="{GAP}"></TD>')
        width += SWATCH_WIDTH + _text_cell_width(style.legend) + GAP + 3 * 4
    return _row(cells, width, 2)


def colour_bar(scale: LogScale, precision: int) -> str:
    """One row: |grad| from the smallest to the largest on a log scale, and the grey of 0."""
    small = theme.SMALL_FONT_SIZE
    label = "|grad|, log scale:"
    cells = [f'<TD ALIGN="RIGHT">{font(label, size=small)}</TD>']
    width = _text_cell_width(label) + SWATCH_WIDTH + _text_cell_width("0") + 3 * 3
    if not scale.empty:
        ticks = scale.ticks(COLOUR_BAR_CELLS)
        lo_text = format_number(ticks[0][0], min(precision, 2))
        hi_text = format_number(ticks[-1][0], min(precision, 2))
        cells.append(f"<TD>{font(escape(lo_text), size=small)}</TD>")
        for _, colour in ticks:
            cells.append(
                f'<TD BGCOLOR="{colour}" BORDER="0" WIDTH="{CELL_WIDTH}" HEIGHT="12" '
                f'FIXEDSIZE="TRUE" CELLPADDING="0"></TD>'
            )
        cells.append(f"<TD>{font(escape(hi_text), size=small)}</TD>")
        cells.append(f'<TD WIDTH="{GAP}"></TD>')
        width += _text_cell_width(lo_text) + _text_cell_width(hi_text) + GAP
        width += len(ticks) * (CELL_WIDTH + 3) + 3 * 3
    cells.append(_swatch(theme.ZERO_GRAD_FILL, "#bbbbbb"))
    cells.append(f'<TD ALIGN="LEFT">{font("0", size=small)}</TD>')
    return _row(cells, width, 1)


def header(
    title: str | None,
    roles: list[str],
    scale: LogScale | None = None,
    precision: int = 4,
    caption: list[str] | None = None,
    caption_width: int | None = None,
) -> str:
    """The whole header as an HTML-like label: title, caption lines, role legend, colour bar.

    ``caption_width`` fixes the caption's width in points so that a series of
    frames (backprop steps) keeps one layout.
    """
    rows = []
    if title:
        rows.append(
            f"<TR><TD>{font(escape(title), size=theme.TITLE_FONT_SIZE, bold=True)}</TD></TR>"
        )
    if caption:
        width = f' WIDTH="{caption_width}" FIXEDSIZE="FALSE"' if caption_width else ""
        text = '<BR ALIGN="LEFT"/>'.join(
            font(escape(line), size=theme.CAPTION_FONT_SIZE) for line in caption
        )
        rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"{width}>{text}<BR ALIGN="LEFT"/></TD></TR>')
    rows.append(
        f'<TR><TD ALIGN="CENTER">{role_legend(roles, border_only=scale is not None)}</TD></TR>'
    )
    if scale is not None:
        rows.append(f'<TR><TD ALIGN="CENTER">{colour_bar(scale, precision)}</TD></TR>')
    table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">'
    return f"<{table}{''.join(rows)}</TABLE>>"
