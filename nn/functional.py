"""Softmax and log-softmax over a vector of logits, stable for logits of any size.

With m = max_j z_j and s = sum_j e^(z_j - m):

    softmax(z)_i     = e^(z_i - m) / s
    log_softmax(z)_i = (z_i - m) - log s
    logsumexp(z)     = m + log s

Subtracting the maximum changes nothing mathematically (it cancels), but keeps
every exponent <= 0, so e^x never overflows and the largest term is exactly 1,
so s >= 1 and log s is safe. m enters as a plain number: a constant shift whose
derivative contributions cancel, so the gradients are the textbook ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Union

from autograd import Value
from autograd.optional import is_ndarray

from .vectors import to_values

if TYPE_CHECKING:  # numpy arrays are accepted, never required
    import numpy as np

Logits = Union[Sequence[Union[Value, float]], "np.ndarray"]

# e^x is exactly 0.0 in float64 below about -745.2: such terms add nothing to s,
# and for |z| near 1e308 the shift z - m itself may overflow.
_NEGLIGIBLE = -760.0


def as_logits(logits: Logits, op: str) -> list[Value]:
    """A non-empty 1-D vector of numbers or Values, as Values."""
    if is_ndarray(logits):
        if logits.ndim != 1:
            raise ValueError(f"{op}: expected a 1-D vector of logits, got shape {logits.shape}")
        logits = logits.tolist()
    if not isinstance(logits, (list, tuple)):
        raise TypeError(
            f"{op}: expected a list, tuple or 1-D array of logits, got {type(logits).__name__}"
        )
    if not logits:
        raise ValueError(f"{op}: expected at least one logit, got an empty vector")
    return to_values(logits, op, "logit")


class ShiftedLogits:
    """The pieces every softmax-like function shares, for logits z with m = max_j z_j.

    - ``z``: the logits, as Values;
    - ``m``: the maximum, a plain float (a constant shift);
    - ``shifted[i]``: z_i - m, or None where e^(z_i - m) is 0.0 in float64
      (use `shifted_at`, which computes it on demand);
    - ``exps[i]``: e^(z_i - m), or None where it is 0.0;
    - ``total``: s = sum_i e^(z_i - m) >= 1 (the maximum's term is e^0 = 1).

    Build it with `shifted_logits`. Then logsumexp(z) = m + log s,
    softmax(z)_i = exps[i] / s and log_softmax(z)_i = shifted_at(i) - log s.
    """

    def __init__(self, z: list[Value]) -> None:
        self.z = z
        self.m = max(zi.data for zi in z)
        self.shifted: list[Value | None] = []
        self.exps: list[Value | None] = []
        for zi in z:
            gap = zi.data - self.m
            if gap > _NEGLIGIBLE:
                d = zi - self.m
                self.shifted.append(d)
                self.exps.append(d.exp())
            else:  # computed on demand by shifted_at (log_softmax, cross-entropy)
                self.shifted.append(None)
                self.exps.append(None)
        terms = [e for e in self.exps if e is not None]
        total = terms[0]  # the maximum's term, e^0 = 1
        for t in terms[1:]:
            total = total + t
        self.total = total

    def shifted_at(self, i: int) -> Value:
        """z_i - m; for a gap past the float range the engine raises its overflow error."""
        d = self.shifted[i]
        return d if d is not None else self.z[i] - self.m


def shifted_logits(logits: Logits, op: str) -> ShiftedLogits:
    """Check a vector of logits (errors name ``op``) and split it into its `ShiftedLogits`."""
    return ShiftedLogits(as_logits(logits, op))


def logsumexp(logits: Logits) -> Value:
    """log sum_i e^(z_i) = m + log sum_i e^(z_i - m): finite for any finite logits.

    d logsumexp / d z_i = softmax(z)_i.
    """
    parts = shifted_logits(logits, "logsumexp")
    return parts.total.log() + parts.m


def softmax(logits: Logits) -> list[Value]:
    """softmax(z)_i = e^(z_i - m) / sum_j e^(z_j - m): probabilities that sum to 1.

    d softmax_i / d z_j = s_i (delta_ij - s_j).
    """
    parts = shifted_logits(logits, "softmax")
    # A negligible term's probability is 0.0 in float64; z_i * 0 keeps it in the graph
    # (+ 0.0 turns the -0.0 of a negative z_i into 0.0).
    return [
        e / parts.total if e is not None else zi * 0.0 + 0.0 for zi, e in zip(parts.z, parts.exps)
    ]


def log_softmax(logits: Logits) -> list[Value]:
    """log_softmax(z)_i = (z_i - m) - log sum_j e^(z_j - m), finite for any finite logits.

    d log_softmax_i / d z_j = delta_ij - softmax_j.
    """
    parts = shifted_logits(logits, "log_softmax")
    log_total = parts.total.log()
    return [parts.shifted_at(i) - log_total for i in range(len(parts.z))]
