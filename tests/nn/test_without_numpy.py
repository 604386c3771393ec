"""The browser core: `autograd`, `nn` (modules, losses, optimizers, `fit`), `viz`'s
diagrams and the explorer's state (with what-if) import and run in a Python without numpy,
matplotlib and tqdm (as in Pyodide's core), and what needs them says which package is
missing when it is used.

A subprocess Python whose `sys.meta_path` refuses those packages runs the core and prints
its numbers as JSON; this process, with numpy present, runs the same code: the two must
agree exactly (the same float64 arithmetic), and the tanh graph's gradients must equal the
hand-derived ones.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BLOCKER = """
import sys
BLOCKED = ("numpy", "matplotlib", "tqdm", "IPython", "ipywidgets", "anywidget")

class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"No module named {name!r} (blocked by the test)")
        return None

sys.meta_path.insert(0, Refuse())
"""

CORE = """
import json
import sys

import nn
import viz
from autograd import Value
from viz.steps import backprop_steps

a, b, c = Value(2.0, "a"), Value(-3.0, "b"), Value(10.0, "c")
out = (a * b + c).tanh()
out.backward()

model = nn.MLP(2, [4, 1], activation="tanh", seed=0)
X = [[0.5, -1.0], [1.5, 0.25], [-0.75, 0.5], [0.0, 2.0]]
y = [1, -1, 1, -1]
optimizer = nn.SGD(model, lr=0.1)
loss = nn.hinge_loss([model(x) for x in X], y)
optimizer.zero_grad()
loss.backward()
optimizer.step()
history = nn.fit(model, X, y, "hinge", nn.Adam(model, lr=0.05), steps=3, progress=True)
probs = [p.data for p in nn.softmax([1.0, 2.0, 3.0])]
params = [p.data for p in model.parameters()]  # before the calls below (one may train)

errors = {}
for name, call in {
    "make_moons": lambda: nn.make_moons(10, seed=0),
    "jit": lambda: __import__("autograd").jit,
    "plot_activations": lambda: viz.plot_activations(["tanh"]),
    "fit_compile": lambda: nn.fit(model, X, y, "hinge", nn.SGD(model), steps=1, compile=True),
}.items():
    try:
        call()
    except ImportError as error:
        errors[name] = str(error)

refused = {}
for name, (bad_X, bad_y) in {
    "ragged": ([[1.0, 2.0], [3.0]], [1, -1]),
    "lengths": ([[1.0, 2.0]], [1, -1]),
    "infinite": ([[1.0, float("inf")]], [1]),
    "empty": ([], []),
}.items():
    try:
        nn.fit(model, bad_X, bad_y, "hinge", nn.SGD(model), steps=1)
    except ValueError as error:
        refused[name] = str(error)

from viz.explorer.state import GraphExplorer

explorer = GraphExplorer(out)
explorer_state = explorer.state()
what_if = explorer.set_value("v0", 1.5)

print(json.dumps({
    "explorer": [explorer_state, what_if],
    "refused": refused,
    "out": out.data,
    "grads": [a.grad, b.grad, c.grad],
    "loss": loss.data,
    "params": params,
    "history": history,
    "probs": probs,
    "dot": viz.draw_dot(out).source,
    "steps": [frame.source for frame in backprop_steps(out)],
    "errors": errors,
    "loaded": sorted(m for m in ("numpy", "matplotlib", "tqdm") if m in sys.modules),
}))
"""


def run_core(blocked: bool) -> dict:
    code = (BLOCKER if blocked else "") + CORE
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_core_runs_without_numpy_matplotlib_and_tqdm() -> None:
    bare = run_core(blocked=True)
    assert bare["loaded"] == []
    # By hand: out = tanh(a b + c), d out/d a = (1 - out^2) b, d/d b = (1 - out^2) a, d/d c.
    t = math.tanh(2.0 * -3.0 + 10.0)
    assert bare["out"] == t
    slope = 1.0 - t * t
    assert bare["grads"] == [slope * -3.0, slope * 2.0, slope]
    assert math.isclose(sum(bare["probs"]), 1.0, rel_tol=1e-15)
    assert bare["history"]["loss"] and len(bare["history"]["loss"]) == 3
    assert bare["dot"].startswith("digraph computation_graph {") and "tanh" in bare["dot"]

    full = run_core(blocked=False)  # the same code with numpy there: the same numbers
    assert full["loaded"] and "numpy" in full["loaded"]
    assert bare["explorer"][1]["dot"].startswith("digraph")  # the explorer's state, what-if too
    keys = ("out", "grads", "loss", "params", "history", "probs", "dot", "steps", "explorer")
    for key in keys:
        assert bare[key] == full[key], key
    assert full["errors"] == {}


def test_what_needs_arrays_names_the_missing_package() -> None:
    errors = run_core(blocked=True)["errors"]
    assert set(errors) == {"make_moons", "jit", "plot_activations", "fit_compile"}
    for name in ("make_moons", "jit", "fit_compile"):
        assert "needs numpy" in errors[name] and "pip install numpy" in errors[name]
    assert "needs matplotlib" in errors["plot_activations"]
    assert "pip install matplotlib" in errors["plot_activations"]
    refused = run_core(blocked=True)["refused"]
    assert refused == {
        "ragged": "fit: X must be a 2-D table of numbers (samples x features), with every row "
        "the same length (row 0 has 2, row 1 has 1)",
        "lengths": "fit: X has 1 samples but y has 2 labels",
        "infinite": "fit: X must hold finite numbers, got inf at row 0, column 1",
        "empty": "fit: the data set is empty",
    }
    assert errors["jit"].startswith("autograd.jit needs numpy")
    assert errors["fit_compile"].startswith("fit(compile=True) needs numpy")
