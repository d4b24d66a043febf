"""The store: one DuckDB file holding articles, quotes, sentences (with their parse) and rejects.

The schema has a version; migrations are recorded in ``schema_migrations`` and applied in
order when a store is opened. Writes happen in transactions of whole articles, so a run
killed at any moment leaves only complete articles behind and the next run resumes.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from dyad.errors import StoreError
from dyad.nlp.parse import spans_from_json, spans_to_json, tokens_from_json, tokens_to_json
from dyad.records import Article, Quote, Reject, Repeat, Sentence

log = logging.getLogger(__name__)


def _migration_1(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            seq BIGINT NOT NULL,
            origin VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            doc_id VARCHAR,
            title VARCHAR,
            date DATE,
            url VARCHAR,
            source VARCHAR,
            raw VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            trailer VARCHAR,
            duplicate_of VARCHAR,
            similarity DOUBLE,
            n_sentences INTEGER NOT NULL,
            minhash UBIGINT[]
        )""")
    con.execute("""
        CREATE TABLE quotes (
            article_id VARCHAR NOT NULL, n INTEGER NOT NULL, text VARCHAR NOT NULL,
            author VARCHAR, handle VARCHAR, date DATE, url VARCHAR,
            raw_start INTEGER, raw_end INTEGER,
            PRIMARY KEY (article_id, n))""")
    con.execute("""
        CREATE TABLE repeats (
            article_id VARCHAR NOT NULL, n INTEGER NOT NULL, text VARCHAR NOT NULL,
            raw_start INTEGER, raw_end INTEGER, first_raw_start INTEGER,
            PRIMARY KEY (article_id, n))""")
    con.execute("""
        CREATE TABLE sentences (
            article_id VARCHAR NOT NULL, idx INTEGER NOT NULL, paragraph INTEGER NOT NULL,
            text VARCHAR NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
            raw_start INTEGER NOT NULL, raw_end INTEGER NOT NULL,
            tokens VARCHAR NOT NULL, entities VARCHAR NOT NULL, noun_chunks VARCHAR NOT NULL,
            PRIMARY KEY (article_id, idx))""")
    con.execute("""
        CREATE TABLE rejects (
            origin VARCHAR NOT NULL, reason VARCHAR NOT NULL, detail VARCHAR,
            PRIMARY KEY (origin, reason))""")
    con.execute("""
        CREATE TABLE exact_duplicates (
            origin VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
            PRIMARY KEY (origin, article_id))""")


def _migration_2(con: duckdb.DuckDBPyConnection) -> None:
    """Event tables: the coder's mentions, the events merged from them (``dyad.store.events``)."""
    con.execute("""
        CREATE TABLE mentions (
            event_id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL, sentence_id VARCHAR NOT NULL, sentence VARCHAR NOT NULL,
            date DATE, date_precision VARCHAR NOT NULL,
            source_text VARCHAR, source_code VARCHAR, source_country VARCHAR,
            target_text VARCHAR, target_code VARCHAR, target_country VARCHAR,
            cameo VARCHAR NOT NULL, cameo_root VARCHAR NOT NULL, cameo_name VARCHAR NOT NULL,
            goldstein DOUBLE NOT NULL, quad_class TINYINT NOT NULL,
            plover_event VARCHAR, plover_mode VARCHAR, plover_context VARCHAR,
            modality VARCHAR NOT NULL, attributed_to VARCHAR,
            evidence_text VARCHAR NOT NULL, evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
            confidence DOUBLE NOT NULL,
            merge_group VARCHAR NOT NULL,
            event_key VARCHAR,
            coded_at TIMESTAMP NOT NULL DEFAULT current_timestamp)""")
    con.execute("""
        CREATE TABLE events (
            event_key VARCHAR NOT NULL, global_id BIGINT NOT NULL, merge_group VARCHAR NOT NULL,
            date DATE, date_end DATE, date_precision VARCHAR NOT NULL,
            source_key VARCHAR NOT NULL, source_text VARCHAR, source_code VARCHAR, source_country VARCHAR,
            target_key VARCHAR NOT NULL, target_text VARCHAR, target_code VARCHAR, target_country VARCHAR,
            cameo VARCHAR NOT NULL, cameo_base VARCHAR NOT NULL, cameo_root VARCHAR NOT NULL,
            cameo_name VARCHAR NOT NULL, goldstein DOUBLE NOT NULL, quad_class TINYINT NOT NULL,
            plover_event VARCHAR, plover_mode VARCHAR, plover_context VARCHAR,
            modality VARCHAR NOT NULL,
            num_mentions INTEGER NOT NULL, num_sources INTEGER NOT NULL, num_articles INTEGER NOT NULL,
            article_ids VARCHAR[] NOT NULL, is_root BOOLEAN NOT NULL, confidence DOUBLE NOT NULL,
            source_url VARCHAR, added_at TIMESTAMP NOT NULL)""")
    con.execute("CREATE TABLE merge_rule (name VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")


