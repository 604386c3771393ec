"""The pictures in the README, written again by ``python -m viz.gallery [folder]``.

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


def lecture_neuron() -> tuple[Value, dict[str, Value]]:
    """The lecture's neuron o = tanh(x1 w1 + x2 w2 + b), labelled: (o, nodes by name)."""
    x1, x2 = Value(2.0, "x1"), Value(0.0, "x2")
    w1, w2 = Value(-3.0, "w1"), Value(1.0, "w2")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="docs/images", type=Path)
    for path in write_gallery(parser.parse_args().folder):
        print(path)


if __name__ == "__main__":
    main()
