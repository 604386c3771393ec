"""Forward mode: Jacobian-vector products, pushed from the inputs to the outputs.

``jvp(f, primals, tangents)`` (JAX's signature) evaluates ``f`` at ``primals``
and, alongside, the directional derivative of ``f`` along ``tangents``::

    >>> jvp(lambda x, y: x * y, (2.0, 3.0), (1.0, 0.0))   # (x y, d(x y)/dx = y)
    (6.0, 3.0)

No derivative is written twice: ``f`` records its graph as usual, and each
node's tangent is the sum over its parents of (local partial derivative) x
(parent's tangent), the local partials being what the node's op rule sends back
for a gradient of 1 (`chain_rule(node, 1.0)`, one backprop step). Reverse mode
gets a whole gradient of f: R^n -> R from one pass; forward mode gets one
directional derivative per pass, so n passes for the gradient, but one pass
for a whole column of the Jacobian of f: R -> R^m.

``jvp`` of a function that returns Values with a graph of their own (such as
``grad(f)`` called on Values) differentiates that graph too: forward over
reverse, a Hessian-vector product.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .backprop import chain_rule
from .checks import to_float
from .graph import topological_order
from .value import Value


def _numbers(what: str, xs: object) -> list[float]:
    if not isinstance(xs, (list, tuple)):
        raise TypeError(
            f"jvp: {what} must be a tuple or list of numbers, got {type(xs).__name__}: {xs!r}"
        )
    result = []
    for i, x in enumerate(xs):
        if isinstance(x, Value) or isinstance(x, bool):
            kind = type(x).__name__
            raise TypeError(f"jvp: {what}[{i}] must be a real number, got {kind}: {x!r}")
        try:
            result.append(to_float(x, "jvp"))
        except TypeError:
            raise TypeError(
                f"jvp: {what}[{i}] must be a real number, got {type(x).__name__}: {x!r}"
            ) from None
    return result


def jvp(
    f: Callable[..., Any], primals: Sequence[float], tangents: Sequence[float]
) -> tuple[Any, Any]:
    """``(f(*primals), J_f(primals) @ tangents)``: f's value and its derivative along ``tangents``.

    ``primals`` and ``tangents`` are tuples or lists of numbers of the same
    length, one per argument of ``f``. ``f`` takes Values and returns a Value,
    or a list or tuple of Values; the result is then floats, or two lists (or
    tuples) of floats. A one-hot tangent (1 at position i, 0 elsewhere) gives
    the partial derivatives d f / d x_i.
    """
    if not callable(f):
        raise TypeError(f"jvp: f must be a function, got {type(f).__name__}: {f!r}")
    xs = _numbers("primals", primals)
    dxs = _numbers("tangents", tangents)
    if len(xs) != len(dxs):
        raise ValueError(
            f"jvp: expected one tangent per primal, {len(xs)} "
            f"tangent{'s' if len(xs) != 1 else ''}, got {len(dxs)}"
        )
    inputs = [Value(x, f"x{i}") for i, x in enumerate(xs)]
    output = f(*inputs)
    several = isinstance(output, (list, tuple))
    outputs = list(output) if several else [output]
    for i, out in enumerate(outputs):
        if not isinstance(out, Value):
            where = f" output {i}" if several else ""
            raise TypeError(
                f"jvp: f must return a Value or a list or tuple of Values, got{where} "
                f"{type(out).__name__}: {out!r}"
            )

    # An input's tangent is given; any other leaf (a constant, a Value f closed over) has 0.
    # Every other node: sum over its parents of d node / d parent x the parent's tangent.
    tangent: dict[Value, float] = dict(zip(inputs, dxs))
    for out in outputs:
        for node in topological_order(out):  # parents before children
            if node not in tangent:
                partials = chain_rule(node, 1.0)  # () for a leaf
                tangent[node] = sum(
                    (d * tangent[parent] for parent, d in zip(node.parents, partials)), 0.0
                )
    values = [out.data for out in outputs]
    derivatives = [tangent[out] for out in outputs]
    if not several:
        return values[0], derivatives[0]
    kind = type(output) if type(output) in (list, tuple) else list
    return kind(values), kind(derivatives)