def _migration_3(con: duckdb.DuckDBPyConnection) -> None:
    """Scenario tables (``dyad.scenarios.find``) and the statuses ``dyad scenarios watch`` last saw."""
    con.execute("""
        CREATE TABLE scenarios (
            id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, text VARCHAR NOT NULL,
            conditions VARCHAR NOT NULL, consequences VARCHAR NOT NULL,
            hedge VARCHAR, stated_by VARCHAR NOT NULL, date DATE,
            sentence_ids VARCHAR[] NOT NULL, evidence VARCHAR NOT NULL)""")
    con.execute("""
        CREATE TABLE scenario_watch (
            scenario_id VARCHAR PRIMARY KEY, status VARCHAR NOT NULL,
            evidence_events VARCHAR[] NOT NULL, seen_at TIMESTAMP NOT NULL)""")


def _migration_4(con: duckdb.DuckDBPyConnection) -> None:
    """What proposed each mention: the lexicon, the trigger model, or both (``dyad.coding``)."""
    con.execute("ALTER TABLE mentions ADD COLUMN proposed_by VARCHAR DEFAULT 'lexicon'")


def _migration_5(con: duckdb.DuckDBPyConnection) -> None:
    """What reading repaired or dropped in a document that was kept: a note per origin and kind
    (``repaired-unicode``, ``date-unreadable``, ``date-incomplete``, ``date-out-of-range``)."""
    con.execute("""
        CREATE TABLE notes (
            origin VARCHAR NOT NULL, note VARCHAR NOT NULL, detail VARCHAR,
            PRIMARY KEY (origin, note))""")


def _migration_6(con: duckdb.DuckDBPyConnection) -> None:
    """Indexes for point reads (ART indexes, kept up to date by every write): an event by its key
    (``/events/{event_key}``), a page's rows by ``global_id`` (``/events``), an event's mentions
    by its key. DuckDB refuses ``ALTER TABLE`` on an indexed table: a later migration that alters
    ``events`` or ``mentions`` drops these indexes first and creates them again after."""
    con.execute("CREATE INDEX IF NOT EXISTS events_event_key ON events (event_key)")
    con.execute("CREATE INDEX IF NOT EXISTS events_global_id ON events (global_id)")
    con.execute("CREATE INDEX IF NOT EXISTS mentions_event_key ON mentions (event_key)")


MIGRATIONS: list[tuple[int, str, Callable[[duckdb.DuckDBPyConnection], None]]] = [
    (1, "articles, quotes, repeats, sentences, rejects, exact_duplicates", _migration_1),
    (2, "mentions, events, merge_rule", _migration_2),
    (3, "scenarios, scenario_watch", _migration_3),
    (4, "mentions.proposed_by", _migration_4),
    (5, "notes", _migration_5),
    (6, "indexes on events.event_key, events.global_id, mentions.event_key", _migration_6),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]
