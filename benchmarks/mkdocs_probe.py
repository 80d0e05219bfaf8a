"""Run the MkDocs command line in this process and record, on exit, whether torch was imported.

The benchmark runs every build through this wrapper, so "a no-change rebuild imports no
torch" is checked on the very process that did the build, not assumed.

    BENCH_PROBE_OUT=probe.json python benchmarks/mkdocs_probe.py build -q
"""

import atexit
import json
import os
import sys
from pathlib import Path


def _report() -> None:
    target = os.environ.get("BENCH_PROBE_OUT")
    if target:
        Path(target).write_text(json.dumps({"torch_imported": "torch" in sys.modules}))


atexit.register(_report)

if __name__ == "__main__":
    from mkdocs.__main__ import cli

    cli()
