"""A computation graph as JSON and back, for the live explorer page: the learner's graph,
built in Python, is rebuilt in the browser (Pyodide), node for node, with the same ops.

Each node records its data, label, parents (indices into the list, which is in
topological order, the root last), whether it is a constant, and what made it (its
`autograd.ops.Applied` record): the op's name in the op table, its parameters (leaky_relu's
slope, the power of ``**n``) and which operand, if any, was a plain number. The rebuilt node
gets the op's own record for those (`Op.applied`), so it runs forward, backward and what-if
exactly as the original.
"""

from __future__ import annotations

from typing import Any

from autograd import Value, ops, topological_order

FORMAT = 1


def _made_by(node: Value) -> dict[str, Any]:
    record = node.record
    if record is None or record.op is None or ops.OPS.get(record.op.name) is not record.op:
        raise ValueError(
            f"graph_to_json: node {node.label or node.op!r} was made with a rule of its own "
            f"(op {node.op!r}), which the op table cannot rebuild"
        )
    return {"op": record.op.name, "params": list(record.params), "constant": record.constant}


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
            entry["made_by"] = _made_by(node)
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
            made_by = entry["made_by"]
            op = ops.OPS.get(made_by["op"])
            if op is None:
                raise ValueError(f"graph_from_json: no op {made_by['op']!r} in the op table")
            record = op.applied(*made_by["params"], constant=made_by["constant"])
            second = parents[1] if len(parents) > 1 else None
            node = Value(float(entry["data"]), entry["label"], parents[0], second, record)
            node.is_constant = bool(entry["constant"])
        nodes.append(node)
    if not nodes:
        raise ValueError("graph_from_json: the graph has no nodes")
    return nodes
