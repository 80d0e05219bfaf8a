"""Code comments in the page's language: one snippet, its Chinese comments in a sidecar.

- every comment of every snippet has a Chinese translation, and nothing else changes;
- a missing translation fails with the snippet's ``file:line`` and the exact line to add;
- strings holding ``#``, section markers and ``# raises:``/``# noqa`` markers survive;
- a Chinese page's rendered code shows the Chinese comment, an English page the English one.
"""

from __future__ import annotations

import ast
import io
import tokenize
from pathlib import Path

import markdown
import pytest

from autograd_illustrated.comments import (
    CommentLanguageExtension,
    TranslationError,
    add_stubs,
    check,
    find_comments,
    load_sidecar,
    localize_include,
    sidecar_path,
    translate,
    translated_source,
    wrap,
    write_translated,
)
from autograd_illustrated.notebooks import build_notebook
from autograd_illustrated.vocabulary import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
SNIPPETS = sorted(p for p in (ROOT / "snippets").rglob("*.py") if not p.name.startswith("_"))

SOURCE = '''"""A docstring # with a hash, left alone."""

import torch

# --8<-- [start:demo]
# Two lines of comment
# make one block.
url = "https://example.org/#anchor"  # the hash in the string stays
y = torch.ones(1) / 0  # raises: ZeroDivisionError
import os  # noqa: E402 - for the path
# --8<-- [end:demo]
'''
TABLE = {
    "Two lines of comment make one block.": "两行注释合成一段。",
    "the hash in the string stays": "字符串里的井号保持不变",
    "for the path": "为了路径",
}


def _comments(source: str) -> list[str]:
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [t.string for t in tokens if t.type == tokenize.COMMENT]


def _project(tmp_path: Path, source: str = SOURCE, table: str | None = None) -> Path:
    folder = tmp_path / "snippets" / "demo"
    folder.mkdir(parents=True)
    (folder / "code.py").write_text(source, encoding="utf-8")
    if table is not None:
        (folder / "code.zh.toml").write_text(table, encoding="utf-8")
    return tmp_path


def _toml(table: dict[str, str]) -> str:
    return "".join(f'"{k}" = "{v}"\n' for k, v in table.items())


# -- the real snippets ------------------------------------------------------------------


def test_every_comment_of_every_snippet_has_a_chinese_translation():
    problems = check(ROOT)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", SNIPPETS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_only_comments_change(path):
    english = path.read_text("utf-8")
    chinese = translated_source(path, ROOT, "zh")
    # Same program: the same syntax tree, so the same strings, docstrings and code.
    assert ast.dump(ast.parse(chinese)) == ast.dump(ast.parse(english))
    for comment in find_comments(english):
        translation = load_sidecar(sidecar_path(path), ROOT)[comment.text]
        assert translation.split()[0][:8] in chinese, f"{path.name}:{comment.first}"


# -- the mechanism ----------------------------------------------------------------------


def test_comments_are_swapped_and_everything_else_kept():
    chinese, missing, used = translate(SOURCE, TABLE)
    assert not missing and used == set(TABLE)
    assert '"https://example.org/#anchor"  # 字符串里的井号保持不变' in chinese
    assert '"""A docstring # with a hash, left alone."""' in chinese
    assert "# --8<-- [start:demo]" in chinese and "# --8<-- [end:demo]" in chinese
    assert "y = torch.ones(1) / 0  # raises: ZeroDivisionError\n" in chinese
    assert "import os  # noqa: E402 - 为了路径\n" in chinese
    assert "# 两行注释合成一段。\nurl" in chinese
    assert ast.dump(ast.parse(chinese)) == ast.dump(ast.parse(SOURCE))


def test_a_missing_translation_names_the_snippet_line_and_what_to_add(tmp_path):
    table = dict(TABLE)
    del table["the hash in the string stays"]
    root = _project(tmp_path, table=_toml(table))
    with pytest.raises(TranslationError) as failure:
        write_translated(root)
    message = str(failure.value)
    assert message.startswith("snippets/demo/code.py:8: comment has no Chinese translation")
    assert "add this line to snippets/demo/code.zh.toml:" in message
    assert '"the hash in the string stays" = "…"' in message
    assert not (root / "generated" / "_zh" / "snippets" / "demo" / "code.py").exists()


