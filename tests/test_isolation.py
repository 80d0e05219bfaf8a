"""The runner is hermetic: each snippet in its own process, so none can change another's
output, and a crash, a hang or Ctrl-C costs one snippet, tells the truth and leaves no debris."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_runner import make_project

from autograd_illustrated.runner import cache, find_snippets
from autograd_illustrated.runner.cli import main as runner_main
from autograd_illustrated.runner.isolation import FRESH_PROCESS_ENV
from autograd_illustrated.runner.report import failure_summary

# Each leaker changes one piece of process-wide state and never puts it back.
LEAKERS = {
    "threads": "import torch\ntorch.set_num_threads(1)\n",
    "dual_level": (
        "import torch.autograd.forward_ad as fwAD\n"
        "fwAD.dual_level().__enter__()  # entered, never left\n"
    ),
    "repr_patch": "import torch\ntorch.Tensor.__repr__ = lambda self: 'PATCHED'\n",
    "modules": "import sys\nsys.modules['json'] = None\nsys.modules['leaked_module'] = object()\n",
    "path": "import sys\nsys.path.insert(0, '/leaked/path')\n",
    "environment": "import os\nos.environ['AUTOGRAD_LEAK'] = 'leaked'\n",
    "cwd": "import os\nos.chdir('/')\n",
    "flags": (
        "import torch\n"
        "torch.set_grad_enabled(False)\n"
        "torch.use_deterministic_algorithms(True)\n"
        "torch.set_default_dtype(torch.float64)\n"
        "torch.set_printoptions(precision=1)\n"
        "torch.autograd.set_detect_anomaly(True)\n"
    ),
    "hooks": (
        "import torch\n"
        "torch.nn.modules.module.register_module_forward_hook(lambda *a: print('HOOKED'))\n"
        "torch.autograd.graph.saved_tensors_hooks(lambda t: print('PACKED') or t, "
        "lambda t: t).__enter__()\n"
    ),
    "files": "handles = [open(__file__) for _ in range(20)]\n",
}

VICTIM = """
import os
import sys

import torch
import torch.autograd.forward_ad as fwAD

torch.manual_seed(0)
print("threads", torch.get_num_threads())
print(torch.ones(2) / 3)
print("grad", torch.is_grad_enabled())
print("deterministic", torch.are_deterministic_algorithms_enabled())
print("anomaly", torch.is_anomaly_enabled())
print("env", os.environ.get("AUTOGRAD_LEAK"), "cwd", os.getcwd() == os.environ["VICTIM_CWD"])
print("modules", sys.modules.get("json") is not None, "leaked_module" in sys.modules)
print("path", "/leaked/path" in sys.path)
print("open files", len(os.listdir("/proc/self/fd")))
x = torch.ones(2, requires_grad=True)
torch.nn.Linear(2, 1)(x).sum().backward()
print("grad", x.grad)
try:
    fwAD.unpack_dual(fwAD.make_dual(torch.ones(1), torch.ones(1)))
    print("a dual level was active")
except RuntimeError as exc:
    print("no dual level:", str(exc).splitlines()[0][:40])
