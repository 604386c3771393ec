"""viz.explore without a browser: the state equals what the engine computes (steps, panels,
what-if), one name per node, what-if never touches the learner's Values, the byte budgets,
the health marks, practice answers, model mode and the saved page."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys

import pytest

import viz
from autograd import Value, topological_order
from nn import MLP
from viz.explorer import GraphExplorer, ModelExplorer, save_html
from viz.explorer.state import diff, slider_range
from viz.gallery import lecture_neuron
from viz.labels import format_number

KB = 1024


def filled(state: dict, text: str) -> str:
    """A template with its number slots filled in, as the front end shows it."""
    return re.sub(r"⟦(\d+)⟧", lambda m: state["num"][int(m.group(1))], text)


def captions(state: dict) -> list[str]:
    return [filled(state, line) for step in state["steps"] for line in step["caption"]]


def grads_at_end(state: dict) -> list[str]:
    """Every node's grad text after the last step, from the per-step deltas."""
    texts = [state["zero"]] * len(state["nodes"])
    for step in state["steps"][1:]:
        for i, slot, *_ in step["grads"]:
            texts[i] = state["num"][slot]
    return texts


def readme_example() -> tuple[Value, dict[str, Value]]:
    a, b, c = Value(2.0, "a"), Value(-3.0, "b"), Value(10.0, "c")
    return (a * b + c).tanh(), {"a": a, "b": b, "c": c}


def mlp_loss(hidden: tuple[int, ...] = (4, 4)) -> tuple[Value, MLP]:
    """MLP(2, [4, 4, 1]) on one point, squared error (106 value nodes)."""
    model = MLP(2, [*hidden, 1], seed=0)
    loss = (model([0.5, -1.0]) - 1.0) ** 2
    return loss, model


def test_the_steps_replay_backward_and_end_at_the_engines_gradients() -> None:
    o, nodes = lecture_neuron()
    explorer = GraphExplorer(o, params=[nodes["w1"], nodes["w2"], nodes["b"]])
    state = explorer.state()
    order = topological_order(o)
    assert len(state["steps"]) == 1 + sum(1 for n in order if n.parents)
    o.backward()
    assert grads_at_end(state) == [format_number(n.grad, 4) for n in order]
    assert state["num"][: len(order)] == [format_number(n.data, 4) for n in order]
    lines = captions(state)
    assert "Step 1 of 5: backward through tanh (o.grad = 1.0000)" in lines
    assert "n.grad += o.grad × ∂o/∂n = 1.0000 × 0.5000 = 0.5000" in lines
    assert "w1.grad += (x1*w1).grad × ∂(x1*w1)/∂w1 = 0.5000 × 2.0000 = 1.0000" in lines


def test_the_readme_example_names_every_node_by_a_name_it_draws() -> None:
    e, leaves = readme_example()
    explorer = GraphExplorer(e)
    state = explorer.state()
    names = [node["name"] for node in state["nodes"]]
    assert len(set(names)) == len(names)
    assert sorted(names) == sorted(["a", "b", "c", "a*b", "n4", "n5"])
    lines = captions(state)
    # The product a*b is never called a: a.grad changes only at the step where the leaf a
    # receives its gradient, and that line says so with the engine's numbers.
    e.backward()
    a_lines = [line for line in lines if line.startswith("a.grad")]
    assert a_lines == [
        f"a.grad += (a*b).grad × ∂(a*b)/∂a = {format_number(e.grad * (1 - e.data**2), 4)}"
        f" × {format_number(leaves['b'].data, 4)} = {format_number(leaves['a'].grad, 4)}"
    ]
    # Each name in the captions and the picture belongs to one node.
    svg = state["svg"]
    for name in names:
        assert f">{name}</text>" in svg
    for line in lines:
        for word in re.findall(r"([\w*()]+)\.grad", line):
            assert word.strip("()") in names, line


