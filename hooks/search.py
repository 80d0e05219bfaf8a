"""Search: one Pagefind bundle per language, answered in Material's own search box.

After each language is built, its pages are indexed by Pagefind (``scripts/pagefind-index.mjs``)
into ``<language root>/pagefind/``: ``site/pagefind/`` for Chinese, ``site/en/pagefind/``
for English. ``docs/assets/search-worker.js`` answers Material's search box from the bundle
of the page's language (CONTRIBUTING.md, "Search", says why Pagefind).

Chinese is indexed as jieba cuts it, with the project's dictionary
(``i18n/jieba_user_dict.txt``), not as Pagefind's ICU segmenter would (计算|图, 反向|传播):
words are separated by spaces in the copy Pagefind reads, never in the page a reader sees.
The words jieba found are written next to the bundle (``zh-words.json``), and the worker
cuts a reader's Chinese query into those same words.

Material's own index (``search/search_index.json``) is kept, empty of documents: Material
still reads its settings (used to highlight ``?h=`` terms) and sends them to the worker.
Every page is marked ``search: exclude`` for Material's plugin, which would otherwise parse
each page's HTML into an index that is thrown away (18 s of a 50 s build).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from autograd_illustrated import chinese_words

log = get_plugin_logger("search")
ROOT = Path(__file__).resolve().parents[1]
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


def _segment(page: str, words: Counter) -> str:
    """The page's HTML with each Chinese run of its text cut into words by spaces."""
    def cut(run: re.Match) -> str:
        pieces = chinese_words.cut(run.group(0))
        words.update(w for w in pieces if _HAN.fullmatch(w))
        return f" {' '.join(pieces)} "

    return _TEXT.sub(lambda m: ">" + _HAN.sub(cut, m.group(1)) + "<", page)


def _pages(root: Path, skip: set[str]):
    for path in sorted(root.rglob("index.html")):
        parts = set(path.relative_to(root).parts[:-1])
        if not parts & (NOT_PAGES | skip):
            yield path


def _languages(config) -> tuple[str, str, list[str]]:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return "en", "en", []
    default = i18n.default_language
    built = [lang.locale for lang in i18n.config.languages if lang.build]
    return i18n.current_language, default, built


def _boost(url: str, language: str) -> float | None:
    """The page's `search: boost:` front matter (Material's setting), read from its source.

    Read from docs/, not remembered from the build: static-i18n loads these hooks afresh
    for each language's build, so a value kept in a module global was missing whenever the
    other language's call happened to do the indexing, and two builds' indexes differed.
    """
    slug = url.strip("/").split("/")[-1] if url.strip("/") not in ("", language) else "index"
    source = ROOT / "docs" / f"{slug}.{language}.md"
    found = _FRONT_MATTER.match(source.read_text("utf-8")) if source.exists() else None
    if not found:
        return None
    meta = yaml.safe_load(found.group(1)) or {}
    boost = (meta.get("search") or {}).get("boost")
    return float(boost) if boost else None


def _weigh(url: str, content: str, language: str) -> str:
    """The indexed copy of a page, with its boost and the errors it explains weighed in."""
    boost = _boost(url, language)
    if boost:
        # Every word in the article counts `boost` times (headings keep their own weight).
        content = content.replace(
            '<article class="md-content__inner',
            f'<article data-pagefind-weight="{boost:g}" class="md-content__inner',
            1,
        )
    slug = url.strip("/").split("/")[-1]
    shown = html.unescape(re.sub(r"<[^>]+>", "", content))
    for message in EXPLAINS.get(slug, []):
        if message not in shown:
            raise PluginError(f"{url} no longer shows the error it explains: {message!r}")
    title = re.search(r"<h1[^>]*>(.*?)</h1>", content, re.S)
    if title:
        # The result's title as the page shows it, before any segmentation.
        heading = re.sub(r'<a class="headerlink".*?</a>', "", title.group(1))
        plain = html.unescape(re.sub(r"<[^>]+>", "", heading)).strip().rstrip("¶").strip()
        content = content.replace(
            "<article ", f'<article data-pagefind-meta="title:{html.escape(plain)}" ', 1
        )
    return content


