"""Shared heading ids: a section has one address in both languages.

Left to itself, MkDocs' table of contents names each heading after its own text, so
``docs/accumulation.zh.md`` gets ``#先打个比方记账本和草稿纸`` where the English page gets
``#an-analogy-first-a-ledger-and-a-sheet-of-scrap-paper``. A link to a section then works
in one language only, the language switcher cannot keep the reader's place, and rewording
a heading silently breaks every link to it. So every heading of level 2 and below carries
an explicit id, the same in both languages, written as an attribute list (``assign``
makes it the slug of the English heading; a shorter one written by hand is kept)::

    ## 先打个比方：记账本和草稿纸 { #an-analogy-first }
    ## An analogy first: a ledger and a sheet of scrap paper { #an-analogy-first }

    python -m autograd_illustrated.headings check     # exit 1 on a missing or differing id
    python -m autograd_illustrated.headings assign    # give ids, rewrite links to old anchors

``assign`` pairs the headings of ``<slug>.zh.md`` and ``<slug>.en.md`` by position, so
only when both pages have the same sequence of heading levels; a pair whose structure
differs is reported and left alone (guessing which heading matches which would be
worse than no id). Heading ``i`` keeps an explicit id that either page already gives it
(English's first), otherwise it gets the slug of its English text, made unique on the
page. Then every link in ``docs/`` to an anchor the table of contents used to generate
(``](page.md#old)``, ``](#old)``) is rewritten to the new id. Running it twice changes
nothing. It exits 1 if it skipped a pair. No torch involved.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote

from .vocabulary import CODE_LANGUAGE, FENCE, LANGUAGES, discover, page_name, shown, sibling_of

# New ids are slugs of this language's headings: ASCII, readable in a URL.
ID_LANGUAGE = CODE_LANGUAGE
COMMAND = "python -m autograd_illustrated.headings"

# Python-Markdown's ATX heading (no space needed after the hashes), closing hashes apart.
HEADING = re.compile(r"^(?P<hashes>#{1,6})(?!#)(?P<rest>.*?)$")
# attr_list's rule for a heading's attribute list: the last {...} at the end of the line.
ATTR_LIST = re.compile(r"[ ]+\{:?[ ]*(?P<attrs>[^}\n ][^\n]*)\}[ ]*$")
BLOCK_ATTR_LIST = re.compile(r"\{:?[ ]*(?P<attrs>[^}\n ][^}\n]*)\}")
ATTR_ID = re.compile(r"(?:^|\s)#(?P<id>[^\s}]+)")
HTML_ID = re.compile(r"""\bid=["'](?P<id>[^"']+)["']""")
# Places a docs page links to an anchor: [text](url), [label]: url, href="url".
LINK = re.compile(
    r"(?P<lead>\]\(\s*<?|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?|\bhref=[\"'])"
    r"(?P<url>[^\s)\"'>]*#[^\s)\"'>]+)",
    re.MULTILINE,
)
LINKED_PAGE = re.compile(
    rf"^(?:\./)?(?P<slug>[\w.-]+?)(?:\.(?P<lang>{'|'.join(map(re.escape, LANGUAGES))}))?\.md$"
)


@dataclass
class Heading:
    line: int  # 1-based
    level: int
    text: str  # as written, without attribute list or closing hashes
    attrs: str | None  # inside of the attribute list, if any
    explicit: str | None  # the id the attribute list gives, if any


@dataclass
class Page:
    path: Path
    lang: str
    lines: list[str]
    headings: list[Heading]
    # Ids given by hand to anything but a heading: the table of contents avoids them too.
    other_ids: set[str] = field(default_factory=set)

    @property
    def sections(self) -> list[Heading]:
        """The headings that carry a shared id: level 2 and below."""
        return [h for h in self.headings if h.level >= 2]


def _code_and_comment_free(lines: list[str]) -> list[bool]:
    """For each line, whether Markdown reads it as text (not code, comment or front matter)."""
    prose = [True] * len(lines)
    index = 0
    if lines and lines[0].strip() == "---":
        prose[0] = False
        index = 1
        while index < len(lines):
            prose[index] = False
            index += 1
            if lines[index - 1].strip() in ("---", "..."):
                break
    fence: tuple[str, int] | None = None
    in_comment = False
    for number in range(index, len(lines)):
        line = lines[number]
        if fence:
            prose[number] = False
            stripped = line.strip()
            char, length = fence
            if stripped.startswith(char * length) and not stripped.lstrip(char).strip():
                fence = None
            continue
        if in_comment:
            prose[number] = False
            in_comment = "-->" not in line
            continue
        opening = FENCE.match(line)
        if opening:
            prose[number] = False
            fence = (opening["fence"][0], len(opening["fence"]))
            continue
        if line.lstrip().startswith("<!--"):
            prose[number] = False
            in_comment = "-->" not in line.split("<!--", 1)[1]
    return prose


def parse_heading(line: str) -> tuple[int, str, str | None, str | None] | None:
    """(level, text, attribute list, explicit id) of an ATX heading line, else None."""
    found = HEADING.match(line)
    if not found:
        return None
    rest = found["rest"]
    attrs = None
    listed = ATTR_LIST.search(rest)
    if listed:
        attrs = listed["attrs"].strip()
        rest = rest[: listed.start()]
    text = rest.strip().rstrip("#").strip()
    given = ATTR_ID.search(attrs) if attrs else None
    return len(found["hashes"]), text, attrs, given["id"] if given else None


def _page(path: Path, lines: list[str]) -> Page:
    page = Page(path, page_name(path).lang, lines, [], set())
    prose = _code_and_comment_free(lines)
    for number, (line, is_prose) in enumerate(zip(lines, prose, strict=True), start=1):
        if not is_prose:
            continue
        parsed = parse_heading(line)
        if parsed:
            page.headings.append(Heading(number, *parsed))
            continue
        for listed in BLOCK_ATTR_LIST.finditer(line):
            page.other_ids.update(m["id"] for m in ATTR_ID.finditer(listed["attrs"]))
        page.other_ids.update(m["id"] for m in HTML_ID.finditer(line))
    return page


def read_page(path: Path) -> Page:
    return _page(path, path.read_text(encoding="utf-8").split("\n"))


# -- slugs, as the site's table of contents makes them -------------------------------------


def _mkdocs_config(root: Path) -> dict:
    import yaml

    class Loader(yaml.SafeLoader):
        """Reads ``!!python/name:`` and ``!!python/object/apply:`` tags as plain data."""

    def python_tag(loader, suffix, node):
        value = (
            loader.construct_mapping(node, deep=True)
            if isinstance(node, yaml.MappingNode)
            else loader.construct_sequence(node, deep=True)
            if isinstance(node, yaml.SequenceNode)
            else loader.construct_scalar(node)
        )
        return {"python": suffix, "value": value}

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", python_tag)
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def _python_object(spec):
    """``{"python": "object/apply:pkg.mod.fn", "value": {"kwds": {...}}}`` -> the object."""
    import importlib

    kind, _, dotted = spec["python"].partition(":")
    module, _, name = dotted.rpartition(".")
    target = getattr(importlib.import_module(module), name)
    if kind == "name":
        return target
    value = spec["value"] or {}
    if isinstance(value, list):
        return target(*value)
    return target(*value.get("args", []), **value.get("kwds", {}))


@cache
def markdown_setup(root: Path) -> tuple[list, dict]:
    """The site's Markdown extensions and their settings, from mkdocs.yml.

    Includes are left out: a heading line includes nothing, and they resolve paths. So are
    the site's own extensions (``autograd_illustrated.markdown``): math is typeset after the
    table of contents has made its slugs, and the others never touch a heading.
    """
    extensions, configs = [], {}
    for entry in _mkdocs_config(root).get("markdown_extensions", []):
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name == "pymdownx.snippets" or name.startswith("autograd_illustrated.markdown"):
            continue
        options = dict(options or {})
        for key, value in options.items():
            if isinstance(value, dict) and "python" in value:
                options[key] = _python_object(value)
        extensions.append(name)
        configs[name] = options
    return extensions, configs


class Slugger:
    """The slug the site's table of contents makes of a heading's text.

    The text is rendered with the site's Markdown extensions (so `code` and $math$ read
    as they do on the page), tags stripped, entities resolved, then slugified with the
    ``toc.slugify`` that mkdocs.yml configures, exactly as Python-Markdown's toc does.
    """

    def __init__(self, root: Path):
        import markdown

        extensions, configs = markdown_setup(root)
        if "toc" not in extensions:
            extensions = [*extensions, "toc"]
        self._md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        toc = configs.get("toc", {})
        from markdown.extensions.toc import slugify

        self._slugify: Callable[[str, str], str] = toc.get("slugify", slugify)
        self._separator = toc.get("separator", "-")
        self._cache: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if text not in self._cache:
            self._md.reset()
            # Level 6 and no attribute list: only the text decides the name.
            self._md.convert(f"###### {text}")
            tokens = self._md.toc_tokens
            name = tokens[0]["name"] if tokens else text
            self._cache[text] = self._slugify(html.unescape(name), self._separator)
        return self._cache[text]


def _unique(base: str, used: set[str], counters: dict[str, int]) -> str:
    from markdown.extensions.toc import unique

    return unique(base, used, counters)


def anchors(page: Page, slug: Callable[[str], str]) -> list[str]:
    """The id each heading gets on the built page, in order (what a link must name)."""
    used = set(page.other_ids) | {h.explicit for h in page.headings if h.explicit}
    counters: dict[str, int] = {}
    return [h.explicit or _unique(slug(h.text), used, counters) for h in page.headings]


# -- pairs ----------------------------------------------------------------------------------


def structure_difference(pages: dict[str, Page], root: Path) -> str | None:
    """Why the pages' headings cannot be paired by position, or None if they can.

    Every language's page is compared with the default language's.
    """
    first, *others = LANGUAGES
    for second in others:
        why = _pair_difference(pages, root, first, second)
        if why:
            return why
    return None


def _pair_difference(pages: dict[str, Page], root: Path, first: str, second: str) -> str | None:
    a, b = pages[first].sections, pages[second].sections
    for position in range(max(len(a), len(b))):
        x = a[position] if position < len(a) else None
        y = b[position] if position < len(b) else None
        if x and y and x.level == y.level:
            continue
        where = []
        for heading, lang in ((x, first), (y, second)):
            name = shown(pages[lang].path, root)
            where.append(
                f"{name}:{heading.line}: {'#' * heading.level} {heading.text}"
                if heading
                else f"{name}: (no heading #{position + 1})"
            )
        return (
            f"heading #{position + 1} differs in level or presence "
            f"({len(a)} vs {len(b)} headings):\n    " + "\n    ".join(where)
        )
    return None


def shared_ids(pages: dict[str, Page], slug: Callable[[str], str]) -> list[str]:
    """The id heading ``i`` gets in both languages (the levels must already match)."""
    sections = {lang: page.sections for lang, page in pages.items()}
    order = [ID_LANGUAGE, *(lang for lang in LANGUAGES if lang != ID_LANGUAGE)]
    count = len(sections[ID_LANGUAGE])
    chosen: list[str | None] = []
    for position in range(count):
        given = [sections[lang][position].explicit for lang in order]
        chosen.append(next((g for g in given if g), None))
    # Taken before any slug is made: ids given by hand, ids of other elements, and the
    # page titles' own anchors (which stay generated, in each language).
    used: set[str] = {c for c in chosen if c}
    for page in pages.values():
        used |= page.other_ids
        for heading, anchor in zip(page.headings, anchors(page, slug), strict=True):
            if heading.level == 1:
                used.add(anchor)
    counters: dict[str, int] = {}
    english = sections[ID_LANGUAGE]
    return [c or _unique(slug(english[i].text), used, counters) for i, c in enumerate(chosen)]


def with_id(line: str, new_id: str) -> str:
    """The heading line with ``#new_id`` as its id, other attributes kept."""
    listed = ATTR_LIST.search(line)
    if not listed:
        return f"{line.rstrip()} {{ #{new_id} }}"
    others = ATTR_ID.sub(" ", listed["attrs"]).split()
    return f"{line[: listed.start()].rstrip()} {{ {' '.join([f'#{new_id}', *others])} }}"


