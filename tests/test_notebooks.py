"""Chapter notebooks (built from the snippets) and notebook pages under static-i18n.

- Every chapter's notebook holds exactly its snippets' code, runs from top to bottom, and
  speaks the page's language.
- ``hooks/jupyter_i18n.py`` and ``hooks/jupyter_cache.py`` make mkdocs-jupyter pages survive
  mkdocs-static-i18n: a small bilingual site is built with and without them, and a real
  Chromium looks at it.
"""

from __future__ import annotations

import functools
import http.server
import io
import json
import linecache
import os
import re
import shutil
import subprocess
import sys
import threading
import tokenize
from pathlib import Path
from types import SimpleNamespace

import markdown
import nbformat
import pytest

from autograd_illustrated.browser import CHROMIUM, OFFLINE_ARGS
from autograd_illustrated.markdown.notebook_tip import NotebookTipExtension
from autograd_illustrated.notebooks import (
    build_notebook,
    page_includes,
    split_snippet,
    write_notebooks,
)
from autograd_illustrated.runner.snippets import SECTION_MARK
from autograd_illustrated.ui import ui_text
from autograd_illustrated.vocabulary import DEFAULT_LANGUAGE, LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
JUPYTER_HOOKS = [ROOT / "hooks" / "jupyter_i18n.py", ROOT / "hooks" / "jupyter_cache.py"]


def chapter_pages() -> list[Path]:
    return [p for p in sorted(DOCS.glob("*.*.md")) if page_includes(p.read_text("utf-8"))[1]]


def _code(notebook: dict) -> list[str]:
    return [c["source"] for c in notebook["cells"] if c["cell_type"] == "code"]


def _without_comments(code: str) -> list[tuple[int, str]]:
    """The cell's tokens without comments (and the blank line ends they leave): what runs."""
    tokens = tokenize.generate_tokens(io.StringIO(code).readline)
    return [(t.type, t.string) for t in tokens if t.type not in (tokenize.COMMENT, tokenize.NL)]


# -- notebooks built from snippets ------------------------------------------------------


@pytest.mark.parametrize("path", sorted((ROOT / "snippets").rglob("*.py")), ids=str)
def test_cells_are_the_snippet_itself(path):
    """The code cells, joined, are the file minus its section markers: no second copy."""
    source = path.read_text("utf-8")
    chunks = split_snippet(source)
    kept = [line for line in source.splitlines() if not SECTION_MARK.match(line)]
    joined = "\n".join(chunk.code for chunk in chunks).splitlines()
    assert [line for line in joined if line.strip()] == [line for line in kept if line.strip()]


def test_a_raising_statement_ends_its_cell_and_is_tagged():
    source = (
        "import math\n"
        "# --8<-- [start:oops]\n"
        "x = 1\n"
        "math.sqrt(-1)  # raises: ValueError\n"
        "y = 2\n"
        "# --8<-- [end:oops]\n"
    )
    chunks = split_snippet(source)
    assert [c.code for c in chunks] == [
        "import math",
        "x = 1\nmath.sqrt(-1)  # raises: ValueError",
        "y = 2",
    ]
    assert [c.raises for c in chunks] == [False, True, False]
    assert chunks[1].sections == {"oops"} and chunks[2].sections == {"oops"}


@pytest.mark.parametrize("slug", sorted({p.name.split(".")[0] for p in chapter_pages()}))
def test_every_chapter_has_a_notebook_per_language(slug):
    zh = build_notebook(DOCS / f"{slug}.zh.md", ROOT)
    en = build_notebook(DOCS / f"{slug}.en.md", ROOT)
    assert zh is not None and en is not None, f"{slug}: one language shows no snippet"
    # The same code; only the comments are in the notebook's language.
    assert len(_code(zh)) == len(_code(en)), f"{slug}: the two languages must run the same code"
    for zh_cell, en_cell in zip(_code(zh), _code(en), strict=True):
        assert _without_comments(zh_cell) == _without_comments(en_cell), (
            f"{slug}: the two languages must run the same code"
        )
    for lang, notebook in (("zh", zh), ("en", en)):
        nbformat.validate(nbformat.from_dict(notebook))
        title = page_includes((DOCS / f"{slug}.{lang}.md").read_text("utf-8"))[0]
        assert notebook["cells"][0]["source"].startswith(f"# {title}\n")


