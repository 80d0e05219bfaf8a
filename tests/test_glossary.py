"""Hover definitions come from the glossary page of the reader's language.

A two-page site is built in a temporary folder with the real glossary pages, the real
``hooks/markdown_language.py`` and the project's own Markdown extensions (the glossary's
among them), so the test is quick and checks what readers get:
``<abbr title="definition">term</abbr>`` in the page's language, between Chinese characters
too, and never inside code or headings.
"""

from __future__ import annotations

import html
import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils.yaml import yaml_load

from autograd_illustrated.vocabulary import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]

PAGES = {
    "index.zh.md": """# 计算图入门

一张计算图记录每一步运算。

再次出现的计算图不再加提示，**计算图**也一样。

代码里的 `计算图` 和 `grad_fn` 不加提示：

```python
label = "计算图"
```
""",
    "index.en.md": """# What a computation graph is

A computation graph records every step. TensorFlow is not a tensor.

Code such as `computation graph` and `grad_fn` gets no hint:

```python
label = "computation graph"
```
""",
}


def definition(language: str, term: str) -> str:
    """The definition cell of ``term``'s row, read straight from the glossary page."""
    for line in (ROOT / f"docs/glossary.{language}.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] == term:
            return cells[2]
    raise AssertionError(f"no row for {term!r} in docs/glossary.{language}.md")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("glossary-site")
    docs = work / "docs"
    docs.mkdir()
    for language in LANGUAGES:
        shutil.copy2(ROOT / f"docs/glossary.{language}.md", docs / f"glossary.{language}.md")
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as real:
        extensions = yaml_load(real)["markdown_extensions"]
    # The glossary pages of this small site, which are copies of the real ones.
    name = "autograd_illustrated.markdown.glossary"
    extensions[extensions.index(name)] = {name: {"docs_dir": str(docs)}}
    config_file = work / "mkdocs.yml"
    config_file.write_text(
        """site_name: glossary test
theme:
  name: material
  language: zh
plugins:
  - i18n:
      docs_structure: suffix
      languages:
        - {locale: zh, default: true, name: 中文, build: true}
        - {locale: en, name: English, build: true}
nav:
  - index.md
  - glossary.md
validation:
  links:
    not_found: info  # the glossary links to chapters this small site leaves out
""",
        encoding="utf-8",
    )
    config = load_config(
        str(config_file),
        site_dir=str(work / "site"),
        strict=True,
        hooks=[str(ROOT / "hooks/markdown_language.py")],
        markdown_extensions=extensions,
    )
    warnings = _WarningCounter()
    logging.getLogger("mkdocs").addHandler(warnings)
    try:
        build(config)
    finally:
        logging.getLogger("mkdocs").removeHandler(warnings)
    assert not warnings.messages, warnings.messages
    return work / "site"


class _WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def abbr(title: str, text: str) -> str:
    return f'<abbr title="{html.escape(title, quote=False)}">{text}</abbr>'


def test_chinese_page_shows_the_chinese_definition(built):
    page = (built / "index.html").read_text(encoding="utf-8")
    # Between two Chinese characters, where the stock abbr extension's \b never matches.
    assert f"一张{abbr(definition('zh', '计算图'), '计算图')}记录" in page
    assert definition("en", "computation graph") not in page


def test_english_page_shows_the_english_definition(built):
    page = (built / "en/index.html").read_text(encoding="utf-8")
    assert f"A {abbr(definition('en', 'computation graph'), 'computation graph')} records" in page
    assert definition("zh", "计算图") not in page
    # A term inside a longer word is not a use of the term.
    assert " TensorFlow is not a " in page and abbr(definition("en", "tensor"), "tensor") in page


@pytest.mark.parametrize(
    "path, term, uses_in_prose",
    [("index.html", "计算图", 1), ("en/index.html", "computation graph", 2)],
)
def test_code_and_headings_stay_plain(built, path, term, uses_in_prose):
    page = (built / path).read_text(encoding="utf-8")
    assert page.count("<abbr") == uses_in_prose  # the code span and code block stay bare
    assert f"<code>{term}</code>" in page and "<code>grad_fn</code>" in page
    heading = page.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert term in heading and "<abbr" not in heading


def test_glossary_page_is_not_annotated_with_itself(built):
    for path in ("glossary/index.html", "en/glossary/index.html"):
        assert "<abbr" not in (built / path).read_text(encoding="utf-8")


def test_only_the_first_use_of_a_term_is_marked(built):
    page = (built / "index.html").read_text(encoding="utf-8")
    marked = abbr(definition("zh", "计算图"), "计算图")
    assert page.count(marked) == 1
    assert "再次出现的计算图不再加提示，<strong>计算图</strong>也一样" in page
