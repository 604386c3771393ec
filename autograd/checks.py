"""Argument checks shared by `autograd`, `nn` and `viz`: one wording for every "must be" error.

Each check returns the value converted (``int`` or ``float``) or raises a
ValueError that names the operation, the argument and the value given::

    positive_int(0, "nin", "Layer")   ->  Layer: nin must be a positive int, got 0

Bools are refused wherever a number is expected, except by `to_float`, which
converts what `Value` accepts (ints, floats, bools, numpy scalars) and raises a
TypeError naming the type for anything else. This module imports nothing from
the engine, so any package (and every module of the engine) can use it.
"""

from __future__ import annotations

import math
import numbers
import sys
from collections.abc import Iterable
from typing import TypeGuard, TypeVar

T = TypeVar("T")


def is_int(value: object, minimum: int | None = None) -> TypeGuard[numbers.Integral]:
    """Whether ``value`` is an integer (not a bool), at least ``minimum`` if given."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        return False
    return minimum is None or int(value) >= minimum


def is_real(value: object) -> TypeGuard[numbers.Real]:
    """Whether ``value`` is a finite real number (not a bool)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


def positive_int(value: object, name: str, op: str) -> int:
    """``value`` as an int >= 1: "{op}: {name} must be a positive int, got {value!r}"."""
    if not is_int(value, 1):
        raise ValueError(f"{op}: {name} must be a positive int, got {value!r}")
    return int(value)


def int_at_least(value: object, name: str, op: str, minimum: int) -> int:
    """``value`` as an int >= minimum: "{op}: {name} must be an int >= {minimum}, got ..."."""
    if not is_int(value, minimum):
        raise ValueError(f"{op}: {name} must be an int >= {minimum}, got {value!r}")
    return int(value)


def number_in(
    value: object,
    name: str,
    op: str,
    low: float = -math.inf,
    high: float = math.inf,
    *,
    low_open: bool = False,
    high_open: bool = True,
    noun: str = "a finite number",
) -> float:
    """``value`` as a finite float in [low, high); ``low_open`` / ``high_open`` pick the ends.

    The message reads "{op}: {name} must be {noun} >= {low}" for an unbounded
    interval, "... {noun} in [low, high)" otherwise; ``noun`` may be "".
    """
    if is_real(value):
        number = float(value)  # finite, so it converts
        above = number > low if low_open else number >= low
        below = number < high if high_open else number <= high
        if above and below:
            return number
    if high == math.inf:
        bound = f"{'>' if low_open else '>='} {low:g}"
    else:
        bound = f"in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
    wanted = f"{noun} {bound}" if noun else bound
    raise ValueError(f"{op}: {name} must be {wanted}, got {value!r}")


def one_of(value: T, choices: Iterable[T], name: str, op: str) -> T:
    """``value`` if it is one of ``choices``: "{op}: {name} must be one of (...), got ..."."""
    options = tuple(choices)
    if value not in options:
        raise ValueError(f"{op}: {name} must be one of {options!r}, got {value!r}")
    return value


def to_float(x: object, op: str) -> float:
    """``x`` as a float: ints, floats, bools and numpy scalars are accepted; anything else is a
    TypeError naming the type (the numeric policy of `Value`)."""
    if type(x) is float:
        return x
    if isinstance(x, numbers.Real):
        try:
            return float(x)
        except OverflowError:
            # (no repr of a huge int: past 4,300 digits Python refuses to write it)
            what = (
                f"an integer of ~{x.bit_length() * 0.30103:.0f} digits"
                if isinstance(x, int)
                else f"the number {x!r:.40}"
            )
            raise OverflowError(f"{op}: {what} is too large for a float") from None
    numpy = sys.modules.get("numpy")  # numpy scalars exist only if numpy is loaded
    if numpy is not None and isinstance(x, numpy.bool_):
        return float(x)
    raise TypeError(
        f"{op}: expected a real number (int, float, bool or numpy scalar) or a Value, "
        f"got {type(x).__name__}: {x!r}"
    )
