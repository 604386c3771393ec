"""train100: the whole demo, 100 SGD steps with the learning rate decaying 1.0 -> 0.1.

Step k (from 0) uses lr = 1 - 0.9 k / steps, as the demo. Each step's CPU time is
kept: a graph that is freed at once by reference counting leaves nothing
behind, so the last step should take as long as the first.
"""

from __future__ import annotations

from ..checksum import Checksum
from ..engines import Engine
from ..timing import cpu_clock
from ..trial import require_positive
from .mlp import FloatMLP, SharedMLP, initial_weights, moons_data, training_step

N_POINTS = 100


def learning_rate(step: int, steps: int) -> float:
    return 1.0 - 0.9 * step / steps


class TrainTrial:
    def __init__(self, engine: Engine, steps: int, n_points: int = N_POINTS) -> None:
        self.steps = require_positive("train100", "the number of steps", steps)
        self.points, self.labels = moons_data(n_points)
        self.engine = engine
        self.model = SharedMLP(engine, initial_weights())
        self.losses: list[float] = []
        self.step_seconds: list[float] = []

    def run(self) -> None:
        for k in range(self.steps):
            start = cpu_clock()
            loss = training_step(
                self.engine, self.model, self.points, self.labels, learning_rate(k, self.steps)
            )
            self.step_seconds.append(cpu_clock() - start)
            self.losses.append(loss)

    def checksum(self) -> Checksum:
        """The last loss and the trained parameters."""
        trained = [self.engine.data(p) for p in self.model.parameters()]
        return Checksum.of(self.losses[-1], trained)


class FloatTrainTrial:
    def __init__(self, steps: int, n_points: int = N_POINTS) -> None:
        self.steps = require_positive("train100", "the number of steps", steps)
        self.points, self.labels = moons_data(n_points)
        self.model = FloatMLP(initial_weights())
        self.losses: list[float] = []
        self.step_seconds: list[float] = []

    def run(self) -> None:
        for k in range(self.steps):
            start = cpu_clock()
            loss, _ = self.model.step(self.points, self.labels, learning_rate(k, self.steps))
            self.step_seconds.append(cpu_clock() - start)
            self.losses.append(loss)

    def checksum(self) -> Checksum:
        return Checksum.of(self.losses[-1], self.model.parameters())
