"""Which snippets must run again. Deliberately free of torch: a no-change build imports none.

A snippet's key hashes its own text, the runner's version, the installed torch version and
every project module the snippet imports (followed transitively), so editing a helper in
``src/`` reruns exactly the snippets that use it.
"""

from __future__ import annotations

import ast
import hashlib
import json
import shutil
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
    for name in ("execute.py", "snippets.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


RUNNER_VERSION = _runner_version()


@lru_cache(maxsize=1)  # a process never sees torch change under it
def _torch_version() -> str:
    try:
        return metadata.version("torch")
    except metadata.PackageNotFoundError:
        return "absent"


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


def _module_files(name: str, search: list[Path]) -> list[Path]:
    parts = name.split(".")
    found: list[Path] = []
    for base in search:
        for depth in range(1, len(parts) + 1):
            stem = base.joinpath(*parts[:depth])
            for candidate in (stem.with_suffix(".py"), stem / "__init__.py"):
                if candidate.is_file():
                    found.append(candidate.resolve())
    return found


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


def project_dependencies(snippet: Snippet) -> list[Path]:
    """Project files the snippet imports, directly or through other project files."""
    src = snippet.root / "src"
    search = [src, snippet.path.parent]
    seen: set[Path] = set()
    pending = [snippet.path]
    while pending:
        path = pending.pop()
        for name in _direct_imports(_stamp(path), src):
            for dep in _module_files(name, search):
                if dep not in seen and dep != snippet.path:
                    seen.add(dep)
                    pending.append(dep)
    return sorted(seen)


def cache_key(snippet: Snippet) -> str:
    digest = hashlib.sha256()
    parts = {
        "runner": RUNNER_VERSION,
        "torch": _torch_version(),
        "snippet": _file_digest(_stamp(snippet.path)),
        "imports": {
            dep.relative_to(snippet.root).as_posix(): _file_digest(_stamp(dep))
            for dep in project_dependencies(snippet)
        },
    }
    digest.update(json.dumps(parts, sort_keys=True).encode())
    return digest.hexdigest()


def stored_key(snippet: Snippet) -> str | None:
    try:
        return json.loads((snippet.output_dir() / MANIFEST).read_text())["key"]
    except (OSError, ValueError, KeyError):
        return None


def is_stale(snippet: Snippet) -> bool:
    return stored_key(snippet) != cache_key(snippet)


def stale_snippets(snippets: list[Snippet]) -> list[Snippet]:
    return [s for s in snippets if is_stale(s)]


def write_manifest(snippet: Snippet, outputs: list[str], seconds: float) -> None:
    manifest = {"key": cache_key(snippet), "outputs": sorted(outputs), "seconds": round(seconds, 3)}
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
        if folder not in live and not folder.name.startswith("_"):
            shutil.rmtree(folder)
            removed.append(folder)
    return removed
