"""Code comments in the page's language, from one source file per snippet.

A snippet's comments are written in English, in the snippet. Their Chinese lives next to it,
in a sidecar file that maps each English comment to its translation::

    snippets/backward/scalar.py        # the code, with English comments (the one source)
    snippets/backward/scalar.zh.toml   # "English comment" = "中文注释"

Before a build, :func:`write_translated` writes every snippet with its comments swapped into
``generated/_zh/snippets/<chapter>/<name>.py``; Chinese pages' includes of
``snippets/<chapter>/<name>.py[:section]`` are served from there by
:class:`CommentLanguageExtension`, a Python-Markdown preprocessor that runs before
pymdownx.snippets. The include lines themselves stay identical in both languages, and only
comments change: the swap works on :mod:`tokenize`'s COMMENT tokens, so a ``#`` inside a
string is never touched, and code, strings and docstrings stay byte-for-byte the same.

What counts as one comment (one key in the sidecar):

- a comment after code on the same line: ``x = f(y)  # why``;
- a run of comment-only lines at the same indentation: their text joined by single spaces.
  The Chinese is wrapped again to about the English block's width (write ``\\n`` in the
  translation to choose the line breaks yourself).

Left alone: section markers (``# --8<-- [start:x]``), and the marker part of ``# raises: X``,
``# noqa: E402``, ``# type: ...``, ``# fmt: ...`` and ``# pragma: ...`` (only the words after
the marker are translated, e.g. ``# noqa: E402 - layers`` -> ``# noqa: E402 - 各种层``).

A comment without a translation fails the build (and ``tests/test_comments.py``) with the
snippet's ``file:line`` and the exact line to add to the sidecar. To add stubs for every
missing comment at once::

    python -m autograd_illustrated.comments --stub snippets/backward/scalar.py
    python -m autograd_illustrated.comments            # check every snippet, write generated/

Nothing here imports torch.
"""

from __future__ import annotations

import io
import json
import re
import tokenize
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .vocabulary import CODE_LANGUAGE, LANGUAGES, SECTION_MARK, english_name, parse_include

# Languages whose pages show translated comments (by name, for messages): all but the one
# the snippets' comments are written in.
TRANSLATED = {lang: english_name(lang) for lang in LANGUAGES if lang != CODE_LANGUAGE}
# Markers that tools or the runner read: kept as written; words after them are translated.
MARKER = re.compile(
    r"^(?P<marker>(?:raises:\s*[A-Za-z_][\w.]*|noqa(?::\s*[A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*)?"
    r"|type:.*|fmt:.*|pragma:.*|ruff:.*|!.*|-\*-.*))(?P<sep>\s*(?:[-:;,—]\s*)?)"
)
SHEBANG = re.compile(r"^#!|^#.*coding[:=]")


def _output_path(root: Path, lang: str) -> Path:
    return root / "generated" / f"_{lang}"


def sidecar_path(snippet: Path, lang: str = "zh") -> Path:
    """``snippets/backward/scalar.py`` -> ``snippets/backward/scalar.zh.toml``."""
    return snippet.with_name(f"{snippet.stem}.{lang}.toml")


@dataclass(frozen=True)
class Comment:
    """One translatable comment: a trailing comment, or a block of comment-only lines."""

    first: int  # 1-based line numbers in the snippet
    last: int
    col: int  # where the ``#`` starts
    own_line: bool  # True for comment-only lines; False after code
    prefix: str  # kept as written: ``# `` or ``# noqa: E402 - ``
    text: str  # the English to translate: the sidecar's key
    width: int  # the widest English line, in columns: Chinese is wrapped to about this


def _split_marker(body: str) -> tuple[str, str]:
    """``noqa: E402 - layers`` -> (``noqa: E402 - ``, ``layers``)."""
    found = MARKER.match(body)
    if not found:
        return "", body
    return found.group(0), body[found.end() :]


