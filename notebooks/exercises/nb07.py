"""Exercises of notebook 7 (from scalars to arrays): a plan's size and levels, a branch
frozen at trace time, and what ``jit(f, check=True)`` catches.

Every checker computes the truth with `autograd.jit` itself.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import nn
from autograd import JitError, Value, jit

from . import Exercise, checker, close, is_number, numbers_of, right, say, unanswered, wrong

# ---------------------------------------------------------------- 1. a small plan: nodes and levels


def small_neuron(a: Value, b: Value, c: Value) -> Value:
    """tanh(2 a + 3 b + c) * a: a chain of + (fused into one sum), a tanh and a reuse of a."""
    return (a * 2 + b * 3 + c).tanh() * a


def small_plan() -> tuple[int, int]:
    """(nodes after fusion, levels) of `small_neuron`'s plan, traced at (1, 2, 3)."""
    plan = jit(small_neuron).trace(1.0, 2.0, 3.0)
    return plan.nodes, plan.levels


@checker("a pair of whole numbers (nodes, levels)")
def check_small_plan(answer: Any) -> bool:
    """(nodes after fusion, levels) of the plan of tanh(2 a + 3 b + c) * a."""
    if unanswered(answer):
        return False
    pair = numbers_of(answer, 2)
    if pair is None:
        return wrong("give a pair of whole numbers: (nodes after fusion, levels).")
    nodes, levels = small_plan()
    if pair == (nodes, levels):
        return right(
            "{nodes} nodes (the arguments a, b, c, the constants 2 and 3, the two products, "
            "one sum for the whole chain of +, tanh and the last product) on {levels} levels: "
            "the products, the sum, tanh, the product.",
            nodes=nodes,
            levels=levels,
        )
    if pair[0] == nodes + 1:
        return wrong(
            "one node too many: the two + of the chain are fused into one n-ary sum. "
            "The levels: {hint}",
            hint=say("a node's level is one more than its deepest operand's; leaves are level 0."),
        )
    if pair[0] == nodes:
        return wrong(
            "the node count is right. A node's level is one more than its deepest operand's "
            "(leaves and constants are level 0): count the levels of the longest path."
        )
    return wrong(
        "count every node of the plan: the arguments and the constants too, and one sum for "
        "the whole chain of +. A node's level is one more than its deepest operand's."
    )


# ---------------------------------------------------------------- 2. a group's size and the batch

BATCH = 30


@lru_cache(maxsize=4)
def largest_product_group(samples: int) -> int:
    """Nodes in the largest `*` group of the notebook's moons step on ``samples`` points."""
    X, y = nn.make_moons(samples, noise=0.1, seed=0)
    targets = (2 * y - 1).tolist()
    model = nn.MLP(2, [16, 16, 1], seed=0)
    params = model.parameters()

    def step_loss(flat: Any) -> Value:
        scores = [model(flat[2 * i : 2 * i + 2]) for i in range(len(targets))]
        return nn.hinge_loss(scores, targets) + nn.l2_penalty(params, 1e-4)

    plan = jit(step_loss).trace(X.ravel())
    return max(g.size for g in plan.groups if g.name == "*")


@checker("a whole number")
def check_group_size(answer: Any) -> bool:
    """Nodes in the second layer's `*` group when the moons step has 30 samples."""
    if unanswered(answer):
        return False
    if not is_number(answer):
        return wrong("give a whole number, not {kind}", kind=type(answer).__name__)
    truth = largest_product_group(BATCH)
    if answer == truth:
        return right(
            "16 × 16 weights times {batch} samples: {truth} products, still one numpy call. "
            "A group grows with the batch; the number of levels and groups does not.",
            batch=BATCH,
            truth=truth,
        )
    if answer == 16 * 16:
        return wrong(
            "that is one sample's products. The plan replays the step for the whole batch."
        )
    return wrong(
        "{answer:g} is not it. The second layer multiplies each of its 16 × 16 weights by an "
        "input, once per sample.",
        answer=float(answer),
    )


# ---------------------------------------------------------------- 3. a branch frozen at trace time


def branchy(x: Value) -> Value:
    """2 x for a positive x, -x otherwise: a Python `if` on the data."""
    return x * 2 if x.data > 0 else -x


