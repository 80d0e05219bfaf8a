"""The MkDocs build calls the runner only for stale snippets, and fails loudly for a broken one."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from projectcopy import BIN, copy_project, tool_env


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project with a warm snippet cache, so the real tree is never touched."""
    return copy_project(tmp_path_factory.mktemp("build") / "project")


def build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "-d", str(project / "site")],
        cwd=project,
        env=tool_env(),
        capture_output=True,
        text=True,
    )


def ran(result: subprocess.CompletedProcess) -> list[str]:
    return [line.split()[1] for line in result.stderr.splitlines() if line.startswith("ran ")]


def test_builds_run_only_stale_snippets(project):
    warm = build(project)  # brings the copied cache fully up to date, whatever it held
    assert warm.returncode == 0, warm.stderr
    again = build(project)
    assert again.returncode == 0, again.stderr
    assert ran(again) == [], "a build with no change must run no snippet"

    snippet = project / "snippets/dynamic_graphs/linear_graph.py"
    snippet.write_text(snippet.read_text() + "\nprint('one more line')\n")
    edited = build(project)
    assert edited.returncode == 0, edited.stderr
    assert ran(edited) == ["snippets/dynamic_graphs/linear_graph.py"]


def test_a_raising_snippet_fails_the_build_with_file_and_line(project):
    broken = project / "snippets/dynamic_graphs/zz_broken.py"
    broken.write_text("import torch\n\ntorch.manual_seed(0)\nx = torch.ones(2)\nx.view(3)\n")
    try:
        result = build(project)
    finally:
        broken.unlink()
    assert result.returncode != 0
    assert "snippets/dynamic_graphs/zz_broken.py:5: RuntimeError: shape '[3]' is invalid" in (
        result.stderr
    )
    # The build's own error repeats the failure, rather than pointing "above".
    error = result.stderr[result.stderr.rfind("Error"):]
    assert "1 snippet(s) failed:" in result.stderr
    assert result.stderr.count("snippets/dynamic_graphs/zz_broken.py:5: RuntimeError") >= 2, error