@dataclass
class Report:
    assigned: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    headings_changed: int = 0
    links_rewritten: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    files_changed: set[Path] = field(default_factory=set)


def _rewrite_links(
    page: Page, anchor_maps: dict[Path, dict[str, str]], report: Report, root: Path
) -> list[str]:
    prose = _code_and_comment_free(page.lines)
    docs = page.path.parent
    lines = list(page.lines)

    def replace(found: re.Match, number: int) -> str:
        url = found["url"]
        target, _, anchor = url.partition("#")
        if "://" in target or target.startswith("mailto:"):
            return found.group(0)
        if not target:
            linked = page.path
        else:
            named = LINKED_PAGE.match(target)
            if not named:
                return found.group(0)
            linked = docs / f"{named['slug']}.{named['lang'] or page.lang}.md"
        mapping = anchor_maps.get(linked)
        if mapping is None:
            return found.group(0)
        old = unquote(anchor)
        new = mapping.get(old)
        where = f"{shown(page.path, root)}:{number}"
        if new is None:
            report.unresolved.append(f"{where}: #{old} is no heading of {linked.name}")
            return found.group(0)
        if new == old and anchor == old:
            return found.group(0)
        report.links_rewritten.append(f"{where}: {url} -> {target}#{new}")
        return f"{found['lead']}{target}#{new}"

    for index, line in enumerate(lines):
        if prose[index]:
            lines[index] = LINK.sub(lambda m, n=index + 1: replace(m, n), line)
    return lines


