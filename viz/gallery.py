"""The pictures in the README, written again by ``python -m viz.gallery [folder]``.

It also writes the example explorer page, ``docs/explorer.html`` (`viz.save_html` of the
lecture's neuron), and, where playwright and a chromium are at hand, its still picture
``docs/images/explorer.png``.

The lecture's neuron, o = tanh(x1 w1 + x2 w2 + b) with x1 = 2, x2 = 0, w1 = -3,
w2 = 1 and b = 6.8813735870195432 (chosen so that n = 0.8814 and o = 1/sqrt(2)),
drawn after ``backward()``; one frame of its backpropagation; an MLP drawn as
layers; and the activation functions with their derivatives.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from autograd import Value

from .diagram import draw_dot, save
from .model import draw_model
from .plots import plot_activations
from .steps import backprop_steps


def lecture_neuron(w1: float = -3.0) -> tuple[Value, dict[str, Value]]:
    """The lecture's neuron o = tanh(x1 w1 + x2 w2 + b), labelled: (o, nodes by name)."""
    x1, x2 = Value(2.0, "x1"), Value(0.0, "x2")
    w1, w2 = Value(w1, "w1"), Value(1.0, "w2")
    b = Value(6.8813735870195432, "b")
    x1w1 = x1 * w1
    x1w1.label = "x1*w1"
    x2w2 = x2 * w2
    x2w2.label = "x2*w2"
    s = x1w1 + x2w2
    s.label = "x1*w1 + x2*w2"
    n = s + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    nodes = dict(x1=x1, x2=x2, w1=w1, w2=w2, b=b, x1w1=x1w1, x2w2=x2w2, s=s, n=n, o=o)
    return o, nodes


def write_gallery(folder: Path) -> list[Path]:
    """Write every README picture into ``folder``; returns the paths."""
    o, nodes = lecture_neuron()
    params = [nodes["w1"], nodes["w2"], nodes["b"]]
    steps = backprop_steps(o, params=params)
    o.backward()
    written = [
        save(
            draw_dot(o, params=params, title="o = tanh(x1*w1 + x2*w2 + b), after o.backward()"),
            folder / "neuron.svg",
        ),
        save(steps[3], folder / "neuron_step_3.svg"),
    ]
    try:
        from nn import MLP
    except ImportError:  # nn is optional for the engine's own pictures
        pass
    else:
        model = MLP(2, [8, 8, 1], activation="tanh", seed=0)
        written.append(save(draw_model(model, title="MLP(2, [8, 8, 1])"), folder / "mlp.svg"))
    figure = plot_activations(["sigmoid", "tanh", "relu", "gelu"], derivatives=2)
    figure.set_size_inches(12, 6.6)
    path = folder / "activations.png"
    figure.savefig(path, dpi=90)
    written.append(path)
    return written


# Debian's chromium as root, offline: the flags the browser tests use too.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def write_explorer(page: Path) -> Path:
    """The lecture's neuron as a self-contained explorer page (`viz.save_html`)."""
    from .explorer import save_html

    o, nodes = lecture_neuron()
    return save_html(
        o,
        page,
        params=[nodes["w1"], nodes["w2"], nodes["b"]],
        title="o = tanh(x1*w1 + x2*w2 + b)",
    )


def screenshot_explorer(page: Path, picture: Path, chromium: str = "/usr/bin/chromium") -> Path:
    """A still picture of the explorer page at step 3 with o's panel open (playwright)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1900, "height": 640})
        tab.goto(page.resolve().as_uri())
        for _ in range(3):
            tab.click("[data-role=next]")
        tab.click("g#v9")  # o = tanh(n): its formula and the contribution it received
        tab.click("[data-role=zoom-fit]")  # the whole graph in the picture
        picture.parent.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(picture), full_page=True)
        browser.close()
    return picture


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="docs/images", type=Path)
    parser.add_argument("--explorer", default="docs/explorer.html", type=Path)
    args = parser.parse_args()
    for path in write_gallery(args.folder):
        print(path)
    page = write_explorer(args.explorer)
    print(page)
    try:
        print(screenshot_explorer(page, args.folder / "explorer.png"))
    except Exception as error:  # no playwright or no chromium: the page is still written
        print(f"explorer.png not written ({type(error).__name__}: {error})")


if __name__ == "__main__":
    main()
