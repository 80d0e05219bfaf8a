"""What a reader does on the site: switch language, search, turn on dark mode.

Also saves screenshots (home page and a chapter, desktop and mobile, both languages) to
``test-artifacts/`` for a human to look at.
"""

from __future__ import annotations

import io
from urllib.parse import unquote, urlsplit

import numpy as np
import pytest
from PIL import Image
from sitepages import ARTIFACTS, TWO_FRAMES, counterpart, language_of

from autograd_illustrated.vocabulary import LANGUAGES

pytestmark = pytest.mark.browser

# The exemplar chapter: it has graphs, math and a language counterpart.
CHAPTER = "dynamic-graphs/"


@pytest.mark.parametrize("start", [CHAPTER, f"en/{CHAPTER}"])
def test_language_switcher_lands_on_the_same_page(tab, server, start):
    target_language = "en" if language_of(start) == "zh" else "zh"
    tab.goto(server.url(start), wait_until="load")
    # The switcher is a hover menu in the header: open it as a reader would.
    tab.locator(".md-header .md-select").first.hover()
    link = tab.locator(f'.md-header .md-select a[hreflang="{target_language}"]').first
    link.click()
    tab.wait_for_load_state("load")
    assert server.page_of(tab.url) == counterpart(start, target_language)
    assert tab.evaluate("document.documentElement.lang") == target_language


SECTION_FACTS = """
(id) => {
  const target = document.getElementById(id);
  const box = target && target.getBoundingClientRect();
  return {
    tag: target && target.tagName.toLowerCase(),
    top: box && box.top,
    height: innerHeight,
    scrolled: scrollY,
  };
}
"""


