"""`nn` models to and from PyTorch: `to_torch(model)` and `dense_from_torch(sequential)`.

Both speak the one description a model gives of its layers (`nn.dense.Dense`), so
this module knows no layer class. A model that gives its `dense_layers` (`Neuron`,
`Layer`, `MLP`) becomes a float64 ``torch.nn.Sequential`` of ``Linear`` layers,
each followed by its activation module (none for "linear"), with the same
weights, so both compute the same numbers (to rounding). `dense_from_torch`
reads such a Sequential back into Dense layers, which `nn.from_torch` (or
``MLP.from_torch``) makes an MLP of. PyTorch is optional: it is imported only
here, when a conversion runs.

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
from typing import Any

from autograd import Value

from .activations import ACTIVATIONS, Activation, activation_name
from .dense import Dense, DescribesDense

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


def _name_of(activation: str | Activation) -> str:
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


def _linear(torch: Any, layer: Dense, where: str) -> list[Any]:
    """A Linear for this layer (one row per output), then its shared activation's module."""
    names = {_name_of(activation) for activation in layer.activations}
    if len(names) != 1:
        raise ValueError(
            f"to_torch: the neurons of {where} have different activations {sorted(names)}; "
            "a PyTorch layer applies one activation to all its outputs"
        )
    linear = torch.nn.Linear(layer.nin, layer.nout, dtype=torch.float64)
    with torch.no_grad():
        weight = [[w.data for w in row] for row in layer.weights]
        linear.weight.copy_(torch.tensor(weight, dtype=torch.float64))
        linear.bias.copy_(torch.tensor([b.data for b in layer.biases], dtype=torch.float64))
    activation = _activation_module(torch, names.pop())
    return [linear] if activation is None else [linear, activation]


def to_torch(model: DescribesDense) -> Any:
    """``model`` as a float64 ``torch.nn.Sequential`` of Linear and activation modules.

    Any model that gives its `dense_layers` converts (`Neuron`, `Layer`, `MLP`).
    """
    describe = getattr(model, "dense_layers", None)
    layers = describe() if callable(describe) else None
    if layers is None:
        raise TypeError(
            f"to_torch: no PyTorch counterpart for {type(model).__name__}; "
            "Neuron, Layer and MLP have one (a module that gives its dense_layers)"
        )
    torch = _torch("to_torch")
    parts = [
        part
        for i, layer in enumerate(layers)
        for part in _linear(torch, layer, f"layer {i}" if len(layers) > 1 else "the layer")
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
    numbers: list[Any] = tensor.detach().to(dtype=torch.float64, device="cpu").tolist()
    flat = numbers if not numbers or not isinstance(numbers[0], list) else sum(numbers, [])
    if not all(math.isfinite(x) for x in flat):
        raise ValueError(f"from_torch: {what} holds a number that is not finite")
    return numbers


def dense_from_torch(sequential: Any) -> list[Dense]:
    """The layers of a ``torch.nn.Sequential`` of Linear + activations, as Dense layers of
    fresh leaf Values (labelled w0, w1, ... and b), first to last."""
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
    layers = []
    for i, (linear, activation) in enumerate(zip(linears, activations)):
        weight = _numbers(torch, linear.weight, f"the weight of Linear {i}")
        bias = (
            _numbers(torch, linear.bias, f"the bias of Linear {i}")
            if linear.bias is not None
            else [0.0] * linear.out_features
        )
        rows = [[Value(float(x), f"w{k}") for k, x in enumerate(row)] for row in weight]
        biases = [Value(float(b), "b") for b in bias]
        layers.append(Dense(rows, biases, [activation] * linear.out_features))
    return layers
