"""Drop each page's translation marker before anything renders it.

Markdown passes HTML comments through to the page, so the marker
(``<!-- translation: synced with … -->``, see :mod:`autograd_illustrated.translations`)
would ship in every HTML file. It is bookkeeping for contributors, not content. The line
is blanked, not removed, so the page keeps its line numbers.
"""

from __future__ import annotations

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from autograd_illustrated.translations import MARKER


def without_marker(lines: list[str]) -> list[str]:
    """``lines`` with the translation marker's line blanked."""
    return [MARKER.sub("", line) for line in lines]


class _DropMarker(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return without_marker(lines)


class TranslationMarkerExtension(Extension):
    def extendMarkdown(self, md):
        # Before every other preprocessor (normalize_whitespace: 30; the include
        # preprocessors: 32-34), as the page came from disk.
        md.preprocessors.register(_DropMarker(md), "translation_marker", 40)


def makeExtension(**kwargs):
    return TranslationMarkerExtension(**kwargs)