@pytest.mark.parametrize("start", [CHAPTER, f"en/{CHAPTER}"])
def test_language_switcher_keeps_the_readers_section(tab, server, start):
    target_language = "en" if language_of(start) == "zh" else "zh"
    tab.goto(server.url(start), wait_until="load")
    ids = tab.evaluate(
        "() => [...document.querySelectorAll('article :is(h2, h3)[id]')].map((h) => h.id)"
    )
    assert len(ids) >= 3, f"{start}: too few sections to test with: {ids}"
    # A section from the middle of the page: landing at the top must not pass.
    section = ids[len(ids) // 2]
    # The reader arrives by a link to the section...
    tab.goto("about:blank")
    tab.goto(f"{server.url(start)}#{section}", wait_until="load")
    tab.locator(".md-header .md-select").first.hover()
    link = tab.locator(f'.md-header .md-select a[hreflang="{target_language}"]').first
    link.click()
    tab.wait_for_load_state("load")
    tab.evaluate(TWO_FRAMES)
    assert server.page_of(tab.url) == counterpart(start, target_language)
    assert unquote(urlsplit(tab.url).fragment) == section, f"{start} -> {tab.url}"
    facts = tab.evaluate(SECTION_FACTS, section)
    assert facts["tag"] in ("h2", "h3"), f"{tab.url}: no heading with id {section!r}"
    assert facts["scrolled"] > 0 and 0 <= facts["top"] < facts["height"] / 2, (
        f"{tab.url}: the section is not where the reader is looking: {facts}"
    )

    # ... and a section reached on the page (a click in the table of contents) is carried too.
    other = ids[-1]
    tab.evaluate("(id) => { location.hash = id; }", other)
    tab.locator(".md-header .md-select").first.hover()
    back = tab.locator(f'.md-header .md-select a[hreflang="{language_of(start)}"]').first
    assert unquote(urlsplit(back.get_attribute("href")).fragment) == other


SEARCHES = [
    # (page searched from, query, chapter expected first)
    (CHAPTER, "叶子节点", "leaves-detach/"),
    (f"en/{CHAPTER}", "leaf node", "en/leaves-detach/"),
]


@pytest.mark.parametrize(
    ("start", "query", "expected"), SEARCHES, ids=[language_of(s) for s, _, _ in SEARCHES]
)
def test_search_lists_the_right_chapter_first_in_the_page_language(
    tab, server, start, query, expected
):
    tab.goto(server.url(start), wait_until="networkidle")
    box = tab.locator(".md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on key events
    items = tab.locator(".md-search-result__item > .md-search-result__link")
    items.first.wait_for(timeout=15_000)
    hrefs = items.evaluate_all("els => els.map(a => a.href)")
    found = list(dict.fromkeys(server.page_of(href) for href in hrefs))  # pages, in order
    assert found, f"no result for {query!r}"
    assert found[0] == expected, f"{query!r} on {start}: first result {found[0]!r}; all: {found}"
    language = language_of(start)
    others = [page for page in found if language_of(page) != language]
    assert not others, f"{query!r} on a {language} page also listed: {others}"


def _luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of sRGB pixels (0..255)."""
    c = rgb / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def _ink_stats(png: bytes, background: float) -> tuple[float, float]:
    """(share of pixels darker than the page, contrast of the brightest ink with it)."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float)
    luminance = _luminance(pixels.reshape(-1, 3))
    dark_ink = float(np.mean(luminance < background * 0.6))
    brightest = float(np.percentile(luminance, 99.5))
    return dark_ink, (brightest + 0.05) / (background + 0.05)


@pytest.fixture
def fresh_tab(fresh_desktop):
    """A tab in a context of its own: the palette choice it makes is not remembered."""
    return fresh_desktop.new_page()


@pytest.mark.parametrize("start", [CHAPTER, f"en/{CHAPTER}"])
def test_dark_mode_keeps_graphs_readable(fresh_tab, server, start):
    tab = fresh_tab
    tab.goto(server.url(start), wait_until="networkidle")
    graphs = tab.locator("img.graph")
    assert graphs.count() > 0, f"{start} has no graph to check"
    tab.locator('[data-md-component="palette"] label:not([hidden])').first.click()
    tab.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")

    filters = graphs.evaluate_all("els => els.map(img => getComputedStyle(img).filter)")
    assert all("invert" in f for f in filters), f"graphs without the dark-mode filter: {filters}"

    background_rgb = tab.evaluate(
        "getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number)"
    )
    background = float(_luminance(np.array(background_rgb, dtype=float)))
    assert background < 0.05, f"dark mode background is not dark: rgb{tuple(background_rgb)}"

    first = graphs.first
    dark_ink, contrast = _ink_stats(first.screenshot(), background)
    # Graphviz draws black ink: on a dark page it must have been turned light.
    assert dark_ink < 0.002, f"{dark_ink:.1%} of the graph is darker than the dark page"
    assert contrast >= 4.5, f"graph ink contrasts only {contrast:.1f}:1 with the dark page"

    # The measurement itself must be able to fail: without the filter, black ink shows.
    first.evaluate("img => { img.style.filter = 'none' }")
    unfiltered_dark_ink, _ = _ink_stats(first.screenshot(), background)
    assert unfiltered_dark_ink > 0.01, "the dark-ink measurement cannot tell ink from page"


SCREENSHOTS = [("home", ""), ("chapter", CHAPTER)]


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_screenshots(request, server, viewport):
    context = request.getfixturevalue(viewport)
    ARTIFACTS.mkdir(exist_ok=True)
    for name, page in SCREENSHOTS:
        for language in LANGUAGES:
            shot = context.new_page()
            try:
                shot.goto(server.url(counterpart(page, language)), wait_until="networkidle")
                if page:  # a chapter: show its first graph, as a reader scrolling down would
                    shot.locator("img.graph").first.scroll_into_view_if_needed()
                    # Blocks that were off screen (content-visibility) are drawn in the
                    # frame after a jump; a reader scrolling never sees them missing.
                    shot.evaluate(TWO_FRAMES)
                path = ARTIFACTS / f"{name}-{language}-{viewport}.png"
                shot.screenshot(path=str(path))
            finally:
                shot.close()
            assert path.stat().st_size > 10_000, f"{path} looks blank"