# What a store holds of its inputs and their coding (not its bookkeeping: migrations, the merge
# rule, what ``dyad scenarios watch`` last saw).
CONTENT_TABLES = (
    "articles",
    "quotes",
    "repeats",
    "sentences",
    "rejects",
    "exact_duplicates",
    "notes",
    "mentions",
    "events",
    "scenarios",
)


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] | None = None) -> Any:
    """The one value of a query giving one row, as an aggregate without ``GROUP BY`` does."""
    row = con.execute(sql, params).fetchone()
    assert row is not None, f"no row from {sql!r}"  # an aggregate always gives one row
    return row[0]


def require_current(con: duckdb.DuckDBPyConnection, path: str, upgrade: str) -> None:
    """``StoreError`` unless ``con`` holds a dyad store at this code's schema version; reads call
    this instead of migrating, and ``upgrade`` tells the user how to bring the store up to date."""
    try:
        version = int(scalar(con, "SELECT max(version) FROM schema_migrations") or 0)
    except duckdb.Error as exc:
        raise StoreError(f"{path} is not a dyad store: {exc}") from exc
    if version < SCHEMA_VERSION:
        raise StoreError(f"{path} has schema version {version}, older than this dyad's {SCHEMA_VERSION}; {upgrade}")


def sentence_rows(article_id: str, sentences: Sequence[Sentence]) -> list[list]:
    """The ``sentences`` table's rows of an article's sentences (the parse as compact JSON)."""
    return [
        [
            article_id,
            s.index,
            s.paragraph,
            s.text,
            s.start,
            s.end,
            s.raw_start,
            s.raw_end,
            tokens_to_json(s.tokens),
            spans_to_json(s.entities),
            spans_to_json(s.noun_chunks),
        ]
        for s in sentences
    ]


def _article_row(art: Article, seq: int, n_sentences: int, minhash: Sequence[int] | None) -> list:
    return [
        art.id,
        seq,
        art.origin,
        art.kind,
        art.doc_id,
        art.title,
        art.date,
        art.url,
        art.source,
        art.raw,
        art.text,
        art.trailer,
        art.duplicate_of,
        art.similarity,
        n_sentences,
        list(minhash) if minhash is not None else None,
    ]


_S, _I = pa.string(), pa.int32()
# dates go in as text and DuckDB casts them on insert, as it did the parameters of a row insert
_ARTICLE_TYPES = [
    ("id", _S),
    ("seq", pa.int64()),
    *[(c, _S) for c in ("origin", "kind", "doc_id", "title", "date", "url", "source", "raw", "text", "trailer")],
    ("duplicate_of", _S),
    ("similarity", pa.float64()),
    ("n_sentences", _I),
    ("minhash", pa.list_(pa.uint64())),
]
_QUOTE_TYPES = [("article_id", _S), ("n", _I), *[(c, _S) for c in ("text", "author", "handle", "date", "url")]]
_QUOTE_TYPES += [("raw_start", _I), ("raw_end", _I)]
_REPEAT_TYPES = [("article_id", _S), ("n", _I), ("text", _S), ("raw_start", _I), ("raw_end", _I)]
_REPEAT_TYPES += [("first_raw_start", _I)]
_SENTENCE_TYPES = [("article_id", _S), ("idx", _I), ("paragraph", _I), ("text", _S)]
_SENTENCE_TYPES += [(c, _I) for c in ("start_char", "end_char", "raw_start", "raw_end")]
_SENTENCE_TYPES += [(c, _S) for c in ("tokens", "entities", "noun_chunks")]


def key_table(values: Iterable[str]) -> pa.Table:
    """A one-column table of keys for DuckDB to semi-join against (``IN (SELECT k FROM …)``).

    DuckDB finds it by its Python variable name, so that name must not be a table's.
    """
    return pa.table({"k": pa.array(sorted(set(values)), type=pa.string())})


