"""Forked Material templates stay in step with the Material that is installed.

A file under ``overrides/`` with the path of one of Material's templates replaces it. Most
of ours only extend Material's (``{% extends %}``), and follow it through upgrades by
themselves. A fork is a copy of Material's file with a change; it names the Material
version it was copied from, what differs, and the sha256 of the original it was copied
from. When an upgrade changes that original, the fork would silently keep the old markup:
this test fails instead, naming the file, and shows how the fork now differs from the new
original. CONTRIBUTING.md ("Upgrading Material") says how to re-sync.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from importlib import metadata
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parents[1]
OVERRIDES = ROOT / "overrides"
MATERIAL = Path(material.__file__).resolve().parent / "templates"
FORK_HEADER = re.compile(
    r"\A\{#-\s*Material (?P<version>\d+(?:\.\d+)+)'s (?P<path>\S+),"
    r".*?Forked from the original with sha256 (?P<sha256>[0-9a-f]{64});.*?-#\}\n",
    re.DOTALL,
)


def _shadowing() -> list[Path]:
    """Overrides that replace a template Material ships."""
    return [
        path
        for path in sorted(OVERRIDES.rglob("*.html"))
        if (MATERIAL / path.relative_to(OVERRIDES)).is_file()
    ]


def _forks() -> list[Path]:
    return [p for p in _shadowing() if not p.read_text("utf-8").lstrip().startswith("{% extends")]


def test_there_is_a_fork_to_check():
    # Not vacuous: overrides/partials/search.html is one today.
    assert OVERRIDES / "partials" / "search.html" in _forks()


@pytest.mark.parametrize("fork", _forks(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_fork_matches_the_installed_materials_original(fork):
    rel = fork.relative_to(ROOT).as_posix()
    text = fork.read_text("utf-8")
    header = FORK_HEADER.match(text)
    assert header, (
        f"{rel} replaces Material's {fork.relative_to(OVERRIDES).as_posix()} without extending "
        "it: start it with a comment naming the Material version it was copied from, what "
        "differs, and 'Forked from the original with sha256 <sha256 of Material's file>;'"
    )
    assert header["path"] == fork.relative_to(OVERRIDES).as_posix(), rel
    original = MATERIAL / header["path"]
    installed = metadata.version("mkdocs-material")
    if hashlib.sha256(original.read_bytes()).hexdigest() != header["sha256"]:
        ours = text[header.end() :].splitlines(keepends=True)
        # Without Material's own "automatically generated" comment: only markup differs.
        theirs = re.sub(r"\A\{#-.*?-#\}\n", "", original.read_text("utf-8"), flags=re.DOTALL)
        theirs = theirs.splitlines(keepends=True)
        diff = "".join(
            difflib.unified_diff(theirs, ours, f"Material {installed}", rel, n=1)
        )
        pytest.fail(
            f"{rel} was forked from Material {header['version']}'s {header['path']}, and the "
            f"installed Material {installed} has changed that file since: re-apply our change "
            f"to the new original (CONTRIBUTING.md, 'Upgrading Material'). Now:\n{diff}"
        )