def test_a_node_labelled_like_an_operand_keeps_its_own_name() -> None:
    """L = d·f with a node labelled b elsewhere: the panel says ∂L/∂d = f, never ∂out/∂a = b."""
    a, b, c, f = Value(2.0, "a"), Value(-3.0, "b"), Value(10.0, "c"), Value(-2.0, "f")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    loss = d * f
    loss.label = "L"
    explorer = GraphExplorer(loss)
    state = explorer.state()
    i = explorer.index[explorer.root]
    (first, second) = state["panels"][i]["formulas"]
    assert first[0] == "∂L/∂d = f" and filled(state, first[2]) == format_number(f.data, 4)
    assert second[0] == "∂L/∂f = d" and filled(state, second[2]) == format_number(d.data, 4)


def test_an_mlp_names_its_parameters_by_their_place() -> None:
    loss, model = mlp_loss()
    explorer = GraphExplorer(loss, params=model, max_nodes=200)
    names = [explorer.names[leaf] for leaf in explorer.leaves]
    assert len(set(names)) == len(names) == len(model.parameters()) + 2
    assert "L0.n1.w0" in names and "L2.n0.b" in names  # zero-based, as draw_model
    index = explorer.index[explorer.leaf("L0.n1.w0")]
    (w,) = [p for p in model.parameters() if explorer.names_of.get(p) == "L0.n1.w0"]
    assert w is model.layers[0].neurons[1].w[0]
    assert explorer.state()["num"][index] == format_number(w.data, 4)


def test_duplicate_labels_get_their_number() -> None:
    x1, x2 = Value(1.0, "x"), Value(2.0, "x")
    y = x1 * x2
    names = [n["name"] for n in GraphExplorer(y).state()["nodes"]]
    assert len(set(names)) == len(names) and all(not name == "x" for name in names)


def test_a_constant_says_it_needs_no_gradient_and_never_that_its_derivative_is_0() -> None:
    x = Value(3.0, "x")
    y = x / 4.0
    y.label = "y"
    state = GraphExplorer(y).state()
    i = len(state["nodes"]) - 1
    formulas = state["panels"][i]["formulas"]
    constant = [f for f in formulas if state["nodes"][f[1]]["constant"]]
    assert constant and constant[0][2] is None  # no value shown beside the formula
    lines = captions(state)
    assert any("is a constant: its gradient is not needed" in line for line in lines)
    assert not any("0.0000 = 0.0000" in line for line in lines), lines


def test_what_if_never_touches_the_learners_values() -> None:
    o, nodes = lecture_neuron()
    order = topological_order(o)
    o.backward()
    before = [(n.data, n.grad) for n in order]
    explorer = GraphExplorer(o, params=[nodes["w1"], nodes["w2"], nodes["b"]])
    state = explorer.set_value("w1", -1.0)
    explorer.set_value(nodes["x1"], 3.0)
    assert [(n.data, n.grad) for n in order] == before
    fresh = lecture_neuron(-1.0)[0]
    fresh_nodes = topological_order(fresh)
    fresh.backward()
    assert grads_at_end(state) == [format_number(n.grad, 4) for n in fresh_nodes]
    reset = explorer.reset()
    assert reset["num"] == explorer.__class__(o, params=[nodes["w1"]]).state()["num"]
    assert [(n.data, n.grad) for n in order] == before
    assert [leaf["value"] for leaf in reset["leaves"]] == [
        leaf["built"] for leaf in reset["leaves"]
    ]


def test_a_refused_value_shows_the_engines_error_and_changes_nothing() -> None:
    a = Value(2.0, "a")
    out = a.log()
    out.label = "out"
    explorer = GraphExplorer(out)
    good = explorer.state()
    state = explorer.set_value("a", -1.0)
    with pytest.raises(ValueError) as engine:
        Value(-1.0).log()
    assert str(engine.value) in state["error"] and "a = -1.0" in state["error"]
    assert state["num"] == good["num"] and state["leaves"] == good["leaves"]
    assert a.data == 2.0 and out.data == math.log(2.0)
    assert explorer.set_value("a", 4.0)["error"] == ""


