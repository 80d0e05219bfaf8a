"""Put a download link to the chapter's notebook at the top of every chapter page, in the
page's language (the text: :data:`autograd_illustrated.notebooks.DOWNLOAD_TIP`)."""

from __future__ import annotations

import re
from pathlib import Path

from autograd_illustrated.notebooks import DOWNLOAD_TIP, notebook_path, with_download_tip

CHAPTER_PAGE = re.compile(r"^(?P<slug>[^/.]+)\.(?P<lang>[a-z]{2})\.md$")


def on_page_markdown(markdown, page, config, files):
    found = CHAPTER_PAGE.match(page.file.src_uri)
    if not found or found["lang"] not in DOWNLOAD_TIP:
        return markdown
    root = Path(config.config_file_path).resolve().parent
    href = f"generated/_notebooks/{notebook_path(root, Path(page.file.src_uri)).name}"
    if files.get_file_from_path(href) is None:
        return markdown  # not a chapter: the page shows no snippet
    return with_download_tip(markdown, found["lang"], href)
