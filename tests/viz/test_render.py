"""Saving diagrams, and the one clear error when Graphviz's `dot` is not installed."""

from __future__ import annotations

import shutil
from pathlib import Path

import graphviz
import pytest

import nn
import viz
from autograd import Value

MAGIC = {".svg": b"<?xml", ".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF"}


def small_graph() -> graphviz.Digraph:
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    out = (a * b).tanh()
    out.backward()
    return viz.draw_dot(out)


@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf", ".SVG"])
def test_save_picks_the_format_from_the_extension(tmp_path: Path, suffix: str) -> None:
    path = viz.save(small_graph(), tmp_path / "sub" / f"graph{suffix}")
    assert path.exists()
    assert path.read_bytes().startswith(MAGIC[suffix.lower()])


def test_png_resolution_follows_dpi(tmp_path: Path) -> None:
    import matplotlib.image

    graph = small_graph()
    low = matplotlib.image.imread(viz.save(graph, tmp_path / "low.png", dpi=72))
    high = matplotlib.image.imread(viz.save(graph, tmp_path / "high.png", dpi=144))
    assert high.shape[1] == pytest.approx(2 * low.shape[1], rel=0.05)
    assert "dpi" not in graph.graph_attr  # the caller's graph is left as it was


def test_unknown_extension_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"graph\.gif.*\.svg, \.png, \.pdf"):
        viz.save(small_graph(), tmp_path / "graph.gif")


def test_save_needs_a_graph(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="save: expected a graphviz graph"):
        viz.save("digraph {}", tmp_path / "g.svg")  # type: ignore[arg-type]


def check_message(error: BaseException) -> None:
    message = str(error)
    for advice in (
        "apt-get install graphviz",
        "brew install graphviz",
        "conda install -c conda-forge graphviz",
        "graphviz.org/download",
        ".source",
    ):
        assert advice in message


def test_missing_dot_is_one_clear_error_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = small_graph()
    steps = viz.backprop_steps(Value(1.0, "a") * 2.0)

    model_graph = viz.draw_model(nn.Neuron(1, activation="tanh", seed=0))
    monkeypatch.setenv("PATH", "")  # no `dot` anywhere (nor `node`, which could write an SVG)

    renderings = [
        lambda: viz.save(graph, tmp_path / "g.svg"),
        lambda: viz.save(graph, tmp_path / "g.png"),
        lambda: graph.pipe(format="svg"),
        lambda: graph.render(tmp_path / "g", format="pdf"),
        lambda: viz.save_steps(steps, tmp_path / "frames"),
        lambda: model_graph.pipe(format="svg"),
    ]
    for render in renderings:
        with pytest.raises(viz.GraphvizNotFoundError) as info:
            render()
        assert isinstance(info.value, RuntimeError)
        assert isinstance(info.value, graphviz.ExecutableNotFound)  # old except clauses still work
        check_message(info.value)
    # the DOT text needs no Graphviz, nor does Jupyter's display (tests/viz/test_wasm.py)
    assert graph.source.startswith("digraph computation_graph {")
    assert "tanh" in viz.draw_dot(Value(1.0).tanh()).source


def test_diagram_repr_has_no_memory_address():
    import re

    from autograd import Value
    from viz import draw_dot

    text = repr(draw_dot(Value(1.0, "x").tanh()))
    assert not re.search(r"0x[0-9a-f]{6,}", text) and "Diagram" in text


HOSTILE_LABELS = {
    "]": "]",
    "\n": "␊",
    "\t": "␉",
    "\r": "␍",
    "\x01": "␁",
    "a\\Nb": "a\\Nb",  # Graphviz would put the node's name in place of \N
    "\\G": "\\G",
    "a]]>b": "a]]>b",
    "<b>&": "<b>&",
}


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
@pytest.mark.parametrize("label", HOSTILE_LABELS, ids=[repr(k) for k in HOSTILE_LABELS])
def test_every_label_and_title_renders_as_typed(label):
    import xml.etree.ElementTree as ET

    shown = HOSTILE_LABELS[label]
    a = Value(2.0, label)
    for graph in (viz.draw_dot(a * 3.0, title=label), viz.backprop_steps(a * 3.0, title=label)[1]):
        svg = graph.pipe(format="svg").decode()
        tree = ET.fromstring(svg)
        texts = [t.text or "" for t in tree.iter("{http://www.w3.org/2000/svg}text")]
        assert texts.count(shown) >= 2, (shown, texts)  # the node's label and the title
    titles = [e.get("{http://www.w3.org/1999/xlink}title") or "" for e in tree.iter()]
    assert any(t.startswith(shown) for t in titles), "the tooltip names the node as typed"
