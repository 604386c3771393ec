"""matplotlib, imported on first use, with a clear error when it is missing.

Figures are made without pyplot's global figure list: in a script nothing opens
a window and nothing piles up (they draw on the non-interactive Agg canvas);
in Jupyter the returned figure is shown once, inline.
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
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    if _in_jupyter():
        # Importing pyplot lets IPython register its inline display of Figure objects;
        # the figure itself stays out of pyplot, so it is shown once, as the cell's result.
        import matplotlib.pyplot  # noqa: F401
    else:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(figure)
    return figure