def assign(root: Path) -> Report:
    """Give every paired heading its shared id and rewrite links to the old anchors."""
    docs = root / "docs"
    slug = Slugger(root)
    report = Report()
    pairs = discover(docs)
    pages = {path: read_page(path) for versions in pairs.values() for path in versions.values()}
    old_anchors = {path: anchors(page, slug) for path, page in pages.items()}

    for name, versions in sorted(pairs.items()):
        if set(versions) != set(LANGUAGES):
            report.skipped.append(f"{name}: not in every language ({', '.join(versions)})")
            continue
        pair = {lang: pages[path] for lang, path in versions.items()}
        why = structure_difference(pair, root)
        if why:
            report.skipped.append(f"{name}: {why}")
            continue
        ids = shared_ids(pair, slug)
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            report.skipped.append(f"{name}: ids written by hand name two headings: {twice}")
            continue
        for page in pair.values():
            for heading, new_id in zip(page.sections, ids, strict=True):
                if heading.explicit == new_id:
                    continue
                page.lines[heading.line - 1] = with_id(page.lines[heading.line - 1], new_id)
                report.headings_changed += 1
                report.files_changed.add(page.path)
        report.assigned.append(name)

    # Old anchor -> new anchor, heading by heading, for every page (unchanged ones too).
    anchor_maps: dict[Path, dict[str, str]] = {}
    for path, page in pages.items():
        renewed = _page(path, list(page.lines))
        new_anchors = anchors(renewed, slug)
        mapping = dict(zip(new_anchors, new_anchors, strict=True))
        mapping.update(zip(old_anchors[path], new_anchors, strict=True))
        anchor_maps[path] = mapping
    for path, page in pages.items():
        rewritten = _rewrite_links(page, anchor_maps, report, root)
        if rewritten != page.lines:
            page.lines = rewritten
            report.files_changed.add(path)
    _write_keeping_pairs_in_step(sorted(report.files_changed), pages, root)
    return report


