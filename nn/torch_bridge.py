"""`nn` models to and from PyTorch: ``model.to_torch()`` and ``MLP.from_torch(sequential)``.

A `Neuron`, `Layer` or `MLP` becomes a float64 ``torch.nn.Sequential`` of
``Linear`` layers, each followed by its activation module (none for
"linear"), with the same weights, so both compute the same numbers (to
rounding). ``MLP.from_torch`` reads such a Sequential back. PyTorch is
optional: it is imported only here, when a conversion runs.

=============  =================================  ==============
nn name        PyTorch module                     (and back)
=============  =================================  ==============
relu           ReLU()
tanh           Tanh()
sigmoid        Sigmoid()
leaky_relu     LeakyReLU(0.01)                    slope 0.01 only
elu            ELU(1.0)                           alpha 1.0 only
gelu           GELU()
gelu_tanh      GELU(approximate="tanh")
softplus       Softplus()                         beta 1, threshold 20 only
linear         nothing                            Identity() skipped
=============  =================================  ==============
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .activations import ACTIVATIONS, activation_name

if TYPE_CHECKING:
    from .layers import MLP, Neuron
    from .module import Module

SUPPORTED = "Linear, ReLU, Tanh, Sigmoid, LeakyReLU(0.01), ELU(1.0), GELU, Softplus(), Identity"


def _torch(op: str) -> Any:
    """PyTorch, imported on first use, or an ImportError that says how to install it."""
    try:
        import torch
    except ImportError:
        raise ImportError(
            f"{op} needs PyTorch, which is not installed: pip install torch "
            "(the CPU build is enough)"
        ) from None
    return torch


# ------------------------------------------------------------------ to PyTorch


def _name_of(activation: Any) -> str:
    """The registry name of a neuron's activation; a callable outside the registry is refused."""
    if isinstance(activation, str):
        return activation
    for name, function in ACTIVATIONS.items():
        if activation is function:
            return name
    raise ValueError(
        f"to_torch: the activation {activation_name(activation)!r} is a callable of your own, "
        "which has no PyTorch module; use one of the named activations "
        f"({', '.join(ACTIVATIONS)})"
    )


def _activation_module(torch: Any, name: str) -> Any | None:
    modules = {
        "relu": torch.nn.ReLU,
        "tanh": torch.nn.Tanh,
        "sigmoid": torch.nn.Sigmoid,
        "leaky_relu": lambda: torch.nn.LeakyReLU(0.01),
        "elu": lambda: torch.nn.ELU(1.0),
        "gelu": torch.nn.GELU,
        "gelu_tanh": lambda: torch.nn.GELU(approximate="tanh"),
        "softplus": torch.nn.Softplus,
    }
    if name == "linear":
        return None
    return modules[name]()


def _dense(torch: Any, neurons: list[Neuron], where: str) -> list[Any]:
    """A Linear for these neurons (one row each), then their shared activation's module."""
    names = {_name_of(neuron.activation) for neuron in neurons}
    if len(names) != 1:
        raise ValueError(
            f"to_torch: the neurons of {where} have different activations {sorted(names)}; "
            "a PyTorch layer applies one activation to all its outputs"
        )
    linear = torch.nn.Linear(neurons[0].nin, len(neurons), dtype=torch.float64)
    with torch.no_grad():
        weight = [[w.data for w in neuron.w] for neuron in neurons]
        linear.weight.copy_(torch.tensor(weight, dtype=torch.float64))
        linear.bias.copy_(torch.tensor([neuron.b.data for neuron in neurons], dtype=torch.float64))
    activation = _activation_module(torch, names.pop())
    return [linear] if activation is None else [linear, activation]


def to_torch(module: Module) -> Any:
    """``module`` as a float64 ``torch.nn.Sequential`` of Linear and activation modules."""
    from .layers import MLP, Layer, Neuron

    if not isinstance(module, (Neuron, Layer, MLP)):
        raise TypeError(
            f"to_torch: no PyTorch counterpart for {type(module).__name__}; "
            "Neuron, Layer and MLP have one"
        )
    torch = _torch("to_torch")
    if isinstance(module, Neuron):
        parts = _dense(torch, [module], "the neuron")
    elif isinstance(module, Layer):
        parts = _dense(torch, module.neurons, "the layer")
    else:
        parts = [
            part
            for i, layer in enumerate(module.layers)
            for part in _dense(torch, layer.neurons, f"layer {i}")
        ]
    return torch.nn.Sequential(*parts)


