"""The site's vocabulary, in one module: everything else imports these from here.

- **Languages and their UI text** are data, in ``i18n/ui.yml``: its top-level keys are the
  languages, in order, the first being the default (served at the site's root); each holds
  that language's UI strings, and every language must have every key. Adding a language is
  adding its block there, plus its pages and its entry in ``mkdocs.yml`` (which cannot import
  Python: ``tests/test_vocabulary.py`` checks that the two agree).
- **Page naming**: one file per language, ``docs/<slug>.<lang>.md`` (or ``.ipynb``), and how a
  page finds its other-language versions.
- **Includes**: how a page includes a file (``--8<-- "snippets/a/b.py:section"``), read with
  pymdownx.snippets' own patterns, so the tools agree with what the build renders; and the
  named sections a snippet marks (``# --8<-- [start:name]``).
- **Doctests**: which fenced code blocks are doctests.
- **Published artifacts**: which of the snippet runner's outputs the site publishes as
  files (the rest, text and fragments, is included into pages).

    >>> LANGUAGES
    ('zh', 'en')
    >>> ui_text("en", "live_run")
    'Run'
    >>> page_name(Path("docs/backward.zh.md"))
    PageName(slug='backward', lang='zh', ext='md')
    >>> sibling_of(Path("docs/backward.zh.md")).as_posix()
    'docs/backward.en.md'
    >>> parse_include('--8<-- "snippets/backward/scalar.py:build"')[:3]
    ('snippets/backward/scalar.py', 'build', None)
    >>> is_doctest("pycon", ">>> 1 + 1\\n2")
    True

A second set of languages (a test's, say) is :func:`load`-ed from another file; the
module-level names are the site's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml
from pymdownx.snippets import SnippetPreprocessor

# The snippet runner owns the section syntax of snippet files: its cache key hashes its own
# files and the distributions its processes load, so it imports nothing from here.
from .runner.snippets import SECTION_MARK

DATA_FILE = Path(__file__).resolve().parents[2] / "i18n" / "ui.yml"
# Keys every language has besides its UI strings' own.
NAME_KEY = "language_name"  # as the language switcher shows it: 中文, English
ENGLISH_NAME_KEY = "language_english_name"  # in contributors' messages: Chinese, English
# The project's code is written in English: snippet comments (other languages get a
# translated copy), heading ids (the slug of the English heading), docstrings.
CODE_LANGUAGE = "en"

# -- pages ----------------------------------------------------------------------------------

PAGE_EXTENSIONS = ("md", "ipynb")


class PageName(NamedTuple):
    slug: str
    lang: str
    ext: str


# -- languages, UI text and page naming -----------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """One data file's languages (first = default) and their UI strings."""

    path: Path
    strings: Mapping[str, Mapping[str, str]]  # language -> key -> text, in the file's order

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.strings)

    @property
    def default(self) -> str:
        return self.languages[0]

    def ui_strings(self, lang: str) -> dict[str, str]:
        """Every UI string of ``lang`` (``KeyError`` for a language the file does not have)."""
        return dict(self.strings[lang])

    def ui_text(self, lang: str, key: str) -> str:
        return self.strings[lang][key]

    def name(self, lang: str) -> str:
        """The language's own name for itself: ``中文``."""
        return self.strings[lang][NAME_KEY]

    def english_name(self, lang: str) -> str:
        """The language's name in English, for messages: ``Chinese``."""
        return self.strings[lang][ENGLISH_NAME_KEY]

    @cached_property
    def page_pattern(self) -> re.Pattern:
        langs = "|".join(map(re.escape, self.languages))
        exts = "|".join(PAGE_EXTENSIONS)
        return re.compile(rf"^(?P<slug>.+)\.(?P<lang>{langs})\.(?P<ext>{exts})$")

    def page_name(self, path: Path) -> PageName | None:
        """The file name's slug, language and extension, or None for a file that is not a page."""
        found = self.page_pattern.match(path.name)
        return PageName(found["slug"], found["lang"], found["ext"]) if found else None

    def versions_of(self, path: Path) -> dict[str, Path]:
        """``docs/x.zh.md`` -> every language's ``docs/x.<lang>.md`` (whether or not it exists)."""
        name = self.page_name(path)
        if name is None:
            return {}
        return {lang: path.with_name(f"{name.slug}.{lang}.{name.ext}") for lang in self.languages}

    def sibling_of(self, path: Path) -> Path | None:
        """The version a page's translation is kept in step with (``autograd_illustrated.
        translations``): the default language's, and the second language's for the default's
        own page. With two languages, simply the other one: ``docs/x.zh.md`` -> ``docs/x.en.md``.
        """
        name = self.page_name(path)
        if name is None:
            return None
        other = self.languages[1] if name.lang == self.default else self.default
        return path.with_name(f"{name.slug}.{other}.{name.ext}")

    def discover(self, docs: Path, ext: str = "md") -> dict[str, dict[str, Path]]:
        """{slug: {lang: path}} for every page with extension ``ext`` directly under ``docs``."""
        found: dict[str, dict[str, Path]] = {}
        for path in sorted(docs.glob(f"*.{ext}")):
            name = self.page_name(path)
            if name:
                found.setdefault(name.slug, {})[name.lang] = path
        return found


