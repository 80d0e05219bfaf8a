"""Code a reader sees runs for a reader: every name it reads is set by code they can see.

Issue 18 ("Examples a reader can run"). A reader copies the code blocks of a page, top to
bottom, into a Python session. Each block may use what it defines or imports itself, what
an earlier block *shown on the same page* defined or imported, and Python's builtins. A name
set only by hidden code is missing: the parts of a snippet no page includes (its
``import torch`` above the first section, say), ``<!-- invisible-code-block -->`` blocks,
and the page tests' fixtures (``snippet(...)``, and the ``chain``, ``fit``… it returns).

What counts as shown, in page order:

- every include (``--8<-- "snippets/…py:section"``, or of any ``.py`` file, whole or by
  section) inside a ``python`` fence: the section's lines, as pymdownx shows them (inner
  section markers dropped, dedented);
- the other lines of a ``python`` fence, as written on the page;
- ``pycon`` fences, and ``python`` fences starting with ``>>>``: a reader sees them as a
  session and types them in, so their ``>>>`` statements read and define names like any
  other block (outputs are ignored). They get no pass for reading hidden fixtures either:
  a doctest that needs one must show its setup, or stay invisible;
- the code cells of ``.ipynb`` pages.

Fences inside HTML comments, and other languages (``text``, ``bash``), are not code a
reader runs. Chinese pages show the same code as English ones (only comments differ,
``tests/test_comments.py`` holds the syntax trees equal), so both languages are read from
the English snippet file and failures cite its line numbers.

The check is static (``ast``, Python's scoping rules: comprehensions, arguments, ``for``,
``with … as``, ``except … as``, ``global``/``nonlocal``, the walrus, ``del``). A read must
come after its definition, at the granularity of top-level statements; function bodies run
when called, so they may read what any shown code on the page defines. Only the root of an
attribute matters (``torch`` in ``torch.nn.Linear``). Three refinements:

- A shown block of a snippet that reads a name its *own file's* hidden code (re)binds is
  reading the hidden value, even if another block on the page defined the same name: a
  reader has that other value. Unless the hidden statement repeats one the page has shown
  (``from torch import nn`` again, or a helper copied so that a file runs on its own).
- A block whose statement is marked ``# raises: NameError`` may read a name nothing
  defines: that error is what the page shows.
- ``from … import *`` is not allowed in shown code: it hides what it defines.
"""

from __future__ import annotations

import ast
import builtins
import doctest
import json
import os
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from autograd_illustrated.runner.snippets import raise_markers
from autograd_illustrated.vocabulary import (
    FENCE,
    PYTHON_FENCES,
    SECTION_MARK,
    fence_language,
    is_doctest,
    page_name,
    parse_include,
)

ROOT = Path(os.environ.get("PROJECT_ROOT") or Path(__file__).resolve().parents[1]).resolve()
DOCS = ROOT / "docs"
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Always there in a module's namespace, a notebook's or a REPL's (``__file__`` is not).
ALWAYS = set(dir(builtins)) | {"__name__", "__doc__", "__builtins__", "__spec__", "__loader__"}
# The page tests' namespace (autograd_illustrated.doccheck.page_sybil); never a reader's.
FIXTURES = {"snippet": "the page tests' snippet() fixture (autograd_illustrated/doccheck.py)"}


# -- what a piece of code reads and defines -------------------------------------------------


class _Scope:
    def __init__(self, kind: str, parent: _Scope | None):
        self.kind = kind  # module, function, class, comprehension
        self.parent = parent
        self.bound: set[str] = set()
        self.globals: set[str] = set()
        self.nonlocals: set[str] = set()
        self.uses: list[tuple[str, int]] = []

    def resolve(self, name: str) -> _Scope:
        """The scope a read of ``name`` here finds it in (the module if no other)."""
        if name in self.globals:
            return self.module
        if self.kind != "module" and (name in self.bound or name in self.nonlocals):
            return self
        scope = self.parent
        while scope is not None and scope.kind != "module":
            if name in scope.globals:
                return self.module
            # Class bodies are invisible to the functions and comprehensions inside them.
            if scope.kind != "class" and name in scope.bound:
                return scope
            scope = scope.parent
        return self.module

    @property
    def module(self) -> _Scope:
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope

    @property
    def deferred(self) -> bool:
        """Code here runs later than the statement that holds it (a function body)."""
        scope: _Scope | None = self
        while scope is not None:
            if scope.kind == "function":
                return True
            scope = scope.parent
        return False


