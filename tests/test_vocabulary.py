"""The site's vocabulary (:mod:`autograd_illustrated.vocabulary`): one data file for the
languages and their UI text, agreeing with ``mkdocs.yml``; a third language as a data change;
one include parser and one doctest test; and no module spelling the languages out again.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from autograd_illustrated import vocabulary
from autograd_illustrated.vocabulary import (
    DATA_FILE,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    is_doctest,
    load,
    parse_include,
    section_names,
)

ROOT = Path(__file__).resolve().parents[1]


class _Loader(yaml.SafeLoader):
    pass


# mkdocs.yml holds Python tags (toc's slugify); they don't matter here.
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda _l, _s, _n: None)


def _i18n_languages() -> tuple[list[dict], str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_Loader)  # noqa: S506
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return i18n["languages"], config["theme"]["language"]


def test_mkdocs_yml_has_the_data_files_languages_in_its_order():
    languages, theme_language = _i18n_languages()
    assert [entry["locale"] for entry in languages] == list(LANGUAGES), (
        f"mkdocs.yml's i18n languages must be {DATA_FILE.relative_to(ROOT)}'s, in its order"
    )
    assert [entry["locale"] for entry in languages if entry.get("default")] == [DEFAULT_LANGUAGE]
    assert theme_language == DEFAULT_LANGUAGE
    for entry in languages:
        assert entry["name"] == vocabulary.language_name(entry["locale"]), entry["locale"]
        assert entry.get("build", True), f"{entry['locale']} is not built"


# -- a third language is a data change --------------------------------------------------------


def _with_french(tmp_path: Path) -> Path:
    table = yaml.safe_load(DATA_FILE.read_text("utf-8"))
    table["fr"] = {key: f"fr:{key}" for key in table[DEFAULT_LANGUAGE]}
    table["fr"] |= {"language_name": "Français", "language_english_name": "French"}
    path = tmp_path / "ui.yml"
    path.write_text(yaml.safe_dump(table, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_a_third_language_is_one_more_block_in_the_data_file(tmp_path):
    site = load(_with_french(tmp_path))
    assert site.languages == (*LANGUAGES, "fr") and site.default == DEFAULT_LANGUAGE
    assert site.ui_text("fr", "live_run") == "fr:live_run"
    assert site.name("fr") == "Français" and site.english_name("fr") == "French"

    docs = tmp_path / "docs"
    docs.mkdir()
    for lang in site.languages:
        (docs / f"backward.{lang}.md").write_text("# x\n", "utf-8")
    (docs / "backward.de.md").write_text("# not a language of this site\n", "utf-8")
    assert site.page_name(docs / "backward.fr.md") == ("backward", "fr", "md")
    assert site.page_name(docs / "backward.de.md") is None
    assert vocabulary.page_name(docs / "backward.fr.md") is None  # not the site's, yet
    assert site.discover(docs) == {
        "backward": {lang: docs / f"backward.{lang}.md" for lang in site.languages}
    }
    assert site.versions_of(docs / "backward.fr.md") == site.discover(docs)["backward"]
    # A translation follows the default language's page; the default's follows the second.
    assert site.sibling_of(docs / "backward.fr.md") == docs / f"backward.{DEFAULT_LANGUAGE}.md"
    assert site.sibling_of(docs / f"backward.{DEFAULT_LANGUAGE}.md") == (
        docs / f"backward.{LANGUAGES[1]}.md"
    )
    # ui.py's API reads any data file too.
    assert vocabulary.ui_strings("fr", path=tmp_path / "ui.yml")["live_reset"] == "fr:live_reset"


def test_a_language_missing_a_string_is_an_error(tmp_path):
    path = _with_french(tmp_path)
    text = path.read_text("utf-8").replace("  live_run: fr:live_run\n", "")
    path.write_text(text, "utf-8")
    with pytest.raises(ValueError, match=r"'fr' lacks \['live_run'\]"):
        load(path)


# -- includes and doctests --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "target", "section"),
    [
        ('--8<-- "snippets/backward/scalar.py:build"', "snippets/backward/scalar.py", "build"),
        ("  --8<-- 'snippets/a/b.py'", "snippets/a/b.py", None),
        ('-8<- "generated/backward/scalar/build.txt"', "generated/backward/scalar/build.txt", None),
        ('--8<-- "generated/gradient_flow/mean/mean-steps-en.md"', None, None),
    ],
)
def test_an_include_is_read_as_pymdownx_reads_it(line, target, section):
    found = parse_include(line)
    if target is None:
        target = found.target
    assert (found.target, found.section) == (target, section)
    assert line[found.start : found.end] == found.target


@pytest.mark.parametrize(
    "line", [';--8<-- "snippets/a/b.py"', "--8<--", '--8<-- ";snippets/a/b.py"', "text --8<--"]
)
def test_escaped_block_and_commented_includes_are_not_includes(line):
    assert parse_include(line) is None


def test_sections_are_the_snippet_files_start_markers():
    text = "# --8<-- [start:a]\nx = 1\n    # --8<-- [start:b-2]\n# --8<-- [end:a]\n"
    assert section_names(text) == {"a", "b-2"}


@pytest.mark.parametrize(
    ("info", "source", "expected"),
    [
        ("pycon", ">>> 1\n1", True),
        ('python title="x"', ">>> 1\n1", True),
        ("{ .py }", "\n>>> 1\n1", True),
        ("python", "x = 1", False),
        ("text", ">>> 1", False),
    ],
)
def test_doctests_are_pycon_fences_and_python_fences_that_start_with_a_prompt(
    info, source, expected
):
    assert is_doctest(info, source) is expected


# -- nothing spells the languages out again ----------------------------------------------------

SCANNED = ["src", "hooks", "tests", "benchmarks", "snippets", "scripts", "conftest.py"]
# Files whose text the built site publishes (chapter notebooks pack the graphs package and
# include whole snippets; live cells serve graphs/annotated.py as it is): changing them
# changes the site, so they keep their literal until the site may change.
ALLOWED = {
    "src/autograd_illustrated/graphs/annotated.py": "published in notebooks and live cells",
    "src/autograd_illustrated/graphs/stepthrough.py": "published in notebooks",
    "snippets/debugging/tree.py": "published in the debugging chapter's notebooks",
}


def _language_lists(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if (
            isinstance(node, ast.Tuple | ast.List | ast.Set)
            and len(node.elts) >= 2
            and all(isinstance(e, ast.Constant) and e.value in LANGUAGES for e in node.elts)
        ):
            found.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_module_spells_out_the_languages():
    paths = []
    for name in SCANNED:
        top = ROOT / name
        paths += [top] if top.is_file() else sorted(top.rglob("*.py"))
    found = [
        hit
        for path in paths
        if path.relative_to(ROOT).as_posix() not in ALLOWED
        for hit in _language_lists(path)
    ]
    assert not found, (
        "take the languages from autograd_illustrated.vocabulary (LANGUAGES, "
        "DEFAULT_LANGUAGE), whose data file is i18n/ui.yml:\n" + "\n".join(found)
    )


def test_the_allowlist_is_still_needed():
    for name in ALLOWED:
        assert _language_lists(ROOT / name), f"{name} no longer needs its place in ALLOWED"
