"""A tip under each chapter's title that downloads the chapter's notebook, in the page's language.

The notebooks (``generated/_notebooks/<page>.ipynb``, :mod:`autograd_illustrated.notebooks`)
are written before any engine renders a page; this extension only links them. Python-Markdown
does not know which page it renders, so the page is recognised from its own text: a chapter
is a page that includes snippets, and its title and includes (``page_includes``) are those
of exactly one page of its language under ``docs/``. That page's notebook, if written, is
linked. The same text reaches the extension in MkDocs and in Zensical, so both link the same
notebook from the same pages.

The tip's words come from ``i18n/ui.yml`` (``notebook_tip_*``, read through
:mod:`autograd_illustrated.ui`); its Markdown is :data:`TIP`.

Options: ``language`` (the page's; see :func:`autograd_illustrated.markdown.page_language`),
``docs_dir`` (``docs``) and ``notebooks_dir`` (``generated/_notebooks``).
"""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from autograd_illustrated.markdown import LANGUAGE_OPTION, page_language
from autograd_illustrated.notebooks import OUTPUT_DIR, page_includes
from autograd_illustrated.ui import ui_strings

TAKES_LANGUAGE = True  # see autograd_illustrated.markdown.set_language
# An admonition whose link downloads the notebook under its own name (attr_list).
TIP = Template('!!! tip "$title"\n    [$link]($href){ download="$name" }$note')
# (docs_dir, language) -> (the pages' names and mtimes, what chapter_pages found in them)
# Both engines hand Python-Markdown the page without its front matter (whose YAML comments
# would read as headings): the pages on disk are compared without it too.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?^(?:---|\.\.\.)[ \t]*$\n?", re.S | re.M)
_pages: dict[tuple, tuple[tuple, dict[tuple, Path]]] = {}


class AmbiguousPageError(ValueError):
    """Two pages of one language have the same title and includes: neither is recognised."""


def _key(text: str) -> tuple | None:
    title, includes = page_includes(_FRONT_MATTER.sub("", text, count=1))
    return (title, tuple(includes)) if includes else None


def chapter_pages(docs_dir: Path, language: str) -> dict[tuple, Path]:
    """(title, includes) -> page, for every page of ``language`` that includes snippets."""
    paths = sorted(docs_dir.glob(f"*.{language}.md"))
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in paths)
    cached = _pages.get((docs_dir, language))
    if cached is None or cached[0] != stamp:
        found: dict[tuple, Path] = {}
        for path in paths:
            key = _key(path.read_text("utf-8"))
            if key is None:
                continue
            if key in found:
                raise AmbiguousPageError(
                    f"{found[key]} and {path} have the same title and snippet includes: "
                    "their notebooks can't be told apart"
                )
            found[key] = path
        _pages[docs_dir, language] = cached = (stamp, found)
    return cached[1]


def with_tip(lines: list[str], language: str, href: str) -> list[str]:
    """``lines`` with the tip linking ``href`` right under the title (at the top if none)."""
    ui = ui_strings(language)
    tip = TIP.substitute(
        title=ui["notebook_tip_title"],
        link=ui["notebook_tip_link"],
        note=ui["notebook_tip_note"],
        href=href,
        name=href.rsplit("/", 1)[-1],
    ).split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return [*lines[: index + 1], "", *tip, "", *lines[index + 1 :]]
    return [*tip, "", *lines]


class _NotebookTip(Preprocessor):
    def __init__(self, md, language: str, docs_dir: Path, notebooks_dir: Path):
        super().__init__(md)
        self.language, self.docs_dir, self.notebooks_dir = language, docs_dir, notebooks_dir

    def run(self, lines: list[str]) -> list[str]:
        key = _key("\n".join(lines))
        if key is None:
            return lines  # not a chapter: the page shows no snippet
        language = page_language(self.language)
        page = chapter_pages(self.docs_dir, language).get(key)
        if page is None:
            return lines  # not a page of docs/ (a docstring, a test's text)
        notebook = self.notebooks_dir / page.with_suffix(".ipynb").name
        if not notebook.is_file():
            return lines
        return with_tip(lines, language, f"{OUTPUT_DIR.as_posix()}/{notebook.name}")


class NotebookTipExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            LANGUAGE_OPTION: ["", "The page's language, e.g. zh or en"],
            "docs_dir": ["docs", "The folder holding the pages (<slug>.<language>.md)"],
            "notebooks_dir": [OUTPUT_DIR.as_posix(), "The folder holding the chapter notebooks"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        tip = _NotebookTip(
            md,
            self.getConfig(LANGUAGE_OPTION),
            Path(self.getConfig("docs_dir")),
            Path(self.getConfig("notebooks_dir")),
        )
        # Before the includes are localised (33) or expanded (pymdownx.snippets: 32): the
        # page is recognised by its include lines as written.
        md.preprocessors.register(tip, "notebook_tip", 35)


def makeExtension(**kwargs):
    return NotebookTipExtension(**kwargs)
