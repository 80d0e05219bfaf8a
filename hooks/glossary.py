"""Hover definitions: every page gets its language's glossary as Markdown abbreviations.

The glossary page (``docs/glossary.<locale>.md``) is the single source. Each row of its
tables reads ``| term | other language | definition | chapter |``; the first cell may hold
several spellings separated by `` / ``. Before a page is rendered, this hook hands the
terms of the page's own language to the ``abbr`` tree processor, which turns the first use
of each term into ``<abbr title="definition">``. They are handed over as a dict, not as
``*[term]: definition`` lines appended to the page: ``abbr``'s block processor takes one such
line per pass and sends the rest of the block back through every block processor, so ~300
terms cost ~6 MB of regex scanning per page (40 s of a build).

Three adjustments to ``abbr``: only a term's first use on a page is marked; its ``\\b``
word boundary never matches between Chinese characters (they are all word characters), so
terms are bounded only where they start or end with a Latin letter or digit; and headings
are left alone, so titles, the table of contents and the navigation stay plain text. Code
is untouched either way: ``abbr`` skips code spans and blocks.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.util import AtomicString

GLOSSARY_SLUG = "glossary"
_ROW = re.compile(r"^\|(.+)\|\s*$")
_SEPARATOR = re.compile(r"^\|[\s:|-]+\|\s*$")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_cache: dict[tuple[Path, int], dict[str, str]] = {}


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


def glossary_terms(path: Path, english: bool) -> dict[str, str]:
    """Every spelling of every term in the glossary page at ``path``, mapped to its definition."""
    key = (path, path.stat().st_mtime_ns)
    if key not in _cache:
        terms: dict[str, str] = {}
        lines = path.read_text(encoding="utf-8").splitlines()
        for line, following in zip(lines, [*lines[1:], ""], strict=True):
            row = _ROW.match(line)
            if not row or _SEPARATOR.match(line) or _SEPARATOR.match(following):
                continue  # not a table row, a separator, or a header
            cells = [cell.strip() for cell in row.group(1).split("|")]
            if len(cells) != 4:
                continue
            definition = _plain(cells[2])
            for term in _plain(cells[0]).split(" / "):
                for form in _spellings(term.strip(), english):
                    terms.setdefault(form, definition)
        _cache[key] = terms
    return _cache[key]


class _TermTreeprocessor(AbbrTreeprocessor):
    glossary: dict[str, str] = {}

    def run(self, root):
        # Merged here, not earlier: Markdown.reset() empties abbr's dict after set-up. A
        # page's own *[…]: lines, which abbr's block processor collected, win.
        for term, definition in self.glossary.items():
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


class _TermExtension(Extension):
    """Replaces ``abbr``'s tree processor; must come after ``abbr`` in the extension list.

    ``terms`` is set by ``on_page_markdown`` for the page about to be rendered: MkDocs
    builds a new Markdown instance per page, right after that event. The first instance
    built takes the terms; later ones (mkdocstrings renders docstrings with its own) get none.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.terms: dict[str, str] = {}

    def extendMarkdown(self, md):
        current = md.treeprocessors["abbr"]
        processor = _TermTreeprocessor(md, current.abbrs)
        processor.glossary, self.terms = self.terms, {}
        md.treeprocessors.register(processor, "abbr", 7)


def on_config(config):
    extensions = config.markdown_extensions
    if "abbr" not in extensions:
        raise ValueError("hooks/glossary.py needs the `abbr` Markdown extension")
    if not any(isinstance(ext, _TermExtension) for ext in extensions):
        extensions.append(_TermExtension())  # on_config runs again for each language
    return config


def on_page_markdown(markdown, page, config, files):
    extension = next(ext for ext in config.markdown_extensions if isinstance(ext, _TermExtension))
    extension.terms = _page_terms(page, config)
    return markdown


def _page_terms(page, config) -> dict[str, str]:
    locale = getattr(page.file, "locale", None) or config.theme.get("language")
    if Path(page.file.src_uri).name.split(".")[0] == GLOSSARY_SLUG:
        return {}  # the glossary already spells every definition out
    source = Path(config.docs_dir) / f"{GLOSSARY_SLUG}.{locale}.md"
    return glossary_terms(source, english=locale == "en") if source.is_file() else {}
