"""The Python API; the CLI only wraps these functions."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator
from typing import Any

from dyad.pipeline import Ingestor, IngestSummary
from dyad.records import Event
from dyad.settings import Settings, data_path
from dyad.store.db import Store


def sample_corpus_path() -> str:
    """Path of the bundled sample corpus (JSONL, written by the project)."""
    return str(data_path("sample", "articles.jsonl"))


def ingest(
    paths: Iterable[str],
    db: str | None = None,
    settings: Settings | None = None,
    stdin=None,
    progress: Callable[[str], None] | None = None,
) -> IngestSummary:
    """Read, clean, deduplicate, parse and store ``paths`` (``-`` = ``stdin``)."""
    settings = (settings or Settings.from_env()).replace(db=db)
    with Store(settings.db) as store:
        return Ingestor(store, settings).run(list(paths), stdin=stdin, progress=progress)


def code(
    paths: Iterable[str] = (),
    db: str | None = None,
    settings: Settings | None = None,
    stdin=None,
    progress: Callable[[str], None] | None = None,
    run=None,
) -> Generator[Event, None, None]:
    """Code what ``dyad ingest`` reads into events (``Event`` records, article by article).

    The inputs are ingested first (into ``db``, or a temporary store when ``db`` is None:
    the same cleaning, deduplication and rejects either way), then coded; with ``db`` and no
    inputs, every stored article is (re)coded. Events, merged events and scenarios are kept
    in the store. Each event's ``doc_id`` is the input's own id, or the article id. Pass a
    ``pipeline.CodeRun`` as ``run`` to get the ingest and coding counts.
    """
    from dyad.pipeline import code_paths

    return code_paths(
        paths, db, (settings or Settings.from_env()).replace(db=db), stdin=stdin, progress=progress, run=run
    )


def article_dict(stored) -> dict[str, Any]:
    """One article in the ``dyad articles --format jsonl`` shape."""
    a = stored.article
    return {
        "id": a.id,
        "title": a.title,
        "date": a.date,
        "url": a.url,
        "source": a.source,
        "text": a.text,
        "quotes": [q.as_dict() for q in a.quotes],
        "n_sentences": stored.n_sentences,
        "duplicate_of": a.duplicate_of,
    }


def articles(db: str = "dyad.duckdb", include_duplicates: bool = True) -> Iterator[dict[str, Any]]:
    """Every stored article, in ingest order."""
    with Store(db, read_only=True) as store:
        yield from (article_dict(s) for s in store.articles(include_duplicates))


def show(ref: str, db: str = "dyad.duckdb") -> dict[str, Any] | None:
    """One article with its numbered sentences, quotes, repeats and trailer; ``None`` if absent."""
    with Store(db, read_only=True) as store:
        return article_in(store, ref)


def article_in(store: Store, ref: str) -> dict[str, Any] | None:
    """:func:`show` on an open store (the API server reads through its own connection)."""
    stored = store.get_article(ref)
    if stored is None:
        return None
    out = article_dict(stored)
    out["sentences"] = [
        {
            "index": s.index,
            "paragraph": s.paragraph,
            "text": s.text,
            "start": s.start,
            "end": s.end,
            "raw_start": s.raw_start,
            "raw_end": s.raw_end,
        }
        for s in store.sentences(stored.article.id)
    ]
    out["repeats"] = [r.as_dict() for r in stored.article.repeats]
    out["trailer"] = stored.article.trailer
    out["origin"] = stored.article.origin
    return out


def summary(db: str = "dyad.duckdb") -> dict[str, Any]:
    """Counts of what the store holds, and the rejects by reason."""
    with Store(db, read_only=True) as store:
        counts: dict[str, Any] = store.counts()
        _, rows = store.query("SELECT reason, count(*) FROM rejects GROUP BY reason ORDER BY 2 DESC")
        counts["rejects_by_reason"] = dict(rows)
        counts["schema_version"] = store.schema_version()
        return counts


# --- events and what they say about relations (dyad.store.events, export, relations, report, sql) ---
def _reading(db: str):
    """A read-only store at the current schema (never migrated here: reads do not write)."""
    from dyad.database import Database

    return Database(db).reading()


def add_events(
    events: Iterable,
    db: str = "dyad.duckdb",
    window_days: int | None = None,
    family: str | None = None,
    replace_articles: bool = False,
) -> Any:
    """Store the coder's events (mentions) and merge them into events; a ``MergeSummary``.

    ``window_days``/``family`` change the merge rule (and re-merge the store); by default the
    store keeps the rule it has (±3 days, CAMEO root). Re-coding an article never duplicates.
    """
    from dyad.database import Database

    return Database(db).add_events(events, window_days=window_days, family=family, replace_articles=replace_articles)


def events(
    db: str = "dyad.duckdb",
    actors: Iterable[str] = (),
    modality: Iterable[str] = (),
    since: str | None = None,
    until: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Merged events (as in ``dyad export --format jsonl``), each with every mention.

    One actor: events involving it; two: events between them; more: events among them.
    """
    from dyad.store.reads import event_filter, read_events

    with _reading(db) as store:
        yield from (e.as_dict() for e in read_events(store, event_filter(actors, modality, since, until)))


