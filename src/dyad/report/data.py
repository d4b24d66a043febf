"""What a dyad report shows, gathered once for both formats: the relations, the events with
their evidence and articles, the scenarios, and the text pieces (bands, drivers, rows) both render."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from dyad.analysis.relations import PeriodStats, RelationOptions, Relations, relations
from dyad.records import Event, Record
from dyad.store.db import Store, scalar
from dyad.store.events import MergedEvent, MergeRule, stored_rule
from dyad.store.reads import EventFilter, read_events

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class ReportData(Record):
    """Everything a report shows, computed once and rendered as HTML or Markdown."""

    relations: Relations
    events: tuple[MergedEvent, ...]
    n_events: int  # all events of the dyad under the options (the table may show fewer)
    rule: MergeRule
    db: str
    generated: str
    articles: dict[str, ArticleRef] = field(default_factory=dict)  # of the events shown
    scenarios: tuple = ()  # (Scenario, ScenarioState) pairs involving the dyad


@dataclass(frozen=True)
class ArticleRef(Record):
    """How the report cites an article: its title, outlet, date and URL."""

    title: str | None
    source: str | None
    date: str | None
    url: str | None


def collect(
    store: Store, a: str, b: str, opts: RelationOptions = RelationOptions(), max_events: int = 200
) -> ReportData:
    """Compute the relations and read the latest ``max_events`` events of the dyad."""
    rel = relations(store, a, b, opts)
    where = EventFilter(dyad=(rel.a, rel.b), modality=opts.modality, since=opts.since, until=opts.until)
    clause, params = where.where()
    n = int(scalar(store.con, f"SELECT count(*) FROM events WHERE {clause}", params))
    evs = list(read_events(store, where, offset=max(0, n - max_events))) if max_events > 0 else []
    from dyad.scenarios import track as tracking

    found = tracking.load(store, (rel.a, rel.b))
    return ReportData(
        relations=rel,
        events=tuple(evs),
        n_events=n,
        rule=stored_rule(store) or MergeRule(),
        db=store.path,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        articles=_articles(store, {m.doc_id for e in evs for m in e.mentions}),
        scenarios=tuple(zip(found, tracking.states(store, found))),
    )


def _signposts(patterns) -> str:
    """Conditions or consequences as watchable patterns: "NOT PAK→USA 04x: text"."""
    return "; ".join(
        f"{'NOT ' if p.negated else ''}{p.source or '*'}→{p.target or '*'} "
        f"{(p.cameo[:2] + 'x') if p.cameo else '(text only)'}: {p.text}"
        for p in patterns
    )


def scenario_rows(data: ReportData) -> list[list[str]]:
    return [
        [
            s.date or "?",
            st.status,
            _signposts(s.conditions),
            _signposts(s.consequences),
            s.hedge or "",
            s.stated_by,
            ", ".join(st.evidence_events) or "—",
        ]
        for s, st in data.scenarios
    ]


SCENARIO_HEADERS = ["stated", "status", "if (signposts)", "then", "hedge", "by", "events that moved it"]


def _articles(store: Store, ids: set[str]) -> dict[str, ArticleRef]:
    import pyarrow as pa

    if not ids:
        return {}
    cited = pa.table({"k": sorted(ids)})  # noqa: F841 (read by DuckDB)
    rows = store.con.execute(
        "SELECT id, title, source, CAST(date AS VARCHAR), url FROM articles WHERE id IN (SELECT k FROM cited)"
    ).fetchall()
    return {aid: ArticleRef(title, source, day, url) for aid, title, source, day, url in rows}


def _fmt(x: float | None, sign: bool = True) -> str:
    return "–" if x is None else (f"{x:+.2f}" if sign else f"{x:.2f}")


def band(r: PeriodStats) -> str:
    if r.index is None:
        return "–"
    if r.index_lo is None:
        return _fmt(r.index)
    return f"{_fmt(r.index)} [{_fmt(r.index_lo)}, {_fmt(r.index_hi)}]"


def drivers(ds) -> str:
    return ", ".join(f"{d.key} {d.name} ({d.contribution:+.2f}, {d.events})" for d in ds)


def summary_rows(rel: Relations) -> list[list[str]]:
    return [
        [
            t.direction,
            str(t.events),
            str(t.verbal_coop + t.material_coop),
            str(t.verbal_conflict + t.material_conflict),
            _fmt(t.goldstein_mean),
            band(t),
            drivers(t.top_codes),
        ]
        for t in rel.totals
    ]


def change_rows(rel: Relations) -> list[list[str]]:
    return [
        [c.period[:7], c.direction, _fmt(c.index_before), _fmt(c.index_after), drivers(c.drivers)]
        for c in rel.change_points
    ]


def span(rel: Relations) -> str:
    periods = [r.period for r in rel.rows if r.events]
    return f"{periods[0]} to {periods[-1]}" if periods else "no events"


@dataclass(frozen=True)
class Quote:
    """One mention as the HTML report quotes it: the sentence in pieces, ``True`` for the trigger to mark,
    and the article it is from; ``url`` is set only for an http(s) URL, the only links a report makes."""

    pieces: tuple[tuple[str, bool], ...]
    label: str
    url: str | None
    date: str | None


@dataclass(frozen=True)
class EventRow:
    """One merged event as a row of the HTML report's event table, every field plain text but ``quotes``."""

    date: str
    actors: str
    cameo: str
    quad: int
    goldstein: str
    modality: str
    counts: str
    quotes: tuple[Quote, ...]


