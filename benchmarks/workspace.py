"""Throw-away copies of the project for the benchmark, and the edits it times.

The benchmark never touches the real tree: it builds a copy of the committed project
(``git archive HEAD``), whose own ``src/`` is put first on ``PYTHONPATH`` so the hooks and
the runner come from the copy, not from the editable install.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

# Not part of a clean clone, or served from the real tree (node_modules is large).
_SKIP = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    "site",
    "generated",
    ".cache",
    "__pycache__",
    ".ruff_cache",
    "test-artifacts",
    "*.egg-info",
)


def make_copy(
    project: Path, dest: Path, from_worktree: bool = False, revision: str = "HEAD"
) -> Path:
    """A clean copy of ``project`` at ``dest``: ``revision`` (HEAD), or the working tree."""
    if from_worktree:
        shutil.copytree(project, dest, ignore=_SKIP)
    else:
        archive = subprocess.run(
            ["git", "-C", str(project), "archive", "--format=tar", revision],
            check=True,
            capture_output=True,
        ).stdout
        dest.mkdir(parents=True)
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(dest, filter="data")
    # A git repository, like a clone: some tests ask git which files are tracked.
    git = ["git", "-C", str(dest), "-c", "user.name=bench", "-c", "user.email=bench@localhost"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "benchmark snapshot"], check=True)
    (dest / "node_modules").symlink_to(project / "node_modules")
    # Some tests run the project's own tools by path (.venv/bin/...). Read-only use: the
    # benchmark never runs `make setup` in the copy.
    (dest / ".venv").symlink_to(project / ".venv")
    return dest


def temp_root(prefix: str = "autograd-bench-") -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))


def reset_outputs(root: Path) -> None:
    """Back to a fresh clone's state: no snippet outputs, no notebook cache, no site."""
    for name in ("generated", ".cache", "site"):
        shutil.rmtree(root / name, ignore_errors=True)


class Edits:
    """Edits the benchmark makes, each one distinct so that every edit really changes a file."""

    def __init__(self, root: Path):
        self.root = root
        self.count = 0

    def snippet(self) -> Path:
        """Append a statement to one snippet: its text hash changes, its output does not.

        Not a comment: every comment needs its Chinese translation, or the build fails.
        """
        path = self.pick_snippet()
        self.count += 1
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"benchmark_edit = {self.count}\n")
        return path

    def prose(self) -> Path:
        """Append a sentence to one page (touches no snippet)."""
        path = self.root / "docs" / "dynamic-graphs.en.md"
        self.count += 1
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\nBenchmark edit number {self.count}.\n")
        return path

    def pick_snippet(self) -> Path:
        preferred = self.root / "snippets" / "dynamic_graphs" / "linear_graph.py"
        if preferred.is_file():
            return preferred
        return sorted((self.root / "snippets").rglob("*.py"))[0]


def scale_site(root: Path, factor: int) -> tuple[int, int]:
    """Make ``factor`` copies of every page and snippet (pages point at their own copies).

    Returns (pages, snippets) after scaling. The copies are not in the nav, which MkDocs
    only reports at INFO level.
    """
    snippets_dir, docs = root / "snippets", root / "docs"
    chapters = sorted(d for d in snippets_dir.iterdir() if d.is_dir() and d.name[0] != "_")
    pages = sorted(p for p in docs.glob("*.md") if p.name.count(".") == 2)
    for k in range(2, factor + 1):
        for chapter in chapters:
            shutil.copytree(
                chapter,
                snippets_dir / f"{chapter.name}_x{k}",
                ignore=shutil.ignore_patterns("__pycache__"),
            )
        for page in pages:
            text = page.read_text(encoding="utf-8")
            for chapter in chapters:
                for top in ("snippets", "generated"):
                    text = text.replace(f"{top}/{chapter.name}/", f"{top}/{chapter.name}_x{k}/")
            slug, lang, _ = page.name.split(".")
            (docs / f"{slug}-x{k}.{lang}.md").write_text(text, encoding="utf-8")
    n_pages = len(list(docs.glob("*.md")))
    n_snippets = len([p for p in snippets_dir.rglob("*.py") if p.name[0] != "_"])
    return n_pages, n_snippets
