"""The shared-heading-id tool on small pages: slugs as the site makes them, uniqueness,
links rewritten, pairs it must not guess about, and a second run that changes nothing.

The check on the real pages is ``test_same_heading_ids`` in test_parity.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from autograd_illustrated import headings, translations

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "docs").mkdir()
    # The site's own Markdown setup, so slugs are made exactly as the build makes them.
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def write(project: Path, name: str, text: str) -> Path:
    path = project / "docs" / name
    path.write_text(text, encoding="utf-8")
    return path


def read(project: Path, name: str) -> str:
    return (project / "docs" / name).read_text(encoding="utf-8")


@pytest.fixture
def slug():
    return headings.Slugger(ROOT)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An analogy first: a ledger", "an-analogy-first-a-ledger"),
        ("先打个比方：记账本和草稿纸", "先打个比方记账本和草稿纸"),
        ("图里的 AccumulateGrad", "图里的-accumulategrad"),
        ("`.grad` is `None`", "grad-is-none"),
        ("no_sync：DDP 下的梯度累加", "no_syncddp-下的梯度累加"),
        ("Why $y = x^2$ &amp; not *more*", "why-y--x2--not-more"),
    ],
)
def test_slug_is_the_sites_toc_slug(slug, text, expected):
    assert slug(text) == expected


def test_anchors_repeat_with_toc_suffixes_and_avoid_ids_given_by_hand(project, slug):
    path = write(
        project,
        "p.en.md",
        "# Title\n\n## Exercises\n\n## Exercises\n\n### Later { #exercises_2 }\n\n"
        "!!! note\n    x\n{ #exercises_3 }\n\n## Exercises\n",
    )
    page = headings.read_page(path)
    assert headings.anchors(page, slug) == [
        "title",
        "exercises",
        "exercises_1",
        "exercises_2",
        "exercises_4",
    ]


def test_headings_in_code_comments_and_front_matter_are_not_headings(project):
    path = write(
        project,
        "p.en.md",
        "---\n# not: a heading\n---\n# Title\n\n```python\n# a comment\n```\n\n"
        "<!-- invisible-code-block: python\n# also a comment\n-->\n\n"
        "    ~~~~\n    ## indented fence\n    ~~~~\n\n## Real { .wide }\n",
    )
    page = headings.read_page(path)
    assert [(h.level, h.text, h.attrs) for h in page.headings] == [
        (1, "Title", None),
        (2, "Real", ".wide"),
    ]


ZH = """# 标题

