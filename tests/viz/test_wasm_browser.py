"""Diagrams without `dot` in a real JupyterLab in Chromium: the kernel's PATH is a symlink
farm of the usual folders without Graphviz's programs, so `dot` cannot run; the outputs of
draw_dot and show_steps are laid out by Graphviz in WebAssembly in the page, and the SVG
that appears holds the node labels and numbers the engine computed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import jupyterlab as start_jupyterlab

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
OUTPUT_SECONDS = int(os.environ.get("SG_WAIT", 120))
GRAPHVIZ_PROGRAMS = {"dot", "neato", "twopi", "circo", "fdp", "sfdp", "osage", "patchwork"}


def path_without_dot(farm: Path) -> str:
    """A PATH of one folder linking every program of this PATH but Graphviz's."""
    farm.mkdir()
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if not folder or not Path(folder).is_dir():
            continue
        for program in Path(folder).iterdir():
            target = farm / program.name
            if program.name in GRAPHVIZ_PROGRAMS or target.exists() or target.is_symlink():
                continue
            target.symlink_to(program)
    return str(farm)


CELLS = [
    f"import shutil, sys\nsys.path.insert(0, {str(ROOT)!r})\nprint('dot:', shutil.which('dot'))",
    "import viz\nfrom autograd import Value\n"
    "a, b, c = Value(2.0, 'a'), Value(-3.0, 'b'), Value(10.0, 'c')\n"
    "out = (a * b + c).tanh()\nout.label = 'out'\nout.backward()\n"
    "viz.draw_dot(out)",
    "viz.show_steps(out)",
    "viz.explore(out)",
]


@pytest.fixture(scope="module")
def lab_without_dot(tmp_path_factory) -> Iterator[str]:
    pytest.importorskip("jupyterlab", reason="JupyterLab is not installed (the notebook extra)")
    folder = tmp_path_factory.mktemp("lab-nodot")
    cells = [
        {"cell_type": "code", "metadata": {}, "source": src, "outputs": [], "execution_count": None}
        for src in CELLS
    ]
    notebook = {
        "cells": cells,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (folder / "nodot.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    with start_jupyterlab(folder, {"PATH": path_without_dot(folder / "bin")}) as url:
        yield url


def test_diagrams_without_dot_are_drawn_in_jupyterlab(browser, lab_without_dot) -> None:
    from autograd import Value
    from viz.labels import format_number

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(OUTPUT_SECONDS * 1000)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    console: list[str] = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    page.goto(f"{lab_without_dot}/lab/tree/nodot.ipynb")
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget "
        "&& window.jupyterapp.shell.currentWidget.sessionContext "
        "&& window.jupyterapp.shell.currentWidget.sessionContext.session"
    )
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_selector(".jp-OutputArea-output >> text=dot: None")  # the kernel has no dot
    page.wait_for_function(
        "() => document.querySelectorAll('.sg-wasm .sg-picture svg').length == 2"
    )

    a, b, c = Value(2.0, "a"), Value(-3.0, "b"), Value(10.0, "c")
    out = (a * b + c).tanh()
    out.backward()
    texts = page.locator(".sg-wasm").first.locator(".sg-picture svg text").all_text_contents()
    for label in ("a", "b", "c", "out", "tanh"):
        assert label in texts
    for node in (a, b, c, out):
        assert f"data {format_number(node.data, 4)}" in texts
        assert f"grad {format_number(node.grad, 4)}" in texts
    node_ids = (
        page.locator(".sg-wasm")
        .first.locator("svg g.node")
        .evaluate_all("nodes => nodes.map(n => n.id)")
    )
    assert "v0" in node_ids and any(i.endswith("_op") for i in node_ids)
    note = page.locator(".sg-wasm .sg-note").first.inner_text()
    assert "WebAssembly" in note and "apt-get install graphviz" in note

    # show_steps: the slider moves through the frames, each laid out in the page.
    steps = page.locator(".sg-wasm").nth(1)
    assert steps.locator(".sg-controls").is_visible()
    first = steps.locator(".sg-picture svg text").all_text_contents()
    assert f"grad {format_number(0.0, 4)}" in first and "grad 1.0000" not in first
    last = steps.locator("input[type=range]").get_attribute("max")
    steps.locator("input[type=range]").fill(last)
    grad_a = f"grad {format_number(a.grad, 4)} (+="  # the last rule ran into a
    page.wait_for_function(
        "([text]) => Array.from(document.querySelectorAll('.sg-wasm')[1].querySelectorAll("
        "'.sg-picture svg text')).some(t => t.textContent.startsWith(text))",
        arg=[grad_a],
    )

    # The explorer widget: its picture laid out in the page from the state's DOT text.
    page.wait_for_selector(".vx-root [data-role=picture] svg g.node")
    texts = page.locator(".vx-root [data-role=picture] svg text").all_text_contents()
    assert "tanh" in texts and any(t.startswith("data ") for t in texts)
    ids = page.locator(".vx-root [data-role=picture] svg g.node").evaluate_all(
        "nodes => nodes.map(n => n.id)"
    )
    assert {f"v{i}" for i in range(6)} <= set(ids)
    assert all(url.startswith(lab_without_dot) for url in requests if url.startswith("http"))
    page.close()


def test_saved_explorer_page_without_dot_lays_itself_out(browser, tmp_path, monkeypatch) -> None:
    from autograd import Value
    from viz import save_html

    a, b = Value(2.0, "a"), Value(-3.0, "b")
    out = (a * b).tanh()
    out.label = "out"
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot while saving
    path = save_html(out, tmp_path / "explorer.html")
    text = path.read_text(encoding="utf-8")
    assert "globalThis.scalargradLayout" in text and "<svg" not in text.split("<script")[0]
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_selector("[data-role=picture] svg g.node")
    ids = page.locator("[data-role=picture] svg g.node").evaluate_all("n => n.map(g => g.id)")
    assert {"v0", "v1", "v2", "v2_op", "v3", "v3_op"} <= set(ids)
    texts = page.locator("[data-role=picture] svg text").all_text_contents()
    assert {"a", "b", "out"} <= set(texts)
    assert [url for url in requests if not url.startswith(("file:", "data:", "blob:"))] == []
    page.close()


def test_saved_model_page_without_dot_opens_a_neuron(browser, tmp_path, monkeypatch) -> None:
    from nn import MLP
    from viz import save_html

    model = MLP(2, [3, 1], activation="tanh", seed=0)
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot while saving
    path = save_html(model, tmp_path / "model.html", x=[0.5, -1.0])
    page = browser.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_selector("g[data-neuron=c2_n0]")  # the layer picture, laid out by neato
    assert page.locator("g[data-neuron]").count() == 4
    page.click("g[data-neuron=c2_n0]")
    page.wait_for_selector("[data-role=picture] svg g.node")  # the neuron's graph
    texts = page.locator("[data-role=picture] svg text").all_text_contents()
    assert "layer 1, neuron 0: inputs x = the outputs of layer 0" in texts
    assert any(t.startswith("data ") for t in texts)
    assert problems == []
    page.close()
