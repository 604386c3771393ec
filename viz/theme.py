"""Colours and fonts of every diagram: the one place where a node's colour lives.

Role colours come from the Okabe-Ito palette, which stays distinguishable for
the common forms of colour blindness: a light fill for the node, a strong
border of the same hue, and the strong colour again for the legend swatch.
"""

from __future__ import annotations

from dataclasses import dataclass

FONT = "Helvetica,Arial,sans-serif"
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
ROLE_ORDER = ("input", "parameter", "constant", "intermediate", "output")

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
