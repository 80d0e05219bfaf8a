"""The built site as tests see it: where it is, its pages, their languages, a server.

The site under test is ``site/`` (``make test`` builds it first), or the folder named by
the ``SITE_DIR`` environment variable, so a helper can test a build of their own:

    NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict -d /tmp/site-x
    SITE_DIR=/tmp/site-x .venv/bin/pytest tests/browser tests/test_links.py

Pages are discovered from the built site, never listed by hand: a new page is tested the
moment it is built.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from autograd_illustrated.vocabulary import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
# Screenshots and reports for a human to look at (gitignored).
ARTIFACTS = ROOT / "test-artifacts"
# The default language is served at the site's root, every other one under "<lang>/".
DEFAULT_LANGUAGE, *_others = LANGUAGES
OTHER_LANGUAGES = tuple(_others)
# For page.evaluate: resolves after the next two frames. Blocks that come on screen are
# drawn in the frame after (content-visibility, docs/assets/site.css).
TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
# Folders that hold assets, not pages a reader opens.
NOT_PAGES = {"assets", "generated", "search"}


def site_dir() -> Path:
    return Path(os.environ.get("SITE_DIR") or ROOT / "site").resolve()


def site_path_prefix() -> str:
    """The path the site is published under (from ``site_url``), e.g. ``/`` or ``/docs/``."""
    found = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)
    path = urlsplit(found.group(1)).path if found else "/"
    return path.rstrip("/") + "/"


def discover_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as a path below the site root.

    ``dynamic-graphs/index.html`` -> ``dynamic-graphs/``; ``index.html`` -> ``""``;
    ``en/404.html`` stays ``en/404.html``.
    """
    pages = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if NOT_PAGES & set(rel.split("/")[:-1]):
            continue
        pages.append(rel.removesuffix("index.html"))
    return pages


def language_of(page: str) -> str:
    return next((lang for lang in OTHER_LANGUAGES if page.startswith(f"{lang}/")), DEFAULT_LANGUAGE)


def counterpart(page: str, language: str) -> str:
    """The same page in ``language``: ``backward/`` <-> ``en/backward/``."""
    current = language_of(page)
    bare = page if current == DEFAULT_LANGUAGE else page.removeprefix(f"{current}/")
    return bare if language == DEFAULT_LANGUAGE else f"{language}/{bare}"


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under its published path prefix, quietly."""

    prefix = "/"

    def translate_path(self, path):
        path = unquote(urlsplit(path).path)
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "\0-outside-the-site")  # -> 404
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, *args):
        pass


class SiteServer:
    """The built site on 127.0.0.1, on a free port, served the way GitHub Pages would."""

    def __init__(self, site: Path):
        prefix = site_path_prefix()
        handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
        handler = functools.partial(handler, directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        host, port = self.httpd.server_address[:2]
        self.origin = f"http://{host}:{port}"
        self.root = f"{self.origin}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, page: str = "") -> str:
        return self.root + page

    def page_of(self, url: str) -> str:
        """The inverse of :meth:`url`, fragment and query dropped."""
        parts = urlsplit(url)
        return unquote(parts.path).removeprefix(urlsplit(self.root).path)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