class _Names(ast.NodeVisitor):
    """Every scope of one statement: what each binds and declares, and where it reads."""

    def __init__(self):
        self.module = _Scope("module", None)
        self.scope = self.module
        self.scopes = [self.module]
        self.star_imports: list[int] = []

    def _enter(self, kind: str) -> _Scope:
        self.scope = _Scope(kind, self.scope)
        self.scopes.append(self.scope)
        return self.scope

    def _leave(self, scope: _Scope) -> None:
        self.scope = scope.parent

    def _bind(self, name: str, scope: _Scope | None = None) -> None:
        (scope or self.scope).bound.add(name)

    def _use(self, name: str, line: int) -> None:
        self.scope.uses.append((name, line))

    def _visit_all(self, nodes) -> None:
        for node in nodes:
            if node is not None:
                self.visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            self._use(node.id, node.lineno)
        elif isinstance(node.ctx, ast.Del):
            self._use(node.id, node.lineno)  # `del x` needs an x
            self._bind(node.id)
        else:
            self._bind(node.id)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.target, ast.Name):
            self._use(node.target.id, node.lineno)  # `x += 1` reads x first
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._bind(alias.asname or alias.name.split(".")[0])

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            if alias.name == "*":
                self.star_imports.append(node.lineno)
            else:
                self._bind(alias.asname or alias.name)

    def visit_Global(self, node: ast.Global) -> None:
        self.scope.globals.update(node.names)

    def visit_Nonlocal(self, node: ast.Nonlocal) -> None:
        self.scope.nonlocals.update(node.names)

    def _arguments(self, args: ast.arguments) -> list[str]:
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
        return [a.arg for a in every if a is not None]

    def _signature_outside(self, args: ast.arguments) -> None:
        """Defaults and annotations are evaluated where the function is defined."""
        self._visit_all([*args.defaults, *args.kw_defaults])
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
        self._visit_all([a.annotation for a in every if a is not None])

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self._visit_all(node.decorator_list)
        self._signature_outside(node.args)
        self._visit_all([node.returns])
        self._bind(node.name)
        scope = self._enter("function")
        scope.bound.update(self._arguments(node.args))
        self._visit_all(node.body)
        self._leave(scope)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._signature_outside(node.args)
        scope = self._enter("function")
        scope.bound.update(self._arguments(node.args))
        self.visit(node.body)
        self._leave(scope)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._visit_all([*node.decorator_list, *node.bases, *node.keywords])
        self._bind(node.name)
        scope = self._enter("class")
        self._visit_all(node.body)
        self._leave(scope)

    def _comprehension(self, node, *results) -> None:
        # The first iterable is evaluated outside, everything else inside the comprehension.
        self.visit(node.generators[0].iter)
        scope = self._enter("comprehension")
        for index, generator in enumerate(node.generators):
            if index:
                self.visit(generator.iter)
            self.visit(generator.target)
            self._visit_all(generator.ifs)
        self._visit_all(results)
        self._leave(scope)

    def visit_ListComp(self, node) -> None:
        self._comprehension(node, node.elt)

    visit_SetComp = visit_GeneratorExp = visit_ListComp

    def visit_DictComp(self, node: ast.DictComp) -> None:
        self._comprehension(node, node.key, node.value)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        scope = self.scope
        while scope.kind == "comprehension":  # a walrus binds outside its comprehension
            scope = scope.parent
        if node.target.id in scope.globals:
            scope = self.module
        self._bind(node.target.id, scope)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        self._visit_all([node.type])
        if node.name:
            self._bind(node.name)
        self._visit_all(node.body)

    def visit_MatchAs(self, node: ast.MatchAs) -> None:
        if node.name:
            self._bind(node.name)
        self.generic_visit(node)

    def visit_MatchStar(self, node: ast.MatchStar) -> None:
        if node.name:
            self._bind(node.name)

    def visit_MatchMapping(self, node: ast.MatchMapping) -> None:
        if node.rest:
            self._bind(node.rest)
        self.generic_visit(node)


