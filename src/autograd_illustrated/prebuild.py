"""Everything the site needs before any engine renders a page, as one standalone command.

``python -m autograd_illustrated.prebuild`` (MkDocs' hooks call the same functions; ``make
zensical`` runs the command before ``zensical build``):

1. checks every page's ``--8<--`` includes, naming ``docs/<page>:LINE`` (:func:`check_includes`);
2. writes the snippets' Chinese-comment copies (:mod:`autograd_illustrated.comments`);
3. runs every stale snippet (the ``autograd-snippets`` runner, in a child process);
4. writes the chapter notebooks (:mod:`autograd_illustrated.notebooks`);
5. with ``--publish DIR``, assembles a docs folder for an engine without MkDocs' hooks:
   ``docs/`` plus what the site publishes from outside it (:func:`published`): the runner's
   SVGs, PNGs and notebooks under ``generated/``, and the vendored browser libraries.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from autograd_illustrated.comments import TranslationError, write_every_translation
from autograd_illustrated.notebooks import write_notebooks
from autograd_illustrated.sourcelines import missing_includes
from autograd_illustrated.vocabulary import PUBLISHED_SUFFIXES, shown

# Browser libraries come from npm at setup time and are served by the site itself.
# Only what a browser fetches: math is typeset at build time, so KaTeX's stylesheet and
# its woff2 fonts. Live cells (assets/live.js) fetch, on their first Run only, Pyodide's
# loader, runtime, standard library and package lock (no packages: the engine needs
# none), viz.js (an ES module with Graphviz inside), and the engine's own source files.
VENDORED = {
    "node_modules/katex/dist": (
        "assets/vendor/katex",
        ("katex.min.css", "fonts/*.woff2"),
    ),
    "node_modules/pyodide": (
        "assets/vendor/pyodide",
        (
            "pyodide.mjs",
            "pyodide.asm.mjs",
            "pyodide.asm.wasm",
            "python_stdlib.zip",
            "pyodide-lock.json",
        ),
    ),
    "node_modules/@viz-js/viz/dist": ("assets/vendor/viz", ("viz.js",)),
    # The same files the build imports, so a live cell runs exactly what the tests test.
    "src/autograd_illustrated": (
        "assets/live/autograd_illustrated",
        ("__init__.py", "engine.py", "graphs/annotated.py", "graphs/engine.py", "live.py"),
    ),
}


class PrebuildError(Exception):
    """A step failed; the message says what to fix."""


def _matches(rel: Path, pattern: str) -> bool:
    """``pattern`` matches the whole relative path: ``__init__.py`` is the top one only."""
    return len(rel.parts) == len(Path(pattern).parts) and rel.match(pattern)


def _tree(source: Path, url_prefix: str, suffixes=(), patterns=()) -> Iterator[tuple[str, Path]]:
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        # Dot-names are private: manifests, and runners' in-progress staging folders.
        if not path.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        if suffixes and path.suffix not in suffixes:
            continue
        if patterns and not any(_matches(rel, p) for p in patterns):
            continue
        yield f"{url_prefix}/{rel.as_posix()}", path


def published(root: Path) -> Iterator[tuple[str, Path]]:
    """(path in the site, source file) of everything published from outside ``docs/``."""
    generated = root / "generated"
    if generated.is_dir():
        yield from _tree(generated, "generated", PUBLISHED_SUFFIXES)
    for source, (url_prefix, patterns) in VENDORED.items():
        if not (root / source).is_dir():
            raise PrebuildError(f"{source} is missing: run `make setup` (it runs `npm ci`)")
        yield from _tree(root / source, url_prefix, patterns=patterns)


def check_includes(root: Path, docs_dir: Path, bases: list[Path], skip_generated=True) -> None:
    """Fail with ``docs/<page>:LINE`` for each include of a missing file or section."""
    skip = root / "generated" if skip_generated else None
    problems = []
    for page in sorted(docs_dir.rglob("*.md")):
        problems += missing_includes(page, bases, shown(page, root), skip)
    if problems:
        raise PrebuildError("\n".join(problems))


def run_snippets(root: Path) -> None:
    """Run every stale snippet, in a child process (nothing stale: no torch is imported)."""
    from autograd_illustrated.runner import find_snippets, stale_snippets

    if not stale_snippets(find_snippets(root)):
        return
    # -B: no .pyc files under src/, which `mkdocs serve` watches.
    command = [sys.executable, "-B", "-m", "autograd_illustrated.runner", "--root", str(root)]
    if subprocess.run(command, cwd=root).returncode:
        raise PrebuildError("the snippet runner failed (its report is above)")


def publish(root: Path, target: Path) -> None:
    """Make ``target`` a docs folder holding ``docs/`` and everything :func:`published`.

    Files are linked (hard links, or copies across file systems); ``target`` is replaced.
    """
    if target.exists():
        shutil.rmtree(target)
    sources = [
        (path.relative_to(root / "docs").as_posix(), path)
        for path in sorted((root / "docs").rglob("*"))
        if path.is_file()
    ]
    for url, source in [*sources, *published(root)]:
        destination = target / url
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, destination)
        except OSError:
            shutil.copy2(source, destination)


def prebuild(root: Path, publish_to: Path | None = None) -> None:
    root = root.resolve()
    check_includes(root, root / "docs", [root])
    write_every_translation(root)
    run_snippets(root)
    check_includes(root, root / "docs", [root], skip_generated=False)
    write_notebooks(root)
    if publish_to is not None:
        publish(root, publish_to)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument(
        "--publish",
        type=Path,
        metavar="DIR",
        help="assemble docs/ and the published files into DIR",
    )
    args = parser.parse_args(argv)
    try:
        prebuild(args.root, args.publish)
    except (PrebuildError, TranslationError) as exc:
        print(f"prebuild: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
