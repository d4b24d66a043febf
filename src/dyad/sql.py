"""Read-only SQL over a store, for ``dyad sql`` and the API.

The store is opened read-only, with DuckDB's external access switched off and the
configuration locked: a query can read every table (``articles``, ``sentences``,
``mentions``, ``events``…) but cannot change the store, read or write other files, attach
databases or install extensions. Temporary tables live only as long as the query's
connection.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from .errors import InputError, StoreError
from .records import Record


@dataclass(frozen=True)
class QueryResult(Record):
    """Column names, rows (JSON-able values) and whether ``limit`` cut the rows short."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    truncated: bool = False

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, r)) for r in self.rows]


def _plain(value: Any) -> Any:
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
        return duckdb.connect(str(db), read_only=True,
                              config={"enable_external_access": False, "lock_configuration": True})
    except duckdb.Error as exc:
        raise StoreError(f"cannot open store {str(db)!r} read-only: {exc}") from exc


def query(db: str | Path, sql: str, params: Sequence[Any] | None = None, limit: int | None = None) -> QueryResult:
    """Run ``sql`` (with ``?`` parameters) against the store; at most ``limit`` rows come back."""
    con = connect_read_only(db)
    try:
        try:
            cur = con.execute(sql, list(params or []))
        except duckdb.Error as exc:
            raise InputError(f"query failed: {exc}") from exc
        columns = tuple(d[0] for d in cur.description) if cur.description else ()
        if limit is None:
            rows, truncated = cur.fetchall(), False
        else:
            rows = cur.fetchmany(limit + 1)
            truncated = len(rows) > limit
            rows = rows[:limit]
        return QueryResult(columns, tuple(tuple(_plain(v) for v in r) for r in rows), truncated)
    finally:
        con.close()
