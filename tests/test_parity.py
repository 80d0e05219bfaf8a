"""Two languages, one truth: every page exists in both, shows the same snippets in the
same order, and the same doctest outputs. Only prose may differ.

Pages are ``docs/<slug>.<lang>.md`` (or ``.ipynb``), discovered from ``docs/``. Failures
name the page and line. An include may differ in one way only: by naming the page's own
language (``table.zh.md`` / ``table.en.md``, ``steps-zh.md`` / ``steps-en.md``), for
generated text that is written in each language. Every heading below the title carries an
explicit id, the same in both languages. ``PROJECT_ROOT`` points the checks at
another copy of the project (the contributor-error tests use that).
"""

from __future__ import annotations

import doctest
import os
import re
from pathlib import Path

import pytest

from autograd_illustrated.headings import read_page
from autograd_illustrated.vocabulary import (
    FENCE,
    LANGUAGES,
    english_name,
    is_doctest,
    page_name,
    parse_include,
)

ROOT = Path(os.environ.get("PROJECT_ROOT") or Path(__file__).resolve().parents[1]).resolve()
DOCS = ROOT / "docs"


def _shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def discover() -> tuple[dict[str, dict[str, Path]], list[Path]]:
    """{slug: {lang: path}} for every page, and the files that follow no naming rule."""
    pages: dict[str, dict[str, Path]] = {}
    strays = []
    for path in sorted([*DOCS.rglob("*.md"), *DOCS.rglob("*.ipynb")]):
        if "assets" in path.relative_to(DOCS).parts:
            continue
        found = page_name(path)
        if not found:
            strays.append(path)
            continue
        slug = path.relative_to(DOCS).with_name(f"{found.slug}.{found.ext}").as_posix()
        pages.setdefault(slug, {})[found.lang] = path
    return pages, strays


PAGES, STRAYS = discover()


def _language_neutral(include: str, lang: str) -> str:
    """``steps-zh.md`` on a Chinese page -> ``steps-<lang>.md``."""
    return re.sub(rf"(?<=[./_-]){lang}(?=[./_-])", "<lang>", include)


def includes(path: Path) -> list[tuple[int, str]]:
    """(line, included path) for every ``--8<--`` include, in order, language-neutral."""
    lang = page_name(path).lang
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        include = parse_include(line)
        if include:
            found.append((number, _language_neutral(include.spec, lang)))
    return found


