"""`Dense`: a fully connected layer described as data, the one description of a model's layers.

Every layer type says what it is in these terms (`Module.dense_layers`): a `Neuron`
is one Dense layer of one output, a `Layer` one Dense layer, an `MLP` one per
layer. The PyTorch bridge (`nn.to_torch`) and the network diagram
(`viz.draw_model`) read this description, never the layer classes themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from autograd import Value

from .activations import Activation


@dataclass(frozen=True)
class Dense:
    """``out_j = activations[j](biases[j] + sum_i weights[j][i] x_i)``, for j < nout.

    The Values are the model's own parameters (not copies), one row of
    ``weights`` per output. ``activations`` holds one activation per output, a
    name or a callable Value -> Value (the outputs of a `Layer` share one).
    """

    weights: list[list[Value]]
    biases: list[Value]
    activations: list[str | Activation]

    @property
    def nin(self) -> int:
        return len(self.weights[0]) if self.weights else 0

    @property
    def nout(self) -> int:
        return len(self.weights)


class DescribesDense(Protocol):
    """A model that can say which Dense layers it is made of (None: it cannot)."""

    def dense_layers(self) -> list[Dense] | None: ...
