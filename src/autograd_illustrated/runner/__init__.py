"""The snippet runner: a standalone command that MkDocs merely calls.

Finding snippets and deciding which are stale never imports torch (:mod:`.snippets`,
:mod:`.cache`); only :mod:`.execute` does, and only when something must run.
"""

from .cache import RUNNER_VERSION, stale_snippets
from .snippets import Snippet, find_snippets

__all__ = ["RUNNER_VERSION", "Snippet", "find_snippets", "stale_snippets"]
