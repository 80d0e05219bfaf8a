"""Search indexes: one Pagefind bundle per language, built from a language's built pages.

A standalone step, not MkDocs logic: it reads the HTML a build wrote and the Markdown
sources under ``docs/``, so any engine that writes Material's page layout can run it.

    python -m autograd_illustrated.search_index SITE --language zh [--prefix en/] [--skip en]

writes ``SITE/PREFIX/pagefind/``: Pagefind's bundle (``scripts/pagefind-index.mjs``), plus
``best-bets.json`` and, for Chinese, ``zh-words.json``, which ``docs/assets/search-worker.js``
reads (CONTRIBUTING.md, "Search", says why Pagefind).

Chinese is indexed as jieba cuts it, with the project's dictionary
(``i18n/jieba_user_dict.txt``), not as Pagefind's ICU segmenter would (计算|图, 反向|传播):
words are separated by spaces in the copy Pagefind reads, never in the page a reader sees.
The words jieba found are written next to the bundle, and the worker cuts a reader's
Chinese query into those same words.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

from . import chinese_words

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
INDEXER = ROOT / "scripts" / "pagefind-index.mjs"
# Folders of the built site that hold no page.
NOT_PAGES = {"assets", "generated", "search", "pagefind"}
# Pagefind's own UIs: Material's search box is the UI, so they are not published.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "pagefind-worker.js",
)
# Every error the site demonstrates, and the chapter that explains it. A reader pasting
# one (whole, in part, or inside a longer traceback) gets that chapter first, not a page
# that only shows the message in passing. The build fails if a chapter stops showing the
# message it is listed for.
EXPLAINS = {
    "accumulation": [
        "Trying to backward through the graph a second time",
        "unsupported operand type(s) for +=: 'NoneType' and 'int'",
    ],
    "advanced": [
        "one of the variables needed for gradient computation has been modified",
        "cannot register a hook on a tensor that doesn't require grad",
        "returned nan values in its 0th output",
        "Jacobian mismatch for output 0 with respect to input 0",
    ],
    "backward": [
        "grad can be implicitly created only for scalar outputs",
        "Mismatch in shape: grad_output[0] has a shape of",
    ],
    "build-your-own": [
        "only constant exponents",
        "maximum recursion depth exceeded while calling a Python object",
    ],
    "extending-autograd": [
        "it must override the setup_context staticmethod",
        "but it does not have vmap support",
        "Cannot access data pointer of Tensor that doesn't have storage",
        "trying to differentiate twice a function that was marked with @once_differentiable",
        "but no autograd formula was registered",
    ],
    "forward-mode": [
        "vmap: It looks like you're attempting to use a Tensor in some data-dependent control flow",
        "Expected f(*args) to return a Tensor",
    ],
    "func-modules": [
        "Error(s) in reparametrizing for",
        "the function provided attempted to call in-place operation",
    ],
    "leaves-detach": [
        "a leaf Variable that requires grad is being used in an in-place operation",
        "you can only change requires_grad flags of leaf variables",
        "Inference tensors cannot be saved for backward",
        "Inplace update to inference tensor outside InferenceMode is not allowed",
    ],
    "misconceptions": [
        "Only Tensors of floating point and complex dtype can require gradients",
        "element 0 of tensors does not require grad and does not have a grad_fn",
        "symbolically traced variables cannot be used as inputs to control flow",
    ],
    "tensor-gradients": [
        "is not expandable to size",
        "One of the differentiated Tensors does not require grad",
        "more than one element of the written-to tensor refers to a single memory location",
    ],
    "tensors": [
        "Can't call numpy() on Tensor that requires grad",
        "mat1 and mat2 shapes cannot be multiplied",
        "must match the size of tensor b",
    ],
}
_GLOSSARY_ROW = re.compile(r"^\|([^|]+)\|[^|]*\|[^|]*\|.*\]\(([\w-]+)\.md[^)]*\)\s*\|\s*$")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TEXT = re.compile(r">([^<]+)<")


class SearchIndexError(Exception):
    """The pages can't be indexed as they are; ``str()`` says why, for a contributor."""


