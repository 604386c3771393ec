"""`backward()`: accumulation, reuse, depth, zero_grad, no_grad and memory."""

from __future__ import annotations

import gc

import pytest

from autograd import Value, grad_mode, no_grad, topological_order


def test_a_node_used_twice_gets_both_contributions():
    a = Value(3.0)
    b = a + a
    b.backward()
    assert a.grad == 2.0
    a = Value(3.0)
    b = a + a
    c = b + b
    c.backward()
    assert (a.grad, b.grad, c.grad) == (4.0, 2.0, 1.0)
    a = Value(3.0)
    (a * a).backward()  # d a^2 / da = 2a
    assert a.grad == 6.0


def test_diamond_graph():
    # f = (x*y) * (x+y): df/dx = y(x+y) + xy = 2xy + y^2
    x, y = Value(2.0), Value(5.0)
    f = (x * y) * (x + y)
    f.backward()
    assert x.grad == 2 * 2 * 5 + 25 and y.grad == 2 * 2 * 5 + 4


def test_backward_accumulates_into_every_node_root_included():
    x = Value(2.0)
    h = x * x
    y = h.tanh() + 1
    order = topological_order(y)
    y.backward()
    first = {node: node.grad for node in order}
    y.backward()
    for node in order:
        assert node.grad == pytest.approx(2 * first[node], rel=1e-15)
    assert y.grad == 2.0


def test_zero_grad_clears_every_node_of_the_graph():
    x, w = Value(1.5), Value(-2.0)
    y = (x * w).sigmoid()
    y.backward()
    assert x.grad != 0 and w.grad != 0
    y.zero_grad()
    assert all(node.grad == 0.0 for node in topological_order(y))
    y.backward()
    once = x.grad
    y.zero_grad()
    y.backward()
    assert x.grad == once


def test_backward_with_an_explicit_seed_gradient():
    x = Value(3.0)
    y = x * x
    y.backward(gradient=0.5)
    assert x.grad == 3.0 and y.grad == 0.5


def test_backward_from_an_intermediate_node_only_reaches_its_own_graph():
    x = Value(1.0)
    h = x * 2
    y = h * 10
    h.backward()
    assert x.grad == 2.0 and y.grad == 0.0


def test_topological_order_puts_parents_first_and_each_node_once():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    d = c + a
    e = d * c
    order = topological_order(e)
    assert len(order) == len(set(order))
    position = {node: i for i, node in enumerate(order)}
    for node in order:
        for parent in node.parents:
            assert position[parent] < position[node]
    assert order[-1] is e


@pytest.mark.slow
def test_a_million_ops_deep_chain_has_no_recursion_limit():
    x = Value(1.0)
    y = x
    for _ in range(1_000_000):
        y = -y
    y.backward()
    assert y.data == 1.0 and x.grad == 1.0  # an even number of sign flips
    del y  # freeing a million-deep chain must not overflow the C stack either


def test_no_grad_records_no_parents_and_no_rule():
    x = Value(2.0)
    with no_grad():
        y = (x * 3).tanh() + x**2
        assert not grad_mode.enabled
    assert grad_mode.enabled
    assert y.parents == () and y.op == "" and y._applied is None
    assert y.data == pytest.approx(__import__("math").tanh(6.0) + 4.0)
    z = x * 3
    assert z.parents and z._applied is not None


def test_no_grad_as_a_decorator_and_when_nested_or_raising():
    @no_grad()
    def infer(v):
        return v * 2

    assert infer(Value(1.0)).parents == ()
    with no_grad():
        with no_grad():
            pass
        assert not grad_mode.enabled
    with pytest.raises(RuntimeError):
        with no_grad():
            raise RuntimeError("boom")
    assert grad_mode.enabled


def _count_values() -> int:
    return sum(1 for obj in gc.get_objects() if type(obj) is Value)


def test_a_dropped_graph_is_freed_by_reference_counting_alone():
    """No reference cycles: nothing is left for the cyclic garbage collector."""
    gc.collect()
    gc.disable()
    try:
        before = _count_values()
        x = Value(0.5)
        y = x
        for _ in range(200):
            y = (y * 1.5 + 0.1).tanh().sigmoid().gelu().softplus().leaky_relu(0.1).elu() ** 2
        y.backward()
        assert _count_values() > before + 1000
        del y
        assert _count_values() == before + 1  # only x is left
        assert gc.collect() == 0  # no cycle needed the collector
    finally:
        gc.enable()


def test_higher_order_gradients_leave_no_cycles_either():
    from autograd import grad

    gc.collect()
    gc.disable()
    try:
        before = _count_values()
        assert grad(grad(lambda v: (v * v).tanh() * v))(0.3) != 0.0
        assert _count_values() == before
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_backward_needs_a_value():
    from autograd.backprop import backward

    with pytest.raises(TypeError, match="backward.*float"):
        backward(1.0)
    with pytest.raises(TypeError, match="backward.*str"):
        Value(1.0).backward("one")
