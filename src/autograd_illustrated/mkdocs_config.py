"""What MkDocs' hooks ask of a build's configuration, asked one way.

static-i18n runs one whole build per language, the default language's first, and gives
each its configuration; these read it for the hooks in ``hooks/``.
"""

from __future__ import annotations

from pathlib import Path

from .vocabulary import DEFAULT_LANGUAGE


def project_root(config) -> Path:
    """The folder holding ``mkdocs.yml``: the project's root."""
    return Path(config.config_file_path).resolve().parent


def build_language(config) -> str:
    """The language of the pages this build renders."""
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        return i18n.current_language or i18n.default_language
    return config.theme.get("language") or DEFAULT_LANGUAGE


def later_language_build(config) -> bool:
    """Whether this is one of the builds after the default language's. Work shared by every
    language (snippets, notebooks) is done once, by the first build."""
    i18n = config.plugins.get("i18n")
    return i18n is not None and i18n.current_language != i18n.default_language
