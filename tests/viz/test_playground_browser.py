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
import functools
import http.server
import io
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from viz.gallery import CHROMIUM_ARGS
from viz.labels import format_number
from viz.playground import DEFAULT_CODE, find_pyodide, run_cell, write_playground

pytestmark = pytest.mark.slow

PYTHON_SECONDS = 180


def pyodide_or_skip() -> Path:
    try:
        return find_pyodide()
    except (FileNotFoundError, ValueError) as error:
        pytest.skip(f"no Pyodide: {error}")


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """http.server on 127.0.0.1 (a free port) serving ``folder``, quietly."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return None

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.access(path, os.X_OK):
        pytest.skip("no chromium on this machine (sudo apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def offline_page(browser, blocked: list[str]):
    """A page that may talk to 127.0.0.1 only; everything else is refused and recorded."""
    page = browser.new_page()
    page.set_default_timeout(PYTHON_SECONDS * 1000)

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith("http://127.0.0.1:") or url.startswith(("data:", "blob:")):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    page.route("**/*", route)
    return page


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
    page = offline_page(browser, blocked)
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
