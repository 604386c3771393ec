"""Weight initialisation schemes, deterministic for a given seed.

For a neuron with ``fan_in`` inputs in a layer of ``fan_out`` neurons:

- ``"uniform"``: U(-1, 1), the best-known scalar demo's choice.
- ``"xavier"`` (alias ``"glorot"``): U(-a, a), a = sqrt(6 / (fan_in + fan_out)),
  which keeps the variance of activations and gradients steady through
  tanh/sigmoid/linear layers (Glorot & Bengio, 2010; ``torch.nn.init.xavier_uniform_``).
- ``"xavier_normal"`` (alias ``"glorot_normal"``): N(0, 2 / (fan_in + fan_out)).
- ``"he"`` (alias ``"kaiming"``): N(0, 2 / fan_in), which makes up for ReLU
  zeroing half of its inputs (He et al., 2015; ``kaiming_normal_``).
- ``"he_uniform"`` (alias ``"kaiming_uniform"``): U(-a, a), a = sqrt(6 / fan_in).
- ``"auto"``: He for the ReLU family (relu, leaky_relu, elu, gelu), Xavier otherwise.

Biases start at 0 under every scheme.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from autograd.checks import positive_int

from .seeding import Seed, make_rng

_ALIASES = {
    "glorot": "xavier",
    "glorot_normal": "xavier_normal",
    "kaiming": "he",
    "kaiming_uniform": "he_uniform",
}
RELU_FAMILY = frozenset({"relu", "leaky_relu", "elu", "gelu", "gelu_tanh"})


def _uniform(bound: float) -> Callable[[random.Random], float]:
    return lambda rng: rng.uniform(-bound, bound)


def _normal(std: float) -> Callable[[random.Random], float]:
    return lambda rng: rng.gauss(0.0, std)


def _sampler(scheme: str, fan_in: int, fan_out: int) -> Callable[[random.Random], float]:
    if scheme == "uniform":
        return _uniform(1.0)
    if scheme == "xavier":
        return _uniform(math.sqrt(6.0 / (fan_in + fan_out)))
    if scheme == "xavier_normal":
        return _normal(math.sqrt(2.0 / (fan_in + fan_out)))
    if scheme == "he":
        return _normal(math.sqrt(2.0 / fan_in))
    if scheme == "he_uniform":
        return _uniform(math.sqrt(6.0 / fan_in))
    raise AssertionError(scheme)  # resolve_scheme() let an unknown name through


SCHEMES = ("auto", "uniform", "xavier", "xavier_normal", "he", "he_uniform", *_ALIASES)


def resolve_scheme(scheme: str, activation: str = "linear") -> str:
    """The canonical scheme name; "auto" picks He for the ReLU family, Xavier otherwise."""
    if not isinstance(scheme, str):
        raise TypeError(f"init: expected a scheme name, got {type(scheme).__name__}: {scheme!r}")
    name = scheme.lower()
    name = _ALIASES.get(name, name)
    if name == "auto":
        return "he" if activation in RELU_FAMILY else "xavier"
    if name not in SCHEMES:
        raise ValueError(f"init: unknown scheme {scheme!r}; valid schemes are {', '.join(SCHEMES)}")
    return name


def init_weights(
    scheme: str,
    fan_in: int,
    fan_out: int = 1,
    seed: Seed = None,
    activation: str = "linear",
) -> list[float]:
    """``fan_in`` initial weights for one neuron, drawn by ``scheme`` (see the module docstring)."""
    fan_in = positive_int(fan_in, "fan_in", "init")
    fan_out = positive_int(fan_out, "fan_out", "init")
    rng = make_rng(seed)
    draw = _sampler(resolve_scheme(scheme, activation), fan_in, fan_out)
    return [draw(rng) for _ in range(fan_in)]
