"""The live explorer page's Python (viz.explorer.session): the graph rebuilt from the saved
data gives the state the learner's explorer started from, names included, and answers
what-if as the widget's explorer does; what the live page refuses, with the reason."""

from __future__ import annotations

import json

import pytest

from autograd import Value
from viz import save_html
from viz.explorer.session import LiveSession, session_data
from viz.explorer.state import GraphExplorer


def test_the_session_rebuilds_the_explorer_the_learner_saw() -> None:
    from nn import MLP

    model = MLP(2, [2, 1], activation="tanh", seed=3)
    out = model([0.5, -1.0])
    first = GraphExplorer(out, params=model).state()  # what the saved page starts from
    explorer = GraphExplorer(out, params=model)
    explorer.set_value(explorer.ids[explorer.leaves[0]], 2.0)  # what-if before saving
    session = LiveSession(json.dumps(session_data(explorer)))
    assert session.base == first  # names (model places) and numbers alike
    explorer = GraphExplorer(out, params=model)
    explorer.state()  # laid out at the built values, as the page was
    leaf = explorer.leaves[-1]
    answer = json.loads(
        session.handle(json.dumps({"type": "set", "node": explorer.index[leaf], "value": 0.25}))
    )
    assert answer["type"] == "patch" and answer["patch"]
    assert session.current == explorer.set_value(explorer.ids[leaf], 0.25)
    assert session.handle(json.dumps({"type": "open", "neuron": "c1_n0"})) == ""


def test_live_needs_a_graph_and_pyodide(tmp_path) -> None:
    from nn import MLP

    with pytest.raises(TypeError, match="live page explores a graph"):
        save_html(MLP(2, [2, 1], seed=0), tmp_path / "m", x=[0.5, 1.0], live=True)
    with pytest.raises(FileNotFoundError, match="npm ci"):
        save_html(Value(1.0, "x").tanh(), tmp_path / "g", live=True, pyodide=tmp_path)
    with pytest.raises(ValueError, match="explore: names must name the 2 nodes, got 1"):
        GraphExplorer(Value(1.0, "x").tanh(), names=["x"])
