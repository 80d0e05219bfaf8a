"""``autograd-snippets --update-doctests``: rewrite the pages' doctest outputs from a real run.

After a torch upgrade, hand-written ``pycon`` blocks can show yesterday's output. This runs
every page (or the pages named, always in both languages) exactly as ``pytest docs/`` does,
and writes what each doctest example really printed in place of its expected output:

- The page is parsed and evaluated by the same :func:`~autograd_illustrated.doccheck.page_sybil`
  the page tests use: same parsers, same ``snippet()`` setup, one namespace per page shared
  by its blocks in order (invisible blocks, ``python`` blocks and prose checks run too, where
  they stand). Each doctest example is evaluated by sybil's own ``DocTestEvaluator`` and
  runner class, with the page tests' option flags and output checker; the runner here only
  also records what the example printed.
- Each page runs in its own process, forked from this one (or a fresh interpreter where fork
  is unavailable, as the snippet runner does), so pages never affect each other.
- Only the expected-output lines of a failing example change. A passing example (an
  ``ELLIPSIS`` or ``NORMALIZE_WHITESPACE`` match included) is left byte-identical, and in a
  failing one every hand-written line that still matches a printed line (``...`` lines
  included) is kept as written. New lines take the indentation of the example's ``>>>``
  line, so blocks inside admonitions and tabs stay where they are. For an expected
  exception, only its message is rewritten.
- A pair of pages that was in step before (``autograd_illustrated.translations``) is
  re-stamped afterwards: only language-neutral outputs changed, in both.

An example that now raises where it printed, one that no longer raises, and any other check
of the page that fails (a prose check, a ``python`` block) cannot be rewritten: they are
reported with their line, and the command exits 1 after writing the rest.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import multiprocessing
import multiprocessing.connection
import os
import sys
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from sybil.evaluators.doctest import DocTestEvaluator, DocTestRunner

from . import translations, vocabulary
from .doccheck import CodeParser, page_sybil

_TRACEBACK_HEADER = "Traceback (most recent call last):"
_PROMPT = ">>>"


class UsageError(Exception):
    """A page named on the command line does not exist."""


@dataclass
class Change:
    """New expected output for one doctest example."""

    line: int  # 1-based line of the example's ``>>>`` prompt
    start: int  # 0-based index of the first expected-output line
    count: int  # how many expected-output lines the page has now
    lines: list[str]  # the new ones, indented as on the page, without line endings


@dataclass
class PageResult:
    page: Path
    changes: list[Change] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "LINE: message"
    examples: int = 0
    seconds: float = 0.0


class _RecordingRunner(DocTestRunner):
    """Sybil's doctest runner, which also keeps what the example printed."""

    outcome: tuple[str, object] | None = None

    def report_success(self, out, test, example, got):
        self.outcome = ("passed", got)
        super().report_success(out, test, example, got)

    def report_failure(self, out, test, example, got):
        self.outcome = ("failed", got)
        super().report_failure(out, test, example, got)

    def report_unexpected_exception(self, out, test, example, exc_info):
        self.outcome = ("raised", traceback.format_exception_only(*exc_info[:2])[-1].strip())
        super().report_unexpected_exception(out, test, example, exc_info)


def _recording_evaluator(evaluator: DocTestEvaluator) -> DocTestEvaluator:
    """A copy of the page tests' evaluator (same flags, same checker) that records outcomes."""
    recording = DocTestEvaluator()
    recording.runner = _RecordingRunner(evaluator.runner.optionflags)
    return recording


def _flags(runner: DocTestRunner, example: doctest.Example) -> int:
    """The option flags an example runs with: the page tests' and its ``# doctest:`` ones."""
    flags = runner.optionflags
    for flag, on in example.options.items():
        flags = flags | flag if on else flags & ~flag
    return flags


# --- Running one page ------------------------------------------------------------------------


