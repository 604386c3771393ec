"""The functional API, as in HIPS autograd and JAX: derivatives of Python functions.

``grad(f)`` is a new function that returns df/dx. Called with floats it
returns floats; called with Values (which is what an outer ``grad`` passes
in) it returns Values that carry their own graph, so ``grad(grad(f))`` and
deeper nestings work for every op of the engine.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import Any, Literal, Union, overload

from . import backprop
from .checks import to_float
from .value import Value

ArgNums = Union[int, Sequence[int]]


@overload
def gradients(
    output: Value, inputs: Sequence[Value], create_graph: Literal[False] = False
) -> tuple[float, ...]: ...
@overload
def gradients(
    output: Value, inputs: Sequence[Value], create_graph: Literal[True]
) -> tuple[Value, ...]: ...
@overload
def gradients(
    output: Value, inputs: Sequence[Value], create_graph: bool
) -> tuple[Value, ...] | tuple[float, ...]: ...
def gradients(
    output: Value, inputs: Sequence[Value], create_graph: bool = False
) -> tuple[Value, ...] | tuple[float, ...]:
    """d output / d input for each input, without touching any ``.grad``.

    As `torch.autograd.grad`: with ``create_graph=True`` the gradients are
    Values whose own graph reaches back to the inputs, so they can be
    differentiated again (the backward walk, `backprop.walk`, run on Values);
    otherwise they are floats. An input that ``output`` does not depend on gets 0.
    """
    if not isinstance(output, Value):
        raise TypeError(f"gradients: output must be a Value, got {type(output).__name__}")
    for i, x in enumerate(inputs):
        if not isinstance(x, Value):
            raise TypeError(f"gradients: input {i} must be a Value, got {type(x).__name__}")
    if not create_graph:
        return backprop.float_gradients(output, inputs)
    wanted = set(inputs)
    totals: dict[Value, Value] = {}
    if output in wanted:
        totals[output] = Value._constant(1.0, "gradients")
    try:
        for step in backprop.walk(output, Value._constant(1.0, "gradients")):
            for parent, contribution in step.sends:
                if parent in wanted:
                    previous = totals.get(parent)
                    totals[parent] = contribution if previous is None else previous + contribution
    except OverflowError as error:
        raise OverflowError(f"gradients: {error}") from None
    zero = Value._constant(0.0, "gradients")
    return tuple(totals.get(x, zero) for x in inputs)


def _normalise_argnums(name: str, argnums: ArgNums) -> tuple[int, ...]:
    if isinstance(argnums, int) and not isinstance(argnums, bool):
        return (argnums,)
    try:
        if isinstance(argnums, bool):
            raise TypeError  # True is not argument 1
        nums = tuple(operator.index(i) for i in argnums)
    except TypeError:
        raise TypeError(
            f"{name}: argnums must be an int or a sequence of ints, got {argnums!r}"
        ) from None
    if not nums:
        raise ValueError(f"{name}: argnums must name at least one argument")
    return nums


def _evaluate(
    name: str, f: Callable[..., Any], argnums: ArgNums, args: tuple[Any, ...]
) -> tuple[Value, tuple[Value, ...], bool]:
    """Call f with the differentiated arguments as Values; return (output, inputs, nested)."""
    nums = _normalise_argnums(name, argnums)
    for i in nums:
        if not -len(args) <= i < len(args):
            raise IndexError(
                f"{name}: argnums {i} is out of range for a call with {len(args)} "
                f"argument{'s' if len(args) != 1 else ''}"
            )
    nested = any(isinstance(a, Value) for a in args)
    call_args = list(args)
    inputs = []
    for i in nums:
        arg = args[i]
        if not isinstance(arg, Value):
            try:
                arg = Value(to_float(arg, name), label=f"x{i % len(args)}")
            except TypeError:
                raise TypeError(
                    f"{name}: argument {i} must be a real number or a Value to be "
                    f"differentiated, got {type(arg).__name__}: {arg!r}"
                ) from None
            call_args[i] = arg
        inputs.append(arg)
    output = f(*call_args)
    if not isinstance(output, Value):
        kind = "a sequence" if isinstance(output, (list, tuple)) else type(output).__name__
        raise TypeError(
            f"{name}: the function must return a scalar Value that depends on its "
            f"arguments, got {kind}: {output!r}"
        )
    return output, tuple(inputs), nested


def value_and_grad(f: Callable[..., Any], argnums: ArgNums = 0) -> Callable[..., Any]:
    """A function returning ``(f(*args), df/d args[argnums])`` from one forward, one backward pass.

    The gradient is a float for an int ``argnums`` and a tuple for a sequence.
    With Value arguments both results are Values (for nesting).
    """
    single = isinstance(argnums, int) and not isinstance(argnums, bool)

    def value_and_grad_f(*args: Any) -> tuple[Any, Any]:
        output, inputs, nested = _evaluate("value_and_grad", f, argnums, args)
        grads = gradients(output, inputs, create_graph=nested)
        value: Any = output if nested else output.data
        return value, (grads[0] if single else grads)

    return value_and_grad_f


def grad(f: Callable[..., Any], argnums: ArgNums = 0) -> Callable[..., Any]:
    """The derivative of f with respect to argument ``argnums`` (d f / d x), as a function.

    >>> grad(lambda x: x ** 3)(2.0)           # 3 x^2
    12.0
    >>> grad(grad(lambda x: x ** 3))(2.0)     # 6 x
    12.0
    """
    value_and_grad_f = value_and_grad(f, argnums)

    def grad_f(*args: Any) -> Any:
        return value_and_grad_f(*args)[1]

    return grad_f


def hessian(f: Callable[..., Any]) -> Callable[..., list[list[float]]]:
    """The matrix of second derivatives d2 f / dx_i dx_j of a function of a few scalars."""

    def hessian_f(*args: Any) -> list[list[float]]:
        if not args:
            raise TypeError("hessian: the function needs at least one argument")
        output, inputs, _ = _evaluate("hessian", f, tuple(range(len(args))), args)
        first = gradients(output, inputs, create_graph=True)
        return [list(gradients(g, inputs)) for g in first]

    return hessian_f
