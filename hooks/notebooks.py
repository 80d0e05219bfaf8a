"""Notebooks on the site: chapter downloads, and notebook pages that survive static-i18n.

1. Before each build, write every chapter's notebook (one per language) into
   ``generated/_notebooks/`` from the chapter's snippets (no torch involved; see
   :mod:`autograd_illustrated.notebooks`). ``hooks/snippets.py`` publishes them.
2. Put a download link at the top of every chapter page, in the page's language.
3. Work around two problems between mkdocs-jupyter 0.26 and mkdocs-static-i18n 1.3:

   - static-i18n's ``on_files`` (priority -100) rebuilds every docs file as a plain
     ``File``, dropping mkdocs-jupyter's ``NotebookFile`` wrapper. A plain ``.ipynb`` is
     not a documentation page, so its raw JSON got copied to ``playground/index.html``.
     We wrap it again, after static-i18n, keeping the destination static-i18n chose.
   - mkdocs-jupyter evicts, after each build, every cached conversion that build did not
     use, and static-i18n runs one build per language: each language evicted the other's
     notebooks, so nothing was ever a cache hit. We mark every language's notebooks used.
"""

from __future__ import annotations

import html
import os
import pathlib
import re
from pathlib import Path

from mkdocs.plugins import event_priority

from autograd_illustrated.notebooks import notebook_path, write_notebooks

JUPYTER = "mkdocs-jupyter"
CHAPTER_PAGE = re.compile(r"^(?P<slug>[^/.]+)\.(?P<lang>[a-z]{2})\.md$")
LINK_TEXT = {
    "zh": (
        "Jupyter 笔记本",
        '[下载本章的可运行笔记本（.ipynb）]({href}){{ download="{name}" }}：'
        "代码与本页完全相同，说明文字为中文。",
    ),
    "en": (
        "Jupyter notebook",
        '[Download this chapter as a runnable notebook (.ipynb)]({href}){{ download="{name}" }}: '
        "the same code as this page, with English notes.",
    ),
}


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_pre_build(config) -> None:
    if os.environ.get("AUTOGRAD_PLAIN_BUILD"):
        return  # benchmarks/bench.py's reference build (see hooks/snippets.py)
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.current_language != i18n.default_language:
        return  # written by the first language's build, which writes every language's
    write_notebooks(_root(config))


def on_page_markdown(markdown, page, config, files):
    found = CHAPTER_PAGE.match(page.file.src_uri)
    if not found or found["lang"] not in LINK_TEXT:
        return markdown
    notebook = notebook_path(_root(config), Path(page.file.src_uri))
    href = f"generated/_notebooks/{notebook.name}"
    if files.get_file_from_path(href) is None:
        return markdown  # not a chapter: the page shows no snippet
    title, line = LINK_TEXT[found["lang"]]
    note = f'!!! tip "{title}"\n    {line.format(href=href, name=notebook.name)}\n'
    lines = markdown.splitlines(keepends=True)
    for index, text in enumerate(lines):
        if text.startswith("# "):
            return "".join(lines[: index + 1] + ["\n", note, "\n"] + lines[index + 1 :])
    return note + "\n" + markdown


# nbconvert's code colours are too faint for WCAG AA contrast on its grey background, and
# its scrollable code boxes cannot be reached by keyboard. Notebook pages use Material's
# own code colours (which follow light and dark mode) and focusable code boxes instead.
NOTEBOOK_CODE_STYLE = """<style>
.jupyter-wrapper .jp-InputArea-editor, .jupyter-wrapper .highlight-ipynb {
  background: var(--md-code-bg-color); color: var(--md-code-fg-color); }
.jupyter-wrapper .highlight-ipynb :is(.c, .c1, .ch, .cm, .cs, .cp) {
  color: var(--md-code-hl-comment-color); }
.jupyter-wrapper .highlight-ipynb :is(.m, .mb, .mf, .mh, .mi, .mo, .il) {
  color: var(--md-code-hl-number-color); }
.jupyter-wrapper .highlight-ipynb :is(.s, .s1, .s2, .sa, .sb, .sc, .sd, .se, .sh, .si, .sx) {
  color: var(--md-code-hl-string-color); }
.jupyter-wrapper .highlight-ipynb :is(.k, .kc, .kd, .kn, .kp, .kr, .kt, .ow) {
  color: var(--md-code-hl-keyword-color); }
.jupyter-wrapper .highlight-ipynb :is(.nb, .bp, .vm) { color: var(--md-code-hl-constant-color); }
.jupyter-wrapper .highlight-ipynb :is(.nf, .fm) { color: var(--md-code-hl-function-color); }
.jupyter-wrapper .highlight-ipynb :is(.nn, .nc) { color: var(--md-code-hl-name-color); }
.jupyter-wrapper .highlight-ipynb .o { color: var(--md-code-hl-operator-color); }
.jupyter-wrapper .highlight-ipynb .p { color: var(--md-code-hl-punctuation-color); }
</style>
"""


