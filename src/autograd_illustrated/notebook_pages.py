"""Repairs to the HTML of notebook pages (``docs/*.ipynb``, rendered by mkdocs-jupyter).

- nbconvert slugs headings to ASCII, so a Chinese heading gets ``id=""``, while
  mkdocs-jupyter's table of contents names the same heading ``_1``, ``_2``, …:
  :func:`anchor_unnamed_headings` gives such headings the ids the contents link to.
- nbconvert's scrollable code boxes cannot be reached by keyboard:
  :func:`focusable_code_boxes` makes them focusable.
"""

from __future__ import annotations

import html
import re

_UNNAMED_HEADING = re.compile(
    r'<h(?P<level>[1-6]) id="">(?P<text>.*?)<a class="anchor-link" href="#">'
)


def _toc_ids(items) -> dict[str, str]:
    ids = {}
    for item in items:
        ids.setdefault(html.unescape(item.title).strip(), item.id)
        ids.update({k: v for k, v in _toc_ids(item.children).items() if k not in ids})
    return ids


def anchor_unnamed_headings(output: str, toc) -> str:
    """Give Chinese headings the ids the table of contents links to.

    ``toc`` is the page's table of contents (items with ``title``, ``id`` and
    ``children``). Matching headings by their text repairs both the contents links and
    the ¶ anchors; a heading the contents do not list keeps what nbconvert gave it.
    """
    ids = _toc_ids(toc)

    def name(match: re.Match) -> str:
        text = match.group("text")
        anchor = ids.get(html.unescape(re.sub(r"<[^>]+>", "", text)).strip())
        if anchor is None:
            return match.group(0)
        level = match.group("level")
        return f'<h{level} id="{anchor}">{text}<a class="anchor-link" href="#{anchor}">'

    return _UNNAMED_HEADING.sub(name, output)


def focusable_code_boxes(output: str) -> str:
    """Let keyboard users reach (and scroll) every code box."""
    return output.replace('<div class="highlight-ipynb', '<div tabindex="0" class="highlight-ipynb')