def test_byte_budgets_and_one_backward_per_change(monkeypatch) -> None:
    """MLP(2, [4, 4, 1]) on one point: the first state ≤ 300 KB, one change ≤ 30 KB."""
    pytest.importorskip("anywidget")
    from viz.explorer import state as state_module
    from viz.explorer.widget import Explorer

    loss, model = mlp_loss()
    assert len(topological_order(loss)) == 106
    widget = Explorer(GraphExplorer(loss, params=model, max_nodes=200))
    first = len(json.dumps(widget.state, ensure_ascii=False).encode("utf-8"))
    assert first <= 300 * KB, first
    replays = []
    real = state_module.replay
    monkeypatch.setattr(state_module, "replay", lambda *a, **k: replays.append(1) or real(*a, **k))
    widget._on_message(widget, {"type": "set", "node": 2, "value": 0.25}, [])
    assert len(replays) == 1
    assert 0 < widget.sent_bytes <= 30 * KB, widget.sent_bytes
    # The patch applied to the first state gives the new state.
    patched = json.loads(json.dumps(widget.state))
    for path, value in diff(widget.state, widget.current):
        target = patched
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    assert patched == json.loads(json.dumps(widget.current))


def test_a_saved_page_of_250_nodes_is_small(tmp_path) -> None:
    xs = [Value(0.1 * i, f"x{i}") for i in range(51)]
    total = xs[0]
    for x in xs[1:]:
        total = (total + x * 0.5).tanh()
    order = topological_order(total)
    assert 240 <= len(order) <= 260
    with pytest.raises(ValueError, match="max_nodes"):
        save_html(total, tmp_path / "refused.html")
    page = save_html(total, tmp_path / "big.html", max_nodes=300)
    assert page.stat().st_size <= 3 * 1024 * KB, page.stat().st_size


