"""Timed MkDocs builds of a project copy, with what each build did (snippets run, torch)."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROBE = BENCH_DIR / "mkdocs_probe.py"


@dataclass
class Build:
    seconds: float
    snippets_run: int
    torch_imported: bool
    ok: bool
    tail: str = ""  # the end of the log, kept only for failed builds

    def as_dict(self) -> dict:
        return asdict(self)


def project_env(root: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(root / "src")  # the copy's code, not the editable install
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("AUTOGRAD_PLAIN_BUILD", None)
    env.update(extra)
    return env


def mkdocs_command(root: Path, *args: str) -> list[str]:
    return [sys.executable, str(PROBE), *args]


def build(root: Path, plain: bool = False) -> Build:
    """One ``mkdocs build`` of ``root``; ``plain`` switches our build-time work off."""
    probe = root / ".bench-probe.json"
    probe.unlink(missing_ok=True)
    extra = {"BENCH_PROBE_OUT": str(probe)}
    if plain:
        extra["AUTOGRAD_PLAIN_BUILD"] = "1"
    started = time.perf_counter()
    proc = subprocess.run(
        # Not --strict: the benchmark times builds; `make test` judges them.
        mkdocs_command(root, "build", "-q", "--no-strict", "-d", str(root / "site")),
        cwd=root,
        env=project_env(root, **extra),
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    log = proc.stdout + proc.stderr
    ran = sum(1 for line in log.splitlines() if line.startswith("ran "))
    torch = json.loads(probe.read_text())["torch_imported"] if probe.is_file() else True
    ok = proc.returncode == 0
    return Build(round(seconds, 3), ran, torch, ok, "" if ok else log[-3000:])


def import_floor(runs: int) -> float:
    """Median seconds for a fresh ``python -c "import torch, torchviz"``."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import torch, torchviz"], check=True)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 3)


def snippet_seconds(root: Path) -> tuple[float, int]:
    """Sum of the snippets' own run times, as the runner recorded them, and their count."""
    total, count = 0.0, 0
    for manifest in (root / "generated").rglob(".manifest.json"):
        total += json.loads(manifest.read_text())["seconds"]
        count += 1
    return round(total, 3), count


def summary(builds: list[Build]) -> dict:
    """Median seconds, plus every run, for one kind of build."""
    return {
        "median": round(statistics.median(b.seconds for b in builds), 3),
        "runs": [b.as_dict() for b in builds],
    }
