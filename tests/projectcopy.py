"""A throwaway copy of the project, for tests that build or break it.

The copy holds everything a build reads (docs/, snippets/, src/, hooks/, overrides/,
mkdocs.yml, conftest.py, pyproject.toml, benchmarks/ ...), so a test can build it, edit
it and run the real tools on it without touching the working tree. node_modules/ is
linked, not copied; the virtualenv is shared (the tools run from .venv/bin).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
# Not part of the project's sources: environments, caches and build output.
LEFT_OUT = {".git", ".venv", "node_modules", "site", "test-artifacts", ".ruff_cache",
            "__pycache__", ".pytest_cache", ".hypothesis", ".cache"}


def copy_project(target: Path, with_generated: bool = True) -> Path:
    """Copy the project to ``target``. Without ``with_generated`` the copy starts cold."""
    skipped = LEFT_OUT if with_generated else LEFT_OUT | {"generated"}

    def ignore(folder: str, names: list[str]) -> list[str]:
        at_top = Path(folder) == ROOT
        return [
            name
            for name in names
            if name.endswith(".egg-info") or ".running-" in name
            or (at_top and name in skipped) or name == "__pycache__"
        ]

    shutil.copytree(ROOT, target, ignore=ignore, symlinks=True)
    (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return target


def tool_env() -> dict[str, str]:
    """The environment the project's tools run in, as the Makefile sets it."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("SITE_DIR", None)
    env.pop("PROJECT_ROOT", None)
    return env
