"""Small helpers for Graphviz HTML-like labels (``label=<...>``)."""

from __future__ import annotations

import html
import math


def escape(text: str) -> str:
    """Text made safe inside an HTML-like label."""
    return html.escape(text, quote=True).replace("&#x27;", "&#39;")


def text_width(text: str, font_size: float, bold: bool = False) -> int:
    """A generous estimate of the rendered width of ``text`` in points.

    Used to give a cell the same fixed width in every frame of an animation,
    so that nodes do not jump from one frame to the next.
    """
    per_char = (0.6 if bold else 0.56) * font_size
    return math.ceil(per_char * len(text))


def font(
    text: str, colour: str | None = None, size: float | None = None, bold: bool = False
) -> str:
    """``text`` (already escaped) in a FONT tag, bold when asked."""
    attrs = ""
    if colour:
        attrs += f' COLOR="{colour}"'
    if size:
        attrs += f' POINT-SIZE="{size:g}"'
    inner = f"<B>{text}</B>" if bold else text
    return f"<FONT{attrs}>{inner}</FONT>" if attrs else inner
