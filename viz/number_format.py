"""Numbers as a diagram shows them."""

from __future__ import annotations

import math


def format_number(x: float, precision: int) -> str:
    """``x`` with ``precision`` decimals, switching to scientific notation where fixed
    point would lie: a tiny gradient (1.2e-07) must not read as 0.0000, and a huge
    value should not spill across the node. Minus signs are typographic (U+2212).
    """
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    magnitude = abs(x)
    if x != 0.0 and (magnitude < 0.5 * 10.0**-precision or magnitude >= 1e6):
        text = f"{x:.{max(precision - 1, 1)}e}"
    else:
        text = f"{x:.{precision}f}"
        if text.lstrip("-").strip("0.") == "":  # -0.0000 reads as a sign error
            text = text.lstrip("-")
    return text.replace("-", "−")
