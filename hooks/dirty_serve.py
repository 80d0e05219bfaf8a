"""``make serve`` rebuilds only what an edit changed (``mkdocs serve --dirty``).

MkDocs' dirty build re-renders a page only when its own source is newer than its HTML.
Two adapters make that right for this site:

- a page whose shown snippets or generated outputs changed is out of date too
  (:func:`autograd_illustrated.page_inputs.out_of_date`): its HTML is dated back so that
  MkDocs renders it again;
- MkDocs warns on every dirty build that navigation may be inaccurate, which ``--strict``
  would turn into a failed rebuild. Asked for on purpose, it is logged as information.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.plugins import event_priority

from autograd_illustrated.mkdocs_config import project_root
from autograd_illustrated.page_inputs import out_of_date

_dirty = False
_DIRTY_WARNING = "A 'dirty' build is being performed"


class _DirtyNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and record.getMessage().startswith(_DIRTY_WARNING):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def on_startup(command, dirty) -> None:
    global _dirty
    _dirty = dirty
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())


@event_priority(-110)  # after static-i18n has given each page its place in the site
def on_files(files, config):
    if not _dirty:
        return files
    root = project_root(config)
    for file in files.documentation_pages():
        built = Path(file.abs_dest_path)
        if built.exists() and out_of_date(Path(file.abs_src_path), built, root):
            os.utime(built, ns=(0, 0))  # older than its source: MkDocs renders it again
    return files
