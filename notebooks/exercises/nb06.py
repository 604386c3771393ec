"""Exercises of notebook 6 (training an MLP): an SGD step by hand, the learning rate,
a forgotten ``zero_grad``, and Adam's first step.

Every checker computes the truth with the engine and the `nn` library.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from autograd import Value, no_grad
from nn import MLP, SGD, Adam, hinge_loss, l2_penalty, make_moons

from . import Exercise, checker, close, is_number, right, unanswered, wrong

# ------------------------------------------------------------- 1. an SGD step by hand


def _sgd_setup() -> tuple[MLP, MLP, float]:
    """Two identical small models whose parameters hold the gradients of a hinge loss."""
    X, y = make_moons(20, noise=0.1, seed=3)
    labels = (2 * y - 1).tolist()
    models = (MLP(2, [4, 1], seed=1), MLP(2, [4, 1], seed=1))
    for model in models:
        hinge_loss([model(x) for x in X.tolist()], labels).backward()
    return models[0], models[1], 0.1


@checker("a function sgd_step(parameters, lr)")
def check_sgd_step(sgd_step: Any) -> bool:
    """``sgd_step(parameters, lr)`` must update the parameters exactly as ``nn.SGD`` does."""
    if unanswered(sgd_step):
        return False
    if not callable(sgd_step):
        return wrong(
            "sgd_step must be a function (parameters, lr), got {kind}", kind=type(sgd_step).__name__
        )
    yours, reference, lr = _sgd_setup()
    before = [p.data for p in yours.parameters()]
    try:
        sgd_step(yours.parameters(), lr)
    except Exception as error:  # noqa: BLE001 - whatever the learner's function raised
        return wrong("sgd_step raised {error}", error=f"{type(error).__name__}: {error}")
    after = [p.data for p in yours.parameters()]
    if not all(is_number(a) for a in after):
        return wrong("sgd_step must leave a number in every p.data.")
    if after == before:  # the stub's body is still `...`: nothing moved
        unanswered(...)
        return False
    SGD(reference.parameters(), lr=lr).step()
    expected = [p.data for p in reference.parameters()]
    worst = max(abs(a - e) for a, e in zip(after, expected))
    if worst <= 1e-12:
        return right(
            "all {n} parameters equal nn.SGD's after one step (largest difference "
            "{worst:.1e}). The update is p.data -= lr * p.grad: a step against the gradient.",
            n=len(after),
            worst=worst,
        )
    uphill = all(
        close(a - b, lr * p.grad, rel=1e-9, abs_=1e-15)
        for a, b, p in zip(after, before, yours.parameters())
    )
    if uphill:
        return wrong(
            "every parameter moved WITH its gradient, which climbs the loss. "
            "Hint: the gradient points uphill; subtract lr * p.grad."
        )
    return wrong(
        "your parameters differ from nn.SGD's by up to {worst:.3g}. "
        "Hint: for every p, p.data -= lr * p.grad (leave p.grad as it is).",
        worst=worst,
    )


def _sgd_step_solution(parameters: Any, lr: float) -> None:
    for p in parameters:
        p.data -= lr * p.grad


def _sgd_step_uphill(parameters: Any, lr: float) -> None:
    for p in parameters:
        p.data += lr * p.grad


# ------------------------------------------------------------ 2. the learning rate

CANDIDATE_LRS = (0.01, 0.1, 0.3, 1.0, 3.0)


@lru_cache(maxsize=1)
def first_step_losses() -> tuple[float, dict[float, float]]:
    """The loss (hinge + L2 1e-4) of the notebook's moons model before, and after one SGD step
    from its starting weights with each candidate learning rate."""
    X, y = make_moons(100, noise=0.1, seed=0)
    rows, labels = X.tolist(), (2 * y - 1).tolist()

    def loss_of(model: MLP) -> Value:
        return hinge_loss([model(x) for x in rows], labels) + l2_penalty(model, 1e-4)

    before = loss_of(MLP(2, [16, 16, 1], seed=0)).data
    after = {}
    for lr in CANDIDATE_LRS:
        model = MLP(2, [16, 16, 1], seed=0)
        loss_of(model).backward()
        SGD(model.parameters(), lr=lr).step()
        with no_grad():
            after[lr] = loss_of(model).data
    return before, after


@checker("a list of learning rates, e.g. [0.1, 0.3]")
def check_first_step_lr(answer: Any) -> bool:
    """Which learning rates of CANDIDATE_LRS make the first step raise the loss."""
    if unanswered(answer):
        return False
    if (
        isinstance(answer, (str, bytes))
        or not isinstance(answer, (list, tuple, set, frozenset))
        or not all(is_number(a) for a in answer)
    ):
        return wrong(
            "give a list of learning rates, e.g. [0.1, 0.3]; got {answer!r}", answer=answer
        )
    chosen = {float(a) for a in answer}
    before, after = first_step_losses()
    truth = {lr for lr, loss in after.items() if loss > before}
    table = ", ".join(f"lr {lr:g}: {after[lr]:.3f}" for lr in CANDIDATE_LRS)
    if chosen == truth:
        return right(
            "the loss is {before:.3f} before the step; after it, {table}. A small step follows "
            "the slope downhill; a step that is too long jumps past the valley and lands higher.",
            before=before,
            table=table,
        )
    missing, extra = sorted(truth - chosen), sorted(chosen - truth)
    hint = (
        " Hint: run one step from MLP(2, [16, 16, 1], seed=0) with each learning rate and "
        "compare the loss with the loss before the step."
    )
    if missing and extra:
        return wrong(
            "{missing} also raise the loss, and {extra} lower it." + hint,
            missing=missing,
            extra=extra,
        )
    if missing:
        return wrong("{missing} also raise the loss." + hint, missing=missing)
    return wrong("{extra} lower it." + hint, extra=extra)


# ------------------------------------------------------------- 3. zero_grad forgotten


def weight_after_three_steps(clear: bool) -> tuple[float, list[float]]:
    """w, and w.grad at each step, after three SGD steps (lr 0.1) on the loss 3 w from w = 1,
    with or without ``optimizer.zero_grad()`` before each backward pass."""
    w = Value(1.0, "w")
    optimizer = SGD([w], lr=0.1)
    grads = []
    for _ in range(3):
        loss = 3 * w
        if clear:
            optimizer.zero_grad()
        loss.backward()  # without zero_grad the new gradient is added to the old one
        grads.append(w.grad)
        optimizer.step()
    return w.data, grads


@checker("a number")
def check_zero_grad_forgotten(answer: Any) -> bool:
    """w.data after three steps without zero_grad (loss 3 w, lr 0.1, w from 1)."""
    if unanswered(answer):
        return False
    if not is_number(answer):
        return wrong("give a number, not {kind}", kind=type(answer).__name__)
    truth, grads = weight_after_three_steps(clear=False)
    cleared, _ = weight_after_three_steps(clear=True)
    if close(answer, truth, rel=1e-9, abs_=1e-9):
        steps = ", ".join(f"{0.1 * g:.1f}" for g in grads)
        piled = " → ".join(f"{g:g}" for g in grads)
        return right(
            "w = {truth:.1f}. Without zero_grad, w.grad is {piled} (each backward adds 3 to "
            "what is there), so the steps are {steps}. Cleared each time, every step would be "
            "0.3 and w would end at {cleared:.1f}.",
            truth=truth,
            piled=piled,
            steps=steps,
            cleared=cleared,
        )
    if close(answer, cleared, rel=1e-9, abs_=1e-9):
        return wrong(
            "{cleared:.1f} is what three steps WITH zero_grad give (three steps of 0.3). "
            "Hint: without it, backward() adds the new gradient to the old one.",
            cleared=cleared,
        )
    return wrong(
        "{answer:g} is not it. Hint: write down w.grad after each backward() (it accumulates: "
        "3, then 3 + 3, ...) and each step lr * w.grad.",
        answer=float(answer),
    )


# ---------------------------------------------------------------- 4. Adam's first step


ADAM_LR, ADAM_GRADS = 0.05, (0.003, -30.0)


def adam_first_moves() -> tuple[float, float]:
    """How far one Adam step (lr 0.05) moves a parameter with gradient 0.003 and one with -30."""
    a, b = Value(0.0, "a"), Value(0.0, "b")
    (ADAM_GRADS[0] * a + ADAM_GRADS[1] * b).backward()
    Adam([a, b], lr=ADAM_LR).step()
    return abs(a.data), abs(b.data)


@checker("one number (the distance both parameters move)")
def check_adam_first_step(answer: Any) -> bool:
    """The size of Adam's first step (lr 0.05) for gradients 0.003 and -30: about lr for both."""
    if unanswered(answer):
        return False
    if not is_number(answer):
        return wrong(
            "give one number (the distance both parameters move), got {answer!r}", answer=answer
        )
    small, large = adam_first_moves()
    if close(answer, small, rel=1e-3) and close(answer, large, rel=1e-3):
        return right(
            "both move by {small:.6f} and {large:.6f}, i.e. lr = {lr}, whatever the "
            "gradient's size. On the first step Adam's m and v are g and g**2 (after the bias "
            "correction), so the step is lr * g / (|g| + eps): the sign of g times lr.",
            small=small,
            large=large,
            lr=ADAM_LR,
        )
    if any(close(answer, ADAM_LR * abs(g), rel=1e-3) for g in ADAM_GRADS):
        return wrong(
            "that is SGD's step (lr * |g|) for one of them. Hint: Adam divides each "
            "parameter's step by the running size of its own gradient."
        )
    return wrong(
        "{answer:g} is not it. Hint: on step 1, m = g and v = g**2 after bias correction; "
        "work out lr * m / (sqrt(v) + eps).",
        answer=float(answer),
    )


EXERCISES = [
    Exercise("sgd_step", check_sgd_step, _sgd_step_solution, _sgd_step_uphill),
    Exercise("first_step_lr", check_first_step_lr, [1.0, 3.0], [3.0]),
    Exercise("zero_grad_forgotten", check_zero_grad_forgotten, -0.8, 0.1),
    Exercise("adam_first_step", check_adam_first_step, 0.05, 0.00015),
]
