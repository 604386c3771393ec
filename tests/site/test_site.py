"""The built site (`make site`) in a real browser, served from 127.0.0.1, with every request to
anywhere else blocked and counted.

- every page loads without a console error, and every internal link, image, script and frame
  of every page resolves to a file of the site;
- a rendered walkthrough shows its stored outputs, its explorer (the gallery page standing in
  for the widget) responds to clicks, and its language switch leads to the twin edition;
- the JupyterLite lab starts its Python kernel offline, a numpy-free cell builds
  ``(a * b + c).tanh()``, draws it and opens the explorer; a cell that imports numpy offline
  says why it cannot; the only requests that leave 127.0.0.1 are Pyodide's fetch of numpy,
  made by that cell.

One build per test run (``build/site-test``), shared by pytest-xdist workers through a lock.
"""

from __future__ import annotations

import fcntl
import html.parser
import importlib.util
import math
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from tests.browser import serve

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BUILT = ROOT / "build" / "site-test"
KERNEL_SECONDS = 180
PYODIDE_CDN = "https://cdn.jsdelivr.net/pyodide/"
#: Pyodide runs no `dot`: diagrams in the lab are laid out by Graphviz in WebAssembly
DOT_FREE_DIAGRAMS = importlib.util.find_spec("viz.wasm") is not None


@pytest.fixture(scope="module")
def server(site: Path):
    with serve(site) as url:
        yield url + "/"


