"""Mentions merged into events: the records, the rule (which mentions are one real-world\nevent) and the JSONL contract of a mention. Pure functions, no SQL: ``dyad.store.events``\nwrites and reads them."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from dyad.records import ActorRef, Event, Evidence, Plover, Record, country_key, sentence_index

STATE_ROLES = frozenset({"GOV", "MIL", "SPY", "COP", "JUD", "LEG"})


FAMILIES = ("root", "base")


@dataclass(frozen=True)
class MergeRule(Record):
    """How mentions are merged into events (see the module docstring)."""

    window_days: int = 3
    family: str = "root"  # root | base

    def __post_init__(self) -> None:
        if self.family not in FAMILIES:
            raise ValueError(f"family must be one of {FAMILIES}, not {self.family!r}")
        if self.window_days < 0:
            raise ValueError("window_days must be >= 0")

    def family_of(self, cameo: str) -> str:
        return cameo[:2] if self.family == "root" else cameo_base(cameo)


@dataclass(frozen=True)
class ArticleMeta(Record):
    """What merging needs to know of an article: its outlet, URL and lead-paragraph sentences."""

    outlet: str
    url: str | None = None
    lead: frozenset[int] = frozenset()


@dataclass(frozen=True)
class MergedEvent(Record):
    """A real-world event: one or more mentions merged by the rule above.

    ``event_key`` is a hash of the anchor mention's ``event_id`` (stable while that mention
    stays the earliest); ``global_id`` is its integer form for GDELT's GlobalEventID.
    ``mentions`` are the coder's records, each with its evidence.
    """

    event_key: str
    global_id: int
    date: str | None
    date_end: str | None
    date_precision: str
    source_key: str
    target_key: str
    source: ActorRef | None
    target: ActorRef | None
    cameo: str
    cameo_base: str
    cameo_root: str
    cameo_name: str
    goldstein: float
    quad_class: int
    plover: Plover
    modality: str
    num_mentions: int
    num_sources: int
    num_articles: int
    article_ids: tuple[str, ...]
    is_root: bool
    confidence: float
    source_url: str | None = None
    added_at: str | None = None
    mentions: tuple[Event, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class MergeSummary(Record):
    """What one write of mentions did to the store."""

    mentions: int = 0  # mentions in the batch (after dropping repeated ids)
    new: int = 0
    updated: int = 0
    removed: int = 0  # stale mentions of re-coded articles (replace_articles=True)
    groups: int = 0  # merge groups re-merged
    events: int = 0  # events in the store afterwards


def cameo_base(code: str) -> str:
    """The three-digit base code: ``0711`` -> ``071``; a root ``07`` -> ``070``."""
    return code[:3] if len(code) >= 3 else code.ljust(2, "0") + "0"


def actor_side(ref: ActorRef | None) -> str | None:
    """``"state"`` for state roles, the role itself for others, ``None`` for a bare country."""
    if ref is None or not ref.code:
        return None
    code, key = ref.code.upper(), country_key(ref)
    if code.startswith("---"):
        rest = code[3:]
    elif key and code.startswith(key):
        rest = code[len(key) :]
    else:
        rest = ""
    role = rest[:3] or None
    if role is None:
        return None
    return "state" if role in STATE_ROLES else role


def merge_group(event: Event, rule: MergeRule) -> str:
    """The group a mention is merged within: source key, target key, family, modality."""
    return "|".join((country_key(event.source), country_key(event.target), rule.family_of(event.cameo), event.modality))


def _sides_fit(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def iso_day(value: str | None) -> Date | None:
    return Date.fromisoformat(value[:10]) if value else None


class _Cluster:
    """An event being assembled from mentions taken in date order."""

    def __init__(self, first: Event):
        self.members = [first]
        self.anchor = first
        self.anchor_day = iso_day(first.date)
        self.source_side = actor_side(first.source)
        self.target_side = actor_side(first.target)

    def accepts(self, m: Event, rule: MergeRule) -> bool:
        a = self.anchor
        if a.date is None or m.date is None:
            same_time = a.date is None and m.date is None and a.doc_id == m.doc_id
        elif a.date_precision == "day" and m.date_precision == "day":
            day = iso_day(m.date)
            assert day is not None and self.anchor_day is not None  # both dates are set, as checked above
            same_time = abs((day - self.anchor_day).days) <= rule.window_days
        else:
            same_time = a.date == m.date and a.date_precision == m.date_precision
        return (
            same_time
            and _sides_fit(self.source_side, actor_side(m.source))
            and _sides_fit(self.target_side, actor_side(m.target))
        )

    def add(self, m: Event) -> None:
        self.members.append(m)
        self.source_side = self.source_side or actor_side(m.source)
        self.target_side = self.target_side or actor_side(m.target)


def cluster(mentions: Iterable[Event], rule: MergeRule = MergeRule()) -> list[list[Event]]:
    """Split the mentions of one merge group into events (lists of mentions, date order)."""
    ordered = sorted(mentions, key=lambda e: (e.date is None, e.date or "", e.event_id))
    done: list[_Cluster] = []
    open_: list[_Cluster] = []
    for m in ordered:
        day = iso_day(m.date)
        if day is not None:  # events whose anchor is out of reach are closed for good
            still: list[_Cluster] = []
            for c in open_:
                reachable = c.anchor_day is not None and (day - c.anchor_day).days <= rule.window_days
                (still if reachable or c.anchor.date_precision != "day" else done).append(c)
            open_ = still
        for c in open_:
            if c.accepts(m, rule):
                c.add(m)
                break
        else:
            open_.append(_Cluster(m))
    done += open_
    return [
        c.members for c in sorted(done, key=lambda c: (c.anchor.date is None, c.anchor.date or "", c.anchor.event_id))
    ]


def _outlet(article_id: str, meta: Mapping[str, ArticleMeta]) -> str:
    m = meta.get(article_id)
    return m.outlet if m else article_id


def _most_common_actor(refs: list[ActorRef | None]) -> ActorRef | None:
    present = [r for r in refs if r is not None]
    if not present:
        return None
    counts = Counter((r.code or "") for r in present)
    best = max(counts, key=lambda c: (counts[c], len(c)))  # max keeps the first of equals
    return next(r for r in present if (r.code or "") == best)


def event_key_for(anchor_event_id: str) -> tuple[str, int]:
    digest = hashlib.sha1(f"event:{anchor_event_id}".encode()).hexdigest()
    return digest[:16], int(digest[:15], 16)


def build_event(
    members: Sequence[Event],
    rule: MergeRule = MergeRule(),
    articles: Mapping[str, ArticleMeta] | None = None,
    added_at: str | None = None,
) -> MergedEvent:
    """One merged event from its mentions (in date order, the anchor first)."""
    articles = articles or {}
    anchor = members[0]
    codes = Counter(m.cameo for m in members)
    rep = max(members, key=lambda m: (codes[m.cameo], len(m.cameo), m.confidence))
    article_ids = tuple(dict.fromkeys(m.doc_id for m in members))
    key, gid = event_key_for(anchor.event_id)
    dated = [m.date for m in members if m.date]
    url = next((articles[a].url for a in article_ids if a in articles and articles[a].url), None)
    is_root = any(
        (i := sentence_index(m.sentence_id, m.doc_id)) is not None
        and m.doc_id in articles
        and i in articles[m.doc_id].lead
        for m in members
    )
    return MergedEvent(
        event_key=key,
        global_id=gid,
        date=anchor.date,
        date_end=max(dated) if dated else None,
        date_precision=anchor.date_precision,
        source_key=country_key(anchor.source),
        target_key=country_key(anchor.target),
        source=_most_common_actor([m.source for m in members]),
        target=_most_common_actor([m.target for m in members]),
        cameo=rep.cameo,
        cameo_base=cameo_base(rep.cameo),
        cameo_root=rep.cameo_root,
        cameo_name=rep.cameo_name,
        goldstein=rep.goldstein,
        quad_class=rep.quad_class,
        plover=rep.plover,
        modality=anchor.modality,
        num_mentions=len(members),
        num_sources=len({_outlet(a, articles) for a in article_ids}),
        num_articles=len(article_ids),
        article_ids=article_ids,
        is_root=is_root,
        confidence=max(m.confidence for m in members),
        source_url=url,
        added_at=added_at,
        mentions=tuple(members),
    )


def merge(
    mentions: Iterable[Event], rule: MergeRule = MergeRule(), articles: Mapping[str, ArticleMeta] | None = None
) -> list[MergedEvent]:
    """Merge mentions into events by the rule; a pure function of its inputs.

    A repeated ``event_id`` counts once (the last record wins, as in the store's upsert).
    ``articles`` gives outlets, URLs and lead sentences; an article it lacks is its own outlet.
    """
    unique = {m.event_id: m for m in mentions}
    groups: dict[str, list[Event]] = {}
    for m in unique.values():
        groups.setdefault(merge_group(m, rule), []).append(m)
    out = [build_event(members, rule, articles) for g in sorted(groups) for members in cluster(groups[g], rule)]
    return sorted(out, key=lambda e: (e.date is None, e.date or "", e.event_key))


def _actor_from(d: Mapping[str, Any] | None) -> ActorRef | None:
    return None if not d else ActorRef(text=d.get("text") or "", code=d.get("code"), country=d.get("country"))


def event_from_dict(d: Mapping[str, Any]) -> Event:
    """An Event from its ``as_dict()`` form (a line of ``dyad code --format jsonl``)."""
    p = d.get("plover") or {}
    ev = d.get("evidence") or {}
    return Event(
        doc_id=d["doc_id"],
        sentence_id=d["sentence_id"],
        sentence=d.get("sentence") or "",
        event_id=d["event_id"],
        date=d.get("date"),
        date_precision=d.get("date_precision") or "unknown",
        source=_actor_from(d.get("source")),
        target=_actor_from(d.get("target")),
        cameo=d["cameo"],
        cameo_root=d.get("cameo_root") or d["cameo"][:2],
        cameo_name=d.get("cameo_name") or "",
        goldstein=float(d.get("goldstein") or 0.0),
        quad_class=int(d["quad_class"]),
        plover=Plover(event=p.get("event"), mode=p.get("mode"), context=p.get("context")),
        modality=d.get("modality") or "asserted",
        attributed_to=d.get("attributed_to"),
        evidence=Evidence(text=ev.get("text") or "", start=int(ev.get("start", -1)), end=int(ev.get("end", -1))),
        confidence=float(d.get("confidence", 1.0)),
        proposed_by=d.get("proposed_by") or "lexicon",
    )
