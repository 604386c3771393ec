"""Text as the pictures show it: numbers, Graphviz HTML-like labels, and each op's symbol and
derivative, read from the op table (`autograd.ops`).
"""

from __future__ import annotations

import functools
import html
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from autograd import Value, ops


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


MAX_LABEL = 24  # characters a node's name may take in the explorer's picture


def short_label(text: str, limit: int = MAX_LABEL) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (the full text goes in a tooltip),
    so that one long label cannot stretch the picture."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _visible_controls(text: str) -> str:
    """Control characters (a newline, a tab, ...) as their Unicode pictures: ␊, ␉, ␁.

    Graphviz's parsers choke on them in labels; shown as pictures, a label renders as typed.
    """
    return "".join(
        chr(0x2400 + ord(ch)) if ord(ch) < 0x20 else "␡" if ord(ch) == 0x7F else ch for ch in text
    )


def escape(text: str) -> str:
    """Text made safe inside an HTML-like label: markup characters, ``]`` and backslashes as
    entities, control characters as their pictures, so that it renders as typed."""
    text = html.escape(_visible_controls(text), quote=True).replace("&#x27;", "&#39;")
    # Graphviz expands \N and \G even in HTML labels (a doubled backslash shows one), and
    # misreads a lone "]"
    return text.replace("]", "&#93;").replace("\\", "\\\\")


def escape_dot(text: str) -> str:
    """Text made safe inside a quoted DOT string (a tooltip): a backslash stays a backslash
    (``\\N`` would otherwise become the node's name), control characters become pictures.

    Graphviz reads a tooltip's escapes twice (the DOT string, then \\N, \\G, ...), so one
    backslash takes four.
    """
    return _visible_controls(text).replace("\\", "\\" * 4)


def text_width(text: str, font_size: float, bold: bool = False) -> int:
    """A generous estimate of the rendered width of ``text`` in points.

    Used to give a cell the same fixed width in every frame of an animation,
    so that nodes do not jump from one frame to the next. A wide character
    (Hangul, CJK) counts a whole em, the others a bit over half of one.
    """
    per_char = (0.6 if bold else 0.56) * font_size
    wide = sum(unicodedata.east_asian_width(ch) in "WF" for ch in text)
    return math.ceil(per_char * (len(text) - wide) + 1.05 * font_size * wide)


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


def chain_product(out: str, wrt: str, grad: str, slope: str, amount: str) -> str:
    """One use of the chain rule, as every caption and tooltip writes it:
    ``out.grad × ∂out/∂wrt = grad × slope = amount`` (names and numbers already written)."""
    return f"{out}.grad × ∂{out}/∂{wrt} = {grad} × {slope} = {amount}"


@dataclass(frozen=True)
class OpText:
    """How pictures and captions name one node's op, read from its entry in `autograd.ops`."""

    symbol: str  # what the op node shows: ×, tanh, **2, ...
    operands: tuple[str, ...]  # how captions call its inputs: x, or a and b
    derivatives: tuple[str, ...]  # ∂out/∂x = 1 − out², one per input
    latex: tuple[str, ...]  # the same derivatives in LaTeX, right-hand sides only
    ordered: bool  # a two-input op whose operand order matters (its edges say a and b)


def op_text(node: Value, names: dict[str, str] | None = None) -> OpText:
    """The symbol and the local derivatives of the op that made ``node`` (with its parameters).

    ``names`` renames the texts' placeholders, e.g. ``{"out": "o", "a": "x0", "b": "w0"}``
    turns ``∂out/∂a = b`` into ``∂o/∂x0 = w0``, so that a caption speaks of the graph's own
    nodes and never of an ``a`` or ``b`` that a node's label could be confused with.
    """
    arity = len(node.parents)
    operands = ("x",) if arity == 1 else ("a", "b")
    found = ops.op_of(node)  # the op and parameters the node recorded
    if found is None:  # a node made by hand with a rule of its own
        texts = {"symbol": node.op, "derivative": ("the op's own rule",) * arity, "latex": ()}
        ordered = arity == 2
    else:
        op, params = found
        texts = _texts(op, params)
        ordered = arity == 2 and not op.commutative
    rename = _renamer(tuple(sorted((names or {}).items())))
    derivatives = tuple(
        f"∂{rename('out')}/∂{rename(name)} = {rename(d)}"
        for name, d in zip(operands, texts["derivative"])
    )
    latex = texts["latex"] or derivatives
    return OpText(texts["symbol"], operands, derivatives, latex, ordered)


@functools.lru_cache(maxsize=1024)
def _texts(op: ops.Op, params: tuple[float, ...]) -> dict[str, Any]:
    """An op's texts with its parameters filled in (the explorer asks for them often)."""
    return op.texts(params)


@functools.lru_cache(maxsize=4096)
def _renamer(pairs: tuple[tuple[str, str], ...]) -> Callable[[str], str]:
    """Replace the whole words ``out``, ``x``, ``a``, ``b`` of a derivative text by ``names``."""
    names = dict(pairs)
    if not names:
        return lambda text: text
    word = "A-Za-z0-9_"  # ASCII: "out²" must still match "out"
    alternatives = "|".join(map(re.escape, names))
    pattern = re.compile(rf"(?<![{word}])({alternatives})(?![{word}])")
    return lambda text: pattern.sub(lambda m: names[m.group(1)], text)
