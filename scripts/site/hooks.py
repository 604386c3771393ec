"""MkDocs hooks for the site (mkdocs.yml ``hooks:``): what a walkthrough page adds around the
rendered notebook.

- a language switch to the twin edition (``notebooks/NN.ipynb`` and ``notebooks/ko/NN.ipynb``)
  and a link that opens the same walkthrough in the lab;
- MathJax from the site itself (the walkthroughs' template would load it from a CDN);
- a link to a repository folder pointed at that folder's index page.

(An explorer output, which needs a kernel, is swapped for the gallery's live page of the same
graph when the notebook is staged: `build.stage_notebook`.)
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from mkdocs.utils import get_relative_url

MATHJAX_PLACEHOLDER = "@@MATHJAX@@"
NOTEBOOK = re.compile(r"^notebooks/(?P<ko>ko/)?(?P<stem>\d\d_[^/]+)\.ipynb$")
#: a link to a repository folder ("../../notebooks/ko/"): on the site, its index page
FOLDER_LINK = re.compile(r"\]\((?P<target>[^()\s#]+/)\)")
WORDS = {
    False: {"twin": "한국어", "lab": "Run this walkthrough in the lab"},
    True: {"twin": "English", "lab": "실습실(lab)에서 이 노트북 실행하기"},
}


#: an href to a notebook or a Markdown page, as a notebook's markdown cells write them
SOURCE_HREF = re.compile(r'href="(?P<path>[^"#:?]+\.(?:ipynb|md))(?P<anchor>#[^"]*)?"')
_files: dict[str, object] = {}


def on_files(files, config):
    _files.clear()
    _files.update({f.src_uri: f for f in files})
    return files


def link_sources(output: str, page) -> str:
    """A notebook's links to other notebooks or pages (mkdocs-jupyter leaves them as written)
    pointed at the pages those files become."""

    def to_page(match: re.Match) -> str:
        source = posixpath.normpath(
            posixpath.join(posixpath.dirname(page.file.src_uri), unquote(match["path"]))
        )
        target = _files.get(source)
        if target is None:
            return match[0]
        return f'href="{get_relative_url(target.url, page.url)}{match["anchor"] or ""}"'

    return SOURCE_HREF.sub(to_page, output)


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Point links to a folder at its index page (a static host lists no folder)."""
    here = Path(config["docs_dir"]) / page.file.src_uri

    def to_index(match: re.Match) -> str:
        target = match["target"]
        if "://" in target or not (here.parent / target / "index.md").exists():
            return match[0]
        return f"]({target}index.md)"

    return FOLDER_LINK.sub(to_index, markdown)


def root_of(page) -> str:
    """The relative path from a page's folder to the site's root."""
    return "../" * page.url.count("/")


def on_post_page(output: str, page, config) -> str:
    root = root_of(page)
    output = output.replace(
        MATHJAX_PLACEHOLDER, f"{root}assets/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
    )
    match = NOTEBOOK.match(page.file.src_uri)
    if not match:
        return output
    output = link_sources(output, page)
    korean = bool(match["ko"])
    stem = match["stem"]
    words = WORDS[korean]
    twin = f"{root}notebooks/{stem}/" if korean else f"{root}notebooks/ko/{stem}/"
    edition = "ko" if korean else "en"
    lab = f"{root}lab/lab/index.html?path={edition}/{stem}.ipynb"
    bar = (
        f'<p class="walkthrough-links"><a class="md-button twin-edition" href="{twin}" '
        f'hreflang="{"en" if korean else "ko"}">{words["twin"]}</a> '
        f'<a class="md-button open-in-lab" href="{lab}">{words["lab"]}</a></p>'
    )
    output = re.sub(
        r'(<article class="md-content__inner md-typeset">)', r"\1" + bar, output, count=1
    )
    return output