def export(
    fmt: str,
    out,
    db: str = "dyad.duckdb",
    actors: Iterable[str] = (),
    modality: Iterable[str] = (),
    since: str | None = None,
    until: str | None = None,
    header: bool = False,
) -> int:
    """Write events as ``jsonl``, ``plover``, ``gdelt``, ``csv`` (to a path or text stream) or
    ``parquet`` (to a new folder); return how many events were written."""
    from dyad.analysis.export import export as _export
    from dyad.store.reads import event_filter

    with _reading(db) as store:
        return _export(store, fmt, out, event_filter(actors, modality, since, until), header=header)


def relations(
    a: str,
    b: str,
    db: str = "dyad.duckdb",
    period: str = "month",
    modality: Iterable[str] = ("asserted",),
    since: str | None = None,
    until: str | None = None,
    bootstrap: int = 500,
    seed: int = 0,
    penalty: float | None = None,
) -> dict[str, Any]:
    """The dyad ``a``–``b`` per period and direction: counts by quad class, Goldstein sum and
    mean, the net cooperation index with its article-bootstrap band, drivers, change points."""
    from dyad.analysis.relations import relation_options
    from dyad.analysis.relations import relations as _relations

    with _reading(db) as store:
        opts = relation_options(
            period=period, modality=modality, since=since, until=until, bootstrap=bootstrap, seed=seed, penalty=penalty
        )
        return _relations(store, a, b, opts).as_dict()


def dyads(
    db: str = "dyad.duckdb",
    sort: str = "volume",
    recent_months: int = 12,
    limit: int | None = 20,
    modality: Iterable[str] = ("asserted",),
    since: str | None = None,
    until: str | None = None,
    include_domestic: bool = False,
) -> list[dict[str, Any]]:
    """Dyads ranked by volume, by the recent change of their index, or by recent volume."""
    from dyad.analysis.dyads import dyads as _dyads

    with _reading(db) as store:
        return [
            d.as_dict()
            for d in _dyads(store, tuple(modality), since, until, recent_months, sort, limit, include_domestic)
        ]


def network(
    actors: Iterable[str],
    db: str = "dyad.duckdb",
    modality: Iterable[str] = ("asserted",),
    since: str | None = None,
    until: str | None = None,
    directed: bool = True,
) -> dict[str, Any]:
    """The net cooperation index (and event counts) between every ordered pair of ``actors``."""
    from dyad.analysis.dyads import network as _network

    with _reading(db) as store:
        net = _network(store, list(actors), tuple(modality), since, until, directed)
        return {**net.as_dict(), "cells": net.cells()}


def report(
    a: str,
    b: str,
    db: str = "dyad.duckdb",
    out_path: str = "report.html",
    period: str = "month",
    modality: Iterable[str] = ("asserted",),
    since: str | None = None,
    until: str | None = None,
    max_events: int = 200,
    interactive: bool = False,
    bootstrap: int = 500,
) -> str:
    """Write the report on ``a``–``b`` (HTML, self-contained; ``.md`` for Markdown); its path."""
    from dyad.analysis.relations import relation_options
    from dyad.report.write import write_report

    with _reading(db) as store:
        opts = relation_options(period=period, modality=modality, since=since, until=until, bootstrap=bootstrap)
        return str(write_report(store, a, b, out_path, opts, max_events=max_events, interactive=interactive))


def sql(
    query: str,
    db: str = "dyad.duckdb",
    params: Iterable[Any] | None = None,
    limit: int | None = None,
    stream: bool = False,
) -> Any:
    """Run a read-only SQL query against the store; a ``QueryResult`` (columns, rows, truncated).

    ``stream=True`` returns a ``dyad.store.sql.RowStream`` instead: ``columns`` at once, the rows as it
    is iterated (fetched in batches, so memory stays flat), ``truncated`` once they are read;
    close it, or use it in a ``with`` block.
    """
    from dyad.store.sql import query as _query
    from dyad.store.sql import stream as _stream

    with _reading(db):
        pass  # a current dyad store, or a clear error
    return (_stream if stream else _query)(db, query, list(params or []), limit)
