"""Numbers stated in a page's prose, and the checks that tie them to code.

A page states a result in prose and proves it with a comment right after the paragraph::

    Every element of `x.grad` is 4.5.
    <!-- prose: s.x.grad[0, 0].item() => 4.5 -->

The rules that make such a check as strong as it looks:

- A check claims **one** occurrence of its number in the paragraph above, as a whole
  number: ``4.5`` is not found inside ``14.5`` or ``4.55``. A number stated twice needs two
  checks, so changing either statement fails.
- Numbers that are inputs or givens, not results, are declared after the paragraph:
  ``<!-- given: 0.001 100 -->`` covers every occurrence of each listed number there.
- Every other number in the paragraph that is a decimal or has two digits or more must be
  claimed (:func:`unclaimed_numbers`): results can't be stated without a check. Single
  digits are exempt, as are numbers inside code spans (a check may still claim one), code
  blocks, links' targets and HTML tags.

"Paragraph" means a block of the page between blank lines, headings, list items, table
rows and math included; comments and code blocks don't count as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .vocabulary import FENCE, INCLUDE_LINE

CHECK = re.compile(r"<!--\s*prose:\s*(?P<expr>.+?)\s*=>\s*(?P<text>.+?)\s*-->", re.DOTALL)
GIVEN = re.compile(r"<!--\s*given:\s*(?P<numbers>.+?)\s*-->", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Text that reads as prose but holds no stated number: code, link targets, tags, attributes.
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_NOT_PROSE = re.compile(
    r"\]\([^)\n]*\)"  # a link's or image's target
    r"|<[A-Za-z/][^>\n]*>"  # an HTML tag and its attributes
    r"|\{:?[ \t]*[#.][^}\n]*\}"  # an attribute list: { .graph } { #id } {: #id }
    rf"|{INCLUDE_LINE.pattern}.*$",  # an include line
    re.MULTILINE,
)
_EDGE_BEFORE = r"(?<![A-Za-z0-9_.\\])"
# A letter may follow: in $1.5h$ or "2x faster" the number is still a number.
_EDGE_AFTER = r"(?![0-9_]|\.\d|,\d{3})"
NUMBER = re.compile(_EDGE_BEFORE + r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?" + _EDGE_AFTER)
_MINUS = "\u2212"  # typographic minus: the same number as with "-"


def normalize(text: str) -> str:
    return text.replace(_MINUS, "-").strip()


def is_number(text: str) -> bool:
    return NUMBER.fullmatch(normalize(text)) is not None


def needs_claim(token: str) -> bool:
    """Decimals and numbers of two digits or more; single digits are exempt."""
    digits = token.lstrip("-").replace(",", "")
    return "." in digits or len(digits) > 1


@dataclass
class Check:
    expr: str
    text: str
    offset: int  # where the comment starts in the page
    occurrence: int = 0  # this is the n-th check of the same number after its paragraph


@dataclass
class Paragraph:
    start: int
    end: int
    text: str  # what a reader sees: comments and code blocks removed
    # (number, offset in page, inside `code`?), in page order
    numbers: list[tuple[str, int, bool]] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    givens: set[str] = field(default_factory=set)

    def occurrences(self, text: str) -> list[int]:
        wanted = normalize(text)
        return [offset for number, offset, _ in self.numbers if number == wanted]


def _blank(text: str) -> str:
    """Spaces for every character but newlines, so offsets and line numbers stay put."""
    return re.sub(r"[^\n]", " ", text)


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + _blank(text[start:end]) + text[end:]


def _prose_only(page: str) -> str:
    masked = page
    for match in _COMMENT.finditer(page):
        masked = _mask(masked, match.start(), match.end())
    lines = masked.splitlines(keepends=True)
    fence = None
    for index, line in enumerate(lines):
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening["fence"][0] * 3
        elif fence is not None:
            if line.strip().startswith(fence):
                fence = None
        else:
            continue
        lines[index] = _blank(line)
    masked = "".join(lines)
    if masked.startswith("---\n"):  # front matter
        end = masked.find("\n---", 4)
        if end != -1:
            masked = _mask(masked, 0, end + 4)
    return _NOT_PROSE.sub(lambda m: _blank(m.group(0)), masked)


def _code_spans(prose: str) -> list[tuple[int, int]]:
    return [m.span() for m in _INLINE_CODE.finditer(prose)]


def paragraphs(page: str) -> list[Paragraph]:
    """Every paragraph of ``page`` with its numbers, and the checks and givens after it."""
    prose = _prose_only(page)
    found: list[Paragraph] = []
    for match in re.finditer(r"(?:^[ \t]*\S.*(?:\n|$))+", prose, re.MULTILINE):
        start, end = match.start(), match.end()
        shown = _COMMENT.sub("", page[start:end])
        spans = _code_spans(prose[start:end])
        numbers = [
            (normalize(m.group(0)), start + m.start(), any(a < m.start() < b for a, b in spans))
            for m in NUMBER.finditer(prose[start:end].replace(_MINUS, "-").replace("`", " "))
        ]
        found.append(Paragraph(start, end, shown, numbers))
    for kind, pattern in (("check", CHECK), ("given", GIVEN)):
        for match in pattern.finditer(page):
            owner = next((p for p in reversed(found) if p.end <= match.start()), None)
            if owner is None:
                continue
            if kind == "given":
                owner.givens |= {normalize(n) for n in re.split(r"[\s,;]+", match["numbers"])}
            else:
                owner.checks.append(Check(match["expr"], normalize(match["text"]), match.start()))
    for paragraph in found:
        seen: dict[str, int] = {}
        for check in paragraph.checks:
            check.occurrence = seen.get(check.text, 0)
            seen[check.text] = check.occurrence + 1
    return found


def claimed_numbers(paragraph: Paragraph) -> list[tuple[str, int]]:
    """The occurrences the paragraph's checks claim: for each check, the first one left."""
    claims: dict[str, int] = {}
    for check in paragraph.checks:
        claims[check.text] = claims.get(check.text, 0) + 1
    claimed = []
    for number, offset, _ in paragraph.numbers:
        if claims.get(number, 0) > 0:
            claims[number] -= 1
            claimed.append((number, offset))
    return claimed


def unclaimed_numbers(paragraph: Paragraph) -> list[tuple[str, int]]:
    """Numbers that need a check or a ``given`` and have neither. Code spans are exempt."""
    claimed = {offset for _, offset in claimed_numbers(paragraph)}
    return [
        (number, offset)
        for number, offset, in_code in paragraph.numbers
        if not in_code
        and offset not in claimed
        and number not in paragraph.givens
        and needs_claim(number)
    ]


def line_of(page: str, offset: int) -> int:
    return page.count("\n", 0, offset) + 1


def lint(path: Path) -> list[str]:
    """``docs/page.md:LINE: ...`` for every number that is stated without a check."""
    page = path.read_text(encoding="utf-8")
    problems = []
    for paragraph in paragraphs(page):
        for number, offset in unclaimed_numbers(paragraph):
            problems.append(
                f"{path.as_posix()}:{line_of(page, offset)}: {number!r} is stated with no "
                "prose check after its paragraph (or declare it: <!-- given: ... -->)"
            )
    return problems


def main(argv: list[str] | None = None) -> int:
    """``python -m autograd_illustrated.prose [PAGE ...]``: list unchecked numbers."""
    import sys

    pages = [Path(p) for p in (argv if argv is not None else sys.argv[1:])]
    pages = pages or sorted(Path("docs").glob("*.md"))
    problems = [problem for page in pages for problem in lint(page)]
    print("\n".join(problems) or "every stated number is checked or given")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
