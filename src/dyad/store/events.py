"""Merge the coder's event mentions into events, and keep both in the store.

The coder writes one :class:`~dyad.records.Event` per sentence and trigger: a *mention*.
Several mentions often report one real-world event: a sentence of an article and an
embedded tweet quoted in it, or two outlets' stories of the same meeting. This stage
groups them into :class:`MergedEvent` records, each with every mention's evidence and the
counts GDELT calls NumMentions, NumSources and NumArticles.

The merge rule
--------------
Two mentions report the same event when all of these hold:

1. **Same dyad, direction kept.** Their sources share a country-level key and so do their
   targets. The key is the actor's CAMEO country code (``PAKGOV``, ``PAK`` and ``PAKMIL`` all
   have the key ``PAK``); an actor without a country (an IGO such as ``IGOUNO``) is keyed by
   its own code; a missing or unknown (``---``) actor has the empty key and merges only with
   another missing one. ``USA→PAK`` and ``PAK→USA`` are different events.
2. **Role-compatible.** The first role code after the country decides the actor's *side*:
   state roles (``GOV MIL SPY COP JUD LEG``) are one side, each other role (``OPP``,
   ``REB``, ``BUS``…) a side of its own, and a bare country code has no side and fits any.
   So ``PAKGOV ≈ PAK ≈ PAKMIL`` but ``PAKGOV ≠ PAKOPP``. An event takes the side of its
   first mention that has one.
3. **Same CAMEO family:** the two-digit root (default: ``071`` ≈ ``072`` ≈ ``07``) or, with
   ``family="base"``, the three-digit base code (``0711`` ≈ ``071``; a root-level ``07`` is
   the base ``070``).
4. **Same modality.** An asserted event and a hoped-for or denied one are never the same.
5. **Close in time.** Mentions are taken in date order; each joins the earliest open event
   whose first (anchor) mention is at most ``window_days`` (default 3) days before it, and
   otherwise opens a new event. Mentions dated only to a month, year or decade merge only
   with mentions of the same date and precision; undated mentions only within one article.

The rule applies across sentences and articles. A mention's key is the coder's
deterministic ``event_id``, so coding an article again updates its mentions instead of
adding new ones, and the events they belong to are merged afresh. Repeated pull quotes
never reach this stage (the cleaner keeps one copy). Merging is a pure function of all
stored mentions: every write re-merges only the groups (dyad, family, modality) it touched,
and the result equals merging everything at once.

An event's ``num_mentions`` counts its mentions, ``num_articles`` the distinct articles they
come from, ``num_sources`` the distinct outlets (the article's ``source``, else its URL's
host, else the article itself). Its code, Goldstein value, quad class and PLOVER fields are
those of its most frequent CAMEO code (ties: the more specific code, then the more
confident mention); its date is the anchor mention's, ``date_end`` the latest mention's.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from urllib.parse import urlparse

import pyarrow as pa

from dyad.records import ActorRef, Event, Evidence, Plover
from dyad.store.db import Store, key_table, scalar
from dyad.store.merge import (
    ArticleMeta,
    MergedEvent,
    MergeRule,
    MergeSummary,
    build_event,
    cluster,
    iso_day,
    merge_group,
)

log = logging.getLogger(__name__)


MENTION_COLUMNS = (
    "event_id",
    "article_id",
    "sentence_id",
    "sentence",
    "date",
    "date_precision",
    "source_text",
    "source_code",
    "source_country",
    "target_text",
    "target_code",
    "target_country",
    "cameo",
    "cameo_root",
    "cameo_name",
    "goldstein",
    "quad_class",
    "plover_event",
    "plover_mode",
    "plover_context",
    "modality",
    "attributed_to",
    "evidence_text",
    "evidence_start",
    "evidence_end",
    "confidence",
    "merge_group",
    "proposed_by",
)


EVENT_COLUMNS = (
    "event_key",
    "global_id",
    "merge_group",
    "date",
    "date_end",
    "date_precision",
    "source_key",
    "source_text",
    "source_code",
    "source_country",
    "target_key",
    "target_text",
    "target_code",
    "target_country",
    "cameo",
    "cameo_base",
    "cameo_root",
    "cameo_name",
    "goldstein",
    "quad_class",
    "plover_event",
    "plover_mode",
    "plover_context",
    "modality",
    "num_mentions",
    "num_sources",
    "num_articles",
    "article_ids",
    "is_root",
    "confidence",
    "source_url",
    "added_at",
)


_MENTION_TYPES = {
    "date": pa.date32(),
    "goldstein": pa.float64(),
    "quad_class": pa.int8(),
    "evidence_start": pa.int32(),
    "evidence_end": pa.int32(),
    "confidence": pa.float64(),
}


_EVENT_TYPES = {
    "global_id": pa.int64(),
    "date": pa.date32(),
    "date_end": pa.date32(),
    "goldstein": pa.float64(),
    "quad_class": pa.int8(),
    "num_mentions": pa.int32(),
    "num_sources": pa.int32(),
    "num_articles": pa.int32(),
    "article_ids": pa.list_(pa.string()),
    "is_root": pa.bool_(),
    "confidence": pa.float64(),
    "added_at": pa.timestamp("us"),
}


def _ref_cols(ref: ActorRef | None) -> list:
    return [None, None, None] if ref is None else [ref.text, ref.code, ref.country]


def _mention_row(e: Event, rule: MergeRule) -> list:
    return [
        e.event_id,
        e.doc_id,
        e.sentence_id,
        e.sentence,
        iso_day(e.date),
        e.date_precision,
        *_ref_cols(e.source),
        *_ref_cols(e.target),
        e.cameo,
        e.cameo_root,
        e.cameo_name,
        float(e.goldstein),
        int(e.quad_class),
        e.plover.event,
        e.plover.mode,
        e.plover.context,
        e.modality,
        e.attributed_to,
        e.evidence.text,
        e.evidence.start,
        e.evidence.end,
        float(e.confidence),
        merge_group(e, rule),
        e.proposed_by,
    ]


def _event_row(ev: MergedEvent, group: str) -> list:
    added = datetime.fromisoformat(ev.added_at) if ev.added_at else datetime.now(UTC).replace(tzinfo=None)
    return [
        ev.event_key,
        ev.global_id,
        group,
        iso_day(ev.date),
        iso_day(ev.date_end),
        ev.date_precision,
        ev.source_key,
        *_ref_cols(ev.source),
        ev.target_key,
        *_ref_cols(ev.target),
        ev.cameo,
        ev.cameo_base,
        ev.cameo_root,
        ev.cameo_name,
        ev.goldstein,
        ev.quad_class,
        ev.plover.event,
        ev.plover.mode,
        ev.plover.context,
        ev.modality,
        ev.num_mentions,
        ev.num_sources,
        ev.num_articles,
        list(ev.article_ids),
        ev.is_root,
        ev.confidence,
        ev.source_url,
        added,
    ]


def _arrow(rows: list[list], columns: Sequence[str], types: Mapping[str, pa.DataType]) -> pa.Table:
    arrays = [pa.array([r[i] for r in rows], type=types.get(c, pa.string())) for i, c in enumerate(columns)]
    return pa.Table.from_arrays(arrays, names=list(columns))


def actor_ref(text, code, country) -> ActorRef | None:
    return None if text is None and code is None and country is None else ActorRef(text or "", code, country)


def event_from_row(r: Sequence) -> Event:
    (
        eid,
        aid,
        sid,
        sentence,
        day,
        prec,
        st,
        sc,
        sco,
        tt,
        tc,
        tco,
        cameo,
        root,
        name,
        gold,
        quad,
        pe,
        pm,
        pc,
        modality,
        attributed,
        etext,
        estart,
        eend,
        conf,
    ) = r[:26]
    proposed = r[27] if len(r) > 27 and r[27] else "lexicon"
    return Event(
        doc_id=aid,
        sentence_id=sid,
        sentence=sentence,
        event_id=eid,
        date=day.isoformat() if day else None,
        date_precision=prec,
        source=actor_ref(st, sc, sco),
        target=actor_ref(tt, tc, tco),
        cameo=cameo,
        cameo_root=root,
        cameo_name=name,
        goldstein=gold,
        quad_class=int(quad),
        plover=Plover(pe, pm, pc),
        modality=modality,
        attributed_to=attributed,
        evidence=Evidence(etext, estart, eend),
        confidence=conf,
        proposed_by=proposed,
    )


def stored_rule(store: Store) -> MergeRule | None:
    """The rule the store's events were merged by, or ``None`` before any merge."""
    rows = dict(store.con.execute("SELECT name, value FROM merge_rule").fetchall())
    if not rows:
        return None
    return MergeRule(window_days=int(rows["window_days"]), family=rows["family"])


