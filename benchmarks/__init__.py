"""Benchmarks: ours against micrograd, PyTorch scalars, plain floats and numpy (``python -m
benchmarks``, on pyperf); every contender is checked to compute the float floor's values."""