def evaluate_page(page: Path, root: Path) -> PageResult:
    """Evaluate ``page`` as ``pytest`` does; the changes its doctest outputs need."""
    started = time.perf_counter()
    result = PageResult(page)
    sybil = page_sybil(root)
    document = sybil.parse(page)
    text = document.text
    lines = text.split("\n")
    code_parser = next(p for p in sybil.parsers if isinstance(p, CodeParser))
    fences = sorted(code_parser.fences(document), key=lambda region: region.start)
    if sybil.setup:
        sybil.setup(document.namespace)
    for example in document.examples():
        evaluator = example.region.evaluator
        if not isinstance(evaluator, DocTestEvaluator):
            try:
                example.evaluate()
            except Exception as exc:  # noqa: BLE001 - reported, like a failed test item
                first = str(exc).strip().splitlines()[-1] if str(exc).strip() else repr(exc)
                result.problems.append(f"{example.line}: fails, fix by hand: {first}")
            continue
        result.examples += 1
        recording = _recording_evaluator(evaluator)
        example.region.evaluator = recording
        try:
            example.evaluate()
        except Exception:  # noqa: BLE001, S110 - the runner recorded what happened
            pass
        finally:
            example.region.evaluator = evaluator
        outcome = recording.runner.outcome
        if outcome is None or outcome[0] == "passed":  # skipped (+SKIP), or still right
            continue
        parsed = example.parsed
        prompt = _prompt_line(fences, example.region.start, parsed, text)
        if outcome[0] == "raised":
            result.problems.append(
                f"{prompt + 1}: now raises {outcome[1]}; not rewritten, fix by hand"
            )
            continue
        flags = _flags(recording.runner, parsed)
        change = _change(lines, prompt, parsed, str(outcome[1]), recording.runner._checker, flags)
        if isinstance(change, str):
            result.problems.append(f"{prompt + 1}: {change}")
        elif change is not None:
            result.changes.append(change)
    result.seconds = time.perf_counter() - started
    return result


def _prompt_line(fences, offset: int, parsed: doctest.Example, text: str) -> int:
    """0-based line of the example's ``>>>``.

    Sybil dedents a fence's source before finding its examples, so a region's offset in an
    indented fence is not exact; the example's line within the fence's source is.
    """
    fence = max((f for f in fences if f.start <= offset < f.end), key=lambda f: f.start)
    return text.count("\n", 0, fence.start) + 1 + parsed.lineno


def _change(lines, prompt, parsed, got, checker, flags) -> Change | str | None:
    """The new expected output of a failing example, or why it can't be rewritten."""
    prefix = lines[prompt][: max(lines[prompt].find(_PROMPT), 0)]
    if not lines[prompt].startswith(prefix + _PROMPT) or prefix.strip(" \t>"):
        return "could not find this example's >>> line"
    start = prompt + parsed.source.count("\n")
    want = parsed.want.split("\n")[:-1]
    shown = [line.rstrip("\r") for line in lines[start : start + len(want)]]
    if [line[len(prefix) :] for line in shown] != want:
        return "could not find this example's expected output on the page"
    kept = 0
    if parsed.exc_msg is not None:
        if _TRACEBACK_HEADER not in got:
            return "expected an exception, but nothing was raised; not rewritten, fix by hand"
        # Only the message is compared (doctest ignores the output and stack before it).
        match = doctest.DocTestParser._EXCEPTION_RE.match(parsed.want)
        kept = parsed.want.count("\n", 0, match.start("msg"))
        got = _exception_message(got)
    merged = [("keep", i) for i in range(kept)]
    merged += [
        (kind, kept + value if kind == "keep" else value)
        for kind, value in _merged(want[kept:], got, checker, flags)
    ]
    if merged == [("keep", i) for i in range(len(want))]:
        return "fails, but its output could not be worked out; fix by hand"
    new = [want[value] if kind == "keep" else value for kind, value in merged]
    source = [line.rstrip("\r")[len(prefix) :] for line in lines[prompt:start]]
    reparsed = doctest.DocTestParser().get_examples("\n".join(source + new) + "\n")
    if len(reparsed) != 1 or reparsed[0].want != "".join(f"{line}\n" for line in new):
        return "what it printed can't be written as a doctest output; fix by hand"
    # A kept line stays exactly as written; a new one gets the indentation of the >>> line.
    eol = "\r" if start < len(lines) and lines[start].endswith("\r") else ""
    page_lines = [
        lines[start + value] if kind == "keep" else f"{prefix}{value}{eol}"
        for kind, value in merged
    ]
    return Change(prompt + 1, start, len(want), page_lines)


