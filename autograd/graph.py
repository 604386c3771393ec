"""The graph walk, written once: every node below a root, parents before children."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .value import Value


def topological_order(root: Value) -> list[Value]:
    """Every node that `root` depends on (itself included), each after its parents.

    Iterative depth-first search with an explicit stack, so a chain a million
    ops deep needs no recursion. A node is pushed once to be expanded and once
    more to be placed after all of its parents have been placed.
    """
    order: list[Value] = []
    expanded: set[Value] = set()
    placed: set[Value] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if node in placed:
            continue
        if node in expanded:  # second visit: every parent is placed by now
            placed.add(node)
            order.append(node)
            continue
        expanded.add(node)
        stack.append(node)
        a, b = node._a, node._b  # the parents (None where absent)
        if a is not None and a not in expanded:
            stack.append(a)
        if b is not None and b not in expanded:
            stack.append(b)
    return order
