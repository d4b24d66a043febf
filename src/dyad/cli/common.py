"""What every command shares: log setup, the progress display, and errors as one line.

:func:`clean_errors` turns what can go wrong outside dyad's control into one line on standard
error and an exit code, never a traceback (``dyad.cli.main`` wraps every command in it):

=====================================================  ====  =================================================
what                                                   exit  line
=====================================================  ====  =================================================
a ``DyadError`` (no store, store locked by another      1    ``error: [E002] cannot open store …``
process, bad input…)
disk full (``ENOSPC``/``EDQUOT``, or DuckDB's           1    ``error: disk full writing PATH: …; the store is
"No space left on device")                                   intact up to the last committed batch``
another ``OSError`` (permission denied, no folder…)     1    ``error: cannot write PATH: Permission denied``
DuckDB's I/O errors                                     1    ``error: store I/O failed: …``
output closed by the reader (``dyad sql … | head``)    141    nothing (as a process killed by SIGPIPE)
Ctrl-C                                                 130    ``interrupted; the store is intact up to …``
anything else (a bug)                                   1    ``error: unexpected KeyError: …`` and how to see
                                                             the traceback: ``DYAD_TRACEBACK=1`` or ``-v``
=====================================================  ====  =================================================
"""

from __future__ import annotations

import atexit
import errno
import json
import logging
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dyad.text.escapes import escape_controls


def shown(value: object) -> str:
    """Text from an article or an input, safe to print through rich: its ``[...]`` is not taken
    for markup, and control characters (escape sequences, bells, bidi overrides) are shown as
    ``\\xNN``/``\\uNNNN`` instead of reaching the terminal."""
    return escape(escape_controls("" if value is None else str(value), keep_lines=True))


try:  # typer >= 0.20 vendors click
    from typer._click.exceptions import ClickException as _ClickException
except ImportError:  # pragma: no cover
    # ignored: older typer uses click's own class, which mypy types apart from the vendored one
    from click.exceptions import ClickException as _ClickException  # type: ignore[assignment]

err = Console(stderr=True, soft_wrap=True)

TRACEBACK_ENV = "DYAD_TRACEBACK"
INTACT = "the store is intact up to the last committed batch"
_SPACE_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_SPACE_TEXT = re.compile(r"no space left on device|disk quota exceeded|disk (is )?full", re.I)
_QUOTED_PATH = re.compile(r"""(?:file|database|path)\s+["']([^"']+)["']""", re.I)


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

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} items"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)
        yield lambda origin: bar.update(task, advance=1, description=f"{label} {origin[-50:]}")


# --- errors as one line -------------------------------------------------------------------
def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines too) as one space."""
    return " ".join(str(text).split())


def error_line(message: str) -> None:
    """``error: message`` on standard error, on one line."""
    err.print(f"[red]error:[/red] {escape(one_line(message))}", highlight=False)


@contextmanager
def labelled_output(path: str | Path) -> Iterator[None]:
    """Within the block, a disk-full ``OSError`` without a file name names ``path`` (a write to an
    open file does not say which file it was)."""
    try:
        yield
    except OSError as exc:
        if exc.errno in _SPACE_ERRNOS and not exc.filename:
            exc.filename = _stdout_name() if str(path) == STDOUT else str(path)
        raise


STDOUT = "<stdout>"


def _stdout_name() -> str:
    """The file standard output is redirected to (``dyad sql … > out.csv``), else "standard output"."""
    try:
        target = os.readlink(f"/proc/self/fd/{sys.stdout.fileno()}")
    except (OSError, ValueError, AttributeError):
        return "standard output"
    return target if target.startswith("/") else "standard output"


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` says the disk (or the quota) is full: an ``OSError`` or DuckDB's message."""
    if isinstance(exc, OSError) and exc.errno in _SPACE_ERRNOS:
        return True
    return bool(_SPACE_TEXT.search(str(exc)))


def disk_full_message(exc: BaseException) -> str:
    """``disk full writing PATH: why; the store is intact …``."""
    path = getattr(exc, "filename", None) if isinstance(exc, OSError) else None
    if not path:
        found = _QUOTED_PATH.search(str(exc))
        path = found.group(1) if found else None
    why = exc.strerror if isinstance(exc, OSError) and exc.strerror else one_line(str(exc))
    return f"disk full writing {path or 'the output'}: {why}; {INTACT}"