SIMPLE = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.Delete, ast.Return)


@dataclass(frozen=True)
class Statement:
    """One top-level statement: the module names it defines, deletes and reads."""

    defines: frozenset[str]
    deletes: frozenset[str]
    reads: tuple[tuple[str, int], ...]  # (name, line), run as the statement runs
    later: tuple[tuple[str, int], ...]  # (name, line), read by function bodies when called
    star_imports: tuple[int, ...] = ()  # lines of `from … import *`
    # What the statement's own reads may use of what it defines: nothing for `x = x + 1`,
    # where the value is computed first; everything for `for`, `with`, `def`, `if`….
    own: frozenset[str] = frozenset()


def statement_names(statement: ast.stmt) -> Statement:
    names = _Names()
    names.visit(statement)
    defines = set(names.module.bound)
    for scope in names.scopes[1:]:
        defines |= scope.bound & scope.globals  # `global x; x = …` in a function
    reads, later = [], []
    for scope in names.scopes:
        for name, line in scope.uses:
            if scope.resolve(name) is names.module:
                (later if scope.deferred else reads).append((name, line))
    deletes = set()
    if isinstance(statement, ast.Delete):
        deletes = {t.id for t in statement.targets if isinstance(t, ast.Name)}
    return Statement(
        frozenset(defines - deletes),
        frozenset(deletes),
        tuple(reads),
        tuple(later),
        tuple(names.star_imports),
        own=frozenset() if isinstance(statement, SIMPLE) else frozenset(defines),
    )


def module_names(source: str) -> dict[str, int]:
    """The names a piece of code defines at module level, with the line of the first."""
    found: dict[str, int] = {}
    for statement in ast.parse(source).body:
        for name in statement_names(statement).defines:
            found.setdefault(name, statement.lineno)
    return found


# -- the code a page shows -------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """Code a reader sees, with where it comes from."""

    file: str  # relative to ROOT: a snippet (or other included .py file), or the page
    first: int  # the file's line number of the code's first line
    last: int
    statements: tuple[tuple[str, int], ...]  # (source, its first line's offset from first)


def _section(path: Path, section: str | None) -> list[tuple[int, str]]:
    """The lines an include shows, as (file line, text): inner markers dropped, dedented."""
    numbered = list(enumerate(path.read_text(encoding="utf-8").splitlines(), start=1))
    if section:
        start = end = None
        for number, line in numbered:
            mark = SECTION_MARK.match(line)
            if mark and mark[2] == section:
                if mark[1] == "start" and start is None:
                    start = number
                elif mark[1] == "end" and start is not None:
                    end = number
                    break
        if start is None or end is None:
            raise LookupError(f"{path.relative_to(ROOT)} has no section {section!r}")
        numbered = numbered[start : end - 1]
    shown = [(n, text) for n, text in numbered if not SECTION_MARK.match(text)]
    dedented = textwrap.dedent("\n".join(text for _, text in shown)).split("\n")
    return [(n, text) for (n, _), text in zip(shown, dedented, strict=True)]


def _code_piece(file: str, lines: list[tuple[int, str]]) -> Piece:
    first, last = lines[0][0], lines[-1][0]
    # Blank lines where inner markers were keep ast's line numbers in step with the file's.
    padded = [""] * (last - first + 1)
    for number, text in lines:
        padded[number - first] = text
    return Piece(file, first, last, (("\n".join(padded), 0),))


def _session_piece(file: str, first: int, body: list[str]) -> Piece:
    examples = doctest.DocTestParser().get_examples("\n".join(body) + "\n")
    statements = tuple((e.source, e.lineno) for e in examples)
    return Piece(file, first, first + len(body) - 1, statements)


