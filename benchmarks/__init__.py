"""Benchmarks: our engine side by side with micrograd, PyTorch scalars and plain floats.

Run ``python -m benchmarks`` (``make bench``); ``--quick`` for smaller sizes,
``--help`` for the rest. Every workload is written once against an engine
adapter (`benchmarks.engines`), so every engine does the same arithmetic, and
every run checks that each engine computed the same values and gradients as
ours before its time is reported.
"""