def _save_rule(store: Store, rule: MergeRule) -> None:
    store.con.execute("DELETE FROM merge_rule")
    store.con.executemany(
        "INSERT INTO merge_rule VALUES (?, ?)", [["window_days", str(rule.window_days)], ["family", rule.family]]
    )


def _article_meta(store: Store, article_ids: Iterable[str]) -> dict[str, ArticleMeta]:
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    wanted = key_table(ids)  # noqa: F841 (read by DuckDB)
    rows = store.con.execute("SELECT id, source, url FROM articles WHERE id IN (SELECT k FROM wanted)").fetchall()
    lead: dict[str, set[int]] = {}
    for aid, idx in store.con.execute(
        "SELECT article_id, idx FROM sentences WHERE paragraph = 0 AND article_id IN (SELECT k FROM wanted)"
    ).fetchall():
        lead.setdefault(aid, set()).add(idx)
    out = {}
    for aid, source, url in rows:
        outlet = source or (urlparse(url).netloc if url else "") or aid
        out[aid] = ArticleMeta(outlet=outlet, url=url, lead=frozenset(lead.get(aid, ())))
    return out


def _remerge_groups(store: Store, groups: set[str], rule: MergeRule) -> None:
    """Merge the named groups afresh from their stored mentions (inside a transaction)."""
    con = store.con
    if not groups:
        return
    glist = sorted(groups)
    touched = key_table(glist)  # noqa: F841 (read by DuckDB)
    rows = con.execute(
        f"SELECT {', '.join(MENTION_COLUMNS)}, coded_at FROM mentions WHERE merge_group IN (SELECT k FROM touched)"
    ).fetchall()
    by_group: dict[str, list[Event]] = {}
    coded: dict[str, datetime] = {}
    for r in rows:
        by_group.setdefault(r[MENTION_COLUMNS.index("merge_group")], []).append(event_from_row(r))
        coded[r[0]] = r[-1]
    meta = _article_meta(store, (r[1] for r in rows))
    event_rows, links = [], []
    for g in glist:
        for members in cluster(by_group.get(g, []), rule):
            added = min(coded[m.event_id] for m in members).isoformat()
            ev = build_event(members, rule, meta, added_at=added)
            event_rows.append(_event_row(ev, g))
            links += [[m.event_id, ev.event_key] for m in members]
    con.execute("DELETE FROM events WHERE merge_group IN (SELECT k FROM touched)")
    if event_rows:
        new_events = _arrow(event_rows, EVENT_COLUMNS, _EVENT_TYPES)  # noqa: F841 (read by DuckDB)
        con.execute(f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) SELECT * FROM new_events")
        new_links = pa.table({"event_id": [x[0] for x in links], "event_key": [x[1] for x in links]})  # noqa: F841
        con.execute("UPDATE mentions SET event_key = l.event_key FROM new_links l WHERE mentions.event_id = l.event_id")