def _fences(text: str):
    """(file line of the first content line, info string, content lines dedented) for every
    fence outside HTML comments."""
    hidden = set()
    for comment in HTML_COMMENT.finditer(text):
        first = text.count("\n", 0, comment.start())
        hidden.update(range(first, first + comment.group().count("\n") + 1))
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening or index in hidden:
            index += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        index += 1
        start, body = index, []
        while index < len(lines):
            closing = FENCE.match(lines[index])
            if (
                closing
                and closing["fence"][0] == fence[0]
                and len(closing["fence"]) >= len(fence)
                and not closing["info"].strip()
            ):
                break
            line = lines[index]
            body.append(line[len(indent) :] if line.startswith(indent) else line.lstrip())
            index += 1
        index += 1
        yield start + 1, opening["info"], body


def shown_code(page: Path) -> list[Piece]:
    """The code a page shows, in page order."""
    rel = page.relative_to(ROOT).as_posix()
    if page.suffix == ".ipynb":
        cells = json.loads(page.read_text(encoding="utf-8"))["cells"]
        return [
            Piece(f"{rel} cell {number}", 1, 1, (("".join(cell["source"]), 0),))
            for number, cell in enumerate(cells, start=1)
            if cell["cell_type"] == "code"
        ]
    pieces: list[Piece] = []
    for first, info, body in _fences(page.read_text(encoding="utf-8")):
        if is_doctest(info, "\n".join(body)):
            pieces.append(_session_piece(rel, first, body))
            continue
        if fence_language(info) not in PYTHON_FENCES:
            continue
        literal: list[tuple[int, str]] = []
        for number, line in enumerate(body, start=first):
            include = parse_include(line)
            if not include or not include.target.endswith(".py"):
                literal.append((number, line))
                continue
            if any(text.strip() for _, text in literal):
                pieces.append(_code_piece(rel, literal))
            literal = []
            path = ROOT / include.target
            lines = _section(path, include.section)
            if lines:
                pieces.append(_code_piece(path.relative_to(ROOT).as_posix(), lines))
        if any(text.strip() for _, text in literal):
            pieces.append(_code_piece(rel, literal))
    return pieces


# -- what the included files do out of sight ---------------------------------------------------


@dataclass(frozen=True)
class Binding:
    first: int  # the lines of the top-level statement that binds
    last: int
    shown: bool  # whether the page shows that statement
    is_import: bool
    code: str  # what it binds the name to: see _binding_code


def _binding_code(statement: ast.stmt, name: str) -> str:
    """What ``statement`` binds ``name`` to, as text two equal bindings share: the import
    of ``name`` (``from torch import nn`` in ``from torch import nn, optim``), otherwise the
    whole statement's syntax tree."""
    if isinstance(statement, ast.Import):
        for alias in statement.names:
            if (alias.asname or alias.name.split(".")[0]) == name:
                return f"import {alias.name} as {alias.asname or ''}"
    if isinstance(statement, ast.ImportFrom):
        for alias in statement.names:
            if (alias.asname or alias.name) == name:
                return f"from {'.' * statement.level}{statement.module} import {alias.name}"
    return ast.dump(statement)


class Timeline:
    """An included file's top-level bindings in the order the runner makes them."""

    def __init__(self, file: str, shown_lines: set[int]):
        self.file = file
        source = (ROOT / file).read_text(encoding="utf-8")
        self.bindings: dict[str, list[Binding]] = {}
        for statement in ast.parse(source).body:
            last = statement.end_lineno or statement.lineno
            for name in statement_names(statement).defines:
                binding = Binding(
                    statement.lineno,
                    last,
                    shown=statement.lineno in shown_lines,
                    is_import=isinstance(statement, (ast.Import, ast.ImportFrom)),
                    code=_binding_code(statement, name),
                )
                self.bindings.setdefault(name, []).append(binding)
        # A statement marked `# raises: NameError` shows a name missing on purpose.
        self.name_errors = {
            line
            for line, error in raise_markers(source).items()
            if error in {"NameError", "UnboundLocalError"}
        }

    def before(self, name: str, line: int) -> Binding | None:
        """The binding of ``name`` that the runner's code at ``line`` sees, if any."""
        earlier = [b for b in self.bindings.get(name, []) if b.last < line]
        return earlier[-1] if earlier else None

    def hidden(self, name: str) -> Binding | None:
        return next((b for b in self.bindings.get(name, []) if not b.shown), None)


