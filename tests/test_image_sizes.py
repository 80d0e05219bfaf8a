"""Generated SVGs get their intrinsic size in the page, so nothing shifts as they load."""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

from sitepages import discover_pages

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("image_sizes", ROOT / "hooks/image_sizes.py")
image_sizes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(image_sizes)


class FakeFiles:
    def __init__(self, mapping):
        self.mapping = mapping

    def get_file_from_path(self, path):
        return self.mapping.get(path)


def test_svg_images_get_width_and_height_in_css_pixels(tmp_path):
    svg = tmp_path / "g.svg"
    svg.write_text('<svg width="96pt" height="48pt" viewBox="0 0 96 48"></svg>')
    files = FakeFiles({"generated/ch/s/g.svg": SimpleNamespace(abs_src_path=str(svg))})
    html = '<p><img alt="a graph" class="graph" src="../../generated/ch/s/g.svg" /></p>'
    page = SimpleNamespace(url="en/chapter/")
    out = image_sizes.on_page_content(html, page, None, files)
    assert '<img width="128" height="64" alt="a graph"' in out


def test_images_that_are_not_ours_or_already_sized_are_left_alone(tmp_path):
    files = FakeFiles({})
    html = (
        '<img src="https://example.org/x.svg" />'
        '<img width="5" src="local.svg" />'
        '<img src="missing.svg" />'
    )
    page = SimpleNamespace(url="chapter/")
    assert image_sizes.on_page_content(html, page, None, files) == html


def _intrinsic_size(svg: Path) -> tuple[int, int]:
    """The root element's width and height in CSS pixels (1 pt = 4/3 px), read with an XML
    parser, not with the hook's own pattern."""
    root = ET.parse(svg).getroot()
    sizes = []
    for name in ("width", "height"):
        value = re.fullmatch(r"([\d.]+)(pt|px)?", root.get(name))
        scale = 4 / 3 if value.group(2) == "pt" else 1.0
        sizes.append(round(float(value.group(1)) * scale))
    return sizes[0], sizes[1]


def test_every_generated_svg_a_page_shows_is_sized(site):
    """Every <img> of every built page whose source is a generated SVG carries that SVG's
    own size: all of them, in both languages."""
    checked, wrong = set(), []
    for page in discover_pages(site):
        path = site / (page + "index.html" if page.endswith("/") or not page else page)
        for tag in re.findall(r"<img\b[^>]*>", path.read_text("utf-8")):
            src = re.search(r'\bsrc="([^"]+\.svg)"', tag)
            if not src or "://" in src.group(1):
                continue
            target = (path.parent / src.group(1)).resolve()
            if not target.is_relative_to(site / "generated"):
                continue
            width = re.search(r'\bwidth="(\d+)"', tag)
            height = re.search(r'\bheight="(\d+)"', tag)
            size = (int(width.group(1)), int(height.group(1))) if width and height else None
            if size != _intrinsic_size(target):
                wrong.append(f"{page or '(home)'}: {src.group(1)} is {size}")
            checked.add(target)
    assert not wrong, "\n".join(wrong)
    # Not vacuous: the site shows some ninety generated SVGs as images.
    assert len(checked) > 50, sorted(checked)
