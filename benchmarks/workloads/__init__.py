"""The workloads, each written once for every engine, next to its hand-written float floor."""


def require_positive(workload: str, what: str, n: int) -> int:
    """A positive int, or a ValueError naming the workload.

    The wording of `autograd.checks.positive_int`, which cannot be imported here: importing
    `autograd` would load our engine into the micrograd and PyTorch processes.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"{workload}: {what} must be a positive int, got {n!r}")
    return n
