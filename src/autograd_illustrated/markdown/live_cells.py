"""Live cells: code a reader can edit and run in the browser, output and graph included.

A page marks a cell with ``<div class="live-cell" data-live-cell markdown>`` around the
usual includes (a snippet section's code, its generated output and, optionally, a
``<div class="live-graph" data-live-graph markdown>`` holding its generated graph), so the
page shows what the build produced until the reader presses Run. This extension turns that
markup, in the finished HTML, into the cell's contract, which ``docs/assets/live.js`` and
the browser tests rely on:

- the cell carries its status messages (``data-text-running``, ``-done``, ``-failed``,
  ``-graph``);
- the code block's ``<code>`` becomes the editor, ``data-live-code`` (plain-text
  ``contenteditable``, labelled, multi-line);
- the output block's ``<code>`` becomes ``data-live-output``, announced by screen
  readers when it changes (``aria-live``);
- Run (``data-live-run``) and Reset (``data-live-reset``) buttons and a status line go
  between the two.

The markup is in the templates below; every word in it comes from ``i18n/ui.yml``, in the
page's language. ``overrides/main.html`` loads ``assets/live.js`` only on pages whose
content holds a cell as this extension writes it.

Option: ``language`` (the page's; see :func:`autograd_illustrated.markdown.page_language`).
"""

from __future__ import annotations

import html
import re
from string import Template

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

from autograd_illustrated.markdown import LANGUAGE_OPTION, page_language
from autograd_illustrated.ui import ui_strings

TAKES_LANGUAGE = True  # see autograd_illustrated.markdown.set_language

CELL = Template(
    '<div class="live-cell" data-live-cell data-text-running="$live_running" '
    'data-text-done="$live_done" data-text-failed="$live_failed" '
    'data-text-graph="$live_graph_label">'
)
EDITOR = Template(
    '<code data-live-code contenteditable="plaintext-only" spellcheck="false" '
    'role="textbox" aria-multiline="true" aria-label="$live_code_label">'
)
CONTROLS = Template(
    '<div class="live-controls">'
    '<button type="button" class="md-button md-button--primary" data-live-run>$live_run</button>'
    '<button type="button" class="md-button" data-live-reset>$live_reset</button>'
    '<span class="live-status" role="status"></span>'
    "</div>"
)
OUTPUT = Template('<code data-live-output aria-live="polite" aria-label="$live_output_label">')

# md_in_html writes a bare attribute out as data-live-cell="data-live-cell".
_CELL = re.compile(r'<div class="live-cell" data-live-cell(?:="[^"]*")?>')
_CODE = re.compile(r"<code>")
_TITLE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


class LiveCellError(ValueError):
    """A live cell's markup is not code block, then output block."""


def _fill(template: Template, ui: dict[str, str]) -> str:
    return template.substitute({key: html.escape(text) for key, text in ui.items()})


def _cell(body: str, ui: dict[str, str], where: str) -> str:
    codes = [m.start() for m in _CODE.finditer(body)]
    if len(codes) < 2:
        raise LiveCellError(f"{where}: a live cell needs a code block, then an output block")
    code, output = codes[0], codes[1]
    # The buttons go right before the output block's own wrapper.
    wrapper = body.rfind('<div class="', 0, output)
    if wrapper <= code:
        raise LiveCellError(f"{where}: a live cell's output must be a fenced block of its own")
    return (
        body[:code]
        + _fill(EDITOR, ui)
        + body[code + len("<code>") : wrapper]
        + _fill(CONTROLS, ui)
        + body[wrapper:output]
        + _fill(OUTPUT, ui)
        + body[output + len("<code>") :]
    )


def live_cells(text: str, language: str) -> str:
    """The page's HTML with each live cell's markup turned into the cell's contract."""
    if "data-live-cell" not in text:
        return text
    parts = _CELL.split(text)
    if len(parts) == 1:
        return text  # the attribute's name in prose or code, not a cell
    ui = ui_strings(language)
    title = _TITLE.search(text)
    page = re.sub(r"<[^>]+>", "", title.group(1)).strip() if title else "a page"
    cells = [
        _cell(body, ui, f"live cell {number} of {page!r}")
        for number, body in enumerate(parts[1:], start=1)
    ]
    return parts[0] + "".join(_fill(CELL, ui) + cell for cell in cells)


class _LiveCells(Postprocessor):
    def __init__(self, md, language: str):
        super().__init__(md)
        self.language = language

    def run(self, text: str) -> str:
        if "data-live-cell" not in text:
            return text
        return live_cells(text, page_language(self.language))


class LiveCellsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {LANGUAGE_OPTION: ["", "The page's language, e.g. zh or en"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # Last, on the finished HTML (after the raw HTML and code blocks are back in, and
        # after math: -100).
        md.postprocessors.register(
            _LiveCells(md, self.getConfig(LANGUAGE_OPTION)), "live_cells", -110
        )


def makeExtension(**kwargs):
    return LiveCellsExtension(**kwargs)