def _wants_traceback() -> bool:
    if os.environ.get(TRACEBACK_ENV, "").strip().lower() in ("1", "true", "yes", "on"):
        return True
    return logging.getLogger().getEffectiveLevel() <= logging.INFO  # -v


def _quiet_stdout() -> None:
    """After a broken pipe: send what is left for standard output nowhere (no second error at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file descriptor (a test runner's stream)
        pass


def store_hint(message: str) -> str:
    """A store error, with what to do when another process holds the store's lock."""
    if "Conflicting lock" in message or "Could not set lock" in message:
        return (
            f"{message} (another dyad or DuckDB process is writing this store: wait until it ends, or use another --db)"
        )
    return message


@contextmanager
def clean_errors() -> Iterator[None]:
    """Errors outside dyad's control as one line and an exit code (see the module's table)."""
    from dyad.errors import DyadError

    try:
        yield
    except (typer.Exit, typer.Abort, _ClickException):
        raise
    except KeyboardInterrupt:
        err.print(f"interrupted; {INTACT}", highlight=False)
        raise typer.Exit(130) from None
    except BrokenPipeError:
        _quiet_stdout()
        raise typer.Exit(141) from None
    except Exception as exc:
        if isinstance(exc, OSError) and exc.errno == errno.EPIPE:
            _quiet_stdout()
            raise typer.Exit(141) from None
        if is_disk_full(exc):
            error_line(disk_full_message(exc))
        elif isinstance(exc, DyadError):
            error_line(store_hint(str(exc)))
        elif isinstance(exc, OSError):
            what = f"{exc.filename}: " if exc.filename else ""
            error_line(f"{what}{exc.strerror or exc}")
        elif _is_duckdb_io(exc):
            error_line(store_hint(f"store I/O failed: {exc}"))
        elif _wants_traceback():
            raise
        else:
            error_line(
                f"unexpected {type(exc).__name__}: {exc} (a bug in dyad? rerun with -v, or with "
                f"{TRACEBACK_ENV}=1, for the traceback)"
            )
        raise typer.Exit(1) from None


def _is_duckdb_io(exc: BaseException) -> bool:
    duckdb = sys.modules.get("duckdb")
    return duckdb is not None and isinstance(exc, getattr(duckdb, "IOException", ()))


# --- options and output shared by the commands -------------------------------------------
out = Console(soft_wrap=True)


class TableFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    json = "json"


DbOption = Annotated[str, typer.Option("--db", help="DuckDB store file.", envvar="DYAD_DB")]
FormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")]
ParquetOption = Annotated[
    Optional[str],
    typer.Option(
        "--parquet",
        help="Read the merged Parquet dataset of a cluster run (the --out DIR of `dyad code --cluster`) "
        "instead of a store.",
    ),
]


def dataset_db(db: str, parquet: str | None) -> str:
    """``db``, or with ``parquet`` a temporary store whose tables are views over the dataset in
    ``DIR/merged`` (or ``DIR`` itself), removed when the command ends."""
    if parquet is None:
        return db
    from dyad.errors import DyadError
    from dyad.store.parquet import open_dataset

    folder = Path(parquet, "merged") if Path(parquet, "merged").is_dir() else Path(parquet)
    tmp = tempfile.mkdtemp(prefix="dyad-parquet-")
    atexit.register(shutil.rmtree, tmp, True)
    try:
        return open_dataset(folder, Path(tmp, "catalog.duckdb"))
    except DyadError as exc:
        fail(str(exc))


VerboseOption = Annotated[int, typer.Option("--verbose", "-v", count=True, help="More log output (-vv: debug).")]


def fail(message: str, code: int = 1) -> NoReturn:
    """``error: message`` on one line of standard error, and exit with ``code``."""
    error_line(store_hint(message))
    raise typer.Exit(code)


def print_rows(rows: list[dict], fmt: TableFormat, columns: list[str], title: str | None = None) -> None:
    if fmt is TableFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    if fmt is TableFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=title)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*[shown(row.get(c)) for c in columns])
    out.print(table)
