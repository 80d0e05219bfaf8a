"""The same sources build with Zensical (zensical + zensical-i18n), which runs no MkDocs hooks.

Material for MkDocs reaches end of life in May 2027; its successor Zensical reads
``mkdocs.yml`` but none of ``hooks/``. ``make zensical`` builds the site with it: the
standalone pre-build (``python -m autograd_illustrated.prebuild --publish``), a
configuration generated from ``mkdocs.yml`` (``autograd_illustrated.zensical_config``),
then ``zensical-i18n build``. The per-page work is in Python-Markdown extensions
(``autograd_illustrated.markdown``), so both engines run it. This test does the same into a
temporary folder, once per session, and compares the result with the MkDocs build
(``site``): the same pages in both languages, every image there, every formula typeset,
the same glossary hints, the same notebook tips and live cells, no translation marker,
nothing fetched from another host, and search: each language's Pagefind bundle (written by
``python -m autograd_illustrated.zensical_postbuild``) answering Zensical's own search box
through the site's worker, as well as it answers Material's.

What Zensical does not do, by design of this comparison: the playground notebook
(``docs/playground.*.ipynb``) is rendered by the mkdocs-jupyter plugin, which Zensical
does not run; there it is published as a download (``playground.ipynb``) instead of a page.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sitepages import discover_pages, language_of
from test_search_relevance import ROWS, search

from autograd_illustrated.translations import MARKER

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_PAGES = {"playground/", "en/playground/"}
# What a page fetches: src/srcset of any element, and <link> hrefs that load something.
_SRC = re.compile(r'\b(?:src|srcset|data)="([^"]+)"')
_LINK = re.compile(r"<link\b[^>]*>")
_LOADING_REL = re.compile(r'\brel="(?:stylesheet|preload|modulepreload|icon|manifest|prefetch)"')
_HREF = re.compile(r'\bhref="([^"]+)"')


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("zensical")
    steps = [
        [sys.executable, "-m", "autograd_illustrated.prebuild", "--publish", str(out / "docs")],
        [sys.executable, "-m", "autograd_illustrated.zensical_config", str(out)],
        [sys.executable, "-m", "zensical_i18n", "build", "-f", str(out / "mkdocs.yml")],
        [sys.executable, "-m", "autograd_illustrated.zensical_postbuild", str(out / "site")],
    ]
    for command in steps:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}\n{done.stderr}"
    return out / "site"


def _html(site: Path, page: str) -> str:
    return (site / (page + "index.html" if page.endswith("/") or not page else page)).read_text(
        "utf-8"
    )


def _pages(site: Path) -> set[str]:
    return {page for page in discover_pages(site) if not page.endswith("404.html")}


def test_same_pages_in_both_languages(site, zensical_site):
    mkdocs_pages, zensical_pages = _pages(site), _pages(zensical_site)
    assert zensical_pages == mkdocs_pages - NOTEBOOK_PAGES
    assert any(not page.startswith("en/") for page in zensical_pages)
    assert any(page.startswith("en/") for page in zensical_pages)
    # The playground notebooks are downloads rather than pages.
    assert (zensical_site / "playground.ipynb").is_file()
    assert (zensical_site / "en/playground.ipynb").is_file()


def test_every_image_loads(zensical_site):
    missing, shown = [], 0
    for page in _pages(zensical_site):
        path = zensical_site / (page + "index.html" if page.endswith("/") or not page else page)
        for src in re.findall(r'<img\b[^>]*\bsrc="([^"]+)"', path.read_text("utf-8")):
            if src.startswith("data:"):
                continue
            target = (path.parent / src.split("#")[0]).resolve()
            if not target.is_file() or not target.stat().st_size:
                missing.append(f"{page}: {src}")
            shown += target.is_relative_to(zensical_site.resolve())
    assert not missing, "\n".join(missing)
    assert shown > 100  # the generated graphs and figures, in both languages


def test_every_formula_is_typeset(site, zensical_site):
    raw, differ = [], []
    for page in _pages(zensical_site):
        html = _html(zensical_site, page)
        if re.search(r'class="arithmatex">\s*\\[(\[]', html) or re.search(
            r"\$[^$\s][^$]*\$", _text(html)
        ):
            raw.append(page)
        if html.count('class="katex"') != _html(site, page).count('class="katex"'):
            differ.append(page)
    assert not raw, f"raw TeX left on {raw}"
    assert not differ, f"a different number of formulas than the MkDocs build on {differ}"
    assert 'class="katex"' in _html(zensical_site, "en/backward/")


def test_glossary_hints_are_the_same(site, zensical_site):
    differ = []
    for page in _pages(zensical_site):
        ours = re.findall(r'<abbr title="[^"]*">[^<]*</abbr>', _html(zensical_site, page))
        theirs = re.findall(r'<abbr title="[^"]*">[^<]*</abbr>', _html(site, page))
        if ours != theirs:
            differ.append(page)
    assert not differ, f"glossary hints differ from the MkDocs build on {differ}"
    assert '<abbr title="' in _html(zensical_site, "backward/")
    assert '<abbr title="' in _html(zensical_site, "en/backward/")


def test_no_request_to_another_host(zensical_site):
    offsite = []
    for page in _pages(zensical_site):
        html = _html(zensical_site, page)
        urls = _SRC.findall(html) + [
            href
            for tag in _LINK.findall(html)
            if _LOADING_REL.search(tag)
            for href in _HREF.findall(tag)
        ]
        offsite += [f"{page}: {url}" for url in urls if re.match(r"(?:[a-z]+:)?//", url)]
    for css in zensical_site.rglob("*.css"):
        offsite += [
            f"{css.name}: {url}"
            for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", css.read_text("utf-8"))
        ]
    assert not offsite, "\n".join(sorted(set(offsite)))


_TIP = re.compile(
    r'<div class="admonition tip">\s*<p class="admonition-title">[^<]*</p>.*?</div>', re.S
)
_DOWNLOAD = re.compile(r'<a download="([^"]*)" href="([^"]*\.ipynb)"')


def _tips(site: Path, page: str) -> list[tuple[str, bytes]]:
    """Each notebook tip on the page: its HTML without the link's href, and what it downloads.

    The hrefs differ by design: zensical-i18n reads ``x.en.ipynb`` as the English variant of
    ``x.ipynb`` and publishes it as ``en/…/x.ipynb`` (every file, not only pages); the
    ``download`` name, and the notebook's bytes, are the same.
    """
    path = site / (page + "index.html" if page.endswith("/") or not page else page)
    tips = []
    for tip in _TIP.findall(path.read_text("utf-8")):
        link = _DOWNLOAD.search(tip)
        if link:
            notebook = (path.parent / link.group(2)).resolve()
            assert notebook.is_file(), f"{page}: the tip links {link.group(2)}, which is missing"
            tips.append((tip.replace(link.group(2), "…"), notebook.read_bytes()))
    return tips


def test_notebook_tips_are_the_same(site, zensical_site):
    differ, tipped = [], 0
    for page in _pages(zensical_site):
        ours = _tips(zensical_site, page)
        if ours != _tips(site, page):
            differ.append(page)
        tipped += bool(ours)
    assert not differ, f"notebook tips differ from the MkDocs build on {differ}"
    assert tipped >= 40  # every chapter, in both languages


# Every tag of a live cell's contract (the cell, its editor, buttons with their labels,
# status line, output and graph), in page order.
_LIVE = re.compile(r'<[^>]*\b(?:data-live-[\w-]+|class="live-[\w-]+")[^>]*>(?:[^<]*</button>)?')


def test_live_cells_are_the_same(site, zensical_site):
    differ, cells = [], 0
    for page in _pages(zensical_site):
        ours = _LIVE.findall(_html(zensical_site, page))
        theirs = _LIVE.findall(_html(site, page))
        if ours != theirs:
            differ.append(page)
        cells += len(ours)
        html = _html(zensical_site, page)
        has_cell = '<div class="live-cell" data-live-cell ' in html
        assert has_cell == ("assets/live.js" in html), f"{page}: live.js without cells, or none"
    assert not differ, f"live cells differ from the MkDocs build on {differ}"
    assert cells > 0


def test_no_translation_marker(zensical_site):
    leaked = [
        page
        for page in _pages(zensical_site)
        if "translation: synced with" in _html(zensical_site, page)
        or MARKER.search(_html(zensical_site, page))
    ]
    assert not leaked


def _bundle_pages(bundle: Path) -> set[str]:
    """The URL of every page a Pagefind bundle holds (its fragments: gzip, signature, JSON)."""
    urls = set()
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[data.index(b"{") :])["url"].lstrip("/"))
    return urls


def test_each_language_has_a_search_bundle_of_its_own_pages(zensical_site):
    pages = _pages(zensical_site)
    for language, bundle in (
        ("zh", zensical_site / "pagefind"),
        ("en", zensical_site / "en/pagefind"),
    ):
        assert (bundle / "pagefind-entry.json").is_file(), f"no Pagefind bundle in {bundle}"
        assert _bundle_pages(bundle) == {p for p in pages if language_of(p) == language}


def test_the_search_box_finds_what_it_finds_in_mkdocs(zensical_site):
    """The relevance set (tests/search/queries.tsv) through Zensical's search box's messages."""
    queries = [{"language": lang, "query": query} for lang, _, _, query in ROWS]
    answers = search(zensical_site, queries, engine="zensical")
    wrong = []
    for (language, kind, expected, query), answer in zip(ROWS, answers, strict=True):
        wanted = 1 if kind == "error" else 3
        if expected not in answer["pages"][:wanted]:
            wrong.append(
                f"{query!r} ({language}): expected {expected!r}; got {answer['pages'][:3]}"
            )
        if any(language_of(page) != language for page in answer["pages"]):
            wrong.append(f"{query!r} ({language}) listed another language: {answer['pages']}")
    assert not wrong, "\n".join(wrong)
    assert (
        (zensical_site / "assets/search-worker.js")
        .read_text("utf-8")
        .startswith("// Zensical's search box")
    )


def _text(html: str) -> str:
    """The page's prose: no tags, code, scripts or styles (where a $ is just a $)."""
    html = re.sub(r"<(script|style|code|pre)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", "", html)


def test_the_header_search_box_is_zensicals_own(zensical_site):
    """The site's fork of Material's search partial is Material's markup: under Zensical it
    would replace the box whose button opens Zensical's search (a click did nothing)."""
    wrong = [
        page
        for page in sorted(_pages(zensical_site))
        if page.endswith("/")
        and (
            'class="md-search__button"' not in (html := _html(zensical_site, page))
            or 'class="md-search__form"' in html
        )
    ]
    assert not wrong, f"pages whose header search is not Zensical's own: {wrong[:5]}"
