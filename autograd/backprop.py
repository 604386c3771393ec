"""Backpropagation: the chain rule applied node by node, from the output back.

The algorithm comes first, in three pieces:

- `chain_rule(node, grad)`: one step, what a node's rule sends to each parent;
- `walk(root, grad)`: every step, from the root back to the leaves, in reverse
  topological order, each node's gradient summed from what its users sent it;
- `backward(root)`: the same walk, unrolled into one loop over floats that adds
  straight into ``.grad`` (`_propagate_floats`).

After them comes the bookkeeping that makes `backward` all or nothing (a call
that raises leaves every ``.grad`` as it was) and the diagnosis that names the op
when a gradient overflows (`_propagate_checked`, a second pass over `walk`).

This module knows nodes only through the `Node` protocol at its end (which
`Value` meets), so it imports nothing of `value.py`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from math import isfinite
from typing import Any, NamedTuple, Protocol

from .checks import to_float
from .graph import topological_order
from .ops import Applied
from .rule_math import is_value

# ------------------------------------------------------------- the algorithm


def chain_rule(node: Node, grad: Any) -> tuple[Any, ...]:
    """What ``node``'s rule sends to each of its parents when ``grad`` arrives at it.

    One step of backpropagation: ``grad * d node / d parent`` for each parent, in
    operand order (``()`` for a leaf). With a float ``grad`` the rule runs on the
    nodes' data; with a Value ``grad`` it runs on the nodes themselves, so the
    result is a Value with a graph of its own (for higher derivatives).
    """
    record = node._applied
    if record is None:
        return ()
    rule = record.rule
    a, b = node._a, node._b
    if is_value(grad):
        return (rule(grad, node, a),) if b is None else tuple(rule(grad, node, a, b))
    assert a is not None  # a node with a record has its first parent
    if b is None:
        return (rule(grad, node.data, a.data),)
    return tuple(rule(grad, node.data, a.data, b.data))


class Step(NamedTuple):
    """One step of the backward walk: ``node`` received ``grad`` in total, and its rule
    sends ``(parent, contribution)`` to each parent, in operand order."""

    node: Node
    grad: Any  # a float, or a Value when the walk runs on Values
    sends: tuple[tuple[Node, Any], ...]


def walk(root: Node, grad: Any = 1.0) -> Iterator[Step]:
    """The backward pass as a sequence of steps: one `Step` per node with a rule.

    ``grad`` (d root / d root, usually 1.0) starts at ``root``; nodes come last
    user first (reverse topological order), so a node's ``grad`` is complete, the
    sum of what every user sent it, when its step comes. A float ``grad`` runs
    the rules on floats; a Value ``grad`` runs them on Values (every gradient is
    then a Value with its own graph, as ``create_graph=True``). Nothing is
    written into ``.grad``.

    A rule that overflows raises an OverflowError naming its op and the numbers
    at the node; so does a sum of Values that overflows.
    """
    grads: dict[Node, Any] = {root: grad}
    for node in reversed(topological_order(root)):
        if node._applied is None:  # a leaf (or a constant): nothing to send
            continue
        g = grads[node]
        try:
            sends = tuple(zip(node.parents, chain_rule(node, g)))
        except (OverflowError, FloatingPointError) as error:
            raise OverflowError(
                f"the derivative of {node.op!r} overflowed {_where(node, g)}: {error}"
            ) from None
        for parent, contribution in sends:
            previous = grads.get(parent)
            if previous is None:
                grads[parent] = contribution
                continue
            try:
                grads[parent] = previous + contribution
            except OverflowError:  # only Values raise here; floats become inf
                raise OverflowError(
                    f"the gradient of {_name(parent)} overflowed: {node.op!r} "
                    f"{_where(node, g)} adds {_number(contribution)!r} to {_number(previous)!r}"
                ) from None
        yield Step(node, g, sends)


def backward(root: Node, gradient: float = 1.0) -> None:
    """Add ``gradient * d root / d node`` to ``.grad`` of every node below ``root``."""
    if not hasattr(root, "_applied"):
        raise TypeError(f"backward: expected a Value, got {type(root).__name__}")
    gradient = to_float(gradient, "backward")
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


def _propagate_floats(order: list[Node]) -> float:
    """Run each node's rule on floats, children before parents; returns a finiteness probe.

    One of the two specialised copies of `walk` (the other is the replay's
    level-wise array backward, `plan.Plan.backward`), kept for speed: it is what
    every ``backward()`` runs.
    The same rule call on the same floats, added straight into ``.grad`` without
    a dict, a tuple or a `Step` per node (tests hold it equal to `chain_rule`
    node by node, and to `walk`).

    The probe is the sum of the leaves' final gradients (a leaf is met after
    every node that uses it, so its gradient is complete). Every rule multiplies
    the gradient it receives, so an inf or NaN anywhere reaches a leaf as inf
    or NaN: a finite probe means every gradient is finite. (A non-finite probe
    may also be a sum of large finite gradients; the caller then looks closer.)
    """
    probe = 0.0
    for node in reversed(order):
        record = node._applied
        if record is None:  # a leaf
            probe += node.grad
            continue
        a, b = node._a, node._b
        if b is None:
            a.grad += record.rule(node.grad, node.data, a.data)  # type: ignore[union-attr]
        else:
            ga, gb = record.rule(node.grad, node.data, a.data, b.data)  # type: ignore[union-attr]
            a.grad += ga  # type: ignore[union-attr]
            b.grad += gb
    return probe


def float_gradients(root: Node, inputs: Sequence[Node]) -> tuple[float, ...]:
    """d root / d input for each input, as floats (0 where root does not depend on it),
    by the same propagation as `backward`, leaving every ``.grad`` as it was."""
    order = topological_order(root)
    held = _propagate_fresh(order, root, 1.0)
    reachable = set(order)
    result = tuple(x.grad if x in reachable else 0.0 for x in inputs)
    for i, node in enumerate(order):
        node.grad = held[i] if held is not None else 0.0
    return result


# ------------------------------------------------- all or nothing, diagnosis


def _propagate_fresh(order: list[Node], root: Node, gradient: float) -> list[float] | None:
    """Propagate ``gradient`` from ``root`` into zeroed ``.grad`` fields.

    Returns what the nodes held before, for the caller to add back or restore;
    None when that was 0 everywhere (a fresh graph, the usual case).

    All or nothing: if a rule raises, or a gradient would not be finite (an
    OverflowError naming the op, see `_propagate_checked`), every ``.grad`` is
    put back as it was and the error propagates. The common case pays for one
    addition per leaf (see `_propagate_floats`).
    """
    before = [node.grad for node in order]
    held = before if any(before) else None
    if held is not None:
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


def _propagate_checked(order: list[Node], root: Node, gradient: float) -> None:
    """The backward pass again from scratch, over `walk`, checking every step; raises at
    the first overflow.

    Runs only when the fast loop met a non-finite gradient (or an overflow). The
    rules are deterministic, so the walk meets the same numbers and stops at the
    node whose rule overflowed, naming its op and the values involved. A constant
    (a number an op wrapped) needs no gradient: a non-finite contribution to it is
    dropped, its ``.grad`` keeps what it had. If nothing overflows (the fast check
    only saw a sum of large finite gradients), the gradients stand.
    """
    for node in order:
        node.grad = 0.0
    root.grad = gradient
    try:
        for step in walk(root, gradient):
            slots = "ab" if len(step.sends) == 2 else "x"
            for slot, (parent, contribution) in zip(slots, step.sends):
                total = parent.grad + contribution
                if isfinite(total):
                    parent.grad = total
                elif parent.is_constant:
                    continue
                elif not isfinite(contribution):
                    raise OverflowError(
                        f"the derivative of {step.node.op!r} overflowed "
                        f"{_where(step.node, step.grad)}: "
                        f"it sends {contribution!r} to {slot} ({_name(parent)})"
                    )
                else:
                    raise OverflowError(
                        f"the gradient of {_name(parent)} overflowed: {step.node.op!r} "
                        f"{_where(step.node, step.grad)} adds {contribution!r} to the "
                        f"{parent.grad!r} it held"
                    )
    except OverflowError as error:
        raise OverflowError(f"backward: {error}") from None


def _check_accumulation(order: list[Node], held: list[float]) -> None:
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


def _number(x: Any) -> Any:
    """The number in a gradient: a float, or the data of a Value."""
    return x.data if is_value(x) else x


def _where(node: Node, g: Any) -> str:
    """The numbers at a node, for an error message: its inputs, its result, the gradient in."""
    a, b = node._a, node._b
    assert a is not None
    inputs = f"x={a.data!r}" if b is None else f"a={a.data!r}, b={b.data!r}"
    return f"at {inputs} (out={node.data!r}) with an incoming gradient of {_number(g)!r}"


def _name(node: Node) -> str:
    if node._applied is None:
        kind = "constant" if node.is_constant else "leaf"
        return f"{kind} {node.label!r}" if node.label else f"a {kind}"
    return f"the result of {node.op!r}"


# ------------------------------------------------------------ what a node is


class Node(Protocol):
    """What backpropagation reads and writes of a node (`Value` is one)."""

    data: float
    grad: float
    label: str
    is_constant: bool
    _mark: Any

    @property
    def _a(self) -> Node | None: ...

    @property
    def _b(self) -> Node | None: ...

    @property
    def _applied(self) -> Applied | None: ...

    @property
    def op(self) -> str: ...

    @property
    def parents(self) -> tuple[Node, ...]: ...
