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
import re
from pathlib import Path

import pytest

from autograd import Value, topological_order
from tests.browser import jupyterlab as start_jupyterlab
from viz.explorer import save_html
from viz.flow import replay
from viz.gallery import lecture_neuron
from viz.labels import format_number

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
WIDGET_SECONDS = 120


def number(text: str) -> float:
    return float(text.replace("−", "-"))


def shown_grads(page, scope: str = ":root") -> dict[str, str]:
    """The grad text every value node of the picture shows, by node id."""
    return page.locator(scope).first.evaluate(
        """(root) => Object.fromEntries(Array.from(root.querySelectorAll('g.node'))
            .filter(g => /^v\\d+$/.test(g.id))
            .map(g => [g.id, Array.from(g.querySelectorAll('text'))
                .map(t => t.textContent).find(t => t.startsWith('grad '))]))"""
    )


def shown_data(page, scope: str = ":root") -> dict[str, str]:
    return page.locator(scope).first.evaluate(
        """(root) => Object.fromEntries(Array.from(root.querySelectorAll('g.node'))
            .filter(g => /^v\\d+$/.test(g.id))
            .map(g => [g.id, Array.from(g.querySelectorAll('text'))
                .map(t => t.textContent).find(t => t.startsWith('data '))]))"""
    )


def open_page(browser, path, **options):
    page = browser.new_page(viewport={"width": 1400, "height": 900}, **options)
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_selector("[data-role=caption] .vx-line")
    return page, problems, requests


def test_saved_page_steps_and_panels_equal_the_engine(browser, tmp_path) -> None:
    o, nodes = lecture_neuron()
    path = save_html(o, tmp_path / "explorer.html", params=[nodes["w1"], nodes["w2"], nodes["b"]])
    order = topological_order(o)
    ids = {node: f"v{i}" for i, node in enumerate(order)}
    flow = replay(o)
    after = list(flow.grads_after())
    page, problems, requests = open_page(browser, path)

    slider = page.locator("[data-role=slider]")
    assert int(slider.get_attribute("max")) == len(flow.steps) == 5
    assert set(shown_grads(page).values()) == {f"grad {format_number(0.0, 4)}"}
    height = page.locator("[data-role=caption]").bounding_box()["height"]
    for _ in range(3):
        page.click("[data-role=next]")
    assert page.locator("[data-role=caption]").bounding_box()["height"] == height
    assert page.locator("[data-role=step-label]").inner_text() == "step 3 of 5"
    caption = page.locator("[data-role=caption] .vx-line").all_inner_texts()
    third = flow.steps[2]
    assert caption[0] == (
        f"Step 3 of 5: backward through + ((x1*w1 + x2*w2).grad = {format_number(third.grad, 4)})"
    )
    assert caption[2] == (
        "(x1*w1).grad += (x1*w1 + x2*w2).grad × ∂(x1*w1 + x2*w2)/∂(x1*w1) = "
        f"{format_number(third.grad, 4)} × 1.0000 = {format_number(third.sends[0].amount, 4)}"
    )
    assert shown_grads(page) == {ids[n]: f"grad {format_number(after[2][n], 4)}" for n in order}
    assert shown_data(page) == {ids[n]: f"data {format_number(n.data, 4)}" for n in order}
    tip = page.locator(f"g#{ids[nodes['n']]} > title").text_content()
    assert tip.startswith("n (intermediate)") and format_number(after[2][nodes["n"]], 4) in tip

    # Click the tanh node: its formula as text, its value here, what it received.
    page.click(f"g#{ids[o]}")
    assert page.locator("[data-role=panel-label]").inner_text() == "o"
    assert page.locator("[data-role=derivative] .vx-formula").inner_text() == "∂o/∂n = 1 − o²"
    (slope,) = (send.slope for send in flow.step_of[o].sends)
    value = page.locator("[data-role=derivative-value]").inner_text()
    assert value == f"= {format_number(slope, 4)} here"
    assert page.locator("img").count() == 0  # no formula images
    # n received one contribution, from o at step 1.
    page.click(f"g#{ids[nodes['n']]}")
    items = page.locator("[data-role=contributions] li")
    assert items.count() == 1 and items.first.get_attribute("data-from") == "o"
    assert page.locator("[data-role=sum]").inner_text() == f"sum: {format_number(0.5, 4)}"
    page.click(f"g#{ids[nodes['w1']]}")
    o.backward()
    assert page.locator("[data-role=panel-grad]").inner_text() == format_number(nodes["w1"].grad, 4)
    assert "What-if is off" in page.locator("[data-role=whatif-note]").inner_text()
    assert page.locator("[data-role^=leaf-number-]").first.is_disabled()
    page.click("[data-role=flow-toggle]")
    page.click("[data-role=play]")
    assert page.locator("[data-role=play]").inner_text() == "❚❚ pause"
    assert problems == []
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
    page.close()


