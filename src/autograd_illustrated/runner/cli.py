"""``autograd-snippets``: run every stale snippet, each in its own process, and store its outputs.

autograd-snippets                 # run what is stale, report what ran
autograd-snippets --check         # exit 1 if anything is stale, run nothing
autograd-snippets --force         # run everything
autograd-snippets --timeout 30    # seconds each snippet may take (default: pyproject.toml)
autograd-snippets --jobs 1        # snippets at a time (default: pyproject.toml, else one per CPU)
autograd-snippets PATH ...        # just these snippets; a path that names none exits 2
autograd-snippets --update-doctests [PAGE ...]  # rewrite pages' pycon outputs from a real run
autograd-snippets --update-doctests --check     # exit 1 if any pycon output would change
"""

from __future__ import annotations

import argparse
import fcntl
import os
import shutil
import sys
import time
import tomllib
from contextlib import contextmanager
from pathlib import Path

from . import cache, isolation
from .snippets import Snippet, find_snippets

DEFAULT_TIMEOUT = 120.0
STAGING_MARK = ".running-"
FAILED_HEADER = "snippet(s) failed:"


class UsageError(Exception):
    """The command line names something that is not there."""


def _settings(root: Path) -> dict:
    """``[tool.autograd-snippets]`` in the project's pyproject.toml."""
    try:
        config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return config.get("tool", {}).get("autograd-snippets", {})


def configured_timeout(root: Path) -> float:
    return float(_settings(root).get("timeout", DEFAULT_TIMEOUT))


def configured_jobs(root: Path) -> int:
    """How many snippets run at once: ``jobs`` in pyproject.toml, else one per usable CPU.

    Each child is a separate process, so running several at once can't let one snippet see
    another's state; only their timings on the page would change, and none is shown as a
    checked number.
    """
    jobs = _settings(root).get("jobs")
    if jobs is None:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, int(jobs or 1))


def staging_dir(snippet: Snippet) -> Path:
    # Hidden, so a build running meanwhile never publishes half-written outputs; named per
    # process so that a leftover can be told from a live one's.
    out = snippet.output_dir()
    return out.with_name(f".{out.name}{STAGING_MARK}{os.getpid()}")


def remove_debris(root: Path) -> list[Path]:
    """Staging folders left by a runner that was killed. Call only while holding the lock."""
    generated = root / "generated"
    if not generated.is_dir():
        return []
    leftovers = [p for p in generated.rglob(f".*{STAGING_MARK}*") if p.is_dir()]
    for path in leftovers:
        shutil.rmtree(path, ignore_errors=True)
    return leftovers


