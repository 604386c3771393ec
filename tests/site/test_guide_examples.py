"""Every ```python example of the guide pages (and the front pages) runs as written.

The blocks of one page run in order, in one namespace, in a fresh interpreter in an empty
folder (so a block that writes a file writes it there). Where a page's example continues
from something the page only describes (a trained model, the neuron of the previous page),
`CONTEXT` makes that, and nothing else. A line whose comment names an error
(``Value(math.nan)  # ValueError: Value: data must be ...``) must raise that error with that
message, so the bad-input page is checked line by line against what the engine says.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a fresh interpreter per page: about 20 s in all

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(
    [
        ROOT / "README.md",
        *(ROOT / "docs" / "guide").glob("*.md"),
        *(ROOT / "docs" / "ko").rglob("*.md"),
    ]
)
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)
#: "# ValueError: softmax: logit 0 is nan; ..." on a line or on the line after it
RAISES = re.compile(r"#\s*(?P<error>[A-Z]\w*Error): (?P<message>.*)$")

CONTEXT = {
    "bad-input.md": "import math\nimport nn\nfrom autograd import Value\n",
    # an op block as the page shows it; `cos` is the rule's own helper
    "engine.md": "import math\nimport numpy as np\nfrom autograd.ops import Op\ncos = math.cos\n",
    "explorer.md": (
        "import nn\nfrom viz.gallery import lecture_neuron\n"
        "o, nodes = lecture_neuron()\nw1, w2, b = nodes['w1'], nodes['w2'], nodes['b']\n"
        "model = nn.MLP(2, [3, 1], seed=0)\n"
        "h = (w1 * 2.0).relu()  # a dead ReLU, for the health overlay\n"
    ),
    "viz.md": (
        "import nn\nX, y = nn.make_moons(40, noise=0.1, seed=0)\n"
        "model = nn.MLP(2, [4, 1], seed=0)\n"
        "history = {'loss': [1.0, 0.6, 0.4], 'accuracy': [0.5, 0.8, 0.9]}\n"
    ),
}

CHECK_RAISES = """
def _raises(code, error, message):
    try:
        exec(code, globals())
    except Exception as caught:
        assert type(caught).__name__ == error, (code, type(caught).__name__, error)
        text = str(caught)
        assert text.startswith(message), (code, text, message)
    else:
        raise AssertionError(f"{code!r} did not raise {error}")
"""


def runnable(block: str) -> str:
    """The block, with each line documented to raise turned into a check that it does."""
    lines = block.splitlines()
    out = []
    for i, line in enumerate(lines):
        code, _, comment = line.partition("#")
        if not code.strip():
            continue
        said = RAISES.search("#" + comment) if comment else None
        if said is None and i + 1 < len(lines):
            said = RAISES.match(lines[i + 1].strip())
        if said is None:
            out.append(line)
            continue
        # the part of the message the page quotes exactly: up to an ellipsis or a parenthesis
        message = re.split(r"\s*(?:\.\.\.|\(|;)", said["message"])[0].strip()
        statements = code.rstrip().split("; ")
        out.extend(statements[:-1])
        out.append(f"_raises({statements[-1]!r}, {said['error']!r}, {message!r})")
    return "\n".join(out)


def examples(page: Path) -> list[str]:
    blocks = BLOCK.findall(page.read_text(encoding="utf-8"))
    return [b for b in blocks if not b.startswith("# not run")]


def test_the_pages_have_examples() -> None:
    # the extraction itself: a page known to hold examples yields them
    assert len(examples(ROOT / "docs" / "guide" / "engine.md")) >= 2


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_examples_run(page: Path, tmp_path: Path) -> None:
    blocks = examples(page)
    if not blocks:
        pytest.skip(f"{page.name} has no python example")
    script = (
        CHECK_RAISES
        + CONTEXT.get(page.name, "")
        + "\n\n".join(f"# --- example {i + 1}\n{runnable(b)}" for i, b in enumerate(blocks))
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg"},
    )
    assert done.returncode == 0, f"{page.relative_to(ROOT)}:\n{done.stderr[-3000:]}"
