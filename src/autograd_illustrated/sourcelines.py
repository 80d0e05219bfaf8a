"""Point build failures about a page at the page's file and line.

A contributor who breaks a page should read ``docs/x.en.md:12: ...``, but:

- MkDocs names the page of a broken link or anchor, not the line:
  ``Doc file 'x.en.md' contains a link 'nope.md', but the target is not found ...``.
  :class:`LinkWarningLocator` adds the line to those warnings (and to MkDocs' complaint
  about a ``nav:`` entry naming no page, which gets ``mkdocs.yml:LINE``). MkDocs still
  decides what is broken; this only says where.
- pymdownx.snippets names neither the page nor the line of an include whose file or
  section is missing, and fails with a traceback. :func:`missing_includes` checks every
  ``--8<--`` include of the pages the same way (pymdownx's own patterns, read by
  :func:`autograd_illustrated.vocabulary.parse_include`; the same base paths), so the
  build can stop first with ``docs/x.en.md:LINE: include of missing file``.

``hooks/source_lines.py`` wires both into the build.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path

from .vocabulary import parse_include, section_names

_LINK_WARNING = re.compile(
    r"^Doc file '(?P<page>[^']+)' contains (?:a|an absolute|an unrecognized relative) "
    r"link '(?P<url>[^']+)'"
)
_NAV_WARNING = re.compile(r"^A reference to '(?P<target>[^']+)' is included in the 'nav'")


def _line_of(path: Path, needles: Iterable[str]) -> int | None:
    """First line of ``path`` containing any of ``needles``, tried in order of preference."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for needle in needles:
        for number, line in enumerate(lines, start=1):
            if needle in line:
                return number
    return None


class LinkWarningLocator(logging.Filter):
    """Prefix MkDocs' broken-link and broken-nav warnings with ``file:line``."""

    def __init__(self, root: Path, docs_dir: Path, config_file: Path):
        super().__init__()
        self.root, self.docs_dir, self.config_file = root, docs_dir, config_file

    def _shown(self, path: Path, line: int) -> str:
        try:
            return f"{path.relative_to(self.root).as_posix()}:{line}"
        except ValueError:
            return f"{path}:{line}"

    def where(self, message: str) -> str | None:
        if found := _LINK_WARNING.match(message):
            page, url = self.docs_dir / found["page"], found["url"]
            # The link as written: [text](url), <url>, a reference definition, or HTML.
            line = _line_of(page, (f"]({url}", f"<{url}>", f"]: {url}", f'"{url}"', url))
            return self._shown(page, line) if line else None
        if found := _NAV_WARNING.match(message):
            line = _line_of(self.config_file, (f": {found['target']}", found["target"]))
            return self._shown(self.config_file, line) if line else None
        return None

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        where = self.where(message)
        if where and not message.startswith(where):
            record.msg, record.args = f"{where}: {message}", ()
        return True


def install_link_locator(root: Path, docs_dir: Path, config_file: Path) -> None:
    """Attach one :class:`LinkWarningLocator` to the loggers MkDocs warns through."""
    for name in ("mkdocs.structure.pages", "mkdocs.structure.nav"):
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if type(f).__name__ == "LinkWarningLocator"]:
            logger.removeFilter(old)  # a rebuild (mkdocs serve) installs it again
        logger.addFilter(LinkWarningLocator(root, docs_dir, config_file))


def missing_includes(
    page: Path, bases: list[Path], shown_as: str, skip_under: Path | None = None
) -> list[str]:
    """One ``shown_as:LINE: ...`` message per include in ``page`` that cannot be resolved.

    ``bases`` are pymdownx.snippets' base paths. Includes of files under ``skip_under``
    are left alone (the snippet runner may not have written them yet).
    """
    problems = []
    lines = page.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        found = parse_include(line)
        if not found or found.is_url:
            continue  # not an include (or escaped with ';', or a block include: not used here)
        name, section = found.target, found.section
        target = next((base / name for base in bases if (base / name).exists()), None)
        if target is None:
            if skip_under is None or not any(
                (base / name).resolve().is_relative_to(skip_under) for base in bases
            ):
                problems.append(f"{shown_as}:{number}: include of missing file '{name}'")
            continue
        if section and target.is_file():
            if section not in section_names(target.read_text(encoding="utf-8")):
                problems.append(
                    f"{shown_as}:{number}: '{name}' has no section '{section}' "
                    f"(no '# --8<-- [start:{section}]' line)"
                )
    return problems