# ---------------------------------------------------------------- from PyTorch


def _activation_name(torch: Any, module: Any, index: int) -> str:
    """The nn name for an activation module, or a ValueError naming the module."""
    nn = torch.nn
    simple = {nn.ReLU: "relu", nn.Tanh: "tanh", nn.Sigmoid: "sigmoid"}
    for kind, name in simple.items():
        if type(module) is kind:
            return name
    if type(module) is nn.GELU and module.approximate in ("none", "tanh"):
        return "gelu" if module.approximate == "none" else "gelu_tanh"
    if type(module) is nn.LeakyReLU and module.negative_slope == 0.01:
        return "leaky_relu"
    if type(module) is nn.ELU and module.alpha == 1.0:
        return "elu"
    if type(module) is nn.Softplus and module.beta == 1.0 and module.threshold == 20.0:
        return "softplus"
    raise ValueError(
        f"from_torch: module {index}, {module!r}, has no counterpart in nn (supported: {SUPPORTED})"
    )


def _numbers(torch: Any, tensor: Any, what: str) -> list[Any]:
    numbers = tensor.detach().to(dtype=torch.float64, device="cpu").tolist()
    flat = numbers if not numbers or not isinstance(numbers[0], list) else sum(numbers, [])
    if not all(math.isfinite(x) for x in flat):
        raise ValueError(f"from_torch: {what} holds a number that is not finite")
    return numbers


def mlp_from_torch(sequential: Any, cls: type[MLP] | None = None) -> MLP:
    """An `MLP` with the layers and weights of a ``torch.nn.Sequential`` of Linear + activations."""
    from .layers import MLP, Layer

    torch = _torch("from_torch")
    if not isinstance(sequential, torch.nn.Sequential):
        raise TypeError(
            f"from_torch: expected a torch.nn.Sequential of Linear and activation modules, "
            f"got {type(sequential).__name__}"
        )
    linears: list[Any] = []
    activations: list[str] = []
    for i, module in enumerate(sequential):
        if isinstance(module, torch.nn.Linear):
            if linears and module.in_features != linears[-1].out_features:
                raise ValueError(
                    f"from_torch: module {i}, {module!r}, takes {module.in_features} inputs "
                    f"but the layer before it has {linears[-1].out_features} outputs"
                )
            linears.append(module)
            activations.append("linear")
            continue
        if isinstance(module, torch.nn.Identity):  # computes nothing, wherever it is
            continue
        name = _activation_name(torch, module, i)
        if not linears:
            raise ValueError(f"from_torch: module {i}, {module!r}, comes before any Linear")
        if activations[-1] != "linear":
            raise ValueError(
                f"from_torch: module {i}, {module!r}, follows another activation; "
                "an MLP layer has one activation after its Linear"
            )
        activations[-1] = name
    if not linears:
        raise ValueError("from_torch: the Sequential has no Linear layer")

    nin = linears[0].in_features
    nouts = [linear.out_features for linear in linears]
    hidden = activations[0] if len(linears) > 1 else "linear"
    model = (cls or MLP)(nin, nouts, hidden, activations[-1], seed=0)
    sizes = [nin, *nouts]
    for i in range(len(linears) - 1):  # hidden layers whose activation differs
        if activations[i] != hidden:
            model.layers[i] = Layer(sizes[i], sizes[i + 1], activations[i], seed=0)
    for i, (layer, linear) in enumerate(zip(model.layers, linears)):
        weight = _numbers(torch, linear.weight, f"the weight of Linear {i}")
        bias = (
            _numbers(torch, linear.bias, f"the bias of Linear {i}")
            if linear.bias is not None
            else [0.0] * linear.out_features
        )
        for neuron, row, b in zip(layer.neurons, weight, bias):
            for w, x in zip(neuron.w, row):
                w.data = float(x)
            neuron.b.data = float(b)
    return model
