"""Reading merged events and mentions back from the store: the filter (actors, modality,
dates), events in date order with their mentions, and counts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date as Date
from typing import Any

from dyad.errors import StoreError
from dyad.records import MODALITIES, Event, Plover, Record
from dyad.store.db import Store, scalar
from dyad.store.events import EVENT_COLUMNS, MENTION_COLUMNS, actor_ref, event_from_row, key_table
from dyad.store.merge import (
    MergedEvent,
)


def date_range(where: list[str], params: list, since: str | None, until: str | None) -> None:
    """Add ``since``/``until`` (ISO dates, inclusive) to a WHERE clause being built."""
    if since:
        where.append("date >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append("date <= CAST(? AS DATE)")
        params.append(until)


@dataclass(frozen=True)
class EventFilter(Record):
    """Which merged events to read; every field optional. Actors are country-level keys."""

    actors: tuple[str, ...] = ()  # events whose source AND target are among these
    dyad: tuple[str, str] | None = None  # events between these two, either way
    involving: tuple[str, ...] = ()  # events whose source OR target is among these
    source: str | None = None
    target: str | None = None
    modality: tuple[str, ...] = ()  # () = all
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            check_date(getattr(self, name), name)
        bad = [m for m in self.modality if m not in MODALITIES]
        if bad:
            raise ValueError(f"unknown modality {bad[0]!r}; one of {', '.join(MODALITIES)}")

    def where(self) -> tuple[str, list]:
        """A SQL ``WHERE`` clause over ``events`` and its parameters."""
        parts: list[str] = ["TRUE"]
        params: list[Any] = []
        if self.actors:
            parts.append("list_contains(?, source_key) AND list_contains(?, target_key)")
            params += [list(self.actors), list(self.actors)]
        if self.dyad:
            a, b = self.dyad
            parts.append("((source_key = ? AND target_key = ?) OR (source_key = ? AND target_key = ?))")
            params += [a, b, b, a]
        if self.involving:
            parts.append("(list_contains(?, source_key) OR list_contains(?, target_key))")
            params += [list(self.involving), list(self.involving)]
        if self.source:
            parts.append("source_key = ?")
            params.append(self.source)
        if self.target:
            parts.append("target_key = ?")
            params.append(self.target)
        if self.modality:
            parts.append(f"modality IN ({', '.join('?' * len(self.modality))})")
            params += list(self.modality)
        date_range(parts, params, self.since, self.until)
        return " AND ".join(parts), params


def check_date(value: str | None, name: str = "date") -> None:
    """Raise ``ValueError`` unless ``value`` is ``None`` or an ISO date (YYYY-MM-DD)."""
    if value is None:
        return
    try:
        Date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a date as YYYY-MM-DD, not {value!r}") from None


def event_filter(
    actors: Iterable[str] = (), modality: Iterable[str] = (), since: str | None = None, until: str | None = None
) -> EventFilter:
    """The filter for a list of actors: one, events involving it; two, events between them
    (either direction); more, events among them."""
    keys = tuple(normalize_actor(a) for a in actors)
    return EventFilter(
        involving=keys if len(keys) == 1 else (),
        dyad=keys if len(keys) == 2 else None,
        actors=keys if len(keys) > 2 else (),
        modality=tuple(modality),
        since=since,
        until=until,
    )


def normalize_actor(code: str) -> str:
    """An actor as typed on the command line, as a country-level key (``usa`` -> ``USA``)."""
    code = code.strip().upper()
    if not re.fullmatch(r"[A-Z0-9]{3,}", code):
        raise ValueError(f"not an actor code: {code!r}")
    return code


def _merged_from_row(r: Sequence, mentions: tuple[Event, ...]) -> MergedEvent:
    (
        key,
        gid,
        _group,
        day,
        day_end,
        prec,
        skey,
        st,
        sc,
        sco,
        tkey,
        tt,
        tc,
        tco,
        cameo,
        base,
        root,
        name,
        gold,
        quad,
        pe,
        pm,
        pc,
        modality,
        nm,
        ns,
        na,
        aids,
        is_root,
        conf,
        url,
        added,
    ) = r
    return MergedEvent(
        event_key=key,
        global_id=gid,
        date=day.isoformat() if day else None,
        date_end=day_end.isoformat() if day_end else None,
        date_precision=prec,
        source_key=skey,
        target_key=tkey,
        source=actor_ref(st, sc, sco),
        target=actor_ref(tt, tc, tco),
        cameo=cameo,
        cameo_base=base,
        cameo_root=root,
        cameo_name=name,
        goldstein=gold,
        quad_class=int(quad),
        plover=Plover(pe, pm, pc),
        modality=modality,
        num_mentions=nm,
        num_sources=ns,
        num_articles=na,
        article_ids=tuple(aids),
        is_root=bool(is_root),
        confidence=conf,
        source_url=url,
        added_at=added.isoformat() if added else None,
        mentions=mentions,
    )


def read_events(
    store: Store,
    where: EventFilter = EventFilter(),
    with_mentions: bool = True,
    limit: int | None = None,
    offset: int = 0,
    batch: int = 5000,
) -> Iterator[MergedEvent]:
    """Merged events in date order, each with its mentions (unless ``with_mentions`` is off)."""
    clause, params = where.where()
    sql = (
        f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE {clause} "
        "ORDER BY date NULLS LAST, event_key"
        + (f" LIMIT {int(limit)}" if limit is not None else "")
        + (f" OFFSET {int(offset)}" if offset else "")
    )
    cur = store.con.cursor()
    try:
        cur.execute(sql, params)
        while rows := cur.fetchmany(batch):
            by_key: dict[str, list[Event]] = {}
            if with_mentions:
                keys = key_table(r[0] for r in rows)  # noqa: F841 (read by DuckDB)
                for m in store.con.execute(
                    f"SELECT {', '.join(MENTION_COLUMNS)}, event_key FROM mentions "
                    "WHERE event_key IN (SELECT k FROM keys) ORDER BY date NULLS LAST, event_id"
                ).fetchall():
                    by_key.setdefault(m[-1], []).append(event_from_row(m))
            for r in rows:
                yield _merged_from_row(r, tuple(by_key.get(r[0], ())))
    finally:
        cur.close()


def read_mentions(store: Store, event_key: str | None = None, article_id: str | None = None) -> list[Event]:
    """Stored mentions, by event or article, in date order."""
    clause, params = "TRUE", []
    if event_key is not None:
        clause, params = "event_key = ?", [event_key]
    elif article_id is not None:
        clause, params = "article_id = ?", [article_id]
    rows = store.con.execute(
        f"SELECT {', '.join(MENTION_COLUMNS)} FROM mentions WHERE {clause} ORDER BY date NULLS LAST, event_id", params
    ).fetchall()
    return [event_from_row(r) for r in rows]


def counts(store: Store) -> dict[str, int]:
    """How many mentions and events the store holds."""
    try:
        m = scalar(store.con, "SELECT count(*) FROM mentions")
        e = scalar(store.con, "SELECT count(*) FROM events")
    except Exception as exc:  # a store from before migration 2, opened read-only
        raise StoreError(f"store {store.path!r} has no event tables; open it writable once to migrate") from exc
    return {"mentions": int(m), "events": int(e)}