def _evidence_pieces(m: Event) -> tuple[tuple[str, bool], ...]:
    """The sentence cut around its trigger; a trigger the offsets do not point at is marked after it."""
    s, e = m.evidence.start, m.evidence.end
    text = m.sentence
    if 0 <= s < e <= len(text) and text[s:e] == m.evidence.text:
        return (text[:s], False), (text[s:e], True), (text[e:], False)
    return ((text, False),) + (((" ", False), (m.evidence.text, True)) if m.evidence.text else ())


def mention_quote(m: Event, articles: dict[str, ArticleRef]) -> Quote:
    """``— Title (Outlet), date`` linked to the article's URL; the article id when not stored."""
    a = articles.get(m.doc_id)
    label = (a.title if a and a.title else m.doc_id[:12]) + (f" ({a.source})" if a and a.source else "")
    url = a.url if a and a.url and a.url.startswith(("http://", "https://")) else None
    return Quote(_evidence_pieces(m), label, url, m.date)


def period_label(period: str, kind: str) -> str:
    """A period start as people write it: 2019-07 for a month, 2019 for a year, 2019-W30 for a week."""
    if period == "all" or len(period) < 10:
        return period
    if kind == "month":
        return period[:7]
    if kind == "year":
        return period[:4]
    if kind == "week":
        from datetime import date

        year, week, _ = date.fromisoformat(period).isocalendar()
        return f"{year}-W{week:02d}"
    return period


def actor(ev_ref, key: str) -> str:
    if ev_ref is None:
        return key or "?"
    return f"{ev_ref.code or key} ({ev_ref.text})" if ev_ref.text else (ev_ref.code or key)


def method_items(data: ReportData) -> list[str]:
    o, rule = data.relations.options, data.rule
    pens = ", ".join(f"{d}: {p:.3g}" for d, p in data.relations.penalties.items())
    return [
        f"Events: {', '.join(o.modality) or 'all modalities'}; country level (PAKGOV counts as PAK).",
        f"Merge rule: mentions with the same source and target countries (role-compatible: state roles "
        f"GOV/MIL/SPY/COP/JUD/LEG are one side), the same CAMEO {rule.family} code, the same modality, "
        f"within ±{rule.window_days} days of the event's first mention, are one event.",
        "Net cooperation index: (Σ|Goldstein| of cooperation − Σ|Goldstein| of conflict) / Σ|Goldstein|, "
        "quad classes 1–2 cooperation and 3–4 conflict; from -1 (all conflict) to +1 (all cooperation).",
        f"Band: {o.level:.0%} percentile interval of {o.bootstrap} bootstrap resamples of articles "
        f"(seed {o.seed}); an event reported in k articles weighs the sum of its articles' draws / k. "
        "With few articles the band only shows how uniform they are: read it with the event count.",
        f"Change points: PELT (ruptures, least squares, segments ≥ {o.min_size} months) on the monthly index "
        f"(at least {o.min_months} months with an index), penalty "
        + ("5·σ²·ln n with σ from the MAD of month-to-month differences" if o.penalty is None else str(o.penalty))
        + f" ({pens}).",
        "Drivers: CAMEO codes and PLOVER contexts by their contribution to the index (contributions add up "
        "to the index).",
    ]
