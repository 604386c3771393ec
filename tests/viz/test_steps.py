"""backprop_steps: one frame per rule that backward() runs, checked against backward() itself."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import graphviz
import pytest

import viz
from autograd import Value, topological_order
from tests.viz.test_dot import SVG, lecture_neuron, svg_nodes
from viz import theme
from viz.labels import format_number
from viz.steps import replay_backward


def grads_shown(frame: graphviz.Digraph) -> dict[str, float]:
    """The grad every value node shows, by node name (v0, v1, ...)."""
    shown = {}
    for name, info in svg_nodes(frame).items():
        if name.endswith("_op"):
            continue
        text = next(t for t in info["texts"] if t.startswith("grad "))
        shown[name] = float(text.split()[1].replace("−", "-"))
    return shown


def reused_graph() -> Value:
    """x is used three times: its gradient arrives in three separate steps."""
    x, y = Value(1.5, "x"), Value(-0.5, "y")
    z = x * x + x * y
    z.label = "z"
    out = (z + x).sigmoid()
    out.label = "out"
    return out


@pytest.mark.parametrize("make", [lambda: lecture_neuron()[0], reused_graph])
def test_frames_run_from_zero_to_the_real_backward(make) -> None:
    root = make()
    order = topological_order(root)
    frames = viz.backprop_steps(root, precision=12)
    assert len(frames) == 1 + sum(1 for node in order if node.parents)
    assert set(grads_shown(frames[0]).values()) == {0.0}

    fresh = make()
    fresh.backward()
    expected = {f"v{i}": node.grad for i, node in enumerate(topological_order(fresh))}
    last = grads_shown(frames[-1])
    assert last.keys() == expected.keys()
    for name, grad in expected.items():
        assert last[name] == pytest.approx(grad, rel=1e-11, abs=1e-12)


def test_a_leaf_goes_from_zero_to_its_seed() -> None:
    frames = viz.backprop_steps(Value(3.0, "x"), gradient=2.0)
    assert [grads_shown(frame) for frame in frames] == [{"v0": 0.0}, {"v0": 2.0}]


def test_the_replay_is_exactly_backward() -> None:
    root = reused_graph()
    order = topological_order(root)
    runs = replay_backward(order, root)
    root.backward()
    assert runs[-1].grads == {node: node.grad for node in order}  # bit for bit


def test_the_users_grads_are_left_alone() -> None:
    root = reused_graph()
    order = topological_order(root)
    for node in order:
        node.grad = 7.0
    viz.backprop_steps(root)
    assert {node.grad for node in order} == {7.0}


def test_each_frame_highlights_the_rule_that_ran_and_what_it_added() -> None:
    o, v = lecture_neuron()
    frames = viz.backprop_steps(o)
    names = {node: f"v{i}" for i, node in enumerate(topological_order(o))}
    # step 1 is tanh's rule: n receives 1 * (1 - o^2) = 0.5
    first = svg_nodes(frames[1])
    assert theme.HIGHLIGHT in first[names[o]]["strokes"]
    assert theme.HIGHLIGHT in first[f"{names[o]}_op"]["strokes"]
    assert first[names[v["n"]]]["texts"][-1:] == ["grad 0.5000 (+= 0.5000)"]
    # nothing has reached the inputs yet: their grads are greyed out
    assert first[names[v["x1"]]]["text_fills"][-1] == theme.MUTED_TEXT_COLOUR
    assert first[names[v["n"]]]["text_fills"][0] == theme.TEXT_COLOUR
    # x1*w1's rule: x1 += 0.5 * w1 = -1.5, w1 += 0.5 * x1 = 1
    ran = [
        k
        for k, frame in enumerate(frames)
        if theme.HIGHLIGHT in svg_nodes(frame)[f"{names[v['x1w1']]}_op"]["strokes"]
    ]
    assert len(ran) == 1
    shown = svg_nodes(frames[ran[0]])
    assert shown[names[v["x1"]]]["texts"][-1:] == ["grad −1.5000 (+= −1.5000)"]
    assert shown[names[v["w1"]]]["texts"][-1:] == ["grad 1.0000 (+= 1.0000)"]
    assert theme.HIGHLIGHT in shown[names[v["x1"]]]["strokes"]


def test_captions_explain_the_chain_rule() -> None:
    o, _ = lecture_neuron()
    frames = viz.backprop_steps(o)

    def caption(frame: graphviz.Digraph) -> str:
        tree = ET.fromstring(frame.pipe(format="svg"))
        return "\n".join(t.text or "" for t in tree.find(f"{SVG}g").findall(f"{SVG}text"))

    assert "Step 0 of 5: before backward() every grad is 0" in caption(frames[0])
    text = caption(frames[1])
    assert "Step 1 of 5: backward through tanh (out.grad = 1.0000)" in text
    assert "∂out/∂x = 1 − out²" in text
    assert "n.grad += out.grad × ∂out/∂x = 1.0000 × 0.5000 = 0.5000" in text


def test_a_node_used_twice_by_one_op_gets_both_contributions() -> None:
    x = Value(3.0, "x")
    square = x * x
    frames = viz.backprop_steps(square)
    assert len(frames) == 2
    shown = svg_nodes(frames[1])
    assert shown["v0"]["texts"][-1:] == ["grad 6.0000 (+= 6.0000)"]


def test_all_frames_share_one_layout() -> None:
    """Flipping through the frames moves nothing: only numbers and colours change."""

    def positions(frame: graphviz.Digraph) -> dict[str, tuple[float, float]]:
        tree = ET.fromstring(frame.pipe(format="svg"))
        found = {}
        for g in tree.iter(f"{SVG}g"):
            if g.get("class") == "node":
                text = next(g.iter(f"{SVG}text"))
                found[g.find(f"{SVG}title").text] = (float(text.get("x")), float(text.get("y")))
        found["picture"] = tuple(float(v) for v in tree.get("viewBox").split()[2:])
        return found

    frames = viz.backprop_steps(reused_graph())
    reference = positions(frames[0])
    for frame in frames[1:]:
        assert positions(frame) == reference


def test_save_steps_writes_numbered_svg_frames(tmp_path: Path) -> None:
    frames = viz.backprop_steps(lecture_neuron()[0])
    paths = viz.save_steps(frames, tmp_path / "frames")
    assert [p.name for p in paths] == [f"step_{i:02d}.svg" for i in range(6)]
    for path in paths:
        assert ET.parse(path).getroot().tag == f"{SVG}svg"
    assert "Step 3 of 5" in paths[3].read_text(encoding="utf-8")
    with pytest.raises(TypeError, match="save_steps"):
        viz.save_steps(frames[0], tmp_path)  # type: ignore[arg-type]


def test_show_steps_gives_a_slider_and_a_play_button() -> None:
    widgets = pytest.importorskip("ipywidgets")
    o, _ = lecture_neuron()
    view = viz.show_steps(o)
    controls, picture = view.children
    play, slider = controls.children
    assert isinstance(play, widgets.Play) and isinstance(slider, widgets.IntSlider)
    assert (slider.min, slider.max, slider.value) == (0, 5, 0)
    assert "Step 0 of 5" in picture.value
    slider.value = 4
    assert "Step 4 of 5" in picture.value


def test_show_steps_without_ipywidgets_returns_the_frames(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # import fails
    frames = viz.backprop_steps(lecture_neuron()[0])
    assert viz.show_steps(frames) == frames


def test_bad_input() -> None:
    with pytest.raises(TypeError, match="backprop_steps: root must be a Value"):
        viz.backprop_steps([1.0])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="gradient must be a real number, got str"):
        viz.backprop_steps(Value(1.0) * 2.0, gradient="1")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="show_steps: there are no steps"):
        viz.show_steps([])
    with pytest.raises(TypeError, match="only apply when given a Value"):
        viz.show_steps(viz.backprop_steps(Value(1.0) * 2.0), precision=2)
    x = Value(1.0)
    for _ in range(300):
        x = x + 1.0
    with pytest.raises(ValueError, match="601 value nodes"):
        viz.backprop_steps(x)


def test_precision_applies_to_every_number() -> None:
    frames = viz.backprop_steps(lecture_neuron()[0], precision=2)
    texts = [t for info in svg_nodes(frames[-1]).values() for t in info["texts"]]
    assert "data 0.71" in texts and "grad −1.50" in texts
    assert format_number(-1.5, 2) == "−1.50"


def test_named_captions_call_unlabelled_nodes_by_the_name_drawn_for_them() -> None:
    a, b, c = Value(2.0, "a"), Value(-3.0, "b"), Value(10.0, "c")
    e = (a * b + c).tanh()
    frames = viz.backprop_steps(e, named=True)
    svg = frames[-1].pipe(format="svg").decode()
    assert ">a*b</text>" in svg and ">n4</text>" in svg
    e.backward()
    shown = f"{e.grad * (1 - e.data**2):.4f}".replace("-", "−")
    assert f"a.grad += (a*b).grad × ∂(a*b)/∂a = {shown} × −3.0000" in svg
