"""The graph walk, written once: every node below some roots, parents before children.

The walk needs only a node's two parent slots and a scratch slot, so it is typed
against the small `Node` protocol (which `Value` meets) and imports nothing.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar, cast


class Node(Protocol):
    """What the graph walk reads of a node: its parents (``_a``, ``_b``; None where
    absent) and a scratch slot ``_mark`` it may overwrite."""

    _mark: Any

    @property
    def _a(self) -> Node | None: ...

    @property
    def _b(self) -> Node | None: ...


N = TypeVar("N", bound=Node)


def topological_order(*roots: N) -> list[N]:
    """Every node the roots depend on (themselves included), each after its parents.

    A node reached from several roots appears once. Iterative depth-first
    search with an explicit stack, so a chain a million ops deep needs no
    recursion. A node is pushed once to be expanded (its parents pushed above
    it) and met again, once they are all placed, to be placed itself.

    Each walk makes two fresh tokens and writes them into the nodes' ``_mark``
    slot ("expanded", then "placed"): an identity check on a slot is several
    times faster than the two sets of visited nodes it replaces, and tokens from
    an earlier walk mean nothing to this one.
    """
    expanded, placed = object(), object()
    order: list[Node] = []
    stack: list[Node] = list(reversed(roots))  # the first root's graph comes first
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
    return cast(list[N], order)  # every node below an N is an N (a Value's parents are Values)
