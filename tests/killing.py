"""Kill a running ``dyad`` command hard once its log shows enough committed work."""

from __future__ import annotations

import signal
import subprocess
import time


def kill_after(proc: subprocess.Popen, marker: str, count: int, seconds: float = 180) -> int:
    """Read ``proc``'s stderr until ``marker`` has appeared in ``count`` lines (or ``seconds``
    pass), then SIGKILL it; return how many marked lines were seen."""
    deadline = time.monotonic() + seconds
    seen = 0
    for line in proc.stderr:
        seen += marker in line
        if seen >= count or time.monotonic() > deadline:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return seen