def _invisible_blocks(page: Path) -> dict[str, tuple[int, bool]]:
    """Name -> (page line, is an import) for what the page's invisible blocks set."""
    text = page.read_text(encoding="utf-8")
    found: dict[str, tuple[int, bool]] = {}
    for block in re.finditer(r"<!--\s*invisible-code-block:\s*python\n(.*?)-->", text, re.S):
        first = text.count("\n", 0, block.start(1)) + 1
        for statement in ast.parse(textwrap.dedent(block[1])).body:
            is_import = isinstance(statement, (ast.Import, ast.ImportFrom))
            for name in statement_names(statement).defines:
                found.setdefault(name, (first + statement.lineno - 1, is_import))
    return found


# -- the check ---------------------------------------------------------------------------------


def problems(page: Path) -> list[str]:
    """One line per name a shown block reads that no shown code set before it."""
    rel = page.relative_to(ROOT).as_posix()
    pieces = shown_code(page)
    shown_lines: dict[str, set[int]] = {}
    for piece in pieces:
        if piece.file != rel and piece.file.endswith(".py"):
            shown_lines.setdefault(piece.file, set()).update(range(piece.first, piece.last + 1))
    timelines = {file: Timeline(file, lines) for file, lines in shown_lines.items()}
    # Function bodies run when called: they may read what any shown code defines.
    anywhere = set(ALWAYS)
    for piece in pieces:
        for source, _ in piece.statements:
            try:
                anywhere.update(module_names(source))
            except SyntaxError:
                pass  # reported below
    seen: set[str] = set()  # ast.dump of every top-level statement shown so far
    invisible = _invisible_blocks(page) if page.suffix == ".md" else {}

    report: list[str] = []
    reported: set[str] = set()

    def missing(piece: Piece, line: int, name: str, hidden: str | None, verb: str) -> None:
        if name in reported:
            return
        reported.add(name)
        if hidden:
            report.append(
                f"{rel}: {piece.file}:{line} uses {name!r}, which no shown block on this page "
                f"{verb} before it (only hidden code does: {hidden})"
            )
        else:
            report.append(
                f"{rel}: {piece.file}:{line} uses {name!r}, which no shown block on this page "
                f"defines or imports"
            )

    def check(piece: Piece, line: int, name: str, known: set[str], deferred: bool) -> None:
        timeline = timelines.get(piece.file)
        if timeline:
            # What the runner's code sees here, from the same file: hidden means missing,
            # even if another snippet's shown code defined a different `name`.
            binding = timeline.before(name, piece.last + 1 if deferred else line)
            # Hidden code that repeats shown code (so that its file runs on its own) hides
            # nothing: the reader already has the same binding.
            if binding and not binding.shown and binding.code not in seen:
                verb = "imports" if binding.is_import else "defines"
                return missing(piece, line, name, f"{piece.file}:{binding.first}", verb)
            if binding:
                return
        if name in known:
            return
        if timeline and any(piece.first <= n <= piece.last for n in timeline.name_errors):
            return  # a NameError on purpose: the runner lacks the name too
        if name in FIXTURES:
            return missing(piece, line, name, FIXTURES[name], "defines")
        if timeline and (binding := timeline.hidden(name)):
            verb = "imports" if binding.is_import else "defines"
            return missing(piece, line, name, f"{piece.file}:{binding.first}", verb)
        if name in invisible:
            where, is_import = invisible[name]
            verb = "imports" if is_import else "defines"
            return missing(piece, line, name, f"{rel}:{where} (invisible)", verb)
        missing(piece, line, name, None, "")

    defined = set(ALWAYS)
    for piece in pieces:
        for source, offset in piece.statements:
            first = piece.first + offset
            try:
                tree = ast.parse(source)
            except SyntaxError as error:
                line = first + (error.lineno or 1) - 1
                report.append(f"{rel}: {piece.file}:{line} does not parse: {error.msg}")
                continue
            for statement in tree.body:
                names = statement_names(statement)
                for line in names.star_imports:
                    report.append(
                        f"{rel}: {piece.file}:{first + line - 1} imports *, which hides the "
                        "names it defines: import them by name"
                    )
                for name, line in names.reads:
                    if name not in names.own:
                        check(piece, first + line - 1, name, defined, deferred=False)
                for name, line in names.later:
                    if name not in names.own and name not in names.defines:
                        check(piece, first + line - 1, name, anywhere, deferred=True)
                defined |= names.defines
                defined -= names.deletes
                seen.update(_binding_code(statement, name) for name in names.defines)
    return report


