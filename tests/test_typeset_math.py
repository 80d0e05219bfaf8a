"""Math is typeset at build time: pages carry KaTeX's HTML, and bad TeX stops the build."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("math_hook", ROOT / "hooks/typeset_math.py")
math_hook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(math_hook)

CONFIG = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"))
PAGE = SimpleNamespace(file=SimpleNamespace(src_uri="chapter.en.md"))


def typeset(content: str) -> str:
    return math_hook.on_page_content(content, PAGE, CONFIG, None)


def test_inline_and_display_math_become_katex_html():
    out = typeset(
        '<p>So <span class="arithmatex">\\(x &lt; 2\\)</span>.</p>\n'
        '<div class="arithmatex">\\[\n\\frac{\\partial z}{\\partial x} = 6\n\\]</div>'
    )
    # Display math is a katex span inside katex-display: two katex spans, one display.
    assert out.count('<span class="katex">') == 2
    assert out.count('<span class="katex-display">') == 1
    # Entities are decoded before typesetting: KaTeX saw "x < 2", not "x &lt; 2".
    assert '<annotation encoding="application/x-tex">x &lt; 2</annotation>' in out
    assert "\\(" not in out and "\\[" not in out
    assert out.startswith('<p>So <span class="arithmatex"><span class="katex">')


def test_bad_tex_fails_naming_the_page():
    with pytest.raises(
        PluginError, match=r"docs/chapter.en.md: KaTeX cannot typeset '\\\\frac\{1\}'"
    ):
        typeset('<span class="arithmatex">\\(\\frac{1}\\)</span>')
