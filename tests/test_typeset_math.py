"""Math is typeset at build time: pages carry KaTeX's HTML, and bad TeX stops the build."""

from __future__ import annotations

import markdown
import pytest

from autograd_illustrated.markdown.math import TypesetError


def typeset(source: str) -> str:
    md = markdown.Markdown(
        extensions=["pymdownx.arithmatex", "autograd_illustrated.markdown.math"],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    return md.convert(source)


def test_inline_and_display_math_become_katex_html():
    out = typeset("So $x < 2$.\n\n$$\n\\frac{\\partial z}{\\partial x} = 6\n$$")
    # Display math is a katex span inside katex-display: two katex spans, one display.
    assert out.count('<span class="katex">') == 2
    assert out.count('<span class="katex-display">') == 1
    # Entities are decoded before typesetting: KaTeX saw "x < 2", not "x &lt; 2".
    assert '<annotation encoding="application/x-tex">x &lt; 2</annotation>' in out
    assert "\\(" not in out and "\\[" not in out
    assert out.startswith('<p>So <span class="arithmatex"><span class="katex">')


def test_bad_tex_fails_naming_the_formula():
    with pytest.raises(TypesetError, match=r"KaTeX cannot typeset '\\\\frac\{1\}'"):
        typeset("Broken: $\\frac{1}$")