PAGES = sorted(p for p in DOCS.iterdir() if page_name(p))


@pytest.mark.parametrize("doc", PAGES, ids=lambda p: p.name)
def test_shown_code_reads_only_shown_names(doc):
    found = problems(doc)
    assert not found, "\n".join(found)


# -- the checker itself, on made-up pages --------------------------------------------------


@pytest.fixture
def fake_root(tmp_path, monkeypatch):
    """A project with one page, ``docs/page.en.md``; returns a function that checks it."""
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)

    def check(page: str, files: dict[str, str] | None = None) -> list[str]:
        for name, text in (files or {}).items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
        path = tmp_path / "docs" / "page.en.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(page), encoding="utf-8")
        return problems(path)

    return check


def _missing(found: list[str]) -> list[str]:
    return [re.search(r"uses '([^']+)'", line)[1] for line in found]


def _python(code: str) -> str:
    return "```python\n" + textwrap.dedent(code).strip("\n") + "\n```\n"


@pytest.mark.parametrize(
    ("code", "missing"),
    [
        ("squares = [i * i for i in range(3)]", []),
        ("[i for i in numbers]", ["numbers"]),
        ("[i for i in range(3)]\nprint(i)", ["i"]),  # comprehension variables stay inside
        ("{k: v for k, v in pairs.items() if v}", ["pairs"]),
        ("def f(a, /, b, *args, c=1, **kw):\n    return a, b, c, args, kw", []),
        ("def f(a=default):\n    return a", ["default"]),  # defaults run at definition
        ("def f():\n    return helper()\n\n\ndef helper():\n    return 1\n\n\nf()", []),
        ("def f():\n    return nowhere", ["nowhere"]),
        ("square = lambda n: n * n", []),
        ("for k in range(2):\n    print(k)\nprint(k)", []),
        ("import contextlib\nwith contextlib.nullcontext(1) as one:\n    print(one)", []),
        ("try:\n    pass\nexcept ValueError as err:\n    print(err)", []),
        ("class A:\n    size = 1\n\n    def m(self):\n        return size", ["size"]),
        ("class A:\n    size = 1\n    double = size * 2", []),
        ("def set_it():\n    global g\n    g = 1\n\n\nset_it()\nprint(g)", []),
        ("def outer():\n    n = 0\n\n    def inner():\n        nonlocal n\n        n += 1", []),
        ("if (n := 3) > 2:\n    print(n)", []),
        ("[last := i for i in range(3)]\nprint(last)", []),
        ("import torch\nlayer = torch.nn.Linear(2, 2)\nprint(layer.weight.grad)", []),
        ("model.weight.grad", ["model"]),  # only the root of an attribute is a name
        ("x = 1\ndel x\nprint(x)", ["x"]),
        ("del never_set", ["never_set"]),
        ("print(later)\nlater = 1", ["later"]),  # a read must come after its definition
        ("total += 1", ["total"]),
        ("n = n + 1", ["n"]),  # the value is computed before n is bound
        ("import numpy as np\nfrom torch import nn as layers\nnp, layers", []),
        ("print(__name__, __file__)", ["__file__"]),  # no __file__ in a notebook or REPL
    ],
)
def test_scoping(fake_root, code, missing):
    assert _missing(fake_root(_python(code))) == missing


