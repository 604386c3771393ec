"""``make site``: the documentation site in ``site/``, static files any web server serves as is.

    .venv/bin/python scripts/site/build.py            # site/ (docs, walkthroughs, gallery, lab)
    .venv/bin/python scripts/site/build.py --no-lab   # everything but the JupyterLite lab

One source for each fact: the pages are the repository's own files (the README is the front
page, ``docs/guide/*.md`` the guide, ``docs/ko/`` the Korean pages, ``notebooks/`` the
walkthroughs with their stored outputs, never executed here). They are laid out in a staging
folder (``build/site-docs``) in the same relative places they have in the repository, so every
relative link between them works unchanged; the build adds only what is generated: the API
reference pages (mkdocstrings reads the docstrings), the gallery of live explorer pages
(`viz.save_html`, written now), the playground slot, folder index pages and the lab.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

STAGE = ROOT / "build" / "site-docs"
SITE = ROOT / "site"
MATHJAX_NPM = Path(__file__).resolve().parent / "js" / "node_modules" / "mathjax"
#: what the walkthroughs' MathJax 2 configuration (TeX-AMS_CHTML-full, Safe) loads
MATHJAX_PARTS = (
    "MathJax.js",
    "config",
    "extensions",
    "jax/input/TeX",
    "jax/element",
    "jax/output/CommonHTML",
    "fonts/HTML-CSS/TeX/woff",
    "LICENSE",
)

#: the public packages of the API reference
API_PACKAGES = {
    "autograd": "The engine: `Value`, its ops, backpropagation, the functional API, `jit`.",
    "nn": "Modules, losses, optimizers, data sets and training on top of the engine.",
    "viz": "Diagrams, step-by-step backpropagation, the explorer and plots.",
}

#: Gallery entries: (file stem, title, notebook source, the variable the explorer shows, its
#: parameters). The graph is made by running that notebook's own cell that defines it (one
#: source: the walkthrough), so the explorer here is the one its rendered page stands in for.
GALLERY_FROM_NOTEBOOKS = (
    (
        "four-inputs",
        "L = (a·b + c)·f, from walkthrough 1",
        "01_derivatives_and_the_computation_graph",
        "L",
        (),
    ),
    (
        "one-neuron",
        "o = tanh(x0·w0 + bias), from walkthrough 5",
        "05_backpropagation",
        "o",
        ("w0", "bias"),
    ),
)


def run(*args: str | Path) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT)


def notebook_cell_defining(stem: str, name: str) -> str:
    """The code of the first cell of ``notebooks/_build/<stem>.py`` that assigns ``name``."""
    source = (ROOT / "notebooks" / "_build" / f"{stem}.py").read_text(encoding="utf-8")
    for cell in re.split(r"^# %%.*$", source, flags=re.M):
        if not cell.lstrip().startswith("#") and re.search(rf"^{name} = ", cell, flags=re.M):
            return cell
    raise LookupError(f"no cell of notebooks/_build/{stem}.py assigns {name}")


def graph_from_notebook(stem: str, name: str) -> dict:
    import autograd

    namespace = {k: getattr(autograd, k) for k in autograd.__all__ if k != "jit"}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(notebook_cell_defining(stem, name), f"{stem}.py", "exec"), namespace)
    return namespace


def write_gallery(folder: Path) -> list[tuple[str, str, str]]:
    """Live explorer pages (`viz.save_html`); returns (file, title, where it comes from)."""
    import viz
    from viz.gallery import write_explorer

    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    write_explorer(folder / "lecture-neuron.html")
    entries.append(
        (
            "lecture-neuron.html",
            "o = tanh(x1·w1 + x2·w2 + b), the lecture's neuron",
            "`viz.gallery.lecture_neuron`",
        )
    )
    for stem, title, notebook, name, params in GALLERY_FROM_NOTEBOOKS:
        namespace = graph_from_notebook(notebook, name)
        viz.save_html(
            namespace[name],
            folder / f"{stem}.html",
            params=[namespace[p] for p in params] or None,
            title=title,
        )
        entries.append((f"{stem}.html", title, f"`notebooks/_build/{notebook}.py`"))
    return entries


def gallery_page(entries: list[tuple[str, str, str]]) -> str:
    lines = [
        "# Gallery: live explorers",
        "",
        "Each picture below is a live explorer page written by `viz.save_html` when this site "
        "was built: step through backpropagation with the buttons, click a node to read its "
        "chain rule with the numbers. The pages need no kernel, no network and no Graphviz "
        "(every step is precomputed, so dragging a leaf is off). Each is also a file of its own.",
        "",
    ]
    for file, title, origin in entries:
        lines += [
            f"## {title}",
            "",
            f"Made from {origin}. [Open it on its own page]({file}).",
            "",
            f'<iframe class="explorer-frame" src="{file}" title="{title}" loading="lazy"></iframe>',
            "",
        ]
    return "\n".join(lines)


def playground(stage: Path) -> bool:
    """The Pyodide playground, if `viz.playground` has landed; else a marked slot page."""
    target = stage / "playground"
    target.mkdir(parents=True, exist_ok=True)
    if importlib.util.find_spec("viz.playground") is not None:
        run(sys.executable, "-m", "viz.playground", target / "app")
        (target / "index.md").write_text(
            "# Playground\n\nThe real `autograd` running in your browser (Pyodide): "
            "[open the playground](app/index.html).\n",
            encoding="utf-8",
        )
        return True
    (target / "index.md").write_text(
        "# Playground\n\n"
        '!!! note "Slot: the playground has not landed yet"\n'
        "    This page is where the Pyodide playground (`python -m viz.playground OUT_DIR`) "
        "goes: `make site` includes it as soon as `viz.playground` exists. Until then, the "
        "[lab](../run-in-the-lab.md) runs the engine in the browser, and the "
        "[gallery](../gallery/index.md) shows live explorer pages.\n",
        encoding="utf-8",
    )
    return False


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
LIVE_NOTE = {
    "en": "The explorer on this graph, live (a saved page written when the site was built: "
    "step and click; in the lab, dragging a leaf works too):",
    "ko": "이 그래프의 탐색기 (사이트를 만들 때 저장한 페이지: 단계 넘기기와 노드 클릭이 됩니다. "
    "실습실(lab)에서는 잎 노드를 드래그할 수도 있어요):",
}


def stage_notebook(source: Path, target: Path, root: str) -> None:
    """Copy a walkthrough with its stored outputs; an explorer widget output (it needs a
    kernel) becomes the live explorer page of the same graph from the gallery."""
    import nbformat

    nb = nbformat.read(source, as_version=4)
    explorer = {notebook: stem for stem, _, notebook, _, _ in GALLERY_FROM_NOTEBOOKS}.get(
        source.stem
    )
    edition = nb.metadata.get("language_edition", "en")
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if WIDGET_VIEW in output.get("data", {}) and explorer:
                output["data"] = {
                    "text/html": f'<p class="explorer-note">{LIVE_NOTE[edition]}</p>'
                    f'<iframe class="explorer-frame" src="{root}gallery/{explorer}.html" '
                    f'title="explorer"></iframe>'
                }
    nbformat.write(nb, target)


def folder_index(stage: Path, folder: str, title: str, note: str) -> None:
    """An index page for a repository folder that pages link to (static hosts list none)."""
    path = stage / folder / "index.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = []
    for entry in sorted((ROOT / folder).iterdir()):
        name = entry.name
        if name.startswith((".", "__")) or name == "index.md":
            continue
        if entry.is_dir():
            if (stage / folder / name / "index.md").exists() or name in {
                "ko",
                "exercises",
                "_build",
            }:
                rows.append(f"- [{name}/]({name}/index.md)")
        elif (stage / folder / name).exists():
            rows.append(f"- [{name}]({name})")
        else:
            rows.append(f"- `{folder}/{name}` (in the repository)")
    path.write_text(f"# {title}\n\n{note}\n\n" + "\n".join(rows) + "\n", encoding="utf-8")


def api_page(package: str, summary: str) -> str:
    """Every name of the package's ``__all__``, documented where it is defined (a name
    imported on first use, like ``autograd.jit``, is looked up the same way)."""
    import importlib
    import inspect

    module = importlib.import_module(package)
    lines = [f"# `{package}`", "", summary, ""]
    for name in module.__all__:
        obj = getattr(module, name)
        if inspect.ismodule(obj):
            path = obj.__name__
        elif inspect.isclass(obj) or inspect.isfunction(obj):
            path = f"{obj.__module__}.{obj.__qualname__}"
        else:  # data (a table of activations, say): documented where the package names it
            path = f"{package}.{name}"
        lines += [
            f"::: {path}",
            "    options:",
            "      show_root_heading: true",
            "      show_root_full_path: false",
            "      show_if_no_docstring: true",
            "      show_submodules: false",
            "      heading_level: 2",
            "      members: " + ("false" if inspect.ismodule(obj) else "null"),
            "",
        ]
    return "\n".join(lines)


def stage(include_lab: bool) -> None:
    if STAGE.exists():
        shutil.rmtree(STAGE)
    STAGE.mkdir(parents=True)
    shutil.copy2(ROOT / "README.md", STAGE / "index.md")
    shutil.copytree(ROOT / "docs", STAGE / "docs")
    notebooks = STAGE / "notebooks"
    (notebooks / "ko").mkdir(parents=True)
    for path in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"):
        stage_notebook(path, notebooks / path.name, root="../../")
    for path in (ROOT / "notebooks" / "ko").glob("*"):
        if path.suffix == ".ipynb":
            stage_notebook(path, notebooks / "ko" / path.name, root="../../../")
        elif path.suffix == ".md":
            shutil.copy2(path, notebooks / "ko" / path.name)

    # the sources the guide links to, served as text files
    for folder in ("notebooks/exercises", "notebooks/_build"):
        (STAGE / folder).mkdir(parents=True, exist_ok=True)
        for path in (ROOT / folder).glob("*.py"):
            shutil.copy2(path, STAGE / folder / path.name)
    folder_index(
        STAGE,
        "notebooks",
        "The walkthroughs",
        "The seven walkthroughs, rendered with their outputs; [the Korean edition](ko/index.md).",
    )
    folder_index(
        STAGE,
        "notebooks/ko",
        "워크스루 (한국어판)",
        "일곱 개의 실습 노트북, 출력 포함. [용어집](용어집.md).",
    )
    folder_index(
        STAGE,
        "notebooks/exercises",
        "Exercise checkers",
        "The checkers the walkthroughs' exercises call (`from exercises import nb05`), "
        "installed with the package.",
    )
    folder_index(
        STAGE,
        "notebooks/_build",
        "Notebook sources",
        "The walkthroughs' sources (jupytext percent format), one per notebook for both "
        "editions; `make notebooks` rebuilds the `.ipynb` from them.",
    )

    api = STAGE / "api"
    api.mkdir()
    for package, summary in API_PACKAGES.items():
        (api / f"{package}.md").write_text(api_page(package, summary), encoding="utf-8")

    gallery = STAGE / "gallery"
    (gallery / "index.md").parent.mkdir(parents=True, exist_ok=True)
    (gallery / "index.md").write_text(gallery_page(write_gallery(gallery)), encoding="utf-8")
    playground(STAGE)

    lab_note = (
        "The lab is a JupyterLite site inside this one: JupyterLab and Python (Pyodide) running "
        "in your browser, with the fourteen walkthroughs ready to run. Nothing is installed on "
        "your computer and no server runs code. `scalargrad` and the pure-Python packages it "
        "needs are bundled with the site, so the engine, the diagrams and the explorer work "
        "offline. **numpy and matplotlib are not bundled**: Pyodide downloads them from its "
        "CDN the first time a cell imports them; offline, such a cell says so.\n\n"
    )
    (STAGE / "run-in-the-lab.md").write_text(
        "# The lab\n\n"
        + lab_note
        + (
            "[Open the lab](../lab/lab/index.html){ .md-button .md-button--primary } "
            "[English walkthroughs](../lab/tree/index.html?path=en) · "
            "[한국어 실습](../lab/tree/index.html?path=ko)\n"
            if include_lab
            else "!!! warning\n    This build was made with `--no-lab`: the lab is missing.\n"
        ),
        encoding="utf-8",
    )


def copy_mathjax(site: Path) -> None:
    if not (MATHJAX_NPM / "MathJax.js").exists():
        run(
            "npm",
            "ci",
            "--prefix",
            MATHJAX_NPM.parents[1],
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
        )
    target = site / "assets" / "mathjax"
    for part in MATHJAX_PARTS:
        source = MATHJAX_NPM / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / part)


def build(site: Path, include_lab: bool = True) -> None:
    stage(include_lab=include_lab)
    if site.exists():
        shutil.rmtree(site)
    run(
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--quiet",
        "--strict",
        "--config-file",
        ROOT / "mkdocs.yml",
        "--site-dir",
        site,
    )
    copy_mathjax(site)
    # Material's language switch reads each edition's sitemap; the Korean pages are part of
    # this one site, so its sitemap serves both.
    shutil.copy2(site / "sitemap.xml", site / "docs" / "ko" / "sitemap.xml")
    if include_lab:
        import lab

        lab.build(site / "lab")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-lab", action="store_true", help="skip the JupyterLite lab")
    parser.add_argument("--out", type=Path, default=SITE, help="where to write (site/)")
    args = parser.parse_args()
    build(args.out.resolve(), include_lab=not args.no_lab)
    print(f"site written to {args.out}/")


if __name__ == "__main__":
    main()