def test_a_snippet_without_a_sidecar_lists_every_comment(tmp_path):
    root = _project(tmp_path)
    problems = check(root)
    assert [p.split(":")[1] for p in problems] == ["6", "8", "10"]


def test_empty_and_stale_translations_fail_too(tmp_path):
    table = {**TABLE, "for the path": "", "a comment that was edited away": "旧的"}
    root = _project(tmp_path, table=_toml(table))
    problems = check(root)
    assert any(
        p.startswith(
            "snippets/demo/code.zh.toml:3: the Chinese translation of the comment at "
            "snippets/demo/code.py:10 is empty"
        )
        for p in problems
    ), problems
    assert any("snippets/demo/code.zh.toml:4: translates a comment that" in p for p in problems)


def test_stubs_make_adding_a_comment_one_command(tmp_path):
    root = _project(tmp_path, table=_toml({"for the path": "为了路径"}))
    snippet = root / "snippets" / "demo" / "code.py"
    assert add_stubs(snippet, root) == [
        "Two lines of comment make one block.",
        "the hash in the string stays",
    ]
    sidecar = (root / "snippets" / "demo" / "code.zh.toml").read_text("utf-8")
    assert sidecar.endswith('"the hash in the string stays" = ""\n')
    assert len(check(root)) == 2  # empty stubs still fail until someone translates them


def test_translated_copies_are_written_once_and_pruned(tmp_path):
    root = _project(tmp_path, table=_toml(TABLE))
    target = root / "generated" / "_zh" / "snippets" / "demo" / "code.py"
    assert write_translated(root) == [target]
    assert write_translated(root) == []
    (root / "snippets" / "demo" / "code.py").unlink()
    (root / "snippets" / "demo" / "code.zh.toml").unlink()
    write_translated(root)
    assert not target.exists()


def test_long_chinese_wraps_without_breaking_words():
    text = (
        "反向传播从输出开始，沿着计算图往回走，"
        "用链式法则把梯度一路乘回到每个 requires_grad 的叶子节点。"
    )
    lines = wrap(text, 40)
    assert len(lines) > 1 and "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert any("requires_grad" in line for line in lines)
    assert not any(line.startswith(("，", "。")) for line in lines)


# -- pages ------------------------------------------------------------------------------


def test_include_lines_are_rewritten_for_chinese_only():
    line = '--8<-- "snippets/backward/scalar.py:build"'
    assert (
        localize_include(line, "zh") == '--8<-- "generated/_zh/snippets/backward/scalar.py:build"'
    )
    assert localize_include(line, "en") == line
    output = '--8<-- "generated/backward/scalar/build.txt"'
    assert localize_include(output, "zh") == output


@pytest.mark.parametrize(
    ("lang", "shown", "hidden"),
    [("zh", "字符串里的井号保持不变", "the hash in"), ("en", "the hash in the string", "井号")],
)
def test_a_page_shows_comments_in_its_language(tmp_path, lang, shown, hidden):
    root = _project(tmp_path, table=_toml(TABLE))
    write_translated(root)
    page = '```python\n--8<-- "snippets/demo/code.py:demo"\n```\n'
    html = markdown.markdown(
        page,
        extensions=[
            CommentLanguageExtension(language=lang),
            "pymdownx.snippets",
            "pymdownx.superfences",
        ],
        extension_configs={"pymdownx.snippets": {"base_path": [str(root)], "check_paths": True}},
    )
    assert shown in html and hidden not in html
    assert "https://example.org/#anchor" in html


def test_chinese_notebooks_show_chinese_comments():
    notebooks = {
        lang: build_notebook(ROOT / "docs" / f"backward.{lang}.md", ROOT) for lang in LANGUAGES
    }
    code = {
        lang: "\n".join(c["source"] for c in nb["cells"] if c["cell_type"] == "code")
        for lang, nb in notebooks.items()
    }
    assert "链式法则" in code["zh"] and "chain rule" not in code["zh"]
    assert "chain rule" in code["en"] and "链式法则" not in code["en"]
    assert ast.dump(ast.parse(code["zh"])) == ast.dump(ast.parse(code["en"]))
