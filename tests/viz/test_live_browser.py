"""The live explorer page (save_html(..., live=True)): what-if runs the real engine in the
page, on Pyodide, in Chromium. The folder is served by http.server on 127.0.0.1 and every
other request is blocked (and recorded: there must be none). After a leaf is changed in the
page, every data and grad the picture shows equals what this Python's engine computes for
the new value, built again from scratch, and reset brings the built values back. Needs
Pyodide from npm (`npm ci`; make test does it): skipped, saying so, without it.
"""

from __future__ import annotations

import pytest

from autograd import Value, topological_order
from tests.browser import offline_page, serve
from tests.viz.test_playground_browser import pyodide_or_skip
from viz import save_html
from viz.gallery import lecture_neuron
from viz.labels import format_number

pytestmark = pytest.mark.slow

SHOWN = """([attribute]) => Object.fromEntries(Array.from(document.querySelectorAll('g.node'))
    .filter(g => /^v\\d+$/.test(g.id))
    .map(g => [g.id, Array.from(g.querySelectorAll('text'))
        .map(t => t.textContent).find(t => t.startsWith(attribute + ' '))]))"""


def expected_texts(root: Value, kind: str) -> dict[str, str]:
    order = topological_order(root)
    root.backward()
    return {f"v{i}": f"{kind} {format_number(getattr(n, kind), 4)}" for i, n in enumerate(order)}


def change_leaf(page, index: int, value: str, root_id: str, root_text: str) -> None:
    box = page.locator(f"[data-role=leaf-number-{index}]")
    box.fill(value)
    box.press("Enter")
    page.wait_for_function(
        "([id, text]) => Array.from(document.querySelectorAll(`g#${id} text`))"
        ".some(t => t.textContent === text)",
        arg=[root_id, root_text],
    )
    last = page.locator("[data-role=slider]").get_attribute("max")
    page.locator("[data-role=slider]").fill(last)


def test_live_page_runs_what_if_with_the_engine(browser, tmp_path) -> None:
    pyodide = pyodide_or_skip()
    o, nodes = lecture_neuron()
    index = save_html(
        o,
        tmp_path / "live",
        params=[nodes["w1"], nodes["w2"], nodes["b"]],
        live=True,
        pyodide=pyodide,
    )
    assert index.name == "index.html" and (index.parent / "pyodide" / "pyodide.mjs").is_file()
    order = topological_order(o)
    w1 = order.index(nodes["w1"])
    blocked: list[str] = []
    problems: list[str] = []
    page = offline_page(browser, blocked)
    page.on("pageerror", lambda error: problems.append(str(error)))
    with serve(index.parent) as url:
        page.goto(f"{url}/index.html")
        page.wait_for_selector("[data-role=live-status][data-state=ready]")
        fresh = lecture_neuron(-1.0)[0]  # the engine on the new value, from scratch
        change_leaf(page, w1, "-1", f"v{order.index(o)}", f"data {format_number(fresh.data, 4)}")
        assert page.evaluate(SHOWN, ["data"]) == expected_texts(fresh, "data")
        assert page.evaluate(SHOWN, ["grad"]) == expected_texts(lecture_neuron(-1.0)[0], "grad")
        assert "What-if is off" not in page.inner_text("body")
        # Reset: back to the values the graph was built with.
        page.locator("[data-role=reset]").click()
        page.wait_for_function(
            "([id, text]) => Array.from(document.querySelectorAll(`g#${id} text`))"
            ".some(t => t.textContent === text)",
            arg=[f"v{order.index(o)}", f"data {format_number(o.data, 4)}"],
        )
    assert blocked == []
    assert problems == []
    page.close()