def _exception_message(got: str) -> str:
    """The last exception's message, as doctest compares it, from a printed traceback."""
    lines = got.split("\n")
    header = max(i for i, line in enumerate(lines) if line.startswith(_TRACEBACK_HEADER))
    rest = lines[header + 1 :]
    while rest and (not rest[0] or rest[0][0] in " \t"):  # the stack
        rest.pop(0)
    return "\n".join(rest)


def _output_lines(got: str) -> list[str]:
    """What was printed, as doctest output lines: no trailing spaces, blank lines marked."""
    lines = [line.rstrip() for line in got.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    return [line or doctest.BLANKLINE_MARKER for line in lines]


def _merged(want: list[str], got: str, checker, flags: int) -> list[tuple[str, int | str]]:
    """``got`` as expected-output lines, keeping every line of ``want`` that still matches.

    Returns ``("keep", index into want)`` and ``("new", line)`` entries, in order.

    Lines are aligned to keep as many hand-written lines as possible; a ``...`` line (with
    ``ELLIPSIS``) may stand for one or more printed lines. If the result does not match
    ``got`` as a whole, the printed lines are used as they are.
    """
    new = _output_lines(got)
    printed = [("new", line) for line in new]
    if checker.check_output("".join(f"{w}\n" for w in want), got, flags):
        return [("keep", i) for i in range(len(want))]
    m, n = len(want), len(new)
    matches = {
        (i, j): checker.check_output(f"{want[i]}\n", f"{_printed(new[j])}\n", flags)
        for i in range(m)
        for j in range(n)
    }
    gap = [bool(flags & doctest.ELLIPSIS) and w.strip() == "..." for w in want]
    # best[i][j]: how many of want[i:] can be kept while writing new[j:].
    best = [[0] * (n + 1) for _ in range(m + 1)]
    step: dict[tuple[int, int], tuple[str, int]] = {}
    for i in range(m, -1, -1):
        for j in range(n, -1, -1):
            options = []
            # (kept, preference, lines a "..." covers: as many as it can, choice)
            if i < m and j < n and matches[i, j] and not gap[i]:
                options.append((best[i + 1][j + 1] + 1, 3, 0, ("keep", j + 1)))
            if i < m and gap[i]:
                options += [(best[i + 1][k] + 1, 2, k, ("gap", k)) for k in range(j + 1, n + 1)]
            if j < n:
                options.append((best[i][j + 1], 1, 0, ("new", j + 1)))
            if i < m:
                options.append((best[i + 1][j], 0, 0, ("drop", j)))
            if options:
                score, _, _, choice = max(options, key=lambda option: option[:3])
                best[i][j] = score
                step[i, j] = choice
    merged, i, j = [], 0, 0
    while (i, j) in step:
        kind, after = step[i, j]
        if kind in ("keep", "gap"):
            merged.append(("keep", i))
            i += 1
        elif kind == "new":
            merged.append(("new", new[j]))
        else:
            i += 1
        j = after
    text = "".join(f"{want[v] if kind == 'keep' else v}\n" for kind, v in merged)
    return merged if checker.check_output(text, got, flags) else printed


def _printed(line: str) -> str:
    return "" if line == doctest.BLANKLINE_MARKER else line


# --- One process per page --------------------------------------------------------------------


def _child(page: Path, root: Path, sender) -> None:
    try:
        os.chdir(root)
        # What the page prints outside doctests goes where pytest's capture would put it;
        # warnings are recorded, as pytest does, not shown.
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings(record=True):
            result = evaluate_page(page, root)
    except BaseException as exc:  # noqa: BLE001 - the parent reports it
        result = PageResult(page, problems=[f"1: could not evaluate the page: {exc!r}"])
    sender.send(result)
    sender.close()


def run_pages(page_list: list[Path], root: Path, jobs: int = 1, log=print) -> list[PageResult]:
    """Evaluate each page in its own process, ``jobs`` at a time, forked from this one."""
    from .runner import isolation

    method = isolation.start_method()
    if method == "fork":
        with contextlib.suppress(ImportError):
            import torch  # noqa: F401 - imported once here, not once per page
    context = multiprocessing.get_context("fork" if method == "fork" else "spawn")
    pending, running, results = list(page_list), {}, {}
    while pending or running:
        while pending and len(running) < max(1, jobs):
            page = pending.pop(0)
            receiver, sender = context.Pipe(duplex=False)
            sys.stdout.flush()
            sys.stderr.flush()
            process = context.Process(target=_child, args=(page, root, sender), daemon=True)
            process.start()
            sender.close()
            running[receiver] = (page, process)
        for receiver in multiprocessing.connection.wait(list(running)):
            page, process = running.pop(receiver)
            try:
                result = receiver.recv()
            except EOFError:
                result = None
            receiver.close()
            process.join()
            if result is None:
                result = PageResult(page, problems=[f"1: its process died ({process.exitcode})"])
            results[page] = result
            shown = vocabulary.shown(page, root)
            log(f"doctests: {shown}: {result.examples} examples ({result.seconds:.1f}s)")
    return [results[page] for page in page_list]


# --- Pages, writing, and the command ---------------------------------------------------------


def select_pages(root: Path, names: list[str]) -> list[Path]:
    """Every page in both languages, or the pages named (as files, ``docs/x.md`` or ``x``)."""
    found = vocabulary.discover(root / "docs")
    if not names:
        return [path for slug in sorted(found) for path in found[slug].values()]
    chosen: list[Path] = []
    unknown = []
    for name in names:
        slug = None
        for candidate in (Path(name), root / name):
            parsed = vocabulary.page_name(candidate)
            if parsed and candidate.resolve().parent == (root / "docs").resolve():
                slug = parsed.slug
        if slug is None:
            bare = Path(name).name.removesuffix(".md")
            slug = bare if bare in found else None
        if slug is None or slug not in found:
            unknown.append(name)
            continue
        chosen += [path for path in found[slug].values() if path not in chosen]
    if unknown:
        raise UsageError(f"no page {', '.join(unknown)} (pages are docs/<slug>.<lang>.md)")
    return chosen


def apply(page: Path, changes: list[Change]) -> None:
    """Write ``changes`` into ``page``; every other byte stays as it was."""
    lines = page.read_bytes().decode("utf-8").split("\n")
    for change in sorted(changes, key=lambda c: c.start, reverse=True):
        lines[change.start : change.start + change.count] = change.lines
    page.write_bytes("\n".join(lines).encode("utf-8"))


def update(
    root: Path, names: list[str], check: bool = False, jobs: int = 1, log=print, out=print
) -> int:
    """The command: 0 when done, 1 if ``check`` found changes or something needs a hand."""
    chosen = select_pages(root, names)
    in_step = {page for page in chosen if not translations.check(root, [page])}
    results = run_pages(chosen, root, jobs, log)
    changed = []
    for result in results:
        shown = vocabulary.shown(result.page, root)
        for change in result.changes:
            out(f"{shown}:{change.line}: {'would update' if check else 'updated'}")
        if result.changes and not check:
            apply(result.page, result.changes)
            changed.append(result.page)
    # A pair in step before is in step after: only their shared outputs changed.
    pairs = {page for page in changed if vocabulary.sibling_of(page) in in_step} & in_step
    for page in sorted(pairs | {vocabulary.sibling_of(page) for page in pairs}):
        translations.sync(page, root)
    problems = [
        f"{vocabulary.shown(r.page, root)}:{problem}" for r in results for problem in r.problems
    ]
    for problem in problems:
        print(problem, file=sys.stderr)
    count = sum(len(r.changes) for r in results)
    examples = sum(r.examples for r in results)
    verb = "would change" if check else "changed"
    log(f"doctests: {verb} {count} of {examples} examples on {len(chosen)} pages")
    return 1 if problems or (check and count) else 0


def main(root: Path, names: list[str], check: bool, jobs: int, log) -> int:
    """``autograd-snippets --update-doctests``, called by :mod:`.runner.cli`."""
    try:
        return update(root, names, check, jobs, log)
    except UsageError as exc:
        print(f"autograd-snippets: {exc}", file=sys.stderr)
        return 2

