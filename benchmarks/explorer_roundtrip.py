"""The explorer's what-if, timed on MLP(2, [4, 4, 1]) on one point with squared error (106 nodes).

Standalone (not part of ``python -m benchmarks``). ``python -m benchmarks.explorer_roundtrip
--python`` times the kernel's work per change (forward, one backward replay, the state, the
difference sent) and prints the bytes sent. Without ``--python``: a headless JupyterLab on
localhost shows the widget in Debian's chromium (playwright), and the page times typing a new
value (Enter) until the output node shows its new data: message, Python, patch and repaint.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETUP = (
    "import viz\nfrom nn import MLP\n"
    "model = MLP(2, [4, 4, 1], seed=0)\n"
    "loss = (model([0.5, -1.0]) - 1.0) ** 2\n"
)
# In the page: change leaf 2's field `changes` times; each time, wait for the output node's text.
TYPE_AND_WAIT = """async (changes) => {
  const root = document.querySelector('.vx-root');
  const field = root.querySelector('[data-role=leaf-number-2]');
  const ids = Array.from(root.querySelectorAll('g.node')).map(g => g.id)
    .filter(id => /^v\\d+$/.test(id));
  const out = root.querySelector(`g#${ids[ids.length - 1]}`);
  const shown = () => Array.from(out.querySelectorAll('text')).map(t => t.textContent).join('|');
  const times = [], front = [];
  for (let k = 0; k < changes; k++) {
    const before = shown();
    const start = performance.now();
    field.value = String(k % 2 ? 1.5 : -1.5 + 0.01 * k);  // a visible change
    field.dispatchEvent(new Event('change'));
    while (shown() === before) {
      if (performance.now() - start > 10000) throw new Error('no repaint');
      await new Promise(r => setTimeout(r, 1));
    }
    times.push(performance.now() - start);
    front.push(Number(root.dataset.patchMs));
  }
  return [times, front];
}"""


def python_side(changes: int) -> None:
    from viz.explorer.state import GraphExplorer
    from viz.explorer.widget import Explorer

    namespace: dict = {}
    exec(SETUP, namespace)
    widget = Explorer(GraphExplorer(namespace["loss"], params=namespace["model"], max_nodes=200))
    first = len(json.dumps(widget.state, ensure_ascii=False).encode("utf-8"))
    times, sizes = [], []
    for k in range(changes):
        start = time.perf_counter()
        widget._on_message(widget, {"type": "set", "node": 2, "value": 0.1 * (k % 7) - 0.3}, [])
        times.append(time.perf_counter() - start)
        sizes.append(widget.sent_bytes)
    print(f"first state: {first / 1024:.1f} KB")
    print(
        f"per change: median {statistics.median(times) * 1e3:.1f} ms, max {max(times) * 1e3:.1f} ms"
        f" over {changes} changes; sent median {statistics.median(sizes) / 1024:.1f} KB"
    )


def browser_side(changes: int) -> None:
    import nbformat

    # The browser tests' chromium and headless JupyterLab, so that this runs the same set-up.
    from tests.browser import jupyterlab, launch_browser

    folder = Path(tempfile.mkdtemp(prefix="explorer-bench-"))
    cells = [f"import sys\nsys.path.insert(0, {str(ROOT)!r})", SETUP + "viz.explore(loss, model)"]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, folder / "bench.ipynb")
    with jupyterlab(folder) as url, contextlib.contextmanager(launch_browser)() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(120_000)
        page.goto(f"{url}/lab/tree/bench.ipynb")
        page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell.currentWidget "
            "&& window.jupyterapp.shell.currentWidget.sessionContext.session"
        )
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_selector(".vx-root [data-role=caption] .vx-line")
        print("widget shown", file=sys.stderr)
        times, front = page.evaluate(TYPE_AND_WAIT, changes)
    print(
        f"JupyterLab round trip (type a value → the output node repainted): median "
        f"{statistics.median(times):.0f} ms, max {max(times):.0f} ms over {changes} changes; "
        f"of which the front end applying the patch: median {statistics.median(front):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", action="store_true", help="time Python's side only")
    parser.add_argument("--changes", type=int, default=20)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    (python_side if args.python else browser_side)(args.changes)


if __name__ == "__main__":
    main()
