"""Which project files a page shows: what a rebuild of only the changed pages must know.

A page shows snippets (``--8<-- "snippets/…"``), their generated outputs and graphs
(``generated/…``), all named by path in its Markdown. When one of them is newer than the
page's built HTML, the page is out of date even though its own source did not change (a
snippet edit reruns the snippet and rewrites its outputs, never the page).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

# A project path as pages write it: up to a section (":name"), a quote, a bracket or a space.
_SHOWN_PATH = re.compile(r"\b(?:snippets|generated)/[\w./-]+")


def shown_files(markdown: str, root: Path) -> Iterator[Path]:
    """Every existing file under ``snippets/`` or ``generated/`` that ``markdown`` names."""
    for name in sorted(set(_SHOWN_PATH.findall(markdown))):
        path = root / name.rstrip(".")
        if path.is_file():
            yield path


def out_of_date(source: Path, built: Path, root: Path) -> bool:
    """Is ``built`` (the page's HTML) older than ``source`` or any file it shows?"""
    try:
        built_at = built.stat().st_mtime_ns
    except OSError:
        return True
    if source.stat().st_mtime_ns > built_at:
        return True
    markdown = source.read_text(encoding="utf-8")
    return any(path.stat().st_mtime_ns > built_at for path in shown_files(markdown, root))
