"""A computation graph as JSON and back, for the live explorer page: the learner's graph,
built in Python, is rebuilt in the browser (Pyodide), node for node, with the same ops.

Each node records its data, label, parents (indices into the list, which is in
topological order, the root last), whether it is a constant, and how it was made: the
op's name in the op table (`autograd.ops.OPS`), which of its rules (0 the rule, 1, 2, ...
its constant-operand rules) and the rule's parameters (leaky_relu's slope, the power of
``**n``). The rebuilt node is made as the engine makes it, so `autograd.ops.op_of` finds
the same op and forward, backward and what-if run exactly as on the original.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from autograd import Value, ops, topological_order

FORMAT = 1


def _rule_of(node: Value) -> dict[str, Any]:
    rule = node._backward
    is_partial = type(rule) is partial
    func, params = (rule.func, list(rule.args)) if is_partial else (rule, [])
    for op in ops.OPS.values():
        rules = (op.rule, *op.constant_rules)
        if func in rules:
            return {
                "table": op.name,
                "which": rules.index(func),
                "params": [float(p) for p in params],
                "partial": is_partial,
            }
    raise ValueError(
        f"graph_to_json: node {node.label or node.op!r} was made with a rule of its own "
        f"(op {node.op!r}), which the op table cannot rebuild"
    )


def graph_to_json(root: Value) -> dict[str, Any]:
    """Every node below ``root`` as JSON-ready data (see the module docstring)."""
    if not isinstance(root, Value):
        raise TypeError(f"graph_to_json: expected a Value, got {type(root).__name__}")
    order = topological_order(root)
    index = {node: i for i, node in enumerate(order)}
    nodes = []
    for node in order:
        entry: dict[str, Any] = {
            "data": node.data,
            "label": node.label,
            "parents": [index[p] for p in node.parents],
            "constant": node.is_constant,
        }
        if node.parents:
            entry["op"] = node.op
            entry["rule"] = _rule_of(node)
        nodes.append(entry)
    return {"format": FORMAT, "nodes": nodes}


def graph_from_json(data: dict[str, Any]) -> list[Value]:
    """The nodes `graph_to_json` described, rebuilt; the root is the last one."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"graph_from_json: expected data of format {FORMAT} from graph_to_json")
    nodes: list[Value] = []
    for i, entry in enumerate(data["nodes"]):
        if any(not 0 <= p < i for p in entry["parents"]):
            raise ValueError(f"graph_from_json: node {i} names a parent that comes after it")
        parents = [nodes[p] for p in entry["parents"]]
        if not parents:
            node = Value(float(entry["data"]), entry["label"])
            node.is_constant = bool(entry["constant"])
        else:
            rule = entry["rule"]
            op = ops.OPS.get(rule["table"])
            if op is None:
                raise ValueError(f"graph_from_json: no op {rule['table']!r} in the op table")
            func = (op.rule, *op.constant_rules)[rule["which"]]
            backward = partial(func, *rule["params"]) if rule["partial"] else func
            second = parents[1] if len(parents) > 1 else None
            node = Value(
                float(entry["data"]), entry["label"], parents[0], second, entry["op"], backward
            )
            node.is_constant = bool(entry["constant"])
        nodes.append(node)
    if not nodes:
        raise ValueError("graph_from_json: the graph has no nodes")
    return nodes
