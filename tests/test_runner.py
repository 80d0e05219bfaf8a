"""The snippet runner: sections, deliberate errors, failures that name file and line, caching."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from autograd_illustrated.runner import cache
from autograd_illustrated.runner.cli import main as runner_main
from autograd_illustrated.runner.execute import SnippetFailure, run_snippet
from autograd_illustrated.runner.snippets import (
    Snippet,
    SnippetSyntaxError,
    find_snippets,
    parse_sections,
)

ROOT = Path(__file__).resolve().parents[1]


def make_project(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return tmp_path


def snippet_at(root: Path, rel: str) -> Snippet:
    return Snippet(path=(root / rel).resolve(), root=root.resolve())


def test_sections_capture_their_own_output(tmp_path):
    root = make_project(
        tmp_path,
        {
            "snippets/ch/demo.py": """
        import torch
        torch.manual_seed(0)
        # --8<-- [start:outer]
        print("a")
        # --8<-- [start:inner]
        print("b")
        # --8<-- [end:inner]
        # --8<-- [end:outer]
        print("c")
    """
        },
    )
    run = run_snippet(snippet_at(root, "snippets/ch/demo.py"), artifact_dir=tmp_path / "out")
    assert run.sections == {"outer": "a\nb\n", "inner": "b\n"}
    assert run.full_output == "a\nb\nc\n"


def test_every_snippet_is_seeded_like_a_fresh_process(tmp_path):
    root = make_project(tmp_path, {"snippets/ch/rand.py": "import torch\nprint(torch.rand(3))\n"})
    snippet = snippet_at(root, "snippets/ch/rand.py")
    first = run_snippet(snippet, artifact_dir=tmp_path / "a").full_output
    import torch

    torch.rand(100)  # disturb the global generator between runs
    assert run_snippet(snippet, artifact_dir=tmp_path / "b").full_output == first


def test_marked_error_prints_pytorchs_real_message(tmp_path):
    root = make_project(
        tmp_path,
        {
            "snippets/ch/err.py": """
        import torch
        x = torch.ones(3, requires_grad=True)
        y = 2 * x
        # --8<-- [start:fail]
        y.backward()  # raises: RuntimeError
        print("after")
        # --8<-- [end:fail]
    """
        },
    )
    run = run_snippet(snippet_at(root, "snippets/ch/err.py"), artifact_dir=tmp_path / "out")
    assert run.sections["fail"] == (
        "RuntimeError: grad can be implicitly created only for scalar outputs\nafter\n"
    )


def test_unexpected_error_names_file_and_line(tmp_path):
    root = make_project(
        tmp_path,
        {
            "snippets/ch/boom.py": """
        import torch
        x = torch.ones(2)

        def helper():
            return x.view(3)

        helper()
    """
        },
    )
    with pytest.raises(SnippetFailure) as failure:
        run_snippet(snippet_at(root, "snippets/ch/boom.py"), artifact_dir=tmp_path / "out")
    message = str(failure.value)
    # The line inside the snippet where it really failed, not the runner's own frames.
    assert message.startswith("snippets/ch/boom.py:5: RuntimeError: shape '[3]' is invalid")
    assert "Traceback" in message and "execute.py" not in message


def test_marked_statement_that_succeeds_fails_the_run(tmp_path):
    root = make_project(tmp_path, {"snippets/ch/quiet.py": "x = 1 + 1  # raises: ValueError\n"})
    with pytest.raises(SnippetFailure, match=r"snippets/ch/quiet.py:1: expected ValueError"):
        run_snippet(snippet_at(root, "snippets/ch/quiet.py"), artifact_dir=tmp_path / "out")


def test_wrong_exception_type_is_not_accepted(tmp_path):
    root = make_project(tmp_path, {"snippets/ch/wrong.py": "int('x')  # raises: TypeError\n"})
    with pytest.raises(SnippetFailure, match=r"expected TypeError.*\n.*wrong.py:1: ValueError"):
        run_snippet(snippet_at(root, "snippets/ch/wrong.py"), artifact_dir=tmp_path / "out")


def test_own_warnings_are_shown_and_library_warnings_are_not(tmp_path, capsys):
    root = make_project(
        tmp_path,
        {
            "snippets/ch/warn.py": """
        import warnings
        import torch
        import _oldlib
        a = torch.ones(2, requires_grad=True)
        b = a * 2
        b.grad
        warnings.warn("deprecated inside", DeprecationWarning, stacklevel=1)
        print("before")
        _oldlib.legacy()
        print("after")
    """,
            # A library that warns from its own line, as deprecated library code does.
            "snippets/ch/_oldlib.py": """
        import warnings
        def legacy():
            warnings.warn("legacy() is deprecated", DeprecationWarning, stacklevel=1)
            warnings.warn("legacy() is slow", UserWarning, stacklevel=1)
    """,
        },
    )
    run = run_snippet(snippet_at(root, "snippets/ch/warn.py"), artifact_dir=tmp_path / "out")
    assert run.full_output.startswith(
        "UserWarning: The .grad attribute of a Tensor that is not a leaf"
    )
    assert "DeprecationWarning: deprecated inside" in run.full_output
    # The library's warnings are neither in the output nor anywhere else the reader sees.
    assert run.full_output.endswith("DeprecationWarning: deprecated inside\nbefore\nafter\n")
    assert "legacy()" not in run.full_output + capsys.readouterr().err


def test_memory_addresses_get_stable_stand_ins(tmp_path):
    root = make_project(
        tmp_path,
        {
            "snippets/ch/addr.py": """
        import torch
        x = torch.ones(1, requires_grad=True)
        y = x * 2
        print(y.grad_fn)
        print(y.grad_fn, (y + 1).grad_fn)
    """
        },
    )
    out = run_snippet(
        snippet_at(root, "snippets/ch/addr.py"), artifact_dir=tmp_path / "o"
    ).full_output
    lines = out.splitlines()
    assert lines[0] == "<MulBackward0 object at 0x0001>"
    assert lines[1].startswith("<MulBackward0 object at 0x0001> <AddBackward0 object at 0x")


def test_section_markers_are_validated():
    with pytest.raises(SnippetSyntaxError, match=r"x.py:1: section 'a' is never ended"):
        parse_sections("# --8<-- [start:a]\nprint(1)\n", "x.py")
    with pytest.raises(SnippetSyntaxError, match=r"x.py:1: section 'b' ends but never started"):
        parse_sections("# --8<-- [end:b]\n", "x.py")


def test_cache_key_follows_snippet_runner_torch_and_project_imports(tmp_path):
    root = make_project(
        tmp_path,
        {
            "src/helperpkg/__init__.py": "",
            "src/helperpkg/tool.py": "VALUE = 1\n",
            "src/helperpkg/unused.py": "VALUE = 2\n",
            "snippets/ch/uses_tool.py": "from helperpkg.tool import VALUE\nprint(VALUE)\n",
            "snippets/ch/plain.py": "print(1)\n",
        },
    )
    uses, plain = (
        snippet_at(root, "snippets/ch/uses_tool.py"),
        snippet_at(root, "snippets/ch/plain.py"),
    )
    before = {s.rel: cache.cache_key(s) for s in (uses, plain)}
    (root / "src/helperpkg/unused.py").write_text("VALUE = 3\n")
    assert {s.rel: cache.cache_key(s) for s in (uses, plain)} == before
    (root / "src/helperpkg/tool.py").write_text("VALUE = 4\n")
    assert cache.cache_key(uses) != before[uses.rel]
    assert cache.cache_key(plain) == before[plain.rel]
    deps = [p.relative_to(root.resolve()).as_posix() for p in cache.project_dependencies(uses)]
    assert deps == ["src/helperpkg/__init__.py", "src/helperpkg/tool.py"]


def test_cli_runs_only_what_is_stale(tmp_path, capsys):
    root = make_project(
        tmp_path,
        {
            "snippets/ch/one.py": "print('one')\n",
            "snippets/ch/two.py": "print('two')\n",
        },
    )
    assert runner_main(["--root", str(root)]) == 0
    assert "ran 2 of 2" in capsys.readouterr().err
    assert runner_main(["--root", str(root)]) == 0
    assert "all 2 up to date" in capsys.readouterr().err
    (root / "snippets/ch/two.py").write_text("print('two, edited')\n")
    assert runner_main(["--root", str(root), "--check"]) == 1
    assert capsys.readouterr().out == "stale: snippets/ch/two.py\n"
    assert runner_main(["--root", str(root)]) == 0
    err = capsys.readouterr().err
    assert "ran    snippets/ch/two.py" in err and "one.py" not in err and "ran 1 of 2" in err
    assert (root / "generated/ch/two/__all__.txt").read_text() == "two, edited\n"
    manifest = json.loads((root / "generated/ch/two/.manifest.json").read_text())
    assert manifest["key"] == cache.cache_key(snippet_at(root, "snippets/ch/two.py"))


def test_failed_snippet_keeps_no_fresh_manifest_and_reports_all(tmp_path, capsys):
    root = make_project(
        tmp_path,
        {
            "snippets/ch/bad.py": "print('fine')\n1 / 0\n",
            "snippets/ch/good.py": "print('good')\n",
        },
    )
    assert runner_main(["--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "snippets/ch/bad.py:2: ZeroDivisionError: division by zero" in err
    assert "ran    snippets/ch/good.py" in err
    assert [s.rel for s in cache.stale_snippets(find_snippets(root))] == ["snippets/ch/bad.py"]


def test_deleted_snippet_loses_its_generated_folder(tmp_path):
    root = make_project(tmp_path, {"snippets/ch/gone.py": "print(1)\n"})
    assert runner_main(["--root", str(root), "--quiet"]) == 0
    assert (root / "generated/ch/gone").is_dir()
    (root / "snippets/ch/gone.py").unlink()
    assert runner_main(["--root", str(root), "--quiet"]) == 0
    assert not (root / "generated/ch/gone").exists()


def test_deciding_staleness_never_imports_torch():
    probe = (
        "import sys; from pathlib import Path;"
        "from autograd_illustrated.runner import find_snippets, stale_snippets;"
        f"stale_snippets(find_snippets(Path({str(ROOT)!r})));"
        "print('torch' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_every_snippet_seeds_torch_itself():
    # The runner seeds too; this keeps a reader's hand-run of the file identical to the page.
    unseeded = [
        s.rel
        for s in find_snippets(ROOT)
        if "import torch" in s.source() and "torch.manual_seed(0)" not in s.source()
    ]
    assert unseeded == []


def test_artifact_links_name_the_published_folder_not_the_staging_one(tmp_path):
    root = make_project(
        tmp_path,
        {
            "snippets/ch/link.py": """
            from autograd_illustrated.artifacts import artifact_link, artifact_path
            print(artifact_path("g.svg").parent.name)
            print(artifact_link("g.svg"))
        """
        },
    )
    assert runner_main(["--root", str(root), "--quiet"]) == 0
    staging_name, link = (root / "generated/ch/link/__all__.txt").read_text().splitlines()
    assert staging_name.startswith(".link.running-")
    assert link == "generated/ch/link/g.svg"


def test_cache_key_follows_relative_imports_inside_project_packages(tmp_path):
    root = make_project(
        tmp_path,
        {
            "src/pkg/__init__.py": "from .graphs import draw\n",
            "src/pkg/graphs/__init__.py": "from .draw import draw\n",
            "src/pkg/graphs/draw.py": "from ..style import COLOR\ndef draw(): return COLOR\n",
            "src/pkg/style.py": "COLOR = 'red'\n",
            "snippets/ch/uses.py": "from pkg import draw\nprint(draw())\n",
        },
    )
    uses = snippet_at(root, "snippets/ch/uses.py")
    deps = {p.relative_to(root.resolve()).as_posix() for p in cache.project_dependencies(uses)}
    assert deps == {
        "src/pkg/__init__.py",
        "src/pkg/graphs/__init__.py",
        "src/pkg/graphs/draw.py",
        "src/pkg/style.py",
    }
    before = cache.cache_key(uses)
    (root / "src/pkg/style.py").write_text("COLOR = 'blue'\n")
    assert cache.cache_key(uses) != before


def test_two_runners_at_once_take_turns(tmp_path):
    root = make_project(
        tmp_path,
        {"snippets/ch/slow.py": "import time\ntime.sleep(0.5)\nprint('done')\n"},
    )
    command = [sys.executable, "-m", "autograd_illustrated.runner", "--root", str(root)]
    first = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    reports = [first.communicate()[1], second.communicate()[1]]
    assert [first.returncode, second.returncode] == [0, 0]
    # Exactly one ran it; the other waited for the lock and found it fresh.
    assert sorted("ran 1 of 1" in r for r in reports) == [False, True]
    assert any("all 1 up to date" in r for r in reports)
    assert (root / "generated/ch/slow/__all__.txt").read_text() == "done\n"