def add_events(
    store: Store, events: Iterable[Event], rule: MergeRule | None = None, replace_articles: bool = False
) -> MergeSummary:
    """Upsert mentions (keyed on ``event_id``) and re-merge the groups they touch, in one transaction.

    ``rule`` defaults to the store's rule (or :class:`MergeRule`'s defaults); a different rule
    re-merges every stored mention. With ``replace_articles`` the stored mentions of every
    article in the batch that the batch no longer has are removed (a re-coded article).
    """
    previous = stored_rule(store)
    rule = rule or previous or MergeRule()
    batch = {e.event_id: e for e in events}
    con = store.con
    with store.transaction():
        if previous != rule:
            _save_rule(store, rule)
        ids = sorted(batch)
        batch_ids = key_table(ids)  # noqa: F841 (read by DuckDB)
        old = (
            dict(
                con.execute(
                    "SELECT event_id, merge_group FROM mentions WHERE event_id IN (SELECT k FROM batch_ids)"
                ).fetchall()
            )
            if ids
            else {}
        )
        touched = set(old.values())
        removed = 0
        if replace_articles and batch:
            recoded_articles = key_table({e.doc_id for e in batch.values()})  # noqa: F841 (read by DuckDB)
            stale = con.execute(
                "SELECT event_id, merge_group FROM mentions WHERE article_id IN (SELECT k FROM recoded_articles) "
                "AND event_id NOT IN (SELECT k FROM batch_ids)"
            ).fetchall()
            if stale:
                touched |= {g for _, g in stale}
                stale_ids = key_table(s for s, _ in stale)  # noqa: F841 (read by DuckDB)
                con.execute("DELETE FROM mentions WHERE event_id IN (SELECT k FROM stale_ids)")
                removed = len(stale)
        if batch:
            rows = [_mention_row(e, rule) for e in batch.values()]
            touched |= {r[MENTION_COLUMNS.index("merge_group")] for r in rows}
            new_mentions = _arrow(rows, MENTION_COLUMNS, _MENTION_TYPES)  # noqa: F841 (read by DuckDB)
            updates = ", ".join(f"{c} = excluded.{c}" for c in MENTION_COLUMNS[1:])
            con.execute(
                f"INSERT INTO mentions ({', '.join(MENTION_COLUMNS)}) SELECT * FROM new_mentions "
                f"ON CONFLICT (event_id) DO UPDATE SET {updates}"
            )
        if previous is not None and previous != rule:
            touched = _regroup_all(store, rule)
        _remerge_groups(store, touched, rule)
    n_events = int(scalar(con, "SELECT count(*) FROM events"))
    summary = MergeSummary(
        mentions=len(batch),
        new=len(batch) - len(old),
        updated=len(old),
        removed=removed,
        groups=len(touched),
        events=n_events,
    )
    log.info("events: %s", summary)
    return summary


