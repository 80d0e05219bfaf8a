"""One real Chromium (Debian's), driven by Playwright, for every browser test here.

It lives for this package only: Playwright's sync API allows one instance per thread at a
time, so other tests that drive a browser of their own can run after these.

Each page is loaded once; what the reader's browser saw (status, console, requests,
images, math, axe-core's findings, alt text, language links) is recorded in a
:class:`PageVisit` and cached, and the tests assert on it, one concern per test.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitepages import TWO_FRAMES

from autograd_illustrated.browser import CHROMIUM, OFFLINE_ARGS

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}

# Everything a test wants to know about one page, gathered in one pass in the page.
PAGE_FACTS = r"""
async () => {
  const content = document.querySelector("article.md-content__inner") || document.body;

  // Images: wait for every one (lazy ones too) to load or fail.
  const images = [...document.images];
  images.forEach((img) => { if (img.loading === "lazy") img.loading = "eager"; });
  await Promise.all(images.map((img) => img.complete ? null : new Promise((done) => {
    img.addEventListener("load", done, { once: true });
    img.addEventListener("error", done, { once: true });
    setTimeout(done, 5000);
  })));
  const brokenImages = images
    .filter((img) => !(img.complete && img.naturalWidth > 0 && img.naturalHeight > 0))
    .map((img) => img.getAttribute("src"));
  const emptySvgs = [...content.querySelectorAll("svg")]
    .filter((svg) => svg.childElementCount === 0)
    .map((svg) => svg.outerHTML.slice(0, 120));

  // Math: every arithmatex span rendered by KaTeX, no KaTeX error, no raw TeX in the text.
  const arithmatex = [...content.querySelectorAll(".arithmatex")];
  const unrenderedMath = arithmatex
    .filter((el) => !el.querySelector(".katex"))
    .map((el) => el.textContent.trim().slice(0, 80));
  const mathErrors = [...content.querySelectorAll(".katex-error")]
    .map((el) => el.getAttribute("title") || el.textContent.slice(0, 80));
  const prose = content.cloneNode(true);
  prose.querySelectorAll(".katex, pre, code, script, style").forEach((el) => el.remove());
  const text = prose.textContent;
  // \( \) \[ \] $$ or $…$ left in the prose means a formula was never typeset.
  const rawTex = [...text.matchAll(/\\\(|\\\)|\\\[|\\\]|\$\$|\$[^$\s][^$\n]{0,200}?\$/g)]
    .map((m) => text.slice(Math.max(0, m.index - 30), m.index + 50).replace(/\s+/g, " "));

  // Generated pictures (graphs, figures) and their alt text.
  const pictures = [...content.querySelectorAll("img")]
    .filter((img) => img.classList.contains("graph")
      || /(^|\/)generated\//.test(img.getAttribute("src") || ""))
    .map((img) => ({ src: img.getAttribute("src"), alt: img.getAttribute("alt") || "" }));

  const switcher = [...document.querySelectorAll("a.md-select__link[hreflang]")]
    .map((a) => ({ lang: a.getAttribute("hreflang"), href: a.href }));

  return {
    htmlLang: document.documentElement.lang,
    title: document.title,
    brokenImages, emptySvgs, arithmatexCount: arithmatex.length,
    katexCount: content.querySelectorAll(".katex").length,
    unrenderedMath, mathErrors, rawTex, pictures, switcher,
  };
}
"""

AXE_RUN = """
async () => {
  axe.configure({ noHtml: true });  // selectors are enough to report; a quarter faster
  const results = await axe.run(document, { resultTypes: ["violations"] });
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
      count: v.nodes.length,
    }));
}
"""


@dataclass
class PageVisit:
    page: str
    url: str
    status: int | None = None
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    facts: dict = field(default_factory=dict)
    axe: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    def foreign_requests(self, origin: str) -> list[str]:
        own = urlsplit(origin).netloc
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).netloc != own
        ]


@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (scripts/ensure-chromium.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=OFFLINE_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="package")
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    yield context
    context.close()


@pytest.fixture
def fresh_desktop(browser):
    """A desktop context of its own, for a test that changes what the site remembers."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    yield context
    context.close()


@pytest.fixture(scope="package")
def mobile(browser):
    context = browser.new_context(
        viewport=MOBILE, color_scheme="light", is_mobile=True, has_touch=True
    )
    yield context
    context.close()


@pytest.fixture
def tab(desktop):
    """A fresh desktop tab for one test, closed after it."""
    opened = desktop.new_page()
    yield opened
    opened.close()


@pytest.fixture
def phone_tab(mobile):
    """A fresh phone tab (touch, small screen) for one test, closed after it."""
    opened = mobile.new_page()
    yield opened
    opened.close()


def visit(context, url: str, page_name: str = "") -> PageVisit:
    """Load ``url`` in a fresh tab and record everything the browser saw."""
    record = PageVisit(page=page_name, url=url)
    tab = context.new_page()
    tab.on("request", lambda r: record.requests.append(r.url))
    tab.on("requestfailed", lambda r: record.failed.append(f"{r.url} ({r.failure})"))
    tab.on(
        "response",
        lambda r: r.status >= 400 and record.failed.append(f"{r.url} (HTTP {r.status})"),
    )
    tab.on("console", lambda m: m.type == "error" and record.console_errors.append(m.text))
    tab.on("pageerror", lambda e: record.console_errors.append(f"uncaught: {e}"))
    started = time.perf_counter()
    try:
        response = tab.goto(url, wait_until="load")  # images loaded, math typeset
        record.status = response.status if response else None
        record.facts = tab.evaluate(PAGE_FACTS)
        _bring_every_block_on_screen(tab)
        tab.add_script_tag(path=str(AXE))
        record.axe = tab.evaluate(AXE_RUN)
        # Late requests (Material's search worker starts after load) must be seen too:
        # wait for the network to go quiet, which it has usually done while axe ran.
        tab.wait_for_load_state("networkidle")
    finally:
        record.seconds = time.perf_counter() - started
        tab.close()
    return record


def _bring_every_block_on_screen(tab) -> None:
    """Make the viewport as tall as the page, so no block of it is being skipped.

    Off-screen blocks are skipped until the reader scrolls near them (content-visibility,
    docs/assets/site.css). Inside a skipped block axe-core sees no real sizes or
    backgrounds, and reports things no reader meets: a code block taller than its
    stand-in height "scrolls", text over a tinted summary "has no contrast". With every
    block on screen, axe judges each one as it is drawn when a reader reaches it.
    """
    width = tab.viewport_size["width"]
    height = 0
    for _ in range(8):  # drawing blocks changes the page's height; repeat until it settles
        page_height = tab.evaluate("document.documentElement.scrollHeight")
        if page_height == height:
            break
        height = page_height
        tab.set_viewport_size({"width": width, "height": height})
        tab.evaluate(TWO_FRAMES)


_visits: dict[str, PageVisit] = {}


@pytest.fixture
def visited(page, desktop, server) -> PageVisit:
    """The desktop visit of the parametrized ``page``, loaded once per session."""
    if page not in _visits:
        _visits[page] = visit(desktop, server.url(page), page)
    return _visits[page]


def pytest_terminal_summary(terminalreporter):
    if not _visits:
        return
    counts = sorted(len(v.requests) for v in _visits.values())
    seconds = sum(v.seconds for v in _visits.values())
    terminalreporter.write_line(
        f"browser: {len(_visits)} pages visited in {seconds:.1f}s; requests per page: "
        f"min {counts[0]}, median {counts[len(counts) // 2]}, max {counts[-1]}"
    )