def test_earlier_blocks_count_later_ones_do_not(fake_root):
    page = _python("import torch") + "\nText.\n\n" + _python("x = torch.ones(2)\nprint(y)")
    page += "\n" + _python("y = 1")
    assert _missing(fake_root(page)) == ["y"]


def test_hidden_code_counts_as_missing(fake_root):
    snippet = '''\
        """A snippet."""

        import torch

        torch.manual_seed(0)

        # --8<-- [start:build]
        x = torch.ones(2)
        # --8<-- [end:build]
    '''
    page = """\
        # A page

        <!-- invisible-code-block: python
        chain = snippet("c/s.py")
        -->

        ```python
        --8<-- "snippets/c/s.py:build"
        ```

        ```pycon
        >>> chain.x
        tensor([1., 1.])
        >>> fit = snippet("c/s.py")
        ```
    """
    assert fake_root(page, {"snippets/c/s.py": snippet}) == [
        "docs/page.en.md: snippets/c/s.py:8 uses 'torch', which no shown block on this page "
        "imports before it (only hidden code does: snippets/c/s.py:3)",
        "docs/page.en.md: docs/page.en.md:12 uses 'chain', which no shown block on this page "
        "defines before it (only hidden code does: docs/page.en.md:4 (invisible))",
        "docs/page.en.md: docs/page.en.md:14 uses 'snippet', which no shown block on this page "
        "defines before it (only hidden code does: the page tests' snippet() fixture "
        "(autograd_illustrated/doccheck.py))",
    ]


def test_a_hidden_rebinding_hides_the_value(fake_root):
    snippet = """\
        import torch

        x = torch.zeros(3)  # not the x the reader has

        # --8<-- [start:use]
        print(x.sum())
        # --8<-- [end:use]
    """
    page = _python("import torch\nx = torch.ones(2)") + _python('--8<-- "snippets/c/s.py:use"')
    assert _missing(fake_root(page, {"snippets/c/s.py": snippet})) == ["x"]


def test_hidden_code_that_repeats_shown_code_is_fine(fake_root):
    first = """\
        # --8<-- [start:setup]
        from torch import nn

        def make():
            return nn.Linear(2, 2)
        # --8<-- [end:setup]
    """
    second = """\
        from torch import nn, optim


        # The helper of first.py, again, so that this file runs on its own.
        def make():
            return nn.Linear(2, 2)


        # --8<-- [start:use]
        model = make()
        optimizer = optim.SGD(model.parameters(), lr=0.1)
        # --8<-- [end:use]
    """
    page = _python('--8<-- "snippets/c/first.py:setup"')
    page += _python('--8<-- "snippets/c/second.py:use"')
    files = {"snippets/c/first.py": first, "snippets/c/second.py": second}
    assert _missing(fake_root(page, files)) == ["optim"]


def test_a_name_error_on_purpose_is_shown_as_it_is(fake_root):
    snippet = """\
        # --8<-- [start:broken]
        def backward(grad):
            return grad * x

        backward(1.0)  # raises: NameError
        # --8<-- [end:broken]
    """
    page = _python('--8<-- "snippets/c/s.py:broken"')
    assert fake_root(page, {"snippets/c/s.py": snippet}) == []


def test_sessions_and_fences(fake_root):
    page = """\
        ```pycon
        >>> a = 1
        >>> for i in range(2):
        ...     a += i
        >>> a
        2
        ```

        !!! note
            ```python
            >>> b = a + c
            ```

        <!--
        ```python
        print(hidden)
        ```
        -->

        ```text
        print(not_code)
        ```
    """
    assert fake_root(page) == [
        "docs/page.en.md: docs/page.en.md:11 uses 'c', which no shown block on this page "
        "defines or imports"
    ]


def test_star_imports_are_refused(fake_root):
    found = fake_root(_python("from math import *\nprint(pi)"))
    assert found[0] == (
        "docs/page.en.md: docs/page.en.md:2 imports *, which hides the names it defines: "
        "import them by name"
    )