def find_comments(source: str) -> list[Comment]:
    """Every comment of ``source`` that needs a translation, in order."""
    lines = source.splitlines()
    raw = []  # (line, col, own_line, prefix, text)
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT:
            continue
        line, col = token.start
        if SECTION_MARK.match(token.string) or SHEBANG.match(token.string):
            continue
        body = token.string[1:]
        lead = body[: len(body) - len(body.lstrip())]
        marker, text = _split_marker(body.lstrip())
        text = text.strip()
        if not text:
            continue  # a bare marker, or an empty ``#``
        own_line = not lines[line - 1][:col].strip()
        raw.append((line, col, own_line, "#" + lead + marker, text))

    comments: list[Comment] = []
    block: list[tuple] = []

    def flush() -> None:
        if block:
            first, col, _, prefix, _ = block[0]
            width = max(len(lines[n - 1]) for n, *_ in block)
            text = " ".join(t for *_, t in block)
            comments.append(Comment(first, block[-1][0], col, True, prefix, text, width))
            block.clear()

    for entry in raw:
        line, col, own_line, prefix, text = entry
        if not own_line:
            flush()
            width = len(lines[line - 1])
            comments.append(Comment(line, line, col, False, prefix, text, width))
            continue
        # A block continues on the next line, at the same column, with no marker of its own.
        if block and (line != block[-1][0] + 1 or col != block[-1][1] or prefix != "# "):
            flush()
        block.append(entry)
    flush()
    return comments


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# Never at the start of a line (Chinese line-breaking rules, simplified).
_NO_LINE_START = set("，。、；：！？）》」』】,.;:!?)]}")
_BREAK_AFTER = "，。、；：！？）"
_UNIT = re.compile(r"[A-Za-z0-9_`'\"().,:;!?=<>*/+\-\[\]{}@%^&|~\\#$]+|\s+|.", re.S)


def wrap(text: str, width: int) -> list[str]:
    """Wrap mixed Chinese/English text to ``width`` columns, keeping ASCII words whole."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for unit in _UNIT.findall(paragraph):
            if unit.isspace():
                if current:
                    current += " "
                continue
            if current and _columns(current + unit) > width and unit[0] not in _NO_LINE_START:
                # Prefer to break after a nearby punctuation mark than inside a word.
                cut = max(current.rfind(mark) for mark in _BREAK_AFTER) + 1
                if cut <= 0 or _columns(current[cut:]) > width // 4:
                    cut = len(current)
                lines.append(current[:cut].rstrip())
                current = current[cut:].lstrip()
            current += unit
        lines.append(current.rstrip())
    return lines


class TranslationError(Exception):
    """Comments without a translation, or translations of comments that no longer exist."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def toml_key(text: str) -> str:
    """A TOML basic string for ``text`` (JSON's escapes are valid TOML)."""
    return json.dumps(text, ensure_ascii=False)


