"""Search finds what readers type: the relevance set in ``tests/search/queries.tsv``.

Every query runs through the site's real search code on the built site: the search worker
Material's search box talks to (``docs/assets/search-worker.js``), which loads the built
Pagefind bundle of the query's language (its ``pagefind.js`` and wasm) and answers with the
pages the box would list. ``tests/search/run_queries.mjs`` runs the worker in Node, with
the site's files served from the build. An English query searches the English bundle, a
Chinese one the Chinese bundle.

A query passes when its page is in the top 3; a pasted error message, when its chapter is
first. A failure names the query and the top 3 it got.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sitepages import ROOT, language_of

from autograd_illustrated import search_index

QUERIES = ROOT / "tests" / "search" / "queries.tsv"
RUNNER = ROOT / "tests" / "search" / "run_queries.mjs"


def _load() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in QUERIES.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            language, kind, expected, query = line.split("\t")
            rows.append((language, kind, expected, query))
    return rows


ROWS = _load()


def search(site: Path, queries: list[dict], engine: str = "mkdocs") -> list[dict]:
    """Each query's answer from the real worker and Pagefind bundle of the build, in Node
    (``engine="zensical"``: a Zensical build, its worker spoken to as Zensical's box does)."""
    done = subprocess.run(
        ["node", str(RUNNER), str(site), *(["zensical"] if engine == "zensical" else [])],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        pytest.fail(f"the search worker failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)["answers"]


@pytest.fixture(scope="module")
def answers(site: Path) -> dict[tuple[str, str], dict]:
    if shutil.which("node") is None:
        pytest.fail("node is missing: the search worker runs in Node")
    for bundle in (site / "pagefind", site / "en" / "pagefind"):
        if not (bundle / "pagefind-entry.json").is_file():
            pytest.fail(f"no Pagefind bundle in {bundle}: the build makes it (search_index.py)")
    queries = [{"language": lang, "query": query} for lang, _, _, query in ROWS]
    return {(a["language"], a["query"]): a for a in search(site, queries)}


def test_the_set_is_large_and_balanced():
    languages = [row[0] for row in ROWS]
    assert len(ROWS) >= 80
    assert languages.count("zh") == languages.count("en")
    kinds = {row[1] for row in ROWS}
    assert {"concept", "api", "inflected", "term", "mixed", "error"} <= kinds


@pytest.mark.parametrize(
    ("language", "kind", "expected", "query"),
    ROWS,
    ids=[f"{lang}-{kind}-{query[:40]}" for lang, kind, _, query in ROWS],
)
def test_search_finds_the_page(answers, language, kind, expected, query):
    answer = answers[(language, query)]
    top = answer["pages"][:3]
    wanted = 1 if kind == "error" else 3
    assert all(language_of(page) == language for page in answer["pages"]), (
        f"{query!r} on the {language} index listed pages of another language: {answer['pages']}"
    )
    assert expected in answer["pages"][:wanted], (
        f"{query!r} ({language}, {kind}): expected {expected!r} "
        f"{'first' if wanted == 1 else 'in the top 3'}; top 3 was {top}"
    )


# Error types whose messages the site demonstrates (`# raises:` in snippets).
# As outputs and tracebacks print them: at the start of a line (not `except RuntimeError:`).
_ERROR = re.compile(
    r"^[ \t]*((?:Runtime|Type|Value|Recursion|Gradcheck|Trace|Index|Attribute)Error): ([^\n]+)",
    re.MULTILINE,
)


def _demonstrated_errors(site: Path) -> dict[str, str]:
    """Every error message shown on an English page: message -> a page showing it."""
    found: dict[str, str] = {}
    for path in sorted((site / "en").glob("*/index.html")):
        text = html.unescape(re.sub(r"<[^>]+>", "", path.read_text("utf-8")))
        for match in _ERROR.finditer(text):
            found.setdefault(match.group(2).strip(), path.parent.name)
    return found


def test_every_demonstrated_error_finds_the_chapter_that_explains_it(site: Path):
    """Deliverable: an error the site shows, pasted, lists its chapter first, both languages.

    The messages come from the built pages, so a newly demonstrated error is checked the
    moment it appears; it needs an entry in EXPLAINS (autograd_illustrated/search_index.py).
    """
    errors = _demonstrated_errors(site)
    assert len(errors) >= 10, f"found only {len(errors)} error messages on the pages"
    queries, expected, missing = [], [], []
    for message in errors:
        chapter = next(
            (slug for slug, known in search_index.EXPLAINS.items() for m in known if m in message),
            None,
        )
        if chapter is None:
            missing.append(message)
            continue
        # What a reader pastes: the message's first words, as long as a traceback line.
        pasted = " ".join(message.split()[:16])
        for language, prefix in (("zh", ""), ("en", "en/")):
            queries.append({"language": language, "query": pasted})
            expected.append(f"{prefix}{chapter}/")
    assert not missing, f"errors shown with no chapter in EXPLAINS (search_index.py): {missing}"
    answers = search(site, queries)
    wrong = [
        f"{a['query']!r} ({a['language']}): expected {want!r} first; top 3 was {a['pages'][:3]}"
        for a, want in zip(answers, expected, strict=True)
        if a["pages"][:1] != [want]
    ]
    assert not wrong, "\n".join(wrong)
