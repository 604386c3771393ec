"""`Neuron`, `Layer` and `MLP`: fully connected networks of scalar `Value`s.

A neuron computes act(b + w_0 x_0 + ... + w_{n-1} x_{n-1}). The weighted sum
starts from the bias and adds one product per input, so a neuron of n inputs
records exactly 2n nodes plus one for its activation: no starting 0, no
constant node for an input (inputs are turned into Values once per call).
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Union

from autograd import Value
from autograd.checks import is_int, positive_int
from autograd.optional import is_ndarray

from . import torch_bridge
from .activations import Activation, activation_name, get_activation
from .dense import Dense
from .init import init_weights
from .module import Module
from .seeding import Seed, make_rng
from .vectors import to_values

if TYPE_CHECKING:  # numpy arrays are accepted, never required
    import numpy as np

Input = Union[Sequence[Union[Value, float]], "np.ndarray", Value, float]
Output = Union[Value, list[Value]]


def as_inputs(x: Input, nin: int, op: str) -> list[Value]:
    """Check an input vector and turn its numbers into leaf Values labelled x0, x1, ...

    Accepts a list, tuple or 1-D numpy array of numbers or Values (a bare number
    or Value when ``nin`` is 1). A wrong length is a ValueError (expected vs got).
    """
    if is_ndarray(x):
        if x.ndim != 1:
            raise ValueError(
                f"{op}: expected a 1-D input of length {nin}, got an array of shape {x.shape}"
            )
        items: Sequence[Any] = x.tolist()
    elif isinstance(x, (list, tuple)):
        items = x
    elif isinstance(x, (Value, numbers.Real)):
        if nin != 1:
            raise ValueError(f"{op}: expected {nin} inputs, got a single number {x!r}")
        items = [x]
    else:
        raise TypeError(
            f"{op}: expected a list, tuple or 1-D numpy array of {nin} numbers or Values, "
            f"got {type(x).__name__}"
        )
    if len(items) != nin:
        raise ValueError(f"{op}: expected {nin} inputs, got {len(items)}")
    return to_values(items, op, "input", label="x")


class Neuron(Module):
    """One unit: act(b + sum_i w_i x_i), with weights ``w`` (labelled w0, w1, ...) and bias ``b``.

    ``activation`` is a name (see `nn.activations.ACTIVATIONS`; ``None`` = "linear")
    or any callable Value -> Value. ``init`` picks the weight scheme (see `nn.init`),
    ``fan_out`` is the width of the layer (for Xavier), ``seed`` any
    `nn.seeding.Seed` (an int, None, a `random.Random` or a numpy Generator). The bias starts at 0.
    """

    def __init__(
        self,
        nin: int,
        activation: str | Activation | None = "relu",
        *,
        init: str = "auto",
        seed: Seed = None,
        fan_out: int = 1,
    ) -> None:
        nin = positive_int(nin, "nin", "Neuron")
        fan_out = positive_int(fan_out, "fan_out", "Neuron")
        self._activation = get_activation(activation)  # checked before anything is drawn
        self.activation: str | Activation = (
            "linear"
            if activation is None
            else activation.lower()
            if isinstance(activation, str)
            else activation
        )
        weights = init_weights(
            init, nin, fan_out, make_rng(seed), activation=activation_name(self.activation)
        )
        self.w = [Value(wi, f"w{i}") for i, wi in enumerate(weights)]
        self.b = Value(0.0, "b")

    @property
    def nin(self) -> int:
        return len(self.w)

    @property
    def activation_function(self) -> Activation:
        """The activation as the callable Value -> Value that the forward applies."""
        return self._activation

    def _forward(self, x: list[Value]) -> Value:
        total = self.b
        for wi, xi in zip(self.w, x):
            total = total + wi * xi
        return self._activation(total)

    def __call__(self, x: Input) -> Value:
        return self._forward(as_inputs(x, len(self.w), "Neuron"))

    def dense_layers(self) -> list[Dense]:
        """One Dense layer of one output: this neuron's weights, bias and activation."""
        return [Dense([self.w], [self.b], [self.activation])]

    def extra_repr(self) -> str:
        return f"nin={self.nin}, activation={activation_name(self.activation)!r}"