def segment(page: str, words: Counter) -> str:
    """The page's HTML with each Chinese run of its text cut into words by spaces."""

    def cut(run: re.Match) -> str:
        pieces = chinese_words.cut(run.group(0))
        words.update(w for w in pieces if _HAN.fullmatch(w))
        return f" {' '.join(pieces)} "

    return _TEXT.sub(lambda m: ">" + _HAN.sub(cut, m.group(1)) + "<", page)


def pages(root: Path, skip: set[str]):
    for path in sorted(root.rglob("index.html")):
        parts = set(path.relative_to(root).parts[:-1])
        if not parts & (NOT_PAGES | skip):
            yield path


def boost(url: str, language: str) -> float | None:
    """The page's `search: boost:` front matter (Material's setting), read from its source.

    Read from docs/, not remembered from a build: the index must depend only on the
    built pages and their sources, whichever build wrote them.
    """
    slug = url.strip("/").split("/")[-1] if url.strip("/") not in ("", language) else "index"
    source = DOCS / f"{slug}.{language}.md"
    found = _FRONT_MATTER.match(source.read_text("utf-8")) if source.exists() else None
    if not found:
        return None
    meta = yaml.safe_load(found.group(1)) or {}
    boost = (meta.get("search") or {}).get("boost")
    return float(boost) if boost else None


def weigh(url: str, content: str, language: str) -> str:
    """The indexed copy of a page, with its boost and the errors it explains weighed in."""
    boost_ = boost(url, language)
    if boost_:
        # Every word in the article counts `boost` times (headings keep their own weight).
        content = content.replace(
            '<article class="md-content__inner',
            f'<article data-pagefind-weight="{boost_:g}" class="md-content__inner',
            1,
        )
    slug = url.strip("/").split("/")[-1]
    shown = html.unescape(re.sub(r"<[^>]+>", "", content))
    for message in EXPLAINS.get(slug, []):
        if message not in shown:
            raise SearchIndexError(f"{url} no longer shows the error it explains: {message!r}")
    title = re.search(r"<h1[^>]*>(.*?)</h1>", content, re.S)
    if title:
        # The result's title as the page shows it, before any segmentation.
        heading = re.sub(r'<a class="headerlink".*?</a>', "", title.group(1))
        plain = html.unescape(re.sub(r"<[^>]+>", "", heading)).strip().rstrip("¶").strip()
        content = content.replace(
            "<article ", f'<article data-pagefind-meta="title:{html.escape(plain)}" ', 1
        )
    return content


def best_bets(site: Path, language: str, prefix: str) -> dict:
    """Queries whose answer the project already states: listed first when they match.

    - terms: a query that is a glossary term (any spelling in its first column) lists the
      chapter the glossary names for it ("详见" / "See").
    - errors: a pasted error message lists the chapter that explains it (EXPLAINS).
    """
    terms = {}
    glossary = DOCS / f"glossary.{language}.md"
    if glossary.exists():
        for line in glossary.read_text("utf-8").splitlines():
            row = _GLOSSARY_ROW.match(line)
            if not row:
                continue
            page = f"/{prefix}{row.group(2)}/"
            if (site / prefix / row.group(2) / "index.html").exists():
                for spelling in row.group(1).replace("`", "").split(" / "):
                    terms.setdefault(spelling.strip().lower(), page)
    errors = {
        message.lower(): f"/{prefix}{slug}/"
        for slug, messages in EXPLAINS.items()
        for message in messages
    }
    # Titles, to list a named chapter even where the query's words are not on it (the
    # glossary sends "backpropagation" to the chapter that says "backward pass").
    titles = {}
    for page in sorted({*terms.values(), *errors.values()}):  # sorted: builds byte-identical
        path = site / page.lstrip("/") / "index.html"
        found = re.search(r"<h1[^>]*>(.*?)</h1>", path.read_text("utf-8"), re.S)
        if found:
            heading = re.sub(r'<a class="headerlink".*?</a>', "", found.group(1))
            titles[page] = html.unescape(re.sub(r"<[^>]+>", "", heading)).strip()
    return {"terms": terms, "errors": errors, "titles": titles}


