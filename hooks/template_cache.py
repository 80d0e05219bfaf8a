"""Compile each Jinja template once per build process, not once per language.

static-i18n runs a whole build per language, and each build makes new Jinja environments
(Material's theme, mkdocstrings' handler), so every template used to be compiled again for
each language, and again on each rebuild under ``mkdocs serve``. All of them now share one
in-memory bytecode cache. Jinja keys it by template and source checksum, so an edited
template is compiled afresh.
"""

from __future__ import annotations

from jinja2 import BytecodeCache


class _InMemory(BytecodeCache):
    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _InMemory()


def on_pre_build(config) -> None:
    # mkdocstrings renders while pages are converted, before on_env.
    mkdocstrings = config.plugins.get("mkdocstrings")
    if mkdocstrings is not None:
        mkdocstrings.get_handler("python").env.bytecode_cache = _COMPILED


def on_env(env, config, files):
    env.bytecode_cache = _COMPILED
    return env
