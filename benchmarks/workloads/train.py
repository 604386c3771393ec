"""train100: the whole demo, 100 SGD steps with the learning rate decaying 1.0 -> 0.1.

Step k (from 0) uses lr = 1 - 0.9 k / steps, as the demo. A graph that is
freed at once by reference counting leaves nothing behind, so the last step
should take as long as the first. Each step's CPU time is kept, and after
it (untimed) the objects the garbage collector tracks are counted, to see
whether anything piles up from step to step.
"""

from __future__ import annotations

import gc

from ..checksum import Checksum
from ..engines import Engine
from ..timing import StepLog, cpu_clock
from ..trial import require_positive
from .mlp import FloatMLP, SharedMLP, initial_weights, moons_data, training_step

N_POINTS = 100


def learning_rate(step: int, steps: int) -> float:
    return 1.0 - 0.9 * step / steps


class StepRecorder:
    """Keeps each step's CPU time and the live object count after it."""

    def __init__(self) -> None:
        self.seconds: list[float] = []
        self.live_objects: list[int] = []

    def record(self, seconds: float) -> None:
        self.seconds.append(seconds)
        self.live_objects.append(len(gc.get_objects()))

    def log(self) -> StepLog:
        return StepLog(tuple(self.seconds), tuple(self.live_objects))


class TrainTrial:
    def __init__(self, engine: Engine, steps: int, n_points: int = N_POINTS) -> None:
        self.steps = require_positive("train100", "the number of steps", steps)
        self.points, self.labels = moons_data(n_points)
        self.engine = engine
        self.model = SharedMLP(engine, initial_weights())
        self.losses: list[float] = []
        self.recorder = StepRecorder()

    def run(self) -> None:
        for k in range(self.steps):
            start = cpu_clock()
            loss = training_step(
                self.engine, self.model, self.points, self.labels, learning_rate(k, self.steps)
            )
            self.recorder.record(cpu_clock() - start)
            self.losses.append(loss)

    def step_log(self) -> StepLog:
        return self.recorder.log()

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
        self.recorder = StepRecorder()

    def run(self) -> None:
        for k in range(self.steps):
            start = cpu_clock()
            loss, _ = self.model.step(self.points, self.labels, learning_rate(k, self.steps))
            self.recorder.record(cpu_clock() - start)
            self.losses.append(loss)

    def step_log(self) -> StepLog:
        return self.recorder.log()

    def checksum(self) -> Checksum:
        return Checksum.of(self.losses[-1], self.model.parameters())
