"""Which part each node plays in a diagram: input, parameter, constant, intermediate, output.

- output: the root that was drawn;
- parameter: a node passed in through ``params=`` (a model's ``.parameters()``
  or a list of Values): what training changes;
- constant: a plain number an op wrapped (``x * 2.0``: the 2.0);
- input: any other leaf (the Values you made yourself, usually labelled);
- intermediate: every other result of an op.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from autograd import Value

ROLES = ("input", "parameter", "constant", "intermediate", "output")


def parameter_set(params: Any, operation: str) -> set[Value]:
    """The Values named by ``params``: None, a model with ``.parameters()``, or an iterable."""
    if params is None:
        return set()
    if isinstance(params, Value):
        return {params}
    parameters = getattr(params, "parameters", None)
    if callable(parameters):
        params = parameters()
    if not isinstance(params, Iterable):
        raise TypeError(
            f"{operation}: params must be a model with .parameters() or a list of Values, "
            f"got {type(params).__name__}"
        )
    found: set[Value] = set()
    for i, p in enumerate(params):
        if not isinstance(p, Value):
            raise TypeError(
                f"{operation}: params[{i}] must be a Value, got {type(p).__name__}: {p!r}"
            )
        found.add(p)
    return found


def role_of(node: Value, root: Value, parameters: set[Value]) -> str:
    """The role of one node (see the module docstring for the rules, in order)."""
    if node is root:
        return "output"
    if node in parameters:
        return "parameter"
    if node.parents:
        return "intermediate"
    if node.is_constant:
        return "constant"
    return "input"


def classify(order: list[Value], root: Value, parameters: set[Value]) -> dict[Value, str]:
    """The role of every node of ``order``."""
    return {node: role_of(node, root, parameters) for node in order}
