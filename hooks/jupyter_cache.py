"""Keep mkdocs-jupyter's conversion cache warm for every language.

mkdocs-jupyter evicts, after each build, every cached conversion that build did not use,
and static-i18n runs one build per language: each language evicted the other's notebooks,
so nothing was ever a cache hit. We mark every language's notebooks used.
"""

from __future__ import annotations

import pathlib
from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(10)  # before mkdocs-jupyter's on_post_build evicts "unused" cache entries
def on_post_build(config):
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is None or not jupyter.config["cache"]:
        return
    from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path

    options = jupyter.config
    for path in sorted(Path(config.docs_dir).rglob("*.ipynb")):
        if not jupyter.should_include(_Source(str(path))):
            continue
        execute = options["execute"] and not any(
            pathlib.PurePath(path).match(p) for p in options["execute_ignore"]
        )
        key = _compute_cache_key(str(path), options, execute)
        jupyter._used_cache_paths.add(_get_cache_path(options["cache_dir"], key))


class _Source:
    """The one attribute ``should_include`` reads from a file."""

    def __init__(self, abs_src_path: str):
        self.abs_src_path = abs_src_path