def test_saved_page_of_a_reused_node_shows_every_contribution_in_step_order(
    browser, tmp_path
) -> None:
    x = Value(1.5, "x")
    y = x * x + x
    y.label = "y"
    path = save_html(y, tmp_path / "reused.html")
    order = topological_order(y)
    page, _, _ = open_page(browser, path)
    page.click(f"g#v{order.index(x)}")
    steps = page.locator("[data-role=contributions] li").evaluate_all(
        "items => items.map(li => Number(li.dataset.step))"
    )
    assert steps == sorted(steps) and len(steps) == 3
    y.backward()
    assert page.locator("[data-role=sum]").inner_text().endswith(format_number(x.grad, 4))
    page.close()


def test_keyboard_reaches_every_node_and_steps(browser, tmp_path) -> None:
    o, nodes = lecture_neuron()
    path = save_html(o, tmp_path / "keys.html")
    order = topological_order(o)
    page, problems, _ = open_page(browser, path)
    focusable = page.locator("g.node[tabindex='0']")
    assert focusable.count() == len(order)
    page.locator(f"g#v{order.index(nodes['w1'])}").focus()
    page.keyboard.press("Enter")
    assert page.locator("[data-role=panel-label]").inner_text() == "w1"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.locator("[data-role=step-label]").inner_text() == "step 2 of 5"
    page.keyboard.press("ArrowLeft")
    assert page.locator("[data-role=step-label]").inner_text() == "step 1 of 5"
    assert page.locator("[data-role=caption]").get_attribute("aria-live") == "polite"
    for role in ("slider", "leaf-number-0", "leaf-slider-0"):
        assert page.locator(f"[data-role={role}]").get_attribute("aria-label")
    # Tab walks the nodes one after the other.
    page.locator("g#v0").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "v1"
    assert problems == []
    page.close()


def test_a_big_graph_reads_at_any_size(browser, tmp_path) -> None:
    """Legible zoom with fit and 100 %, the step's node scrolled into view, the panel beside
    the graph on a wide screen and below on a narrow one, long labels cut."""
    from nn import MLP

    model = MLP(2, [4, 4, 1], seed=0)
    loss = (model([0.5, -1.0]) - 1.0) ** 2
    loss.label = "squared error " * 22  # 308 characters
    path = save_html(loss, tmp_path / "big.html", params=model, max_nodes=200)
    order = topological_order(loss)
    page, problems, _ = open_page(browser, path)
    assert float(page.locator("[data-role=picture]").get_attribute("data-zoom")) >= 0.75
    page.click("[data-role=zoom-fit]")
    fitted = float(page.locator("[data-role=picture]").get_attribute("data-zoom"))
    page.click("[data-role=zoom-100]")
    assert fitted < 1 and page.locator("[data-role=picture]").get_attribute("data-zoom") == "1.000"
    for _ in range(12):
        page.click("[data-role=next]")
    ran = page.evaluate(
        """() => {
            const stage = document.querySelector('[data-role=stage]').getBoundingClientRect();
            const lit = Array.from(document.querySelectorAll('g.node path'))
              .find(p => p.getAttribute('stroke-width') === '3.5').getBoundingClientRect();
            return lit.left >= stage.left && lit.right <= stage.right
              && lit.top >= stage.top && lit.bottom <= stage.bottom; }"""
    )
    assert ran
    stage = page.locator("[data-role=stage]").bounding_box()
    side = page.locator("[data-role=panel]").bounding_box()
    assert side["x"] >= stage["x"] + stage["width"]  # beside
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 1400  # the 308-character label stretches nothing
    root = f"g#v{len(order) - 1}"
    texts = page.locator(f"{root} text").evaluate_all("ts => ts.map(t => t.textContent)")
    assert any(t.endswith("…") and len(t) <= 24 for t in texts)
    assert page.locator(f"{root} > title").text_content().startswith(loss.label)
    page.set_viewport_size({"width": 700, "height": 900})
    page.wait_for_timeout(200)
    stage = page.locator("[data-role=stage]").bounding_box()
    side = page.locator("[data-role=panel]").bounding_box()
    assert side["y"] >= stage["y"] + stage["height"]  # below
    assert problems == []
    page.close()


def luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


DARK = {  # JupyterLab's dark theme's variables
    "--jp-ui-font-color1": "rgba(255, 255, 255, 0.87)",
    "--jp-ui-font-color2": "rgba(255, 255, 255, 0.54)",
    "--jp-layout-color1": "#111111",
    "--jp-layout-color2": "#212121",
    "--jp-border-color1": "#616161",
    "--jp-brand-color1": "#64b5f6",
    "--jp-error-color1": "#e57373",
}


def test_dark_theme_keeps_every_control_readable(browser, tmp_path) -> None:
    o, _ = lecture_neuron()
    path = save_html(o, tmp_path / "dark.html")
    page, _, _ = open_page(browser, path)
    style = "; ".join(f"{k}: {v}" for k, v in DARK.items())
    page.evaluate(
        f"() => {{ document.body.setAttribute('style', {style!r}); "
        "document.body.style.background = '#111111'; }"
    )
    page.click("g#v0")
    pairs = page.evaluate(
        """() => Array.from(document.querySelectorAll(
              '.vx-button, .vx-step, .vx-toggle, .vx-panel-title, .vx-facts th, .vx-hint,'
              + ' .vx-line'))
            .map(e => { const s = getComputedStyle(e);
              let bg = s.backgroundColor, n = e;
              while (bg === 'rgba(0, 0, 0, 0)' && n.parentElement) {
                n = n.parentElement; bg = getComputedStyle(n).backgroundColor; }
              return [e.className, s.color, bg]; })"""
    )
    assert pairs
    for name, colour, background in pairs:
        # text colours may be translucent: blend them over the background first
        assert contrast(blend(colour, background), background) >= 4.5, (name, colour, background)
    page.close()


def blend(colour: str, background: str) -> str:
    def parts(c: str) -> list[float]:
        return [float(x) for x in c[c.index("(") + 1 : c.index(")")].split(",")]

    fg, bg = parts(colour), parts(background)
    alpha = fg[3] if len(fg) == 4 else 1.0
    mixed = [round(alpha * f + (1 - alpha) * b) for f, b in zip(fg[:3], bg[:3])]
    return f"rgb({mixed[0]}, {mixed[1]}, {mixed[2]})"


def test_korean_page_shows_no_english_words(browser, tmp_path) -> None:
    import viz

    o, _ = lecture_neuron()
    viz.set_language("ko")
    try:
        path = save_html(o, tmp_path / "ko.html")
    finally:
        viz.set_language("en")
    page, _, _ = open_page(browser, path)
    page.click("[data-role=health-toggle]")
    page.click("[data-role=practice-toggle]")
    page.click("g#v0")
    texts = page.evaluate(
        """() => Array.from(document.querySelectorAll(
            '.vx-controls button, .vx-controls label, .vx-step, .vx-panel-heading, .vx-facts th,'
            + ' .vx-legend-entry, .vx-question, .vx-score, [data-role=check], [data-role=reset],'
            + ' .vx-caption .vx-line:first-child, .vx-note'))
            .map(e => e.textContent)"""
    )
    english = re.compile(
        r"\b(prev|next|play|pause|step|gradient|flow|health|practice|role|op|"
        r"grad after|contributions|what if|reset|check|score|dead|saturated|"
        r"vanished|fit|zoom|backward through|before)\b"
    )
    leftovers = [text for text in texts if english.search(text.replace("backward()", ""))]
    assert texts and leftovers == []
    assert "다음" in page.locator("[data-role=next]").inner_text()
    page.close()


