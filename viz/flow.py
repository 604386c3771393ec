"""The gradient flow of a graph, computed once: what `draw_dot`'s shading and tooltips,
`backprop_steps`' captions and the explorer all read.

A backward pass is a walk from the output back: each op node, once its gradient ``g`` is
complete, sends ``g · ∂node/∂parent`` to each parent (the chain rule, `autograd.chain_rule`).
A `Flow` records that walk:

- ``steps``: one `FlowStep` per op node, in the order ``backward()`` runs the rules: the
  node, the gradient it held when its rule ran, and one `Send` per operand (the receiver,
  the local slope ∂node/∂parent, the contribution sent);
- ``grads``: every node's gradient at the end;
- ``received(node)``: what a node got, from whom and at which step, in step order.

Two ways to make one: `replay` runs a fresh backward pass (the engine's one walk,
`autograd.walk`; the Values' ``.grad`` are untouched), `flow_at` reads the gradients the
nodes already hold (``draw_dot`` shows ``.grad`` as it is, accumulated or not).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from autograd import Value, chain_rule, topological_order, walk


@dataclass(frozen=True)
class Send:
    """One edge of a rule: ``sender`` sends ``amount`` to ``receiver`` (its operand ``index``).

    ``slope`` is ∂sender/∂receiver here. Both are None where the rule cannot be evaluated
    at this point (sqrt's at 0). A constant receiver (a number an op wrapped) needs no
    gradient: ``constant`` says so, and displays never call its slope a derivative.
    """

    sender: Value
    receiver: Value
    index: int
    slope: float | None
    amount: float | None

    @property
    def constant(self) -> bool:
        return self.receiver.is_constant


@dataclass(frozen=True)
class FlowStep:
    """One rule run: ``node`` held ``grad`` and sent ``sends`` (operand order)."""

    number: int  # 1 for the first rule backward runs
    node: Value
    grad: float
    sends: tuple[Send, ...]


def slopes_of(node: Value) -> tuple[float | None, ...]:
    """∂node/∂parent for each operand here (the rules are linear in the incoming gradient:
    with 1 they give the slopes); None where the rule cannot be evaluated (sqrt's at 0)."""
    try:
        return tuple(float(d) for d in chain_rule(node, 1.0))
    except (ArithmeticError, ValueError):
        return (None,) * len(node.parents)


def _step(number: int, node: Value, grad: float, amounts: tuple[float | None, ...]) -> FlowStep:
    sends = tuple(
        Send(node, parent, i, slope, amount)
        for i, (parent, slope, amount) in enumerate(zip(node.parents, slopes_of(node), amounts))
    )
    return FlowStep(number, node, grad, sends)


class Flow:
    """The gradient flow of the graph below ``root`` (see the module docstring)."""

    def __init__(
        self,
        order: list[Value],
        root: Value,
        seed: float,
        steps: list[FlowStep],
        grads: dict[Value, float],
    ) -> None:
        self.order = order
        self.root = root
        self.seed = seed
        self.steps = steps
        self.grads = grads
        self.step_of = {step.node: step for step in steps}
        self._received: dict[Value, list[tuple[FlowStep, Send]]] = {node: [] for node in order}
        for step in steps:
            for send in step.sends:
                self._received[send.receiver].append((step, send))

    def received(self, node: Value) -> list[tuple[FlowStep, Send]]:
        """Every contribution ``node`` got, in step order, with the step that sent it."""
        return self._received[node]

    def edge_amount(self, node: Value, index: int) -> float | None:
        """What flows back along the edge into operand ``index`` of ``node``."""
        step = self.step_of.get(node)
        return None if step is None else step.sends[index].amount

    def grads_after(self) -> Iterator[dict[Value, float]]:
        """Every node's gradient after step 1, 2, ... (a replay's partial sums)."""
        grads = dict.fromkeys(self.order, 0.0)
        grads[self.root] = self.seed
        for step in self.steps:
            for send in step.sends:
                if send.amount is not None:
                    grads[send.receiver] += send.amount
            yield dict(grads)


def replay(root: Value, order: list[Value] | None = None, gradient: float = 1.0) -> Flow:
    """The flow of one fresh ``root.backward(gradient)`` (`autograd.walk`): every ``.grad``
    stays.

    The last gradients equal what ``backward()`` gives on zeroed gradients, bit for bit
    (the same rules, in the same order, summed in the same order).
    """
    order = topological_order(root) if order is None else order
    grads = dict.fromkeys(order, 0.0)
    grads[root] = float(gradient)
    steps = []
    for number, (node, grad, sends) in enumerate(walk(root, float(gradient)), start=1):
        for parent, amount in sends:
            grads[parent] += amount
        steps.append(_step(number, node, grad, tuple(amount for _, amount in sends)))
    return Flow(order, root, float(gradient), steps, grads)


def flow_at(root: Value, order: list[Value], grads: dict[Value, float]) -> Flow:
    """The flow given the gradients the nodes hold (``draw_dot`` shows ``.grad`` as it is):
    each op node sends from its own ``grads[node]``; None where its rule fails here."""
    steps = []
    for number, node in enumerate((n for n in reversed(order) if n.parents), start=1):
        try:
            amounts: tuple[float | None, ...] = tuple(
                float(a) for a in chain_rule(node, grads[node])
            )
        except (ArithmeticError, ValueError):
            amounts = (None,) * len(node.parents)
        steps.append(_step(number, node, grads[node], amounts))
    return Flow(order, root, grads.get(root, 0.0), steps, dict(grads))
