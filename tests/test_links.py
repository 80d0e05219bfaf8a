"""Every internal link, anchor and image of the built site resolves, in both languages.

The checking is linkinator's (npm, pinned in package.json), run against the site served
on 127.0.0.1 under its published path. It starts from every page of the built site, so
pages nothing links to (the 404 pages) are checked too, follows links within the site,
checks #fragments against the target page's ids, and checks what stylesheets reference.
"""

from __future__ import annotations

import json
import re
import subprocess

from sitepages import ROOT, discover_pages

LINKINATOR = ROOT / "node_modules" / ".bin" / "linkinator"
# KaTeX's stylesheet lists .woff and .ttf fallbacks after each .woff2 font. Browsers take
# the first format they support, so only the .woff2 files are vendored and served (the
# browser tests fail on any request that does fail).
UNSERVED_FALLBACKS = r"/assets/vendor/katex/fonts/.*\.(woff|ttf)$"


def test_every_internal_link_anchor_and_image_resolves(site, server):
    assert LINKINATOR.exists(), "linkinator is missing: run `make setup` (npm ci)"
    pages = discover_pages(site)
    own = re.escape(server.origin)
    command = [
        str(LINKINATOR),
        *(server.url(page) for page in pages),
        "--recurse",
        "--check-fragments",
        "--check-css",
        "--format",
        "json",
        "--skip",
        f"^(?!{own})",  # other hosts: the site links to them, they are not ours to check
        "--skip",
        UNSERVED_FALLBACKS,
        "--concurrency",
        "20",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        raise AssertionError(f"linkinator did not run:\n{result.stdout}\n{result.stderr}") from None
    checked = [link for link in report["links"] if link["state"] != "SKIPPED"]
    broken = [
        f"{server.page_of(link['parent']) if link.get('parent') else '?'} -> {link['url']} "
        f"(HTTP {link['status']})"
        for link in checked
        if link["state"] == "BROKEN"
    ]
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(sorted(set(broken)))
    # The check must really have walked the site: every page, plus what they link to.
    seen = {server.page_of(link["url"]) for link in checked}
    missed = [page for page in pages if page not in seen]
    assert not missed, f"linkinator never checked: {missed}"
    assert result.returncode == 0, result.stderr
