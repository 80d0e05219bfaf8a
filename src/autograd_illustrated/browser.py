"""How this project starts a browser: Debian's Chromium, headless, and quiet on the network.

Playwright cannot download its own browsers here, so tests and benchmarks launch the
system binary (installed by ``scripts/ensure-chromium.sh``) with these arguments.
"""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

# Without the background-networking flags Chromium phones home at start-up, and this
# machine's closed network refuses it many times over.
HEADLESS_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# For tests: any other host fails at once instead of waiting on DNS; the request is still
# seen (and reported) by the page's request log.
OFFLINE_ARGS = [*HEADLESS_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