def index_language(site: Path, language: str, prefix: str = "", skip=()) -> int:
    """Index the pages under ``site/prefix`` (minus the folders in ``skip``); return how many."""
    paths = list(pages(site / prefix, set(skip)))
    words: Counter = Counter()
    documents = []
    for path in paths:
        url = "/" + path.relative_to(site).as_posix().removesuffix("index.html")
        content = weigh(url, path.read_text("utf-8"), language)
        if language == "zh":
            content = segment(content, words)
        documents.append({"url": url, "content": content})

    # Chinese words are jieba's: Pagefind must not cut them again (its ICU segmenter splits
    # 计算图 into 计算|图). "cmn" (Mandarin) is a language it neither segments nor stems.
    index_language = "cmn" if language == "zh" else language
    job = {"site": str(site), "prefix": prefix, "language": index_language, "pages": documents}
    with tempfile.TemporaryFile("w+", encoding="utf-8") as stdin:
        json.dump(job, stdin)
        stdin.seek(0)
        done = subprocess.run(
            ["node", str(INDEXER)], stdin=stdin, text=True, capture_output=True, cwd=ROOT
        )
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index the {language} pages:\n{done.stderr}")
    bundle = site / prefix / "pagefind"
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    (bundle / "best-bets.json").write_text(
        json.dumps(best_bets(site, language, prefix), ensure_ascii=False), "utf-8"
    )
    if words:
        # Frequent words first; the worker prefers them when a query can be cut two ways.
        ranked = [word for word, _ in words.most_common()]
        (bundle / "zh-words.json").write_text(json.dumps(ranked, ensure_ascii=False), "utf-8")
    return len(paths)


class Indexing:
    """``index_language`` in a separate process, so a build can go on meanwhile."""

    def __init__(self, site: Path, language: str, prefix: str = "", skip=()):
        self.language = language
        command = [sys.executable, "-B", "-m", __spec__.name, str(site), "--language", language]
        command += ["--prefix", prefix] + [arg for folder in skip for arg in ("--skip", folder)]
        self._process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )

    def wait(self) -> str:
        """What it printed; raises ``SearchIndexError`` with its error if it failed."""
        out, err = self._process.communicate()
        if self._process.returncode != 0:
            raise SearchIndexError(err.strip() or f"the {self.language} search index failed")
        return out.strip()


_running: list[Indexing] = []


def start(site: Path, language: str, prefix: str = "", skip=()) -> None:
    """Begin indexing one language in the background; ``wait_all`` collects it."""
    _running.append(Indexing(site, language, prefix, skip))


def wait_all() -> list[str]:
    """Wait for every indexing begun; what each printed. Raises the first failure, after
    all have ended."""
    running, _running[:] = list(_running), []
    printed, failures = [], []
    for indexing in running:
        try:
            printed.append(indexing.wait())
        except SearchIndexError as exc:
            failures.append(exc)
    if failures:
        raise failures[0]
    return printed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site")
    parser.add_argument("--language", required=True)
    parser.add_argument("--prefix", default="", help="the language's folder: '' or 'en/'")
    parser.add_argument("--skip", action="append", default=[], help="folders that hold no page")
    args = parser.parse_args(argv)
    try:
        count = index_language(args.site.resolve(), args.language, args.prefix, args.skip)
    except SearchIndexError as exc:
        print(exc, file=sys.stderr)
        return 1
    bundle = args.site / args.prefix / "pagefind"
    print(f"Pagefind indexed {count} {args.language} pages into {bundle}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
