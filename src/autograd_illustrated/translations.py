"""Translation freshness: each page records which version of its sibling it follows.

Bilingual docs fail by drifting apart: one language gets a fix, the other never hears of
it. So every page ``docs/<slug>.<lang>.md`` ends with a marker naming its sibling in the
other language and a hash of the sibling's content when the two last said the same::

    <!-- translation: synced with docs/backward.en.md @ 3f2a9c01be47 -->

A notebook (``docs/<slug>.<lang>.ipynb``) keeps the same record in its metadata, under
``"translation"``, and its hash covers its cells' types and sources, not outputs.

The hash ignores the page's own marker (re-stamping one page never makes its sibling
stale), line endings and trailing whitespace (formatting noise is not a change of
prose), but nothing else: any edit to the text, code or checks changes it.

    python -m autograd_illustrated.translations check            # every page, or name some
    python -m autograd_illustrated.translations sync PAGE [PAGE ...]
    python -m autograd_illustrated.translations sync --all       # after a merge

``sync PAGE`` declares "PAGE now says what its sibling says": it records the sibling's
current hash in PAGE. A typo fixed in English is one command, ``sync`` on the Chinese page
(which did not change). A change translated into the other page changes that page too,
so sync both. No torch involved.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .vocabulary import LANGUAGES, PAGE_EXTENSIONS, shown, sibling_of

HASH_LENGTH = 12
# An HTML comment: Markdown renders none of it (the build also drops it, see
# hooks/translations.py), sybil and the prose-number lint skip comments.
MARKER = re.compile(
    r"^<!-- translation: synced with (?P<sibling>\S+) @ (?P<hash>[0-9a-f]+) -->[ \t]*$",
    re.MULTILINE,
)
# Catches a hand-mangled marker, which would otherwise count as prose and go unnoticed.
_ANY_MARKER = re.compile(r"^[ \t]*<!--\s*translation\s*:.*$", re.MULTILINE)
COMMAND = "python -m autograd_illustrated.translations"


def _md_body(text: str) -> str:
    """The page without its marker, with line endings and trailing whitespace normalised."""
    text = _ANY_MARKER.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def _notebook_body(text: str) -> str:
    cells = json.loads(text).get("cells", [])
    parts = []
    for cell in cells:
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        parts.append(f"--- {cell.get('cell_type')}\n{_md_body(source)}")
    return "\n".join(parts)


def content_hash(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    body = _notebook_body(text) if path.suffix == ".ipynb" else _md_body(text)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:HASH_LENGTH]


@dataclass
class Marker:
    sibling: str  # as written: docs/x.en.md
    hash: str


def read_marker(path: Path) -> Marker | None:
    """The page's record; ``ValueError`` if it is there but malformed or repeated."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        record = json.loads(text).get("metadata", {}).get("translation")
        if record is None:
            return None
        try:
            return Marker(str(record["synced_with"]), str(record["hash"]))
        except (TypeError, KeyError) as error:
            raise ValueError('metadata "translation" needs "synced_with" and "hash"') from error
    found = _ANY_MARKER.findall(text)
    if not found:
        return None
    if len(found) > 1:
        raise ValueError(f"{len(found)} translation markers; keep one (sync rewrites it)")
    match = MARKER.search(text)
    if match is None:
        raise ValueError(f"malformed translation marker {found[0].strip()!r}")
    return Marker(match["sibling"], match["hash"])


def write_marker(path: Path, marker: Marker) -> None:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        notebook = json.loads(text)
        notebook.setdefault("metadata", {})["translation"] = {
            "synced_with": marker.sibling,
            "hash": marker.hash,
        }
        # nbformat's own layout, so Jupyter saving the file changes nothing else.
        new = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
    else:
        body = _ANY_MARKER.sub("", text).rstrip()
        # Last line, after a blank one: a block of its own, outside any admonition, and
        # away from where other edits land.
        new = f"{body}\n\n<!-- translation: synced with {marker.sibling} @ {marker.hash} -->\n"
    if new != text:
        path.write_text(new, encoding="utf-8")


