"""Run the runner as a child command and say truthfully why it failed.

A build tool (the MkDocs hook, the benchmark) shows the runner's progress as it happens
and, when it fails, repeats the failures in its own error instead of pointing "above".
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading

from .cli import FAILED_HEADER

# When the runner itself died, show this much of the end of what it printed.
TAIL_LINES = 40


class StreamingRun:
    """``command`` running in the background, its stderr echoed live as it comes.

    A build starts the runner, goes on with work that needs no snippet output (notebooks,
    include checks), and waits only where outputs are needed.
    """

    def __init__(self, command: list[str]):
        self._seen: list[str] = []
        self._proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, errors="replace")
        self._echo = threading.Thread(target=self._pump, daemon=True)
        self._echo.start()

    def _pump(self) -> None:
        assert self._proc.stderr is not None
        for line in self._proc.stderr:
            sys.stderr.write(line)
            self._seen.append(line)

    def wait(self) -> tuple[int, str]:
        """The exit code and everything it wrote to stderr."""
        returncode = self._proc.wait()
        self._echo.join()
        self._proc.stderr.close()
        return returncode, "".join(self._seen)

    def stop(self) -> None:
        """The build failed elsewhere: end the runner (it keeps nothing half-written)."""
        if self._proc.poll() is None:
            self._proc.send_signal(signal.SIGINT)
        self.wait()


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
