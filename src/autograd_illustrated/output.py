"""Where a snippet's files (graphs, figures) go.

Inside the runner they land in the snippet's generated folder; when a reader runs a
snippet by hand they land in the current directory, so the snippet works unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

_artifact_dir: ContextVar[Path | None] = ContextVar("artifact_dir", default=None)


def artifact_path(filename: str) -> Path:
    """Return the path a snippet should write ``filename`` to."""
    if "/" in filename or "\\" in filename or filename.startswith("."):
        raise ValueError(f"artifact names are plain file names, got {filename!r}")
    directory = _artifact_dir.get() or Path.cwd()
    directory.mkdir(parents=True, exist_ok=True)
    return directory / filename


@contextmanager
def collecting_into(directory: Path) -> Iterator[None]:
    """Send every :func:`artifact_path` call made inside the block to ``directory``."""
    token = _artifact_dir.set(directory)
    try:
        yield
    finally:
        _artifact_dir.reset(token)
