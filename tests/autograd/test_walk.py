"""backprop.walk: the backward pass as a sequence of steps, held to backward() and to hand work."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Step, Value, topological_order, walk

SAFE_UNARY = [
    lambda x: x.tanh(),
    lambda x: x.sigmoid(),
    lambda x: x.relu(),
    lambda x: x * 0.5,
    lambda x: -x,
    lambda x: (x * x + 1.0).log(),
    lambda x: x**2,
]
SAFE_BINARY = [lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a * b]


def random_graph(inputs: list[float], program: list[tuple[bool, int, int, int]]) -> Value:
    """Each step applies an op to earlier nodes picked at random: nodes are shared freely."""
    nodes = [Value(x, f"x{i}") for i, x in enumerate(inputs)]
    for binary, i, j, k in program:
        a, b = nodes[i % len(nodes)], nodes[j % len(nodes)]
        if binary:
            nodes.append(SAFE_BINARY[k % 3](a, b).tanh())  # tanh keeps values bounded
        else:
            nodes.append(SAFE_UNARY[k % len(SAFE_UNARY)](a))
    return nodes[-1] * nodes[-2] if len(nodes) > 1 else nodes[0] * 1.0


@settings(max_examples=60, deadline=None)
@given(
    inputs=st.lists(st.floats(-2, 2), min_size=1, max_size=5),
    program=st.lists(
        st.tuples(st.booleans(), st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 6)),
        min_size=1,
        max_size=30,
    ),
    seed=st.floats(-3, 3),
)
def test_walk_agrees_with_backward_on_random_shared_graphs(inputs, program, seed):
    root = random_graph(inputs, program)
    order = topological_order(root)
    received: dict[Value, float] = {root: seed}
    stepped = []
    for step in walk(root, seed):
        # a node's grad is complete when its step comes: the sum of what its users sent
        assert step.grad == received[step.node]
        assert [parent for parent, _ in step.sends] == list(step.node.parents)
        for parent, contribution in step.sends:
            received[parent] = received.get(parent, 0.0) + contribution
        stepped.append(step.node)
    assert stepped == [node for node in reversed(order) if node.parents]
    assert all(node.grad == 0.0 for node in order)  # the walk writes no .grad
    root.backward(seed)
    for node in order:
        assert received.get(node, 0.0) == pytest.approx(node.grad, rel=1e-12, abs=1e-300)


def test_walk_on_a_hand_worked_graph():
    """f = (a * b + a).tanh() at a = 2, b = -1.5: f = tanh(-1) and every step worked by hand."""
    a, b = Value(2.0, "a"), Value(-1.5, "b")
    product = a * b  # -3
    total = product + a  # -1
    f = total.tanh()
    d = 1.0 - math.tanh(-1.0) ** 2  # tanh' at -1
    steps = list(walk(f))
    assert all(isinstance(step, Step) for step in steps)
    assert [step.node for step in steps] == [f, total, product]
    assert steps[0].grad == 1.0 and steps[0].sends == ((total, pytest.approx(d)),)
    assert steps[1].grad == pytest.approx(d)
    assert steps[1].sends == ((product, pytest.approx(d)), (a, pytest.approx(d)))
    # d f / d product = d; the product sends d * b to a and d * a to b
    assert steps[2].sends == ((a, pytest.approx(d * -1.5)), (b, pytest.approx(d * 2.0)))
    f.backward()
    assert a.grad == pytest.approx(d * (-1.5 + 1.0)) and b.grad == pytest.approx(2.0 * d)


def test_walk_sends_both_contributions_of_a_node_used_twice_by_one_op():
    x = Value(3.0)
    square = x * x
    (step,) = walk(square, 2.0)
    assert step.sends == ((x, 6.0), (x, 6.0))  # 2 * x to each operand slot


def test_walk_on_values_builds_differentiable_gradients():
    x = Value(0.5)
    y = x.exp() * x
    seed = Value(1.0)
    steps = list(walk(y, seed))
    # y = x e^x: the product sends e^x (to x) and x e^x ... to e^x, whose step sends it on
    dx = steps[0].sends[1][1] + steps[1].sends[0][1]
    assert isinstance(dx, Value)
    assert dx.data == pytest.approx(math.exp(0.5) * 1.5)  # (1 + x) e^x


def test_a_leaf_has_no_steps_and_an_overflowing_rule_is_named():
    assert list(walk(Value(1.0))) == []
    x = Value(1e-300)
    with pytest.raises(OverflowError, match=r"the derivative of '/' overflowed at a=1\.0"):
        list(walk(1.0 / x, Value(1.0)))
