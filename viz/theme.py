"""How every picture looks: colours, fonts, the role of each node, the |grad| colour scale and
the legend. The one place where a node's colour lives.

Role colours come from the Okabe-Ito palette, which stays distinguishable for the common
forms of colour blindness: a light fill for the node, a strong border of the same hue, and
the strong colour again for the legend swatch.

Roles: the output is the root that was drawn; a parameter is a node passed in through
``params=`` (a model's ``.parameters()`` or a list of Values); a constant is a plain number
an op wrapped (``x * 2.0``: the 2.0); an input is any other leaf; every other result of an
op is an intermediate.

|grad| on a log scale (``color_by="grad"``): position t in [0, 1] of a magnitude m between
the smallest and largest nonzero |grad| of the picture is
t = (log10 m − log10 lo) / (log10 hi − log10 lo); exactly 0 gets its own grey.

The legend is drawn as the graph's own label, which keeps it out of the layout.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from autograd import Value

from .labels import escape, font, format_number, text_width
from .language import KOREAN_FONTS, get_language, tr

LATIN_FONT = "Helvetica,Arial,sans-serif"
KOREAN_FONT = ",".join(KOREAN_FONTS) + ",sans-serif"


def font_name() -> str:
    """The font of diagrams in the current language (Korean needs one with Hangul)."""
    return KOREAN_FONT if get_language() == "ko" else LATIN_FONT


FONT_SIZE = 12
SMALL_FONT_SIZE = 10
OP_FONT_SIZE = 14
TITLE_FONT_SIZE = 16
CAPTION_FONT_SIZE = 13
TEXT_COLOUR = "#1a1a1a"
MUTED_TEXT_COLOUR = "#9a9a9a"  # a gradient nothing has reached yet
EDGE_COLOUR = "#555555"


@dataclass(frozen=True)
class RoleStyle:
    """How a role looks: light fill, strong border, and the legend's wording."""

    fill: str
    border: str
    legend: str


ROLE_STYLES: dict[str, RoleStyle] = {
    "input": RoleStyle("#dcebf7", "#0072b2", "input"),
    "parameter": RoleStyle("#fbe8c4", "#e69f00", "parameter"),
    "constant": RoleStyle("#ececec", "#7f7f7f", "constant"),
    "intermediate": RoleStyle("#ffffff", "#4d4d4d", "intermediate"),
    "output": RoleStyle("#d3f0e4", "#009e73", "output"),
}

OP_FILL = "#f4f4f4"
OP_BORDER = "#8c8c8c"

# Backpropagation step by step: the node whose rule just ran, and what it added.
HIGHLIGHT = "#d55e00"
HIGHLIGHT_FILL = "#fbe1cf"

# |grad| on a log scale, small to large: pale yellow fades out, deep red stands out
# (ColorBrewer YlOrRd), so a vanishing gradient looks washed out.
GRAD_COLOURMAP = (
    "#ffffcc",
    "#ffeda0",
    "#fed976",
    "#feb24c",
    "#fd8d3c",
    "#fc4e2a",
    "#e31a1c",
    "#bd0026",
    "#800026",
)
ZERO_GRAD_FILL = "#f2f2f2"  # exactly 0 has no place on a log scale
ZERO_GRAD_EDGE = "#cccccc"

# draw_model: weight sign by hue, weight magnitude by width and opacity.
POSITIVE = "#0072b2"
NEGATIVE = "#d55e00"
NEURON_FILL = "#ffffff"
NEURON_BORDER = "#4d4d4d"


ROLES = ("input", "parameter", "constant", "intermediate", "output")


def parameter_set(params: Any, operation: str) -> set[Value]:
    """The Values named by ``params``: None, a model with ``.parameters()``, or an iterable."""
    if params is None:
        return set()
    if isinstance(params, Value):
        return {params}
    parameters = getattr(params, "parameters", None)
    if callable(parameters):
        params = parameters()
    if not isinstance(params, Iterable):
        raise TypeError(
            f"{operation}: params must be a model with .parameters() or a list of Values, "
            f"got {type(params).__name__}"
        )
    found: set[Value] = set()
    for i, p in enumerate(params):
        if not isinstance(p, Value):
            raise TypeError(
                f"{operation}: params[{i}] must be a Value, got {type(p).__name__}: {p!r}"
            )
        found.add(p)
    return found


def role_of(node: Value, root: Value, parameters: set[Value]) -> str:
    """The role of one node (see the module docstring for the rules, in order)."""
    if node is root:
        return "output"
    if node in parameters:
        return "parameter"
    if node.parents:
        return "intermediate"
    if node.is_constant:
        return "constant"
    return "input"


def classify(order: list[Value], root: Value, parameters: set[Value]) -> dict[Value, str]:
    """The role of every node of ``order``."""
    return {node: role_of(node, root, parameters) for node in order}


# A picture spans at most this many decades; anything smaller is drawn as the
# floor, so one 1e-300 does not squash every other gradient into one colour.
MAX_DECADES = 12.0