PAGE_NAMING = f"<slug>.{'|'.join(LANGUAGES)}.{'|'.join(PAGE_EXTENSIONS)}"


def pages(root: Path) -> list[Path]:
    docs = root / "docs"
    return sorted(
        path for path in docs.iterdir() if path.is_file() and sibling_of(path) is not None
    )


def sync(path: Path, root: Path) -> Marker:
    """Record in ``path`` that it now says what its sibling currently says."""
    sibling = sibling_of(path)
    if sibling is None:
        raise ValueError(f"{shown(path, root)}: not a page named {PAGE_NAMING}")
    if not sibling.is_file():
        raise ValueError(f"{shown(path, root)}: its sibling {shown(sibling, root)} is missing")
    marker = Marker(shown(sibling, root), content_hash(sibling))
    write_marker(path, marker)
    return marker


def _state(path: Path, root: Path) -> tuple[str, str | None]:
    """("fresh" | "stale" | "missing" | "broken", detail) for one page."""
    sibling = sibling_of(path)
    assert sibling is not None
    if not sibling.is_file():
        return "broken", f"its sibling {shown(sibling, root)} is missing"
    try:
        marker = read_marker(path)
    except ValueError as error:
        return "broken", str(error)
    if marker is None:
        return "missing", None
    if marker.sibling != shown(sibling, root):
        return "broken", f"marker names {marker.sibling}, not its sibling {shown(sibling, root)}"
    current = content_hash(sibling)
    return ("fresh", None) if marker.hash == current else ("stale", marker.hash)


def check(root: Path, selected: list[Path] | None = None) -> list[str]:
    """One message per stale, unmarked or broken page; each names both files."""
    problems = []
    for path in selected if selected is not None else pages(root):
        sibling = sibling_of(path)
        if sibling is None:
            problems.append(f"{shown(path, root)}: not a page named {PAGE_NAMING}")
            continue
        name, other = shown(path, root), shown(sibling, root)
        state, detail = _state(path, root)
        pair = f"`{COMMAND} sync {name} {other}`"
        if state == "broken":
            problems.append(f"{name}: {detail} (`{COMMAND} sync {name}` rewrites the marker)")
        elif state == "missing":
            problems.append(
                f"{name} records no sync with {other}: once the two say the same, run {pair}"
            )
        elif state == "stale":
            current = content_hash(sibling)
            message = f"{name} was synced with {other} @ {detail}, but {other} is now @ {current}: "
            if _state(sibling, root)[0] == "stale":
                message += (
                    f"both pages changed since they were last synced: bring each up to date "
                    f"with the other, then run {pair}"
                )
            else:
                # The sibling agrees with this page as it is, so whatever changes this page
                # now is the translation: stamping both is safe. A typo fix changes nothing
                # here, and re-stamping the sibling is then a no-op.
                message += (
                    f"translate the change into {name} (nothing to do for a typo fix), then "
                    f"run {pair}"
                )
            problems.append(message)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=COMMAND, description="Keep each page in step with its other-language sibling."
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="project root")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="fail on pages whose sibling changed")
    check_cmd.add_argument("pages", nargs="*", type=Path)
    sync_cmd = commands.add_parser("sync", help="mark pages as following their sibling")
    sync_cmd.add_argument("pages", nargs="*", type=Path)
    sync_cmd.add_argument("--all", action="store_true", help="every page under docs/")
    args = parser.parse_args(argv)
    root = args.root

    if args.command == "check":
        problems = check(root, args.pages or None)
        print("\n".join(problems) or "every page is in step with its sibling")
        return 1 if problems else 0

    if args.all == bool(args.pages):
        parser.error("sync: name the pages, or use --all (not both)")
    targets = pages(root) if args.all else args.pages
    try:
        for path in targets:
            marker = sync(path, root)
            print(f"{shown(path, root)}: synced with {marker.sibling} @ {marker.hash}")
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
