"""viz.graph_json: a graph rebuilt from its JSON runs forward and backward exactly as the
original (every op of the shared op cases, constants on either side, a node used twice)."""

from __future__ import annotations

import json

import pytest

from autograd import Value, ops, topological_order
from tests.strategies import BINARY, UNARY
from viz.graph_json import graph_from_json, graph_to_json

UNARY_INPUT = {"log": 2.5, "sqrt": 2.5, "**0.5": 2.5, "**-1.5": 2.5}


def rebuilt(root: Value) -> list[Value]:
    return graph_from_json(json.loads(json.dumps(graph_to_json(root))))


def same_graph(original: Value, copy: Value) -> None:
    a, b = topological_order(original), topological_order(copy)
    assert [(n.data, n.label, n.op, n.is_constant) for n in a] == [
        (n.data, n.label, n.op, n.is_constant) for n in b
    ]
    original.backward()
    copy.backward()
    assert [n.grad for n in a] == [n.grad for n in b]
    for x, y in zip(a, b):
        found, again = ops.op_of(x), ops.op_of(y)
        assert (found is None) == (again is None)
        if found is not None:
            assert found[0] is again[0] and found[1] == again[1]
            assert x._applied.constant == y._applied.constant  # the same rule variant


@pytest.mark.parametrize("case", UNARY, ids=[c.name for c in UNARY])
def test_every_unary_op_is_rebuilt(case) -> None:
    x = Value(UNARY_INPUT.get(case.name, 0.7), "x")
    out = case.apply(x) * x  # x used twice
    nodes = rebuilt(out)
    same_graph(out, nodes[-1])


@pytest.mark.parametrize("case", BINARY, ids=[c.name for c in BINARY])
def test_every_binary_op_is_rebuilt(case) -> None:
    a, b = Value(1.7, "a"), Value(0.6, "b")
    out = case.apply(a, b).tanh()
    out.label = "out"
    same_graph(out, rebuilt(out)[-1])


def test_what_if_on_the_copy_equals_a_fresh_graph() -> None:
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    out = (a * b + 10.0).tanh() / 2.0 - 2.0**a
    nodes = rebuilt(out)
    nodes[0].data = 1.25  # a, the first leaf
    for node in nodes:  # forward again, from the op table
        found = ops.op_of(node)
        if found is not None:
            op, params = found
            node.data = float(op.forward(*params, *(p.data for p in node.parents)))
    a2 = Value(1.25, "a")
    fresh = (a2 * Value(-3.0, "b") + 10.0).tanh() / 2.0 - 2.0**a2
    assert nodes[-1].data == fresh.data
    nodes[-1].backward()
    fresh.backward()
    assert nodes[0].grad == a2.grad


def test_a_hand_made_rule_and_bad_data_are_refused() -> None:
    x = Value(1.0, "x")
    odd = Value(2.0, "odd", x, None, "twice", lambda grad, a, out: (2 * grad,))
    with pytest.raises(ValueError, match="graph_to_json: node 'odd' was made with a rule of its"):
        graph_to_json(odd)
    with pytest.raises(TypeError, match="graph_to_json: expected a Value, got float"):
        graph_to_json(1.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="expected data of format 1"):
        graph_from_json({"nodes": []})
    data = graph_to_json(x * 2.0)
    data["nodes"][-1]["parents"] = [2]
    with pytest.raises(ValueError, match="node 2 names a parent that comes after it"):
        graph_from_json(data)
