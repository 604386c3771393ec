"""Exercises of notebook 1 (derivatives and the computation graph)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from autograd import GradcheckError, Value, chain_rule, gradcheck, topological_order

from . import Exercise, checker, close, is_number, right, unanswered, unanswered_stub, wrong

# ---------------------------------------------------------------- 1. predict a gradient

PREDICT_POINT = {"a": 1.0, "b": 4.0, "c": 5.0}


def predict_expression(a: Value, b: Value, c: Value) -> Value:
    """M = (a + b) * (b - c): b is used twice."""
    return (a + b) * (b - c)


@checker("a number")
def check_predict_grad(answer: Any) -> bool:
    """The learner's dM/db for M = (a + b)(b - c) at a = 1, b = 4, c = 5."""
    if unanswered(answer):
        return False
    if not is_number(answer):
        return wrong("give a number, not {kind}", kind=type(answer).__name__)
    a, b, c = (Value(PREDICT_POINT[k], k) for k in "abc")
    M = predict_expression(a, b, c)
    M.backward()
    if close(float(answer), b.grad):
        return right(
            "dM/db = (b - c) + (a + b) = {grad:g}: b reaches M along two paths "
            "(through a + b and through b - c), and the two contributions add up.",
            grad=b.grad,
        )
    one_path = {(b - c).data, (a + b).data}
    if any(close(float(answer), v) for v in one_path):
        return wrong(
            "{answer:g} is the contribution of one path only. b is used twice: "
            "add the derivative through a + b and the one through b - c.",
            answer=float(answer),
        )
    return wrong(
        "{answer:g} is not it. Product rule: dM/db = (b - c) * d(a + b)/db + "
        "(a + b) * d(b - c)/db.",
        answer=float(answer),
    )


# ---------------------------------------------------------------- 2. a sin op

SIN_TEST_POINTS = (-2.0, -0.4, 0.0, 0.7, 2.5)


def make_sin(rule: Callable[..., Any]) -> Callable[[Value], Value]:
    """sin as a node of the graph, with the learner's rule (as the notebook builds it)."""

    def sin(x: Value) -> Value:
        return Value(math.sin(x.data), "", x, None, "sin", rule)

    return sin


@checker("a function rule(g, out, x)")
def check_sin_rule(answer: Any) -> bool:
    """The learner's rule(g, out, x) for sin, checked with gradcheck inside a bigger expression."""
    if unanswered_stub(answer, 1.0, 0.0, 0.0):
        return False
    if not callable(answer):
        return wrong("give a function rule(g, out, x) that returns what x receives.")
    try:
        probe = answer(1.0, math.sin(0.5), 0.5)
    except Exception as error:  # noqa: BLE001 - whatever the learner's rule raised
        return wrong("the rule raised {error}", error=f"{type(error).__name__}: {error}")
    if not is_number(probe):
        return wrong(
            "the rule must return a number (what x receives), got {kind}",
            kind=type(probe).__name__,
        )
    sin = make_sin(answer)
    try:
        for x in SIN_TEST_POINTS:
            # sin(x * x) * 3: the gradient arriving at sin is not 1, and x is not the input
            gradcheck(lambda v: sin(v * v) * 3.0, x)
    except GradcheckError as error:
        return wrong(
            "gradcheck disagrees: {error}. The rule gets g (the gradient arriving at "
            "sin's output), out = sin(x) and x; it must return g * d sin(x)/dx.",
            error=error,
        )
    except Exception as error:  # noqa: BLE001 - whatever the learner's rule raised
        return wrong("the rule raised {error}", error=f"{type(error).__name__}: {error}")
    return right(
        "g * cos(x) passes gradcheck at x = {points}.",
        points=", ".join(f"{x:g}" for x in SIN_TEST_POINTS),
    )


def sin_rule_solution(g: float, out: float, x: float) -> float:
    return g * math.cos(x)


def sin_rule_forgets_g(g: float, out: float, x: float) -> float:
    return math.cos(x)


# ---------------------------------------------------------------- 3. accumulate, don't overwrite


def accumulation_test_graph() -> tuple[Value, list[Value]]:
    """z = (x y + x) * y: x and y are each used twice."""
    x, y = Value(-2.0, "x"), Value(5.0, "y")
    return (x * y + x) * y, [x, y]


