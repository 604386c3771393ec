"""The graph walk, written once: every node below a root, parents before children."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .value import Value


def topological_order(root: Value) -> list[Value]:
    """Every node that `root` depends on (itself included), each after its parents.

    Iterative depth-first search with an explicit stack, so a chain a million
    ops deep needs no recursion. A node is pushed once to be expanded (its
    parents pushed above it) and met again, once they are all placed, to be
    placed itself.

    Each walk makes two fresh tokens and writes them into the nodes' ``_mark``
    slot ("expanded", then "placed"): an identity check on a slot is several
    times faster than the two sets of visited nodes it replaces, and tokens from
    an earlier walk mean nothing to this one.
    """
    expanded, placed = object(), object()
    order: list[Value] = []
    stack = [root]
    while stack:
        node = stack.pop()
        mark = node._mark
        if mark is placed:  # reached before by another path
            continue
        if mark is expanded:  # met again: every parent is placed by now
            node._mark = placed
            order.append(node)
            continue
        node._mark = expanded
        stack.append(node)
        a, b = node._a, node._b  # the parents (None where absent)
        if a is not None and a._mark is not expanded:
            stack.append(a)
        if b is not None and b._mark is not expanded:
            stack.append(b)
    return order
