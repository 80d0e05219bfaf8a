"""What a Zensical build needs after Zensical has written the site (MkDocs' hooks do it there).

``python -m autograd_illustrated.zensical_postbuild SITE`` (``make zensical`` runs it last):

1. indexes each language's pages with Pagefind (:mod:`autograd_illustrated.search_index`,
   the same step ``hooks/search.py`` runs after MkDocs): ``SITE/pagefind/`` for the default
   language, ``SITE/<language>/pagefind/`` for the others;
2. publishes the search worker Zensical's search box talks to: Zensical keeps Material's
   worker messages but not their contents, so each language's ``assets/search-worker.js``
   is the site's worker (``docs/assets/search-worker.js``) inside a wrapper that
   translates them (``scripts/zensical-search-worker.js``).

The languages are the i18n plugin's in ``mkdocs.yml``, the default one first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from autograd_illustrated import search_index
from autograd_illustrated.zensical_config import _Loader

ROOT = Path(__file__).resolve().parents[2]
WORKER = ROOT / "docs" / "assets" / "search-worker.js"
WRAPPER = ROOT / "scripts" / "zensical-search-worker.js"
SLOT = "/* ENGINE_WORKER */"


def languages(root: Path = ROOT) -> list[str]:
    """The built languages, the default (served at the site's root) first."""
    config = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=_Loader)  # noqa: S506
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            built = [lang for lang in plugin["i18n"]["languages"] if lang.get("build", True)]
            built.sort(key=lambda lang: not lang.get("default", False))
            return [lang["locale"] for lang in built]
    return [config["theme"].get("language", "en")]


def search_worker() -> str:
    """The site's search worker, wrapped for Zensical's search box."""
    wrapper = WRAPPER.read_text("utf-8")
    if wrapper.count(SLOT) != 1:
        raise ValueError(f"{WRAPPER} must hold {SLOT} once, where the site's worker goes")
    return wrapper.replace(SLOT, WORKER.read_text("utf-8"))


def postbuild(site: Path, root: Path = ROOT) -> list[str]:
    """Index every language and publish the wrapped worker; what the indexer reported."""
    default, *others = languages(root)
    reports = []
    for language in [default, *others]:
        prefix = "" if language == default else f"{language}/"
        skip = others if language == default else []
        count = search_index.index_language(site, language, prefix, skip)
        reports.append(
            f"Pagefind indexed {count} {language} pages into {site / prefix / 'pagefind'}"
        )
        assets = site / prefix / "assets"
        if (assets / "search-worker.js").is_file():
            (assets / "search-worker.js").write_text(search_worker(), "utf-8")
    return reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the site Zensical built")
    args = parser.parse_args(argv)
    try:
        reports = postbuild(args.site.resolve())
    except search_index.SearchIndexError as exc:
        print(f"zensical_postbuild: {exc}", file=sys.stderr)
        return 1
    print("\n".join(reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
