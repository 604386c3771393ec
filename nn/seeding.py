"""One seed convention for all of `nn`: weights (`random`) and data (`numpy`) alike.

A ``Seed`` is one of

- an int: deterministic, a fresh generator seeded with it;
- None: fresh, unpredictable randomness;
- a `random.Random` or a `numpy.random.Generator`: shared, drawn from (and advanced).

Code that draws with `random` calls `make_rng`, code that draws with numpy calls
`make_generator`; each accepts every kind of seed. A generator of the other kind
is not shared but used to seed a new one, deterministically: the same generator
state always gives the same result, and the given generator advances by one draw.
Anything else (bools included) is a TypeError naming the type.
"""

from __future__ import annotations

import numbers
import random
from typing import TYPE_CHECKING, Any, Union

from autograd.optional import LazyModule, is_generator

if TYPE_CHECKING:
    import numpy as np
else:
    np = LazyModule("numpy", "a numpy random Generator (data sets, shuffled batches)")

Seed = Union[int, random.Random, "np.random.Generator", None]

_EXPECTED = "an int, a numpy Generator or None (or a random.Random)"


def _bad_seed(seed: Any) -> TypeError:
    return TypeError(f"seed: expected {_EXPECTED}, got {type(seed).__name__}: {seed!r}")


def _int_seed(seed: Any) -> int | None:
    """The int for an int seed, None for None; a TypeError for bools and non-ints."""
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise _bad_seed(seed)
    return int(seed)


def make_rng(seed: Seed) -> random.Random:
    """A `random.Random` for any ``Seed``; a Random is shared, a numpy Generator seeds a new one."""
    if isinstance(seed, random.Random):
        return seed
    if is_generator(seed):
        return random.Random(int(seed.integers(2**63)))
    return random.Random(_int_seed(seed))


def make_generator(seed: Seed) -> np.random.Generator:
    """A numpy Generator for any ``Seed``; a Generator is shared, a Random seeds a new one."""
    if is_generator(seed):
        return seed
    if isinstance(seed, random.Random):
        return np.random.default_rng(seed.getrandbits(64))
    return np.random.default_rng(_int_seed(seed))
