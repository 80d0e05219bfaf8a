"""No page makes the browser wait for a script before it can draw.

A ``<script src>`` in ``<head>`` without ``defer`` or ``async`` stops the parser until the
file has arrived and run; Lighthouse lists it as render-blocking. Ours run at the end of
``<body>``, just before Material's bundle (``overrides/main.html``).
"""

from __future__ import annotations

import re

BLOCKING_SCRIPT = re.compile(r"<script\b(?![^>]*\b(?:defer|async)\b)[^>]*\bsrc=[^>]*>", re.S)


def test_no_script_in_head_blocks_the_first_paint(site, page):
    html = site / page if page.endswith(".html") else site / page / "index.html"
    text = html.read_text("utf-8")
    head = text[: text.index("</head>")]
    assert not BLOCKING_SCRIPT.findall(head), f"{page}: {BLOCKING_SCRIPT.findall(head)}"
