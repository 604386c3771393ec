"""What the browser tests share: Debian's chromium under playwright, a folder served on
127.0.0.1, a page that may reach 127.0.0.1 only, and a headless JupyterLab.

The `browser` fixture (tests/conftest.py) launches chromium once per test module; where no
chromium or no playwright can be had, the tests that ask for it skip and say why
(``make test`` installs chromium where apt-get is usable: scripts/ensure-chromium.sh).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from viz.gallery import CHROMIUM_ARGS

LAB_START_SECONDS = 90


def chromium_path() -> str | None:
    """Debian's chromium, or one on PATH; None where there is none."""
    for candidate in (
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def launch_browser() -> Iterator[object]:
    """Chromium driven by playwright, closed afterwards (a fixture's body)."""
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="the playwright package is not installed (pip install playwright)",
    )
    path = chromium_path()
    if path is None:
        pytest.skip(
            "no chromium on this machine: make test installs Debian's chromium where apt-get is "
            "usable (sudo apt-get install chromium)"
        )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        return None


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """http.server on 127.0.0.1 (a free port) serving ``folder``, quietly; yields its URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def offline_page(browser, blocked: list[str], timeout_seconds: float = 180):
    """A page that may talk to 127.0.0.1 only; everything else is refused and recorded."""
    page = browser.new_page()
    page.set_default_timeout(timeout_seconds * 1000)

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith("http://127.0.0.1:") or url.startswith(("data:", "blob:")):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    page.route("**/*", route)
    return page


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def jupyterlab(folder: Path, env: Mapping[str, str] | None = None) -> Iterator[str]:
    """A headless JupyterLab on 127.0.0.1 serving ``folder`` (no token); yields its URL.

    ``env`` adds to (or overrides) this process's environment, e.g. a PATH without `dot`.
    """
    pytest.importorskip("jupyterlab", reason="JupyterLab is not installed (the notebook extra)")
    port = free_port()
    environment = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(folder / ".runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(folder / ".workspaces"),
        "JUPYTERLAB_SETTINGS_DIR": str(folder / ".settings"),
        **(env or {}),
    }
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--port={port}",
        "--ip=127.0.0.1",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--allow-root",
        f"--ServerApp.root_dir={folder}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=",
        "--LabServerApp.extra_labextensions_path=[]",
    ]
    log_path = folder / "lab.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            command, cwd=folder, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + LAB_START_SECONDS
            while True:
                try:
                    urllib.request.urlopen(f"{url}/api/status", timeout=2).close()
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        log.flush()
                        text = log_path.read_text(errors="replace")[-3000:]
                        pytest.fail(
                            f"JupyterLab did not start within {LAB_START_SECONDS} s:\n{text}"
                        )
                    time.sleep(0.5)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)