def load_sidecar(path: Path, root: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TranslationError([f"{_shown(path, root)}: not valid TOML: {exc}"]) from exc
    bad = [k for k, v in data.items() if not isinstance(v, str)]
    if bad:
        raise TranslationError(
            [f"{_shown(path, root)}: {toml_key(k)} must map to a string" for k in bad]
        )
    return data


def _sidecar_line(path: Path, key: str) -> int:
    needle = toml_key(key)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.lstrip().startswith(needle) or key in line:
            return number
    return 1


def translate(source: str, table: dict[str, str]) -> tuple[str, list[Comment], set[str]]:
    """``source`` with every comment swapped for its entry in ``table``.

    Returns the new source, the comments that have no (or an empty) entry, and the keys used.
    """
    lines = source.splitlines()
    missing: list[Comment] = []
    used: set[str] = set()
    # Bottom-up, so earlier line numbers stay valid while blocks change length.
    for comment in reversed(find_comments(source)):
        translation = table.get(comment.text)
        if translation is not None:
            used.add(comment.text)
        if not translation or not translation.strip():
            missing.append(comment)
            continue
        head = lines[comment.first - 1][: comment.col]
        if not comment.own_line:
            lines[comment.first - 1] = head + comment.prefix + " ".join(translation.split("\n"))
            continue
        room = max(comment.width, 60) - comment.col - len(comment.prefix)
        wrapped = wrap(translation.strip(), max(room, 20))
        new = [head + comment.prefix + wrapped[0]]
        new += [head + "# " + line for line in wrapped[1:]]
        lines[comment.first - 1 : comment.last] = new
    missing.reverse()
    end = "\n" if source.endswith("\n") else ""
    return "\n".join(lines) + end, missing, used


def translated_source(snippet: Path, root: Path, lang: str = "zh") -> str:
    """The snippet's source with its comments in ``lang``; raises :class:`TranslationError`."""
    if lang not in TRANSLATED:
        return snippet.read_text(encoding="utf-8")
    text, problems = _translate_file(snippet, root, lang)
    if problems:
        raise TranslationError(problems)
    return text


def _translate_file(snippet: Path, root: Path, lang: str) -> tuple[str, list[str]]:
    sidecar = sidecar_path(snippet, lang)
    stamps = tuple(
        (stat.st_size, stat.st_mtime_ns) if (stat := _stat(path)) else None
        for path in (snippet, sidecar)
    )
    text, problems = _translate_unchanged(snippet, root, lang, stamps)
    return text, list(problems)


def _stat(path: Path):
    try:
        return path.stat()
    except OSError:
        return None


# A long-lived build (`mkdocs serve`) translates every snippet before every rebuild: each
# file is tokenized again only when it or its sidecar changed (``stamps``).
@lru_cache(maxsize=4096)
def _translate_unchanged(
    snippet: Path, root: Path, lang: str, stamps: tuple
) -> tuple[str, tuple[str, ...]]:
    text, problems = _translate_anew(snippet, root, lang)
    return text, tuple(problems)


def _translate_anew(snippet: Path, root: Path, lang: str) -> tuple[str, list[str]]:
    sidecar = sidecar_path(snippet, lang)
    table = load_sidecar(sidecar, root)
    source = snippet.read_text(encoding="utf-8")
    text, missing, used = translate(source, table)
    where, side = _shown(snippet, root), _shown(sidecar, root)
    language = TRANSLATED[lang]
    problems = []
    for comment in missing:
        if table.get(comment.text) is None:
            problems.append(
                f"{where}:{comment.first}: comment has no {language} translation; "
                f'add this line to {side}:\n    {toml_key(comment.text)} = "…"'
            )
        else:
            problems.append(
                f"{side}:{_sidecar_line(sidecar, comment.text)}: the {language} translation "
                f"of the comment at {where}:{comment.first} is empty"
            )
    for key in table:
        if key not in used:
            problems.append(
                f"{side}:{_sidecar_line(sidecar, key)}: translates a comment that {where} "
                f"does not have (edited or removed?): {toml_key(key)}"
            )
    return text, problems


def snippet_files(root: Path) -> list[Path]:
    base = root / "snippets"
    return [
        p
        for p in sorted(base.rglob("*.py"))
        if not p.name.startswith("_") and "__pycache__" not in p.parts
    ]


def check(root: Path, lang: str = "zh") -> list[str]:
    """Every translation problem of every snippet (and every orphaned sidecar)."""
    problems = []
    for snippet in snippet_files(root):
        problems += _translate_file(snippet, root, lang)[1]
    return problems + check_orphans(root, lang)


def write_translated(root: Path, lang: str = "zh") -> list[Path]:
    """Write every snippet, comments translated, under ``generated/_<lang>/snippets/``.

    Raises :class:`TranslationError` listing every problem. Returns the files that changed;
    an unchanged file is not rewritten, and files of removed snippets are deleted.
    """
    out = _output_path(root, lang)
    changed, wanted, problems = [], set(), []
    for snippet in snippet_files(root):
        text, found = _translate_file(snippet, root, lang)
        problems += found
        target = out / snippet.relative_to(root)
        wanted.add(target)
        if found or (target.is_file() and target.read_text(encoding="utf-8") == text):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
        changed.append(target)
    problems += check_orphans(root, lang)
    if problems:
        raise TranslationError(problems)
    if out.is_dir():
        for stale in out.rglob("*.py"):
            if stale not in wanted:
                stale.unlink()
    return changed


def write_every_translation(root: Path) -> list[Path]:
    """:func:`write_translated` for every language whose pages show translated comments."""
    return [path for lang in TRANSLATED for path in write_translated(root, lang)]


def check_orphans(root: Path, lang: str = "zh") -> list[str]:
    problems = []
    for sidecar in sorted((root / "snippets").rglob(f"*.{lang}.toml")):
        snippet = sidecar.with_name(sidecar.name.removesuffix(f".{lang}.toml") + ".py")
        if not snippet.is_file():
            problems.append(
                f"{_shown(sidecar, root)}:1: translates {_shown(snippet, root)}, "
                "which does not exist"
            )
    return problems


def add_stubs(snippet: Path, root: Path, lang: str = "zh") -> list[str]:
    """Append an empty entry to the sidecar for every untranslated comment of ``snippet``."""
    sidecar = sidecar_path(snippet, lang)
    table = load_sidecar(sidecar, root)
    source = snippet.read_text(encoding="utf-8")
    keys = []
    for comment in find_comments(source):
        if comment.text not in table and comment.text not in keys:
            keys.append(comment.text)
    if keys:
        existing = sidecar.read_text(encoding="utf-8") if sidecar.is_file() else ""
        if existing and not existing.endswith("\n"):
            existing += "\n"
        sidecar.write_text(
            existing + "".join(f'{toml_key(k)} = ""\n' for k in keys), encoding="utf-8"
        )
    return keys


# -- pages: Chinese pages include the translated copy -------------------------------------

def localize_include(line: str, lang: str) -> str:
    """``--8<-- "snippets/a/b.py:s"`` -> ``--8<-- "generated/_zh/snippets/a/b.py:s"``."""
    if lang not in TRANSLATED:
        return line
    found = parse_include(line)
    if not found or not found.target.startswith("snippets/") or not found.target.endswith(".py"):
        return line
    return f"{line[: found.start]}{_output_path(Path('.'), lang).as_posix()}/{line[found.start :]}"


class _LocalizeIncludes(Preprocessor):
    def __init__(self, md, lang: str):
        super().__init__(md)
        self.lang = lang

    def run(self, lines: list[str]) -> list[str]:
        return [localize_include(line, self.lang) for line in lines]


class CommentLanguageExtension(Extension):
    """Serve snippet includes with comments in the page's language.

    Runs before pymdownx.snippets (priority 32). ``language`` is the language of the pages
    this Markdown instance renders (static-i18n builds one language at a time).
    """

    def __init__(self, **kwargs):
        self.config = {"language": ["", "language of the pages being rendered (default: en)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        from autograd_illustrated.markdown import page_language

        language = page_language(self.getConfig("language"), default="en")
        md.preprocessors.register(_LocalizeIncludes(md, language), "lang", 33)


def makeExtension(**kwargs):  # noqa: N802 - Python-Markdown's name
    return CommentLanguageExtension(**kwargs)


def main(argv: list[str] | None = None) -> int:
    import argparse
    import sys

    parser = argparse.ArgumentParser(
        description="Check snippet comment translations and write the translated copies."
    )
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument(
        "--stub",
        nargs="+",
        type=Path,
        metavar="SNIPPET",
        help="append an empty entry to the sidecar for each untranslated comment",
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.stub:
        for snippet in args.stub:
            keys = add_stubs(snippet.resolve(), root)
            side = _shown(sidecar_path(snippet.resolve()), root)
            print(f"{side}: {len(keys)} comment(s) to translate")
        return 0
    try:
        for path in write_translated(root):
            print(f"wrote  {_shown(path, root)}")
    except TranslationError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