def test_prose_cells_are_in_the_page_language():
    page = DOCS / "dynamic-graphs.zh.md"
    notebook = build_notebook(page, ROOT)
    headings = [
        c["source"][3:]
        for c in notebook["cells"]
        if c["cell_type"] == "markdown"
        if c["source"].startswith("## ")
    ]
    # An explicit id (`## Title { #id }`) is not part of the heading's text.
    page_headings = re.findall(r"^## (.+?)(?:\s*\{[^}]*\})?\s*$", page.read_text("utf-8"), re.M)
    assert headings and set(headings) <= set(page_headings)
    assert all(re.search(r"[\u4e00-\u9fff]", h) for h in headings[:2])


def test_notebooks_run_top_to_bottom(tmp_path, monkeypatch):
    """Run every chapter's code cells in one namespace, as Jupyter would."""
    monkeypatch.chdir(tmp_path)  # save_graph writes next to the notebook
    for page in chapter_pages():
        if not page.name.endswith(".en.md"):
            continue  # the zh notebook runs the same code (checked above)
        notebook = build_notebook(page, ROOT)
        namespace: dict = {"__name__": "__main__"}
        for index, cell in enumerate(notebook["cells"]):
            if cell["cell_type"] != "code":
                continue
            tagged = "raises-exception" in cell["metadata"].get("tags", [])
            # Like IPython, make each cell's source findable (torch.jit.script reads it).
            filename = f"<{page.name} cell {index}>"
            source = cell["source"] + "\n"
            linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
            try:
                exec(compile(source, filename, "exec"), namespace)
            except Exception as exc:  # noqa: BLE001
                assert tagged, f"{page.name}: untagged cell raised {exc!r}:\n{cell['source']}"
            else:
                assert not tagged, f"{page.name}: tagged cell did not raise:\n{cell['source']}"


def test_unchanged_notebooks_are_not_rewritten(tmp_path):
    shutil.copytree(ROOT / "snippets" / "dynamic_graphs", tmp_path / "snippets" / "dynamic_graphs")
    (tmp_path / "docs").mkdir()
    for lang in LANGUAGES:
        shutil.copy(DOCS / f"dynamic-graphs.{lang}.md", tmp_path / "docs")
    first = write_notebooks(tmp_path)
    assert sorted(p.name for p in first) == ["dynamic-graphs.en.ipynb", "dynamic-graphs.zh.ipynb"]
    assert write_notebooks(tmp_path) == []
    (tmp_path / "docs" / "dynamic-graphs.en.md").unlink()
    write_notebooks(tmp_path)
    left = sorted(p.name for p in (tmp_path / "generated" / "_notebooks").glob("*.ipynb"))
    assert left == ["dynamic-graphs.zh.ipynb"]


def test_notebooks_are_rebuilt_when_their_inputs_change(tmp_path):
    """Skipping unchanged pages must never leave a notebook behind its page or snippets."""
    shutil.copytree(ROOT / "snippets" / "dynamic_graphs", tmp_path / "snippets" / "dynamic_graphs")
    (tmp_path / "docs").mkdir()
    for lang in LANGUAGES:
        shutil.copy(DOCS / f"dynamic-graphs.{lang}.md", tmp_path / "docs")
    out = tmp_path / "generated" / "_notebooks"
    write_notebooks(tmp_path)
    # A page's own edit: only its notebook.
    page = tmp_path / "docs" / "dynamic-graphs.en.md"
    page.write_text(page.read_text("utf-8").replace("# ", "# Edited: ", 1), "utf-8")
    assert [p.name for p in write_notebooks(tmp_path)] == ["dynamic-graphs.en.ipynb"]
    assert "Edited: " in (out / "dynamic-graphs.en.ipynb").read_text("utf-8")
    # A snippet's edit: every notebook that carries it.
    snippet = tmp_path / "snippets" / "dynamic_graphs" / "linear_graph.py"
    source = snippet.read_text("utf-8")
    end = source.index("# --8<-- [end:")  # inside the first section, which the notebook shows
    snippet.write_text(source[:end] + "edited_here = 1\n" + source[end:], "utf-8")
    rebuilt = sorted(p.name for p in write_notebooks(tmp_path))
    assert rebuilt == [f"dynamic-graphs.{lang}.ipynb" for lang in sorted(LANGUAGES)]
    assert "edited_here" in (out / "dynamic-graphs.zh.ipynb").read_text("utf-8")
    # A notebook deleted behind the build's back comes back.
    (out / "dynamic-graphs.zh.ipynb").unlink()
    assert [p.name for p in write_notebooks(tmp_path)] == ["dynamic-graphs.zh.ipynb"]


