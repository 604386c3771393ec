"""viz.explore without a browser: the state the front end shows equals what the engine
computes (steps, panels, what-if), the widget's messages, and the saved page."""

from __future__ import annotations

import io
import json
import math
import re
import xml.etree.ElementTree as ET

import pytest
from matplotlib import mathtext

import viz
from autograd import Value, ops, topological_order
from nn import MLP
from viz.explore import GraphExplorer, ModelExplorer, save_html, slider_range
from viz.gallery import lecture_neuron
from viz.labels import format_number
from viz.steps import replay_backward

SVG = "{http://www.w3.org/2000/svg}"


def neuron_explorer() -> tuple[GraphExplorer, dict[str, Value]]:
    o, nodes = lecture_neuron()
    return GraphExplorer(o, params=[nodes["w1"], nodes["w2"], nodes["b"]]), nodes


def _rebuild(build, values):
    """The same formula built again from scratch with new leaf values (the engine's forward)."""
    if build is lecture_neuron:
        x1, x2 = Value(values.get("x1", 2.0), "x1"), Value(values.get("x2", 0.0), "x2")
        w1, w2 = Value(values.get("w1", -3.0), "w1"), Value(values.get("w2", 1.0), "w2")
        b = Value(values.get("b", 6.8813735870195432), "b")
        n = x1 * w1 + x2 * w2 + b
        n.label = "n"
        o = n.tanh()
        o.label = "o"
        return o, dict(x1=x1, x2=x2, w1=w1, w2=w2, b=b, n=n, o=o)
    raise AssertionError(build)


def test_every_op_latex_renders_with_mathtext() -> None:
    for op in ops.OPS.values():
        params = tuple(0.5 for _ in op.params)
        for latex in op.texts(params)["latex"]:
            mathtext.math_to_image(f"${latex}$", io.BytesIO(), format="svg")


def test_steps_replay_backward_and_end_at_the_real_gradients() -> None:
    explorer, _ = neuron_explorer()
    state = explorer.state()
    order = topological_order(explorer.root)
    runs = replay_backward(order, explorer.root)
    assert len(state["steps"]) == 1 + len(runs) == 6
    assert set(state["steps"][0]["values"].values()) == {0.0}
    for step, run in zip(state["steps"][1:], runs):
        assert step["values"] == {explorer.ids[n]: run.grads[n] for n in order}
        assert step["ran"] == explorer.ids[run.node]
    explorer.root.backward()
    assert state["steps"][-1]["values"] == {explorer.ids[n]: n.grad for n in order}
    caption = state["steps"][1]["caption"]
    assert caption[0] == "Step 1 of 5: backward through tanh (o.grad = 1.0000)"
    assert "n.grad += o.grad × ∂o/∂n = 1.0000 × 0.5000 = 0.5000" in caption
    w1 = [line for step in state["steps"] for line in step["caption"]]
    assert "w1.grad += (x1*w1).grad × ∂(x1*w1)/∂w1 = 0.5000 × 2.0000 = 1.0000" in w1


def test_a_node_feeding_several_others_shows_the_sum() -> None:
    x = Value(1.5, "x")
    y = x * x + x
    y.label = "y"
    explorer = GraphExplorer(y)
    captions = [line for step in explorer.state()["steps"] for line in step["caption"]]
    assert any(re.match(r"x\.grad = .* \+ .* = 4\.0000", line) for line in captions), captions
    panel = explorer.state()["panels"][explorer.ids[x]]
    assert panel["sum_value"] == pytest.approx(2 * 1.5 + 1) and panel["grad_value"] == 4.0
    assert len(panel["contributions"]) == 3  # x * x uses it twice, + once


def test_panels_hold_formula_value_and_contributions() -> None:
    explorer, nodes = neuron_explorer()
    panels = explorer.state()["panels"]
    o = panels[explorer.ids[explorer.root]]
    assert o["op"] == "tanh"
    (derivative,) = o["derivatives"]
    assert derivative["latex"] == r"1 - \tanh^2 x"
    assert derivative["image"].startswith("data:image/svg+xml;base64,")
    assert derivative["value_number"] == pytest.approx(1 - explorer.root.data**2)
    assert [c["from"] for c in o["contributions"]] == ["backward()"]
    w1 = panels[explorer.ids[nodes["w1"]]]
    assert w1["op"] is None and w1["role"] == "parameter"
    assert w1["grad_value"] == pytest.approx(1.0)
    assert [c["value"] for c in w1["contributions"]] == [pytest.approx(1.0)]
    assert "0.5000 × 2.0000 = 1.0000" in w1["contributions"][0]["text"]


def test_svg_has_ids_for_every_node_and_edge() -> None:
    explorer, _ = neuron_explorer()
    tree = ET.fromstring(explorer.svg())
    ids = {g.get("id") for g in tree.iter(f"{SVG}g") if g.get("class") in ("node", "edge")}
    paint = explorer.state()["steps"][2]["paint"]
    for mode in ("role", "grad"):
        assert set(paint[mode]) == ids


