"""MkDocs glue for search: Pagefind indexes each language (``autograd_illustrated.search_index``).

Each language is indexed in a separate process as soon as its pages are written: the
default language's before static-i18n goes on to build the others, so indexing it runs
while they build. The last post-build waits for every index and fails the build with
the indexer's message (an error a chapter no longer shows, say).

Material's own index (``search/search_index.json``) is kept, empty of documents: Material
still reads its settings (used to highlight ``?h=`` terms) and sends them to the worker.
Every page is marked ``search: exclude`` for Material's plugin, which would otherwise parse
each page's HTML into an index that is thrown away (18 s of a 50 s build).
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger

from autograd_illustrated import search_index
from autograd_illustrated.mkdocs_config import later_language_build

log = get_plugin_logger("search")


def _layout(config) -> tuple[Path, str, str, list[str]]:
    """(site root, language just built, its folder prefix, folders of other languages).

    Asked before static-i18n's own post-build, where its current language is still the one
    just built (later in post-build it is not).
    """
    i18n = config.plugins.get("i18n")
    site = Path(config.site_dir)
    if i18n is None:
        return site, config.theme.get("language") or "en", "", []
    current, default = i18n.current_language, i18n.default_language
    if site.name == current and current != default:
        site = site.parent
    built = [lang.locale for lang in i18n.config.languages if lang.build]
    if current != default:
        return site, current, f"{current}/", []
    return site, default, "", [locale for locale in built if locale != default]


def on_page_markdown(markdown, page, config, files):
    search = page.meta.get("search")
    page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
    return markdown


_serving = False  # under `mkdocs serve`, a rebuild's pages reach the browser before its index


def on_startup(command, dirty) -> None:
    global _serving
    _serving = command == "serve"


def _collect_indexes() -> None:
    try:
        for indexing in search_index.wait_all():
            log.info(indexing)
    except search_index.SearchIndexError as exc:
        raise PluginError(str(exc)) from None


@event_priority(100)  # before static-i18n's post-build, which builds the other languages
def _start_indexing(config) -> None:
    site, language, prefix, skip = _layout(config)
    search_index.start(site, language, prefix, skip)


@event_priority(-100)  # after Material's search plugin has written its index
def _finish(config) -> None:
    # The first language to get here waits for every index begun (the default language's
    # began before static-i18n built the others); later calls find nothing left to wait for.
    # While serving, the edited page is shown at once and the search index follows a
    # second or two later; the next rebuild collects it (and reports its failure).
    if not _serving:
        _collect_indexes()
    _empty_material_index(_layout(config)[0])


def on_pre_build(config) -> None:
    # The last rebuild's indexes, under `mkdocs serve` (none otherwise). Not before a later
    # language's build: the first language's index, begun just now, is meant to run meanwhile.
    if not later_language_build(config):
        _collect_indexes()


def on_shutdown() -> None:
    _collect_indexes()


on_post_build = CombinedEvent(_start_indexing, _finish)


def _empty_material_index(site: Path) -> None:
    index = site / "search" / "search_index.json"
    if index.exists():
        data = json.loads(index.read_text("utf-8"))
        if data.get("docs"):
            data["docs"] = []
            index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
