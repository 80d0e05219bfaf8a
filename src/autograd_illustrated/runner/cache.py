"""Which snippets must run again. Deliberately free of torch: a no-change build imports none.

A snippet's key hashes everything that can change what it prints or draws: its own text,
the runner's code, Python's version, every project module it imports (followed
transitively, so editing a helper in ``src/`` reruns exactly the snippets that use it), and
the version of every installed distribution those files import, with everything those
distributions require (so upgrading torchviz, matplotlib or wasmtime reruns what draws).
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import shutil
import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .snippets import Snippet

MANIFEST = ".manifest.json"


def _runner_version() -> str:
    # The code that turns a snippet into outputs is part of every key: changing how
    # snippets run must invalidate what they produced.
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in ("execute.py", "snippets.py", "child.py", "isolation.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


RUNNER_VERSION = _runner_version()


PYTHON_VERSION = f"{sys.implementation.name}-{'.'.join(map(str, sys.version_info[:3]))}"
_REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@lru_cache(maxsize=1)
def _distributions_by_module() -> dict[str, list[str]]:
    # Reads every installed distribution's file list (~0.3 s): only for import names
    # that do not simply name their distribution (``PIL`` is pillow, ``yaml`` PyYAML).
    return metadata.packages_distributions()


@lru_cache(maxsize=1024)
def _distributions_of(top_level: str) -> tuple[str, ...]:
    try:
        return (_normalized(metadata.distribution(top_level).metadata["Name"]),)
    except metadata.PackageNotFoundError:
        return tuple(_normalized(d) for d in _distributions_by_module().get(top_level, ()))


# Where installed distributions are looked up, fixed when the runner starts: a snippet may
# extend sys.path (setuptools puts its vendored copies of more-itertools and others on it),
# and a version found only there could never be found again by the next staleness check.
SEARCH_PATH = list(sys.path)


@lru_cache(maxsize=1024)
def _installed_version(dist: str) -> str | None:
    found = next(iter(metadata.distributions(name=dist, path=SEARCH_PATH)), None)
    return found.version if found is not None else None


def used_distributions(modules) -> dict[str, str]:
    """Versions of the installed distributions that provide the loaded ``modules``.

    Called where the snippet ran, on ``sys.modules``: what was really imported, by the
    snippet or by the code that drew its graphs (wasmtime, say), not a guess from source.
    """
    stdlib = sys.stdlib_module_names
    versions = {}
    for top in sorted({name.split(".")[0] for name in modules}):
        if top in stdlib:  # private ones too (_io, _thread…): they are listed
            continue
        for dist in _distributions_of(top):
            if (version := _installed_version(dist)) is not None:
                versions[dist] = version
    return versions


def warm_distribution_index() -> None:
    """Read the module-to-distribution index once, before children are forked."""
    _distributions_by_module()


class ImportLog:
    """The distributions a forked child used: the warm worker's, plus what it imports.

    Listing ``sys.modules`` in a child touches thousands of objects it shares with the
    warm worker, and each touched page is copied (about 15 ms a child). So the worker
    looks up its own distributions once, before forking (:meth:`snapshot`), and a child
    only records the top-level names it imports itself, from Python's ``import`` audit
    event (:meth:`watch`), which fires for every module actually loaded.
    """

    warm: dict[str, str] | None = None  # set in the warm worker; None in a fresh process

    @classmethod
    def snapshot(cls) -> None:
        cls.warm = used_distributions(sys.modules)

    def __init__(self) -> None:
        self.imported: set[str] = set()

    def watch(self) -> None:
        if self.warm is None:
            return  # a fresh interpreter: distributions() lists sys.modules instead
        imported = self.imported

        def on_event(event: str, args: tuple) -> None:
            if event == "import":
                imported.add(args[0].partition(".")[0])

        sys.addaudithook(on_event)

    def distributions(self) -> dict[str, str]:
        if self.warm is None:
            return used_distributions(sys.modules)
        return {**self.warm, **used_distributions(self.imported)}


def _package_of(path: Path, search: list[Path]) -> list[str]:
    """``src/pkg/sub/mod.py`` -> ``["pkg", "sub"]``: what relative imports in it start from."""
    for base in search:
        try:
            rel = path.relative_to(base)
        except ValueError:
            continue
        return list(rel.parts[:-1])
    return []


def _imported_modules(tree: ast.AST, package: list[str]) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # `from .annotated import x` inside src/pkg/graphs/
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            if not module:
                continue
            names.add(module)
            # `from pkg import mod` may import a submodule: try both readings.
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


# Every snippet of a chapter asks the same questions; cleared with the versions below,
# so that a long-lived caller (`mkdocs serve`) sees a module file added while it ran.
@lru_cache(maxsize=8192)
def _module_files(name: str, search: tuple[Path, ...]) -> tuple[Path, ...]:
    parts = name.split(".")
    found: list[Path] = []
    for base in search:
        for depth in range(1, len(parts) + 1):
            stem = base.joinpath(*parts[:depth])
            for candidate in (stem.with_suffix(".py"), stem / "__init__.py"):
                if candidate.is_file():
                    found.append(candidate.resolve())
            if not stem.is_dir():
                break  # nothing deeper can exist (torch.nn.functional stops at "torch")
    return tuple(found)


def _stamp(path: Path) -> tuple[Path, int, int]:
    stat = path.stat()
    return path, stat.st_mtime_ns, stat.st_size


# Every snippet imports the same few project modules; within one process, parse and hash
# each file once per version of it instead of once per snippet.
@lru_cache(maxsize=4096)
def _direct_imports(stamp: tuple[Path, int, int], src: Path) -> tuple[str, ...]:
    path = stamp[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return tuple(sorted(_imported_modules(tree, _package_of(path, [src]))))


@lru_cache(maxsize=4096)
def _file_digest(stamp: tuple[Path, int, int]) -> str:
    return hashlib.sha256(stamp[0].read_bytes()).hexdigest()


def import_closure(snippet: Snippet) -> tuple[list[Path], set[str]]:
    """Project files the snippet imports (directly or through other project files), and
    every module name that the snippet and those files import."""
    src = snippet.root / "src"
    search = (src, snippet.path.parent)
    seen: set[Path] = set()
    names: set[str] = set()
    pending = [snippet.path]
    while pending:
        path = pending.pop()
        for name in _direct_imports(_stamp(path), src):
            names.add(name)
            for dep in _module_files(name, search):
                if dep not in seen and dep != snippet.path:
                    seen.add(dep)
                    pending.append(dep)
    return sorted(seen), names


def project_dependencies(snippet: Snippet) -> list[Path]:
    """Project files the snippet imports, directly or through other project files."""
    return import_closure(snippet)[0]


def cache_key(snippet: Snippet) -> str:
    digest = hashlib.sha256()
    project_files, _ = import_closure(snippet)
    parts = {
        "runner": RUNNER_VERSION,
        "python": PYTHON_VERSION,
        "snippet": _file_digest(_stamp(snippet.path)),
        "imports": {
            dep.relative_to(snippet.root).as_posix(): _file_digest(_stamp(dep))
            for dep in project_files
        },
    }
    digest.update(json.dumps(parts, sort_keys=True).encode())
    return digest.hexdigest()


def _manifest(snippet: Snippet) -> dict:
    try:
        return json.loads((snippet.output_dir() / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}


def stored_key(snippet: Snippet) -> str | None:
    return _manifest(snippet).get("key")


def is_stale(snippet: Snippet) -> bool:
    manifest = _manifest(snippet)
    if not manifest or manifest.get("key") != cache_key(snippet):
        return True
    # An upgraded (or removed) distribution that the last run loaded makes it stale.
    used = manifest.get("distributions", {})
    return any(_installed_version(dist) != version for dist, version in used.items())


def stale_snippets(snippets: list[Snippet]) -> list[Snippet]:
    # A long-lived caller (`mkdocs serve`) must see a package upgraded while it ran.
    _installed_version.cache_clear()
    _module_files.cache_clear()
    return [s for s in snippets if is_stale(s)]


def write_manifest(snippet: Snippet, distributions: dict[str, str], seconds: float) -> None:
    manifest = {
        "key": cache_key(snippet),
        "distributions": distributions,
        "seconds": round(seconds, 3),
    }
    target = snippet.output_dir() / MANIFEST
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    tmp.replace(target)


def remove_orphans(root: Path, snippets: list[Snippet]) -> list[Path]:
    """Delete generated folders whose snippet no longer exists."""
    generated = root / "generated"
    if not generated.is_dir():
        return []
    live = {s.output_dir().resolve() for s in snippets}
    removed = []
    for manifest in list(generated.rglob(MANIFEST)):  # listed first: we delete as we go
        folder = manifest.parent.resolve()
        if folder not in live:
            shutil.rmtree(folder)
            removed.append(folder)
    return removed
