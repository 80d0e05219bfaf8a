"""Live cells: code a reader can edit and run in the browser, output and graph included.

A page marks a cell with ``<div class="live-cell" data-live-cell markdown>`` around the
usual includes (a snippet section's code, its generated output and, optionally, a
``<div class="live-graph" data-live-graph markdown>`` holding its generated graph), so the
page shows what the build produced until the reader presses Run. This hook turns that
markup into the cell's contract, which ``docs/assets/live.js`` and the browser tests rely
on:

- the code block's ``<code>`` becomes the editor, ``data-live-code`` (plain-text
  ``contenteditable``, labelled, multi-line);
- the output block's ``<code>`` becomes ``data-live-output``, announced by screen
  readers when it changes (``aria-live``);
- Run (``data-live-run``) and Reset (``data-live-reset``) buttons and a status line go
  between the two, labelled in the page's language from ``i18n/ui.yml``.

The template loads ``assets/live.js`` only on pages whose content holds a live cell.
"""

from __future__ import annotations

import html
import re

from mkdocs.exceptions import PluginError

from autograd_illustrated.ui import ui_strings

# md_in_html writes a bare attribute out as data-live-cell="data-live-cell".
_CELL = re.compile(r'<div class="live-cell" data-live-cell(?:="[^"]*")?>')
_CODE = re.compile(r"<code>")


def _language(config) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.current_language if i18n is not None else config.theme["language"]


def _cell(body: str, ui: dict[str, str], where: str) -> str:
    codes = [m.start() for m in _CODE.finditer(body)]
    if len(codes) < 2:
        raise PluginError(f"{where}: a live cell needs a code block, then an output block")
    code, output = codes[0], codes[1]
    # The buttons go right before the output block's own wrapper.
    wrapper = body.rfind('<div class="', 0, output)
    if wrapper <= code:
        raise PluginError(f"{where}: a live cell's output must be a fenced block of its own")
    attr = html.escape
    controls = (
        '<div class="live-controls">'
        f'<button type="button" class="md-button md-button--primary" data-live-run>'
        f"{attr(ui['live_run'])}</button>"
        f'<button type="button" class="md-button" data-live-reset>{attr(ui["live_reset"])}</button>'
        '<span class="live-status" role="status"></span>'
        "</div>"
    )
    editor = (
        '<code data-live-code contenteditable="plaintext-only" spellcheck="false" '
        f'role="textbox" aria-multiline="true" aria-label="{attr(ui["live_code_label"])}">'
    )
    out = (
        f'<code data-live-output aria-live="polite" aria-label="{attr(ui["live_output_label"])}">'
    )
    return (
        body[:code]
        + editor
        + body[code + len("<code>") : wrapper]
        + controls
        + body[wrapper:output]
        + out
        + body[output + len("<code>") :]
    )


def on_page_content(html_text: str, page, config, files) -> str:
    if "data-live-cell" not in html_text:
        return html_text
    ui = ui_strings(_language(config))
    parts = _CELL.split(html_text)
    if len(parts) == 1:
        return html_text  # the attribute's name in prose or code, not a cell
    cell_open = (
        '<div class="live-cell" data-live-cell '
        f'data-text-running="{html.escape(ui["live_running"])}" '
        f'data-text-done="{html.escape(ui["live_done"])}" '
        f'data-text-failed="{html.escape(ui["live_failed"])}" '
        f'data-text-graph="{html.escape(ui["live_graph_label"])}">'
    )
    cells = [_cell(body, ui, page.file.src_path) for body in parts[1:]]
    return parts[0] + "".join(cell_open + cell for cell in cells)
