"""The machine and software a benchmark ran on, for the report's header."""

from __future__ import annotations

import os
import platform
import subprocess
from datetime import datetime, timezone
from pathlib import Path


def cpu_model() -> str:
    """The CPU's marketing name from /proc/cpuinfo (Linux), else what `platform` knows."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine() or "unknown"


def git_commit(repository: Path) -> str:
    """Short commit id of the benchmarked code, with "+dirty" when it has local changes."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=repository,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "autograd", "benchmarks"],
            cwd=repository,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("+dirty" if dirty else "")


def machine_lines(engine_versions: dict[str, str]) -> list[str]:
    """Human-readable lines: Python, CPU, OS, engine versions, commit and date."""
    repository = Path(__file__).resolve().parent.parent
    versions = ", ".join(f"{name} {version}" for name, version in engine_versions.items())
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return [
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()}",
        f"CPU: {cpu_model()}, {os.cpu_count()} cores",
        f"Engines: {versions}",
        f"Commit {git_commit(repository)}, {now}",
    ]
