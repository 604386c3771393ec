"""Backpropagation replayed on the side: what each node's rule adds, without touching ``.grad``.

The same loop as `autograd`'s ``backward`` (the root gets ``gradient``, then for
each node from the output back, ``parent.grad += rule(node.grad, node.data,
*parent datas)``), run on a dict of gradients so the user's ``.grad`` stay as they were.
"""

from __future__ import annotations

from dataclasses import dataclass

from autograd import Value


@dataclass(frozen=True)
class RuleRun:
    """One step of backward: ``node``'s rule ran and added ``added[i]`` to ``node.parents[i]``."""

    node: Value
    added: tuple[float, ...]
    grads: dict[Value, float]  # every node's gradient right after this step


def contributions(node: Value, grad: float) -> tuple[float, ...]:
    """What ``node``'s rule sends to each parent when ``grad`` arrives at it (chain rule)."""
    rule = node._backward
    if rule is None:
        return ()
    parents = node.parents
    result = rule(grad, node.data, *(p.data for p in parents))
    return (result,) if len(parents) == 1 else tuple(result)


def replay_backward(order: list[Value], root: Value, gradient: float = 1.0) -> list[RuleRun]:
    """Every rule run of one fresh ``root.backward(gradient)``, in the order backward runs them."""
    grads = dict.fromkeys(order, 0.0)
    grads[root] = gradient
    runs = []
    for node in reversed(order):
        if node._backward is None:
            continue
        added = tuple(float(a) for a in contributions(node, grads[node]))
        for parent, amount in zip(node.parents, added):
            grads[parent] += amount
        runs.append(RuleRun(node, added, dict(grads)))
    return runs


def edge_gradients(order: list[Value], grads: dict[Value, float]) -> dict[tuple[Value, int], float]:
    """The gradient that flows back along each input edge (node, parent index) given ``grads``.

    A rule that cannot be evaluated here (e.g. sqrt's at 0) leaves that edge out;
    the diagram then falls back to the node's own gradient.
    """
    flows: dict[tuple[Value, int], float] = {}
    for node in order:
        if node._backward is None:
            continue
        try:
            added = contributions(node, grads[node])
        except (ArithmeticError, ValueError):
            continue
        for i, amount in enumerate(added):
            flows[(node, i)] = float(amount)
    return flows