def _tip(lines: list[str], tmp_path: Path, language: str = "en") -> list[str]:
    md = markdown.Markdown(
        extensions=[
            NotebookTipExtension(language=language, docs_dir=str(DOCS), notebooks_dir=str(tmp_path))
        ]
    )
    return md.preprocessors["notebook_tip"].run(lines)


def test_chapter_pages_link_their_notebook(tmp_path):
    """A chapter is recognised from its own text (title and includes), front matter or not."""
    (tmp_path / "leaves-detach.en.ipynb").write_text("{}", "utf-8")
    page = (DOCS / "leaves-detach.en.md").read_text("utf-8")
    body = re.sub(r"\A---\n.*?\n---\n", "", page, flags=re.S)  # as the engines pass it
    assert body != page
    out = _tip(body.split("\n"), tmp_path)
    title = out.index("# Leaves, requires_grad, detach and no_grad")
    assert out[title + 1 : title + 3] == ["", '!!! tip "Jupyter notebook"']
    assert "(generated/_notebooks/leaves-detach.en.ipynb){ download=" in out[title + 3]
    assert out[title + 4] == "" and len(out) == len(body.split("\n")) + 4
    # No notebook written, another language's page, or a page without snippets: no tip.
    assert _tip(body.split("\n"), tmp_path, "zh") == body.split("\n")
    (tmp_path / "leaves-detach.en.ipynb").unlink()
    assert _tip(body.split("\n"), tmp_path) == body.split("\n")
    glossary = (DOCS / "glossary.en.md").read_text("utf-8").split("\n")
    assert _tip(glossary, tmp_path) == glossary


def test_the_tip_speaks_the_page_language(tmp_path):
    (tmp_path / "backward.zh.ipynb").write_text("{}", "utf-8")
    lines = (DOCS / "backward.zh.md").read_text("utf-8").split("\n")
    tip = "\n".join(_tip(lines, tmp_path, "zh"))
    assert f'!!! tip "{ui_text("zh", "notebook_tip_title")}"' in tip
    assert f"[{ui_text('zh', 'notebook_tip_link')}](generated/_notebooks/backward.zh.ipynb)" in tip


# -- playground notebooks ---------------------------------------------------------------


def test_playgrounds_share_their_code_and_run(tmp_path, monkeypatch):
    zh = json.loads((DOCS / "playground.zh.ipynb").read_text("utf-8"))
    en = json.loads((DOCS / "playground.en.ipynb").read_text("utf-8"))
    for notebook in (zh, en):
        nbformat.validate(nbformat.from_dict(notebook))
        assert all(not c.get("outputs") for c in notebook["cells"] if c["cell_type"] == "code")
    assert _code(zh) == _code(en)
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for source in _code(en):
        exec(compile(source, "playground", "exec"), namespace)


# -- notebook pages under static-i18n ----------------------------------------------------

SITE_CONFIG = """
site_name: notebooks under i18n
site_url: https://example.org/
docs_dir: docs
theme:
  name: material
  language: zh
  font: false
{hooks}
plugins:
  - mkdocs-jupyter:
      include: ["*/docs/*.ipynb"]
      ignore: ["*.md", "*.py"]
      execute: false
  - i18n:
      docs_structure: suffix
      fallback_to_default: false
      reconfigure_material: true
      languages:
        - {{locale: zh, default: true, name: 中文, build: true}}
        - {{locale: en, name: English, build: true}}
nav:
  - 首页: index.md
  - 游乐场: playground.ipynb
"""