def _hex_to_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def interpolate(colours: tuple[str, ...], t: float) -> str:
    """The colour at position ``t`` in [0, 1] of a piecewise-linear colour map."""
    t = min(max(t, 0.0), 1.0)
    scaled = t * (len(colours) - 1)
    i = min(int(scaled), len(colours) - 2)
    frac = scaled - i
    lo, hi = _hex_to_rgb(colours[i]), _hex_to_rgb(colours[i + 1])
    r, g, b = (round(x + (y - x) * frac) for x, y in zip(lo, hi))
    return f"#{r:02x}{g:02x}{b:02x}"


def is_dark(colour: str) -> bool:
    """True when black text would be hard to read on ``colour`` (relative luminance < 0.35)."""
    r, g, b = (c / 255.0 for c in _hex_to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.35


class LogScale:
    """Maps |grad| to [0, 1] on a log scale fitted to the given gradients."""

    def __init__(self, grads: Iterable[float]) -> None:
        magnitudes = [abs(g) for g in grads if g != 0.0 and math.isfinite(g)]
        if magnitudes:
            self.hi = max(magnitudes)
            self.lo = max(min(magnitudes), self.hi * 10.0**-MAX_DECADES)
        else:
            self.hi = self.lo = 1.0
        self.empty = not magnitudes

    def position(self, grad: float) -> float | None:
        """Where |grad| sits on the scale, in [0, 1]; None for a gradient of exactly 0."""
        if grad == 0.0:
            return None
        magnitude = abs(grad)
        if not math.isfinite(magnitude):
            return 1.0
        if self.hi == self.lo:
            return 1.0
        span = math.log10(self.hi) - math.log10(self.lo)
        return min(max((math.log10(magnitude) - math.log10(self.lo)) / span, 0.0), 1.0)

    def fill(self, grad: float) -> str:
        """The node fill for a gradient."""
        t = self.position(grad)
        return ZERO_GRAD_FILL if t is None else interpolate(GRAD_COLOURMAP, t)

    def edge(self, grad: float) -> tuple[str, float]:
        """Edge colour and pen width for the gradient flowing along an edge.

        Edges use the darker upper part of the map, so even the faintest stays visible
        on white; width grows from 0.6 to 4 points with t.
        """
        t = self.position(grad)
        if t is None:
            return ZERO_GRAD_EDGE, 0.6
        return interpolate(GRAD_COLOURMAP, 0.3 + 0.7 * t), 0.6 + 3.4 * t

    def ticks(self, cells: int) -> list[tuple[float, str]]:
        """``cells`` evenly spaced magnitudes from lo to hi (log scale), with their colours."""
        if self.hi == self.lo:
            return [(self.hi, interpolate(GRAD_COLOURMAP, 1.0))]
        log_lo, log_hi = math.log10(self.lo), math.log10(self.hi)
        out = []
        for i in range(cells):
            t = i / (cells - 1)
            out.append((10.0 ** (log_lo + t * (log_hi - log_lo)), interpolate(GRAD_COLOURMAP, t)))
        return out


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
    return text_width(text, SMALL_FONT_SIZE) + 6


def _swatch(fill: str, border: str) -> str:
    return (
        f'<TD BGCOLOR="{fill}" COLOR="{border}" BORDER="2" WIDTH="{SWATCH_WIDTH}" HEIGHT="12" '
        f'FIXEDSIZE="TRUE" CELLPADDING="0"></TD>'
    )


def role_legend(roles: list[str], border_only: bool = False) -> str:
    """One row: a swatch and a name per role (a border-only swatch when fills show |grad|)."""
    cells, width = [], 0
    for role in roles:
        style = ROLE_STYLES[role]
        fill = "#ffffff" if border_only else style.fill
        cells.append(_swatch(fill, style.border))
        name = tr(style.legend)
        cells.append(f'<TD ALIGN="LEFT">{font(escape(name), size=SMALL_FONT_SIZE)}</TD>')
        cells.append(f'<TD WIDTH="{GAP}"></TD>')
        width += SWATCH_WIDTH + _text_cell_width(name) + GAP + 3 * 4
    return _row(cells, width, 2)


def colour_bar(scale: LogScale, precision: int) -> str:
    """One row: |grad| from the smallest to the largest on a log scale, and the grey of 0."""
    small = SMALL_FONT_SIZE
    label = escape(tr("|grad|, log scale:"))
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
    cells.append(_swatch(ZERO_GRAD_FILL, "#bbbbbb"))
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
        rows.append(f"<TR><TD>{font(escape(title), size=TITLE_FONT_SIZE, bold=True)}</TD></TR>")
    if caption:
        width = f' WIDTH="{caption_width}" FIXEDSIZE="FALSE"' if caption_width else ""
        text = '<BR ALIGN="LEFT"/>'.join(
            font(escape(line), size=CAPTION_FONT_SIZE) for line in caption
        )
        rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"{width}>{text}<BR ALIGN="LEFT"/></TD></TR>')
    rows.append(
        f'<TR><TD ALIGN="CENTER">{role_legend(roles, border_only=scale is not None)}</TD></TR>'
    )
    if scale is not None:
        rows.append(f'<TR><TD ALIGN="CENTER">{colour_bar(scale, precision)}</TD></TR>')
    table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">'
    return f"<{table}{''.join(rows)}</TABLE>>"
