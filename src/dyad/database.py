"""``dyad.open``: a store for programs, with typed, keyword-only methods that return records.

    import dyad

    db = dyad.open("news.duckdb")
    db.ingest(["articles.jsonl"])            # -> IngestSummary
    db.code()                                # -> CodeRun (codes what is stored, keeps events)
    for event in db.events(actors=["USA", "PAK"], limit=10):
        print(event.date, event.cameo, event.source.code, event.target.code)
    rel = db.relations("USA", "PAK", period="year")   # -> Relations
    db.report("USA", "PAK", out="usa-pak.html")

Reads (``events``, ``relations``, ``dyads``, ``network``, ``scenarios``, ``articles``,
``article``, ``counts``, ``sql``) use a read-only connection and never migrate or write: a
store written by an older dyad must be upgraded first with :meth:`Database.migrate` (any
write does it too). Writes (``ingest``, ``code``, ``add_events``, ``migrate``) open the store
for writing for the length of the call, so other processes can read between calls.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyad.errors import StoreError
from dyad.settings import Settings

if TYPE_CHECKING:
    from dyad.analysis.dyads import DyadRank, Network
    from dyad.analysis.relations import Relations
    from dyad.pipeline import CodeRun, IngestSummary
    from dyad.records import Event, Scenario, ScenarioState
    from dyad.store.db import Store, StoredArticle
    from dyad.store.events import MergedEvent, MergeSummary
    from dyad.store.sql import QueryResult


def open(
    path: str | os.PathLike[str] = "dyad.duckdb", *, settings: Settings | None = None, create: bool = True
) -> Database:
    """The store at ``path`` (created on the first write when ``create``; a read of a store
    that does not exist is an error either way)."""
    db = Database(path, settings=settings)
    if not create and not Path(db.path).exists():
        raise StoreError(f"no store at {db.path}")
    return db


class Database:
    """A dyad store. Methods are keyword-only beyond their subject and return records."""

    def __init__(self, path: str | os.PathLike[str] = "dyad.duckdb", *, settings: Settings | None = None):
        self.path = os.fspath(path)
        self.settings = (settings or Settings.from_env()).replace(db=self.path)

    def __repr__(self) -> str:
        return f"dyad.Database({self.path!r})"

    # --- connections ---------------------------------------------------------------------
    @contextmanager
    def reading(self) -> Iterator[Store]:
        """A read-only connection to a store at the current schema version."""
        from dyad.store.db import Store, require_current

        if not Path(self.path).exists():
            raise StoreError(f"no store at {self.path}")
        store = Store(self.path, read_only=True)
        try:
            require_current(
                store.con,
                self.path,
                f"upgrade it with dyad.open(...).migrate() or `dyad migrate --db {self.path}` (reads never write)",
            )
            yield store
        finally:
            store.close()

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """A connection for writing (the store is created and migrated if need be)."""
        from dyad.store.db import Store

        with Store(self.path) as store:
            yield store

    def migrate(self) -> list[int]:
        """Bring the store to this dyad's schema (creating it if absent); the versions applied."""
        with self.writing() as store:
            return store.applied

    # --- writes --------------------------------------------------------------------------
    def ingest(
        self, paths: Iterable[str], *, stdin=None, progress: Callable[[str], None] | None = None
    ) -> IngestSummary:
        """Read, clean, deduplicate, parse and store ``paths`` (files, folders, ``-`` for ``stdin``)."""
        from dyad.pipeline import Ingestor

        with self.writing() as store:
            return Ingestor(store, self.settings).run(list(paths), stdin=stdin, progress=progress)

    def code(self, paths: Iterable[str] = (), *, stdin=None, progress: Callable[[str], None] | None = None) -> CodeRun:
        """Ingest ``paths`` (if any), then code them, or with no paths every stored article,
        keeping events, merged events and scenarios in the store; the run's counts."""
        from dyad.pipeline import CodeRun, code_paths

        run = CodeRun()
        for _ in code_paths(paths, self.path, self.settings, stdin=stdin, progress=progress, run=run):
            pass
        return run

    def add_events(
        self,
        events: Iterable[Event],
        *,
        window_days: int | None = None,
        family: str | None = None,
        replace_articles: bool = False,
    ) -> MergeSummary:
        """Store events coded elsewhere (``dyad.code_text``) as mentions and merge them into
        events. ``window_days``/``family`` change the merge rule (and re-merge the store); by
        default the store keeps the rule it has (±3 days, CAMEO root). Re-coding an article
        never duplicates."""
        from dyad.store.events import MergeRule, add_events, stored_rule

        with self.writing() as store:
            current = stored_rule(store) or MergeRule()
            rule = MergeRule(
                window_days=current.window_days if window_days is None else window_days, family=family or current.family
            )
            return add_events(store, events, rule, replace_articles=replace_articles)

    # --- reads ---------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """How many articles, sentences, rejects, mentions, events… the store holds."""
        with self.reading() as store:
            return store.counts()

    def articles(self, *, include_duplicates: bool = True, limit: int | None = None) -> list[StoredArticle]:
        """Stored articles in ingest order."""
        with self.reading() as store:
            out: list[StoredArticle] = []
            for stored in store.articles(include_duplicates):
                if limit is not None and len(out) >= limit:
                    break
                out.append(stored)
            return out

    def article(self, ref: str) -> StoredArticle | None:
        """One article by id (or unique id prefix); ``None`` if absent."""
        with self.reading() as store:
            return store.get_article(ref)

    def events(
        self,
        *,
        actors: Sequence[str] = (),
        modality: Sequence[str] = (),
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        with_mentions: bool = True,
    ) -> list[MergedEvent]:
        """Merged events in date order, each with its mentions. One actor: events involving
        it; two: events between them (either direction); more: events among them."""
        from dyad.store.reads import event_filter, read_events

        with self.reading() as store:
            return list(
                read_events(
                    store,
                    event_filter(actors, modality, since, until),
                    with_mentions=with_mentions,
                    limit=limit,
                    offset=offset,
                )
            )

    def relations(
        self,
        a: str,
        b: str,
        *,
        period: str = "month",
        modality: Sequence[str] = ("asserted",),
        since: str | None = None,
        until: str | None = None,
        bootstrap: int = 500,
        seed: int = 0,
        penalty: float | None = None,
    ) -> Relations:
        """The dyad ``a``–``b`` per period and direction: counts by quad class, Goldstein sum
        and mean, the cooperation index with its article-bootstrap band, drivers, change points."""
        from dyad.analysis.relations import relation_options, relations

        with self.reading() as store:
            return relations(
                store,
                a,
                b,
                relation_options(
                    period=period,
                    modality=modality,
                    since=since,
                    until=until,
                    bootstrap=bootstrap,
                    seed=seed,
                    penalty=penalty,
                ),
            )

    def dyads(
        self,
        *,
        sort: str = "volume",
        recent_months: int = 12,
        limit: int | None = 20,
        modality: Sequence[str] = ("asserted",),
        since: str | None = None,
        until: str | None = None,
        include_domestic: bool = False,
    ) -> list[DyadRank]:
        """Dyads ranked by volume, by the recent change of their index, or by recent volume."""
        from dyad.analysis.dyads import dyads

        with self.reading() as store:
            return dyads(store, tuple(modality), since, until, recent_months, sort, limit, include_domestic)

    def network(
        self,
        actors: Sequence[str],
        *,
        modality: Sequence[str] = ("asserted",),
        since: str | None = None,
        until: str | None = None,
        directed: bool = True,
    ) -> Network:
        """The cooperation index and event counts between every ordered pair of ``actors``."""
        from dyad.analysis.dyads import network

        with self.reading() as store:
            return network(store, list(actors), tuple(modality), since, until, directed)

    def scenarios(
        self, *, dyad: tuple[str, str] | None = None, status: str | None = None
    ) -> list[tuple[Scenario, ScenarioState]]:
        """Scenarios stated in the corpus with where each stands (``status``: only those)."""
        from dyad.scenarios import track as tracking

        with self.reading() as store:
            found = tracking.load(store, dyad)
            pairs = list(zip(found, tracking.states(store, found)))
        return [(s, st) for s, st in pairs if status is None or st.status == status]

    def report(
        self,
        a: str,
        b: str,
        *,
        out: str | os.PathLike[str] = "report.html",
        period: str = "month",
        modality: Sequence[str] = ("asserted",),
        since: str | None = None,
        until: str | None = None,
        max_events: int = 200,
        interactive: bool = False,
        bootstrap: int = 500,
    ) -> Path:
        """Write the report on ``a``–``b`` (HTML, or Markdown for ``.md``); its path."""
        from dyad.analysis.relations import relation_options
        from dyad.report.write import write_report

        with self.reading() as store:
            opts = relation_options(period=period, modality=modality, since=since, until=until, bootstrap=bootstrap)
            return Path(write_report(store, a, b, out, opts, max_events=max_events, interactive=interactive))

    def sql(self, query: str, *, params: Sequence[Any] = (), limit: int | None = None) -> QueryResult:
        """A read-only SQL query: its columns, rows (at most ``limit``) and whether it was cut."""
        from dyad.store.sql import query as run_query

        with self.reading():
            pass  # the store exists, is a dyad store and is current
        return run_query(self.path, query, list(params), limit)
