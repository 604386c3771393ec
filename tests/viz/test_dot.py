"""draw_dot: rendered by the real `dot` and read back from the SVG.

Reference values are the lecture neuron worked by hand: o = tanh(x1 w1 + x2 w2 + b)
with x1=2, x2=0, w1=-3, w2=1, b=6.8813735870195432 gives n = 0.8814, o = tanh(n)
= 1/sqrt(2) = 0.7071, do/dn = 1 - o^2 = 0.5, so do/dx1 = 0.5 w1 = -1.5,
do/dw1 = 0.5 x1 = 1, do/dx2 = 0.5 w2 = 0.5, do/dw2 = 0.5 x2 = 0, do/db = 0.5.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import graphviz
import pytest

import viz
from autograd import Value
from viz import theme
from viz.gallery import lecture_neuron

SVG = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parents[2]


def svg_nodes(graph: graphviz.Digraph) -> dict[str, dict[str, list[str]]]:
    """Render with `dot` and return, per node name: its texts (and their colours), the fills
    and the strokes of its shapes."""
    tree = ET.fromstring(graph.pipe(format="svg"))
    nodes = {}
    for g in tree.iter(f"{SVG}g"):
        if g.get("class") != "node":
            continue
        shapes = [e for e in g.iter() if e.tag in (f"{SVG}path", f"{SVG}polygon", f"{SVG}ellipse")]
        nodes[g.find(f"{SVG}title").text] = {
            "texts": [t.text for t in g.iter(f"{SVG}text")],
            "text_fills": [t.get("fill") for t in g.iter(f"{SVG}text")],
            "fills": [e.get("fill") for e in shapes],
            "strokes": [e.get("stroke") for e in shapes],
        }
    return nodes


def svg_edges(graph: graphviz.Digraph) -> list[dict[str, str | None]]:
    tree = ET.fromstring(graph.pipe(format="svg"))
    edges = []
    for g in tree.iter(f"{SVG}g"):
        if g.get("class") == "edge":
            path = next(g.iter(f"{SVG}path"))  # inside a link when it has a tooltip
            edges.append(
                {
                    "title": g.find(f"{SVG}title").text,
                    "stroke": path.get("stroke"),
                    "width": path.get("stroke-width"),
                    "opacity": path.get("stroke-opacity"),
                    "texts": [t.text for t in g.iter(f"{SVG}text")],
                }
            )
    return edges


def by_label(nodes: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, list[str]]]:
    """Value nodes keyed by their label (the first, bold, text)."""
    return {info["texts"][0]: info for name, info in nodes.items() if not name.endswith("_op")}


def test_every_node_is_drawn_with_label_data_and_grad() -> None:
    o, _ = lecture_neuron()
    o.backward()
    nodes = svg_nodes(viz.draw_dot(o))
    assert len([n for n in nodes if not n.endswith("_op")]) == 10
    assert sorted(n for n in nodes if n.endswith("_op")) == sorted(
        f"{name}_op"
        for name in nodes
        if not name.endswith("_op")
        and len(nodes[name]["texts"]) == 3
        and nodes[name]["texts"][0] in {"x1*w1", "x2*w2", "x1*w1 + x2*w2", "n", "o"}
    )
    values = {label: info["texts"][1:] for label, info in by_label(nodes).items()}
    assert values == {
        "x1": ["data 2.0000", "grad −1.5000"],
        "x2": ["data 0.0000", "grad 0.5000"],
        "w1": ["data −3.0000", "grad 1.0000"],
        "w2": ["data 1.0000", "grad 0.0000"],
        "b": ["data 6.8814", "grad 0.5000"],
        "x1*w1": ["data −6.0000", "grad 0.5000"],
        "x2*w2": ["data 0.0000", "grad 0.5000"],
        "x1*w1 + x2*w2": ["data −6.0000", "grad 0.5000"],
        "n": ["data 0.8814", "grad 0.5000"],
        "o": ["data 0.7071", "grad 1.0000"],
    }


def test_each_op_is_its_own_node_with_a_readable_symbol() -> None:
    a, b = Value(3.0, "a"), Value(2.0, "b")
    out = ((a * b + a - b) / b) ** 2
    out = (-out).exp() + a**b + a.sigmoid() + b.relu()
    symbols = sorted(
        info["texts"][0]
        for name, info in svg_nodes(viz.draw_dot(out)).items()
        if name.endswith("_op")
    )
    assert symbols == sorted(
        ["×", "+", "a − b", "a ÷ b", "**2", "−", "exp", "a ** b", "+", "sigmoid", "+", "ReLU", "+"]
    )


def test_ordered_ops_label_their_operands() -> None:
    a, b = Value(5.0, "a"), Value(1.0, "b")
    edges = svg_edges(viz.draw_dot(b - a))
    into_op = {e["title"]: e["texts"] for e in edges if e["title"].endswith("_op")}
    # b is the first operand (a in "a − b") whatever its label says
    names = {info["texts"][0]: name for name, info in svg_nodes(viz.draw_dot(b - a)).items()}
    assert into_op[f"{names['b']}->v2_op"] == ["a"]
    assert into_op[f"{names['a']}->v2_op"] == ["b"]


def test_roles_are_coloured_and_listed_in_the_legend() -> None:
    o, v = lecture_neuron()
    o.backward()
    k = o * 2.0  # 2.0 becomes a constant
    k.label = "k"
    graph = viz.draw_dot(k, params=[v["w1"], v["w2"], v["b"]])
    labelled = by_label(svg_nodes(graph))
    expected = {
        "x1": "input",
        "x2": "input",
        "w1": "parameter",
        "w2": "parameter",
        "b": "parameter",
        "n": "intermediate",
        "o": "intermediate",
        "k": "output",
    }
    for label, role in expected.items():
        assert labelled[label]["fills"][0] == theme.ROLE_STYLES[role].fill, label
        assert labelled[label]["strokes"][0] == theme.ROLE_STYLES[role].border, label
    constant = [
        info
        for info in svg_nodes(graph).values()
        if info["texts"] == ["data 2.0000", "grad 0.0000"]
    ]
    assert constant and constant[0]["fills"][0] == theme.ROLE_STYLES["constant"].fill
    # five distinct fills, and the legend names all five roles
    assert len({s.fill for s in theme.ROLE_STYLES.values()}) == 5
    tree = ET.fromstring(graph.pipe(format="svg"))
    legend = {t.text for t in tree.find(f"{SVG}g").findall(f"{SVG}text")}
    assert {"input", "parameter", "constant", "intermediate", "output"} <= legend


def test_parameters_from_a_model_object() -> None:
    o, v = lecture_neuron()

    class Model:
        def parameters(self) -> list[Value]:
            return [v["w1"], v["b"]]

    labelled = by_label(svg_nodes(viz.draw_dot(o, params=Model())))
    assert labelled["w1"]["fills"][0] == theme.ROLE_STYLES["parameter"].fill
    assert labelled["w2"]["fills"][0] == theme.ROLE_STYLES["input"].fill


def test_forward_only_title_rankdir_and_precision() -> None:
    o, _ = lecture_neuron()
    o.backward()
    graph = viz.draw_dot(o, rankdir="TB", show_grad=False, precision=2, title="A neuron")
    assert "rankdir=TB" in graph.source
    labelled = by_label(svg_nodes(graph))
    assert labelled["o"]["texts"] == ["o", "data 0.71"]
    assert not any("grad" in t for info in labelled.values() for t in info["texts"])
    tree = ET.fromstring(graph.pipe(format="svg"))
    assert "A neuron" in {t.text for t in tree.find(f"{SVG}g").findall(f"{SVG}text")}


def test_tiny_and_huge_numbers_are_not_rounded_away() -> None:
    a = Value(1e-9, "tiny")
    out = a * 3e7
    out.backward()
    labelled = by_label(svg_nodes(viz.draw_dot(out)))
    assert labelled["tiny"]["texts"][1:] == ["data 1.000e−09", "grad 3.000e+07"]


def test_labels_are_escaped() -> None:
    a = Value(1.0, 'a<b> & "c"')
    labelled = by_label(svg_nodes(viz.draw_dot(a * 2.0)))
    assert 'a<b> & "c"' in labelled


def test_dot_text_is_the_same_on_every_run() -> None:
    first, _ = lecture_neuron()
    second, _ = lecture_neuron()
    first.backward()
    second.backward()
    assert viz.draw_dot(first).source == viz.draw_dot(second).source
    assert (
        viz.draw_dot(first, color_by="grad").source == viz.draw_dot(second, color_by="grad").source
    )
    # ... and in another interpreter with other hash seeds (no id() or set order leaks in)
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "from tests.viz.test_dot import lecture_neuron; "
        "import viz; o, _ = lecture_neuron(); o.backward(); "
        "sys.stdout.write(viz.draw_dot(o).source)"
    )
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", script, str(ROOT)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            cwd=ROOT,
        ).stdout
        assert out == viz.draw_dot(first).source


def test_color_by_grad_shades_nodes_by_magnitude_on_a_log_scale() -> None:
    # a stack of sigmoids: the gradient shrinks at every level (sigmoid' <= 0.25)
    x = Value(0.5, "x")
    h = x
    for i in range(6):
        h = h.sigmoid()
        h.label = f"h{i}"
    h.backward()
    graph = viz.draw_dot(h, color_by="grad")
    labelled = by_label(svg_nodes(graph))
    fills = [labelled[label]["fills"][0] for label in ["x", "h0", "h1", "h2", "h3", "h4", "h5"]]

    def darkness(colour: str) -> int:
        return 765 - sum(int(colour[i : i + 2], 16) for i in (1, 3, 5))

    # larger |grad| is darker; the output (grad 1) is the darkest, x (smallest) the palest
    assert [darkness(c) for c in fills] == sorted(darkness(c) for c in fills)
    assert fills[-1] == theme.GRAD_COLOURMAP[-1]
    assert fills[0] == theme.GRAD_COLOURMAP[0]
    # edges get wider with the gradient they carry
    widths = [float(e["width"]) for e in svg_edges(graph) if e["width"]]
    assert max(widths) > 3 * min(widths)
    # the legend holds a colour bar running through the whole map
    tree = ET.fromstring(graph.pipe(format="svg"))
    legend_fills = {p.get("fill") for p in tree.find(f"{SVG}g").findall(f"{SVG}polygon")}
    assert {theme.GRAD_COLOURMAP[0], theme.GRAD_COLOURMAP[-1], theme.ZERO_GRAD_FILL} <= legend_fills


def test_a_zero_gradient_gets_its_own_grey() -> None:
    a, b = Value(0.0, "a"), Value(3.0, "b")
    out = a * b
    out.backward()  # b.grad = a = 0
    labelled = by_label(svg_nodes(viz.draw_dot(out, color_by="grad")))
    assert labelled["b"]["fills"][0] == theme.ZERO_GRAD_FILL


def test_large_graphs_are_refused_with_advice() -> None:
    x = Value(1.0, "x")
    for _ in range(500):
        x = x * 1.01
    with pytest.raises(ValueError, match="1001 value nodes") as info:
        viz.draw_dot(x)
    assert "max_nodes" in str(info.value) and "draw_model" in str(info.value)
    assert "v1000" in viz.draw_dot(x, max_nodes=1001).source


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"rankdir": "XY"}, ValueError, "rankdir"),
        ({"color_by": "size"}, ValueError, "color_by"),
        ({"precision": -1}, ValueError, "precision"),
        ({"max_nodes": 0}, ValueError, "max_nodes"),
        ({"params": [1.0]}, TypeError, r"params\[0\] must be a Value, got float"),
        ({"params": 3}, TypeError, "params must be"),
    ],
)
def test_bad_arguments_name_the_value(kwargs: dict, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        viz.draw_dot(Value(1.0) * 2.0, **kwargs)


def test_root_must_be_a_value() -> None:
    with pytest.raises(TypeError, match="draw_dot: root must be a Value, got float"):
        viz.draw_dot(1.0)  # type: ignore[arg-type]


def test_the_readme_picture_is_the_lecture_neuron() -> None:
    svg = (ROOT / "docs" / "images" / "neuron.svg").read_text(encoding="utf-8")
    for text in ("data 0.7071", "grad −1.5000", "data 6.8814", "tanh", "parameter"):
        assert text in svg
