"""save_figure writes the same bytes every time, so builds are reproducible."""

from __future__ import annotations

import re

import matplotlib
import matplotlib.pyplot as plt
import pytest

from autograd_illustrated.artifacts import collecting_into
from autograd_illustrated.figures import new_figure, save_figure


def _draw():
    """A figure with everything that tends to vary: text, math, clip paths, a legend."""
    fig, ax = new_figure()
    steps = list(range(20))
    ax.semilogy(steps, [1.5**k for k in steps], marker="o", label=r"$a = 1.5$")
    ax.semilogy(steps, [0.5**k for k in steps], marker="s", label=r"$a = 0.5$")
    ax.set_xlabel(r"$n$")
    ax.set_ylabel(r"$\|\partial z / \partial s_0\|$")
    ax.legend()
    return fig


def _render(directory, name="chain"):
    with collecting_into(directory):
        path = save_figure(_draw(), name)
    return path


def test_two_renders_are_byte_identical(tmp_path):
    first = _render(tmp_path / "one").read_bytes()
    second = _render(tmp_path / "two").read_bytes()
    assert first == second


def test_svg_carries_no_date_or_version(tmp_path):
    svg = _render(tmp_path).read_text(encoding="utf-8")
    assert svg.startswith("<?xml")
    assert "<dc:date>" not in svg
    assert matplotlib.__version__ not in svg


def test_element_ids_come_from_the_fixed_salt(tmp_path):
    # Matplotlib salts its element ids with a random value unless svg.hashsalt is set.
    # The figure must contain such ids (clip paths), or the identity test above proves little.
    salted = _render(tmp_path).read_text(encoding="utf-8")
    ids = set(re.findall(r'id="(p[0-9a-f]{10})"', salted))
    assert ids, "expected clip-path ids in the SVG"

    fig = _draw()
    with matplotlib.rc_context({"svg.hashsalt": None}):
        fig.savefig(tmp_path / "unsalted.svg", format="svg", metadata={"Date": None})
    plt.close(fig)
    unsalted = (tmp_path / "unsalted.svg").read_text(encoding="utf-8")
    assert ids.isdisjoint(re.findall(r'id="(p[0-9a-f]{10})"', unsalted))


def test_background_is_transparent_and_text_is_outlines(tmp_path):
    svg = _render(tmp_path).read_text(encoding="utf-8")
    # Text drawn as glyph paths: no <text> element depends on the reader's fonts.
    assert "<text" not in svg
    # The figure and axes patches (the page behind the plot) are unfilled, so the
    # site's background, light or dark, shows through.
    for patch in ("patch_1", "patch_2"):
        block = re.search(rf'<g id="{patch}">\s*<path [^>]*style="([^"]*)"', svg)
        assert block and block.group(1) == "fill: none"


def test_figure_is_closed_after_saving(tmp_path):
    before = set(plt.get_fignums())
    _render(tmp_path)
    assert set(plt.get_fignums()) == before


def test_names_are_plain_file_names(tmp_path):
    with collecting_into(tmp_path), pytest.raises(ValueError):
        save_figure(_draw(), "../escape")
    plt.close("all")
