"""Turning a vector of numbers or Values into Values, with errors that name the op."""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

from autograd import Value


def to_values(items: Sequence[Any], op: str, what: str, label: str = "") -> list[Value]:
    """Values pass through; numbers become leaves (labelled ``label0, label1, ...`` if given).

    Anything else is a TypeError naming the op, the item (``what`` and its index) and its type.
    """
    values = []
    for i, item in enumerate(items):
        if isinstance(item, Value):
            values.append(item)
        elif isinstance(item, numbers.Real):
            if not _is_finite(item):
                raise ValueError(f"{op}: {what} {i} is {item!r:.40}; it must be a finite number")
            values.append(Value(item, f"{label}{i}" if label else ""))
        else:
            raise TypeError(
                f"{op}: {what} {i} must be a number or a Value, got {type(item).__name__}: {item!r}"
            )
    return values


def _is_finite(x: Any) -> bool:
    """math.isfinite, and False for an int too large for a float."""
    try:
        return math.isfinite(x)
    except OverflowError:
        return False