def _write_keeping_pairs_in_step(paths: list[Path], pages: dict[Path, Page], root: Path) -> None:
    """Write the pages; a pair that was in step (translation marker) stays in step.

    Ids and link targets are the same edit in both languages, not a change of prose, so
    they must not make a page look like it fell behind its sibling.
    """
    from autograd_illustrated import translations

    touched = set(paths)
    touched |= {s for s in map(sibling_of, paths) if s and s in pages}
    in_step = [
        path
        for path in sorted(touched)
        if translations.read_marker(path) and not translations.check(root, [path])
    ]
    for path in paths:
        path.write_text("\n".join(pages[path].lines), encoding="utf-8")
    for path in in_step:
        translations.sync(path, root)


def problems(root: Path) -> list[str]:
    """Every heading whose shared id is missing or differs, as file:line messages."""
    docs = root / "docs"
    found = []
    for name, versions in sorted(discover(docs).items()):
        if set(versions) != set(LANGUAGES):
            continue
        pair = {lang: read_page(versions[lang]) for lang in LANGUAGES}
        why = structure_difference(pair, root)
        if why:
            found.append(f"{name}: {why}")
            continue
        first, *others = (pair[lang] for lang in LANGUAGES)
        for second in others:
            found += _id_problems(first, second, root)
    return found


