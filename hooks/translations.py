"""Drop each page's translation marker before rendering.

Markdown passes HTML comments through to the page, so the marker
(see :mod:`autograd_illustrated.translations`) would ship in every HTML file. It is
bookkeeping for contributors, not content. The line is blanked, not removed, so line
numbers that other hooks report still point at the source.
"""

from __future__ import annotations

from autograd_illustrated.translations import MARKER


def on_page_markdown(markdown, page, config, files):
    return MARKER.sub("", markdown)
