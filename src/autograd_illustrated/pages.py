"""How pages are named: one file per language, ``docs/<slug>.<lang>.md`` (or ``.ipynb``).

The one place the page tools (shared heading ids, translation freshness) learn the site's
languages and how a page finds its other-language sibling.
"""

from __future__ import annotations

import re
from pathlib import Path

LANGUAGES = ("zh", "en")  # the first is the default, served at the site's root
PAGE_NAME = re.compile(r"^(?P<slug>.+)\.(?P<lang>[a-z]{2})\.(?P<ext>md|ipynb)$")


def parse(path: Path) -> re.Match | None:
    """The name's slug, language and extension, or None for a file that is not a page."""
    found = PAGE_NAME.match(path.name)
    return found if found and found["lang"] in LANGUAGES else None


def sibling_of(path: Path) -> Path | None:
    """``docs/x.zh.md`` -> ``docs/x.en.md`` (whether or not it exists)."""
    found = parse(path)
    if found is None:
        return None
    (other,) = (lang for lang in LANGUAGES if lang != found["lang"])
    return path.with_name(f"{found['slug']}.{other}.{found['ext']}")


def discover(docs: Path, ext: str = "md") -> dict[str, dict[str, Path]]:
    """{slug: {lang: path}} for every page with extension ``ext`` directly under ``docs``."""
    found: dict[str, dict[str, Path]] = {}
    for path in sorted(docs.glob(f"*.{ext}")):
        name = parse(path)
        if name:
            found.setdefault(name["slug"], {})[name["lang"]] = path
    return found


def shown(path: Path, root: Path) -> str:
    """``path`` as contributors see it: relative to the project root where it is inside."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
