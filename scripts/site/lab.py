"""Build the JupyterLite lab (``site/lab/``): the 14 walkthroughs, runnable in the browser, offline.

What the browser needs, and where each piece comes from (all at pinned versions, at build time):

- the JupyterLite app (``jupyterlite-core``) and the Pyodide kernel's front end
  (``jupyterlite-pyodide-kernel``), with the widget front ends taken from the pinned wheels in
  `LAB_WHEELS` (``jupyterlab_widgets``, ``anywidget``), never from whatever the build's own
  environment has, so the front end and the kernel's ``ipywidgets``/``anywidget`` always agree;
- the Pyodide core (``node_modules/pyodide``, the npm package pinned in ``package.json``), copied
  into the lab, so the kernel loads it from the site and never from a CDN;
- the kernel's own Python packages (IPython and friends, ``micropip``): the npm core ships
  only the interpreter and the standard library, and its ``pyodide-lock.json`` names wheels
  that live on Pyodide's CDN. The pure-Python ones the kernel needs at start are downloaded
  from PyPI at the lock's exact versions, put beside the lock, and their lock entries (file
  name, sha256) patched to match. Every other lock entry is pointed at Pyodide's CDN by an
  absolute URL: numpy and matplotlib load from there the first time a cell imports them;
- this project's wheel and the pure-Python wheels it needs (`LAB_WHEELS`), as piplite wheels.

    .venv/bin/python scripts/site/lab.py OUT_DIR     # writes OUT_DIR (site/lab)
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
PYODIDE_VERSION = "314.0.6"
PYODIDE_CDN = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE_VERSION}/full/"
CACHE = ROOT / "build" / "site-cache"

#: Lock entries the kernel loads while it starts (``micropip``, then IPython and its
#: dependencies, ``jedi``), plus the lock's own copies of packages our wheels need
#: (``tqdm``, ``typing-extensions``): micropip takes a lock entry over any other wheel.
LOCK_BUNDLED = (
    "micropip",
    "packaging",
    "ipython",
    "asttokens",
    "decorator",
    "executing",
    "matplotlib-inline",
    "prompt-toolkit",
    "pure-eval",
    "pygments",
    "six",
    "stack-data",
    "traitlets",
    "wcwidth",
    "jedi",
    "parso",
    "typing-extensions",
    "tqdm",
)

#: piplite wheels: what ``scalargrad`` needs in the browser that the lock does not have. The
#: widget pins match each other: ipywidgets 8.1.9 wants jupyterlab_widgets ~=3.0.17 (the lab's
#: widget manager, whose front end is built from this same wheel) and widgetsnbextension
#: ~=4.0.16 (the kernel ships a 4.0.999 stand-in).
LAB_WHEELS = (
    "comm==0.2.3",
    "graphviz==0.21",
    "ipywidgets==8.1.9",
    "jupyterlab_widgets==3.0.17",
    "anywidget==0.11.0",
    "psygnal==0.16.1",
)
#: wheels whose labextension becomes part of the lab's front end
FRONT_END_WHEELS = ("jupyterlab_widgets", "anywidget")

#: What the lab's first cell installs, with ``deps=False``: ``scalargrad`` declares numpy and
#: matplotlib, which must not be fetched before a cell asks for them.
FIRST_CELL_PACKAGES = (
    "scalargrad",
    "graphviz",
    "tqdm",
    "comm",
    "ipywidgets",
    "jupyterlab_widgets",
    "widgetsnbextension",
    "anywidget",
    "psygnal",
    "typing-extensions",
)

OFFLINE_NOTE = {
    "en": (
        "**Running in your browser.** This notebook runs on Pyodide, Python compiled to "
        "WebAssembly, inside this page: nothing is installed on your computer. `scalargrad` "
        "and the pure-Python packages it needs come with this site, so the engine, the "
        "diagrams and the explorer work offline. **numpy and matplotlib are not bundled**: "
        "Pyodide downloads them from its CDN the first time a cell imports them (a few MB); "
        "offline, such a cell says so instead of waiting. Run the next cell first."
    ),
    "ko": (
        "**브라우저에서 실행됩니다.** 이 노트북은 Pyodide(WebAssembly로 컴파일된 Python)로 이 "
        "페이지 안에서 실행되며, 컴퓨터에는 아무것도 설치되지 않습니다. `scalargrad`와 그것이 "
        "쓰는 순수 Python 패키지는 이 사이트에 함께 들어 있어서 엔진, 그래프 그림, 탐색기는 "
        "오프라인에서도 동작합니다. **numpy와 matplotlib은 들어 있지 않습니다**: 어떤 셀이 "
        "처음 import할 때 Pyodide가 CDN에서 내려받습니다(몇 MB). 오프라인이면 그 셀은 기다리는 "
        "대신 그렇다고 알려 줍니다. 먼저 다음 셀을 실행하세요."
    ),
}

FIRST_CELL = '''\
# Install scalargrad and what it needs from the wheels bundled with this site (no network).
import sys

import piplite

await piplite.install({packages!r}, deps=False)


class _FromPyodideCDN:
    """Turns a failed import of numpy or matplotlib into a message that says why."""

    names = ("numpy", "matplotlib")

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in self.names:
            raise ModuleNotFoundError(
                f"{{name.partition('.')[0]}} is not bundled with this lab: Pyodide downloads it "
                "from its CDN the first time a cell imports it, and that download failed "
                "(offline?). The engine, the diagrams and the explorer work without it; "
                "connect to the internet and run this cell again.",
                name=name,
            )
        return None


# Last on the path: asked only after every real finder has failed.
sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "_FromPyodideCDN"]
sys.meta_path.append(_FromPyodideCDN())
print("scalargrad is ready.")
'''


def run(*args: str | Path, cwd: Path = ROOT) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=cwd)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def download(requirements: list[str], dest: Path) -> None:
    """Pure-Python wheels from PyPI (for the browser's Python, and the lab's kernel extension),
    cached between builds."""
    dest.mkdir(parents=True, exist_ok=True)
    run(
        sys.executable,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--no-deps",
        "--only-binary=:all:",
        "--platform",
        "any",
        "--python-version",
        "3.14",
        "--implementation",
        "py",
        "-d",
        dest,
        *requirements,
    )


def wheel_for(name: str, folder: Path) -> Path:
    stem = name.lower().replace("-", "_").split("==")[0]
    found = [w for w in folder.glob("*.whl") if w.name.lower().startswith(stem + "-")]
    if len(found) != 1:
        raise RuntimeError(f"expected one wheel for {name} in {folder}, found {found}")
    return found[0]


def pyodide_core(lite_dir: Path) -> None:
    """The npm core, plus the kernel's lock packages from PyPI; the lock patched to match."""
    if not (PYODIDE_NPM / "pyodide.mjs").exists():
        raise RuntimeError(
            f"{PYODIDE_NPM} is missing: run `npm ci --ignore-scripts` (package.json pins "
            f"pyodide {PYODIDE_VERSION})"
        )
    installed = json.loads((PYODIDE_NPM / "package.json").read_text())["version"]
    if installed != PYODIDE_VERSION:
        raise RuntimeError(f"node_modules has pyodide {installed}, the lab needs {PYODIDE_VERSION}")
    out = lite_dir / "static" / "pyodide"
    out.mkdir(parents=True)
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        shutil.copy2(PYODIDE_NPM / name, out / name)
    shutil.copy2(PYODIDE_NPM / "package.json", out / "package.json")

    lock = json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text())
    packages = lock["packages"]
    wanted = [f"{name}=={packages[name]['version']}" for name in LOCK_BUNDLED]
    cache = CACHE / f"pyodide-{PYODIDE_VERSION}"
    download(wanted, cache)
    for name in LOCK_BUNDLED:
        wheel = wheel_for(name, cache)
        shutil.copy2(wheel, out / wheel.name)
        packages[name]["file_name"] = wheel.name
        packages[name]["sha256"] = sha256(wheel)
    for name, entry in packages.items():
        if name not in LOCK_BUNDLED:
            entry["file_name"] = PYODIDE_CDN + entry["file_name"]
    (out / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True))


