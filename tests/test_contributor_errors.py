"""Each kind of contributor mistake fails, and the message names the file and the line.

Every test makes the mistake in a throwaway copy of the project and runs the real tool a
contributor would run there (``autograd-snippets``, ``mkdocs build --strict``, ``pytest``
on a page), then looks for ``path:LINE`` in what the tool printed.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from projectcopy import BIN, copy_project, tool_env


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def run(project: Path, *command: str) -> tuple[int, str]:
    result = subprocess.run(
        command, cwd=project, env=tool_env(), capture_output=True, text=True, timeout=600
    )
    return result.returncode, result.stdout + result.stderr


def append(path: Path, text: str) -> int:
    """Append ``text`` to ``path``; return the line number its first line lands on."""
    existing = path.read_text(encoding="utf-8")
    if not existing.endswith("\n"):
        existing += "\n"
    path.write_text(existing + text, encoding="utf-8")
    return existing.count("\n") + 1


def write_snippet(project: Path, name: str, body: str) -> Path:
    path = project / "snippets" / "zz_contributor" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def build(project: Path) -> tuple[int, str]:
    return run(project, str(BIN / "mkdocs"), "build", "--strict", "-d", str(project / "site"))


def assert_names(output: str, where: str, *also: str) -> None:
    assert where in output, f"the message does not name {where}:\n{output[-3000:]}"
    for text in also:
        assert text in output, f"the message lacks {text!r}:\n{output[-3000:]}"


def test_a_snippet_that_raises_names_its_file_and_line(project):
    path = write_snippet(
        project,
        "raises.py",
        "import torch\n"
        "\n"
        "torch.manual_seed(0)\n"
        "\n"
        "x = torch.ones(2)\n"
        "x.sum().backward()\n",  # line 6: x does not require grad
    )
    code, output = run(project, str(BIN / "autograd-snippets"), "--root", ".", str(path))
    assert code != 0, output
    assert_names(output, "snippets/zz_contributor/raises.py:6", "RuntimeError")


def test_a_wrong_doctest_output_names_the_page_and_line(project):
    page = project / "docs" / "dynamic-graphs.en.md"
    line = append(page, "\n```pycon\n>>> 6 * 7\n41\n```\n") + 2  # the '>>>' line
    code, output = run(project, str(BIN / "pytest"), str(page), "-q", "-p", "no:randomly")
    assert code != 0, output
    assert_names(
        output, f"dynamic-graphs.en.md:{line}", "docs/dynamic-graphs.en.md", "Expected:\n    41"
    )
    assert_names(output, "Got:\n    42")


def test_a_page_missing_in_one_language_names_the_page(project):
    (project / "docs" / "zz-orphan.zh.md").write_text("# 孤儿页\n\n只有中文。\n", "utf-8")
    code, output = run(project, str(BIN / "pytest"), "tests/test_parity.py", "-q")
    assert code != 0, output
    assert_names(output, "docs/zz-orphan.zh.md:1", "docs/zz-orphan.en.md is missing")


def test_a_broken_link_names_the_page_and_line(project):
    page = project / "docs" / "dynamic-graphs.en.md"
    missing_page = append(page, "\nSee [a page that is not there](no-such-page.md).\n") + 1
    missing_anchor = append(page, "\nSee [a section that is not there](#no-such-section).\n") + 1
    code, output = build(project)
    assert code != 0, output
    assert_names(output, f"docs/dynamic-graphs.en.md:{missing_page}", "no-such-page.md")
    assert_names(output, f"docs/dynamic-graphs.en.md:{missing_anchor}", "#no-such-section")


def test_an_include_of_a_missing_file_names_the_page_and_line(project):
    page = project / "docs" / "dynamic-graphs.zh.md"
    include = '--8<-- "snippets/dynamic_graphs/no_such_snippet.py"'
    line = append(page, f"\n```python\n{include}\n```\n") + 2
    code, output = build(project)
    assert code != 0, output
    assert_names(
        output, f"docs/dynamic-graphs.zh.md:{line}", "snippets/dynamic_graphs/no_such_snippet.py"
    )


def test_a_graph_that_fails_to_render_names_the_snippet_and_line(project):
    path = write_snippet(
        project,
        "bad_graph.py",
        "import torch\n"
        "\n"
        "from autograd_illustrated.graphs import save_graph\n"
        "\n"
        "torch.manual_seed(0)\n"
        "\n"
        'save_graph("digraph { a -> }", "unfinished-edge")\n',  # line 7: not valid DOT
    )
    code, output = run(project, str(BIN / "autograd-snippets"), "--root", ".", str(path))
    assert code != 0, output
    assert_names(
        output, "snippets/zz_contributor/bad_graph.py:7", "GraphRenderError", "unfinished-edge"
    )