def frozen_branch() -> tuple[float, float]:
    """(compiled, eager) value at x = -3 of `branchy`, compiled after a first call at x = 1."""
    compiled = jit(branchy)
    compiled(1.0)  # the trace: x.data > 0, so the plan records x * 2
    return compiled(-3.0), branchy(Value(-3.0)).data


@checker("a number")
def check_frozen_branch(answer: Any) -> bool:
    """What jit(branchy), traced at 1, returns at -3."""
    if unanswered(answer):
        return False
    if not is_number(answer):
        return wrong("give a number, not {kind}", kind=type(answer).__name__)
    compiled, eager = frozen_branch()
    if close(float(answer), compiled):
        return right(
            "{compiled:g}: the trace at x = 1 took the branch x * 2, and the plan only "
            "records ops, not the `if`. Every later call replays x * 2, even at -3, where "
            "f itself gives {eager:g}.",
            compiled=compiled,
            eager=eager,
        )
    if close(float(answer), eager):
        return wrong(
            "{eager:g} is what f gives when run eagerly. The compiled function does not run "
            "the `if` again: which branch did the trace at x = 1 record?",
            eager=eager,
        )
    return wrong(
        "{answer:g} is not it. The first call (x = 1) is the trace; the plan replays the ops "
        "it recorded.",
        answer=float(answer),
    )


# ---------------------------------------------------------------- 4. what check=True catches


def baked(x: Value) -> Value:
    """x times a new leaf holding x's number: the number is read at trace time."""
    return x * Value(x.data)


def relu_twice(x: Value) -> Value:
    """2 relu(x): the branch is inside an op."""
    return x.relu() * 2


CHECK_CASES = {  # letter: (function, traced at, then called at)
    "a": (branchy, 1.0, 2.0),
    "b": (branchy, 1.0, -3.0),
    "c": (baked, 1.0, 2.0),
    "d": (relu_twice, 1.0, -3.0),
}


def raises_with_check() -> set[str]:
    """The cases whose second call raises JitError under jit(f, check=True)."""
    raising = set()
    for letter, (f, first, second) in CHECK_CASES.items():
        compiled = jit(f, check=True)
        compiled(first)
        try:
            compiled(second)
        except JitError:
            raising.add(letter)
    return raising


@checker('a list of letters, e.g. ["a"]')
def check_what_check_catches(answer: Any) -> bool:
    """Which of CHECK_CASES raise under jit(f, check=True)."""
    if unanswered(answer):
        return False
    if isinstance(answer, str):
        answer = [answer] if len(answer) == 1 else list(answer.replace(",", " ").split())
    if not isinstance(answer, (list, tuple, set, frozenset)) or not all(
        isinstance(a, str) for a in answer
    ):
        return wrong('give a list of letters, e.g. ["a"]; got {answer!r}', answer=answer)
    chosen = {a.strip().lower() for a in answer}
    unknown = sorted(chosen - set(CHECK_CASES))
    if unknown:
        return wrong(
            "{unknown} is not one of the cases {cases}.", unknown=unknown, cases=sorted(CHECK_CASES)
        )
    truth = raises_with_check()
    if chosen == truth:
        return right(
            "{truth}: check=True runs f eagerly beside the replay. In b the graph itself "
            "differs (the other branch); in c the graph is the same but a number read with "
            ".data at trace time was baked in, so the values differ. a takes the traced "
            "branch again, and d's branch is inside the relu op, which the plan replays.",
            truth=sorted(truth),
        )
    missing, extra = sorted(truth - chosen), sorted(chosen - truth)
    if extra:
        return wrong(
            "{extra} run without an error: the replay and the eager run agree there. "
            "Is the data-dependent choice made by Python, or inside an op?",
            extra=extra,
        )
    return wrong(
        "{missing} also raise. check=True compares the graph and every value with an eager "
        "run: a number read with .data at trace time is baked in.",
        missing=missing,
    )


EXERCISES = [
    Exercise("small_plan", check_small_plan, (10, 4), (11, 4)),
    Exercise("small_plan_as_list", check_small_plan, [10, 4], [10, 5]),
    Exercise("group_size", check_group_size, 16 * 16 * BATCH, 16 * 16 * 100),
    Exercise("frozen_branch", check_frozen_branch, -6.0, 3.0),
    Exercise("what_check_catches", check_what_check_catches, ["b", "c"], ["b"]),
]
