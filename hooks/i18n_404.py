"""Give each language its own 404 page.

static-i18n builds the English site inside the Chinese build's ``on_post_build``, and
MkDocs writes every build's ``404.html`` to the site root, so the English one overwrote
the Chinese one. After the English build, move its 404 under ``en/`` and put the Chinese
one back at the root (the page GitHub Pages serves for any missing path).

The 404 page is rendered after every real page, so it would inherit the language links of
the last page built; point its language switcher at each language's home page instead.
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

from autograd_illustrated.mkdocs_config import later_language_build

_default_page: bytes | None = None


def _i18n(config):
    return config.plugins.get("i18n")


def on_post_build(config) -> None:
    global _default_page
    i18n = _i18n(config)
    page = Path(config.site_dir) / "404.html"
    if i18n is None or not page.exists():
        return
    if not later_language_build(config):
        _default_page = page.read_bytes()
        return
    target = Path(config.site_dir) / i18n.current_language / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.replace(target)
    if _default_page is not None:
        page.write_bytes(_default_page)


def on_template_context(context, template_name, config):
    i18n = _i18n(config)
    if template_name != "404.html" or i18n is None:
        return context
    homes = [
        {
            "name": language.name,
            "link": language.fixed_link or language.link,
            "lang": language.locale,
        }
        for language in i18n.config.languages
        if language.build
    ]
    # static-i18n sets the switcher per page as an attribute of `extra`, which the template
    # reads before the key; set both so neither holds the last page's links.
    config.extra["alternate"] = homes
    config.extra.alternate = deepcopy(homes)
    return context
