"""What runs inside a snippet's own process: run it, store its outputs, report back.

The parent (:mod:`.isolation`) forks this from a warm worker, or starts it fresh with
``python -m autograd_illustrated.runner.child`` where ``fork`` is unavailable. Either way
the snippet can change nothing that another snippet sees: whatever it does to torch,
``sys.modules``, the environment or the working directory dies with this process.
"""

from __future__ import annotations

import faulthandler
import json
import os
import signal
import struct
import sys
from pathlib import Path

from .cache import ImportLog
from .snippets import Snippet, SnippetSyntaxError

# The parent asks a stuck snippet for its stack with this signal before killing it.
STACK_SIGNAL = signal.SIGUSR1
PROGRESS_FORMAT = "<q"
PROGRESS_BYTES = struct.calcsize(PROGRESS_FORMAT)


def store(run, directory: Path) -> None:
    """Write each section's output, and the whole file's, next to the snippet's artifacts."""
    for name, text in run.sections.items():
        (directory / f"{name}.txt").write_text(text, encoding="utf-8")
    (directory / "__all__.txt").write_text(run.full_output, encoding="utf-8")


def _progress_writer(fd: int):
    # The last top-level line reached survives even a SIGKILL: the parent reads it from a
    # file it owns, at a fixed offset.
    def reached(line: int) -> None:
        os.pwrite(fd, struct.pack(PROGRESS_FORMAT, line), 0)

    return reached


def run_in_child(snippet: Snippet, staging: Path, result_fd: int, trace_fd: int) -> None:
    """Body of the child process. Never returns: exits with ``os._exit``."""
    status = 1
    try:
        # A snippet waiting for keyboard input gets end-of-file at once instead of hanging.
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        sys.stdin = open(0, closefd=False)  # noqa: SIM115 - lives as long as the process
        # The file's first bytes hold the progress line; stacks are written after them.
        os.lseek(trace_fd, PROGRESS_BYTES, os.SEEK_SET)
        trace = open(trace_fd, "w", closefd=False)  # noqa: SIM115
        faulthandler.enable(file=trace, all_threads=True)
        faulthandler.register(STACK_SIGNAL, file=trace, all_threads=True)

        from .execute import SnippetFailure, run_snippet

        imports = ImportLog()
        imports.watch()
        try:
            run = run_snippet(
                snippet, artifact_dir=staging, on_statement=_progress_writer(trace_fd)
            )
            store(run, staging)
            report = {
                "ok": True,
                "seconds": run.seconds,
                "distributions": imports.distributions(),
            }
            status = 0
        except (SnippetFailure, SnippetSyntaxError) as exc:
            report = {"ok": False, "message": str(exc)}
        with open(result_fd, "w", encoding="utf-8", closefd=False) as result:
            json.dump(report, result)
    finally:
        # os._exit skips interpreter shutdown: run what multiprocessing would run there, so a
        # snippet that started processes cleans up their queues instead of leaking them.
        if "multiprocessing.util" in sys.modules:
            sys.modules["multiprocessing.util"]._exit_function()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the fresh-process fallback: ``ROOT SNIPPET STAGING RESULT_FD TRACE_FD``."""
    root, path, staging, result_fd, trace_fd = argv or sys.argv[1:]
    snippet = Snippet(path=Path(path), root=Path(root))
    run_in_child(snippet, Path(staging), int(result_fd), int(trace_fd))


if __name__ == "__main__":
    main()
