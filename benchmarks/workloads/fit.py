"""fit: the user's path, `nn.fit` on the demo (`nn/demo.py`'s recipe), eager or compiled.

Two moons (`nn.make_moons`, noise 0.1, seed 0), MLP(2, [16, 16, 1]) with relu,
hinge loss + 1e-4 L2, SGD with the learning rate decaying 1.0 -> 0.1 over the
call's steps, full batches: what ``python -m nn.demo`` (``--compile``) runs,
through the public API only, so these rows measure whatever `fit` does.
"""

from __future__ import annotations

from typing import Any

from . import require_positive
from .mlp import L2


class FitDemo:
    """The demo's data and model (made here, untimed); `train` is one `fit` call."""

    def __init__(self, n_points: int, compile: bool) -> None:
        from nn import MLP, make_moons

        X, y = make_moons(require_positive("fit", "the number of points", n_points), 0.1, seed=0)
        self.X, self.targets = X, 2 * y - 1  # hinge loss labels: -1 / +1
        self.model = MLP(2, [16, 16, 1], activation="relu", seed=0)
        self.compile = compile

    def train(self, steps: int) -> list[float]:
        """``steps`` SGD steps in one `fit` call, from the model's current weights; the losses."""
        from nn import SGD, fit, hinge_loss, linear_decay

        optimizer = SGD(self.model.parameters(), lr=linear_decay(1.0, 0.1, steps))
        history: Any = fit(
            self.model,
            self.X,
            self.targets,
            hinge_loss,
            optimizer,
            steps=steps,
            l2=L2,
            seed=0,
            progress=False,
            compile=self.compile,
        )
        return list(history["loss"])

    def params(self) -> list[float]:
        return [p.data for p in self.model.parameters()]
