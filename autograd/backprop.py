"""Backpropagation: the chain rule applied node by node, from the output back.

Two walks over the same topological order and the same per-op rules:
`backward` runs the rules on floats (fast; fills ``.grad``), and
`gradients(..., create_graph=True)` runs them on Values, so that the
gradients are themselves differentiable (second derivatives and beyond).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .graph import topological_order
from .value import Value, _to_float


def backward(root: Value, gradient: float = 1.0) -> None:
    """Add ``gradient * d root / d node`` to ``.grad`` of every node below ``root``."""
    if not isinstance(root, Value):
        raise TypeError(f"backward: expected a Value, got {type(root).__name__}")
    gradient = _to_float(gradient, "backward")
    order = topological_order(root)
    # Each call propagates a fresh gradient and then adds it to what the nodes
    # held, so calling twice doubles every .grad (PyTorch's accumulation).
    held = _propagate_fresh(order, root, gradient)
    if held is not None:
        for node, previous in zip(order, held):
            node.grad += previous


def _propagate_fresh(order: list[Value], root: Value, gradient: float) -> list[float] | None:
    """Propagate ``gradient`` from ``root`` into zeroed ``.grad`` fields.

    Returns what the nodes held before, for the caller to add back or restore;
    None when that was 0 everywhere (a fresh graph, the usual case).
    """
    held = [node.grad for node in order]
    if not any(held):
        held = None
    else:
        for node in order:
            node.grad = 0.0
    root.grad = gradient
    _propagate_floats(order)
    return held


def chain_rule(node: Value, grad: Any) -> tuple[Any, ...]:
    """What ``node``'s rule sends to each of its parents when ``grad`` arrives at it.

    One step of backpropagation: ``grad * d node / d parent`` for each parent, in
    operand order (``()`` for a leaf). With a float ``grad`` the rule runs on the
    nodes' data; with a Value ``grad`` it runs on the nodes themselves, so the
    result is a Value with a graph of its own (for higher derivatives).
    """
    rule = node._backward
    if rule is None:
        return ()
    a, b = node._a, node._b
    if isinstance(grad, Value):
        return (rule(grad, node, a),) if b is None else tuple(rule(grad, node, a, b))
    if b is None:
        return (rule(grad, node.data, a.data),)
    return tuple(rule(grad, node.data, a.data, b.data))


def _propagate_floats(order: list[Value]) -> None:
    """Run each node's rule on floats, children before parents.

    This is `chain_rule` unrolled for speed: the same rule call on the same
    floats, added straight into ``.grad`` without building a tuple per node.
    """
    for node in reversed(order):
        rule = node._backward
        if rule is None:  # a leaf
            continue
        a, b = node._a, node._b
        if b is None:
            a.grad += rule(node.grad, node.data, a.data)
        else:
            ga, gb = rule(node.grad, node.data, a.data, b.data)
            a.grad += ga
            b.grad += gb


def gradients(
    output: Value, inputs: Sequence[Value], create_graph: bool = False
) -> tuple[Value, ...] | tuple[float, ...]:
    """d output / d input for each input, without touching any ``.grad``.

    As `torch.autograd.grad`: with ``create_graph=True`` the gradients are
    Values whose own graph reaches back to the inputs, so they can be
    differentiated again; otherwise they are floats. An input that ``output``
    does not depend on gets 0.
    """
    if not isinstance(output, Value):
        raise TypeError(f"gradients: output must be a Value, got {type(output).__name__}")
    for i, x in enumerate(inputs):
        if not isinstance(x, Value):
            raise TypeError(f"gradients: input {i} must be a Value, got {type(x).__name__}")
    order = topological_order(output)
    if not create_graph:
        held = _propagate_fresh(order, output, 1.0)
        reachable = set(order)
        result = tuple(x.grad if x in reachable else 0.0 for x in inputs)
        for i, node in enumerate(order):  # leave every .grad as it was
            node.grad = held[i] if held is not None else 0.0
        return result
    grads = _propagate_values(order, output)
    zero = Value._constant(0.0, "gradients")
    return tuple(grads.get(x, zero) for x in inputs)


def _propagate_values(order: list[Value], output: Value) -> dict[Value, Value]:
    """Run each node's rule on Values; returns the gradient node of every node."""
    grads: dict[Value, Value] = {output: Value._constant(1.0, "gradients")}
    for node in reversed(order):
        rule = node._backward
        g = grads.get(node)
        if rule is None or g is None:
            continue
        for parent, contribution in zip(node.parents, chain_rule(node, g)):
            previous = grads.get(parent)
            grads[parent] = contribution if previous is None else previous + contribution
    return grads