def test_the_state_module_imports_no_numpy_and_no_matplotlib() -> None:
    code = (
        "import sys, viz.explorer.state as s; "
        "print(sorted(m for m in ('numpy', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_health_marks_dead_relus_saturated_units_and_vanished_gradients() -> None:
    x = Value(-2.0, "x")
    dead = x.relu()
    dead.label = "r"
    s = Value(8.0, "z").sigmoid()  # slope σ(8)(1 − σ(8)) ≈ 3.4e-4: saturated
    s.label = "s"
    out = dead + s
    out.label = "out"
    explorer = GraphExplorer(out)
    state = explorer.state()
    marks = {(state["nodes"][i]["name"], mark) for i, mark in state["health"]}
    assert ("r", "dead") in marks and ("s", "saturated") in marks
    assert ("out", "vanished") not in marks
    chain = Value(0.5, "x0")
    for _ in range(8):
        chain = chain.sigmoid()
    state = GraphExplorer(chain).state()
    vanished = {state["nodes"][i]["name"] for i, mark in state["health"] if mark == "vanished"}
    chain.backward()
    order = topological_order(chain)
    expected = {n.label or "" for n in order if abs(n.grad) < 1e-3}
    assert "x0" in vanished and expected <= vanished | {""}


def test_practice_answers_are_the_engines_gradients_after_each_step() -> None:
    o, nodes = lecture_neuron()
    explorer = GraphExplorer(o)
    state = explorer.state()
    from viz.flow import replay

    flow = replay(o)
    for step, grads in zip(state["steps"][1:], flow.grads_after()):
        question = step["practice"]
        receiver = topological_order(o)[question["node"]]
        assert question["value"] == grads[receiver]
        assert all(
            step["caption"][k].startswith(state["nodes"][question["node"]]["name"])
            or step["caption"][k].startswith("(")
            for k in question["why"]
        )


def test_model_mode_numbers_layers_from_zero_and_opens_each_neuron() -> None:
    model = MLP(2, [3, 1], activation="tanh", seed=0)
    explorer = ModelExplorer(model, [0.5, -1.0])
    state = explorer.state()
    assert state["neurons"] == ["c1_n0", "c1_n1", "c1_n2", "c2_n0"]
    assert state["places"]["c2_n0"] == "layer 1, neuron 0"
    hidden = [neuron([0.5, -1.0]).data for neuron in model.layers[0].neurons]
    assert state["activations"]["c1_n1"] == format_number(hidden[1], 4)
    last = explorer.explorer("c2_n0")
    assert last.title.startswith("layer 1, neuron 0")
    assert last.root.data == pytest.approx(model([0.5, -1.0]).data, rel=1e-15)
    names = {last.names[leaf] for leaf in last.leaves}
    assert {"L1.n0.w0", "L1.n0.b", "x0"} <= names
    weight = model.layers[1].neurons[0].w[0].data
    last.set_value("L1.n0.w0", 5.0)
    assert model.layers[1].neurons[0].w[0].data == weight  # copies: the model is untouched


def test_widget_messages() -> None:
    pytest.importorskip("anywidget")
    o, nodes = lecture_neuron()
    widget = viz.explore(o, params=[nodes["w1"], nodes["w2"], nodes["b"]])
    assert repr(widget) == "<viz.explore: 10 nodes, 6 steps>"
    widget._on_message(widget, {"type": "set", "node": 0, "value": 0.25}, [])
    assert widget.current["leaves"][0]["value"] == 0.25
    assert widget.state["leaves"][0]["value"] != 0.25  # the trait keeps the first state
    widget._on_message(widget, {"type": "reset"}, [])
    assert widget.current["leaves"] == widget.state["leaves"]
    model = MLP(2, [2, 1], seed=1)
    widget = viz.explore(model, [1.0, 2.0])
    assert widget.model_state["svg"] and not widget.state
    widget._on_message(widget, {"type": "open", "neuron": "c1_n1"}, [])
    assert widget.state["title"].startswith("layer 0, neuron 1")
    widget._on_message(widget, {"type": "close"}, [])
    assert widget.state == {}


def test_bad_arguments() -> None:
    o, _ = lecture_neuron()
    explorer = GraphExplorer(o)
    with pytest.raises(ValueError, match="no input or parameter 'n'"):
        explorer.set_value("n", 1.0)
    with pytest.raises(TypeError, match="real number"):
        explorer.set_value("w1", "1.0")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="model"):
        viz.explore(3.0)
    with pytest.raises(TypeError, match="only apply to a graph"):
        viz.explorer.make_explorer(MLP(2, [1], seed=0), x=[1, 2], rankdir="TB")


def test_slider_ranges_are_centred_on_the_value() -> None:
    assert slider_range(0.0)[:2] == (-1.0, 1.0)
    low, high, step = slider_range(-3.0)
    assert (low, high) == (-9.0, 3.0) and 0 < step < 0.1


def test_the_saved_page_is_self_contained_deterministic_and_escaped(tmp_path) -> None:
    x = Value(1.0, "</script><!-- x\u2028")
    y = x * 2.0
    first = save_html(y, tmp_path / "a.html").read_text(encoding="utf-8")
    x2 = Value(1.0, "</script><!-- x\u2028")
    second = save_html(x2 * 2.0, tmp_path / "b.html").read_text(encoding="utf-8")
    assert first == second
    assert "export default" not in first
    assert not re.search(r"(src|href)=\"https?:", first)
    data = re.search(r'id="explorer-data">(.*?)</script>', first, re.S).group(1)
    assert "<" not in data and "\u2028" not in data
    page = json.loads(data)
    assert "</script><!-- x\u2028" in [node["name"] for node in page["state"]["nodes"]]
