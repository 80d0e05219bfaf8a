"""Searching as a reader does, in Chromium, in both languages.

Material's search box, answered by Pagefind (``docs/assets/search-worker.js``): a page
loads only its own language's bundle, and only once the reader reaches for search; the
keyboard shortcuts and Enter work; a result opens with the query highlighted (``?h=``).
The ranking itself is checked on 100+ queries by ``tests/test_search_relevance.py``.
"""

from __future__ import annotations

import pytest
from sitepages import language_of

pytestmark = pytest.mark.browser

RESULTS = ".md-search-result__item > .md-search-result__link"

SEARCHES = [
    # (page searched from, query, chapter expected in the top 3; first for an error)
    ("backward/", "计算图", "dynamic-graphs/"),
    ("backward/", "detach 共享内存", "leaves-detach/"),
    ("backward/", "Trying to backward through the graph a second time", "accumulation/"),
    ("en/backward/", "vanishing gradients", "en/long-chains/"),
    ("en/backward/", "create_graph", "en/advanced/"),
    (
        "en/backward/",
        "RuntimeError: one of the variables needed for gradient computation has been modified "
        "by an inplace operation: [torch.cuda.FloatTensor [64, 10]], which is output 0 of "
        "AddmmBackward0, is at version 2; expected version 1 instead.",
        "en/advanced/",
    ),
]


def _search(tab, query: str) -> list[str]:
    box = tab.locator(".md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on key events
    tab.locator(RESULTS).first.wait_for(timeout=15_000)
    return tab.locator(RESULTS).evaluate_all("els => els.map(a => a.href)")


@pytest.mark.parametrize(
    ("start", "query", "expected"), SEARCHES, ids=[f"{s[:2]}-{q[:24]}" for s, q, _ in SEARCHES]
)
def test_the_search_box_lists_the_right_chapter_first(tab, server, start, query, expected):
    fetched: list[str] = []
    tab.on("request", lambda r: "/pagefind/" in r.url and fetched.append(r.url))
    tab.goto(server.url(start), wait_until="networkidle")
    assert fetched == [], f"{start}: Pagefind was fetched before any search: {fetched}"
    found = list(dict.fromkeys(server.page_of(href) for href in _search(tab, query)))
    wanted = 1 if "second time" in query or "Error" in query else 3
    assert expected in found[:wanted], f"{query!r} on {start}: got {found[:3]}; all: {found}"
    language = language_of(start)
    assert all(language_of(page) == language for page in found), found
    # The page fetched its own language's bundle and no other.
    own = "/en/pagefind/" if language == "en" else "/pagefind/"
    assert fetched and all(own in url for url in fetched), fetched
    assert not (language == "zh" and any("/en/pagefind/" in url for url in fetched))


def test_keyboard_search_opens_the_best_result_highlighted(tab, server):
    tab.goto(server.url("en/tensors/"), wait_until="networkidle")
    tab.keyboard.press("/")  # Material's shortcut: focus the search box
    assert tab.evaluate("document.activeElement.classList.contains('md-search__input')")
    tab.keyboard.type("retain_graph")
    tab.locator(RESULTS).first.wait_for(timeout=15_000)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")  # Material opens the best result
    assert server.page_of(tab.url) == "en/accumulation/", tab.url
    assert "h=" in tab.url
    marks = tab.locator("article mark[data-md-highlight]")
    marks.first.wait_for(state="attached", timeout=15_000)
    # Material's highlighter splits identifiers at "_" (the separator in mkdocs.yml).
    marked = {text.lower() for text in marks.all_text_contents()}
    assert {"retain", "graph"} <= marked, marked


def test_chinese_results_read_as_written(tab, server):
    """Chinese is indexed with spaces between words; results must not show them."""
    tab.goto(server.url("leaves-detach/"), wait_until="networkidle")
    _search(tab, "叶子节点")
    texts = tab.locator(".md-search-result__article").evaluate_all(
        "els => els.slice(0, 4).map(el => el.textContent)"
    )
    assert texts and not any("叶子 节点" in text for text in texts), texts
    title = tab.locator(".md-search-result__article h1").first.text_content()
    assert title.strip() == "叶子节点、detach 与 no_grad", title
