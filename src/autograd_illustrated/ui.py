"""The site's UI text (button labels, status messages), from ``i18n/ui.yml``.

Kept as its own import for the hooks and tests that read UI text; the strings, and the
languages they are in, live in :mod:`autograd_illustrated.vocabulary`. A key missing in
one language is an error, not a silent fallback to another language.

    >>> ui_text("en", "live_run")
    'Run'
    >>> ui_text("zh", "live_run")
    '运行'
"""

from __future__ import annotations

from .vocabulary import DATA_FILE as UI_FILE
from .vocabulary import ui_strings, ui_text

__all__ = ["UI_FILE", "ui_strings", "ui_text"]
