"""The playground (python -m viz.playground): the real engine on Pyodide in Chromium.

The folder is served by http.server on 127.0.0.1 and every request elsewhere is blocked
(and recorded: there must be none). The page's printed numbers equal this process's for the
same code, the graph drawn by Graphviz-in-WebAssembly holds the engine's values and
gradients, an `nn` training step gives the same loss and weights, and an error shows as a
Python traceback. Needs Pyodide from npm (`npm ci`; make test does it): skipped, saying so,
without it.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from tests.browser import offline_page, serve
from viz.labels import format_number
from viz.playground import DEFAULT_CODE, find_pyodide, run_cell, write_playground

pytestmark = pytest.mark.slow

PYTHON_SECONDS = 180


def pyodide_or_skip() -> Path:
    try:
        return find_pyodide()
    except (FileNotFoundError, ValueError) as error:
        pytest.skip(f"no Pyodide: {error}")


NN_CODE = """import nn
model = nn.MLP(2, [4, 1], activation="tanh", seed=0)
X = [[0.5, -1.0], [1.5, 0.25], [-0.75, 0.5]]
y = [1, -1, 1]
optimizer = nn.SGD(model, lr=0.1)
loss = nn.hinge_loss([model(x) for x in X], y)
optimizer.zero_grad()
loss.backward()
optimizer.step()
print(loss.data)
print([p.data for p in model.parameters()])"""


def run_in_page(page, code: str) -> tuple[str, str]:
    page.fill("[data-role=code]", code)
    page.click("[data-role=run]")
    page.wait_for_function(
        "() => ['Done.', 'Error.'].includes(document.querySelector('[data-role=status]')"
        ".textContent)"
    )
    return page.inner_text("[data-role=output]"), page.inner_text("[data-role=status]")


def test_playground_runs_the_engine_in_the_browser(browser, tmp_path) -> None:
    pyodide = pyodide_or_skip()
    index = write_playground(tmp_path / "playground", pyodide)
    blocked: list[str] = []
    problems: list[str] = []
    page = offline_page(browser, blocked, PYTHON_SECONDS)
    page.on("pageerror", lambda error: problems.append(str(error)))
    with serve(index.parent) as url:
        page.goto(f"{url}/index.html")
        page.wait_for_selector("[data-role=run]:not([disabled])")
        assert page.input_value("[data-role=code]") == DEFAULT_CODE
        page.click("[data-role=run]")
        page.wait_for_selector("[data-role=graph] svg")

        expected = run_cell(DEFAULT_CODE, {"__name__": "__main__"})  # here, with numpy about
        shown = page.inner_text("[data-role=output]")
        assert shown.strip() == expected["stdout"].strip()
        assert "out = 0.999329299739067" in shown  # tanh(4)
        texts = page.locator("[data-role=graph] svg text").all_text_contents()
        scope: dict = {}
        exec(DEFAULT_CODE.rsplit("\n", 1)[0], scope)
        for name in ("a", "b", "c", "out"):
            node = scope[name]
            assert name in texts
            assert f"data {format_number(node.data, 4)}" in texts
            assert f"grad {format_number(node.grad, 4)}" in texts
        ids = page.locator("[data-role=graph] svg g.node").evaluate_all("g => g.map(n => n.id)")
        assert {"v0", "v0_op"} & set(ids) and any(i.endswith("_op") for i in ids)

        printed, status = run_in_page(page, NN_CODE)
        assert status == "Done."
        local = io.StringIO()
        with contextlib.redirect_stdout(local):
            exec(NN_CODE, {})
        assert printed.strip() == local.getvalue().strip()  # the same loss and weights

        # In the browser no program can run: a diagram's display falls back to WebAssembly.
        printed, status = run_in_page(page, "print(sorted(viz.draw_dot(out)._repr_mimebundle_()))")
        assert (printed.strip(), status) == ("['text/html', 'text/plain']", "Done.")

        printed, status = run_in_page(page, "from autograd import Value\nValue(-1.0).log()")
        assert status == "Error."
        assert "Traceback" in printed and "ValueError" in printed and "log" in printed
    assert blocked == []
    assert problems == []
    page.close()
