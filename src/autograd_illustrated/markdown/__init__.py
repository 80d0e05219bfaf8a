"""The site's per-page steps, as Python-Markdown extensions.

They run inside any engine that renders pages with Python-Markdown (MkDocs, Zensical), so
none of them depends on a build tool's hooks. Each is listed by module name under
``markdown_extensions`` in ``mkdocs.yml``; paths in their options are relative to the
working directory, which is the project root (as for ``pymdownx.snippets``' ``base_path``):

- :mod:`.math`: ``$…$`` typeset with KaTeX at build time;
- :mod:`.image_sizes`: generated SVGs get their intrinsic width and height;
- :mod:`.glossary`: the first use of each glossary term gets its definition as a hover hint.

An extension that writes in the page's language takes a ``language`` option. Python-Markdown
does not know which page it renders, so the build sets it for each language's build
(:func:`set_language`), or Zensical's per-language build does (:func:`page_language`).
"""

from __future__ import annotations

import importlib

LANGUAGE_OPTION = "language"


def set_language(extensions: list, configs: dict, language: str) -> None:
    """Set the ``language`` option of each of this package's extensions to ``language``.

    ``extensions`` and ``configs`` are an engine's Markdown extension list (names or
    instances) and its per-name options, as MkDocs' ``markdown_extensions`` and
    ``mdx_configs``.
    """
    for extension in extensions:
        if not isinstance(extension, str) or not extension.startswith(__name__ + "."):
            continue
        if getattr(importlib.import_module(extension), "TAKES_LANGUAGE", False):
            configs.setdefault(extension, {})[LANGUAGE_OPTION] = language


def page_language(option: str, default: str | None = None) -> str:
    """The language of the page being rendered: the extension's ``language`` option.

    MkDocs sets it per language (``hooks/markdown_language.py``; static-i18n builds one
    language at a time). Zensical (with zensical-i18n) builds each language in a process of
    its own, whose configuration has that language as its theme's: without the option,
    that is the page's language.
    """
    if option:
        return option
    try:
        from zensical.config import get_config
    except ImportError:
        get_config = None
    if get_config is not None:
        try:
            return get_config()["theme"]["language"]
        except Exception:  # noqa: BLE001 - not inside a Zensical build
            pass
    if default is not None:
        return default
    raise ValueError(
        f"{__name__}: no `{LANGUAGE_OPTION}` option, and no Zensical build to take it from"
    )
