"""Where a snippet's files (graphs, figures, page fragments) go, and how pages link to them.

Inside the runner they land in the snippet's generated folder; when a reader runs a
snippet by hand they land in the current directory, so the snippet works unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

_artifact_dir: ContextVar[Path | None] = ContextVar("artifact_dir", default=None)
# What pages call the folder: the runner writes into a private staging folder and renames
# it when the snippet succeeds, so the folder's current name is not the one to link to.
_link_prefix: ContextVar[str | None] = ContextVar("link_prefix", default=None)


def _check_name(filename: str) -> None:
    if "/" in filename or "\\" in filename or filename.startswith("."):
        raise ValueError(f"artifact names are plain file names, got {filename!r}")


def artifact_path(filename: str) -> Path:
    """Return the path a snippet should write ``filename`` to."""
    _check_name(filename)
    directory = _artifact_dir.get() or Path.cwd()
    directory.mkdir(parents=True, exist_ok=True)
    return directory / filename


def artifact_link(filename: str) -> str:
    """How a page under ``docs/`` links to ``filename``, e.g. ``generated/ch/snippet/g.svg``.

    Outside the runner (a reader running the snippet by hand) this is the bare file name.
    """
    _check_name(filename)
    prefix = _link_prefix.get()
    return f"{prefix}/{filename}" if prefix else filename


@contextmanager
def collecting_into(directory: Path, link_prefix: str | None = None) -> Iterator[None]:
    """Send every :func:`artifact_path` call made inside the block to ``directory``."""
    tokens = (_artifact_dir.set(directory), _link_prefix.set(link_prefix))
    try:
        yield
    finally:
        _artifact_dir.reset(tokens[0])
        _link_prefix.reset(tokens[1])
