"""Write every chapter's notebooks before each build.

One per chapter and language, into ``generated/_notebooks/``, from the chapter's snippets
(no torch involved; see :mod:`autograd_illustrated.notebooks`). ``hooks/snippets.py``
publishes them; :mod:`autograd_illustrated.markdown.notebook_tip` links each from its page.
"""

from __future__ import annotations

import os
from pathlib import Path

from autograd_illustrated.notebooks import write_notebooks


def on_pre_build(config) -> None:
    if os.environ.get("AUTOGRAD_PLAIN_BUILD"):
        return  # benchmarks/bench.py's reference build (see hooks/snippets.py)
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.current_language != i18n.default_language:
        return  # written by the first language's build, which writes every language's
    write_notebooks(Path(config.config_file_path).resolve().parent)
