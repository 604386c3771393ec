"""The reading path of docs/guide/engine.md names real code, in a few hundred lines at most."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# What a learner reads, in order, to understand `a * b` and then `backward()`.
READING_PATH = [
    ("autograd/ops.py", "MUL"),
    ("autograd/ops.py", "Applied"),
    ("autograd/value.py", "Value.__mul__"),
    ("autograd/value.py", "Value.__init__"),
    ("autograd/graph.py", "topological_order"),
    ("autograd/backprop.py", "chain_rule"),
    ("autograd/backprop.py", "Step"),
    ("autograd/backprop.py", "walk"),
    ("autograd/backprop.py", "backward"),
    ("autograd/backprop.py", "_propagate_floats"),
]


def definition(path: str, qualified: str) -> ast.stmt:
    body = ast.parse((ROOT / path).read_text()).body
    found: ast.stmt | None = None
    for part in qualified.split("."):
        found = next(
            node
            for node in body
            if getattr(node, "name", None) == part
            or (isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == part)
        )
        body = getattr(found, "body", [])
    assert found is not None
    return found


def test_the_reading_path_is_named_in_the_guide_and_short():
    guide = (ROOT / "docs/guide/engine.md").read_text()
    section = guide[guide.index("### Reading path") : guide.index("### Adding an op")]
    lines = 0
    for path, name in READING_PATH:
        assert f"`{path}`" in section
        assert f"`{name.split('.')[-1]}`" in section or f"`{name}`" in section
        node = definition(path, name)
        assert node.end_lineno is not None
        lines += node.end_lineno - node.lineno + 1
    assert lines <= 220  # "about 200 lines"


def test_backprop_opens_with_the_algorithm():
    """chain_rule, walk and the backward loop come before any bookkeeping."""
    body = ast.parse((ROOT / "autograd/backprop.py").read_text()).body
    names = [node.name for node in body if isinstance(node, (ast.FunctionDef, ast.ClassDef))]
    assert names[:5] == ["chain_rule", "Step", "walk", "backward", "_propagate_floats"]
