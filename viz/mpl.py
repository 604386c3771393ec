"""matplotlib, imported on first use, with a clear error when it is missing.

Outside Jupyter, figures are made without pyplot's global figure list: nothing
opens a window and nothing piles up (they draw on the non-interactive Agg
canvas; `Figure.savefig` writes them). In Jupyter the returned figure is shown
once, inline.
"""

from __future__ import annotations

import sys
from typing import Any


def _in_jupyter() -> bool:
    if "ipykernel" not in sys.modules:
        return False
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def require_matplotlib(operation: str) -> Any:
    """The matplotlib module, or an ImportError saying how to install it."""
    try:
        import matplotlib
    except ImportError as error:
        raise ImportError(
            f"{operation} needs matplotlib, which is not installed. Install it with "
            "`pip install matplotlib` (or `conda install matplotlib`), then restart Python."
        ) from error
    return matplotlib


def new_figure(operation: str, width: float, height: float) -> Any:
    """A new matplotlib Figure of ``width`` x ``height`` inches (constrained layout)."""
    require_matplotlib(operation)
    if _in_jupyter():
        # Made through pyplot so that the inline backend (and IPython's display of
        # Figure objects) is switched on; closed at once so that pyplot does not show
        # it again at the end of the cell: it appears once, as the cell's result.
        import matplotlib.pyplot as plt

        figure = plt.figure(figsize=(width, height), layout="constrained")
        plt.close(figure)
        return figure
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure
