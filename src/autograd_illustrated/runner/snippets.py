"""Snippet files and their named sections (``# --8<-- [start:name]`` / ``[end:name]``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SECTION_MARK = re.compile(r"^\s*#\s*--8<--\s*\[(start|end):([A-Za-z0-9_-]+)\]\s*$")
# A statement that raises on purpose says so where the reader sees it:
#     y.backward()  # raises: RuntimeError
RAISES_MARK = re.compile(r"#\s*raises:\s*([A-Za-z_][A-Za-z0-9_.]*)")


class SnippetSyntaxError(Exception):
    """A snippet's section markers or raise markers do not make sense."""


@dataclass(frozen=True)
class Snippet:
    path: Path  # absolute
    root: Path  # the project root, for display and for output paths

    @property
    def rel(self) -> str:
        """Path shown to contributors, e.g. ``snippets/dynamic_graphs/linear.py``."""
        return self.path.relative_to(self.root).as_posix()

    @property
    def slug(self) -> str:
        """``dynamic_graphs/linear``: the snippet's name inside ``snippets/`` and ``generated/``."""
        return self.path.relative_to(self.root / "snippets").with_suffix("").as_posix()

    def output_dir(self) -> Path:
        return self.root / "generated" / self.slug

    def source(self) -> str:
        return self.path.read_text(encoding="utf-8")


def find_snippets(root: Path) -> list[Snippet]:
    base = root / "snippets"
    return [
        Snippet(path=p.resolve(), root=root.resolve())
        for p in sorted(base.rglob("*.py"))
        if not p.name.startswith("_") and "__pycache__" not in p.parts
    ]


def parse_sections(source: str, rel: str) -> dict[str, tuple[int, int]]:
    """Map each section name to its (first, last) line numbers, markers excluded."""
    open_at: dict[str, int] = {}
    sections: dict[str, tuple[int, int]] = {}
    for number, line in enumerate(source.splitlines(), start=1):
        match = SECTION_MARK.match(line)
        if not match:
            continue
        kind, name = match.groups()
        if kind == "start":
            if name in open_at or name in sections:
                raise SnippetSyntaxError(f"{rel}:{number}: section {name!r} starts twice")
            open_at[name] = number
        else:
            if name not in open_at:
                raise SnippetSyntaxError(f"{rel}:{number}: section {name!r} ends but never started")
            sections[name] = (open_at.pop(name) + 1, number - 1)
    for name, number in open_at.items():
        raise SnippetSyntaxError(f"{rel}:{number}: section {name!r} is never ended")
    return sections


def raise_markers(source: str) -> dict[int, str]:
    """Line number -> exception name, for lines marked ``# raises: Name``."""
    return {
        number: match.group(1)
        for number, line in enumerate(source.splitlines(), start=1)
        if (match := RAISES_MARK.search(line))
    }