def test_practice_mode_right_and_wrong_answers(browser, tmp_path) -> None:
    o, nodes = lecture_neuron()
    path = save_html(o, tmp_path / "practice.html")
    flow = replay(o)
    after = list(flow.grads_after())
    page, problems, _ = open_page(browser, path)
    page.click("[data-role=practice-toggle]")
    assert page.locator("[data-role=next]").is_disabled()  # answer first
    assert "n.grad" in page.locator("[data-role=question]").inner_text()
    page.fill("[data-role=answer]", str(after[0][nodes["n"]]))  # right: 0.5
    page.click("[data-role=check]")
    assert page.locator("[data-role=result]").get_attribute("data-right") == "true"
    assert page.locator("[data-role=step-label]").inner_text() == "step 1 of 5"
    page.fill("[data-role=answer]", "42")  # wrong
    page.keyboard.press("Enter")
    result = page.locator("[data-role=result]")
    assert result.get_attribute("data-right") == "false"
    receiver = flow.steps[1].sends[0].receiver
    assert format_number(after[1][receiver], 4) in result.inner_text()
    assert "×" in result.inner_text()  # the chain-rule product with its numbers
    assert page.locator("[data-role=score]").inner_text() == "score: 1 of 2"
    assert problems == []
    page.close()


def test_health_overlay_marks_and_explains(browser, tmp_path) -> None:
    x = Value(-2.0, "x")
    r = x.relu()
    r.label = "r"
    path = save_html(r, tmp_path / "health.html")
    page, _, _ = open_page(browser, path)
    page.click("[data-role=health-toggle]")
    marks = page.locator("[data-role=health-legend] .vx-legend-entry")
    assert marks.count() == 3
    dash = page.locator("g#v1 path").first.get_attribute("stroke-dasharray")
    assert dash
    page.click("g#v1")
    assert "dead ReLU" in page.locator("[data-role=health-note]").first.inner_text()
    page.close()


def test_saved_model_page_opens_a_neuron(browser, tmp_path) -> None:
    from nn import MLP

    model = MLP(2, [3, 1], activation="tanh", seed=0)
    path = save_html(model, tmp_path / "model.html", x=[0.5, -1.0])
    page = browser.new_page()
    page.goto(path.as_uri())
    hidden = model.layers[0].neurons[0]([0.5, -1.0]).data
    activation = page.locator("g[data-neuron=c1_n0] [data-role=activation]").text_content()
    assert activation == format_number(hidden, 4)
    page.click("g[data-neuron=c2_n0]")
    page.wait_for_selector("[data-role=caption] .vx-line")
    assert "layer 1, neuron 0" in page.locator("[data-role=picture] svg").text_content()
    page.click("[data-role=back]")
    assert page.locator("[data-role=model-picture] svg").is_visible()
    page.close()


# ---------------------------------------------------------------------- JupyterLab


NOTEBOOK_CELLS = [
    f"import sys\nsys.path.insert(0, {str(ROOT)!r})",
    "import viz\nfrom viz.gallery import lecture_neuron\n"
    "o, nodes = lecture_neuron()\n"
    "widget = viz.explore(o, params=[nodes['w1'], nodes['w2'], nodes['b']])\nwidget",
    "from autograd import Value\nu = Value(2.0, 'u')\nlog_u = u.log()\nviz.explore(log_u)",
]