def _regroup_all(store: Store, rule: MergeRule) -> set[str]:
    """Recompute every mention's merge group under ``rule``; return all groups old and new."""
    con = store.con
    before = {r[0] for r in con.execute("SELECT DISTINCT merge_group FROM mentions").fetchall()}
    rows = con.execute(f"SELECT {', '.join(MENTION_COLUMNS)} FROM mentions").fetchall()
    regrouped = pa.table(
        {"event_id": [r[0] for r in rows], "merge_group": [merge_group(event_from_row(r), rule) for r in rows]}
    )
    con.execute("UPDATE mentions SET merge_group = g.merge_group FROM regrouped g WHERE mentions.event_id = g.event_id")
    con.execute("DELETE FROM events")
    return before | set(regrouped.column("merge_group").to_pylist())


def remerge(store: Store, rule: MergeRule | None = None) -> MergeSummary:
    """Merge every stored mention afresh (by ``rule``, else the stored rule)."""
    rule = rule or stored_rule(store) or MergeRule()
    con = store.con
    with store.transaction():
        _save_rule(store, rule)
        groups = _regroup_all(store, rule)
        _remerge_groups(store, groups, rule)
    n_events = int(scalar(con, "SELECT count(*) FROM events"))
    return MergeSummary(groups=len(groups), events=n_events)


def remerge_groups(store: Store, groups: Iterable[str]) -> MergeSummary:
    """Merge the named groups afresh, and those of mentions in no event yet (mentions added
    by SQL, as the merge of a cluster run's shards adds them), by the store's rule; a rule
    other than the default one regroups every mention first, as the shards used the default."""
    rule = stored_rule(store) or MergeRule()
    if rule != MergeRule():
        return remerge(store, rule)
    con = store.con
    with store.transaction():
        _save_rule(store, rule)
        pending = {
            r[0] for r in con.execute("SELECT DISTINCT merge_group FROM mentions WHERE event_key IS NULL").fetchall()
        }
        touched = set(groups) | pending
        _remerge_groups(store, touched, rule)
    return MergeSummary(groups=len(touched), events=int(scalar(con, "SELECT count(*) FROM events")))


def insert_events(store: Store, merged: Iterable[MergedEvent]) -> int:
    """Store already-merged events as they are, without mentions (imports of other event data,
    tests). Their merge group is derived from their own fields; a later re-merge of that group
    replaces them with what the stored mentions give."""
    rule = stored_rule(store) or MergeRule()
    rows = [_event_row(e, "|".join((e.source_key, e.target_key, rule.family_of(e.cameo), e.modality))) for e in merged]
    if rows:
        imported = _arrow(rows, EVENT_COLUMNS, _EVENT_TYPES)  # noqa: F841 (read by DuckDB)
        store.con.execute(f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) SELECT * FROM imported")
    return len(rows)
