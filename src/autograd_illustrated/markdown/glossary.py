"""Hover definitions: a page gets its language's glossary as Markdown abbreviations.

The glossary page (``docs/glossary.<language>.md``) is the single source. Each row of its
tables reads ``| term | other language | definition | chapter |``; the first cell may hold
several spellings separated by `` / ``. This extension replaces the ``abbr`` tree processor
(so ``abbr`` must come before it in the extension list) with one that also knows every term
of the glossary, and turns the first use of each into ``<abbr title="definition">``. The
terms are merged into ``abbr``'s dict, not appended to the page as ``*[term]: definition``
lines: ``abbr``'s block processor takes one such line per pass and sends the rest of the
block back through every block processor, so ~300 terms cost ~6 MB of regex scanning per
page (40 s of a build).

Three adjustments to ``abbr``: only a term's first use on a page is marked; its ``\\b``
word boundary never matches between Chinese characters (they are all word characters), so
terms are bounded only where they start or end with a Latin letter or digit; and headings
are left alone, so titles, the table of contents and the navigation stay plain text. Code
is untouched either way: ``abbr`` skips code spans and blocks.

Options: ``language`` (the page's; see :func:`autograd_illustrated.markdown.page_language`)
and ``docs_dir`` (``docs``), which holds ``glossary.<language>.md``. The glossary page
itself gets no hints (it spells every definition out): a page that holds most of the
glossary's table rows is taken to be it, so no engine needs to say which page is rendered.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.preprocessors import Preprocessor
from markdown.util import AtomicString

from autograd_illustrated.markdown import LANGUAGE_OPTION, page_language

GLOSSARY_SLUG = "glossary"
TAKES_LANGUAGE = True  # see autograd_illustrated.markdown.set_language
_ROW = re.compile(r"^\|(.+)\|\s*$")
_SEPARATOR = re.compile(r"^\|[\s:|-]+\|\s*$")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_cache: dict[tuple[Path, int, bool], dict[str, str]] = {}


def _plain(cell: str) -> str:
    """Markdown cell -> text fit for a title attribute."""
    text = _LINK.sub(r"\1", cell)
    return re.sub(r"[`*]", "", text).replace('"', "'").strip()


def _spellings(term: str, english: bool) -> list[str]:
    """The term, plus its plural and sentence-initial forms for English words."""
    forms = [term]
    if english and re.fullmatch(r"[a-z][a-z -]*", term):  # words, not identifiers
        forms += [term + "s", term[0].upper() + term[1:], term[0].upper() + term[1:] + "s"]
    return forms


def _term_rows(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(line, cells) of every table row of a glossary page that defines a term."""
    rows = []
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        row = _ROW.match(line)
        if not row or _SEPARATOR.match(line) or _SEPARATOR.match(following):
            continue  # not a table row, a separator, or a header
        cells = [cell.strip() for cell in row.group(1).split("|")]
        if len(cells) == 4:
            rows.append((line, cells))
    return rows


def glossary_terms(path: Path, english: bool) -> dict[str, str]:
    """Every spelling of every term in the glossary page at ``path``, mapped to its definition."""
    key = (path, path.stat().st_mtime_ns, english)
    if key not in _cache:
        terms: dict[str, str] = {}
        for _line, cells in _term_rows(path.read_text(encoding="utf-8").splitlines()):
            definition = _plain(cells[2])
            for term in _plain(cells[0]).split(" / "):
                for form in _spellings(term.strip(), english):
                    terms.setdefault(form, definition)
        _cache[key] = terms
    return _cache[key]


class _PageGlossary(Preprocessor):
    """Finds the glossary of the page's language, and whether the page is the glossary: a
    page that holds most of its rows. Resolved per page, not at set-up: MkDocs builds a
    Markdown to check its configuration before any language is set."""

    def __init__(self, md, language: str, docs_dir: Path):
        super().__init__(md)
        self.language, self.docs_dir = language, docs_dir
        self.path: Path | None = None

    def run(self, lines):
        language = page_language(self.language)
        self.english = language == "en"
        path = self.docs_dir / f"{GLOSSARY_SLUG}.{language}.md"
        self.path = path if path.is_file() else None
        if self.path is not None:
            rows = _row_lines(path, path.stat().st_mtime_ns)
            if 2 * len(rows & set(lines)) > len(rows):
                self.path = None  # the glossary page itself
        return lines


