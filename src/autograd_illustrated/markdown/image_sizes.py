"""Give every SVG image the page shows its intrinsic size in the HTML.

Without width and height the browser lays the page out before each graph arrives and then
shifts everything below it (Lighthouse's layout shift). Graphviz and matplotlib state
their size in points on the root ``<svg>``; CSS (``max-width: 100%; height: auto``) still
scales the image down on narrow screens, keeping that aspect ratio.

Options: ``base_path``, the folders an image's ``src`` is looked up in, in order (pages sit
directly in ``docs/``, so a ``src`` is relative to it; ``generated/`` is published from the
project root, hence ``["docs", "."]``). An image found in none, from another host, or with
a width of its own is left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

_SVG_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)(pt|px)?"[^>]*?\bheight="([\d.]+)(pt|px)?"')
_PX_PER_UNIT = {"pt": 4 / 3, "px": 1.0, None: 1.0}
# Python-Markdown writes attributes in lexical order; the size goes first (<img width=…
# height=… alt=… src=…>), so the tree carries it in this attribute until the HTML is written.
_MARK = "data-intrinsic-size"
_MARKED = re.compile(rf'<img\b(?P<before>[^>]*?) {_MARK}="(?P<width>\d+)x(?P<height>\d+)"')


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


def svg_size(src: str, bases: list[Path]) -> tuple[int, int] | None:
    """The size in CSS pixels of the SVG ``src`` names, looked up under ``bases``."""
    if not src.endswith(".svg") or "://" in src or src.startswith(("/", "data:")):
        return None
    for base in bases:
        path = base / src
        if path.is_file():
            return _svg_size(path, path.stat().st_mtime_ns)
    return None


class _SizeImages(Treeprocessor):
    def __init__(self, md, bases: list[Path]):
        super().__init__(md)
        self.bases = bases

    def run(self, root):
        for img in root.iter("img"):
            if "width" in img.attrib:
                continue
            size = svg_size(img.get("src", ""), self.bases)
            if size is not None:
                img.set(_MARK, f"{size[0]}x{size[1]}")


class _WriteSizes(Postprocessor):
    def run(self, text: str) -> str:
        if _MARK not in text:
            return text
        return _MARKED.sub(
            lambda m: f'<img width="{m["width"]}" height="{m["height"]}"{m["before"]}', text
        )


class ImageSizesExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "base_path": [["docs", "."], "Folders an image's src is relative to, in order"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        bases = self.getConfig("base_path")
        bases = [Path(base) for base in ([bases] if isinstance(bases, str) else bases)]
        # After attr_list (8), which may give an image its own width; before the engine
        # rewrites links relative to the page (MkDocs and Zensical: 0), so a src is still
        # relative to docs/.
        md.treeprocessors.register(_SizeImages(md, bases), "image_sizes", 5)
        md.postprocessors.register(_WriteSizes(md), "image_sizes", -90)


def makeExtension(**kwargs):
    return ImageSizesExtension(**kwargs)
