"""The same sources build with Zensical (zensical + zensical-i18n), which runs no MkDocs hooks.

Material for MkDocs reaches end of life in May 2027; its successor Zensical reads
``mkdocs.yml`` but none of ``hooks/``. ``make zensical`` builds the site with it: the
standalone pre-build (``python -m autograd_illustrated.prebuild --publish``), a
configuration generated from ``mkdocs.yml`` (``autograd_illustrated.zensical_config``),
then ``zensical-i18n build``. The per-page work is in Python-Markdown extensions
(``autograd_illustrated.markdown``), so both engines run it. This test does the same into a
temporary folder, once per session, and compares the result with the MkDocs build
(``site``): the same pages in both languages, every image there, every formula typeset,
the same glossary hints, and nothing fetched from another host.

What Zensical does not do, by design of this comparison: the playground notebook
(``docs/playground.*.ipynb``) is rendered by the mkdocs-jupyter plugin, which Zensical
does not run; there it is published as a download (``playground.ipynb``) instead of a page.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from sitepages import discover_pages

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


def _text(html: str) -> str:
    """The page's prose: no tags, code, scripts or styles (where a $ is just a $)."""
    html = re.sub(r"<(script|style|code|pre)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", "", html)
