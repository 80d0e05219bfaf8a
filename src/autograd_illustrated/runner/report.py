"""Run the runner as a child command and say truthfully why it failed.

A build tool (the MkDocs hook, the benchmark) shows the runner's progress as it happens
and, when it fails, repeats the failures in its own error instead of pointing "above".
"""

from __future__ import annotations

import signal
import subprocess
import sys

from .cli import FAILED_HEADER

# When the runner itself died, show this much of the end of what it printed.
TAIL_LINES = 40


def run_streaming(command: list[str]) -> tuple[int, str]:
    """Run ``command``, echoing its stderr live; return its exit code and that stderr."""
    seen: list[str] = []
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True, errors="replace") as proc:
        assert proc.stderr is not None
        for line in proc.stderr:
            sys.stderr.write(line)
            seen.append(line)
    return proc.returncode, "".join(seen)


def failure_summary(returncode: int, report: str) -> str:
    """The error message a build shows when the runner exits with ``returncode``."""
    marker = report.rfind(FAILED_HEADER)
    if returncode == 1 and marker != -1:
        start = report.rfind("\n", 0, marker) + 1
        return report[start:].strip()
    if returncode < 0:
        cause = f"the snippet runner was killed by {signal.Signals(-returncode).name}"
    else:
        cause = f"the snippet runner exited with status {returncode}"
    tail = "\n".join(report.rstrip().splitlines()[-TAIL_LINES:])
    return f"{cause}; the end of its output:\n{tail}" if tail else f"{cause}, printing nothing"
