"""Write the configuration Zensical builds the site with, generated from ``mkdocs.yml``.

``mkdocs.yml`` stays the one hand-written configuration. Zensical (with zensical-i18n)
reads the same keys but runs no MkDocs hooks, so the generated copy differs only where a
hook did the work:

- ``docs_dir`` is the folder ``python -m autograd_illustrated.prebuild --publish`` assembled
  (``docs/``, ``generated/``'s images and notebooks, the vendored assets);
- the Markdown extensions' paths are absolute (Zensical renders from its own work folder),
  and Chinese pages' includes show the Chinese-comment copies
  (:class:`autograd_illustrated.comments.CommentLanguageExtension`, which learns the
  page's language from Zensical's per-language configuration);
- the theme is Zensical's ``classic`` variant (Material's look), with the site's own
  templates but not its forks of Material's partials (:data:`FORK_MARK`): those are
  Material's markup, and Zensical's own partials carry its search box's behaviour;
- ``hooks:`` is dropped, since Zensical would ignore it anyway.

Usage: ``python -m autograd_illustrated.zensical_config OUT_DIR`` writes ``OUT_DIR/mkdocs.yml``
(docs in ``OUT_DIR/docs``, site in ``OUT_DIR/site``).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import yaml

OURS = "autograd_illustrated.markdown."
# How a template forked from one of Material's says so (tests/test_overrides.py reads it).
FORK_MARK = "Forked from the original with sha256"


class _Tagged:
    """A YAML node with a Python tag (toc's slugify), written back exactly as read."""

    def __init__(self, node):
        self.node = node


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda _l, _s, node: _Tagged(node))
_Dumper.add_representer(_Tagged, lambda _d, tagged: tagged.node)


def _name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def _options(entry) -> dict:
    return {} if isinstance(entry, str) else dict(entry[_name(entry)] or {})


def zensical_config(root: Path, out: Path) -> dict:
    root, out = root.resolve(), out.resolve()
    config = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=_Loader)  # noqa: S506
    config.pop("hooks", None)
    config.pop("watch", None)
    config["docs_dir"] = str(out / "docs")
    config["site_dir"] = str(out / "site")
    theme = config["theme"]
    theme["variant"] = "classic"
    theme["custom_dir"] = str(
        _own_templates(root / theme.get("custom_dir", "overrides"), out / "overrides")
    )

    extensions = []
    for entry in config["markdown_extensions"]:
        name, options = _name(entry), _options(entry)
        if name == "pymdownx.snippets":
            options["base_path"] = [str(root / base) for base in options.get("base_path", ["."])]
        elif name == f"{OURS}math":
            options["script"] = str(root / "scripts/katex-render.cjs")
        elif name == f"{OURS}image_sizes":
            options["base_path"] = [str(root / "docs"), str(root)]
        elif name == f"{OURS}glossary":
            options["docs_dir"] = str(root / "docs")
        elif name == f"{OURS}notebook_tip":
            options["docs_dir"] = str(root / "docs")
            options["notebooks_dir"] = str(root / "generated" / "_notebooks")
        extensions.append({name: options} if options else name)
    extensions.append("autograd_illustrated.comments")
    config["markdown_extensions"] = extensions
    return config


def _own_templates(overrides: Path, target: Path) -> Path:
    """A copy of ``overrides`` without the forks of Material's partials."""
    shutil.rmtree(target, ignore_errors=True)
    for path in sorted(overrides.rglob("*")):
        if path.is_file() and FORK_MARK not in path.read_text("utf-8", errors="replace"):
            copy = target / path.relative_to(overrides)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
    return target


def write(root: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "mkdocs.yml"
    text = yaml.dump(
        zensical_config(root, out), Dumper=_Dumper, allow_unicode=True, sort_keys=False
    )
    path.write_text(
        "# Generated from mkdocs.yml by autograd_illustrated.zensical_config.\n" + text, "utf-8"
    )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--root", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    print(write(args.root, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
