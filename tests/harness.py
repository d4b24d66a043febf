"""Helpers for tests that treat dyad roughly: kill a running command, fill a disk."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


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


@contextmanager
def tmpfs(point: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``point`` for the block; the test is skipped where that
    cannot be done (not Linux, not root, mounting not allowed)."""
    mount = shutil.which("mount")
    if not sys.platform.startswith("linux") or mount is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs Linux and root")
    point.mkdir(exist_ok=True)
    done = subprocess.run([mount, "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)
