"""The op table (`autograd.ops`), walked op by op.

Every op must have a case in the derivative tests (central differences and
PyTorch, `op_cases.py`), its array forward and array rule must equal the float
ones elementwise (on both sides of every kink, and on it), and it must have the
texts that diagrams and captions show. Adding an op therefore takes one block in
`ops.py` and one case in `op_cases.py`.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Value, chain_rule, gradients, ops, topological_order
from tests.strategies import BINARY, KINKS, UNARY


def recorded_op(case, *xs: float) -> tuple[ops.Op, tuple[float, ...]]:
    """The op (and parameters) of the last node a case records."""
    found = ops.op_of(case.apply(*(Value(x) for x in xs)))
    assert found is not None
    return found


CASE_OPS = {case.name: recorded_op(case, 0.7) for case in UNARY} | {
    case.name: recorded_op(case, 0.7, 1.3) for case in BINARY
}


def test_every_op_has_a_derivative_test_case():
    covered = {op.name for op, _ in CASE_OPS.values()}
    assert covered == set(ops.OPS), f"ops without a case in op_cases.py: {set(ops.OPS) - covered}"


@pytest.mark.parametrize("op", ops.OPS.values(), ids=lambda op: op.name)
def test_every_op_has_a_symbol_and_a_derivative_text_per_input(op):
    assert op.symbol.strip()
    assert op.arity in (1, 2)
    assert len(op.latex) == op.arity
    assert all(text.strip() for text in op.derivative + op.latex)
    params = tuple(1.5 for _ in op.params)
    texts = op.texts(params)
    assert "$" not in texts["symbol"] + "".join(texts["derivative"] + texts["latex"])


def test_parameters_fill_the_texts():
    texts = ops.POWER_CONST.texts((3.0,))
    assert texts["symbol"] == "**3" and texts["derivative"] == ("3·x^(3−1)",)
    assert "0.2" in ops.LEAKY_RELU.texts((0.2,))["derivative"][0]


def test_the_inline_forwards_of_the_hot_ops_are_the_tables():
    a, b = 1.25, -3.5
    assert (Value(a) + b).data == ops.ADD.forward(a, b)
    assert (Value(a) - b).data == ops.SUB.forward(a, b)
    assert (Value(a) * b).data == ops.MUL.forward(a, b)


def _same(array_result, float_results) -> None:
    expected = np.array(float_results, dtype=float)
    got = np.broadcast_to(np.asarray(array_result, dtype=float), expected.shape)
    assert np.allclose(got, expected, rtol=1e-13, atol=1e-300, equal_nan=False), (got, expected)
    # signs of zero aside, 0 where the float gives 0
    assert np.array_equal(got == 0.0, expected == 0.0)


def _kink_points(name: str) -> list[float]:
    points = []
    for k in KINKS.get(name, ()):
        step = 1e-9 * max(1.0, abs(k))
        points += [k - step, k, k + step]
    return points


@pytest.mark.parametrize("case", UNARY, ids=lambda c: c.name)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_array_forward_and_rule_equal_the_float_ones_unary(case, data):
    op, params = CASE_OPS[case.name]
    xs = data.draw(st.lists(case.domain, min_size=1, max_size=20)) + _kink_points(case.name)
    if op.arity == 2:  # a number op a Value (x + 3, 2 ** x): the op of two inputs
        return  # covered through the binary cases
    grads = data.draw(st.lists(st.floats(-10, 10), min_size=len(xs), max_size=len(xs)))
    outs = [op.forward(*params, x) for x in xs]
    x_arr, g_arr, out_arr = np.array(xs), np.array(grads), np.array(outs)
    _same(op.forward_array(*params, x_arr), outs)
    floats = [op.rule(*params, g, out, x) for g, out, x in zip(grads, outs, xs)]
    _same(op.rule(*params, g_arr, out_arr, x_arr), floats)


@pytest.mark.parametrize("case", BINARY, ids=lambda c: c.name)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_array_forward_and_rule_equal_the_float_ones_binary(case, data):
    op, params = CASE_OPS[case.name]
    n = data.draw(st.integers(1, 20))
    a_s = data.draw(st.lists(case.left, min_size=n, max_size=n))
    b_s = data.draw(st.lists(case.right, min_size=n, max_size=n))
    grads = data.draw(st.lists(st.floats(-10, 10), min_size=n, max_size=n))
    outs = [op.forward(*params, a, b) for a, b in zip(a_s, b_s)]
    a_arr, b_arr, g_arr, out_arr = map(np.array, (a_s, b_s, grads, outs))
    _same(op.forward_array(*params, a_arr, b_arr), outs)
    floats = [op.rule(*params, g, o, a, b) for g, o, a, b in zip(grads, outs, a_s, b_s)]
    got = op.rule(*params, g_arr, out_arr, a_arr, b_arr)
    for i in range(2):
        _same(got[i], [f[i] for f in floats])


@pytest.mark.parametrize(
    "op, bad, error",
    [
        (ops.LOG, [1.0, -2.0], "log.*-2.0"),
        (ops.SQRT, [4.0, -1.0], "sqrt.*-1.0"),
        (ops.EXP, [1.0, 800.0], "exp.*800.0"),
    ],
    ids=["log", "sqrt", "exp"],
)
def test_array_domain_checks_name_the_op_and_the_first_bad_value(op, bad, error):
    with pytest.raises((ValueError, OverflowError), match=error):
        op.forward_array(np.array(bad))


def test_array_rule_domain_checks_name_the_value():
    with pytest.raises(ZeroDivisionError, match=r"sqrt.*x=0\.0"):
        ops.SQRT.rule(np.ones(2), np.array([1.0, 0.0]), np.array([1.0, 0.0]))
    with pytest.raises(ValueError, match=r"\*\*.*positive base.*-2\.0"):
        ops.POW.rule(np.ones(2), np.ones(2), np.array([2.0, -2.0]), np.array([1.0, 1.5]))


def test_chain_rule_is_the_step_backward_runs():
    """backward() equals chain_rule applied node by node, from the output back."""
    a, b, c = Value(2.0, "a"), Value(-3.0, "b"), Value(10.0, "c")
    out = ((a * b + c).tanh() * a + b.exp() / c).sigmoid() ** 2.0
    order = topological_order(out)
    grads = dict.fromkeys(order, 0.0)
    grads[out] = 1.0
    for node in reversed(order):
        for parent, amount in zip(node.parents, chain_rule(node, grads[node])):
            grads[parent] += amount
    out.backward()
    assert all(node.grad == grads[node] for node in order)
    # on Values, the same step gives the same numbers, with a graph of their own
    on_values = gradients(out, [a, b, c], create_graph=True)
    assert [g.data for g in on_values] == pytest.approx([a.grad, b.grad, c.grad], rel=1e-15)
    assert chain_rule(a, 1.0) == ()


def test_op_of_reads_ops_and_parameters_from_nodes():
    x = Value(0.3)
    assert ops.op_of(x) is None
    assert ops.op_of(x.leaky_relu(0.2)) == (ops.LEAKY_RELU, (0.2,))
    assert ops.op_of(x.softplus(beta=2.0)) == (ops.SOFTPLUS, (2.0, 20.0))
    assert ops.op_of(x**3) == (ops.POWER_CONST, (3.0,))
    assert ops.op_of(x.gelu("tanh"))[0] is ops.GELU_TANH
    assert x.gelu("tanh").op == "gelu_tanh"


def test_autograd_imports_without_numpy():
    import subprocess
    import sys

    code = "import autograd, sys; assert 'numpy' not in sys.modules, 'numpy imported'"
    subprocess.run([sys.executable, "-c", code], check=True)
    assert math.isfinite(ops.SIGMOID.forward(-1000.0))
