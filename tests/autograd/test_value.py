"""`Value`: construction, conversions, identity, repr, and every bad input."""

from __future__ import annotations

import math
import operator
from fractions import Fraction

import numpy as np
import pytest

from autograd import Value


@pytest.mark.parametrize(
    "raw, expected",
    [
        (3, 3.0),
        (True, 1.0),
        (False, 0.0),
        (2.5, 2.5),
        (np.float32(1.5), 1.5),
        (np.float64(-2.25), -2.25),
        (np.int64(7), 7.0),
        (np.bool_(True), 1.0),
        (Fraction(1, 4), 0.25),
    ],
)
def test_numbers_are_converted_to_python_floats(raw, expected):
    v = Value(raw)
    assert type(v.data) is float and v.data == expected
    assert type(v.grad) is float and v.grad == 0.0


@pytest.mark.parametrize(
    "bad, type_name",
    [
        ("1.0", "str"),
        (None, "NoneType"),
        (1 + 2j, "complex"),
        ([1.0], "list"),
        (np.array(1.0), "ndarray"),
        (np.array([1.0, 2.0]), "ndarray"),
        (np.complex128(1), "complex128"),
    ],
)
def test_anything_else_is_a_type_error_naming_the_type(bad, type_name):
    with pytest.raises(TypeError, match=type_name):
        Value(bad)


@pytest.mark.parametrize(
    "symbol, apply",
    [
        ("+", operator.add),
        ("-", operator.sub),
        ("*", operator.mul),
        ("/", operator.truediv),
        ("**", operator.pow),
    ],
)
def test_combining_with_a_non_number_names_the_op_and_type(symbol, apply):
    v = Value(2.0)
    with pytest.raises(TypeError, match=rf"\{symbol}.*str"):
        apply(v, "x")
    with pytest.raises(TypeError, match="NoneType"):
        apply(None, v)


def test_leaf_attributes():
    v = Value(1.0, label="x")
    assert (v.label, v.op, v.parents, v.is_constant) == ("x", "", (), False)


def test_ops_record_parents_in_operand_order_and_the_op_name():
    a, b = Value(1.0), Value(2.0)
    assert (a - b).parents == (a, b) and (a - b).op == "-"
    assert (b / a).parents == (b, a) and (b / a).op == "/"
    assert (a**2).op == "**2" and (a**0.5).op == "**0.5" and (a**b).op == "**"
    assert a.tanh().op == "tanh" and (-a).op == "neg" and abs(a).op == "abs"


def test_numbers_met_in_ops_become_constant_leaves():
    a = Value(3.0)
    for node in (a * 2, 2 * a, a + 1, 1 - a, 2 / a, 2**a):
        (const,) = [p for p in node.parents if p is not a]
        assert const.is_constant and const.op == "" and const.parents == ()


def test_arithmetic_values():
    a, b = Value(6.0), Value(-4.0)
    assert (a + b).data == 2.0 and (3 + a).data == 9.0 and (a + 0.5).data == 6.5
    assert (a - b).data == 10.0 and (1 - a).data == -5.0
    assert (a * b).data == -24.0 and (0.5 * a).data == 3.0
    assert (a / b).data == -1.5 and (3 / a).data == 0.5
    assert (a**2).data == 36.0 and (2**a).data == 64.0 and (a ** Value(0.5)).data == math.sqrt(6)
    assert (-a).data == -6.0 and abs(b).data == 4.0 and b.abs().data == 4.0
    assert sum([a, b, a]).data == 8.0


def test_augmented_assignment_makes_new_nodes():
    a = Value(1.0)
    b = a
    b += 2
    b *= 3
    assert b is not a and a.data == 1.0 and b.data == 9.0
    b.backward()
    assert a.grad == 3.0


def test_identity_semantics_for_equality_and_hashing():
    a, b = Value(1.0), Value(1.0)
    assert a != b and a == a
    assert len({a, b, a}) == 2
    assert {a: "a"}[a] == "a"


def test_ordering_compares_data():
    a, b = Value(1.0), Value(2.0)
    assert a < b and a <= b and b > a and b >= a and not (a > b)
    assert a < 1.5 and a >= 1 and b > 1


