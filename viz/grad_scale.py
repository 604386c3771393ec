"""|grad| on a log scale, mapped to colours: how `color_by="grad"` shows gradient flow.

Position t in [0, 1] of a magnitude m between the smallest and largest nonzero
|grad| of the picture:  t = (log10 m − log10 lo) / (log10 hi − log10 lo).
A gradient of exactly 0 sits outside the scale and gets its own grey.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from . import theme

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
        return theme.ZERO_GRAD_FILL if t is None else interpolate(theme.GRAD_COLOURMAP, t)

    def edge(self, grad: float) -> tuple[str, float]:
        """Edge colour and pen width for the gradient flowing along an edge.

        Edges use the darker upper part of the map, so even the faintest stays visible
        on white; width grows from 0.6 to 4 points with t.
        """
        t = self.position(grad)
        if t is None:
            return theme.ZERO_GRAD_EDGE, 0.6
        return interpolate(theme.GRAD_COLOURMAP, 0.3 + 0.7 * t), 0.6 + 3.4 * t

    def ticks(self, cells: int) -> list[tuple[float, str]]:
        """``cells`` evenly spaced magnitudes from lo to hi (log scale), with their colours."""
        if self.hi == self.lo:
            return [(self.hi, interpolate(theme.GRAD_COLOURMAP, 1.0))]
        log_lo, log_hi = math.log10(self.lo), math.log10(self.hi)
        out = []
        for i in range(cells):
            t = i / (cells - 1)
            out.append(
                (10.0 ** (log_lo + t * (log_hi - log_lo)), interpolate(theme.GRAD_COLOURMAP, t))
            )
        return out
