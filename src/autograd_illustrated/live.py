"""What a live cell runs in the browser, around the reader's code (Pyodide).

``docs/assets/live.js`` loads Pyodide, copies this package's ``engine.py``,
``graphs/annotated.py`` and ``graphs/engine.py`` (the very files the build uses, published
by ``hooks/snippets.py``) into its file system, then calls :func:`install_browser_graphs`
once and :func:`run_cell` for every run. Only the standard library is used here, so the
same code runs under CPython in the tests.

The build draws a graph with ``save_annotated``, which renders DOT to SVG files through
Graphviz compiled for wasmtime, unavailable in a browser. In the browser the same call
hands its DOT to the page instead, which lays it out with viz.js.
"""

from __future__ import annotations

import io
import sys
import traceback
import types
from contextlib import redirect_stdout
from pathlib import Path

CELL_FILENAME = "<cell>"

# DOT drawn by the running cell, as (name, dot) pairs, e.g. ("line-en", "digraph {…").
drawn: list[tuple[str, str]] = []


def _save_graph(graph, name: str) -> str:
    drawn.append((name, graph if isinstance(graph, str) else graph.source))
    return name


def install_browser_graphs(package_dir: str | Path) -> None:
    """Make ``autograd_illustrated.graphs`` importable without torch or Graphviz.

    The real ``graphs/__init__.py`` imports the PyTorch tracing code; the engine's graphs
    need only ``graphs/engine.py`` and ``graphs/annotated.py``. An empty package pointing
    at that folder, and a ``graphs.svg`` whose ``save_graph`` collects DOT into
    :data:`drawn`, are enough.
    """
    name = "autograd_illustrated.graphs"
    package = types.ModuleType(name)
    package.__path__ = [str(Path(package_dir) / "graphs")]
    sys.modules[name] = package
    svg = types.ModuleType(f"{name}.svg")
    svg.save_graph = _save_graph
    sys.modules[svg.__name__] = svg
    package.svg = svg


def _error_text(exc: BaseException) -> str:
    """Python's own message, with the frames of the reader's code and below (not ours)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != CELL_FILENAME:
        tb = tb.tb_next
    if tb is None:  # a SyntaxError, say: no frame ran yet
        return "".join(traceback.format_exception_only(type(exc), exc))
    return "".join(traceback.format_exception(type(exc), exc, tb))


def run_cell(code: str, namespace: dict) -> tuple[str, bool, list[tuple[str, str]]]:
    """Run ``code`` in ``namespace`` (shared by a page's cells, like a notebook's).

    Returns:
        What it printed (followed by Python's error message if it failed), whether it
        failed, and the graphs it drew as ``(name, dot)`` pairs.
    """
    drawn.clear()
    out = io.StringIO()
    failed = False
    with redirect_stdout(out):
        try:
            exec(compile(code, CELL_FILENAME, "exec"), namespace)
        except Exception as exc:  # noqa: BLE001 - the reader's error is the output
            failed = True
            out.write(_error_text(exc))
    return out.getvalue(), failed, list(drawn)
