"""Page weight in a real Chromium, and Lighthouse's mobile performance score.

The built site is served locally with gzip for text files, as GitHub Pages serves it.
Each page is loaded in a fresh browser context (empty cache); the bytes are what Chromium
reports as transferred (``encodedDataLength``), search index excluded.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import threading
from pathlib import Path

import yaml

from autograd_illustrated.browser import CHROMIUM, HEADLESS_ARGS
from autograd_illustrated.vocabulary import DEFAULT_LANGUAGE, LANGUAGES

SEARCH_INDEX = "search/search_index.json"
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ipynb", ".map"}


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it (text types only)."""

    _cache: dict[str, bytes] = {}

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects /dir to /dir/
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = self._cache.get(str(path))
        if body is None:
            body = self._cache[str(path)] = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class SiteServer:
    """``with SiteServer(site_dir) as base_url: ...``"""

    def __init__(self, site: Path):
        handler = functools.partial(_GzipHandler, directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)

    def __enter__(self) -> str:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _IgnoreTags(yaml.SafeLoader):
    pass


_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)


def nav_pages(project: Path) -> list[dict]:
    """Every page in the nav, in order: ``{"slug", "kind"}`` (home, chapter or notebook)."""
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), _IgnoreTags)
    found: list[dict] = []

    def walk(items) -> None:
        for item in items:
            target = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(target, list):
                walk(target)
            elif isinstance(target, str) and target.endswith((".md", ".ipynb")):
                slug = target.rsplit(".", 1)[0]
                kind = "home" if slug == "index" else "chapter"
                found.append(
                    {"slug": slug, "kind": "notebook" if target.endswith("ipynb") else kind}
                )

    walk(config["nav"])
    return found


def page_urls(pages: list[dict], languages=LANGUAGES, default=DEFAULT_LANGUAGE) -> list[dict]:
    urls = []
    for page in pages:
        for lang in languages:
            prefix = "" if lang == default else f"{lang}/"
            path = prefix if page["slug"] == "index" else f"{prefix}{page['slug']}/"
            urls.append({**page, "lang": lang, "path": "/" + path})
    return urls


def measure(site: Path, pages: list[dict]) -> list[dict]:
    """Bytes transferred on a first load of each page, and which math assets it loaded."""
    from playwright.sync_api import sync_playwright

    results = []
    with SiteServer(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=HEADLESS_ARGS)
        try:
            for page_info in pages:
                results.append(_measure_one(browser, base, page_info))
        finally:
            browser.close()
    return results


def _measure_one(browser, base: str, info: dict) -> dict:
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on(
        "Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"])
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    cdp.send("Network.enable")
    page.goto(base + info["path"], wait_until="networkidle")
    page.wait_for_timeout(300)
    has_math = page.locator(".arithmatex").count() > 0
    context.close()
    fetched = {urls.get(rid, "?"): size for rid, size in sizes.items()}
    counted = {u: s for u, s in fetched.items() if SEARCH_INDEX not in u}
    katex = sorted(u.removeprefix(base) for u in fetched if "/vendor/katex/" in u)
    return {
        **info,
        "bytes": sum(counted.values()),
        "requests": len(counted),
        "has_math": has_math,
        "katex_requests": len(katex),
        "mermaid_requests": sum(1 for u in fetched if "mermaid" in u),
        # Every request counts here, failed ones too (an offline browser still tried).
        "foreign_hosts": sorted(
            {
                u.split("/")[2]
                for u in urls.values()
                if u.startswith(("http://", "https://")) and not u.startswith(base)
            }
        ),
    }


def lighthouse(project: Path, url: str, out_prefix: Path, runs: int = 3) -> dict:
    """Lighthouse (mobile, its default) on ``url``, ``runs`` times; keep the median run.

    Lighthouse's own advice: scores vary from run to run, so take the median of several.
    The median run's JSON and HTML reports are kept as ``<out_prefix>.report.*``.
    """
    out_prefix.parent.mkdir(parents=True, exist_ok=True)
    found = []
    for index in range(runs):
        run = _lighthouse_once(project, url, out_prefix.with_name(f"{out_prefix.name}-run{index}"))
        if "error" in run:
            return run
        found.append(run)
    found.sort(key=lambda r: r["performance"])
    median = found[len(found) // 2]
    for suffix in (".report.json", ".report.html"):
        Path(median["prefix"] + suffix).replace(out_prefix.with_name(out_prefix.name + suffix))
    for run in found:
        for suffix in (".report.json", ".report.html"):
            Path(run["prefix"] + suffix).unlink(missing_ok=True)
    result = {k: v for k, v in median.items() if k != "prefix"}
    result["all_scores"] = [r["performance"] for r in found]
    result["report_html"] = out_prefix.name + ".report.html"
    return result


def _lighthouse_once(project: Path, url: str, out_prefix: Path) -> dict:
    binary = project / "node_modules" / ".bin" / "lighthouse"
    proc = subprocess.run(
        [
            str(binary),
            url,
            "--only-categories=performance",
            "--output=json",
            "--output=html",
            f"--output-path={out_prefix}",
            f"--chrome-flags={' '.join(HEADLESS_ARGS)}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
    )
    report = out_prefix.with_name(out_prefix.name + ".report.json")
    if proc.returncode or not report.is_file():
        return {"url": url, "error": (proc.stderr or proc.stdout)[-2000:]}
    data = json.loads(report.read_text())
    audits = data["audits"]
    return {
        "url": url,
        "prefix": str(out_prefix),
        "performance": round(data["categories"]["performance"]["score"] * 100),
        "form_factor": data["configSettings"]["formFactor"],
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
    }
