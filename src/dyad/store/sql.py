"""Read-only SQL over a store, for ``dyad sql`` and the API.

The store is opened read-only, with DuckDB's external access switched off and the
configuration locked: a query can read every table (``articles``, ``sentences``,
``mentions``, ``events``…) but cannot change the store, read or write other files, attach
databases or install extensions. Temporary tables live only as long as the query's
connection.

:func:`stream` hands rows over as DuckDB produces them, a batch at a time, so that memory stays
flat whatever the result's size (``dyad sql`` writes each batch before it fetches the next);
:func:`query` collects them.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from dyad.errors import InputError, StoreError
from dyad.records import Record


@dataclass(frozen=True)
class QueryResult(Record):
    """Column names, rows (JSON-able values) and whether ``limit`` cut the rows short."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    truncated: bool = False

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, r)) for r in self.rows]


_SIMPLE = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    if type(value) in _SIMPLE:
        return value
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal,)):
        return float(value)
    if isinstance(value, (uuid.UUID, dt.timedelta)):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def connect_read_only(db: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only, sandboxed connection to the store ``db``."""
    if not Path(db).exists():
        raise StoreError(f"no store at {db}")
    try:
        con = duckdb.connect(str(db), read_only=True, config={"enable_external_access": False})
    except duckdb.Error as exc:
        raise StoreError(f"cannot open store {str(db)!r} read-only: {exc}") from exc
    try:  # no progress bar among the rows of a slow query; then nothing can be changed
        con.execute("SET enable_progress_bar = false")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


BATCH = 10_000


class RowStream:
    """The rows of a running query, fetched ``batch`` at a time as they are iterated.

    ``columns`` are known at once; ``truncated`` is true, once the rows are read, when ``limit``
    cut them short. Close it (or use it as a context manager) to close the connection.
    """

    def __init__(
        self, con: duckdb.DuckDBPyConnection, cur: duckdb.DuckDBPyConnection, limit: int | None, batch: int = BATCH
    ):
        self._con, self._cur = con, cur
        self.columns: tuple[str, ...] = tuple(d[0] for d in cur.description) if cur.description else ()
        self.limit = limit
        self.batch = max(1, batch)
        self.truncated = False
        self.count = 0

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        if not self.columns:
            return
        while True:
            want = self.batch if self.limit is None else min(self.batch, self.limit - self.count + 1)
            try:
                rows = self._cur.fetchmany(want)
            except duckdb.Error as exc:
                raise InputError(f"query failed: {exc}") from exc
            if not rows:
                return
            for r in rows:
                if self.limit is not None and self.count >= self.limit:
                    self.truncated = True
                    return
                self.count += 1
                yield tuple(v if type(v) in _SIMPLE else _plain(v) for v in r)

    def dicts(self) -> Iterator[dict[str, Any]]:
        return (dict(zip(self.columns, r)) for r in self)

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> RowStream:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def stream(
    db: str | Path, sql: str, params: Sequence[Any] | None = None, limit: int | None = None, batch: int = BATCH
) -> RowStream:
    """Start ``sql`` (with ``?`` parameters) on the store; its rows, at most ``limit`` (``None``: all),
    come as they are iterated, ``batch`` at a time."""
    if limit is not None and limit < 0:
        raise InputError(f"limit must be 0 or more, not {limit}")
    con = connect_read_only(db)
    try:
        cur = con.execute(sql, list(params or []))
    except duckdb.Error as exc:
        con.close()
        raise InputError(f"query failed: {exc}") from exc
    except BaseException:
        con.close()
        raise
    return RowStream(con, cur, limit, batch)


def query(db: str | Path, sql: str, params: Sequence[Any] | None = None, limit: int | None = None) -> QueryResult:
    """Run ``sql`` (with ``?`` parameters) against the store; at most ``limit`` rows come back."""
    with stream(db, sql, params, limit) as rows:
        got = tuple(rows)
        return QueryResult(rows.columns, got, rows.truncated)
