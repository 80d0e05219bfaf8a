"""Generated SVGs get their intrinsic size in the page, so nothing shifts as they load."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest

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


def test_every_graph_on_a_built_page_is_sized():
    # The exemplar chapter's generated SVGs as the build sees them.
    svg = ROOT / "generated/dynamic_graphs/linear_graph/linear.svg"
    if not svg.exists():
        pytest.skip("run the snippets first (make test does)")
    files = FakeFiles(
        {"generated/dynamic_graphs/linear_graph/linear.svg": SimpleNamespace(abs_src_path=str(svg))}
    )
    html = '<img class="graph" src="../generated/dynamic_graphs/linear_graph/linear.svg" />'
    out = image_sizes.on_page_content(html, SimpleNamespace(url="dynamic-graphs/"), None, files)
    assert out.startswith('<img width="') and ' height="' in out
