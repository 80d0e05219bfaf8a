"""Keep mkdocs-jupyter's notebook pages working under mkdocs-static-i18n (0.26 and 1.3).

static-i18n's ``on_files`` (priority -100) rebuilds every docs file as a plain ``File``,
dropping mkdocs-jupyter's ``NotebookFile`` wrapper. A plain ``.ipynb`` is not a
documentation page, so its raw JSON got copied to ``playground/index.html``. We wrap it
again, after static-i18n, keeping the destination static-i18n chose, and pair each
notebook with its other-language sibling for the language switcher.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from autograd_illustrated.vocabulary import page_name, versions_of


@event_priority(-110)  # after static-i18n's on_files (-100)
def on_files(files, config):
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is None:
        return files
    from mkdocs_jupyter.plugin import NotebookFile

    docs = Path(config.docs_dir).resolve()
    for file in list(files):
        if file.is_documentation_page() or not file.abs_src_path:
            continue
        if not Path(file.abs_src_path).resolve().is_relative_to(docs):
            continue
        if not jupyter.should_include(file):
            continue
        page_file = NotebookFile(file, config.use_directory_urls, config.site_dir)
        # Keep the language-specific destination static-i18n gave the file.
        page_file.dest_path = file.dest_path
        page_file.abs_dest_path = file.abs_dest_path
        page_file.url = file.url
        _link_languages(file, config)
        files.remove(file)
        files.append(page_file)
    return files


def _link_languages(file, config) -> None:
    """Point the language switcher at the same notebook in the other languages.

    static-i18n only pairs up documentation pages, and a plain ``.ipynb`` was not one when
    it did, so we pair ``playground.zh.ipynb`` with ``playground.en.ipynb`` ourselves.
    """
    i18n = config.plugins.get("i18n")
    name = page_name(Path(file.src_uri))
    if i18n is None or name is None or name.ext != "ipynb" or not hasattr(file, "alternates"):
        return
    folder = Path(file.src_uri).parent
    versions = versions_of(Path(config.docs_dir) / file.src_uri)
    for lang in i18n.all_languages:
        if not versions.get(lang, Path()).is_file():
            continue
        prefix = "" if lang == i18n.default_language else f"{lang}/"
        url = (folder / name.slug).as_posix().removeprefix("./") + "/"
        file.alternates[lang] = _Link(prefix + url)


class _Link:
    """All the language switcher reads from an alternate: its URL."""

    def __init__(self, url: str):
        self.url = url
