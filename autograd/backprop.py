"""Backpropagation: the chain rule applied node by node, from the output back.

Two walks over the same topological order and the same per-op rules:
`backward` runs the rules on floats (fast; fills ``.grad``), and
`gradients(..., create_graph=True)` runs them on Values, so that the
gradients are themselves differentiable (second derivatives and beyond).
"""

from __future__ import annotations

from collections.abc import Sequence
from math import isfinite
from typing import Any

from .graph import topological_order
from .value import Value, _to_float


def backward(root: Value, gradient: float = 1.0) -> None:
    """Add ``gradient * d root / d node`` to ``.grad`` of every node below ``root``."""
    if not isinstance(root, Value):
        raise TypeError(f"backward: expected a Value, got {type(root).__name__}")
    gradient = _to_float(gradient, "backward")
    if not isfinite(gradient):
        raise ValueError(f"backward: the gradient must be a finite number, got {gradient!r}")
    order = topological_order(root)
    # Each call propagates a fresh gradient and then adds it to what the nodes
    # held, so calling twice doubles every .grad (PyTorch's accumulation).
    held = _propagate_fresh(order, root, gradient)
    if held is not None:
        probe = 0.0
        for node, previous in zip(order, held):
            node.grad += previous
            probe += node.grad
        if not isfinite(probe):  # rare: an overflow (or a big sum)
            _check_accumulation(order, held)


def _propagate_fresh(order: list[Value], root: Value, gradient: float) -> list[float] | None:
    """Propagate ``gradient`` from ``root`` into zeroed ``.grad`` fields.

    Returns what the nodes held before, for the caller to add back or restore;
    None when that was 0 everywhere (a fresh graph, the usual case).

    All or nothing: if a rule raises, or a gradient would not be finite (an
    OverflowError naming the op, see `_propagate_checked`), every ``.grad`` is
    put back as it was and the error propagates. The common case pays for one
    addition per leaf (see `_propagate_floats`).
    """
    held = [node.grad for node in order]
    if not any(held):
        held = None
    else:
        for node in order:
            node.grad = 0.0
    root.grad = gradient
    try:
        try:
            probe = _propagate_floats(order)
        except (OverflowError, FloatingPointError):
            _propagate_checked(order, root, gradient)  # raises, naming the op
            raise
        if not isfinite(probe):  # an inf or NaN somewhere (or a big sum)
            _propagate_checked(order, root, gradient)
    except BaseException:
        for i, node in enumerate(order):
            node.grad = held[i] if held is not None else 0.0
        raise
    return held


def _where(node: Value, g: Any) -> str:
    """The numbers at a node, for an error message: its inputs, its result, the gradient in."""
    a, b = node._a, node._b
    inputs = f"x={a.data!r}" if b is None else f"a={a.data!r}, b={b.data!r}"
    return f"at {inputs} (out={node.data!r}) with an incoming gradient of {g!r}"


def _name(node: Value) -> str:
    if node._backward is None:
        kind = "constant" if node.is_constant else "leaf"
        return f"{kind} {node.label!r}" if node.label else f"a {kind}"
    return f"the result of {node.op!r}"


def _propagate_checked(order: list[Value], root: Value, gradient: float) -> None:
    """`_propagate_floats` again from scratch, checking every step; raises at the first overflow.

    Runs only when the fast walk met a non-finite gradient (or an overflow). The
    rules are deterministic, so the walk meets the same numbers and stops at the
    node whose rule overflowed, naming its op and the values involved. A constant
    (a number an op wrapped) needs no gradient: a non-finite contribution to it is
    dropped, its ``.grad`` keeps what it had. If nothing overflows (the fast check
    only saw a sum of large finite gradients), the gradients stand.
    """
    for node in order:
        node.grad = 0.0
    root.grad = gradient
    for node in reversed(order):
        if node._backward is None:
            continue
        g = node.grad
        parents = node.parents
        try:
            contributions = chain_rule(node, g)
        except (OverflowError, FloatingPointError) as error:
            raise OverflowError(
                f"backward: the derivative of {node.op!r} overflowed {_where(node, g)}: {error}"
            ) from None
        for slot, parent, contribution in zip(
            "ab" if len(parents) == 2 else "x", parents, contributions
        ):
            total = parent.grad + contribution
            if isfinite(total):
                parent.grad = total
            elif parent.is_constant:
                continue
            elif not isfinite(contribution):
                raise OverflowError(
                    f"backward: the derivative of {node.op!r} overflowed {_where(node, g)}: "
                    f"it sends {contribution!r} to {slot} ({_name(parent)})"
                )
            else:
                raise OverflowError(
                    f"backward: the gradient of {_name(parent)} overflowed: {node.op!r} "
                    f"{_where(node, g)} adds {contribution!r} to the {parent.grad!r} it held"
                )


def _check_accumulation(order: list[Value], held: list[float]) -> None:
    """Raise if adding this call's gradients to the held ones overflowed, restoring them first."""
    for node, previous in zip(order, held):
        if not isfinite(node.grad):
            for n, before in zip(order, held):
                n.grad = before
            raise OverflowError(
                f"backward: the accumulated gradient of {_name(node)} overflowed: "
                f"it held {previous!r} and adding this call's gradient gives inf "
                "(call zero_grad() between backward passes?)"
            )


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


def _propagate_floats(order: list[Value]) -> float:
    """Run each node's rule on floats, children before parents; returns a finiteness probe.

    This is `chain_rule` unrolled for speed: the same rule call on the same
    floats, added straight into ``.grad`` without building a tuple per node.

    The probe is the sum of the leaves' final gradients (a leaf is met after
    every node that uses it, so its gradient is complete). Every rule multiplies
    the gradient it receives, so an inf or NaN anywhere reaches a leaf as inf
    or NaN: a finite probe means every gradient is finite. (A non-finite probe
    may also be a sum of large finite gradients; the caller then looks closer.)
    """
    probe = 0.0
    for node in reversed(order):
        rule = node._backward
        if rule is None:  # a leaf
            probe += node.grad
            continue
        a, b = node._a, node._b
        if b is None:
            a.grad += rule(node.grad, node.data, a.data)
        else:
            ga, gb = rule(node.grad, node.data, a.data, b.data)
            a.grad += ga
            b.grad += gb
    return probe


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
        try:  # an op on Values raises on a non-finite result: say which rule it was in
            contributions = chain_rule(node, g)
        except OverflowError as error:
            raise OverflowError(
                f"gradients: the derivative of {node.op!r} overflowed "
                f"{_where(node, g.data)}: {error}"
            ) from None
        for parent, contribution in zip(node.parents, contributions):
            previous = grads.get(parent)
            if previous is None:
                grads[parent] = contribution
                continue
            try:
                grads[parent] = previous + contribution
            except OverflowError:
                raise OverflowError(
                    f"gradients: the gradient of {_name(parent)} overflowed: {node.op!r} "
                    f"{_where(node, g.data)} adds {contribution.data!r} to {previous.data!r}"
                ) from None
    return grads