def run_snippets(
    snippets: list[Snippet],
    log=print,
    timeout: float = DEFAULT_TIMEOUT,
    project=None,
    jobs: int = 1,
) -> list[str]:
    """Run each snippet in its own process, ``jobs`` at a time. Returns one failure message
    per failed snippet, in the order of ``snippets``.

    ``project`` (default: ``snippets``) is every snippet of the project: what they import
    is imported once, up front, by the process the children are forked from.
    """
    method = isolation.start_method()
    if method != "fork":
        log("snippets: fork is unavailable, so each snippet starts a fresh interpreter (slower)")
    else:
        needed: set[str] = set()
        for snippet in project or snippets:
            needed |= cache.import_closure(snippet)[1]
        isolation.warm_up(needed)
    stagings = {snippet: staging_dir(snippet) for snippet in snippets}
    failures: dict[Snippet, str] = {}
    try:
        for staging in stagings.values():
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir(parents=True)
        for snippet, outcome in isolation.run_many(stagings.items(), timeout, method, jobs):
            if not outcome.ok:
                failures[snippet] = outcome.message
                log(f"FAILED {snippet.rel}")
                continue
            # Swap the fresh outputs in only once the whole snippet succeeded.
            out = snippet.output_dir()
            shutil.rmtree(out, ignore_errors=True)
            stagings[snippet].replace(out)
            cache.write_manifest(snippet, outcome.distributions, outcome.seconds)
            log(f"ran    {snippet.rel} ({outcome.seconds:.2f}s)")
    finally:
        for staging in stagings.values():
            shutil.rmtree(staging, ignore_errors=True)
    return [failures[s] for s in snippets if s in failures]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="autograd-snippets", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project root (default: cwd)")
    parser.add_argument("--check", action="store_true", help="only report stale snippets")
    parser.add_argument("--force", action="store_true", help="run every snippet")
    parser.add_argument("--timeout", type=float, help="seconds each snippet may run")
    parser.add_argument("--jobs", type=int, help="snippets run at once (default: one per CPU)")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument(
        "--update-doctests",
        action="store_true",
        help="rewrite the pycon outputs of every page (or of PAGE ..., both languages)",
    )
    parser.add_argument("only", nargs="*", help="run just these snippet paths")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    log = (lambda *_: None) if args.quiet else (lambda msg: print(msg, file=sys.stderr))
    if args.update_doctests:
        from .. import update_doctests

        jobs = args.jobs if args.jobs is not None else configured_jobs(root)
        return update_doctests.main(root, args.only, args.check, jobs, log)
    try:
        selected = _selected(root, args.only)
    except UsageError as exc:
        print(f"autograd-snippets: {exc}", file=sys.stderr)
        return 2
    if args.check:
        return _report_stale(selected)
    timeout = args.timeout if args.timeout is not None else configured_timeout(root)
    # One runner at a time per project (two `mkdocs serve`s, a build during a test run):
    # a second one waits, then finds that what it wanted to run is already fresh.
    try:
        with _runner_lock(root):
            for leftover in remove_debris(root):
                log(f"removed {leftover.relative_to(root).as_posix()}, left by a killed run")
            jobs = args.jobs if args.jobs is not None else configured_jobs(root)
            return _run(root, selected, args.force, timeout, log, jobs)
    except KeyboardInterrupt:
        print("autograd-snippets: interrupted; nothing half-written was kept", file=sys.stderr)
        return 130


@contextmanager
def _runner_lock(root: Path):
    lock_path = root / "generated" / ".runner.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _selected(root: Path, only: list[str]) -> list[Snippet]:
    snippets = find_snippets(root)
    if not only:
        return snippets
    by_path = {s.path: s for s in snippets}
    chosen, unknown = [], []
    for text in only:
        # A path is taken as given (from the working directory) or from the project root.
        candidates = {Path(text).resolve(), (root / text).resolve()}
        matches = [by_path[c] for c in sorted(candidates) if c in by_path]
        if matches:
            chosen += [m for m in matches if m not in chosen]
        else:
            unknown.append(text)
    if unknown:
        names = ", ".join(unknown)
        raise UsageError(f"no snippet at {names} (snippets are snippets/<chapter>/<name>.py)")
    return chosen


def _report_stale(selected: list[Snippet]) -> int:
    todo = cache.stale_snippets(selected)
    for snippet in todo:
        print(f"stale: {snippet.rel}")
    return 1 if todo else 0


def _run(root: Path, snippets: list[Snippet], force: bool, timeout: float, log, jobs: int) -> int:
    project = find_snippets(root)
    cache.remove_orphans(root, project)
    todo = snippets if force else cache.stale_snippets(snippets)
    if not todo:
        log(f"snippets: all {len(snippets)} up to date")
        return 0
    started = time.perf_counter()
    failures = run_snippets(todo, log, timeout, project, jobs)
    log(f"snippets: ran {len(todo)} of {len(snippets)} in {time.perf_counter() - started:.1f}s")
    if failures:
        print(f"\n{len(failures)} {FAILED_HEADER}\n", file=sys.stderr)
        print("\n\n".join(failures), file=sys.stderr)
        return 1
    return 0