@checker("a function my_backward(root)")
def check_my_backward(answer: Any) -> bool:
    """The learner's backward(root), compared with the engine's on a graph with reused nodes."""
    if unanswered_stub(answer, Value(1.0) * 2.0):
        return False
    if not callable(answer):
        return wrong("give a function my_backward(root) that fills .grad.")
    z, leaves = accumulation_test_graph()
    z.backward()
    expected = [v.grad for v in leaves]
    z, leaves = accumulation_test_graph()
    try:
        answer(z)
    except Exception as error:  # noqa: BLE001 - whatever the learner's function raised
        return wrong("my_backward raised {error}", error=f"{type(error).__name__}: {error}")
    got = [v.grad for v in leaves]
    if not all(is_number(g) for g in got):
        return wrong("my_backward must leave a number in every .grad.")
    if all(close(g, e) for g, e in zip(got, expected)):
        return right(
            "dz/dx = {dx:g}, dz/dy = {dy:g}, as the engine: a node used twice "
            "adds up what each use sends back.",
            dx=got[0],
            dy=got[1],
        )
    return wrong(
        "for z = (x y + x) y the engine gives dz/dx = {ex:g}, dz/dy = {ey:g}, your "
        "function {dx:g} and {dy:g}. Does it add (+=) into parent.grad, or overwrite it (=)?",
        ex=expected[0],
        ey=expected[1],
        dx=got[0],
        dy=got[1],
    )


def my_backward_solution(root: Value) -> None:
    root.grad = 1.0
    for node in reversed(topological_order(root)):
        for parent, g in zip(node.parents, chain_rule(node, node.grad)):
            parent.grad += g


def my_backward_overwrites(root: Value) -> None:
    root.grad = 1.0
    for node in reversed(topological_order(root)):
        for parent, g in zip(node.parents, chain_rule(node, node.grad)):
            parent.grad = g


# ---------------------------------------------------------------- 4. sigmoid from exp

SIGMOID_TEST_POINTS = (-30.0, -3.0, -0.5, 0.0, 1.2, 4.0)


@checker("a function my_sigmoid(x) that returns a Value")
def check_sigmoid_from_exp(answer: Any) -> bool:
    """The learner's sigmoid built from exp, +, /: same values and gradients as Value.sigmoid."""
    if unanswered_stub(answer, Value(0.0)):
        return False
    if not callable(answer):
        return wrong("give a function my_sigmoid(x) that takes a Value and returns a Value.")
    for x in SIGMOID_TEST_POINTS:
        ours, theirs = Value(x), Value(x)
        try:
            built = answer(theirs)
        except Exception as error:  # noqa: BLE001 - whatever the learner's function raised
            return wrong(
                "my_sigmoid({x:g}) raised {error}", x=x, error=f"{type(error).__name__}: {error}"
            )
        if not isinstance(built, Value):
            return wrong("my_sigmoid must return a Value, got {kind}", kind=type(built).__name__)
        if built.op == "sigmoid":
            return wrong("build it from exp, + and /, not with .sigmoid() itself.")
        reference = ours.sigmoid()
        built.backward()
        reference.backward()
        if not (close(built.data, reference.data) and close(theirs.grad, ours.grad)):
            return wrong(
                "at x = {x:g}: yours gives {yours:.6g} (gradient {your_grad:.6g}), sigmoid "
                "gives {theirs:.6g} (gradient {their_grad:.6g}). sigmoid(x) = 1 / (1 + e^(-x)).",
                x=x,
                yours=built.data,
                your_grad=theirs.grad,
                theirs=reference.data,
                their_grad=ours.grad,
            )
    return right(
        "the same values and the same gradients as the one-op sigmoid: the chain rule "
        "through exp, + and / adds up to s (1 - s)."
    )


def my_sigmoid_solution(x: Value) -> Value:
    return 1 / (1 + (-x).exp())


def my_sigmoid_wrong_sign(x: Value) -> Value:
    return 1 / (1 + x.exp())


EXERCISES = [
    Exercise("predict_grad", check_predict_grad, 4.0, -1.0),
    Exercise("sin_rule", check_sin_rule, sin_rule_solution, sin_rule_forgets_g),
    Exercise("my_backward", check_my_backward, my_backward_solution, my_backward_overwrites),
    Exercise(
        "sigmoid_from_exp", check_sigmoid_from_exp, my_sigmoid_solution, my_sigmoid_wrong_sign
    ),
]
