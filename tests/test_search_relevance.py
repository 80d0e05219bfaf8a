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

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from sitepages import ROOT, language_of

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


@pytest.fixture(scope="module")
def answers(site: Path) -> dict[tuple[str, str], dict]:
    if shutil.which("node") is None:
        pytest.fail("node is missing: the search worker runs in Node")
    for bundle in (site / "pagefind", site / "en" / "pagefind"):
        if not (bundle / "pagefind-entry.json").is_file():
            pytest.fail(f"no Pagefind bundle in {bundle}: the build's hooks/search.py makes it")
    queries = [{"language": lang, "query": query} for lang, _, _, query in ROWS]
    done = subprocess.run(
        ["node", str(RUNNER), str(site)],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        pytest.fail(f"the search worker failed:\n{done.stderr[-3000:]}")
    return {(a["language"], a["query"]): a for a in json.loads(done.stdout)["answers"]}


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
