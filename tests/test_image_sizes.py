"""Generated SVGs get their intrinsic size in the page, so nothing shifts as they load."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
from sitepages import discover_pages


def sized(source: str, base: Path) -> str:
    md = markdown.Markdown(
        extensions=["attr_list", "autograd_illustrated.markdown.image_sizes"],
        extension_configs={
            "autograd_illustrated.markdown.image_sizes": {
                "base_path": [str(base / "docs"), str(base)]
            }
        },
    )
    return md.convert(source)


def test_svg_images_get_width_and_height_in_css_pixels(tmp_path):
    svg = tmp_path / "generated/ch/s/g.svg"
    svg.parent.mkdir(parents=True)
    svg.write_text('<svg width="96pt" height="48pt" viewBox="0 0 96 48"></svg>')
    out = sized("![a graph](generated/ch/s/g.svg){ .graph }", tmp_path)
    expected = '<img width="128" height="64" alt="a graph" class="graph" src="generated/ch/s/g.svg"'
    assert expected in out and "data-" not in out


def test_images_that_are_not_ours_or_already_sized_are_left_alone(tmp_path):
    (tmp_path / "local.svg").write_text('<svg width="96pt" height="48pt"></svg>')
    source = "![a](https://example.org/x.svg)\n\n![b](local.svg){ width=5 }\n\n![c](missing.svg)"
    out = sized(source, tmp_path)
    assert out.count("<img") == 3
    assert 'width="128"' not in out and 'width="5"' in out


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
