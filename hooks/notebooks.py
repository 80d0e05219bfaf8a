"""Write every chapter's notebooks before each build.

One per chapter and language, into ``generated/_notebooks/``, from the chapter's snippets
(no torch involved; see :mod:`autograd_illustrated.notebooks`). ``hooks/snippets.py``
publishes them; :mod:`autograd_illustrated.markdown.notebook_tip` links each from its page.
"""

from __future__ import annotations

import os

from autograd_illustrated.mkdocs_config import later_language_build, project_root
from autograd_illustrated.notebooks import write_notebooks


def on_pre_build(config) -> None:
    if os.environ.get("AUTOGRAD_PLAIN_BUILD"):
        return  # benchmarks/bench.py's reference build (see hooks/snippets.py)
    if later_language_build(config):
        return  # written by the first language's build, which writes every language's
    write_notebooks(project_root(config))