def test_whatif_reruns_forward_and_backward_in_the_engine() -> None:
    explorer, nodes = neuron_explorer()
    state = explorer.set_value("w1", -1.0)
    assert nodes["w1"].data == -1.0
    expected_root, expected = _rebuild(lecture_neuron, {"w1": -1.0})
    expected_root.backward()
    by_label = {explorer.state()["labels"][k]: v for k, v in state["data_values"].items()}
    assert by_label["o"] == pytest.approx(expected["o"].data, abs=0, rel=1e-15)
    final = state["steps"][-1]["values"]
    for name in ("x1", "x2", "w1", "w2", "b", "n", "o"):
        assert final[explorer.ids[nodes[name]]] == pytest.approx(expected[name].grad, rel=1e-15)
    leaf = next(leaf for leaf in state["leaves"] if leaf["label"] == "w1")
    assert leaf["value"] == -1.0
    svg_before = explorer.svg()
    explorer.set_value(explorer.ids[nodes["x1"]], 3.0)
    assert explorer.svg() is svg_before  # the layout is never redone


def test_whatif_refused_by_an_op_keeps_every_value() -> None:
    a = Value(2.0, "a")
    out = a.log()
    out.label = "out"
    explorer = GraphExplorer(out)
    state = explorer.set_value("a", -1.0)
    assert "refused" in state["error"] and a.data == 2.0 and out.data == math.log(2.0)
    assert explorer.set_value("a", 4.0)["error"] == ""
    assert out.data == math.log(4.0)


def test_slider_ranges_are_centred_on_the_value() -> None:
    assert slider_range(0.0)[:2] == (-1.0, 1.0)
    low, high, step = slider_range(-3.0)
    assert (low, high) == (-9.0, 3.0) and 0 < step < 0.1


def test_bad_arguments() -> None:
    explorer, _ = neuron_explorer()
    with pytest.raises(ValueError, match="no single input"):
        explorer.set_value("n", 1.0)
    with pytest.raises(TypeError):
        explorer.set_value("w1", "1.0")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="model"):
        viz.explore(3.0)


def test_model_mode_opens_each_neuron_on_its_input() -> None:
    model = MLP(2, [3, 1], activation="tanh", seed=0)
    explorer = ModelExplorer(model, [0.5, -1.0])
    assert explorer.neuron_ids() == ["c1_n0", "c1_n1", "c1_n2", "c2_n0"]
    hidden = [neuron([0.5, -1.0]).data for neuron in model.layers[0].neurons]
    last = explorer.explorer("c2_n0")
    leaves = {leaf["label"]: leaf["value"] for leaf in last.state()["leaves"]}
    assert [leaves[f"x{i}"] for i in range(3)] == hidden
    assert last.root.data == pytest.approx(model([0.5, -1.0]).data, rel=1e-15)
    weights = [w.data for w in model.layers[1].neurons[0].w]
    grads = last.state()["steps"][-1]["values"]
    xs = [node for node in last.leaves if node.label.startswith("x")]
    assert [grads[last.ids[x]] for x in sorted(xs, key=lambda n: n.label)] == pytest.approx(
        weights
    )  # a linear output neuron: d out / d x_i = w_i
    last.set_value("w0", 5.0)
    assert model.layers[1].neurons[0].w[0].data == weights[0]  # copies: the model is untouched


def test_widget_state_and_messages() -> None:
    pytest.importorskip("anywidget")
    o, nodes = lecture_neuron()
    widget = viz.explore(o, params=[nodes["w1"], nodes["w2"], nodes["b"]])
    assert widget.svg.startswith("<?xml") or "<svg" in widget.svg
    assert len(widget.state["steps"]) == 6
    assert repr(widget) == "<viz.explore: 10 nodes, 6 steps>"
    widget._on_message(widget, {"type": "set", "id": "v0", "value": 0.25}, [])
    assert widget.state["leaves"][0]["value"] == 0.25
    model = MLP(2, [2, 1], seed=1)
    widget = viz.explore(model, [1.0, 2.0])
    assert widget.model_svg and not widget.svg
    widget._on_message(widget, {"type": "open", "neuron": "c1_n1"}, [])
    assert "layer 1, neuron 1" in widget.state["title"]
    widget._on_message(widget, {"type": "close"}, [])
    assert widget.state == {} and widget.svg == ""


def test_save_html_is_self_contained_and_deterministic(tmp_path) -> None:
    o, nodes = lecture_neuron()
    first = save_html(o, tmp_path / "a.html", params=[nodes["w1"]])
    o2, nodes2 = lecture_neuron()
    second = save_html(o2, tmp_path / "b.html", params=[nodes2["w1"]])
    text = first.read_text(encoding="utf-8")
    assert text == second.read_text(encoding="utf-8")
    assert "export default" not in text
    assert not re.search(r"(src|href)=\"https?:", text)
    data = re.search(r'id="explorer-data">(.*?)</script>', text, re.S).group(1)
    page = json.loads(data)
    assert len(page["state"]["steps"]) == 6 and page["whatif_off"]
    order = topological_order(o)
    third = replay_backward(order, o)[2].grads
    assert page["state"]["steps"][3]["grads"] == {
        f"v{i}": format_number(third[n], 4) for i, n in enumerate(order)
    }
