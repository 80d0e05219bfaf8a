"""Live cells in a real Chromium: every cell, run in the browser, prints what the build printed.

The contract (hooks/live_cells.py, docs/assets/live.js): a cell is ``[data-live-cell]``
holding ``[data-live-code]``, ``[data-live-run]``, ``[data-live-output]`` and, when it
draws, ``[data-live-graph]``; while it runs it has ``data-live-state="running"``, then
``"done"`` or ``"error"``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitepages import discover_pages, language_of, site_dir

from autograd_illustrated.ui import ui_strings

pytestmark = pytest.mark.browser

# Pages that must have live cells; any other built page with one is tested too.
REQUIRED = ["try-it/", "en/try-it/", "build-your-own/", "en/build-your-own/"]
CELL_MARKUP = '<div class="live-cell" data-live-cell '


def _pages_with_cells() -> list[str]:
    site = site_dir()
    if not site.is_dir():
        return REQUIRED  # the tests then fail, as every browser test does, with no site

    def html(page: str) -> Path:
        return site / (page + "index.html" if page == "" or page.endswith("/") else page)

    found = [p for p in discover_pages(site) if CELL_MARKUP in html(p).read_text("utf-8")]
    return sorted(set(found) | set(REQUIRED))


LIVE_PAGES = _pages_with_cells()
# What a first Run fetches, and nothing before it.
LIVE_ASSETS = re.compile(r"/assets/(vendor/pyodide|vendor/viz|live)/")
# Pyodide loads in seconds on a quiet machine; the tests share two cores with builds.
RUN_TIMEOUT = 180_000

FINISHED = "cell => ['done', 'error'].includes(cell.dataset.liveState)"


def run_cell(cell, tab, *, keyboard: bool = False) -> str:
    if keyboard:
        cell.locator("[data-live-code]").focus()
        tab.keyboard.press("Control+Enter")
    else:
        cell.locator("[data-live-run]").click()
    tab.wait_for_function(FINISHED, arg=cell.element_handle(), timeout=RUN_TIMEOUT)
    return cell.get_attribute("data-live-state")


def output_of(cell) -> str:
    return cell.locator("[data-live-output]").evaluate("el => el.textContent")


@pytest.mark.parametrize("path", LIVE_PAGES)
def test_every_cell_prints_exactly_what_the_build_printed(desktop, server, path, request):
    tab = desktop.new_page()
    requests, sizes = [], {}
    tab.on("request", lambda r: requests.append(r.url))
    tab.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
    console_errors = []
    tab.on("pageerror", lambda e: console_errors.append(str(e)))
    try:
        tab.goto(server.url(path), wait_until="load")
        tab.wait_for_load_state("networkidle")
        cells = tab.locator("[data-live-cell]")
        assert cells.count() >= 2, "a live page has live cells"
        assert not [u for u in requests if LIVE_ASSETS.search(u)], "nothing fetched before Run"
        for k in range(cells.count()):
            cell = cells.nth(k)
            for part in ("[data-live-code]", "[data-live-run]", "[data-live-output]"):
                assert cell.locator(part).count() == 1, f"cell {k} lacks {part}"
            built = output_of(cell)
            state = run_cell(cell, tab)
            assert state == "done", f"cell {k}: {output_of(cell)}"
            assert output_of(cell) == built, f"cell {k} printed something else in the browser"
            graph = cell.locator("[data-live-graph]")
            if graph.count():
                assert graph.locator("svg").count() >= 1, f"cell {k}: its graph was not drawn"
                assert graph.locator("svg text").count() >= 1
        own = server.url("")
        assert all(u.startswith(own) or u.startswith(("data:", "blob:")) for u in requests)
        # Fetched once each, however many cells ran.
        live = [u for u in requests if LIVE_ASSETS.search(u)]
        assert len(live) == len(set(live)), live
        assert not console_errors
        fetched = sum(size for url, size in sizes.items() if LIVE_ASSETS.search(url))
        print(f"\n{path}: first Run fetched {len(live)} files, {fetched:,} bytes (uncompressed)")
    finally:
        tab.close()


@pytest.mark.parametrize("path", ["try-it/", "en/try-it/"])
def test_edit_run_with_keyboard_then_reset(desktop, server, path):
    tab = desktop.new_page()
    try:
        tab.goto(server.url(path), wait_until="load")
        cell = tab.locator("[data-live-cell]").first
        editor = cell.locator("[data-live-code]")
        original_code = editor.evaluate("el => el.textContent")
        built = output_of(cell)
        graph_before = cell.locator("[data-live-graph]").inner_html()
        # A reader's edit: turn the knob from 3 to 5.
        editor.evaluate(
            "el => { el.textContent = el.textContent.replace('Value(3.0', 'Value(5.0'); }"
        )
        assert run_cell(cell, tab, keyboard=True) == "done"
        assert output_of(cell) == "y     = 13.0\ndy/dx = 2.0\n"
        assert "13" in cell.locator("[data-live-graph] svg").evaluate("el => el.textContent")
        # Screen readers hear the new output.
        assert cell.locator("[data-live-output]").get_attribute("aria-live") == "polite"
        cell.locator("[data-live-reset]").click()
        assert editor.evaluate("el => el.textContent") == original_code
        assert output_of(cell) == built
        assert cell.locator("[data-live-graph]").inner_html() == graph_before
        assert cell.get_attribute("data-live-state") is None
        # Python's own message, in the output area, not the console.
        editor.evaluate("el => { el.textContent = 'print(1)\\nprint(1 / 0)\\n'; }")
        assert run_cell(cell, tab) == "error"
        text = output_of(cell)
        assert text.startswith("1\nTraceback (most recent call last):\n")
        assert text.rstrip().endswith("ZeroDivisionError: division by zero")
        assert '"<cell>", line 2' in text
    finally:
        tab.close()


@pytest.mark.parametrize("path", ["try-it/", "en/try-it/"])
def test_a_later_cell_runs_the_earlier_ones_first(desktop, server, path):
    tab = desktop.new_page()
    try:
        tab.goto(server.url(path), wait_until="load")
        cells = tab.locator("[data-live-cell]")
        nudge = cells.nth(1)  # uses f and x from the first cell
        built = output_of(nudge)
        assert run_cell(nudge, tab) == "done"
        assert output_of(nudge) == built
        assert cells.nth(0).get_attribute("data-live-state") == "done"
    finally:
        tab.close()


@pytest.mark.parametrize("path", ["try-it/", "en/build-your-own/"])
def test_if_pyodide_cannot_load_the_cell_says_so_and_keeps_the_build_output(
    fresh_desktop, server, path
):
    tab = fresh_desktop.new_page()
    try:
        tab.route(re.compile(r".*/vendor/pyodide/.*"), lambda route: route.abort())
        tab.goto(server.url(path), wait_until="load")
        cell = tab.locator("[data-live-cell]").first
        built = output_of(cell)
        assert run_cell(cell, tab) == "error"
        assert output_of(cell) == built
        message = ui_strings(language_of(path))["live_failed"]
        assert cell.locator(".live-status").inner_text() == message
    finally:
        tab.close()


@pytest.mark.parametrize("path", ["try-it/", "en/build-your-own/"])
def test_keyboard_and_phone(browser, server, path):
    context = browser.new_context(
        viewport={"width": 412, "height": 915}, is_mobile=True, has_touch=True
    )
    try:
        tab = context.new_page()
        tab.goto(server.url(path), wait_until="load")
        cell = tab.locator("[data-live-cell]").first
        cell.scroll_into_view_if_needed()
        for button in cell.locator("button[data-live-run], button[data-live-reset]").all():
            box = button.bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44, box
        # Long lines scroll inside the code block instead of widening the page.
        pre = cell.locator("pre").first
        assert pre.evaluate("el => getComputedStyle(el.querySelector('code')).overflowX") in (
            "auto",
            "scroll",
        )
        assert tab.evaluate("document.documentElement.scrollWidth") <= 412
        # Tab goes from the editor to the buttons.
        cell.locator("[data-live-code]").focus()
        reached = []
        for _ in range(4):
            tab.keyboard.press("Tab")
            reached += tab.evaluate(
                "Object.keys(document.activeElement.dataset).filter(k => k.startsWith('live'))"
            )
        assert "liveRun" in reached and "liveReset" in reached, reached
    finally:
        context.close()
