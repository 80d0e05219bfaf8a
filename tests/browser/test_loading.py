"""What keeps pages light on a phone, checked as it behaves, not as it is written.

- Nothing for search (Material's settings file, then Pagefind's script, wasm and index,
  hundreds of KB in all) is fetched until the reader reaches for search, or the page was
  opened from a search result (``docs/assets/search-on-demand.js``).
- Off-screen blocks of a long chapter are skipped until the reader scrolls near them
  (``content-visibility`` in ``docs/assets/site.css``), and skipping them does not move
  anchors: a link to a heading far down still lands on it.

The Lighthouse scores these make possible are measured by ``make bench``, not here.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# The chapter with the most typeset math and code: where skipping work matters most.
LONG = "long-chains/"
INDEX = "search/search_index.json"
# Material's header is 48 px (2.4rem) tall, and headings scroll to just below it.
HEADER_PX = 48


def _index_requests(tab) -> list[str]:
    found: list[str] = []
    tab.on("request", lambda r: r.url.endswith(INDEX) and found.append(r.url))
    return found


@pytest.mark.parametrize("start", [LONG, f"en/{LONG}"])
def test_reading_a_page_does_not_download_the_search_index(tab, server, start):
    requested = _index_requests(tab)
    pagefind: list[str] = []
    tab.on("request", lambda r: "/pagefind/" in r.url and pagefind.append(r.url))
    tab.goto(server.url(start), wait_until="networkidle")
    tab.wait_for_timeout(500)  # Material asks for the index right after it starts
    assert requested == [], f"{start}: the search index was fetched with no search: {requested}"
    assert pagefind == [], f"{start}: Pagefind was fetched with no search: {pagefind}"


def test_pointing_at_the_search_box_fetches_the_index(tab, server):
    requested = _index_requests(tab)
    tab.goto(server.url(LONG), wait_until="networkidle")
    with tab.expect_response(lambda r: r.url.endswith(INDEX) and r.ok):
        tab.locator(".md-search__input").hover()
    assert len(requested) == 1


def test_tapping_search_on_a_phone_fetches_the_index_and_finds_pages(phone_tab, server):
    phone_tab.goto(server.url(LONG), wait_until="networkidle")
    with phone_tab.expect_response(lambda r: r.url.endswith(INDEX) and r.ok):
        phone_tab.locator(".md-header__button[for='__search']").tap()
    box = phone_tab.locator(".md-search__input")
    box.fill("链式法则")
    box.press("End")  # Material searches on key events
    results = phone_tab.locator(".md-search-result__item > .md-search-result__link")
    results.first.wait_for(timeout=15_000)
    assert results.count() > 0


def test_a_page_opened_from_a_search_result_highlights_the_terms(tab, server):
    # Material's search.highlight needs the index: a ?h= link must not wait for a gesture.
    tab.goto(server.url(f"en/{LONG}") + "?h=interest", wait_until="load")
    marks = tab.locator("article mark[data-md-highlight]")
    marks.first.wait_for(state="attached", timeout=15_000)
    assert marks.count() > 0


# checkVisibility reports false for what sits in a subtree the browser is skipping
# (content-visibility: auto, off screen).
RENDERED = """([selector, index]) => [...document.querySelectorAll(selector)].at(index)
    .checkVisibility({ contentVisibilityAuto: true })"""


def test_blocks_far_down_a_long_chapter_are_skipped_until_scrolled_to(phone_tab, server):
    phone_tab.goto(server.url(LONG), wait_until="load")
    code = ".md-content__inner > div.highlight code > span"
    assert phone_tab.evaluate(RENDERED, [".md-content__inner > p", 0])
    assert not phone_tab.evaluate(RENDERED, [code, -1]), "the last code block was drawn unseen"
    phone_tab.locator(code).last.scroll_into_view_if_needed()
    phone_tab.wait_for_timeout(300)
    assert phone_tab.evaluate(RENDERED, [code, -1])


def _far_h2(tab) -> str:
    """A heading two thirds down the page, with plenty of page below it to scroll to."""
    return tab.evaluate(
        """() => {
          const found = [...document.querySelectorAll('.md-content__inner > h2[id]')];
          return found[Math.floor(found.length * 2 / 3)].id;
        }"""
    )


def _top_of(tab, element_id: str) -> float:
    return tab.evaluate(
        "(id) => document.getElementById(id).getBoundingClientRect().top", element_id
    )


@pytest.mark.parametrize("start", [LONG, f"en/{LONG}"])
def test_a_link_to_a_heading_far_down_lands_on_it(phone_tab, server, start):
    phone_tab.goto(server.url(start), wait_until="load")
    target = _far_h2(phone_tab)
    phone_tab.goto(server.url(start) + "#" + target, wait_until="load")
    phone_tab.wait_for_timeout(500)  # blocks near the target render; it must not move away
    top = _top_of(phone_tab, target)
    assert HEADER_PX - 5 <= top <= HEADER_PX + 60, f"#{target} is at {top:.0f} px"


def test_the_table_of_contents_scrolls_to_the_heading_it_names(tab, server):
    tab.goto(server.url(LONG), wait_until="load")
    target = _far_h2(tab)
    tab.locator(f".md-sidebar--secondary a[href='#{target}']").click()
    tab.wait_for_timeout(800)  # Material scrolls smoothly
    top = _top_of(tab, target)
    assert HEADER_PX - 5 <= top <= HEADER_PX + 60, f"#{target} is at {top:.0f} px"


# Every time <body> gains or loses data-md-color-switching, from the first byte parsed on.
SWITCHING_LOG = """
window.__switching = [];
new MutationObserver((records) => {
  for (const r of records) window.__switching.push(r.target.hasAttribute(r.attributeName));
}).observe(document, {
  subtree: true, attributes: true, attributeFilter: ["data-md-color-switching"],
});
"""


def test_start_up_restyles_no_page_for_a_palette_switch_but_a_readers_switch_does(
    fresh_desktop, server
):
    # Material marks <body> while it applies a palette (transitions off on every element);
    # on start-up it re-applies the palette the page already has, and language.js holds
    # that mark back, which cost two whole-page restyles (docs/assets/language.js, fix 4).
    tab = fresh_desktop.new_page()
    tab.add_init_script(SWITCHING_LOG)
    tab.goto(server.url(LONG), wait_until="load")
    tab.wait_for_timeout(300)
    assert tab.evaluate("window.__switching") == []
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    tab.locator('[data-md-component="palette"] label:not([hidden])').first.click()
    tab.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    tab.wait_for_timeout(300)
    # The reader's switch is marked, then unmarked, as Material does it.
    assert tab.evaluate("window.__switching") == [True, False]


def test_a_start_up_that_changes_colours_is_still_marked(fresh_desktop, server):
    # A first visit on a dark-mode system: the page is parsed light, and Material switches
    # it to dark on start-up. That switch must not animate, so it keeps its mark.
    tab = fresh_desktop.new_page()
    tab.emulate_media(color_scheme="dark")
    tab.add_init_script(SWITCHING_LOG)
    tab.goto(server.url(LONG), wait_until="load")
    tab.wait_for_timeout(300)
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert tab.evaluate("window.__switching") == [True, False]
