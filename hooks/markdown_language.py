"""Tell the site's Markdown extensions (``autograd_illustrated.markdown``) which language
each build is in.

static-i18n builds one language at a time and runs ``on_config`` again before each, but
has no per-language Markdown options; Python-Markdown never knows the page. Zensical needs
no such glue (see :func:`autograd_illustrated.markdown.page_language`).
"""

from __future__ import annotations

from autograd_illustrated.markdown import set_language
from autograd_illustrated.mkdocs_config import build_language


def on_config(config):
    set_language(config.markdown_extensions, config.mdx_configs, build_language(config))
    return config
