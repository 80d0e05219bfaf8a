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
(:func:`set_language`).
"""

from __future__ import annotations

LANGUAGE_OPTION = "language"


def set_language(extensions: list, configs: dict, language: str) -> None:
    """Set the ``language`` option of each of this package's extensions to ``language``.

    ``extensions`` and ``configs`` are an engine's Markdown extension list (names or
    instances) and its per-name options, as MkDocs' ``markdown_extensions`` and
    ``mdx_configs``.
    """
    for extension in extensions:
        if isinstance(extension, str) and extension.startswith(__name__ + "."):
            configs.setdefault(extension, {})[LANGUAGE_OPTION] = language