def _build_site(folder: Path, with_hook: bool) -> str:
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        (folder / "docs" / f"index.{lang}.md").write_text(f"# Home {lang}\n", encoding="utf-8")
        shutil.copy(DOCS / f"playground.{lang}.ipynb", folder / "docs")
    hooks = "hooks:\n" + "".join(f"  - {hook}\n" for hook in JUPYTER_HOOKS) if with_hook else ""
    (folder / "mkdocs.yml").write_text(SITE_CONFIG.format(hooks=hooks), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", "site"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stderr


def _page(site: Path, lang: str) -> str:
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return (site / prefix / "playground" / "index.html").read_text("utf-8")


@pytest.fixture(scope="module")
def i18n_sites(tmp_path_factory):
    fixed = tmp_path_factory.mktemp("with-hook")
    first = _build_site(fixed, with_hook=True)
    second = _build_site(fixed, with_hook=True)
    broken = tmp_path_factory.mktemp("without-hook")
    _build_site(broken, with_hook=False)
    return SimpleNamespace(fixed=fixed / "site", broken=broken / "site", logs=(first, second))


def test_without_the_hook_static_i18n_ships_raw_json(i18n_sites):
    """The upstream problem, reproduced: if this fails, the hook may no longer be needed."""
    assert _page(i18n_sites.broken, "zh").lstrip().startswith("{")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_with_the_hook_both_languages_render(i18n_sites, lang):
    html = _page(i18n_sites.fixed, lang)
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert f'<html lang="{lang}"' in html
    assert html.count("jp-CodeCell") >= 5
    other = "en/playground/" if lang == "zh" else "playground/"
    assert re.search(rf'href="[./]*{other}" hreflang=', html), "language switcher"


def test_each_language_keeps_the_others_notebook_cache(i18n_sites):
    _, second = i18n_sites.logs
    hits = re.findall(r"Cache hit: .*playground\.(zh|en)\.ipynb", second)
    assert sorted(hits) == sorted(LANGUAGES), second[-2000:]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.mark.browser
def test_playground_renders_in_chromium(i18n_sites):
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(i18n_sites.fixed))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=OFFLINE_ARGS)
            page = browser.new_page()
            for path, heading in (("/playground/", "游乐场"), ("/en/playground/", "Playground")):
                page.goto(base + path)
                cells = page.locator(".jp-Cell")
                assert cells.count() >= 10, path
                assert cells.first.is_visible()
                assert heading in page.locator("article h1").first.inner_text()
                assert page.locator(".jp-CodeCell", has_text="x.grad").count() >= 1
                body = page.locator("body").inner_text()
                assert '"cell_type"' not in body, f"{path} shows the notebook's raw JSON"
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()


# -- notebooks that run anywhere ----------------------------------------------------------


def test_notebooks_carry_the_project_modules_they_import():
    from autograd_illustrated.notebooks import vendored_modules

    for page, expected in (
        ("training.en.md", {"autograd_illustrated.figures", "autograd_illustrated.artifacts"}),
        ("backward.zh.md", {"autograd_illustrated.graphs.svg", "autograd_illustrated.artifacts"}),
    ):
        notebook = build_notebook(DOCS / page, ROOT)
        modules = vendored_modules(_code(notebook), ROOT)
        assert expected <= set(modules), page
        # The single source: each carried module is the file under src/, byte for byte.
        for name, (source, is_package) in modules.items():
            path = ROOT / "src" / Path(*name.split("."))
            path = path / "__init__.py" if is_package else path.with_suffix(".py")
            assert source == path.read_text("utf-8"), name
        setup = _code(notebook)[0]
        assert "_VendoredModules" in setup and 'find_spec("autograd_illustrated") is None' in setup


def test_graphs_degrade_without_any_graphviz(tmp_path, monkeypatch):
    import warnings

    import graphviz

    from autograd_illustrated.graphs import svg

    def no_dot(*args, **kwargs):
        raise graphviz.ExecutableNotFound(("dot",))

    monkeypatch.setattr(svg, "_backend", lambda: None)
    monkeypatch.setattr(graphviz.Source, "pipe", no_dot)
    monkeypatch.chdir(tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path = svg.save_graph('digraph { a -> "b & c" }', "fallback")
    assert path == tmp_path / "fallback.svg"
    text = path.read_text("utf-8")
    assert text.startswith("<svg") and "a -&gt; &quot;b &amp; c&quot;" in text
    assert any("Graphviz is not available" in str(w.message) for w in caught)
