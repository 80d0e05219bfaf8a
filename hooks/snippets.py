"""MkDocs glue for the snippet runner; all real work lives in ``autograd_illustrated``.

The same steps run without MkDocs as ``python -m autograd_illustrated.prebuild``; here
the runner is started early and awaited late, so the other hooks' pre-build work runs
meanwhile, and ``generated/`` is published in place rather than copied.

The runner is a standalone command (``autograd-snippets``). This hook only (1) calls it
when something is stale, in one child process, and (2) publishes what it generated,
which lives outside ``docs/`` so that ``mkdocs serve`` never rebuilds on its own output.
It also (3) writes each snippet with translated comments (``generated/_zh/``, no torch,
see :mod:`autograd_illustrated.comments`), failing on a comment without a translation, and
(4) tells each language's Markdown which copy its includes show.
"""

from __future__ import annotations

import os
import sys

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from autograd_illustrated.comments import (
    CommentLanguageExtension,
    TranslationError,
    write_every_translation,
)
from autograd_illustrated.mkdocs_config import build_language, later_language_build, project_root
from autograd_illustrated.prebuild import PrebuildError, published
from autograd_illustrated.runner import find_snippets, stale_snippets
from autograd_illustrated.runner.report import StreamingRun, failure_summary

# Set by the benchmark for its "plain mkdocs build" reference: skip all build-time work.
PLAIN_BUILD = "AUTOGRAD_PLAIN_BUILD"
_runner: StreamingRun | None = None  # the runner, between on_pre_build and on_files


def on_config(config):
    # static-i18n runs on_config again before each language's build: swap in that language.
    extensions = [
        e for e in config.markdown_extensions if not isinstance(e, CommentLanguageExtension)
    ]
    extensions.append(CommentLanguageExtension(language=build_language(config)))
    config.markdown_extensions[:] = extensions
    return config


def on_pre_build(config) -> None:
    # static-i18n runs a whole build per language, milliseconds apart; snippets are shared
    # by all languages, so the first build's check is the only one needed.
    if later_language_build(config):
        return
    root = project_root(config)
    try:
        # Even in the plain reference build: Chinese pages include these copies. Cheap (about
        # a quarter of a second): it only tokenizes the snippets and rewrites what changed.
        write_every_translation(root)
    except TranslationError as exc:
        raise PluginError(f"snippet comments without a translation:\n{exc}") from None
    if os.environ.get(PLAIN_BUILD):
        return  # benchmarks/bench.py's reference build: publish generated/, check nothing
    if not stale_snippets(find_snippets(root)):
        return  # the common case, and it costs no `import torch`
    # -B: no .pyc files. The runner imports src/, which `mkdocs serve` watches; writing
    # bytecode there would trigger a second, useless rebuild after every snippet edit.
    command = [sys.executable, "-B", "-m", "autograd_illustrated.runner", "--root", str(root)]
    # Started, not awaited: the other hooks' pre-build work (notebooks, include checks)
    # needs no snippet output, and runs meanwhile. on_files waits.
    global _runner
    _runner = StreamingRun(command)


def _await_runner() -> None:
    global _runner
    if _runner is None:
        return
    running, _runner = _runner, None
    returncode, report = running.wait()
    if returncode:
        raise PluginError(failure_summary(returncode, report))


def on_build_error(error) -> None:
    global _runner
    if _runner is not None:
        running, _runner = _runner, None
        running.stop()


def on_files(files, config):
    _await_runner()  # what is published below includes the runner's outputs
    try:
        for url, source in published(project_root(config)):
            files.append(File.generated(config, url, abs_src_path=str(source)))
    except PrebuildError as exc:
        raise PluginError(str(exc)) from None
    return files
