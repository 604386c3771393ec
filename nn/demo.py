"""The demo: train an MLP on a 2-D toy data set and write pictures of it.

    python -m nn.demo --out out                       # the moons demo (make demo)
    python -m nn.demo --dataset spirals --steps 200   # 3-class spirals, cross-entropy + Adam
    python -m nn.demo --compile                       # the same training, replayed on arrays

Binary data sets (moons, circles, xor) use the best-known scalar demo's recipe:
labels -1/+1, hinge loss + 1e-4 L2, SGD with the learning rate decaying
linearly from 1.0 to 0.1, full batches. Multi-class sets (spirals, blobs) use
cross-entropy and Adam (lr 0.05). Writes to the output folder:

    decision_boundary.png   the classes the model predicts over the plane, with the data
    loss_curve.png          loss and accuracy per step
    neuron_graph.svg        one neuron's computation graph, with values and gradients
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from autograd import Value
from autograd.checks import positive_int

from . import data
from .layers import MLP, as_inputs
from .losses import cross_entropy, hinge_loss, l2_penalty
from .optim import SGD, Adam, Optimizer, linear_decay
from .train import History, accuracy, fit

BINARY = ("moons", "circles", "xor")
MULTICLASS = ("spirals", "blobs")
DEFAULT_SEED = 0
L2 = 1e-4
TARGET_ACCURACY = 0.98  # what the moons demo must reach (it reaches 100% with the defaults)


def _widths(text: str) -> list[int]:
    try:
        parts = [part for part in text.split(",") if part.strip()]
        return [positive_int(int(part), "layer width", "--hidden") for part in parts]
    except ValueError:  # not an int, or not positive
        raise argparse.ArgumentTypeError(
            f"expected positive layer widths like 16,16, got {text!r}"
        ) from None


def _positive(text: str) -> int:
    try:
        return positive_int(int(text), "value", "demo")
    except ValueError:  # not an int, or not positive
        raise argparse.ArgumentTypeError(f"expected a positive int, got {text!r}") from None


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m nn.demo",
        description="Train an MLP on a 2-D toy data set; write its decision boundary, "
        "loss curve and one neuron's computation graph.",
    )
    parser.add_argument("--out", default="out", help="output folder (default: out)")
    parser.add_argument("--dataset", choices=BINARY + MULTICLASS, default="moons")
    parser.add_argument("--samples", type=_positive, default=100, help="data set size")
    parser.add_argument("--noise", type=float, default=None, help="data noise (per-set default)")
    parser.add_argument("--classes", type=_positive, default=3, help="classes (spirals, blobs)")
    parser.add_argument(
        "--hidden", type=_widths, default=[16, 16], help="hidden widths (default: 16,16)"
    )
    parser.add_argument("--activation", default="relu", help="hidden activation (default: relu)")
    parser.add_argument("--steps", type=_positive, default=100, help="training steps")
    parser.add_argument("--batch-size", type=_positive, default=None, help="default: full batch")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="data and weight seed")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    parser.add_argument(
        "--compile",
        action="store_true",
        help="train through autograd.vmap (one sample traced once, replayed on every batch)",
    )
    return parser.parse_args(argv)


def make_data(args: argparse.Namespace) -> tuple[np.ndarray, np.ndarray]:
    noise_defaults = {"moons": 0.1, "circles": 0.05, "xor": 0.0, "spirals": 0.2, "blobs": 1.0}
    noise = noise_defaults[args.dataset] if args.noise is None else args.noise
    n, seed = args.samples, args.seed
    if args.dataset == "moons":
        return data.make_moons(n, noise=noise, seed=seed)
    if args.dataset == "circles":
        return data.make_circles(n, noise=noise, factor=0.5, seed=seed)
    if args.dataset == "xor":
        return data.make_xor(n, noise=noise, seed=seed)
    if args.dataset == "spirals":
        return data.make_spirals(n, n_classes=args.classes, noise=noise, seed=seed)
    return data.make_blobs(n, centers=args.classes, cluster_std=noise, seed=seed)


def neuron_graph(model: MLP, X: np.ndarray) -> Value:
    """One first-layer neuron on one training point, with d(neuron)/d(node) in every ``.grad``.

    Takes the first (point, neuron) pair where the neuron is active, so that the
    gradients reaching its weights are not all zero (relu passes none below 0).
    """
    pairs = ((as_inputs(p, model.nin, "demo"), n) for p in X for n in model.layers[0].neurons)
    inputs, neuron = next(
        ((x, n) for x, n in pairs if n(x).data > 0.0),
        (as_inputs(X[0], model.nin, "demo"), model.layers[0].neurons[0]),
    )
    out = neuron(inputs)
    out.label = "out"
    out.backward()
    return out


def describe(args: argparse.Namespace, model: MLP, binary: bool) -> str:
    widths = ", ".join(str(w) for w in model.nouts)
    recipe = (
        f"hinge loss + {L2:g} L2, SGD with lr 1.0 -> 0.1 (linear)"
        if binary
        else "cross-entropy, Adam (lr 0.05)"
    )
    return (
        f"{args.dataset}: {args.samples} points, seed {args.seed}; "
        f"MLP({model.nin}, [{widths}]) with {model.num_parameters()} parameters, "
        f"{args.activation}; {recipe}; {args.steps} steps"
        + (", compiled (autograd.vmap)" if args.compile else "")
    )


def train(args: argparse.Namespace, X: np.ndarray, y: np.ndarray) -> tuple[MLP, History]:
    """Build the model and the optimizer for the data set, print the set-up, and train."""
    binary = args.dataset in BINARY
    n_out = 1 if binary else int(y.max()) + 1
    model = MLP(2, [*args.hidden, n_out], activation=args.activation, seed=args.seed)
    optimizer: Optimizer
    if binary:
        targets = 2 * y - 1  # hinge loss labels: -1 / +1
        optimizer = SGD(model.parameters(), lr=linear_decay(1.0, 0.1, args.steps))
        loss: Any = hinge_loss
    else:
        targets = y
        optimizer = Adam(model.parameters(), lr=0.05)
        loss = cross_entropy
    print(describe(args, model, binary))
    history = fit(
        model,
        X,
        targets,
        loss,
        optimizer,
        steps=args.steps,
        batch_size=args.batch_size,
        l2=L2 if binary else 0.0,
        seed=args.seed,
        progress=False if args.no_progress else None,
        compile=args.compile,
    )
    return model, history


def final_loss(model: MLP, X: np.ndarray, y: np.ndarray, binary: bool) -> float:
    """The training loss of the trained model (after the last update)."""
    outputs = [model(row) for row in X.tolist()]
    if binary:
        loss = hinge_loss(outputs, (2 * y - 1).tolist())
        assert isinstance(loss, Value)  # the mean over the samples
        return (loss + l2_penalty(model, L2)).data
    loss = cross_entropy(outputs, y.tolist())
    assert isinstance(loss, Value)
    return loss.data


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    import matplotlib

    matplotlib.use("Agg")  # files only: no window, works without a display
    import viz

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    X, y = make_data(args)
    binary = args.dataset in BINARY
    start = time.perf_counter()
    model, history = train(args, X, y)
    seconds = time.perf_counter() - start
    train_accuracy = accuracy(model, X, y)
    correct = round(train_accuracy * len(y))
    print(
        f"final loss {final_loss(model, X, y, binary):.4f}, training accuracy "
        f"{train_accuracy:.1%} ({correct}/{len(y)}), {args.steps} steps in {seconds:.1f} s"
    )

    paths = [out / "decision_boundary.png", out / "loss_curve.png", out / "neuron_graph.svg"]
    figure = viz.plot_decision_boundary(model, X, y)
    figure.savefig(paths[0], dpi=150, bbox_inches="tight")
    figure = viz.plot_history(history)
    figure.savefig(paths[1], dpi=150, bbox_inches="tight")
    graph = viz.draw_dot(
        neuron_graph(model, X),
        rankdir="LR",
        params=model,
        title="one neuron of the first layer on one training point (grad: d out / d node)",
    )
    viz.save(graph, paths[2])
    import matplotlib.pyplot as plt

    plt.close("all")
    print("wrote " + ", ".join(str(p) for p in paths))
    if args.dataset == "moons" and train_accuracy < TARGET_ACCURACY:
        print(
            f"warning: below the {TARGET_ACCURACY:.0%} the moons demo should reach", file=sys.stderr
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
