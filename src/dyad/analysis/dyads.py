"""Many dyads at once: dyads ranked by volume and by the recent change of their index, and\nthe network of the index between every ordered pair of a set of actors (DuckDB SQL over the\nstore's events, with the index formula of :mod:`dyad.analysis.index`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as Date

from dyad.analysis.index import index_sql
from dyad.analysis.relations import modality_sql, round6
from dyad.records import Record
from dyad.store.db import Store, scalar
from dyad.store.reads import date_range, normalize_actor


@dataclass(frozen=True)
class DyadRank(Record):
    """A dyad (``a`` < ``b``) by volume and by how it changed recently."""

    a: str
    b: str
    events: int
    a_to_b: int
    b_to_a: int
    index: float | None
    recent_events: int
    prior_events: int
    recent_index: float | None
    prior_index: float | None
    index_change: float | None
    first_date: str | None
    last_date: str | None


def dyads(
    store: Store,
    modality: Sequence[str] = ("asserted",),
    since: str | None = None,
    until: str | None = None,
    recent_months: int = 12,
    sort: str = "volume",
    limit: int | None = 20,
    include_domestic: bool = False,
    min_events: int = 1,
) -> list[DyadRank]:
    """Dyads (country level, both directions pooled) ranked by volume (``sort="volume"``), by
    the change of their index from the ``recent_months`` before it to the last
    ``recent_months`` (``"change"``), or by recent volume (``"recent"``). The recent window
    ends at ``until``, else at the latest event."""
    if sort not in ("volume", "change", "recent"):
        raise ValueError("sort must be volume, change or recent")
    mod_sql, params = modality_sql(modality)
    where = [mod_sql, "date IS NOT NULL", "source_key <> ''", "target_key <> ''"]
    if not include_domestic:
        where.append("source_key <> target_key")
    date_range(where, params, since, until)
    clause = " AND ".join(where)
    ref = until or scalar(store.con, f"SELECT CAST(max(date) AS VARCHAR) FROM events WHERE {clause}", params)
    if ref is None:
        return []
    ref, m = Date.fromisoformat(ref).isoformat(), int(recent_months)  # validated: safe to inline
    recent = f"date > DATE '{ref}' - INTERVAL {m} MONTH"
    prior = f"date <= DATE '{ref}' - INTERVAL {m} MONTH AND date > DATE '{ref}' - INTERVAL {2 * m} MONTH"
    order = {
        "volume": "events DESC, a, b",
        "change": "abs(index_change) DESC NULLS LAST, events DESC, a, b",
        "recent": "recent_events DESC, events DESC, a, b",
    }[sort]
    sql = f"""
        WITH e AS (SELECT least(source_key, target_key) AS a, greatest(source_key, target_key) AS b,
                          source_key, quad_class, goldstein, date FROM events WHERE {clause}),
        g AS (SELECT a, b, count(*) AS events, count(*) FILTER (source_key = a) AS a_to_b,
                     count(*) FILTER (source_key <> a) AS b_to_a, {index_sql()} AS index,
                     count(*) FILTER ({recent}) AS recent_events, count(*) FILTER ({prior}) AS prior_events,
                     {index_sql(recent)} AS recent_index, {index_sql(prior)} AS prior_index,
                     CAST(min(date) AS VARCHAR) AS first_date, CAST(max(date) AS VARCHAR) AS last_date
              FROM e GROUP BY a, b HAVING count(*) >= ?)
        SELECT a, b, events, a_to_b, b_to_a, index, recent_events, prior_events, recent_index, prior_index,
               recent_index - prior_index AS index_change, first_date, last_date
        FROM g ORDER BY {order} {"LIMIT ?" if limit else ""}"""
    rows = store.con.execute(sql, [*params, min_events] + ([limit] if limit else [])).fetchall()
    return [
        DyadRank(a, b, n, ab, ba, round6(ix), rn, pn, round6(ri), round6(pi), round6(ch), first, last)
        for (a, b, n, ab, ba, ix, rn, pn, ri, pi, ch, first, last) in rows
    ]


@dataclass(frozen=True)
class Network(Record):
    """Net cooperation among actors: ``cells[i][j]`` is ``actors[i]`` -> ``actors[j]``."""

    actors: tuple[str, ...]
    index: tuple[tuple[float | None, ...], ...]
    events: tuple[tuple[int, ...], ...]

    def cells(self) -> list[dict]:
        return [
            {"source": s, "target": t, "events": self.events[i][j], "index": self.index[i][j]}
            for i, s in enumerate(self.actors)
            for j, t in enumerate(self.actors)
            if i != j
        ]


def network(
    store: Store,
    actors: Sequence[str],
    modality: Sequence[str] = ("asserted",),
    since: str | None = None,
    until: str | None = None,
    directed: bool = True,
) -> Network:
    """The net cooperation index of every ordered pair of ``actors`` (both directions pooled
    when ``directed`` is off, giving a symmetric matrix)."""
    keys = tuple(dict.fromkeys(normalize_actor(x) for x in actors))
    if len(keys) < 2:
        raise ValueError("a network needs at least two actors")
    mod_sql, params = modality_sql(modality)
    where = [mod_sql, "list_contains(?, source_key)", "list_contains(?, target_key)", "source_key <> target_key"]
    params += [list(keys), list(keys)]
    date_range(where, params, since, until)
    s, t = (
        ("source_key", "target_key")
        if directed
        else ("least(source_key, target_key)", "greatest(source_key, target_key)")
    )
    rows = store.con.execute(
        f"SELECT {s}, {t}, count(*), {index_sql()} FROM events WHERE {' AND '.join(where)} GROUP BY 1, 2", params
    ).fetchall()
    pos = {k: i for i, k in enumerate(keys)}
    index: list[list[float | None]] = [[None] * len(keys) for _ in keys]
    events = [[0] * len(keys) for _ in keys]
    for src, tgt, n, ix in rows:
        for i, j in ((pos[src], pos[tgt]),) if directed else ((pos[src], pos[tgt]), (pos[tgt], pos[src])):
            index[i][j], events[i][j] = round6(ix), int(n)
    return Network(keys, tuple(tuple(r) for r in index), tuple(tuple(r) for r in events))
