"""The site's UI text (button labels, status messages), from ``i18n/ui.yml``.

One file holds every language's strings, ``language -> key -> string``, so a template,
a hook or a script's data attributes all say the same thing. A key missing in one
language is an error, not a silent fallback to another language.

    >>> ui_text("en", "live_run")
    'Run'
    >>> ui_text("zh", "live_run")
    '运行'
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

UI_FILE = Path(__file__).resolve().parents[2] / "i18n" / "ui.yml"


@lru_cache(maxsize=4)
def _load(path: Path, mtime_ns: int) -> dict[str, dict[str, str]]:
    table = yaml.safe_load(path.read_text(encoding="utf-8"))
    keys = {lang: set(strings) for lang, strings in table.items()}
    every = set().union(*keys.values())
    for lang, have in keys.items():
        if have != every:
            raise ValueError(f"{path}: {lang!r} lacks {sorted(every - have)}")
    return table


def ui_strings(lang: str, path: Path = UI_FILE) -> dict[str, str]:
    """Every UI string of ``lang`` (``KeyError`` for a language the file does not have)."""
    return dict(_load(path, path.stat().st_mtime_ns)[lang])


def ui_text(lang: str, key: str, path: Path = UI_FILE) -> str:
    """One UI string: ``ui_text("en", "live_run")`` -> ``"Run"``."""
    return ui_strings(lang, path)[key]
