"""Translation freshness: no page may fall behind its other-language sibling.

The first test is the one CI runs on the real pages; the rest prove on small pages that
the marker catches what it should (a change of prose) and nothing else (whitespace, the
marker itself), and that the fix for a typo is one command.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import markdown
import pytest

from autograd_illustrated import prose, translations
from autograd_illustrated.markdown.translation_marker import without_marker
from autograd_illustrated.translations import Marker, check, content_hash, sync

ROOT = Path(os.environ.get("PROJECT_ROOT") or Path(__file__).resolve().parents[1]).resolve()
MARKER_TEXT = "translation: synced with"


def test_every_page_is_in_step_with_its_sibling():
    problems = check(ROOT)
    assert not problems, "\n".join(problems)


def test_every_page_carries_a_marker():
    # A page without a sibling fails test_parity; one without a marker fails here.
    found = translations.pages(ROOT)
    assert found and all(translations.read_marker(path) for path in found)


# -- on small pages ---------------------------------------------------------------------

ZH = "# 反向传播\n\n每个元素的梯度都是 4.5。\n<!-- prose: 4.5 => 4.5 -->\n"
EN = "# Backward\n\nEvery element of the gradient is 4.5.\n<!-- prose: 4.5 => 4.5 -->\n"


@pytest.fixture
def pair(tmp_path) -> tuple[Path, Path]:
    docs = tmp_path / "docs"
    docs.mkdir()
    zh, en = docs / "page.zh.md", docs / "page.en.md"
    zh.write_text(ZH, encoding="utf-8")
    en.write_text(EN, encoding="utf-8")
    sync(zh, tmp_path)
    sync(en, tmp_path)
    assert check(tmp_path) == []
    return zh, en


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_change_of_prose_makes_the_sibling_stale_and_names_both(pair, tmp_path):
    zh, en = pair
    before = content_hash(en)
    edit(en, "Every element", "Each element")
    (problem,) = check(tmp_path)
    assert problem.startswith(
        f"docs/page.zh.md was synced with docs/page.en.md @ {before}, "
        f"but docs/page.en.md is now @ {content_hash(en)}: "
    )
    assert "sync docs/page.zh.md docs/page.en.md`" in problem


def test_a_typo_fix_is_one_command(pair, tmp_path):
    zh, en = pair
    edit(en, "gradient", "gradeint")
    assert check(tmp_path)
    assert translations.main(["--root", str(tmp_path), "sync", str(zh)]) == 0
    assert check(tmp_path) == []
    assert translations.main(["--root", str(tmp_path), "check"]) == 0


def test_restamping_a_page_does_not_make_its_sibling_stale(pair, tmp_path):
    zh, en = pair
    own = content_hash(zh)
    translations.write_marker(zh, Marker("docs/page.en.md", "0" * 12))
    assert content_hash(zh) == own
    assert check(tmp_path) == [check(tmp_path)[0]]  # only zh itself is off
    assert check(tmp_path)[0].startswith("docs/page.zh.md ")


def test_a_translated_change_needs_both_pages_synced(pair, tmp_path):
    zh, en = pair
    edit(en, "is 4.5.", "is 4.5, everywhere.")
    edit(zh, "都是 4.5。", "处处都是 4.5。")
    problems = check(tmp_path)
    assert len(problems) == 2 and all("both pages changed" in p for p in problems)
    sync(zh, tmp_path)
    sync(en, tmp_path)
    assert check(tmp_path) == []


def test_whitespace_noise_is_not_a_change(pair, tmp_path):
    zh, en = pair
    text = en.read_text(encoding="utf-8")
    en.write_text(text.replace("\n", "  \r\n") + "\n\n", encoding="utf-8")
    assert check(tmp_path) == []
    edit(en, "4.5.", "4.6.")  # one character of prose is a change
    assert len(check(tmp_path)) == 1


def test_a_missing_malformed_or_repeated_marker_fails(pair, tmp_path):
    zh, en = pair
    edit(zh, "<!-- translation: synced with docs/page.en.md @", "<!-- translation: synced to")
    edit(en, "<!-- translation:", "<!--translation:")
    problems = "\n".join(check(tmp_path))
    assert "docs/page.zh.md: malformed translation marker" in problems
    assert "docs/page.en.md: malformed translation marker" in problems
    sync(zh, tmp_path)
    sync(en, tmp_path)
    en.write_text(en.read_text(encoding="utf-8") * 2, encoding="utf-8")
    assert "2 translation markers" in check(tmp_path)[0]
    en.write_text(EN, encoding="utf-8")
    assert any(p.startswith("docs/page.en.md records no sync") for p in check(tmp_path))


def test_sync_needs_pages_or_all(pair, tmp_path):
    with pytest.raises(SystemExit):
        translations.main(["--root", str(tmp_path), "sync"])
    assert translations.main(["--root", str(tmp_path), "sync", "--all"]) == 0


def test_the_marker_is_not_prose_and_never_reaches_the_html(pair):
    zh, en = pair
    # A hash may be all digits: as prose, the prose-number lint would demand a check.
    translations.write_marker(en, Marker("docs/page.zh.md", "123456789012"))
    page = en.read_text(encoding="utf-8")
    assert page.endswith("\n\n<!-- translation: synced with docs/page.zh.md @ 123456789012 -->\n")
    assert prose.lint(en) == []
    assert all("123456789012" not in p.text for p in prose.paragraphs(page))
    rendered = without_marker(page.split("\n"))
    assert MARKER_TEXT not in "\n".join(rendered)
    assert len(rendered) == len(page.split("\n"))  # the page keeps its line numbers
    assert MARKER_TEXT not in markdown.markdown(
        page, extensions=["autograd_illustrated.markdown.translation_marker"]
    )


def test_the_built_site_has_no_marker(site):
    leaked = [
        html.relative_to(site).as_posix()
        for html in site.rglob("*.html")
        if MARKER_TEXT in html.read_text(encoding="utf-8")
    ]
    assert not leaked


# -- notebooks ---------------------------------------------------------------------------


def notebook(markdown: str, code: str, output: str = "") -> str:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": [markdown]},
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [{"name": "stdout", "output_type": "stream", "text": [output]}],
            "source": [code],
        },
    ]
    data = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def test_notebooks_follow_their_cells_not_their_outputs(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    zh, en = docs / "play.zh.ipynb", docs / "play.en.ipynb"
    zh.write_text(notebook("# 游乐场", "x = 1"), encoding="utf-8")
    en.write_text(notebook("# Playground", "x = 1"), encoding="utf-8")
    sync(zh, tmp_path)
    sync(en, tmp_path)
    assert check(tmp_path) == []
    record = json.loads(zh.read_text(encoding="utf-8"))["metadata"]["translation"]
    assert record == {"synced_with": "docs/play.en.ipynb", "hash": content_hash(en)}

    en.write_text(notebook("# Playground", "x = 1", output="1\n"), encoding="utf-8")
    sync(en, tmp_path)  # rewrites the metadata of en, which zh does not follow
    assert check(tmp_path) == []
    en.write_text(notebook("# Playground", "x = 2"), encoding="utf-8")
    sync(en, tmp_path)
    (problem,) = check(tmp_path)
    assert problem.startswith("docs/play.zh.ipynb was synced with docs/play.en.ipynb @ ")
