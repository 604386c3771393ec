"""`explore` and `save_html`: an interactive explorer of a computation graph (a Jupyter
widget), and the same explorer as one self-contained HTML page.

- `state`: the state (`GraphExplorer`): names, numbers, steps, panels, what-if on a copy;
  no widget, no HTML, no numpy;
- `models`: model mode (`ModelExplorer`);
- `widget`: the anywidget (`Explorer`), sending what changed;
- `page`: `save_html`;
- ``explorer.js`` and ``explorer.css``: the front end both of them use.
"""

from __future__ import annotations

from typing import Any

from autograd import Value

from .models import ModelExplorer
from .page import save_html
from .state import GraphExplorer

__all__ = ["GraphExplorer", "ModelExplorer", "explore", "make_explorer", "save_html"]


def make_explorer(
    root_or_model: Any, x: Any = None, params: Any = None, **options: Any
) -> GraphExplorer | ModelExplorer:
    """A `GraphExplorer` for a Value, a `ModelExplorer` for an `nn` model and an input."""
    if isinstance(root_or_model, Value):
        if x is not None:
            raise TypeError("explore: an input x only goes with a model; a Value is drawn as is")
        return GraphExplorer(root_or_model, params=params, **options)
    if x is None:
        raise TypeError(
            f"explore: expected a Value (a graph's output) or an nn model and an input x, "
            f"got {type(root_or_model).__name__} without x"
        )
    model_options = {k: v for k, v in options.items() if k in ("title", "precision")}
    if set(options) - set(model_options):
        raise TypeError(
            f"explore: options {sorted(set(options) - set(model_options))} only apply to a graph"
        )
    return ModelExplorer(root_or_model, x, **model_options)


def explore(root: Any, params: Any = None, **options: Any) -> Any:
    """An interactive explorer: ``explore(root, params=None)`` for any graph, or
    ``explore(model, x)`` for an `nn` model on one input.

    Returns an anywidget widget (JupyterLab, Notebook 7, VS Code, Colab). Options:
    ``title``, ``precision``; for graphs also ``rankdir``, ``max_nodes``, ``practice=True``
    (open in practice mode: predict each gradient, then reveal) and ``health=True`` (open
    with the numerical-health overlay on).
    """
    try:
        from .widget import Explorer
    except ImportError as error:
        raise ImportError(
            "viz.explore needs the anywidget package: pip install anywidget (or "
            "pip install -e '.[notebook]'). viz.save_html works without it."
        ) from error
    if isinstance(root, Value):
        return Explorer(make_explorer(root, params=params, **options))
    return Explorer(make_explorer(root, x=params, **options))