见[下一节](#先打个比方记账本)和[另一页](other.md#其他-页面)。

## 先打个比方：记账本

```python
## 代码里的注释，不是标题
x = "[不是链接](#先打个比方记账本)"
```

## 练习 { #exercises }

### 练习

## 官方资料 { #sources }
"""

EN = """# Title

See [the next section](#an-analogy-first-a-ledger) and [another page](other.en.md#other-page).

## An analogy first: a ledger

## Exercises

### Exercise one { #one }

## Official sources { #official }
"""

OTHER_ZH = "# 其他\n\n## 其他 页面\n\n回到[比方](page.md#先打个比方记账本)。\n"
OTHER_EN = "# Other\n\n## Other page\n\nBack to [the analogy](page.md#an-analogy-first-a-ledger).\n"


@pytest.fixture
def pages(project) -> Path:
    write(project, "page.zh.md", ZH)
    write(project, "page.en.md", EN)
    write(project, "other.zh.md", OTHER_ZH)
    write(project, "other.en.md", OTHER_EN)
    return project


def test_assign_gives_both_languages_the_same_ids(pages):
    report = headings.assign(pages)
    assert sorted(report.assigned) == ["other", "page"] and not report.skipped
    zh, en = read(pages, "page.zh.md"), read(pages, "page.en.md")
    assert "## 先打个比方：记账本 { #an-analogy-first-a-ledger }\n" in zh
    assert "## An analogy first: a ledger { #an-analogy-first-a-ledger }\n" in en
    # An id either side already has is kept, English's first.
    assert "## 练习 { #exercises }\n" in zh and "## Exercises { #exercises }\n" in en
    assert "### 练习 { #one }\n" in zh and "### Exercise one { #one }\n" in en
    assert "## 官方资料 { #official }\n" in zh
    assert "## Official sources { #official }\n" in en
    # The page title keeps its generated anchor; code is left as it was.
    assert zh.startswith("# 标题\n") and "## 代码里的注释，不是标题\n" in zh
    assert headings.problems(pages) == []


def test_assign_rewrites_links_to_old_anchors_in_every_page(pages):
    report = headings.assign(pages)
    zh, en = read(pages, "page.zh.md"), read(pages, "page.en.md")
    assert "[下一节](#an-analogy-first-a-ledger)" in zh
    assert "[另一页](other.md#other-page)" in zh
    assert "[another page](other.en.md#other-page)" in en
    assert '"[不是链接](#先打个比方记账本)"' in zh  # inside code: not a link
    assert "(page.md#an-analogy-first-a-ledger)" in read(pages, "other.zh.md")
    assert "(page.md#an-analogy-first-a-ledger)" in read(pages, "other.en.md")
    assert len(report.links_rewritten) == 3
    assert not report.unresolved


def test_new_ids_are_unique_on_the_page(project):
    write(project, "p.zh.md", "# 页\n\n## 例子\n\n## 又一个例子\n\n## 第三 { #example_1 }\n")
    write(project, "p.en.md", "# Page\n\n## Example\n\n## Example\n\n## Third\n")
    headings.assign(project)
    assert [h.explicit for h in headings.read_page(project / "docs" / "p.en.md").sections] == [
        "example",
        "example_2",
        "example_1",
    ]


def test_pairs_whose_headings_differ_are_reported_and_left_alone(project):
    zh = write(project, "p.zh.md", "# 页\n\n## 一\n\n## 二\n")
    en = write(project, "p.en.md", "# Page\n\n## One\n\n### One and a half\n\n## Two\n")
    report = headings.assign(project)
    assert report.assigned == []
    [skipped] = report.skipped
    assert "docs/p.zh.md:5: ## 二" in skipped and "docs/p.en.md:5: ### One and a half" in skipped
    assert zh.read_text(encoding="utf-8") == "# 页\n\n## 一\n\n## 二\n"
    assert "{" not in en.read_text(encoding="utf-8")
    assert headings.main(["--root", str(project), "assign"]) == 1


def test_an_id_given_to_two_headings_is_reported_not_written(project):
    write(project, "p.zh.md", "# 页\n\n## 一 { #one }\n\n## 二\n")
    write(project, "p.en.md", "# Page\n\n## One\n\n## Two { #one }\n")
    report = headings.assign(project)
    assert report.skipped == ["p: ids written by hand name two headings: ['one']"]
    assert not report.files_changed


def test_assign_twice_changes_nothing(pages):
    headings.assign(pages)
    before = {p.name: p.read_bytes() for p in (pages / "docs").iterdir()}
    report = headings.assign(pages)
    assert {p.name: p.read_bytes() for p in (pages / "docs").iterdir()} == before
    assert report.headings_changed == 0 and not report.links_rewritten
    assert not report.files_changed


def test_check_names_file_and_line_until_assign_is_run(pages, capsys):
    assert headings.main(["--root", str(pages), "check"]) == 1
    out = capsys.readouterr().out
    assert "docs/page.zh.md:5 and docs/page.en.md:5: no explicit id" in out
    assert "docs/page.zh.md:16: #sources" in out and "docs/page.en.md:11: #official" in out
    assert headings.main(["--root", str(pages), "assign"]) == 0
    assert headings.main(["--root", str(pages), "check"]) == 0


def test_a_pair_in_step_stays_in_step(pages):
    for path in translations.pages(pages):
        translations.sync(path, pages)
    assert translations.check(pages) == []
    headings.assign(pages)
    assert translations.check(pages) == []


def test_other_attributes_of_a_heading_are_kept():
    assert headings.with_id("## Title { .wide #old }", "new") == "## Title { #new .wide }"
    assert headings.with_id("## Title {: .wide }", "new") == "## Title { #new .wide }"
    assert headings.with_id("## Title", "new") == "## Title { #new }"
