"""Diagrams without Graphviz's ``dot`` program: Graphviz compiled to WebAssembly, in the browser.

When ``dot`` cannot run, a diagram (`draw_dot`, `draw_model`, `backprop_steps`, `show_steps`)
is displayed in Jupyter as an HTML output holding its DOT text and a small classic script
(``static/show-diagram.js``) that lays it out with Viz.js (Graphviz 16 built with Emscripten,
``static/viz-global.js``, shipped with the package: no network). JupyterLab, Notebook 7 and
VS Code run the classic scripts of an output the kernel just produced, so one mechanism
serves all three; a one-line note under the picture says why it is drawn this way.

For pages of our own (the explorer, the playground), `layout_script` is the script that
defines ``globalThis.scalargradLayout(dot, engine="dot") -> Promise<string>`` (SVG).
"""

from __future__ import annotations

import base64
import functools
import gzip
import html
import json
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from .language import tr

STATIC = Path(__file__).resolve().parent / "static"
VIZ_JS_PATH = STATIC / "viz-global.js"
LAYOUT_JS_PATH = STATIC / "layout.js"
SHOW_JS_PATH = STATIC / "show-diagram.js"
NODE_JS_PATH = STATIC / "node-render.js"
NODE_SECONDS = 120

NOTE = (
    "Drawn in your browser by Graphviz compiled to WebAssembly, since Graphviz's dot program "
    "was not found; for SVG/PNG/PDF files (viz.save) install Graphviz: "
    "sudo apt-get install graphviz, brew install graphviz or conda install -c conda-forge "
    "graphviz."
)


@functools.cache
def layout_script() -> str:
    """Viz.js and the ``scalargradLayout`` function, as one classic script's text.

    It also runs inside an ES module (Viz.js's wrapper falls back to ``globalThis``).
    Embed it with ``.replace("</", "<\\\\/")`` inside a ``<script>`` element.
    """
    return VIZ_JS_PATH.read_text(encoding="utf-8") + "\n" + LAYOUT_JS_PATH.read_text("utf-8")


@functools.cache
def packed_library() -> str:
    """`layout_script` gzipped and base64-encoded (half the size, in every output)."""
    packed = gzip.compress(layout_script().encode("utf-8"), compresslevel=9, mtime=0)
    return base64.b64encode(packed).decode("ascii")


def _script_safe(text: str) -> str:
    # Inside <script>, "</" could close the element early; "<\/" means the same in JS/JSON.
    return text.replace("</", "<\\/")


def output_html(frames: Sequence[str], engine: str = "dot") -> str:
    """The HTML output that draws ``frames`` (DOT texts) in the browser, with the note.

    One frame is a picture; several get a play button and a slider (``show_steps``).
    """
    if isinstance(frames, str) or not frames or not all(isinstance(f, str) for f in frames):
        raise TypeError("output_html: expected a non-empty list of DOT texts")
    data = json.dumps(
        {"frames": list(frames), "engine": engine, "library": packed_library()},
        ensure_ascii=False,
    )
    script = SHOW_JS_PATH.read_text(encoding="utf-8")
    play = html.escape(tr("▶ play"))
    return (
        '<div class="sg-wasm">'
        '<div class="sg-controls" hidden><button type="button">'
        f'{play}</button> <input type="range" min="0" max="0" value="0"> <span>step 0</span>'
        "</div>"
        '<div class="sg-picture">…</div>'
        '<div class="sg-note" style="font-size: 0.85em; color: #555">'
        f"{html.escape(tr(NOTE))}</div>"
        f'<script type="application/json" class="sg-data">{_script_safe(data)}</script>'
        f"<script>{_script_safe(script)}</script>"
        "</div>"
    )


def mimebundle(frames: Sequence[str], engine: str, text: str) -> dict[str, str]:
    """A Jupyter display bundle: the HTML output, and ``text`` with the note for plain consoles."""
    return {"text/html": output_html(frames, engine), "text/plain": f"{text}\n{tr(NOTE)}"}


def node_svg(source: str, engine: str = "dot") -> str | None:
    """``source`` laid out as SVG by Graphviz in WebAssembly under Node.js, no browser
    needed (`viz.save` without ``dot``); None when Node.js is not installed."""
    node = shutil.which("node")
    if node is None:
        return None
    done = subprocess.run(
        [node, str(NODE_JS_PATH), engine],
        input=source.encode("utf-8"),
        capture_output=True,
        timeout=NODE_SECONDS,
        check=False,
    )
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip()
        raise RuntimeError(f"save: Graphviz in WebAssembly (under Node.js) failed: {detail}")
    return done.stdout.decode("utf-8")


class WasmSteps:
    """`show_steps` without ``dot``: every frame, with a play button and a slider, drawn in
    the browser (a display object; ``frames`` are the diagrams)."""

    def __init__(self, frames: Sequence[object]) -> None:
        self.frames = list(frames)

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        sources = [frame.source for frame in self.frames]  # type: ignore[attr-defined]
        engine = getattr(self.frames[0], "engine", "dot")
        return mimebundle(sources, engine, repr(self))

    def __repr__(self) -> str:
        return f"<viz.show_steps: {len(self.frames)} frames>"
