"""Tell the site's Markdown extensions (``autograd_illustrated.markdown``) which language
each build is in.

static-i18n builds one language at a time and runs ``on_config`` again before each, but
has no per-language Markdown options; Python-Markdown never knows the page. Zensical needs
no such glue (see :func:`autograd_illustrated.markdown.page_language`).
"""

from __future__ import annotations

from autograd_illustrated.markdown import set_language


def on_config(config):
    i18n = config.plugins.get("i18n")
    language = (i18n.current_language or i18n.default_language) if i18n is not None else None
    set_language(
        config.markdown_extensions,
        config.mdx_configs,
        language or config.theme.get("language") or "en",
    )
    return config
