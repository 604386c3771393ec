"""One name per node, the same in every view: the picture, captions, formulas, tooltips,
panels and the what-if list.

- a labelled node is called by its label, unless another node has the same label: then
  each of them gets its number too (``b#5``), so no name belongs to two nodes;
- a parameter of a model gets its place, zero-based as `draw_model` numbers layers:
  ``L0.n1.w0`` is weight 0 of neuron 1 of layer 0, ``L1.n0.b`` a bias;
- an unlabelled node gets its expression when short and made of named inputs (``a*b``,
  ``tanh(n)``), else ``n`` and its number (``n7``). The explorer draws these names in the
  picture itself, so a caption never speaks of a node the learner cannot find.

A name used inside a formula is bracketed when it is not a plain word (``(a*b).grad``).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from autograd import Value, ops

MAX_EXPRESSION = 12  # characters: longer expressions read worse than a short number
INFIX = {"+": "+", "-": "−", "*": "*", "/": "/", "**": "**"}
PLAIN = re.compile(r"^(?:[\w.#′]+|[\w.]+\([\w.#′]+\)|\|[\w.#′]+\|)$")  # x, relu(x), |x|


def model_places(model: Any) -> dict[Value, str]:
    """``L0.n1.w0``-style names of a model's parameters (layers and neurons from 0)."""
    layers = getattr(model, "layers", None)
    if layers is None:
        neurons = getattr(model, "neurons", None)
        layers = [model] if neurons is not None else None
    if layers is None:
        return {}
    places: dict[Value, str] = {}
    for k, layer in enumerate(layers):
        for j, neuron in enumerate(getattr(layer, "neurons", [])):
            for i, w in enumerate(getattr(neuron, "w", [])):
                places[w] = f"L{k}.n{j}.w{i}"
            bias = getattr(neuron, "b", None)
            if isinstance(bias, Value):
                places[bias] = f"L{k}.n{j}.b"
    return places


def in_formula(name: str) -> str:
    """``name`` as it reads inside a formula: bracketed unless a plain word."""
    return name if PLAIN.match(name) else f"({name})"


def _expression(node: Value, names: dict[Value, str]) -> str | None:
    """A short expression for an unlabelled op node whose inputs have names of their own
    (labels or places, not expressions: nested ones read worse than a number), or None."""
    found = ops.op_of(node)
    if found is None or any(parent not in names for parent in node.parents):
        return None
    op, params = found
    inputs = [in_formula(names[parent]) for parent in node.parents]
    if len(inputs) == 2 and op.name in INFIX:
        text = f"{inputs[0]}{INFIX[op.name]}{inputs[1]}"
    elif len(inputs) == 1 and op.name.startswith("**"):
        text = f"{inputs[0]}{op.texts(params)['symbol']}"
    elif len(inputs) == 1 and op.name == "neg":
        text = f"−{inputs[0]}"
    elif len(inputs) == 1 and op.name == "abs":
        text = f"|{names[node.parents[0]]}|"
    elif len(inputs) == 1:
        text = f"{op.name}({names[node.parents[0]]})"
    else:
        return None
    return text if len(text) <= MAX_EXPRESSION else None


def node_names(order: list[Value], places: dict[Value, str] | None = None) -> dict[Value, str]:
    """The name of every node of ``order`` (topological), see the module docstring."""
    places = places or {}
    counts = Counter(node.label for node in order if node.label and node not in places)
    names: dict[Value, str] = {}
    for number, node in enumerate(order):
        if node in places:
            names[node] = places[node]
        elif node.label:
            names[node] = node.label if counts[node.label] == 1 else f"{node.label}#{number}"
    own = dict(names)
    taken = set(names.values())
    for number, node in enumerate(order):
        if node in names:
            continue
        name = _expression(node, own) if node.parents else None
        if name is None or name in taken:
            name = f"n{number}"
            while name in taken:
                name += "′"
        names[node] = name
        taken.add(name)
    return names
