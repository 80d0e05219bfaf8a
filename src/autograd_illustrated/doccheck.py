"""How sybil reads our pages: which blocks run, which are doctests, and prose checks.

- ``pycon`` fences, and ``python`` fences that start with ``>>>``, are doctests.
- Other ``python`` fences run, except ones that only include a snippet (``--8<--``):
  the snippet runner owns those files.
- ``<!-- invisible-code-block: python ... -->`` runs, unseen by readers.
- ``<!-- prose: EXPR => TEXT -->`` asserts that EXPR, evaluated in the page's namespace,
  shows as TEXT, and that TEXT really stands in the paragraph above the comment. Editing
  the number in the prose, or the code behind it, fails the check.

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

DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
INCLUDE_LINE = re.compile(r"^\s*-{1,3}8<-{1,3}", re.MULTILINE)
PROSE_CHECK = re.compile(r"<!--\s*prose:\s*(?P<expr>.+?)\s*=>\s*(?P<text>.+?)\s*-->")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _language(info: str) -> str:
    """First word of a fence's info string: ``python title="x"`` and ``{ .python }`` -> python."""
    words = info.replace("{", " ").replace("}", " ").split()
    return words[0].lstrip(".").lower() if words else ""


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
            language = _language(region.lexemes["info"])
            source = region.lexemes["source"]
            if language == "pycon" or (language in {"python", "py"} and source.startswith(">>>")):
                yield from self._doctest_regions(document, region, source)
            elif language in {"python", "py"} and not INCLUDE_LINE.search(source):
                yield Region(region.start, region.end, source, self.python)
        for region in self.invisible(document):
            yield Region(region.start, region.end, region.lexemes["source"], self.python)

    def _doctest_regions(self, document, region, source):
        for doctest_region in self.doctests(source, document.path):
            doctest_region.adjust(region, source)
            yield doctest_region


def _matches(value, text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return str(value) == text
    # Compare at the precision the prose uses: 15.36 states two decimals.
    decimals = len(text.split(".")[1]) if "." in text else 0
    try:
        return f"{float(value):.{decimals}f}" == text
    except (TypeError, ValueError):
        return False


def _evaluate_prose(example: Example) -> str | None:
    expr, text, paragraph = example.parsed
    value = eval(expr, example.namespace)  # noqa: S307 - pages are our own source
    if not _matches(value, text):
        return f"prose check: {expr} is {value!r}, but the page says {text!r}"
    if text not in paragraph:
        return f"prose check: {text!r} does not appear in the paragraph above the check"
    return None


class ProseParser:
    def __call__(self, document: Document):
        for match in PROSE_CHECK.finditer(document.text):
            before = document.text[: match.start()]
            paragraph = HTML_COMMENT.sub("", re.split(r"\n[ \t]*\n", before)[-1])
            parsed = (match.group("expr"), match.group("text"), paragraph)
            yield Region(match.start(), match.end(), parsed, _evaluate_prose)


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