def on_post_page(output, page, config):
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    output = _anchor_unnamed_headings(output, page.toc)
    output = output.replace(
        '<div class="highlight-ipynb', '<div tabindex="0" class="highlight-ipynb'
    )
    return output.replace("</head>", NOTEBOOK_CODE_STYLE + "</head>", 1)


_UNNAMED_HEADING = re.compile(
    r'<h(?P<level>[1-6]) id="">(?P<text>.*?)<a class="anchor-link" href="#">'
)


def _toc_ids(items) -> dict[str, str]:
    ids = {}
    for item in items:
        ids.setdefault(html.unescape(item.title).strip(), item.id)
        ids.update({k: v for k, v in _toc_ids(item.children).items() if k not in ids})
    return ids


def _anchor_unnamed_headings(output: str, toc) -> str:
    """Give Chinese headings the ids the table of contents links to.

    nbconvert slugs headings to ASCII, so a Chinese heading gets ``id=""``, while
    mkdocs-jupyter's table of contents names the same heading ``_1``, ``_2``, … Matching
    them by heading text repairs both the contents links and the ¶ anchors.
    """
    ids = _toc_ids(toc)

    def name(match: re.Match) -> str:
        text = match.group("text")
        anchor = ids.get(html.unescape(re.sub(r"<[^>]+>", "", text)).strip())
        if anchor is None:
            return match.group(0)
        level = match.group("level")
        return f'<h{level} id="{anchor}">{text}<a class="anchor-link" href="#{anchor}">'

    return _UNNAMED_HEADING.sub(name, output)


def _jupyter(config):
    return config.plugins.get(JUPYTER)


@event_priority(-110)  # after static-i18n's on_files (-100)
def on_files(files, config):
    jupyter = _jupyter(config)
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
    name = re.match(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.ipynb$", Path(file.src_uri).name)
    if i18n is None or not name or not hasattr(file, "alternates"):
        return
    folder = Path(file.src_uri).parent
    for lang in i18n.all_languages:
        if not (Path(config.docs_dir) / folder / f"{name['stem']}.{lang}.ipynb").is_file():
            continue
        prefix = "" if lang == i18n.default_language else f"{lang}/"
        url = (folder / name["stem"]).as_posix().removeprefix("./") + "/"
        file.alternates[lang] = _Link(prefix + url)


class _Link:
    """All the language switcher reads from an alternate: its URL."""

    def __init__(self, url: str):
        self.url = url


@event_priority(10)  # before mkdocs-jupyter's on_post_build evicts "unused" cache entries
def on_post_build(config):
    jupyter = _jupyter(config)
    if jupyter is None or not jupyter.config["cache"]:
        return
    from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path

    options = jupyter.config
    for path in sorted(Path(config.docs_dir).rglob("*.ipynb")):
        if not jupyter.should_include(_Source(str(path))):
            continue
        execute = options["execute"] and not any(
            pathlib.PurePath(path).match(p) for p in options["execute_ignore"]
        )
        key = _compute_cache_key(str(path), options, execute)
        jupyter._used_cache_paths.add(_get_cache_path(options["cache_dir"], key))


class _Source:
    """The one attribute ``should_include`` reads from a file."""

    def __init__(self, abs_src_path: str):
        self.abs_src_path = abs_src_path
