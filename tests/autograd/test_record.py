"""Each node records what made it (ops.Applied): the op, its parameters and the rule it runs."""

from __future__ import annotations

import inspect
import math

import pytest

from autograd import Value, gradients, ops, topological_order


def test_a_node_keeps_one_shared_record_per_op_and_parameters():
    x, y = Value(0.3), Value(-1.2)
    assert (x + y)._applied is (y + x)._applied is ops.ADD.applied()
    assert (x * y)._applied.rule is ops.MUL.rule
    slope = x.leaky_relu(0.2)._applied
    assert slope is y.leaky_relu(0.2)._applied  # made once for the slope 0.2
    assert slope is not x.leaky_relu(0.3)._applied
    assert (slope.op, slope.params, slope.name) == (ops.LEAKY_RELU, (0.2,), "leaky_relu")
    assert slope.rule(1.0, -0.06, -0.3) == 0.2  # the parameter is bound: rule(g, out, x)
    square = (x**2)._applied
    assert (square.op, square.params, square.name) == (ops.POWER_CONST, (2.0,), "**2")
    assert (x**2).op == "**2" and x.op == "" and x._applied is None


def test_a_constant_operand_has_a_named_rule():
    x = Value(0.5)
    by_number = (x / 4)._applied
    assert by_number.constant == "b" and by_number.rule is ops.DIV.rule_b_constant
    assert (x / Value(4.0))._applied.rule is ops.DIV.rule
    number_pow = (2**x)._applied
    assert number_pow.constant == "a" and number_pow.rule is ops.POW.rule_a_constant
    assert (Value(2.0) ** x)._applied.rule is ops.POW.rule
    # the constant's own derivative is never taken: 0 ** x sends 0 to the base, not a failure
    zero_base = 0.0**x
    zero_base.backward()
    assert x.grad == 0.0
    with pytest.raises(ValueError, match="no rule for a constant operand 'a'"):
        ops.ADD.applied(constant="a")


def test_op_of_reads_the_record_and_a_node_made_by_hand_has_no_op():
    x = Value(0.7)
    assert ops.op_of(x.elu(0.5)) == (ops.ELU, (0.5,))
    sine = Value(math.sin(x.data), "", x, None, "sin", lambda g, out, x: g * math.cos(x))
    assert sine.op == "sin" and ops.op_of(sine) is None
    assert sine._applied.op is None
    sine.backward()
    assert x.grad == pytest.approx(math.cos(0.7))


def test_a_rule_swapped_into_an_op_is_the_one_new_nodes_run(monkeypatch):
    x = Value(0.4)
    before = x.tanh()._applied
    monkeypatch.setattr(ops.TANH, "rule", lambda g, out, x: 2.0 * g)
    after = x.tanh()
    assert after._applied is not before and after._applied.rule(1.0, 0.0, 0.4) == 2.0


def test_the_parameter_cache_is_bounded():
    x = Value(1.5)
    for k in range(ops.MAX_CACHED + 10):
        x ** (1.0 + k * 1e-6)
    assert len(ops.POWER_CONST._applied) <= ops.MAX_CACHED
    assert (x ** (1.0 + (ops.MAX_CACHED + 5) * 1e-6))._applied.params[0] > 1.0


def test_a_node_holds_no_per_node_rule_object():
    """Memory per op: the record is shared, so a node is its slots and its two floats."""
    assert "_applied" in Value.__slots__ and "op" not in Value.__slots__
    assert "_backward" not in Value.__slots__
    xs = [Value(float(i)) for i in range(50)]
    products = [x * 3.0 for x in xs]
    assert len({id(p._applied) for p in products}) == 1


def test_the_module_docstring_shows_a_real_op_block():
    """The block that ops.py's docstring shows is the very block in the table."""
    doc = ops.__doc__
    start = doc.index("    MUL = Op(")
    block = doc[start : doc.index(")  # fmt: skip", start) + len(")  # fmt: skip")]
    source = inspect.getsource(ops)
    assert "\n".join(line[4:] for line in block.splitlines()) in source


def test_second_derivatives_through_records_of_constant_operands():
    x = Value(0.8)
    (d,) = gradients(3.0**x / 2.0, [x], create_graph=True)
    (dd,) = gradients(d, [x])
    assert d.data == pytest.approx(3.0**0.8 * math.log(3.0) / 2.0)
    assert dd == pytest.approx(3.0**0.8 * math.log(3.0) ** 2 / 2.0)


def test_topological_order_of_several_roots_lists_a_shared_node_once():
    a, b = Value(1.0, "a"), Value(2.0, "b")
    shared = a * b
    first, second = shared + a, shared.tanh()
    order = topological_order(first, second)
    assert order[: len(topological_order(first))] == topological_order(first)
    assert sorted(map(id, order)) == sorted({id(n) for n in (a, b, shared, first, second)})
    assert order.index(shared) < order.index(second)
    assert topological_order(second, second) == topological_order(second)
    assert topological_order() == []
