"""Turning a vector of numbers or Values into Values, with errors that name the op."""

from __future__ import annotations

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
            values.append(Value(item, f"{label}{i}" if label else ""))
        else:
            raise TypeError(
                f"{op}: {what} {i} must be a number or a Value, got {type(item).__name__}: {item!r}"
            )
    return values