@lru_cache(maxsize=4)
def _load(path: Path, mtime_ns: int) -> Vocabulary:
    table = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(table, dict) or not table:
        raise ValueError(f"{path}: expected language -> key -> string")
    keys = {lang: set(strings) for lang, strings in table.items()}
    every = set().union(*keys.values())
    for lang, have in keys.items():
        if have != every:
            raise ValueError(f"{path}: {lang!r} lacks {sorted(every - have)}")
    for required in (NAME_KEY, ENGLISH_NAME_KEY):
        if required not in every:
            raise ValueError(f"{path}: every language needs a {required!r}")
    return Vocabulary(path, table)


def load(path: Path = DATA_FILE) -> Vocabulary:
    """The languages and UI strings of ``path`` (read again once the file changes)."""
    return _load(path, path.stat().st_mtime_ns)


SITE = load()
LANGUAGES = SITE.languages  # the first is the default, served at the site's root
DEFAULT_LANGUAGE = SITE.default
page_name = SITE.page_name
versions_of = SITE.versions_of
sibling_of = SITE.sibling_of
discover = SITE.discover
language_name = SITE.name
english_name = SITE.english_name


def ui_strings(lang: str, path: Path = DATA_FILE) -> dict[str, str]:
    """Every UI string of ``lang``, read from the file as it is now (``mkdocs serve``)."""
    return load(path).ui_strings(lang)


def ui_text(lang: str, key: str, path: Path = DATA_FILE) -> str:
    """One UI string: ``ui_text("en", "live_run")`` -> ``"Run"``."""
    return ui_strings(lang, path)[key]


def shown(path: Path, root: Path) -> str:
    """``path`` as contributors see it: relative to the project root where it is inside."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# -- includes -------------------------------------------------------------------------------

# A line that is include syntax (to skip, not to read): an include or a block marker.
INCLUDE_LINE = re.compile(r"^[ \t]*-{1,}8<-{1,}", re.MULTILINE)


class Include(NamedTuple):
    """One ``--8<-- "target:section"`` line, read as pymdownx.snippets reads it."""

    target: str  # as written: a path relative to a base path (or a URL)
    section: str | None  # ``:name``'s name
    lines: str | None  # a line selection (``:3:5``), as written
    start: int  # where ``target`` sits in the line
    spec: str  # everything between the quotes, stripped

    @property
    def end(self) -> int:
        return self.start + len(self.target)

    @property
    def is_url(self) -> bool:
        return self.target.lower().startswith(("http://", "https://"))


def parse_include(line: str) -> Include | None:
    """The include on ``line``; None for any other line, an escaped include (``;--8<--``), a
    block include's marker (not used on this site) or an empty or commented-out one."""
    found = SnippetPreprocessor.RE_ALL_SNIPPETS.match(line)
    if not found or found["escape"] or not found["inline_marker"]:
        return None
    inner = found["snippet"][1:-1]
    spec = inner.strip()
    if not spec or spec.startswith(";"):
        return None
    target, lines, section = SnippetPreprocessor.RE_SNIPPET_FILE.match(spec).groups()
    start = found.start("snippet") + 1 + len(inner) - len(inner.lstrip())
    return Include(target, section[1:] if section else None, lines, start, spec)


def section_names(text: str) -> set[str]:
    """The sections a snippet file marks (``# --8<-- [start:name]``)."""
    return {
        found[2]
        for found in map(SECTION_MARK.match, text.splitlines())
        if found and found[1] == "start"
    }


# -- doctests -------------------------------------------------------------------------------

# A fenced code block's opening or closing line: its indent, its fence and its info string.
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$")
PYTHON_FENCES = frozenset({"python", "py"})
DOCTEST_FENCE = "pycon"


def fence_language(info: str) -> str:
    """First word of a fence's info string: ``python title="x"`` and ``{ .python }`` -> python."""
    words = info.replace("{", " ").replace("}", " ").split()
    return words[0].lstrip(".").lower() if words else ""


def is_doctest(info: str, source: str) -> bool:
    """A ``pycon`` fence, or a ``python`` one whose code starts with ``>>>``."""
    language = fence_language(info)
    return language == DOCTEST_FENCE or (
        language in PYTHON_FENCES and source.lstrip().startswith(">>>")
    )


# -- the snippet runner's outputs -----------------------------------------------------------

# Published as files under generated/; section outputs (.txt) and page fragments (.md,
# .html) are included into pages instead.
PUBLISHED_SUFFIXES = frozenset({".svg", ".png", ".ipynb"})
