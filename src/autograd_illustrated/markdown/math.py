"""Typeset math at build time with the KaTeX the site vendors.

``pymdownx.arithmatex`` (``generic: true``) marks math as
``<span class="arithmatex">\\(…\\)</span>`` and ``<div class="arithmatex">\\[…\\]</div>``.
Rendering it here instead of in the reader's browser means pages ship only KaTeX's
stylesheet and fonts, no script, nothing to compute on load and no flash of raw TeX. A TeX
error fails the build (:class:`TypesetError`).

Options: ``script``, the Node program that renders (``scripts/katex-render.cjs``; one
process serves a whole build).
"""

from __future__ import annotations

import atexit
import html
import json
import re
import subprocess
from functools import lru_cache
from pathlib import Path

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])\s*</(?P=tag)>",
    re.DOTALL,
)
_renderers: dict[Path, subprocess.Popen] = {}


class TypesetError(ValueError):
    """KaTeX rejected a formula."""


# Both languages show the same formulas: each is sent to KaTeX once per build process.
@lru_cache(maxsize=8192)
def render(tex: str, display: bool, script: Path) -> dict:
    """KaTeX's reply for one formula: ``{"html": …}`` or ``{"error": …}``."""
    renderer = _renderers.get(script)
    if renderer is None or renderer.poll() is not None:
        renderer = _renderers[script] = subprocess.Popen(
            ["node", str(script)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        atexit.register(renderer.terminate)
    renderer.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
    renderer.stdin.flush()
    return json.loads(renderer.stdout.readline())


def typeset(content: str, script: Path) -> str:
    """``content`` (HTML) with every arithmatex formula replaced by KaTeX's HTML."""

    def one(match: re.Match) -> str:
        display = match.group("display") is not None
        tex = html.unescape(match.group("display") if display else match.group("inline"))
        reply = render(tex.strip(), display, script)
        if "error" in reply:
            raise TypesetError(f"KaTeX cannot typeset {tex!r}: {reply['error']}")
        # Keep the arithmatex wrapper: templates use it to load KaTeX's stylesheet.
        return f'<{match.group("tag")} class="arithmatex">{reply["html"]}</{match.group("tag")}>'

    return MATH.sub(one, content)


class _Typeset(Postprocessor):
    def __init__(self, md, script: Path):
        super().__init__(md)
        self.script = script

    def run(self, text: str) -> str:
        return typeset(text, self.script) if "arithmatex" in text else text


class KatexExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "script": ["scripts/katex-render.cjs", "The Node program that renders TeX"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        script = Path(self.getConfig("script")).resolve()
        # Last of all, on the finished HTML: the formulas are in their arithmatex wrappers.
        md.postprocessors.register(_Typeset(md, script), "katex", -100)


def makeExtension(**kwargs):
    return KatexExtension(**kwargs)
