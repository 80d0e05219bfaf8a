"""Mutation testing of the pages: change one shown number, and the page's checks must fail.

Mutants are made from what a page claims to be true:

- every number a prose check claims (``<!-- prose: EXPR => 4.5 -->`` and the ``4.5`` it
  claims in the paragraph above), changed in the prose;
- the first number of every output line of a doctest (a ``pycon`` block), changed in the
  expected output.

A mutant is *killed* when evaluating the mutated page (the way ``pytest docs/`` does) fails.
A survivor is a number the site shows but nothing checks.

    python -m autograd_illustrated.mutation              # every mutant of every page
    python -m autograd_illustrated.mutation --sample 25  # a fixed sample, as `make test` does
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import prose
from .vocabulary import is_doctest

_DOCTEST_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>```+)[ \t]*(?P<info>[^\n]*)\n"
    r"(?P<body>.*?)^(?P=indent)(?P=fence)",
    re.MULTILINE | re.DOTALL,
)


@dataclass(frozen=True)
class Mutant:
    page: Path
    line: int
    kind: str  # "prose" or "doctest"
    original: str
    mutated: str
    offset: int

    def apply(self, text: str) -> str:
        assert text[self.offset : self.offset + len(self.original)] == self.original
        return text[: self.offset] + self.mutated + text[self.offset + len(self.original) :]

    def __str__(self) -> str:
        return f"{self.page.as_posix()}:{self.line}: {self.kind} {self.original} -> {self.mutated}"


def mutate_number(token: str) -> str:
    """Change the last digit: 4.5 -> 4.6, 0.0002 -> 0.0003, 19 -> 18."""
    index = max(i for i, ch in enumerate(token) if ch.isdigit())
    digit = int(token[index])
    return token[:index] + str(digit + 1 if digit < 9 else digit - 1) + token[index + 1 :]


def prose_mutants(page: Path, text: str) -> list[Mutant]:
    mutants = []
    for paragraph in prose.paragraphs(text):
        for number, offset in prose.claimed_numbers(paragraph):
            original = text[offset : offset + len(number)]  # as written: "−" stays "−"
            mutants.append(
                Mutant(
                    page,
                    prose.line_of(text, offset),
                    "prose",
                    original,
                    mutate_number(original),
                    offset,
                )
            )
    return mutants


def doctest_mutants(page: Path, text: str) -> list[Mutant]:
    mutants = []
    for fence in _DOCTEST_FENCE.finditer(text):
        body = fence["body"]
        if not is_doctest(fence["info"], body):
            continue
        position = fence.start("body")
        for line in body.splitlines(keepends=True):
            content = line.strip()
            if content and not content.startswith((">>>", "...")):
                number = prose.NUMBER.search(line)
                if number:
                    offset = position + number.start()
                    mutants.append(
                        Mutant(
                            page,
                            prose.line_of(text, offset),
                            "doctest",
                            number.group(0),
                            mutate_number(number.group(0)),
                            offset,
                        )
                    )
            position += len(line)
    return mutants


def all_mutants(docs: Path) -> list[Mutant]:
    mutants = []
    for page in sorted(docs.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        mutants += prose_mutants(page, text) + doctest_mutants(page, text)
    return mutants


def first_failure(page: Path, text: str, root: Path) -> str | None:
    """Evaluate ``text`` as page ``page`` the way `pytest docs/` would; the first failure."""
    from .doccheck import page_sybil

    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / page.name
        copy.write_text(text, encoding="utf-8")
        sybil = page_sybil(root)
        document = sybil.parse(copy)
        if sybil.setup:
            sybil.setup(document.namespace)
        for example in document.examples():
            try:
                result = example.evaluate()
            except Exception as exc:  # noqa: BLE001 - any failure is what we look for
                return f"line {example.line}: {exc}"
            if result:
                return f"line {example.line}: {result}"
    return None


def is_killed(mutant: Mutant, root: Path) -> bool:
    text = mutant.apply(mutant.page.read_text(encoding="utf-8"))
    return first_failure(mutant.page, text, root) is not None


def sample(mutants: list[Mutant], size: int | None, seed: int = 0) -> list[Mutant]:
    if size is None or size >= len(mutants):
        return mutants
    return sorted(random.Random(seed).sample(mutants, size), key=lambda m: (str(m.page), m.offset))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograd_illustrated.mutation")
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--sample", type=int, help="test this many mutants, chosen by a seed")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("pages", nargs="*", type=Path, help="only these pages")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    mutants = all_mutants(root / "docs")
    if args.pages:
        wanted = {p.resolve() for p in args.pages}
        mutants = [m for m in mutants if m.page.resolve() in wanted]
    chosen = sample(mutants, args.sample, args.seed)
    # A page that already fails would "kill" every mutant of it and prove nothing.
    for page in sorted({m.page for m in chosen}):
        failure = first_failure(page, page.read_text(encoding="utf-8"), root)
        if failure:
            print(f"mutation: {page.as_posix()} fails unmutated, {failure.splitlines()[0]}")
            return 2
    survivors = []
    for number, mutant in enumerate(chosen, start=1):
        killed = is_killed(mutant, root)
        if not killed:
            survivors.append(mutant)
        print(
            f"[{number}/{len(chosen)}] {'killed  ' if killed else 'SURVIVED'} {mutant}",
            file=sys.stderr,
        )
    killed = len(chosen) - len(survivors)
    print(
        f"mutation: {killed} of {len(chosen)} mutants killed "
        f"({100 * killed / max(len(chosen), 1):.1f}%)"
    )
    for mutant in survivors:
        print(f"survived: {mutant}")
    return 1 if survivors else 0


if __name__ == "__main__":
    raise SystemExit(main())