@dataclass(frozen=True)
class StoredArticle:
    """An article as read back from the store, with its quotes."""

    article: Article
    n_sentences: int


class Store:
    """A DuckDB-backed store. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path = "dyad.duckdb", read_only: bool = False):
        self.path = str(path)
        self._depth = 0  # transactions open (nested ones join the outermost)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path!r}: {exc}") from exc
        self.applied: list[int] = [] if read_only else self.migrate()  # migrations this open applied

    # --- lifecycle -------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction: committed when the block ends, rolled back if it raises. Inside
        another one it is part of that one (a batch's articles, events and scenarios commit
        together)."""
        if self._depth:
            self._depth += 1
            try:
                yield self.con
            finally:
                self._depth -= 1
            return
        self.con.execute("BEGIN TRANSACTION")
        self._depth = 1
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0
        self.con.execute("COMMIT")

    def migrate(self) -> list[int]:
        """Apply pending migrations; return the versions applied."""
        self.con.execute("""CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,
            applied_at TIMESTAMP DEFAULT current_timestamp)""")
        done = {r[0] for r in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        applied = []
        for version, name, fn in MIGRATIONS:
            if version in done:
                continue
            with self.transaction():
                fn(self.con)
                self.con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
            log.info("store %s: applied migration %d (%s)", self.path, version, name)
            applied.append(version)
        return applied

    def schema_version(self) -> int:
        return int(scalar(self.con, "SELECT max(version) FROM schema_migrations") or 0)

    # --- writes ------------------------------------------------------------------------
    def add_notes(self, origin: str, notes: Iterable[str]) -> None:
        """Record what reading repaired in the document from ``origin`` ("code: detail" each)."""
        for note in notes:
            code, _, detail = note.partition(": ")
            self.con.execute(
                "INSERT INTO notes VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET detail = excluded.detail",
                [origin, code, detail],
            )

    def notes(self) -> list[tuple[str, str, str]]:
        """(origin, note, detail) of every recorded note."""
        return self.con.execute("SELECT origin, note, detail FROM notes ORDER BY origin, note").fetchall()

    def add_reject(self, reject: Reject) -> None:
        self.con.execute(
            "INSERT INTO rejects VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET detail = excluded.detail",
            [reject.origin, reject.reason, reject.detail],
        )

    def add_exact_duplicate(self, origin: str, article_id: str) -> None:
        self.con.execute("INSERT INTO exact_duplicates VALUES (?, ?) ON CONFLICT DO NOTHING", [origin, article_id])

    def next_seq(self) -> int:
        return int(scalar(self.con, "SELECT coalesce(max(seq), -1) + 1 FROM articles"))

    def add_articles(self, items: Sequence[tuple[Article, list[Sentence], Sequence[int] | None]]) -> None:
        """Write whole articles (with quotes, repeats, sentences) in one transaction."""
        self.add_parsed([(art, sentence_rows(art.id, sents), minhash) for art, sents, minhash in items])

    def add_parsed(self, items: Sequence[tuple[Article, list[list], Sequence[int] | None]]) -> None:
        """Write whole articles with their sentences as :func:`sentence_rows` gives them, in one
        transaction and one bulk insert a table (the rows are made where the parse ran)."""
        if not items:
            return
        seq = self.next_seq()
        arts = [_article_row(art, seq + k, len(rows), minhash) for k, (art, rows, minhash) in enumerate(items)]
        quotes = [
            [art.id, n, q.text, q.author, q.handle, q.date, q.url, q.raw_start, q.raw_end]
            for art, _, _ in items
            for n, q in enumerate(art.quotes)
        ]
        repeats = [
            [art.id, n, r.text, r.raw_start, r.raw_end, r.first_raw_start]
            for art, _, _ in items
            for n, r in enumerate(art.repeats)
        ]
        sents = [row for _, rows, _ in items for row in rows]
        with self.transaction():
            self._insert("articles", arts, _ARTICLE_TYPES)
            self._insert("quotes", quotes, _QUOTE_TYPES)
            self._insert("repeats", repeats, _REPEAT_TYPES)
            self._insert("sentences", sents, _SENTENCE_TYPES)

    def _insert(self, table: str, rows: list[list], types: Sequence[tuple[str, pa.DataType]]) -> None:
        """Insert ``rows`` (columns in the table's order) as one Arrow table."""
        if not rows:
            return
        arrays = [pa.array([r[i] for r in rows], type=t) for i, (_, t) in enumerate(types)]
        new_rows = pa.Table.from_arrays(arrays, names=[c for c, _ in types])  # noqa: F841 (read by DuckDB)
        self.con.execute(f"INSERT INTO {table} SELECT * FROM new_rows")

    # --- reads -------------------------------------------------------------------------
    def article_origin(self, article_id: str) -> str | None:
        row = self.con.execute("SELECT origin FROM articles WHERE id = ?", [article_id]).fetchone()
        return row[0] if row else None

    def article_ids(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT id FROM articles").fetchall()}

    def minhashes(self) -> Iterator[tuple[str, list[int]]]:
        """(id, minhash) of every original (non-duplicate) article, in ingest order."""
        cur = self.con.execute(
            "SELECT id, minhash FROM articles WHERE duplicate_of IS NULL AND minhash IS NOT NULL ORDER BY seq"
        )
        while rows := cur.fetchmany(1000):
            yield from rows

    def quotes(self, article_id: str) -> list[Quote]:
        return self._quotes([article_id]).get(article_id, [])

    def repeats(self, article_id: str) -> list[Repeat]:
        return self._repeats([article_id]).get(article_id, [])

    def _quotes(self, ids: Sequence[str]) -> dict[str, list[Quote]]:
        wanted = key_table(ids)  # noqa: F841 (read by DuckDB)
        rows = self.con.execute(
            "SELECT article_id, text, author, handle, CAST(date AS VARCHAR), url, raw_start, raw_end FROM quotes "
            "WHERE article_id IN (SELECT k FROM wanted) ORDER BY article_id, n"
        ).fetchall()
        out: dict[str, list[Quote]] = {}
        for r in rows:
            out.setdefault(r[0], []).append(Quote(*r[1:]))
        return out

    def _repeats(self, ids: Sequence[str]) -> dict[str, list[Repeat]]:
        wanted = key_table(ids)  # noqa: F841 (read by DuckDB)
        rows = self.con.execute(
            "SELECT article_id, text, raw_start, raw_end, first_raw_start FROM repeats "
            "WHERE article_id IN (SELECT k FROM wanted) ORDER BY article_id, n"
        ).fetchall()
        out: dict[str, list[Repeat]] = {}
        for r in rows:
            out.setdefault(r[0], []).append(Repeat(*r[1:]))
        return out

    _ARTICLE_COLS = (
        "id, origin, kind, raw, text, title, CAST(date AS VARCHAR), url, source, doc_id, "
        "trailer, duplicate_of, similarity, n_sentences"
    )

    def _stored(self, rows: Sequence[tuple]) -> list[StoredArticle]:
        """Articles from their rows, with their quotes and repeats (one query each for all)."""
        ids = [r[0] for r in rows]
        quotes, repeats = (self._quotes(ids), self._repeats(ids)) if ids else ({}, {})
        out = []
        for aid, origin, kind, raw, text, title, date, url, source, doc_id, trailer, dup, sim, n in rows:
            art = Article(
                id=aid,
                origin=origin,
                kind=kind,
                raw=raw,
                text=text,
                title=title,
                date=date,
                url=url,
                source=source,
                doc_id=doc_id,
                quotes=tuple(quotes.get(aid, ())),
                repeats=tuple(repeats.get(aid, ())),
                trailer=trailer or "",
                duplicate_of=dup,
                similarity=sim,
            )
            out.append(StoredArticle(art, n))
        return out

    def articles(self, include_duplicates: bool = True) -> Iterator[StoredArticle]:
        """Every article in ingest order, read a page at a time (memory stays flat)."""
        where = "" if include_duplicates else "WHERE duplicate_of IS NULL"
        ids = [r[0] for r in self.con.execute(f"SELECT id FROM articles {where} ORDER BY seq").fetchall()]
        for start in range(0, len(ids), 256):
            yield from self.load_articles(ids[start : start + 256])

    def load_articles(self, ids: Sequence[str]) -> list[StoredArticle]:
        """The articles of ``ids`` (exact ids) in that order, leaving out those not stored."""
        wanted = key_table(ids)  # noqa: F841 (read by DuckDB)
        rows = self.con.execute(f"SELECT {self._ARTICLE_COLS} FROM articles WHERE id IN (SELECT k FROM wanted)")
        found = {s.article.id: s for s in self._stored(rows.fetchall())}
        return [found[i] for i in ids if i in found]

    def get_article(self, ref: str) -> StoredArticle | None:
        """An article by id, unique id prefix, or input doc_id."""
        row = self.con.execute(
            f"SELECT {self._ARTICLE_COLS} FROM articles WHERE id = ? OR doc_id = ? ORDER BY seq LIMIT 1", [ref, ref]
        ).fetchone()
        if row is None:
            rows = self.con.execute(
                f"SELECT {self._ARTICLE_COLS} FROM articles WHERE starts_with(id, ?) ORDER BY seq LIMIT 2", [ref]
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return self._stored([row])[0] if row else None

    def sentences(self, article_id: str) -> list[Sentence]:
        return self.sentences_of([article_id]).get(article_id, [])

    def sentences_of(self, ids: Sequence[str]) -> dict[str, list[Sentence]]:
        """The sentences of each article of ``ids``, in order (one query for all)."""
        wanted = key_table(ids)  # noqa: F841 (read by DuckDB)
        rows = self.con.execute(
            "SELECT article_id, idx, text, start_char, end_char, raw_start, raw_end, paragraph, tokens, entities, "
            "noun_chunks FROM sentences WHERE article_id IN (SELECT k FROM wanted) ORDER BY article_id, idx"
        ).fetchall()
        out: dict[str, list[Sentence]] = {}
        for aid, i, t, s, e, rs, re, p, tk, en, nc in rows:
            out.setdefault(aid, []).append(
                Sentence(
                    article_id=aid,
                    index=i,
                    text=t,
                    start=s,
                    end=e,
                    raw_start=rs,
                    raw_end=re,
                    paragraph=p,
                    tokens=tokens_from_json(tk),
                    entities=spans_from_json(en),
                    noun_chunks=spans_from_json(nc),
                )
            )
        return out

    def rejects(self) -> list[Reject]:
        return [
            Reject(*r)
            for r in self.con.execute("SELECT origin, reason, detail FROM rejects ORDER BY origin, reason").fetchall()
        ]

    def counts(self) -> dict[str, int]:
        out = {t: int(scalar(self.con, f"SELECT count(*) FROM {t}")) for t in CONTENT_TABLES}
        out["near_duplicates"] = int(scalar(self.con, "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"))
        return out

    def query(self, sql: str, params: Iterable | None = None) -> tuple[list[str], list[tuple]]:
        cur = self.con.execute(sql, list(params or []))
        cols = [d[0] for d in cur.description] if cur.description else []
        return cols, cur.fetchall()

    def dump(self) -> dict[str, list]:
        """Every content table as sorted rows (for comparing stores in tests)."""
        out = {}
        for table in ("articles", "quotes", "repeats", "sentences", "rejects", "exact_duplicates", "notes"):
            rows = self.con.execute(f"SELECT * FROM {table}").fetchall()
            out[table] = sorted(json.dumps(r, default=str) for r in rows)
        return out
