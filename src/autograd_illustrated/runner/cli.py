"""``autograd-snippets``: run every stale snippet in one process and store its outputs.

autograd-snippets            # run what is stale, report what ran
autograd-snippets --check    # exit 1 if anything is stale, run nothing
autograd-snippets --force    # run everything
"""

from __future__ import annotations

import argparse
import fcntl
import os
import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from . import cache
from .snippets import Snippet, SnippetSyntaxError, find_snippets


def _store(snippet: Snippet, run) -> list[str]:
    out = snippet.output_dir()
    written = []
    for name, text in run.sections.items():
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
        written.append(f"{name}.txt")
    (out / "__all__.txt").write_text(run.full_output, encoding="utf-8")
    written.append("__all__.txt")
    written += [p.name for p in out.iterdir() if p.suffix in {".svg", ".png", ".json", ".ipynb"}]
    return written


def run_snippets(snippets: list[Snippet], log=print) -> list[str]:
    """Run ``snippets`` in this process. Returns one failure message per failed snippet."""
    # Imported here, not at the top: deciding what is stale must not cost an `import torch`.
    from .execute import SnippetFailure, run_snippet

    failures = []
    for snippet in snippets:
        out = snippet.output_dir()
        # Per-process staging name: two runners (two `mkdocs serve`s, say) must not collide.
        # Hidden, so a build running meanwhile never publishes half-written outputs.
        staging = out.with_name(f".{out.name}.running-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        try:
            run = run_snippet(snippet, artifact_dir=staging)
        except (SnippetFailure, SnippetSyntaxError) as exc:
            shutil.rmtree(staging, ignore_errors=True)
            failures.append(str(exc))
            log(f"FAILED {snippet.rel}")
            continue
        # Swap the fresh outputs in only once the whole snippet succeeded.
        shutil.rmtree(out, ignore_errors=True)
        staging.replace(out)
        cache.write_manifest(snippet, _store(snippet, run), run.seconds)
        log(f"ran    {snippet.rel} ({run.seconds:.2f}s)")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="autograd-snippets", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project root (default: cwd)")
    parser.add_argument("--check", action="store_true", help="only report stale snippets")
    parser.add_argument("--force", action="store_true", help="run every snippet")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("only", nargs="*", help="run just these snippet paths")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    log = (lambda *_: None) if args.quiet else (lambda msg: print(msg, file=sys.stderr))

    if args.check:
        return _report_stale(root, args.only)
    # One runner at a time per project (two `mkdocs serve`s, a build during a test run):
    # a second one waits, then finds that what it wanted to run is already fresh.
    with _runner_lock(root):
        return _run(root, args, log)


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
    if only:
        wanted = {Path(p).resolve() for p in only}
        snippets = [s for s in snippets if s.path in wanted]
    return snippets


def _report_stale(root: Path, only: list[str]) -> int:
    todo = cache.stale_snippets(_selected(root, only))
    for snippet in todo:
        print(f"stale: {snippet.rel}")
    return 1 if todo else 0


def _run(root: Path, args, log) -> int:
    snippets = _selected(root, args.only)
    cache.remove_orphans(root, find_snippets(root))
    todo = snippets if args.force else cache.stale_snippets(snippets)
    if not todo:
        log(f"snippets: all {len(snippets)} up to date")
        return 0
    started = time.perf_counter()
    failures = run_snippets(todo, log)
    log(f"snippets: ran {len(todo)} of {len(snippets)} in {time.perf_counter() - started:.1f}s")
    if failures:
        print("\n\n".join(failures), file=sys.stderr)
        print(f"\n{len(failures)} snippet(s) failed", file=sys.stderr)
        return 1
    return 0
