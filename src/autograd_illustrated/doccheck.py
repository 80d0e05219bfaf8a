"""How sybil reads our pages: which blocks run, which are doctests, and prose checks.

- ``pycon`` fences, and ``python`` fences that start with ``>>>``, are doctests.
- Other ``python`` fences run, except ones that only include a snippet (``--8<--``):
  the snippet runner owns those files.
- ``<!-- invisible-code-block: python ... -->`` runs, unseen by readers.
- ``<!-- prose: EXPR => TEXT -->`` asserts that EXPR, evaluated in the page's namespace,
  shows as TEXT, and claims one whole-number occurrence of TEXT in the paragraph above the
  comment. Editing the number in the prose, or the code behind it, fails the check. Every
  paragraph's numbers must be claimed by checks or declared ``<!-- given: ... -->``
  (:mod:`autograd_illustrated.prose` has the rules). EXPR may read ``page``, the page's text.

Every page's namespace has ``snippet(path)``, which runs ``snippets/<path>`` the way the
runner does and returns its variables as attributes.
"""

from __future__ import annotations

import doctest
import re
import tempfile
from pathlib import Path
from types import SimpleNamespace

from sybil import Document, Example, Region
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.abstract.doctest import DocTestStringParser
from sybil.parsers.markdown.lexers import DirectiveInHTMLCommentLexer, FencedCodeBlockLexer

from . import prose
from .vocabulary import INCLUDE_LINE, PYTHON_FENCES, fence_language, is_doctest

DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


class CodeParser:
    """Python code blocks and doctests, visible or invisible."""

    def __init__(self):
        self.fences = FencedCodeBlockLexer(
            language=r".+", mapping={"language": "info", "source": "source"}
        )
        self.invisible = DirectiveInHTMLCommentLexer(
            directive=r"invisible-code-block", arguments=r"python"
        )
        self.doctests = DocTestStringParser(DocTestEvaluator(DOCTEST_FLAGS))
        self.python = PythonEvaluator()

    def __call__(self, document: Document):
        for region in self.fences(document):
            info, source = region.lexemes["info"], region.lexemes["source"]
            if is_doctest(info, source):
                yield from self._doctest_regions(document, region, source)
            elif fence_language(info) in PYTHON_FENCES and not INCLUDE_LINE.search(source):
                yield Region(region.start, region.end, source, self.python)
        for region in self.invisible(document):
            yield Region(region.start, region.end, region.lexemes["source"], self.python)

    def _doctest_regions(self, document, region, source):
        for doctest_region in self.doctests(source, document.path):
            doctest_region.adjust(region, source)
            yield doctest_region


# Counts written as words ("the remaining nine") can be checked like digits.
NUMBER_WORDS = {
    word: value
    for value, words in enumerate(
        [
            ("zero", "零"),
            ("one", "一"),
            ("two", "两", "二"),
            ("three", "三"),
            ("four", "四"),
            ("five", "五"),
            ("six", "六"),
            ("seven", "七"),
            ("eight", "八"),
            ("nine", "九"),
            ("ten", "十"),
            ("eleven", "十一"),
            ("twelve", "十二"),
        ]
    )
    for word in words
}


def _matches(value, text: str) -> bool:
    if isinstance(value, str):
        return value == text
    if text in NUMBER_WORDS:
        return isinstance(value, int) and value == NUMBER_WORDS[text]
    try:
        float(text.replace(",", ""))
    except ValueError:
        return str(value) == text
    # Compare at the precision the prose uses: 15.36 states two decimals.
    decimals = len(text.split(".")[1]) if "." in text else 0
    try:
        shown = f"{float(value):,.{decimals}f}" if "," in text else f"{float(value):.{decimals}f}"
    except (TypeError, ValueError):
        return False
    return shown == text


def _stated(paragraph: prose.Paragraph, check: prose.Check) -> str | None:
    """Why ``check`` has no occurrence of its own to claim in ``paragraph``, if it hasn't."""
    if prose.is_number(check.text):
        found = len(paragraph.occurrences(check.text))
    elif check.text in NUMBER_WORDS and not check.text.isascii():
        # Chinese has no spaces: 八 in 前八条 is a whole number, 十 in 十二 is not.
        edge = "[零一二两三四五六七八九十百千万]"
        found = len(re.findall(rf"(?<!{edge}){check.text}(?!{edge})", paragraph.text))
    else:  # a word or a string: as a whole word
        found = len(re.findall(rf"(?<!\w){re.escape(check.text)}(?!\w)", paragraph.text))
    if check.occurrence < found:
        return None
    if found == 0:
        return f"{check.text!r} does not appear in the paragraph above the check"
    return (
        f"{check.text!r} appears {found} time(s) in the paragraph above, but "
        f"{check.occurrence + 1} checks claim it: one check per statement"
    )


def _evaluate_prose(example: Example) -> str | None:
    paragraph, check = example.parsed
    scope = {"page": example.document.text}
    value = eval(check.expr, example.namespace, scope)  # noqa: S307 - pages are our own source
    if not _matches(value, check.text):
        return f"prose check: {check.expr} is {value!r}, but the page says {check.text!r}"
    problem = _stated(paragraph, check)
    return f"prose check: {problem}" if problem else None


def _evaluate_claims(example: Example) -> str | None:
    paragraph = example.parsed
    unclaimed = prose.unclaimed_numbers(paragraph)
    if not unclaimed:
        return None
    page = example.document.text
    listed = ", ".join(f"{n!r} (line {prose.line_of(page, offset)})" for n, offset in unclaimed)
    return (
        f"unchecked numbers: {listed}. Tie each result to code with "
        "<!-- prose: EXPR => NUMBER --> after the paragraph, or declare an input with "
        "<!-- given: NUMBER -->"
    )


class ProseParser:
    """Prose checks, and the rule that a paragraph states no number unchecked."""

    def __call__(self, document: Document):
        for paragraph in prose.paragraphs(document.text):
            if any(prose.needs_claim(n) and not code for n, _, code in paragraph.numbers):
                yield Region(paragraph.start, paragraph.end, paragraph, _evaluate_claims)
            for check in paragraph.checks:
                end = document.text.index("-->", check.offset) + 3
                yield Region(check.offset, end, (paragraph, check), _evaluate_prose)


_snippet_cache: dict[str, SimpleNamespace] = {}


def load_snippet(path: str, root: Path) -> SimpleNamespace:
    """Run ``snippets/<path>`` as the runner does; return its globals as attributes."""
    from .runner.execute import run_snippet
    from .runner.snippets import Snippet

    if path not in _snippet_cache:
        snippet = Snippet(path=(root / "snippets" / path).resolve(), root=root.resolve())
        with tempfile.TemporaryDirectory() as scratch:
            run = run_snippet(snippet, artifact_dir=Path(scratch))
        names = {k: v for k, v in run.namespace.items() if not k.startswith("__")}
        _snippet_cache[path] = SimpleNamespace(**names)
    return _snippet_cache[path]


def page_sybil(root: Path):
    """The Sybil that checks every Markdown page under ``docs/``."""
    from sybil import Sybil

    def setup(namespace):
        namespace["snippet"] = lambda path: load_snippet(path, root)

    # `*.md`, not `**/*.md`: on Python 3.11 Path.match treats `**` as `*`, so `**/*.md`
    # needs a folder and silently skips docs/*.md.
    return Sybil(
        parsers=[CodeParser(), ProseParser()],
        patterns=["*.md"],
        path=str(root / "docs"),
        setup=setup,
        name="pages",
    )
