"""Give every generated SVG image its intrinsic size in the HTML.

Without width and height the browser lays the page out before each graph arrives and then
shifts everything below it (Lighthouse's layout shift). Graphviz and matplotlib state
their size in points on the root ``<svg>``; CSS (``max-width: 100%; height: auto``) still
scales the image down on narrow screens, keeping that aspect ratio.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from pathlib import Path

_IMG = re.compile(r"<img\b[^>]*>")
_SRC = re.compile(r'\bsrc="([^"]+\.svg)"')
_SVG_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)(pt|px)?"[^>]*?\bheight="([\d.]+)(pt|px)?"')
_PX_PER_UNIT = {"pt": 4 / 3, "px": 1.0, None: 1.0}


@lru_cache(maxsize=1024)
def _svg_size(path: Path, mtime_ns: int) -> tuple[int, int] | None:
    match = _SVG_SIZE.search(path.read_text(encoding="utf-8", errors="replace")[:4096])
    if not match:
        return None
    width, width_unit, height, height_unit = match.groups()
    return (
        round(float(width) * _PX_PER_UNIT[width_unit]),
        round(float(height) * _PX_PER_UNIT[height_unit]),
    )


def _sized(tag: str, page_url: str, files) -> str:
    src = _SRC.search(tag)
    if not src or " width=" in tag or "://" in src.group(1):
        return tag
    target = posixpath.normpath(
        posixpath.join(posixpath.dirname(page_url.rstrip("/") + "/x"), src.group(1))
    )
    file = files.get_file_from_path(target)
    if file is None or not file.abs_src_path:
        return tag
    path = Path(file.abs_src_path)
    size = _svg_size(path, path.stat().st_mtime_ns)
    if size is None:
        return tag
    return tag.replace("<img", f'<img width="{size[0]}" height="{size[1]}"', 1)


def on_page_content(html, page, config, files):
    return _IMG.sub(lambda match: _sized(match.group(0), page.url, files), html)