@lru_cache(maxsize=8)
def _row_lines(path: Path, mtime_ns: int) -> frozenset[str]:
    return frozenset(line for line, _cells in _term_rows(path.read_text("utf-8").splitlines()))


class _TermTreeprocessor(AbbrTreeprocessor):
    def __init__(self, md, abbrs, page: _PageGlossary):
        super().__init__(md, abbrs)
        self.page = page

    def run(self, root):
        # Docstrings (mkdocstrings renders each with a Markdown of its own) are English on
        # both pages' languages, and stay plain; so does the glossary page itself.
        inner = any(
            type(ext).__name__ == "MkdocstringsInnerExtension"
            for ext in self.md.registeredExtensions
        )
        if not inner and self.page.path is not None:
            # Merged here, not earlier: Markdown.reset() empties abbr's dict after set-up. A
            # page's own *[…]: lines, which abbr's block processor collected, win.
            for term, definition in glossary_terms(self.page.path, self.page.english).items():
                self.abbrs.setdefault(term, definition)
        if not self.abbrs:
            return
        # One alternation of ~600 terms is slow to run over every text; most are absent.
        text = "".join(root.itertext())
        present = [term for term in self.abbrs if term in text]
        if not present:
            return
        alternatives = []
        for term in sorted(present, key=len, reverse=True):
            before = r"(?<![A-Za-z0-9_])" if re.match(r"\w", term, re.ASCII) else ""
            after = r"(?![A-Za-z0-9_])" if re.search(r"\w$", term, re.ASCII) else ""
            alternatives.append(before + re.escape(term) + after)
        self.RE = re.compile("|".join(alternatives))
        self.first_uses = self._first_uses(root)
        self.iter_element(root)

    def _first_uses(self, root) -> set[tuple[int, str, int]]:
        """(element, "text" or "tail", offset) of each term's first use, in reading order.

        Marking every use underlines half of a Chinese page; a hint on the first use is
        what a reader needs.
        """
        seen: set[str] = set()
        first: set[tuple[int, str, int]] = set()

        def visit(el):
            if el.tag in _HEADINGS:
                return
            self._note(el, "text", el.text, seen, first)
            for child in el:
                visit(child)
                self._note(child, "tail", child.tail, seen, first)

        visit(root)
        return first

    def _note(self, el, where, text, seen, first) -> None:
        if not text or isinstance(text, AtomicString):
            return
        for match in self.RE.finditer(text):
            definition = self.abbrs[match.group(0)]
            if definition not in seen:
                seen.add(definition)
                first.add((id(el), where, match.start()))

    def iter_element(self, el, parent=None):
        if el.tag in _HEADINGS:  # a heading's tail is only the newline after it
            return
        for child in reversed(el):
            self.iter_element(child, el)
        el.text = self._wrap(el, "text", el.text, lambda abbr: el.insert(0, abbr))
        if parent is not None:
            index = list(parent).index(el) + 1
            el.tail = self._wrap(el, "tail", el.tail, lambda abbr: parent.insert(index, abbr))

    def _wrap(self, el, where, text, insert):
        """Wrap first uses in ``text`` (right to left, so earlier offsets stay valid)."""
        if not text or isinstance(text, AtomicString):
            return text
        for match in reversed(list(self.RE.finditer(text))):
            if (id(el), where, match.start()) in self.first_uses:
                term = match.group(0)
                insert(self.create_element(self.abbrs[term], term, text[match.end() :]))
                text = text[: match.start()]
        return text


class GlossaryExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            LANGUAGE_OPTION: ["", "The page's language, e.g. zh or en"],
            "docs_dir": ["docs", "The folder holding glossary.<language>.md"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        if "abbr" not in md.treeprocessors:
            raise ValueError(f"{__name__} needs the `abbr` extension, listed before it")
        page = _PageGlossary(md, self.getConfig(LANGUAGE_OPTION), Path(self.getConfig("docs_dir")))
        md.preprocessors.register(page, "glossary_page", 5)
        current = md.treeprocessors["abbr"]
        processor = _TermTreeprocessor(md, current.abbrs, page)
        md.treeprocessors.register(processor, "abbr", 7)


def makeExtension(**kwargs):
    return GlossaryExtension(**kwargs)
