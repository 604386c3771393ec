"""viz.flow: the gradient flow, worked out by hand and against backward()."""

from __future__ import annotations

from autograd import Value, topological_order
from viz.flow import flow_at, replay


def test_a_node_used_three_times_receives_in_step_order_from_each_sender() -> None:
    x = Value(1.5, "x")
    square = x * x
    y = square + x
    flow = replay(y)
    assert [step.node for step in flow.steps] == [y, square]
    received = [
        (step.number, step.node, send.index, send.amount) for step, send in flow.received(x)
    ]
    # d y / d x = 2x + 1: the + sends 1 (step 1), then x * x sends x twice (step 2)
    assert received == [(1, y, 1, 1.0), (2, square, 0, 1.5), (2, square, 1, 1.5)]
    assert [send.slope for send in flow.step_of[square].sends] == [1.5, 1.5]
    y.backward()
    assert flow.grads == {node: node.grad for node in topological_order(y)}
    assert flow.edge_amount(square, 1) == 1.5 and flow.edge_amount(x, 0) is None


def test_the_partial_sums_are_the_grads_after_each_step() -> None:
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    out = (a * b).tanh()
    flow = replay(out, gradient=2.0)
    first, second = flow.grads_after()
    product = out.parents[0]
    assert first[product] == 2.0 * (1 - out.data**2) and first[a] == 0.0
    assert second[a] == first[product] * b.data and second[b] == first[product] * a.data


def test_flow_at_sends_from_the_grads_the_nodes_hold() -> None:
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    out = a * b
    order = topological_order(out)
    held = {a: 0.0, b: 0.0, out: 5.0}  # what .grad holds, whatever made it
    flow = flow_at(out, order, held)
    (step,) = flow.steps
    assert [send.amount for send in step.sends] == [5.0 * b.data, 5.0 * a.data]
    assert flow.grads == held


def test_a_constant_receiver_is_marked() -> None:
    x = Value(3.0, "x")
    y = x / 4.0
    (step,) = replay(y).steps
    assert [send.constant for send in step.sends] == [False, True]
    assert step.sends[0].slope == 0.25
