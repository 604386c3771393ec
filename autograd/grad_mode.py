"""Whether ops record the graph: `no_grad()` switches recording off for a block."""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])

# Read by every op; a module global is the cheapest switch to look up.
enabled: bool = True


def is_grad_enabled() -> bool:
    """True when new ops record their parents and derivative rules."""
    return enabled


class no_grad:
    """Context manager (and decorator) in which ops record no graph.

    Inside, every op returns a leaf: no parents, no derivative rule. That is
    exactly the memory that backpropagation needs and inference does not, as
    `torch.no_grad()`.

        with no_grad():
            prediction = model(x)   # nothing to backpropagate through
    """

    def __enter__(self) -> None:
        global enabled
        self._previous = enabled
        enabled = False

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        global enabled
        enabled = self._previous

    def __call__(self, function: F) -> F:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with no_grad():
                return function(*args, **kwargs)

        return cast(F, wrapper)