def test_numpy_scalars_on_the_left_give_values():
    a = Value(2.0)
    for result in (np.float64(3.0) * a, np.float32(3.0) + a, np.int64(3) - a):
        assert isinstance(result, Value)
    assert (np.float64(3.0) * a).data == 6.0


def test_repr_is_short_and_readable():
    o = Value(math.sqrt(0.5), label="o").tanh()
    o.label = "o"
    o.grad = 0.5
    assert repr(o) == "Value(data=0.6089, grad=0.5, label='o', op='tanh')"
    assert repr(Value(2)) == "Value(data=2, grad=0)"


def test_float_and_item():
    v = Value(2.5)
    assert float(v) == 2.5 and v.item() == 2.5


@pytest.mark.parametrize(
    "make, error, words",
    [
        (lambda: Value(-1.0).log(), ValueError, r"log.*-1\.0"),
        (lambda: Value(0.0).log(), ValueError, r"log.*0\.0"),
        (lambda: Value(-4.0).sqrt(), ValueError, r"sqrt.*-4\.0"),
        (lambda: Value(0.0) ** -1, ZeroDivisionError, r"pow.*0"),
        (lambda: 0 ** Value(-1.0), ZeroDivisionError, r"pow.*0"),
        (lambda: Value(-2.0) ** 0.5, ValueError, r"pow.*-2\.0.*0\.5"),
        (lambda: Value(-2.0) ** Value(1.5), ValueError, r"pow.*-2\.0.*1\.5"),
        (lambda: Value(710.0).exp(), OverflowError, r"exp.*710"),
        (lambda: Value(1.0) / 0, ZeroDivisionError, r"/.*1\.0"),
        (lambda: 1 / Value(0.0), ZeroDivisionError, r"/.*0\.0"),
        (lambda: Value(1e200) * 1e200, OverflowError, r"\*.*1e\+200"),
        (lambda: Value(1e308) + 1e308, OverflowError, r"\+.*1e\+308"),
        (lambda: Value(10.0) ** 400, OverflowError, r"pow.*10\.0"),
        (lambda: Value(1.0).gelu("fast"), ValueError, r"gelu.*'none', 'tanh'.*fast"),
    ],
)
def test_domain_errors_name_the_op_and_the_value(make, error, words):
    with pytest.raises(error, match=words):
        make()


def test_derivative_errors_at_the_edge_of_the_domain():
    x = Value(0.0)
    y = x.sqrt()
    with pytest.raises(ZeroDivisionError, match="sqrt.*infinite"):
        y.backward()
    base = Value(-2.0)
    z = base ** Value(3.0)  # fine forward: an integer power of a negative base
    assert z.data == -8.0
    with pytest.raises(ValueError, match="exponent.*positive base.*-2.0"):
        z.backward()


def test_negative_base_to_integer_power_and_zero_base():
    x = Value(-2.0)
    y = x**3
    y.backward()
    assert y.data == -8.0 and x.grad == 12.0
    zero = Value(0.0)
    (zero**2).backward()
    assert zero.grad == 0.0
    e = Value(2.0)
    (0**e).backward()  # 0^y is flat in y for y > 0
    assert e.grad == 0.0


def test_detach_returns_a_leaf_copy():
    x = Value(2.0, label="x")
    y = (x * 3).detach()
    assert (y.data, y.parents, y.op) == (6.0, (), "")
    z = x.detach()
    assert z is not x and z.label == "x"


def test_maximum_and_minimum_take_numbers_on_either_side():
    x = Value(3.0)
    for out, data, grad in [
        (x.maximum(5), 5.0, 0.0),
        (Value.maximum(1, x), 3.0, 1.0),
        (x.minimum(1.5), 1.5, 0.0),
        (Value.minimum(4, x), 3.0, 1.0),
    ]:
        x.grad = 0.0
        out.backward()
        assert (out.data, x.grad) == (data, grad)
        assert any(p.is_constant for p in out.parents)
    with pytest.raises(TypeError, match="max.*str"):
        x.maximum("2")
