"""Search engines compared on this site: Pagefind (what it uses) and Material's lunr.

    python benchmarks/search_compare.py --lunr-site OLD_BUILD --pagefind-site NEW_BUILD

OLD_BUILD is a build whose search/search_index.json still holds every page (Material's
lunr search, before hooks/search.py); NEW_BUILD a current one. For each engine and
language it reports:

- score: queries of tests/search/queries.tsv answered as the relevance test requires
  (page in the top 3; a pasted error's chapter first);
- bytes: what a reader downloads to get a first result (raw, and gzip as served);
- time to first result in Chromium: from the reader focusing the search box on a page
  that had loaded nothing for search, to the first result on screen (median of 5, a cold
  tab each time), on this machine and with the CPU slowed 4x (a phone).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from sitepages import SiteServer  # noqa: E402

from autograd_illustrated.browser import CHROMIUM, OFFLINE_ARGS  # noqa: E402
from autograd_illustrated.vocabulary import LANGUAGES  # noqa: E402

WORKER = next(
    (
        ROOT / ".venv/lib/python3.11/site-packages/material/templates/assets/javascripts/workers"
    ).glob("search.*.min.js")
)
QUERIES = [
    line.split("\t")
    for line in (ROOT / "tests/search/queries.tsv").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
FIRST_RESULT_QUERIES = {"zh": "链式法则", "en": "chain rule"}


def score(answers: list[dict]) -> dict[str, str]:
    passed = {"zh": 0, "en": 0}
    total = {"zh": 0, "en": 0}
    for (language, kind, expected, _), answer in zip(QUERIES, answers, strict=True):
        total[language] += 1
        passed[language] += expected in answer["pages"][: 1 if kind == "error" else 3]
    return {lang: f"{passed[lang]}/{total[lang]}" for lang in total}


def run(command: list[str], env: dict | None = None) -> list[dict]:
    queries = json.dumps([{"language": q[0], "query": q[3]} for q in QUERIES])
    done = subprocess.run(
        command,
        input=queries,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return json.loads(done.stdout)["answers"]


def served(path: Path) -> tuple[int, int]:
    raw = path.read_bytes()
    # Pagefind's index, fragments and wasm are gzip already; the rest a server compresses.
    packed = raw if raw[:2] == b"\x1f\x8b" else gzip.compress(raw, 9)
    return len(raw), len(packed)


def first_result(site: Path, page: str, query: str, slowdown: int) -> tuple[float, int, int]:
    """Seconds from focusing the search box to the first result; bytes the search fetched."""
    from playwright.sync_api import sync_playwright

    times, transferred = [], []
    server = SiteServer(site)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=OFFLINE_ARGS)
        for _ in range(5):
            context = browser.new_context(viewport={"width": 390, "height": 844})
            tab = context.new_page()
            cdp = context.new_cdp_session(tab)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
            urls: list[str] = []
            tab.goto(server.url(page), wait_until="networkidle")
            tab.on("response", lambda r, urls=urls: urls.append(r.url) if r.ok else None)
            box = tab.locator(".md-search__input")
            started = time.perf_counter()
            tab.locator(".md-header__button[for='__search']").first.click()
            box.fill(query)
            box.press("End")
            tab.locator(".md-search-result__item").first.wait_for(timeout=30_000)
            times.append(time.perf_counter() - started)
            tab.wait_for_load_state("networkidle")
            paths = {site / server.page_of(url) for url in urls}
            transferred.append(sum(served(p)[1] for p in paths if p.is_file()))
            context.close()
        browser.close()
    server.close()
    return statistics.median(times), min(transferred), max(transferred)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lunr-site", type=Path, required=True)
    parser.add_argument("--pagefind-site", type=Path, required=True)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    index = args.lunr_site / "search" / "search_index.json"
    report = {
        "pagefind": {
            "score": score(
                run(["node", str(ROOT / "tests/search/run_queries.mjs"), str(args.pagefind_site)])
            )
        },
        "lunr": {
            "score": score(
                run(["node", str(ROOT / "benchmarks/search_lunr.mjs"), str(index), str(WORKER)])
            )
        },
        "lunr, one language per worker": {
            "score": score(
                run(
                    ["node", str(ROOT / "benchmarks/search_lunr.mjs"), str(index), str(WORKER)],
                    {"LUNR_OWN_LANGUAGE": "1"},
                )
            )
        },
    }
    # Bytes for search, before any query: lunr's one index (both languages); Pagefind's
    # script, wasm, language metadata and the files the worker reads at setup.
    raw, packed = served(index)
    report["lunr"]["index bytes (both languages, one file)"] = {"raw": raw, "gzip": packed}
    docs = json.loads(index.read_text("utf-8"))
    for language in LANGUAGES:
        own = [d for d in docs["docs"] if d["location"].startswith("en/") == (language == "en")]
        text = json.dumps({"config": docs["config"], "docs": own}, ensure_ascii=False).encode()
        report["lunr"][f"index bytes if split, {language}"] = {
            "raw": len(text),
            "gzip": len(gzip.compress(text, 9)),
        }
        bundle = args.pagefind_site / ("pagefind" if language == "zh" else "en/pagefind")
        files = [
            p
            for p in bundle.rglob("*")
            if p.is_file()
            and "unknown" not in p.name
            or (language == "zh" and p.name.startswith("wasm.unknown"))
        ]
        total = [served(p) for p in files]
        report["pagefind"][f"bundle bytes on disk, {language}"] = {
            "raw": sum(r for r, _ in total),
            "gzip": sum(g for _, g in total),
        }
    if not args.no_browser:
        for engine, site in (("lunr", args.lunr_site), ("pagefind", args.pagefind_site)):
            for language, page in (("zh", "backward/"), ("en", "en/backward/")):
                for slowdown in (1, 4):
                    seconds, low, high = first_result(
                        site, page, FIRST_RESULT_QUERIES[language], slowdown
                    )
                    report[engine][f"first result, {language}, cpu/{slowdown}"] = {
                        "seconds": round(seconds, 3),
                        "bytes fetched": [low, high],
                    }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
