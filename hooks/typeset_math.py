"""Typeset math at build time with the KaTeX the site vendors.

pymdownx.arithmatex marks math as ``<span class="arithmatex">\\(…\\)</span>`` and
``<div class="arithmatex">\\[…\\]</div>``. Rendering it here instead of in the reader's
browser means pages ship only KaTeX's stylesheet and fonts, no script, nothing to compute
on load and no flash of raw TeX. A TeX error fails the build, naming the page.
"""

from __future__ import annotations

import atexit
import html
import json
import re
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

_MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])\s*</(?P=tag)>",
    re.DOTALL,
)
_renderer: subprocess.Popen | None = None


def _render(tex: str, display: bool, root: Path) -> dict:
    global _renderer
    if _renderer is None or _renderer.poll() is not None:
        _renderer = subprocess.Popen(
            ["node", str(root / "scripts/katex-render.cjs")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        atexit.register(_renderer.terminate)
    _renderer.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
    _renderer.stdin.flush()
    return json.loads(_renderer.stdout.readline())


def on_page_content(content, page, config, files):
    root = Path(config.config_file_path).resolve().parent

    def typeset(match: re.Match) -> str:
        display = match.group("display") is not None
        tex = html.unescape(match.group("display") if display else match.group("inline"))
        reply = _render(tex.strip(), display, root)
        if "error" in reply:
            raise PluginError(
                f"docs/{page.file.src_uri}: KaTeX cannot typeset {tex!r}: {reply['error']}"
            )
        # Keep the arithmatex wrapper: templates use it to load KaTeX's stylesheet.
        return f'<{match.group("tag")} class="arithmatex">{reply["html"]}</{match.group("tag")}>'

    return _MATH.sub(typeset, content)
