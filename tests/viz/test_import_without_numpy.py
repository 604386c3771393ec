"""`import viz` works where numpy cannot be had (the browser lab offline): the diagrams and
the explorer's data need no numpy; only the plots need it (and matplotlib), and say so
when used."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

WITHOUT_NUMPY = textwrap.dedent(
    """
    import sys

    class NoNumpy:
        def find_spec(self, name, path=None, target=None):
            if name.partition(".")[0] in ("numpy", "matplotlib"):
                raise ModuleNotFoundError(f"No module named {name!r} (blocked)", name=name)
            return None

    sys.meta_path.insert(0, NoNumpy())

    from autograd import Value
    import viz

    a, b, c = Value(2.0, label="a"), Value(-3.0, label="b"), Value(10.0, label="c")
    e = (a * b + c).tanh()
    e.backward()
    source = viz.draw_dot(e).source
    assert "tanh" in source and "a" in source, source
    assert "numpy" not in sys.modules
    try:
        viz.plot_history({"loss": [1.0, 0.5]})
    except ImportError as error:  # named when used, with how to install it
        assert "plot_history needs matplotlib" in str(error), error
        assert "pip install matplotlib" in str(error), error
    else:
        raise AssertionError("a plot was drawn without matplotlib")
    assert "numpy" not in sys.modules
    print(round(a.grad, 9))
    """
)


def test_viz_imports_and_draws_without_numpy() -> None:
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_NUMPY], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    # d tanh(ab + c) / da = (1 - tanh(4)^2) * b, worked by hand: tanh(4) = 0.999329299739067
    assert float(done.stdout) == round((1 - 0.999329299739067**2) * -3.0, 9)
