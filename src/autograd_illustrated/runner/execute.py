"""Run one snippet, statement by statement, and record what each section printed.

Executing top-level statements one at a time lets the runner (a) attribute every printed
line to the sections that contain the statement, (b) let a statement marked
``# raises: SomeError`` fail on purpose and show PyTorch's real message, and (c) point an
unexpected failure at the snippet's own file and line.
"""

from __future__ import annotations

import ast
import io
import os
import random
import re
import sys
import time
import traceback
import types
import warnings
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path

from ..artifacts import collecting_into
from .snippets import Snippet, parse_sections, raise_markers


class SnippetFailure(Exception):
    """A snippet failed in a way it did not announce. ``str()`` is the message for contributors."""


@dataclass
class SnippetRun:
    sections: dict[str, str]
    full_output: str
    namespace: dict = field(repr=False)
    seconds: float = 0.0


class _SectionRouter(io.TextIOBase):
    """A stdout that files each write under the sections covering the running statement."""

    def __init__(self, sections: dict[str, tuple[int, int]]):
        self.sections = sections
        self.buffers = {name: io.StringIO() for name in sections}
        self.everything = io.StringIO()
        self.line = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.everything.write(text)
        for name, (first, last) in self.sections.items():
            if first <= self.line <= last:
                self.buffers[name].write(text)
        return len(text)


class _AddressMask:
    """Replace memory addresses (``at 0x7f3db2caf790``) with stable stand-ins.

    Addresses change on every run and would make two builds differ. The same address
    always gets the same stand-in, so "these two reprs are the same object" still shows.
    """

    PATTERN = re.compile(r"0x[0-9a-f]{6,16}")

    def __init__(self):
        self.seen: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        return self.PATTERN.sub(self._stand_in, text)

    def _stand_in(self, match: re.Match) -> str:
        return self.seen.setdefault(match.group(0), f"0x{len(self.seen) + 1:04x}")


def _reset_global_state() -> None:
    """Give every snippet the same starting point, whatever ran before it in this process."""
    import torch

    torch.manual_seed(0)
    random.seed(0)
    try:
        import numpy

        numpy.random.seed(0)
    except ImportError:
        pass
    torch.set_grad_enabled(True)
    torch.set_default_dtype(torch.float32)
    torch.set_printoptions(profile="default", sci_mode=None)
    torch.autograd.set_detect_anomaly(False)
    if "matplotlib" in sys.modules:
        import matplotlib.pyplot as plt

        plt.close("all")


def _exception_matches(exc: BaseException, expected: str) -> bool:
    wanted = expected.rsplit(".", 1)[-1]
    return any(cls.__name__ == wanted for cls in type(exc).__mro__)


def _failure_message(snippet: Snippet, exc: BaseException, fallback_line: int) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    own = [f for f in frames if Path(f.filename).resolve() == snippet.path]
    line = own[-1].lineno if own else fallback_line
    # Drop the runner's own frames: the contributor wants to see their snippet and below.
    first_own = next(
        (i for i, f in enumerate(frames) if Path(f.filename).resolve() == snippet.path), 0
    )
    shown = traceback.format_list(frames[first_own:])
    detail = "".join(traceback.format_exception_only(type(exc), exc)).rstrip()
    return (
        f"{snippet.rel}:{line}: {detail.splitlines()[0] if detail else type(exc).__name__}\n"
        f"Traceback (most recent call last):\n{''.join(shown)}{detail}"
    )


def run_snippet(
    snippet: Snippet, artifact_dir: Path | None = None, on_statement=None
) -> SnippetRun:
    """Execute ``snippet`` in a fresh namespace. Raises :class:`SnippetFailure`.

    ``on_statement(line)`` is called before each top-level statement runs.
    """
    source = snippet.source()
    filename = str(snippet.path)
    try:
        tree = ast.parse(source, filename=filename)
    except SyntaxError as exc:
        raise SnippetFailure(f"{snippet.rel}:{exc.lineno}: SyntaxError: {exc.msg}") from None
    sections = parse_sections(source, snippet.rel)
    markers = raise_markers(source)
    router = _SectionRouter(sections)
    # The snippet runs as the `__main__` module, as `python snippet.py` would run it, so
    # that code which looks its main module up (multiprocessing's "spawn" re-imports it in
    # each child, behind `if __name__ == "__main__":`) finds the snippet, not the runner.
    main_module = types.ModuleType("__main__")
    main_module.__file__ = filename
    namespace: dict = main_module.__dict__

    _reset_global_state()
    started = time.perf_counter()
    old_path, old_cwd, old_main = list(sys.path), os.getcwd(), sys.modules.get("__main__")
    sys.path.insert(0, str(snippet.path.parent))
    sys.modules["__main__"] = main_module
    try:
        with (
            collecting_into(artifact_dir or snippet.output_dir(), f"generated/{snippet.slug}"),
            redirect_stdout(router),
            warnings.catch_warnings(),
        ):
            warnings.simplefilter("always")

            # A warning the snippet's own line triggers belongs in the output, where the
            # reader would see it; warnings from inside libraries (deprecations) do not.
            def show(message, category, origin, *args, **kwargs):
                if Path(origin).resolve() == snippet.path:
                    router.write(f"{category.__name__}: {message}\n")

            warnings.showwarning = show
            for statement in tree.body:
                if on_statement:
                    on_statement(statement.lineno)
                _run_statement(snippet, statement, namespace, router, markers, filename)
    finally:
        sys.path[:] = old_path
        os.chdir(old_cwd)
        if old_main is not None:
            sys.modules["__main__"] = old_main
    addresses = _AddressMask()
    full_output = addresses(router.everything.getvalue())  # numbers follow print order
    return SnippetRun(
        sections={name: addresses(buf.getvalue()) for name, buf in router.buffers.items()},
        full_output=full_output,
        namespace=namespace,
        seconds=time.perf_counter() - started,
    )


def _run_statement(snippet, statement, namespace, router, markers, filename) -> None:
    first, last = statement.lineno, statement.end_lineno or statement.lineno
    expected = next((markers[n] for n in range(first, last + 1) if n in markers), None)
    router.line = first
    code = compile(ast.Module(body=[statement], type_ignores=[]), filename, "exec")
    try:
        exec(code, namespace)
    except BaseException as exc:  # noqa: BLE001 - every failure is reported, none swallowed
        if isinstance(exc, KeyboardInterrupt):
            raise
        if expected and _exception_matches(exc, expected):
            detail = "".join(traceback.format_exception_only(type(exc), exc)).rstrip()
            router.write(detail + "\n")
            return
        message = _failure_message(snippet, exc, first)
        if expected:
            message = f"(expected {expected})\n{message}"
        raise SnippetFailure(message) from None
    if expected:
        raise SnippetFailure(
            f"{snippet.rel}:{first}: expected {expected} to be raised here, but nothing was raised"
        )
