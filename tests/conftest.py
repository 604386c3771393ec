"""Suite-wide settings: Hypothesis profiles and the `slow` marker.

Hypothesis runs derandomized when `CI` is set (CI sets `CI=true`), so a red run in CI
fails the same way on the next run; locally it draws at random and keeps its example
database, so a failure found once is replayed first. `HYPOTHESIS_PROFILE` picks a
profile by name.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
_DEFAULT_PROFILE = "ci" if os.environ.get("CI") else "dev"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or _DEFAULT_PROFILE)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "slow: runs a Jupyter kernel, a notebook, a browser or a long workload "
        "(make test-fast skips these; make test runs everything)",
    )


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium under playwright, one per test module (see tests/browser.py)."""
    from tests.browser import launch_browser

    yield from launch_browser()