def on_pre_build(config) -> None:
    # Built now, while the snippet runner (started just before) is still importing torch,
    # rather than at the end of the build when nothing else is left to do.
    if "zh" in _languages(config)[2]:
        chinese_words.tokenizer()


def on_page_markdown(markdown, page, config, files):
    search = page.meta.get("search")
    page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
    return markdown


@event_priority(-100)  # after Material's search plugin has written its index
def on_post_build(config) -> None:
    # static-i18n builds the other languages inside the default one's post-build, and its
    # current language is not reliable by then: index every built language whose bundle is
    # older than its pages (so each is indexed once per build, whichever call comes first).
    current, default, languages = _languages(config)
    site = Path(config.site_dir)
    if site.name == current and current != default:
        site = site.parent
    others = {lang for lang in languages if lang != default}
    started = []
    # Chinese last: its pages are cut by jieba here while the other languages' Pagefind runs.
    for language in sorted(languages or [current], key=lambda lang: lang == "zh"):
        prefix = "" if language == default else f"{language}/"
        paths = list(_pages(site / prefix, others if language == default else set()))
        entry = site / prefix / "pagefind" / "pagefind-entry.json"
        newest = max((path.stat().st_mtime for path in paths), default=0)
        if paths and not (entry.exists() and entry.stat().st_mtime > newest):
            started.append(_start_index(site, language, prefix, paths))
    for indexing in started:
        _finish_index(site, *indexing)
    _empty_material_index(site)


def _start_index(site: Path, language: str, prefix: str, paths: list[Path]):
    """Prepare one language's pages and start Pagefind on them; ``_finish_index`` waits."""
    words: Counter = Counter()
    pages = []
    for path in paths:
        url = "/" + path.relative_to(site).as_posix().removesuffix("index.html")
        content = _weigh(url, path.read_text("utf-8"), language)
        if language == "zh":
            content = _segment(content, words)
        pages.append({"url": url, "content": content})

    # Chinese words are jieba's: Pagefind must not cut them again (its ICU segmenter splits
    # 计算图 into 计算|图). "cmn" (Mandarin) is a language it neither segments nor stems.
    index_language = "cmn" if language == "zh" else language
    job = {"site": str(site), "prefix": prefix, "language": index_language, "pages": pages}
    with tempfile.TemporaryFile("w+", encoding="utf-8") as stdin:
        json.dump(job, stdin)
        stdin.seek(0)
        process = subprocess.Popen(
            ["node", str(INDEXER)], stdin=stdin, text=True, cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
    return process, language, prefix, len(paths), words


def _finish_index(site: Path, process, language: str, prefix: str, count: int, words) -> None:
    _, stderr = process.communicate()
    if process.returncode != 0:
        raise PluginError(f"Pagefind could not index the {language} pages:\n{stderr}")
    bundle = site / prefix / "pagefind"
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    (bundle / "best-bets.json").write_text(
        json.dumps(_best_bets(site, language, prefix), ensure_ascii=False), "utf-8"
    )
    if words:
        # Frequent words first; the worker prefers them when a query can be cut two ways.
        ranked = [word for word, _ in words.most_common()]
        (bundle / "zh-words.json").write_text(json.dumps(ranked, ensure_ascii=False), "utf-8")
    log.info("Pagefind indexed %d %s pages into %s", count, language, bundle)


def _best_bets(site: Path, language: str, prefix: str) -> dict:
    """Queries whose answer the project already states: listed first when they match.

    - terms: a query that is a glossary term (any spelling in its first column) lists the
      chapter the glossary names for it ("详见" / "See").
    - errors: a pasted error message lists the chapter that explains it (EXPLAINS).
    """
    terms = {}
    glossary = ROOT / "docs" / f"glossary.{language}.md"
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


def _empty_material_index(site: Path) -> None:
    index = site / "search" / "search_index.json"
    if index.exists():
        data = json.loads(index.read_text("utf-8"))
        if data.get("docs"):
            data["docs"] = []
            index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
