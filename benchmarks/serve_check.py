"""Does ``mkdocs serve`` rebuild exactly once per edit, and how soon does the browser reload?

Counts the rebuilds it logs, and times each edit until the server tells the browser to
reload (what a contributor waits for).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

from timing import mkdocs_command, project_env
from workspace import Edits

BUILD_STARTED = "Building documentation..."
SERVING = "Serving on"
RELOADED = "Reloading browsers"
# As `make serve` runs it (the Makefile's SERVE_FLAGS): only what an edit changed is rebuilt.
SERVE_FLAGS = ("--dirty",)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Log:
    """Lines from the server's output, with the time each arrived."""

    def __init__(self, proc: subprocess.Popen):
        self.proc = proc
        self.lines: list[tuple[float, str]] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._read, args=(proc.stdout,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            with self.lock:
                self.lines.append((time.monotonic(), line.rstrip()))

    def alive(self) -> bool:
        return self.proc.poll() is None

    def count(self, text: str, since: float = 0.0) -> int:
        with self.lock:
            return sum(1 for t, line in self.lines if t >= since and text in line)

    def matching(self, text: str, since: float) -> list[str]:
        with self.lock:
            return [line[-200:] for t, line in self.lines if t >= since and text in line]

    def tail(self, lines: int = 15) -> str:
        with self.lock:
            return "\n".join(line for _, line in self.lines[-lines:])

    def wait_for(self, text: str, since: float, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.alive():
            if self.count(text, since):
                return True
            time.sleep(0.2)
        return bool(self.count(text, since))

    def first(self, text: str, since: float, timeout: float) -> float | None:
        """When the first line holding ``text`` arrived after ``since`` (None: not by timeout)."""
        deadline = time.monotonic() + timeout
        while self.alive():
            with self.lock:
                found = [t for t, line in self.lines if t >= since and text in line]
            if found:
                return found[0]
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.05)
        return None

    def quiet_for(self, seconds: float, timeout: float) -> None:
        """Wait until nothing has been logged for ``seconds`` (or ``timeout`` passes)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.alive():
            with self.lock:
                last = self.lines[-1][0] if self.lines else 0.0
            if time.monotonic() - last >= seconds:
                return
            time.sleep(0.2)


def check_serve(root: Path, settle: float = 10.0, timeout: float = 600.0) -> dict:
    """Start ``mkdocs serve`` on ``root``, edit a snippet, then a page; count rebuilds.

    Bytecode writing stays on (as when a contributor runs ``mkdocs serve`` without make),
    the harsher case: any file the build writes into a watched folder would show up here
    as an extra rebuild.
    """
    env = project_env(root)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    port = free_port()
    proc = subprocess.Popen(
        # Not --strict: this counts rebuilds; `make test` judges warnings.
        mkdocs_command(root, "serve", "--no-strict", *SERVE_FLAGS, "-v", "-a", f"127.0.0.1:{port}"),
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    log = _Log(proc)
    result: dict = {"port": port, "settle_seconds": settle, "ok": False}
    try:
        if not log.wait_for(SERVING, 0.0, timeout):
            result["error"] = "mkdocs serve did not start:\n" + log.tail()
            return result
        log.quiet_for(settle, timeout)
        edits = Edits(root)
        for kind, edit in (("snippet", edits.snippet), ("page", edits.prose)):
            since = time.monotonic()
            edit()
            log.wait_for(BUILD_STARTED, since, timeout)
            # Edit to reload: what the contributor waits for, watcher delay included.
            reloaded = log.first(RELOADED, since, timeout)
            result[f"seconds_to_reload_after_{kind}_edit"] = (
                round(reloaded - since, 3) if reloaded is not None else None
            )
            log.quiet_for(settle, timeout)  # a rebuild loop would keep logging
            result[f"rebuilds_after_{kind}_edit"] = log.count(BUILD_STARTED, since)
            result[f"snippets_run_after_{kind}_edit"] = log.count("ran    snippets/", since)
            # -v makes MkDocs log the file events behind each rebuild: the evidence of a loop.
            result[f"events_after_{kind}_edit"] = log.matching("Event(", since)
        if not log.alive():
            result["error"] = "mkdocs serve exited:\n" + log.tail()
            return result
        result["ok"] = (
            result["rebuilds_after_snippet_edit"] == 1
            and result["rebuilds_after_page_edit"] == 1
            and result["snippets_run_after_snippet_edit"] == 1
        )
        return result
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the server we started, and its runner child
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