@pytest.fixture(scope="session")
def site() -> Path:
    pytest.importorskip(
        "mkdocs", reason="the site extra is not installed (pip install -e '.[site]')"
    )
    pytest.importorskip("jupyterlite_core", reason="the site extra is not installed")
    if not (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").exists():
        pytest.skip("node_modules/pyodide is missing: npm ci --ignore-scripts installs it")
    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID") or f"pid-{os.getpid()}"
    BUILT.parent.mkdir(exist_ok=True)
    with open(BUILT.parent / "site-test.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        marker = BUILT / ".built-for-run"
        if not (marker.exists() and marker.read_text() == run_id):
            done = subprocess.run(
                [sys.executable, "scripts/site/build.py", "--out", str(BUILT)],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
            marker.write_text(run_id)
    return BUILT


class Tab:
    """A page whose requests outside the site are blocked and recorded, with its console."""

    def __init__(self, browser, base: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on(
            "response",
            lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        self.base = base

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.base) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"{self.page.url}: {message.text}")

    def close(self) -> None:
        self.context.close()


class _Links(html.parser.HTMLParser):
    ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src"}

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        wanted = self.ATTRIBUTES.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.targets.append(value)


def resolves(site: Path, page: Path, target: str) -> bool:
    parts = urllib.parse.urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return True  # outside the site (counted by the browser tests), or an anchor
    path = urllib.parse.unquote(parts.path)
    where = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    if path.endswith("/") or where.is_dir():
        where = where / "index.html"
    return where.resolve().is_file() and site.resolve() in where.resolve().parents


def documentation_pages(site: Path) -> list[Path]:
    """Every HTML page but the lab's own app files (its pages are checked by the lab test)."""
    return sorted(p for p in site.rglob("*.html") if "lab" not in p.relative_to(site).parts[:1])


def test_every_internal_link_image_and_script_resolves(site: Path) -> None:
    pages = [*documentation_pages(site), *sorted((site / "lab").rglob("index.html"))]
    assert len(pages) > 40  # the front page, the guide, 14 walkthroughs, API, gallery, lab
    broken = []
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for target in parser.targets:
            if not resolves(site, page, target):
                broken.append(f"{page.relative_to(site)} -> {target}")
    assert broken == []


def test_every_page_loads_without_a_console_error(site: Path, server: str, browser) -> None:
    tab = Tab(browser, server)
    try:
        for page in documentation_pages(site):
            url = server + urllib.parse.quote(page.relative_to(site).as_posix())
            tab.page.goto(url, wait_until="load")
            tab.page.wait_for_load_state("networkidle")
        assert tab.errors == []
        assert tab.failed == []
        assert tab.outside == []
    finally:
        tab.close()


def test_walkthrough_shows_outputs_and_its_explorer_responds(server: str, browser) -> None:
    tab = Tab(browser, server)
    page = tab.page
    try:
        page.goto(server + "notebooks/01_derivatives_and_the_computation_graph/")
        # the stored outputs: printed text and the diagrams drawn when it was executed
        texts = page.locator(".jp-OutputArea-output[data-mime-type='text/plain']")
        assert any("e = -6.0, d = 4.0, L = -8.0" in t for t in texts.all_inner_texts())
        assert page.locator(".jp-OutputArea-output svg, .jp-OutputArea-output img").count() >= 5
        # formulas typeset by the site's own MathJax
        page.wait_for_selector(".MathJax_CHTML", state="attached", timeout=30_000)

        frame = page.frame_locator(".explorer-frame").first
        label = frame.locator("[data-role=step-label]")
        label.wait_for(timeout=30_000)
        before = label.inner_text()
        frame.locator("[data-role=next]").click()
        assert label.inner_text() != before
        frame.locator("g#v0").click()  # a node of L = (a*b + c)*f opens its panel
        assert frame.locator("[data-role=panel-label]").inner_text() in set("abcdefL")

        page.click("a.twin-edition")
        page.wait_for_url("**/notebooks/ko/01_derivatives_and_the_computation_graph/")
        assert "계산 그래프" in page.locator("article h1").first.inner_text()
        assert (
            page.locator("a.open-in-lab")
            .get_attribute("href")
            .endswith("lab/lab/index.html?path=ko/01_derivatives_and_the_computation_graph.ipynb")
        )
        assert tab.errors == []
        assert tab.outside == []
    finally:
        tab.close()


def run_new_cell(page, code: str) -> None:
    """Add a cell at the end of the open notebook, type ``code`` into it and run it."""
    page.keyboard.press("Escape")
    page.locator(".jp-Notebook .jp-Cell").last.click(position={"x": 4, "y": 4})
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.keyboard.press("Enter")
    page.keyboard.type(code)
    page.keyboard.press("Shift+Enter")


def last_output(page, text: str, timeout: float = 60_000):
    return (
        page.locator(".jp-OutputArea-output").filter(has_text=text).last.wait_for(timeout=timeout)
    )


def test_lab_runs_the_engine_offline(server: str, browser) -> None:
    tab = Tab(browser, server)
    page = tab.page
    try:
        page.goto(server + "lab/lab/index.html?path=en/05_backpropagation.ipynb")
        page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60_000)
        # the kernel is started (Pyodide in a web worker) before the first cell runs
        page.wait_for_selector(
            ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=KERNEL_SECONDS * 1000
        )
        # The first code cell installs the bundled wheels and says so. A run issued while the
        # freshly opened notebook is still connecting its kernel can be dropped (seen about
        # once in five cold starts): the cell is run again, as a reader would.
        for attempt in range(3):
            page.locator(".jp-CodeCell").first.locator(".cm-content").click()
            page.keyboard.press("Shift+Enter")
            try:
                last_output(page, "scalargrad is ready.", timeout=KERNEL_SECONDS * 1000 / 3)
                break
            except Exception:
                page.screenshot(path=str(BUILT.parent / f"site-test-lab-{attempt}.png"))
                if attempt == 2:
                    raise
        assert tab.errors == []  # the lab and its kernel started without a console error

        run_new_cell(
            page,
            'from autograd import Value; import viz; a, b, c = Value(2.0, label="a"), '
            'Value(-3.0, label="b"), Value(10.0, label="c"); e = (a * b + c).tanh(); '
            'e.backward(); print(f"grad of a: {a.grad:.12f}")',
        )
        expected = (1 - math.tanh(4.0) ** 2) * -3.0
        last_output(page, f"grad of a: {expected:.12f}")

        explorer_without_dot = None
        if DOT_FREE_DIAGRAMS:
            run_new_cell(page, "viz.draw_dot(e)")
            drawn = page.locator(".jp-OutputArea-output svg g.node").filter(has_text="tanh")
            drawn.first.wait_for(timeout=60_000)

            run_new_cell(page, "viz.explore(e)")
            label = page.locator(".jp-OutputArea-output [data-role=step-label]")
            refused = page.locator(".jp-OutputArea-output").filter(has_text="GraphvizNotFoundError")
            label.or_(refused).last.wait_for(timeout=60_000)
            explorer_without_dot = label.count() > 0
            if explorer_without_dot:
                before = label.last.inner_text()
                page.locator(".jp-OutputArea-output [data-role=next]").last.click()
                page.wait_for_function(
                    "([el, old]) => el.textContent !== old",
                    arg=[label.last.element_handle(), before],
                )
        assert tab.outside == []  # nothing so far has left 127.0.0.1

        run_new_cell(page, "import numpy")
        last_output(page, "numpy is not bundled with this lab")
        assert tab.outside, "the numpy cell should have tried Pyodide's CDN"
        assert all(url.startswith(PYODIDE_CDN) and "/numpy-" in url for url in tab.outside), (
            tab.outside
        )
    finally:
        tab.close()
    # Pyodide starts no program, so Graphviz's dot cannot run in the lab: what is drawn there
    # is laid out by Graphviz in WebAssembly (viz.wasm) in the front end.
    if not DOT_FREE_DIAGRAMS:
        pytest.xfail("this checkout has no dot-free diagrams (viz.wasm): nothing is drawn")
    if not explorer_without_dot:
        pytest.xfail(
            "viz.explore lays its graph out with dot in Python (GraphvizNotFoundError in "
            "Pyodide): the explorer cannot open in the lab until it uses the dot-free layout"
        )


@pytest.mark.parametrize("package", ["autograd", "nn", "viz"])
def test_api_reference_documents_every_public_name(site: Path, package: str) -> None:
    import importlib
    import re

    html = (site / "api" / package / "index.html").read_text(encoding="utf-8")
    anchors = {anchor.rsplit(".", 1)[-1] for anchor in re.findall(r'id="([\w.]+)"', html)}
    public = importlib.import_module(package).__all__
    assert [name for name in public if name not in anchors] == []
