"""Notebook pages (``docs/*.ipynb``): headings the contents can link to, and code boxes a
keyboard can reach (see :mod:`autograd_illustrated.notebook_pages`). Their code colours
are in ``docs/assets/site.css``."""

from __future__ import annotations

from autograd_illustrated.notebook_pages import anchor_unnamed_headings, focusable_code_boxes


def on_post_page(output, page, config):
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    return focusable_code_boxes(anchor_unnamed_headings(output, page.toc))