def _id_problems(first: Page, second: Page, root: Path) -> list[str]:
    """Headings of two versions of a page whose ids are missing, differ, or repeat."""
    found = []
    seen: dict[str, Heading] = {}
    for a, b in zip(first.sections, second.sections, strict=True):
        left = f"{shown(first.path, root)}:{a.line}"
        right = f"{shown(second.path, root)}:{b.line}"
        if not a.explicit or not b.explicit:
            missing = [w for w, h in ((left, a), (right, b)) if not h.explicit]
            found.append(
                f"{' and '.join(missing)}: no explicit id "
                f"({left}: {a.explicit and '#' + a.explicit}, "
                f"{right}: {b.explicit and '#' + b.explicit})"
            )
        elif a.explicit != b.explicit:
            found.append(f"different ids: {left}: #{a.explicit}  vs  {right}: #{b.explicit}")
        elif a.explicit in seen:
            found.append(f"{left}: #{a.explicit} is used twice on the page")
        if a.explicit:
            seen[a.explicit] = a
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=COMMAND, description="Shared heading ids for the two languages of each page."
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="project root")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="exit 1 if a heading's id is missing or differs")
    commands.add_parser("assign", help="give every heading its shared id; rewrite links")
    args = parser.parse_args(argv)
    root = args.root.resolve()

    if args.command == "check":
        found = problems(root)
        for problem in found:
            print(problem)
        if found:
            print(f"\n{len(found)} heading(s) without a shared id; fix with: {COMMAND} assign")
            return 1
        print("every heading has the same explicit id in both languages")
        return 0

    report = assign(root)
    for line in report.links_rewritten:
        print(f"link: {line}")
    for line in report.unresolved:
        print(f"warning: {line}")
    for line in report.skipped:
        print(f"skipped {line}")
    print(
        f"{len(report.assigned)} pair(s) assigned, {len(report.skipped)} skipped; "
        f"{report.headings_changed} heading(s) given an id, "
        f"{len(report.links_rewritten)} link(s) rewritten, "
        f"{len(report.files_changed)} file(s) changed"
    )
    return 1 if report.skipped else 0


if __name__ == "__main__":
    sys.exit(main())
