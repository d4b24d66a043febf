"""A store as Parquet files, one per table, and back: what a shard of a cluster run writes
(``dyad.scale``), what the merge reads, and a read-only view of a merged dataset that the
analytics read like a store (``dyad relations --parquet DIR``).

A shard folder holds :data:`SHARD_TABLES` (each ``<table>.parquet``) and ``output.parquet``,
the order its events were coded in. A merged folder holds :data:`MERGED_TABLES`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from dyad.errors import StoreError
from dyad.store.db import CONTENT_TABLES, Store

SHARD_TABLES = tuple(t for t in CONTENT_TABLES if t != "events")  # events are merged afresh
MERGED_TABLES = (*CONTENT_TABLES, "merge_rule")
OUTPUT = "output"  # (k, article_id, event_id): the order a shard's coder gave its events


def _quoted(path: str | os.PathLike[str]) -> str:
    return "'" + os.fspath(path).replace("'", "''") + "'"


def write_tables(store: Store, folder: str | Path, tables: Iterable[str], **extra: pa.Table) -> None:
    """Each of ``tables`` (and each ``extra`` Arrow table, by its keyword) as ``<name>.parquet``."""
    for table in tables:
        store.con.execute(
            f"COPY (SELECT * FROM {table}) TO {_quoted(Path(folder, table + '.parquet'))} (FORMAT parquet)"
        )
    for name, data in extra.items():
        store.con.register("extra_table", data)
        store.con.execute(
            f"COPY (SELECT * FROM extra_table) TO {_quoted(Path(folder, name + '.parquet'))} (FORMAT parquet)"
        )
        store.con.unregister("extra_table")


def shard_articles(con: duckdb.DuckDBPyConnection, folder: str | Path) -> list[tuple[str, str, list[int] | None]]:
    """(id, origin, minhash) of a shard's articles in the order they were read."""
    return con.execute(
        f"SELECT id, origin, minhash FROM read_parquet({_quoted(Path(folder, 'articles.parquet'))}) ORDER BY seq"
    ).fetchall()


def shard_output(con: duckdb.DuckDBPyConnection, folder: str | Path) -> list[tuple[str, str]]:
    """(article_id, event_id) of a shard's events in the order they were coded."""
    return con.execute(
        f"SELECT article_id, event_id FROM read_parquet({_quoted(Path(folder, OUTPUT + '.parquet'))}) ORDER BY k"
    ).fetchall()


def add_shard(
    store: Store,
    folder: str | Path,
    kept: Sequence[tuple[str, str | None, float | None]],
    exact: Sequence[tuple[str, str]],
) -> set[str]:
    """Add a shard's rows to ``store`` in one transaction: its ``kept`` articles (id,
    duplicate_of, similarity; ingest order) with their quotes, repeats, sentences and mentions,
    scenarios of those kept as originals, its rejects and notes, and its exact duplicates plus
    ``exact`` (origin, article_id) found by the merge. The merge groups of the added mentions."""

    def part(table: str) -> str:
        return f"read_parquet({_quoted(Path(folder, table + '.parquet'))})"

    keep = pa.table(  # noqa: F841 (read by DuckDB)
        {
            "id": pa.array([k[0] for k in kept], pa.string()),
            "k": pa.array(range(len(kept)), pa.int64()),
            "dup": pa.array([k[1] for k in kept], pa.string()),
            "sim": pa.array([k[2] for k in kept], pa.float64()),
        }
    )
    found = pa.table(  # noqa: F841 (read by DuckDB)
        {
            "origin": pa.array([e[0] for e in exact], pa.string()),
            "article_id": pa.array([e[1] for e in exact], pa.string()),
        }
    )
    seq = store.next_seq()
    with store.transaction() as con:
        con.execute(
            f"INSERT INTO articles BY NAME SELECT a.* REPLACE (? + keep.k AS seq, keep.dup AS duplicate_of, "
            f"keep.sim AS similarity) FROM {part('articles')} a JOIN keep ON a.id = keep.id",
            [seq],
        )
        for table in ("quotes", "repeats", "sentences"):
            con.execute(
                f"INSERT INTO {table} BY NAME SELECT * FROM {part(table)} WHERE article_id IN (SELECT id FROM keep)"
            )
        con.execute(
            f"INSERT INTO mentions BY NAME SELECT * REPLACE (NULL AS event_key) FROM {part('mentions')} "
            "WHERE article_id IN (SELECT id FROM keep)"
        )
        con.execute(
            f"INSERT INTO scenarios BY NAME SELECT * FROM {part('scenarios')} "
            "WHERE doc_id IN (SELECT id FROM keep WHERE dup IS NULL)"
        )
        for table in ("rejects", "notes"):
            con.execute(
                f"INSERT INTO {table} BY NAME SELECT * FROM {part(table)} ON CONFLICT DO UPDATE SET detail = excluded.detail"
            )
        con.execute(  # a shard's copy of the very input kept is the same input read again, not a duplicate
            f"INSERT INTO exact_duplicates BY NAME SELECT * FROM (SELECT * FROM {part('exact_duplicates')} "
            "UNION ALL SELECT * FROM found) e WHERE NOT EXISTS "
            "(SELECT 1 FROM articles a WHERE a.id = e.article_id AND a.origin = e.origin) ON CONFLICT DO NOTHING"
        )
        groups = con.execute(
            f"SELECT DISTINCT merge_group FROM {part('mentions')} WHERE article_id IN (SELECT id FROM keep)"
        ).fetchall()
    return {g[0] for g in groups}


def open_dataset(folder: str | Path, catalog: str | Path) -> str:
    """Write at ``catalog`` a store whose content tables are views over the merged Parquet
    dataset in ``folder`` (``<table>.parquet`` each), so that every read of a store reads the
    dataset unchanged, without copying it; the catalog's path."""
    folder = Path(folder).resolve()
    missing = [t for t in MERGED_TABLES if not (folder / f"{t}.parquet").is_file()]
    if missing:
        raise StoreError(f"{folder} is not a merged dyad dataset: no {', '.join(t + '.parquet' for t in missing)}")
    with Store(catalog) as store:
        for table in MERGED_TABLES:
            store.con.execute(f"DROP TABLE {table}")
            store.con.execute(
                f"CREATE VIEW {table} AS SELECT * FROM read_parquet({_quoted(folder / (table + '.parquet'))})"
            )
    return os.fspath(catalog)
