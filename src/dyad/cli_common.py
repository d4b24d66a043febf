"""What every command shares: log setup and the progress display."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console

err = Console(stderr=True, soft_wrap=True)


def logging_setup(verbose: int) -> None:
    """Warnings by default; -v info, -vv debug; always on standard error."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr, force=True)


@contextmanager
def progress(label: str) -> Iterator[Callable[[str], None] | None]:
    """A rich progress spinner on stderr when a person watches; ``None`` (no display) otherwise."""
    if not err.is_terminal:
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} items"),
                  TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda origin: bar.update(task, advance=1, description=f"{label} {origin[-50:]}")