"""


def run(root: Path, *args: str) -> int:
    return runner_main(["--root", str(root), "--force", *args])


def victim_output(root: Path) -> str:
    return (root / "generated/ch/victim/__all__.txt").read_text()


def no_debris(root: Path) -> bool:
    return not [p for p in (root / "generated").rglob("*") if ".running-" in p.name]


@pytest.fixture
def leaky_project(tmp_path, monkeypatch):
    monkeypatch.setenv("VICTIM_CWD", os.getcwd())
    files = {f"snippets/ch/leak_{name}.py": code for name, code in LEAKERS.items()}
    files["snippets/ch/victim.py"] = VICTIM
    return make_project(tmp_path, files)


@pytest.mark.parametrize("jobs", ["1", "3"])  # one at a time, and side by side
def test_no_snippet_can_change_what_another_prints(leaky_project, capsys, jobs):
    root = leaky_project
    leakers = [f"snippets/ch/leak_{name}.py" for name in LEAKERS]
    assert run(root, "--jobs", "1", "snippets/ch/victim.py") == 0
    alone = victim_output(root)
    assert "PATCHED" not in alone and "HOOKED" not in alone and "no dual level" in alone
    assert run(root, "--jobs", jobs, *leakers, "snippets/ch/victim.py") == 0
    assert victim_output(root) == alone
    assert run(root, "--jobs", jobs, "snippets/ch/victim.py", *reversed(leakers)) == 0
    assert victim_output(root) == alone
    # The leakers did take effect in their own processes: the test is not vacuous.
    err = capsys.readouterr().err
    assert err.count("ran    snippets/ch/leak_") == 2 * len(LEAKERS)


def test_a_fresh_interpreter_per_snippet_gives_the_same_output(leaky_project, monkeypatch, capsys):
    root = leaky_project
    assert run(root, "snippets/ch/victim.py") == 0
    forked = victim_output(root)
    monkeypatch.setenv(FRESH_PROCESS_ENV, "1")
    assert run(root, "snippets/ch/leak_threads.py", "snippets/ch/victim.py") == 0
    err = capsys.readouterr().err
    assert "fork is unavailable, so each snippet starts a fresh interpreter" in err

    def without_fd_count(text):  # a fresh interpreter inherits fewer descriptors than a fork
        return [line for line in text.splitlines() if not line.startswith("open files")]

    assert without_fd_count(victim_output(root)) == without_fd_count(forked)


CRASHES = {
    "segfault.py": ("import ctypes\nprint('before')\nctypes.string_at(0)\n", "SIGSEGV", 3),
    "abort.py": ("import os\nprint('before')\nos.abort()\n", "SIGABRT", 3),
    "killed.py": (
        "import os\nimport signal\nprint('before')\nos.kill(os.getpid(), signal.SIGKILL)\n",
        "SIGKILL",
        4,
    ),
}


@pytest.mark.parametrize("name", sorted(CRASHES))
def test_a_crash_fails_that_snippet_alone_and_says_how(tmp_path, capsys, name):
    code, signal_name, line = CRASHES[name]
    files = {f"snippets/ch/{name}": code, "snippets/ch/zz_after.py": "print(1)\n"}
    root = make_project(tmp_path, files)
    assert run(root) == 1
    err = capsys.readouterr().err
    assert f"snippets/ch/{name}:{line}: killed by {signal_name}" in err
    assert f"the last line it reached is {line}" in err
    assert "ran    snippets/ch/zz_after.py" in err
    assert "1 snippet(s) failed:" in err
    assert no_debris(root)
    assert not (root / f"generated/ch/{name[:-3]}").exists()


def test_a_hang_times_out_naming_the_line_it_was_stuck_on(tmp_path, capsys):
    root = make_project(
        tmp_path,
        {
            "snippets/ch/hang.py": """
                import time


                def wait():
                    time.sleep(3600)


                print("waiting")
                wait()
            """,
            "snippets/ch/zz_after.py": "print(1)\n",
        },
    )
    started = time.monotonic()
    assert run(root, "--timeout", "2") == 1
    assert time.monotonic() - started < 30
    err = capsys.readouterr().err
    assert "snippets/ch/hang.py:5: timed out after 2 s" in err
    assert 'File "snippets/ch/hang.py", line 5 in wait' in err
    assert 'File "snippets/ch/hang.py", line 9 in <module>' in err
    assert "ran    snippets/ch/zz_after.py" in err
    assert no_debris(root)


def test_the_timeout_comes_from_pyproject(tmp_path, capsys):
    root = make_project(
        tmp_path,
        {
            "pyproject.toml": "[tool.autograd-snippets]\ntimeout = 1\n",
            "snippets/ch/slow.py": "import time\ntime.sleep(3600)\n",
        },
    )
    assert run(root) == 1
    assert "snippets/ch/slow.py:2: timed out after 1 s" in capsys.readouterr().err


def test_waiting_for_keyboard_input_fails_at_once(tmp_path, capsys):
    root = make_project(tmp_path, {"snippets/ch/ask.py": "name = input('name? ')\n"})
    assert run(root, "--timeout", "60") == 1
    assert "snippets/ch/ask.py:1: EOFError" in capsys.readouterr().err


def test_ctrl_c_leaves_no_staging_folder_and_no_child(tmp_path):
    root = make_project(
        tmp_path,
        {
            "snippets/ch/slow.py": f"""
                import os
                import time
                open({str(tmp_path / "child.pid")!r}, "w").write(str(os.getpid()))
                time.sleep(3600)
            """
        },
    )
    runner = subprocess.Popen(
        [sys.executable, "-m", "autograd_illustrated.runner", "--root", str(root)],
        stderr=subprocess.PIPE,
        text=True,
    )
    pid_file = tmp_path / "child.pid"
    for _ in range(1200):  # the warm worker imports torch first: allow for a slow machine
        if pid_file.exists() and pid_file.read_text():
            break
        time.sleep(0.1)
    assert list((root / "generated").rglob(".slow.running-*")), "the snippet should be running"
    runner.send_signal(signal.SIGINT)
    _, err = runner.communicate(timeout=60)
    assert runner.returncode == 130, err
    assert "interrupted" in err
    assert no_debris(root)
    child = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):  # stopped and reaped, not left running
        os.kill(child, 0)


def test_a_killed_runners_leftovers_are_removed_at_the_next_start(tmp_path, capsys):
    root = make_project(tmp_path, {"snippets/ch/one.py": "print(1)\n"})
    leftover = root / "generated/ch/.one.running-99999"
    leftover.mkdir(parents=True)
    (leftover / "half.txt").write_text("half-written")
    assert runner_main(["--root", str(root)]) == 0
    err = capsys.readouterr().err
    assert "removed generated/ch/.one.running-99999, left by a killed run" in err
    assert no_debris(root)


def test_paths_that_name_no_snippet_fail_with_exit_2(tmp_path, capsys, monkeypatch):
    root = make_project(tmp_path, {"snippets/ch/one.py": "print(1)\n"})
    monkeypatch.chdir(tmp_path.parent)
    for extra in ([], ["--check"]):
        assert runner_main(["--root", str(root), *extra, "snippets/typo.py"]) == 2
        assert "no snippet at snippets/typo.py" in capsys.readouterr().err
    # Relative to --root, not only to the working directory.
    assert runner_main(["--root", str(root), "--check", "snippets/ch/one.py"]) == 1
    assert capsys.readouterr().out == "stale: snippets/ch/one.py\n"


def test_upgrading_a_distribution_reruns_the_snippets_that_loaded_it(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "fakedist").mkdir(parents=True)
    (site / "fakedist/__init__.py").write_text("VALUE = 1\n")

    def install(version: str) -> None:
        for old in site.glob("fakedist-*.dist-info"):
            for f in old.iterdir():
                f.unlink()
            old.rmdir()
        info = site / f"fakedist-{version}.dist-info"
        info.mkdir()
        metadata = f"Metadata-Version: 2.1\nName: fakedist\nVersion: {version}\n"
        (info / "METADATA").write_text(metadata)
        (info / "top_level.txt").write_text("fakedist\n")

    install("1.0")
    monkeypatch.syspath_prepend(str(site))
    # Installed means on the path the runner started with, where it looks versions up.
    monkeypatch.setattr(cache, "SEARCH_PATH", [str(site), *cache.SEARCH_PATH])
    root = make_project(
        tmp_path / "project",
        {
            "snippets/ch/uses.py": "import fakedist\nprint(fakedist.VALUE)\n",
            "snippets/ch/plain.py": "print(1)\n",
        },
    )
    assert runner_main(["--root", str(root), "--quiet"]) == 0
    manifest = json.loads((root / "generated/ch/uses/.manifest.json").read_text())
    assert manifest["distributions"]["fakedist"] == "1.0"
    assert cache.stale_snippets(find_snippets(root)) == []
    install("1.1")
    assert [s.rel for s in cache.stale_snippets(find_snippets(root))] == ["snippets/ch/uses.py"]


def test_the_python_version_is_part_of_every_key(tmp_path, monkeypatch):
    root = make_project(tmp_path, {"snippets/ch/one.py": "print(1)\n"})
    (snippet,) = find_snippets(root)
    before = cache.cache_key(snippet)
    monkeypatch.setattr(cache, "PYTHON_VERSION", "cpython-3.11.99")
    assert cache.cache_key(snippet) != before


def test_a_failed_build_repeats_the_failures_instead_of_pointing_above():
    report = "ran    a.py\nFAILED b.py\n\n1 snippet(s) failed:\n\nsnippets/b.py:3: boom\n"
    assert failure_summary(1, report) == "1 snippet(s) failed:\n\nsnippets/b.py:3: boom"
    assert failure_summary(-11, "ran    a.py\n").startswith(
        "the snippet runner was killed by SIGSEGV; the end of its output:\nran    a.py"
    )
    assert failure_summary(2, "") == "the snippet runner exited with status 2, printing nothing"


def test_a_snippet_runs_as_main_so_spawned_processes_find_it(tmp_path):
    # multiprocessing's "spawn" re-imports the main module in each child: it must be the
    # snippet (whose guard keeps the child from re-running it), never the runner itself.
    root = make_project(
        tmp_path,
        {
            "snippets/ch/spawns.py": """
                import multiprocessing


                def square(n):
                    return n * n


                if __name__ == "__main__":
                    with multiprocessing.get_context("spawn").Pool(1) as pool:
                        print(pool.map(square, [3, 4]))
            """
        },
    )
    assert run(root, "--timeout", "120") == 0
    assert (root / "generated/ch/spawns/__all__.txt").read_text() == "[9, 16]\n"


def test_a_distribution_only_the_process_could_see_is_not_recorded(tmp_path, monkeypatch):
    # setuptools puts its vendored copies of more-itertools and others on sys.path when the
    # warm worker imports it; a later staleness check, in a fresh process, could never find
    # them again and would rerun those snippets forever.
    site = tmp_path / "vendored"
    (site / "vendoredpkg").mkdir(parents=True)
    (site / "vendoredpkg/__init__.py").write_text("VALUE = 1\n")
    info = site / "vendoredpkg-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: vendoredpkg\nVersion: 1.0\n")
    (info / "top_level.txt").write_text("vendoredpkg\n")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delitem(sys.modules, "vendoredpkg", raising=False)
    import vendoredpkg  # noqa: F401 - loaded, as a snippet or the warm worker would

    used = cache.used_distributions(sys.modules)
    assert "vendoredpkg" not in used
    assert used["pytest"] == cache._installed_version("pytest")  # installed ones still count
