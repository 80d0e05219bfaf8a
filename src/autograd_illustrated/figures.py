"""Matplotlib figures as deterministic SVG.

Two builds must produce byte-identical files, on any machine:

- The Agg backend needs no display and draws the same everywhere.
- Matplotlib stamps a date and its own version into SVG metadata; both are switched off.
- Element ids (clip paths, glyph definitions) come from a hash salted with a random
  value unless ``svg.hashsalt`` is set; a fixed salt makes them stable.
- Text is drawn as glyph outlines from DejaVu Sans, which ships inside matplotlib, so no
  system font is used when the SVG is made or shown. DejaVu Sans has no Chinese glyphs:
  figures keep their text to numbers and math symbols, and each page explains them in
  its own language.

The figure's own background is transparent, so pages can show it with the ``graph``
class, whose dark-scheme filter turns the black ink light (see ``docs/assets/site.css``).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first

from .artifacts import artifact_path  # noqa: E402

SVG_HASH_SALT = "autograd-illustrated"

STYLE = {
    "svg.hashsalt": SVG_HASH_SALT,
    "svg.fonttype": "path",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "mathtext.fontset": "dejavusans",
    "font.size": 11,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "legend.frameon": False,
}

# Text objects read their font from rcParams when they are created, not when the figure
# is saved, so the style must hold from the first plotting call: set it on import.
matplotlib.rcParams.update(STYLE)


def new_figure(*, ncols: int = 1, width: float = 6.4, height: float = 4.0):
    """A figure and its axes in the site's style (the style is set again, in case a
    snippet changed rcParams after this module was imported)."""
    matplotlib.rcParams.update(STYLE)
    return plt.subplots(ncols=ncols, figsize=(width, height), layout="constrained")


def save_figure(fig, name: str) -> Path:
    """Write ``fig`` as ``<name>.svg`` next to the running snippet's outputs and close it.

    Inside the snippet runner the file lands in the snippet's generated folder; run by
    hand, it lands in the current directory.
    """
    path = artifact_path(f"{name}.svg")
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASH_SALT, "svg.fonttype": "path"}):
        fig.savefig(
            path,
            format="svg",
            transparent=True,
            metadata={"Date": None, "Creator": None},
        )
    plt.close(fig)
    return path