KERNEL_OUTPUT = """async (code) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const future = kernel.requestExecute({ code });
  let text = '';
  future.onIOPub = (msg) => { if (msg.header.msg_type === 'stream') text += msg.content.text; };
  await future.done;
  return text.trim();
}"""


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
    pytest.importorskip("anywidget", reason="anywidget is not installed (the notebook extra)")
    folder = tmp_path_factory.mktemp("lab")
    write_notebook(folder)
    with start_jupyterlab(folder) as url:
        yield url


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
    first = page.locator(".vx-root").first  # the neuron's explorer (the second: log u)
    assert first.locator("g.node").count() > 10

    o, nodes = lecture_neuron()
    order = topological_order(o)
    ids = {node: f"v{i}" for i, node in enumerate(order)}
    w1 = first.locator(f"[data-role=leaf-number-{order.index(nodes['w1'])}]")
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
    last = first.locator("[data-role=slider]").get_attribute("max")
    first.locator("[data-role=slider]").fill(last)
    expected_grads = {
        ids[n]: f"grad {format_number(f.grad, 4)}" for n, f in zip(order, fresh_order)
    }
    expected_data = {ids[n]: f"data {format_number(f.data, 4)}" for n, f in zip(order, fresh_order)}
    assert shown_data(page, ".vx-root") == expected_data
    assert shown_grads(page, ".vx-root") == expected_grads
    tip = first.locator(f"g#{ids[o]} > title").text_content()  # tooltips follow the what-if
    assert f"data = {format_number(fresh.data, 4)}" in tip
    # Arrow keys reach the explorer inside JupyterLab (its shortcuts would move the cell).
    active = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.activeCellIndex")
    first.locator(f"g#{ids[o]}").focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    label = first.locator("[data-role=step-label]").inner_text()
    assert label == f"step {int(last) - 2} of {last}"
    after = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.activeCellIndex")
    assert after == active
    # A slider gets its arrow keys (JupyterLab would move to another cell on ArrowUp).
    x1 = first.locator(f"[data-role=leaf-slider-{order.index(nodes['x1'])}]")
    before = float(x1.input_value())
    x1.focus()
    page.keyboard.press("ArrowUp")
    assert float(x1.input_value()) > before
    after = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.activeCellIndex")
    assert after == active
    # The learner's Values keep their numbers whatever is dragged.
    kept = page.evaluate(KERNEL_OUTPUT, "print(nodes['w1'].data, nodes['w1'].grad, o.data)")
    assert kept == f"{nodes['w1'].data} {nodes['w1'].grad} {o.data}"
    # A value the engine refuses: its error is shown and the field goes back.
    second = page.locator(".vx-root").nth(1)
    field = second.locator("[data-role=leaf-number-0]")
    field.fill("-1")
    field.press("Enter")
    second.locator("[data-role=error]").wait_for(state="visible")
    with pytest.raises(ValueError) as refused:
        Value(-1.0).log()
    assert str(refused.value) in second.locator("[data-role=error]").inner_text()
    page.wait_for_function("(f) => f.value === '2'", arg=field.element_handle())
    # Reset: back to the values the graph was built with.
    first.locator("[data-role=reset]").click()
    page.wait_for_function(
        "([id, text]) => Array.from(document.querySelectorAll(`.vx-root g#${id} text`))"
        ".some(t => t.textContent === text)",
        arg=[ids[o], f"data {format_number(o.data, 4)}"],
    )
    assert shown_data(page, ".vx-root") == {
        ids[n]: f"data {format_number(n.data, 4)}" for n in order
    }
    page.close()


def test_without_graphviz_the_front_end_lays_out_the_dot_source(
    browser, tmp_path, monkeypatch
) -> None:
    """The contract with the in-browser layout: state.svg is null where Python's Graphviz
    cannot run, the saved page then carries Graphviz in WebAssembly, and the front end asks
    globalThis.scalargradLayout(state.dot) for the SVG (the same ids as Graphviz's own),
    then works by id as usual."""
    import re

    from viz.diagram import Diagram, GraphvizNotFoundError
    from viz.explorer import GraphExplorer

    o, _ = lecture_neuron()
    laid_out = GraphExplorer(o).svg()  # what the WebAssembly Graphviz is to match

    def missing(*args, **kwargs):
        raise GraphvizNotFoundError("dot not found")

    monkeypatch.setattr(Diagram, "pipe", missing)
    explorer = GraphExplorer(o)
    assert explorer.svg() is None and explorer.dot().startswith("digraph")
    path = save_html(explorer, tmp_path / "nodot.html")
    page = browser.new_page()
    page.add_init_script(  # records what the page's own scalargradLayout is asked for
        "Object.defineProperty(globalThis, 'scalargradLayout', { configurable: true, "
        "set(f) { Object.defineProperty(globalThis, 'scalargradLayout', { value: "
        "async (dot, engine) => { globalThis.askedFor = dot; return f(dot, engine); } }); } });"
    )
    page.goto(path.as_uri())
    page.wait_for_selector("[data-role=picture] svg g.node")
    assert page.evaluate("() => globalThis.askedFor") == explorer.dot()
    shown = page.locator("[data-role=picture] svg g.node, [data-role=picture] svg g.edge")
    ids = set(shown.evaluate_all("groups => groups.map(g => g.id)"))
    assert ids == set(re.findall(r"<g id='([^']*)' class='(?:node|edge)'", laid_out))
    page.click("[data-role=next]")
    order = topological_order(o)
    flow = replay(o)
    first = next(iter(flow.grads_after()))
    assert shown_grads(page) == {
        f"v{i}": f"grad {format_number(first[n], 4)}" for i, n in enumerate(order)
    }
    page.close()