def doctest_outputs(path: Path) -> list[tuple[int, str, str]]:
    """(line, source, expected output) of every doctest example on the page, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    examples = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        body_start = index + 1
        index += 1
        body = []
        while index < len(lines) and not lines[index].strip().startswith(fence):
            body.append(lines[index][len(indent) :] if lines[index].startswith(indent) else "")
            index += 1
        index += 1  # past the closing fence
        text = "\n".join(body) + "\n"
        if is_doctest(opening["info"], text):
            for example in doctest.DocTestParser().get_examples(text):
                examples.append((body_start + 1 + example.lineno, example.source, example.want))
    return examples


def test_every_page_follows_the_naming_rule():
    assert not STRAYS, "pages must be named <slug>.<language>.md:\n" + "\n".join(
        f"{_shown(p)}:1: not <slug>.<{'|'.join(LANGUAGES)}>.md" for p in STRAYS
    )


def test_pages_were_found():
    assert len(PAGES) >= 2, f"no pages found under {DOCS}"


@pytest.mark.parametrize("slug", sorted(PAGES))
def test_page_exists_in_both_languages(slug):
    versions = PAGES[slug]
    lang, present = next(iter(versions.items()))
    name = page_name(present)
    missing = [
        f"{_shown(present)}:1: has no {english_name(other)} version: "
        f"{_shown(present.with_name(f'{name.slug}.{other}.{name.ext}'))} is missing"
        for other in LANGUAGES
        if other not in versions
    ]
    assert not missing, "\n".join(missing)


def _pair(slug, other):
    """The default language's version of the page, and ``other``'s."""
    versions = PAGES[slug]
    if set(versions) != set(LANGUAGES):
        pytest.skip("a language is missing: test_page_exists_in_both_languages reports it")
    return versions[LANGUAGES[0]], versions[other]


# Every other language's version of a page is compared with the default language's.
PAIRS = [
    pytest.param(slug, other, id=f"{slug}-{other}")
    for slug in sorted(s for s in PAGES if s.endswith(".md"))
    for other in LANGUAGES[1:]
]


@pytest.mark.parametrize(("slug", "other"), PAIRS)
def test_same_snippet_includes_in_the_same_order(slug, other):
    zh, en = _pair(slug, other)
    zh_includes, en_includes = includes(zh), includes(en)
    problems = []
    for position in range(max(len(zh_includes), len(en_includes))):
        a = zh_includes[position] if position < len(zh_includes) else None
        b = en_includes[position] if position < len(en_includes) else None
        if a and b and a[1] == b[1]:
            continue
        left = f"{_shown(zh)}:{a[0]}: {a[1]}" if a else f"{_shown(zh)}: (no include)"
        right = f"{_shown(en)}:{b[0]}: {b[1]}" if b else f"{_shown(en)}: (no include)"
        problems.append(f"include #{position + 1} differs:\n  {left}\n  {right}")
        break  # after the first difference the rest is shifted: one clear message is enough
    assert not problems, f"{slug}: " + "\n".join(problems)


@pytest.mark.parametrize(("slug", "other"), PAIRS)
def test_same_doctest_outputs(slug, other):
    zh, en = _pair(slug, other)
    zh_examples, en_examples = doctest_outputs(zh), doctest_outputs(en)
    problems = []
    if len(zh_examples) != len(en_examples):
        problems.append(
            f"{_shown(zh)} has {len(zh_examples)} doctest examples, "
            f"{_shown(en)} has {len(en_examples)}"
        )
    for (zl, zsrc, zwant), (el, _esrc, ewant) in zip(zh_examples, en_examples, strict=False):
        if zwant != ewant:
            problems.append(
                f"different output for >>> {zsrc.strip()}\n"
                f"  {_shown(zh)}:{zl}: {zwant!r}\n  {_shown(en)}:{el}: {ewant!r}"
            )
            break
    assert not problems, f"{slug}: " + "\n".join(problems)


def _id(heading) -> str:
    return f"{{ #{heading.explicit} }}" if heading.explicit else "(no explicit id)"


@pytest.mark.parametrize(("slug", "other"), PAIRS)
def test_same_heading_ids(slug, other):
    """A link to a section, and the language switcher, must work in both languages."""
    zh, en = _pair(slug, other)
    zh_sections, en_sections = read_page(zh).sections, read_page(en).sections
    fix = "python -m autograd_illustrated.headings assign"
    problems = []
    for position in range(max(len(zh_sections), len(en_sections))):
        a = zh_sections[position] if position < len(zh_sections) else None
        b = en_sections[position] if position < len(en_sections) else None
        if a and b and a.level == b.level and a.explicit and a.explicit == b.explicit:
            continue
        left = (
            f"{_shown(zh)}:{a.line}: {'#' * a.level} {_id(a)}"
            if a
            else f"{_shown(zh)}: (no heading #{position + 1})"
        )
        right = (
            f"{_shown(en)}:{b.line}: {'#' * b.level} {_id(b)}"
            if b
            else f"{_shown(en)}: (no heading #{position + 1})"
        )
        problems.append(f"heading #{position + 1}:\n  {left}\n  {right}")
        if not (a and b and a.level == b.level):
            break  # the rest is shifted: one clear message is enough
    assert not problems, (
        f"{slug}: every heading of level 2 and below needs an explicit id, the same in both "
        f"languages (`{fix}` gives them):\n" + "\n".join(problems)
    )


def _mkdocs_config() -> dict:
    import yaml

    class Loader(yaml.SafeLoader):
        """mkdocs.yml names Python objects (the slugify function); their values don't matter."""

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def _nav_titles(nav) -> list[str]:
    titles = []
    for entry in nav:
        if isinstance(entry, dict):
            for title, target in entry.items():
                titles.append(title)
                if isinstance(target, list):
                    titles += _nav_titles(target)
    return titles


def test_every_nav_title_has_a_translation_in_every_other_language():
    config = _mkdocs_config()
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    titles = _nav_titles(config["nav"])
    assert titles, "mkdocs.yml should have a nav"
    for language in i18n["languages"]:
        if language.get("default"):
            continue
        translations = language.get("nav_translations") or {}
        missing = [t for t in titles if t not in translations]
        assert not missing, (
            f"mkdocs.yml: the {language['locale']!r} language has no nav_translations for "
            f"{missing}: its readers would see these titles untranslated"
        )
        unused = sorted(set(translations) - set(titles))
        assert not unused, f"mkdocs.yml: nav_translations for titles not in the nav: {unused}"
