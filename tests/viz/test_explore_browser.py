"""viz.explore in a real browser: Debian's chromium driven by playwright.

The saved page, opened from a file: its steps, captions, gradients and panels equal the
engine's replay, with no console error and no network request. The widget in a real
JupyterLab (started headless on localhost): it renders, and after a change to a leaf the
displayed data and gradients equal what the engine computes for the new value.

Skipped, saying why, only where no chromium (or no playwright) can be had; ``make test``
installs chromium where apt-get is usable (scripts/ensure-chromium.sh).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from autograd import Value, topological_order
from viz.explore import save_html
from viz.gallery import CHROMIUM_ARGS, lecture_neuron
from viz.labels import format_number
from viz.steps import local_derivatives, replay_backward

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
LAB_START_SECONDS = 90
WIDGET_SECONDS = 120


def chromium_path() -> str | None:
    for candidate in (
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="the playwright package is not installed (pip install playwright)",
    )
    path = chromium_path()
    if path is None:
        pytest.skip(
            "no chromium on this machine: make test installs Debian's chromium where apt-get is "
            "usable (sudo apt-get install chromium)"
        )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def number(text: str) -> float:
    return float(text.replace("−", "-"))


def shown_grads(page) -> dict[str, str]:
    """The grad text every value node of the picture shows, by node id."""
    return page.evaluate(
        """() => Object.fromEntries(Array.from(document.querySelectorAll('g.node'))
            .filter(g => /^v\\d+$/.test(g.id))
            .map(g => [g.id, Array.from(g.querySelectorAll('text'))
                .map(t => t.textContent).find(t => t.startsWith('grad '))]))"""
    )


def shown_data(page) -> dict[str, str]:
    return page.evaluate(
        """() => Object.fromEntries(Array.from(document.querySelectorAll('g.node'))
            .filter(g => /^v\\d+$/.test(g.id))
            .map(g => [g.id, Array.from(g.querySelectorAll('text'))
                .map(t => t.textContent).find(t => t.startsWith('data '))]))"""
    )


def test_saved_page_steps_and_panels_equal_the_engine(browser, tmp_path) -> None:
    o, nodes = lecture_neuron()
    path = save_html(o, tmp_path / "explorer.html", params=[nodes["w1"], nodes["w2"], nodes["b"]])
    order = topological_order(o)
    ids = {node: f"v{i}" for i, node in enumerate(order)}
    runs = replay_backward(order, o)

    page = browser.new_page()
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_selector("[data-role=caption] .vx-line")

    slider = page.locator("[data-role=slider]")
    assert int(slider.get_attribute("max")) + 1 == 1 + len(runs) == 6
    assert set(shown_grads(page).values()) == {f"grad {format_number(0.0, 4)}"}
    for _ in range(3):
        page.click("[data-role=next]")
    assert page.locator("[data-role=step-label]").inner_text() == "step 3 of 5"
    caption = page.locator("[data-role=caption] .vx-line").all_inner_texts()
    assert caption[0] == "Step 3 of 5: backward through + ((x1*w1 + x2*w2).grad = 0.5000)"
    assert "(x1*w1).grad += (x1*w1 + x2*w2).grad × ∂(x1*w1 + x2*w2)/∂(x1*w1)" in caption[2]
    assert caption[2].endswith("= 0.5000 × 1.0000 = 0.5000")
    third = runs[2].grads
    assert shown_grads(page) == {ids[n]: f"grad {format_number(third[n], 4)}" for n in order}
    assert shown_data(page) == {ids[n]: f"data {format_number(n.data, 4)}" for n in order}

    # Click the tanh node: its formula, its value here, what it received.
    page.click(f"g#{ids[o]}")
    assert page.locator("[data-role=panel-label]").inner_text() == "o"
    formula = page.locator("[data-role=derivative] img")
    assert formula.get_attribute("data-latex") == r"1 - \tanh^2 x"
    assert formula.evaluate("img => img.complete && img.naturalWidth > 0")
    (slope,) = local_derivatives(o)
    value = page.locator("[data-role=derivative-value]").inner_text()
    assert value.startswith(f"= {format_number(slope, 4)} here")
    # Click the tanh op's input n: one contribution, 1 × 0.5.
    page.click(f"g#{ids[nodes['n']]}")
    items = page.locator("[data-role=contributions] li")
    assert items.count() == 1
    grads = runs[-1].grads
    assert items.first.get_attribute("data-amount") == format_number(grads[nodes["n"]], 4)
    assert page.locator("[data-role=sum]").inner_text() == f"sum: {format_number(0.5, 4)}"
    # A node used twice: every contribution and the sum.
    page.click(f"g#{ids[nodes['w1']]}")
    assert page.locator("[data-role=panel-grad]").inner_text() == format_number(
        grads[nodes["w1"]], 4
    )
    assert "What-if is off" in page.locator("[data-role=whatif-note]").inner_text()
    assert page.locator("[data-role^=leaf-number-]").first.is_disabled()
    page.click("[data-role=flow-toggle]")
    page.click("[data-role=play]")
    assert problems == []
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
    page.close()


def test_saved_page_of_a_reused_node_shows_the_sum(browser, tmp_path) -> None:
    x = Value(1.5, "x")
    y = x * x + x
    y.label = "y"
    path = save_html(y, tmp_path / "reused.html")
    order = topological_order(y)
    page = browser.new_page()
    page.goto(path.as_uri())
    page.click(f"g#v{order.index(x)}")
    amounts = page.locator("[data-role=contributions] li").evaluate_all(
        "items => items.map(li => li.dataset.amount)"
    )
    y.backward()
    assert sorted(number(a) for a in amounts) == sorted([1.0, 1.5, 1.5])
    assert page.locator("[data-role=sum]").inner_text() == f"sum: {format_number(x.grad, 4)}"
    page.close()


def test_saved_model_page_opens_a_neuron(browser, tmp_path) -> None:
    from nn import MLP

    model = MLP(2, [3, 1], activation="tanh", seed=0)
    path = save_html(model, tmp_path / "model.html", x=[0.5, -1.0])
    page = browser.new_page()
    page.goto(path.as_uri())
    page.click("g[data-neuron=c2_n0]")
    page.wait_for_selector("[data-role=caption] .vx-line")
    assert "layer 2, neuron 0" in page.locator("[data-role=picture] svg").text_content()
    page.click("[data-role=back]")
    assert page.locator("[data-role=model-picture] svg").is_visible()
    page.close()


# ---------------------------------------------------------------------- JupyterLab


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


NOTEBOOK_CELLS = [
    f"import sys\nsys.path.insert(0, {str(ROOT)!r})",
    "import viz\nfrom viz.gallery import lecture_neuron\n"
    "o, nodes = lecture_neuron()\n"
    "widget = viz.explore(o, params=[nodes['w1'], nodes['w2'], nodes['b']])\nwidget",
]


def write_notebook(folder: Path) -> Path:
    cells = [
        {"cell_type": "code", "metadata": {}, "source": src, "outputs": [], "execution_count": None}
        for src in NOTEBOOK_CELLS
    ]
    notebook = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = folder / "explore.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    pytest.importorskip("jupyterlab", reason="JupyterLab is not installed (the notebook extra)")
    pytest.importorskip("anywidget", reason="anywidget is not installed (the notebook extra)")
    folder = tmp_path_factory.mktemp("lab")
    write_notebook(folder)
    port = free_port()
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(folder / ".runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(folder / ".workspaces"),
        "JUPYTERLAB_SETTINGS_DIR": str(folder / ".settings"),
    }
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--port={port}",
        "--ip=127.0.0.1",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--allow-root",
        f"--ServerApp.root_dir={folder}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=",
        "--LabServerApp.extra_labextensions_path=[]",
    ]
    log = (folder / "lab.log").open("w")
    server = subprocess.Popen(command, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + LAB_START_SECONDS
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    text = (folder / "lab.log").read_text(errors="replace")[-3000:]
                    pytest.fail(f"JupyterLab did not start within {LAB_START_SECONDS} s:\n{text}")
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        log.close()


def neuron_with_w1(w1: float) -> Value:
    """The lecture neuron (the same graph as `lecture_neuron`) with another w1."""
    return lecture_neuron(w1)[0]


def test_widget_in_jupyterlab_follows_the_engine(browser, jupyterlab) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(WIDGET_SECONDS * 1000)
    page.goto(f"{jupyterlab}/lab/tree/explore.ipynb")
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget "
        "&& window.jupyterapp.shell.currentWidget.sessionContext "
        "&& window.jupyterapp.shell.currentWidget.sessionContext.session"
    )
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_selector(".vx-root [data-role=caption] .vx-line")
    assert page.locator(".vx-root g.node").count() > 10

    o, nodes = lecture_neuron()
    order = topological_order(o)
    ids = {node: f"v{i}" for i, node in enumerate(order)}
    w1 = page.locator(f".vx-root [data-role=leaf-number-{ids[nodes['w1']]}]")
    w1.fill("-1")
    w1.press("Enter")

    fresh = neuron_with_w1(-1.0)  # the engine on the new value, built again from scratch
    fresh_order = topological_order(fresh)
    fresh.backward()
    expected_o = f"data {format_number(fresh.data, 4)}"
    page.wait_for_function(
        "([id, text]) => Array.from(document.querySelectorAll(`.vx-root g#${id} text`))"
        ".some(t => t.textContent === text)",
        arg=[ids[o], expected_o],
    )
    last = page.locator(".vx-root [data-role=slider]").get_attribute("max")
    page.locator(".vx-root [data-role=slider]").fill(last)
    expected_grads = {
        ids[n]: f"grad {format_number(f.grad, 4)}" for n, f in zip(order, fresh_order)
    }
    expected_data = {ids[n]: f"data {format_number(f.data, 4)}" for n, f in zip(order, fresh_order)}
    assert shown_data(page) == expected_data
    assert shown_grads(page) == expected_grads
    page.close()
