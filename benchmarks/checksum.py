"""What a workload computed, so that engines can be held to the same answer."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Checksum:
    """The output value of a workload and the gradients (or final parameters) it produced."""

    value: float
    grads: tuple[float, ...]

    @staticmethod
    def of(value: float, grads: Sequence[float]) -> Checksum:
        return Checksum(float(value), tuple(float(g) for g in grads))

    def mismatch(self, reference: Checksum, rel_tol: float) -> str | None:
        """None when both agree to ``rel_tol``, else what differs first.

        Engines sum gradient contributions in different orders, so results agree
        to rounding, not bit for bit. Gradients are compared on the scale of the
        largest one, so that a gradient that is 0 up to rounding compares equal.
        """
        if len(self.grads) != len(reference.grads):
            return f"expected {len(reference.grads)} gradients, got {len(self.grads)}"
        if not math.isclose(self.value, reference.value, rel_tol=rel_tol, abs_tol=rel_tol):
            return f"value: expected {reference.value!r}, got {self.value!r}"
        scale = max((abs(g) for g in reference.grads), default=0.0)
        for k, (got, expected) in enumerate(zip(self.grads, reference.grads)):
            if not math.isclose(got, expected, rel_tol=rel_tol, abs_tol=rel_tol * scale):
                return f"gradient {k}: expected {expected!r}, got {got!r}"
        return None
