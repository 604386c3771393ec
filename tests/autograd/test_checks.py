"""autograd.checks: the shared argument checks and their one wording."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autograd.checks import int_at_least, number_in, one_of, positive_int


def test_positive_int():
    assert positive_int(3, "nin", "Layer") == 3
    assert type(positive_int(np.int64(3), "nin", "Layer")) is int
    for bad in (0, -1, 2.0, True, "3", None):
        with pytest.raises(ValueError, match=f"Layer: nin must be a positive int, got {bad!r}"):
            positive_int(bad, "nin", "Layer")


def test_int_at_least():
    assert int_at_least(2, "n_samples", "make_moons", 2) == 2
    with pytest.raises(ValueError, match="make_moons: n_samples must be an int >= 2, got 1"):
        int_at_least(1, "n_samples", "make_moons", 2)


def test_number_in():
    assert number_in(0, "lr", "SGD", 0.0) == 0.0
    assert number_in(1, "p", "f", 0.0, 1.0, high_open=False) == 1.0
    for bad in (-0.1, math.nan, math.inf, "1", True):
        with pytest.raises(ValueError, match=r"SGD: lr must be a finite number >= 0, got "):
            number_in(bad, "lr", "SGD", 0.0)
    with pytest.raises(ValueError, match=r"Adam: beta1 must be a finite number in \[0, 1\), got 1"):
        number_in(1, "beta1", "Adam", 0.0, 1.0)
    with pytest.raises(ValueError, match=r"f: factor must be in \(0, 1\), got 0"):
        number_in(0, "factor", "f", 0.0, 1.0, low_open=True, noun="")
    with pytest.raises(ValueError, match=r"f: x must be a number > 0, got 0"):
        number_in(0, "x", "f", 0.0, low_open=True, noun="a number")


def test_one_of():
    assert one_of("sum", ("mean", "sum"), "reduction", "mse_loss") == "sum"
    with pytest.raises(
        ValueError, match=r"mse_loss: reduction must be one of \('mean', 'sum'\), got 'avg'"
    ):
        one_of("avg", ["mean", "sum"], "reduction", "mse_loss")