def project_wheel(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.glob("scalargrad-*.whl"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        run(
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            dest,
            ROOT,
            cwd=Path(tmp),
        )
    return wheel_for("scalargrad", dest)


def lab_notebooks(contents: Path) -> None:
    """Each walkthrough with a first markdown cell (what runs where) and the install cell."""
    first_code = FIRST_CELL.format(packages=list(FIRST_CELL_PACKAGES))
    for edition, folder in (("en", ROOT / "notebooks"), ("ko", ROOT / "notebooks" / "ko")):
        target = contents / edition
        target.mkdir(parents=True)
        for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            note = nbformat.v4.new_markdown_cell(OFFLINE_NOTE[edition])
            setup = nbformat.v4.new_code_cell(first_code)
            # Pyodide's kernel, not the local ipykernel the notebooks were executed with.
            nb.metadata["kernelspec"] = {
                "display_name": "Python (Pyodide)",
                "language": "python",
                "name": "python",
            }
            nb.cells[1:1] = [note, setup] if nb.cells else [note, setup]
            nbformat.write(nb, target / path.name)
        if edition == "ko":
            shutil.copy2(folder / "용어집.md", target / "용어집.md")


def build(out_dir: Path) -> None:
    out_dir = out_dir.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        lite_dir = Path(tmp)
        pyodide_core(lite_dir)

        wheels = lite_dir / "wheels"
        download(list(LAB_WHEELS), CACHE / "lab-wheels")
        wheels.mkdir()
        for requirement in LAB_WHEELS:
            shutil.copy2(wheel_for(requirement, CACHE / "lab-wheels"), wheels)
        shutil.copy2(project_wheel(CACHE / "project"), wheels)

        contents = lite_dir / "contents"
        lab_notebooks(contents)

        settings = {
            "jupyter-lite-schema-version": 0,
            "jupyter-config-data": {
                "appName": "scalargrad lab",
                "litePluginSettings": {
                    "@jupyterlite/pyodide-kernel-extension:kernel": {
                        # never fall back to pypi.org: every wheel a notebook installs is here
                        "disablePyPIFallback": True,
                    }
                },
            },
        }
        (lite_dir / "jupyter-lite.json").write_text(json.dumps(settings, indent=2))

        federated = [wheel_for(name, wheels) for name in FRONT_END_WHEELS]
        kernel_wheel = CACHE / "kernel"
        download(
            [f"jupyterlite-pyodide-kernel=={_installed('jupyterlite-pyodide-kernel')}"],
            kernel_wheel,
        )
        federated.append(wheel_for("jupyterlite_pyodide_kernel", kernel_wheel))

        if out_dir.exists():
            shutil.rmtree(out_dir)
        config = {
            "LiteBuildConfig": {
                "apps": ["lab", "notebooks", "tree"],
                "contents": [str(contents)],
                "federated_extensions": [str(w) for w in federated],
                # nothing from the build's own environment: only the pinned wheels above
                "ignore_sys_prefix": True,
                "no_sourcemaps": True,
                "output_dir": str(out_dir),
            },
            "PipliteAddon": {"piplite_urls": [str(w) for w in sorted(wheels.glob("*.whl"))]},
        }
        (lite_dir / "jupyter_lite_config.json").write_text(json.dumps(config, indent=2))
        run(sys.executable, "-m", "jupyter", "lite", "build", cwd=lite_dir)


def _installed(distribution: str) -> str:
    from importlib.metadata import version

    return version(distribution)


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site" / "lab")