class Layer(Module):
    """``nout`` neurons that all see the same ``nin`` inputs.

    Returns a Value when ``nout`` is 1, otherwise a list of ``nout`` Values.
    """

    def __init__(
        self,
        nin: int,
        nout: int,
        activation: str | Activation | None = "relu",
        *,
        init: str = "auto",
        seed: Seed = None,
    ) -> None:
        nin = positive_int(nin, "nin", "Layer")
        nout = positive_int(nout, "nout", "Layer")
        rng = make_rng(seed)  # one stream for the whole layer, so neurons differ
        self.neurons = [
            Neuron(nin, activation, init=init, seed=rng, fan_out=nout) for _ in range(nout)
        ]

    @property
    def nin(self) -> int:
        return self.neurons[0].nin

    @property
    def nout(self) -> int:
        return len(self.neurons)

    def _forward(self, x: list[Value]) -> list[Value]:
        return [neuron._forward(x) for neuron in self.neurons]

    def __call__(self, x: Input) -> Output:
        out = self._forward(as_inputs(x, self.nin, "Layer"))
        return out[0] if len(out) == 1 else out

    def dense_layers(self) -> list[Dense]:
        """One Dense layer: a row of weights, a bias and an activation per neuron."""
        neurons = self.neurons
        activations = [n.activation for n in neurons]
        return [Dense([n.w for n in neurons], [n.b for n in neurons], activations)]

    def extra_repr(self) -> str:
        name = activation_name(self.neurons[0].activation)
        return f"nin={self.nin}, nout={self.nout}, activation={name!r}"

    def _repr_children(self) -> list[tuple[str, Any]]:
        return []  # nout identical lines would say nothing that extra_repr does not


class MLP(Module):
    """A multi-layer perceptron: ``nin`` inputs, then one `Layer` per entry of ``nouts``.

    Hidden layers use ``activation``; the last layer uses ``output_activation``
    (default None: linear, i.e. raw scores or logits). A width-1 hidden layer is
    fine. Returns a Value when the last layer has one neuron, otherwise a list.
    """

    def __init__(
        self,
        nin: int,
        nouts: Sequence[int],
        activation: str | Activation | None = "relu",
        output_activation: str | Activation | None = None,
        *,
        init: str = "auto",
        seed: Seed = None,
    ) -> None:
        nin = positive_int(nin, "nin", "MLP")
        if isinstance(nouts, (str, bytes)) or not isinstance(nouts, Sequence) or not nouts:
            raise ValueError(f"MLP: nouts must be a non-empty list of layer widths, got {nouts!r}")
        for n in nouts:
            if not is_int(n, 1):
                raise ValueError(
                    f"MLP: every layer width must be a positive int, got {n!r} in {list(nouts)!r}"
                )
        get_activation(activation)  # checked even when no hidden layer uses it
        sizes = [nin, *(int(n) for n in nouts)]
        rng = make_rng(seed)
        last = len(nouts) - 1
        self.layers = [
            Layer(
                sizes[i],
                sizes[i + 1],
                output_activation if i == last else activation,
                init=init,
                seed=rng,
            )
            for i in range(len(nouts))
        ]

    @property
    def nin(self) -> int:
        return self.layers[0].nin

    @property
    def nouts(self) -> list[int]:
        return [layer.nout for layer in self.layers]

    def dense_layers(self) -> list[Dense]:
        """One Dense layer per layer, first to last."""
        return [dense for layer in self.layers for dense in layer.dense_layers()]

    @classmethod
    def from_dense(cls, layers: Sequence[Dense]) -> MLP:
        """An MLP with these layers' sizes, activations and weights (copied into its own
        parameters). Each layer's outputs must share one activation."""
        if not layers:
            raise ValueError("MLP.from_dense: expected at least one Dense layer, got none")
        names = []
        for i, layer in enumerate(layers):
            kinds = {activation_name(a) for a in layer.activations}
            if len(kinds) != 1:
                raise ValueError(
                    f"MLP.from_dense: the outputs of layer {i} have different activations "
                    f"{sorted(kinds)}; an MLP layer has one"
                )
            names.append(layer.activations[0])
        nin = layers[0].nin
        nouts = [layer.nout for layer in layers]
        hidden = names[0] if len(layers) > 1 else "linear"
        model = cls(nin, nouts, hidden, names[-1], seed=0)
        sizes = [nin, *nouts]
        for i in range(len(layers) - 1):  # hidden layers whose activation differs
            if names[i] != hidden:
                model.layers[i] = Layer(sizes[i], sizes[i + 1], names[i], seed=0)
        for built, dense in zip(model.layers, layers):
            for neuron, row, b in zip(built.neurons, dense.weights, dense.biases):
                for w, x in zip(neuron.w, row):
                    w.data = x.data
                neuron.b.data = b.data
        return model

    @classmethod
    def from_torch(cls, sequential: Any) -> MLP:
        """An MLP with the layers and weights of a ``torch.nn.Sequential``: the same as
        `nn.from_torch(sequential)`.

        The Sequential holds ``Linear`` layers, each followed by at most one
        activation module of those `nn.to_torch` makes (see `nn.torch_bridge`).
        """
        return cls.from_dense(torch_bridge.dense_from_torch(sequential))

    def __call__(self, x: Input) -> Output:
        values = as_inputs(x, self.nin, "MLP")
        for layer in self.layers:
            values = layer._forward(values)
        return values[0] if len(values) == 1 else values


def from_torch(sequential: Any) -> MLP:
    """An `MLP` with the layers and weights of a ``torch.nn.Sequential`` of Linear +
    activation modules (the inverse of `nn.to_torch`); needs PyTorch."""
    return MLP.from_dense(torch_bridge.dense_from_torch(sequential))
