"""Diagrams without Graphviz's `dot`: the Jupyter display carries the DOT text and Graphviz
compiled to WebAssembly (viz.wasm), and Node.js can write an SVG with it.

The WebAssembly layout is checked against the `dot` program itself: same Graphviz, so the
same SVG ids and the same texts. The display in a real JupyterLab with `dot` hidden from the
kernel is in test_wasm_browser.py.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import viz
from autograd import Value
from viz import wasm

SVG = "{http://www.w3.org/2000/svg}"
NODE = shutil.which("node")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is missing")
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")


def small_output() -> Value:
    a, b, c = Value(2.0, "a"), Value(-3.0, "b"), Value(10.0, "c")
    out = (a * b + c).tanh()
    out.label = "out"
    out.backward()
    return out


def hide_dot(monkeypatch: pytest.MonkeyPatch, folder: Path, keep_node: bool) -> None:
    """PATH is a folder holding only `node` (when asked): graphviz finds no `dot`."""
    folder.mkdir(exist_ok=True)
    if keep_node and NODE:
        (folder / "node").symlink_to(NODE)
    monkeypatch.setenv("PATH", str(folder))


def data_of(html: str) -> dict:
    match = re.search(r'<script type="application/json" class="sg-data">(.*?)</script>', html, re.S)
    assert match, "the output carries its data"
    return json.loads(match.group(1))


def ids_and_texts(svg: str) -> tuple[list[str], list[str]]:
    tree = ET.fromstring(svg)
    ids = sorted(e.get("id") for e in tree.iter() if e.get("id"))
    texts = [t.text or "" for t in tree.iter(f"{SVG}text")]
    return ids, texts


def test_without_dot_jupyter_gets_the_dot_text_and_the_wasm_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = viz.draw_dot(small_output(), title="a < b")
    hide_dot(monkeypatch, tmp_path / "bin", keep_node=False)
    bundle = graph._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}
    assert "image/svg+xml" not in bundle
    assert "Graphviz compiled to WebAssembly" in bundle["text/plain"]
    assert "apt-get install graphviz" in bundle["text/plain"]
    html = bundle["text/html"]
    data = data_of(html)
    assert data["frames"] == [graph.source]  # the DOT text, whole, HTML labels included
    assert data["engine"] == "dot"
    library = gzip.decompress(base64.b64decode(data["library"])).decode("utf-8")
    assert library == wasm.layout_script()
    assert "globalThis.scalargradLayout" in library and "Viz.js 3.31.0" in library
    # Nothing in the data closes its script element early (labels hold </TD>, </FONT>).
    inner = html.split('class="sg-data">', 1)[1].split("</script>", 1)[0]
    assert "</" not in inner
    assert "Graphviz compiled to WebAssembly" in html
    assert "src=" not in html and "http" not in html  # nothing to fetch: the library is inline
    assert graph.source.startswith("digraph computation_graph {")  # a Digraph still
    assert isinstance(graph, viz.Diagram)


@needs_dot
def test_with_dot_the_display_is_the_svg_from_dot() -> None:
    graph = viz.draw_dot(small_output())
    bundle = graph._repr_mimebundle_()
    assert set(bundle) == {"image/svg+xml"}
    assert bundle["image/svg+xml"] == graph.pipe(format="svg", encoding="utf-8")


def test_show_steps_without_dot_shows_every_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = small_output()
    frames = viz.backprop_steps(out)
    hide_dot(monkeypatch, tmp_path / "bin", keep_node=False)
    shown = viz.show_steps(out)
    assert isinstance(shown, wasm.WasmSteps)
    bundle = shown._repr_mimebundle_()
    assert data_of(bundle["text/html"])["frames"] == [frame.source for frame in frames]
    assert repr(shown) == f"<viz.show_steps: {len(frames)} frames>"


def test_draw_model_without_dot_keeps_its_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nn import MLP

    graph = viz.draw_model(MLP(2, [3, 1], seed=0))
    hide_dot(monkeypatch, tmp_path / "bin", keep_node=False)
    data = data_of(graph._repr_mimebundle_()["text/html"])
    assert data["engine"] == graph.engine == "neato"
    assert data["frames"] == [graph.source]


def test_output_html_refuses_what_is_not_dot_text() -> None:
    for bad in ("digraph {}", [], [3]):
        with pytest.raises(TypeError, match="output_html: expected a non-empty list of DOT"):
            wasm.output_html(bad)  # type: ignore[arg-type]


@needs_dot
@needs_node
def test_save_without_dot_writes_the_svg_graphviz_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = viz.draw_dot(small_output(), params=None, title="wasm")
    from nn import MLP

    model = viz.draw_model(MLP(2, [2, 1], seed=1))
    by_dot = [g.pipe(format="svg", encoding="utf-8") for g in (graph, model)]
    hide_dot(monkeypatch, tmp_path / "bin", keep_node=True)
    assert shutil.which("dot") is None and os.environ["PATH"] == str(tmp_path / "bin")
    written = [viz.save(graph, tmp_path / "g.svg"), viz.save(model, tmp_path / "m.svg")]
    for path, reference in zip(written, by_dot):
        svg = path.read_text(encoding="utf-8")
        assert "Generated by graphviz version" in svg
        ids, texts = ids_and_texts(svg)
        want_ids, want_texts = ids_and_texts(reference)
        assert ids == want_ids  # v0, v0_op, v1__v2_op__0, ...: what the explorer looks up
        assert texts == want_texts
    assert "data 2.0000" in texts_of(written[0]) and "out" in texts_of(written[0])
    # PNG and PDF need the dot program itself.
    with pytest.raises(viz.GraphvizNotFoundError, match="apt-get install graphviz"):
        viz.save(graph, tmp_path / "g.png")


def texts_of(path: Path) -> list[str]:
    return ids_and_texts(path.read_text(encoding="utf-8"))[1]


def test_the_note_is_translated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from viz.language import KOREAN

    assert wasm.NOTE in KOREAN  # the key is the English text itself
    graph = viz.draw_dot(small_output())
    hide_dot(monkeypatch, tmp_path / "bin", keep_node=False)
    viz.set_language("ko")
    try:
        text = graph._repr_mimebundle_()["text/plain"]
    finally:
        viz.set_language("en")
    assert KOREAN[wasm.NOTE] in text and "apt-get install graphviz" in text
