"""A readable report on one dyad: HTML (one self-contained file) or Markdown.

The report holds the net cooperation index over time with its bootstrap band and change
points, event volume by quad class, the drivers, a per-period table, the events themselves
with every mention's sentence and trigger, and how all of it was computed.

Charts are Vega-Lite specifications built with Altair and rendered to SVG by
``vl-convert`` (which bundles Vega, offline), then inlined: the HTML needs no network, no
CDN and no JavaScript to be read. ``interactive=True`` also inlines the Vega, Vega-Lite and
vega-embed JavaScript that vl-convert ships (about 1 MB) and replaces each SVG with a live
chart with tooltips; the SVG stays as the fallback. Markdown reports write each chart as an
SVG file beside the ``.md`` file.

Article text is never markup. The HTML is rendered from Jinja2 templates
(``dyad/data/templates``) with autoescaping: every value goes in as plain text and is escaped,
only the chart SVGs and Vega's JavaScript, which our code generates, go in as ``Markup``. The
Markdown escapes ``&``, ``<``, ``>`` (so a sentence's ``<script>`` or ``<img onerror>`` stays
text), the brackets, backslash, backtick and ``|`` (so it cannot make a link or break a table);
links go only to ``http(s)`` URLs, percent-encoded so that they cannot leave the link.
"""

from __future__ import annotations

import functools
import html
import logging
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from dyad.analysis.relations import QUADS, PeriodStats, RelationOptions, Relations, relations
from dyad.records import Event, Record
from dyad.settings import data_path
from dyad.store.db import Store, scalar
from dyad.store.events import EventFilter, MergedEvent, MergeRule, read_events, stored_rule
from dyad.version import __version__

if TYPE_CHECKING:
    import jinja2

log = logging.getLogger(__name__)

DIRECTION_COLORS = ("#1f77b4", "#e6550d", "#444444")
QUAD_COLORS = ("#74c476", "#238b45", "#fb6a4a", "#a50f15")
QUAD_LABELS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")


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


def _scenario_rows(data: ReportData) -> list[list[str]]:
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


# --- charts ---------------------------------------------------------------------------------
def index_chart(rel: Relations) -> dict:
    """Vega-Lite: one panel per direction with the index, its band and its change points."""
    import altair as alt

    dirs = list(rel.directions())
    first = min((r.period for r in rel.rows), default=None)
    last = max((r.period for r in rel.rows), default=None)
    x = alt.X("period:T", title=None, scale=alt.Scale(domain=[first, last]) if first else alt.Undefined)
    y = alt.Y("lo:Q", scale=alt.Scale(domain=[-1, 1]), title="index")
    panels = []
    for direction, colour in zip(dirs, DIRECTION_COLORS):
        rows = [
            {"period": r.period, "index": r.index, "lo": r.index_lo, "hi": r.index_hi, "events": r.events}
            for r in rel.rows
            if r.direction == direction
        ]
        base = alt.Chart(alt.Data(values=rows))
        layers = [
            base.mark_area(opacity=0.18, color=colour).encode(x=x, y=y, y2="hi:Q"),
            alt.Chart(alt.Data(values=[{"y": 0}])).mark_rule(color="#aaaaaa").encode(y="y:Q"),
            base.mark_line(color=colour, point=alt.OverlayMarkDef(size=24, color=colour)).encode(
                x=x,
                y="index:Q",
                tooltip=[
                    alt.Tooltip("period:T", title=rel.options.period),
                    alt.Tooltip("index:Q", format="+.2f"),
                    alt.Tooltip("lo:Q", format="+.2f", title="band from"),
                    alt.Tooltip("hi:Q", format="+.2f", title="band to"),
                    "events:Q",
                ],
            ),
        ]
        cps = [
            {"period": c.period, "before": c.index_before, "after": c.index_after}
            for c in rel.change_points
            if c.direction == direction
        ]
        if cps:
            layers.append(
                alt.Chart(alt.Data(values=cps))
                .mark_rule(color="#000000", strokeDash=[5, 3], strokeWidth=1.5)
                .encode(
                    x="period:T",
                    tooltip=[
                        alt.Tooltip("period:T", title="change from"),
                        alt.Tooltip("before:Q", format="+.2f"),
                        alt.Tooltip("after:Q", format="+.2f"),
                    ],
                )
            )
        panels.append(alt.layer(*layers).properties(width=900, height=130, title=direction))
    return alt.vconcat(*panels, spacing=12).to_dict()


def volume_chart(rel: Relations) -> dict:
    """Vega-Lite: events per period in both directions, stacked by quad class."""
    import altair as alt

    both = rel.directions()[2]
    rows = [
        {"period": r.period, "quad": QUAD_LABELS[k], "order": k, "events": getattr(r, q)}
        for r in rel.rows
        if r.direction == both
        for k, q in enumerate(QUADS)
        if getattr(r, q)
    ]
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=alt.X("period:T", title=None),
            y=alt.Y("sum(events):Q", title="events"),
            color=alt.Color(
                "quad:N",
                scale=alt.Scale(domain=list(QUAD_LABELS), range=list(QUAD_COLORS)),
                legend=alt.Legend(title=None, orient="top"),
            ),
            order=alt.Order("order:Q"),
            tooltip=[alt.Tooltip("period:T", title="period"), "quad:N", "events:Q"],
        )
        .properties(width=900, height=160)
        .to_dict()
    )


def svg(spec: dict) -> str:
    """A Vega-Lite spec as an SVG string (vl-convert: Vega in-process, no network)."""
    import vl_convert as vlc

    out = vlc.vegalite_to_svg(spec)
    return out[out.index("<svg") :]


def _bundle() -> str:
    import vl_convert as vlc

    # the stub says snippet is required; the function takes snippet=None (the default snippet)
    return vlc.javascript_bundle()  # type: ignore[call-arg]


# --- text pieces ----------------------------------------------------------------------------
def _fmt(x: float | None, sign: bool = True) -> str:
    return "–" if x is None else (f"{x:+.2f}" if sign else f"{x:.2f}")


def _band(r: PeriodStats) -> str:
    if r.index is None:
        return "–"
    if r.index_lo is None:
        return _fmt(r.index)
    return f"{_fmt(r.index)} [{_fmt(r.index_lo)}, {_fmt(r.index_hi)}]"


def _drivers(ds) -> str:
    return ", ".join(f"{d.key} {d.name} ({d.contribution:+.2f}, {d.events})" for d in ds)


def _summary_rows(rel: Relations) -> list[list[str]]:
    return [
        [
            t.direction,
            str(t.events),
            str(t.verbal_coop + t.material_coop),
            str(t.verbal_conflict + t.material_conflict),
            _fmt(t.goldstein_mean),
            _band(t),
            _drivers(t.top_codes),
        ]
        for t in rel.totals
    ]


def _change_rows(rel: Relations) -> list[list[str]]:
    return [
        [c.period[:7], c.direction, _fmt(c.index_before), _fmt(c.index_after), _drivers(c.drivers)]
        for c in rel.change_points
    ]


def _span(rel: Relations) -> str:
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


def _quote(m: Event, articles: dict[str, ArticleRef]) -> Quote:
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


def _actor(ev_ref, key: str) -> str:
    if ev_ref is None:
        return key or "?"
    return f"{ev_ref.code or key} ({ev_ref.text})" if ev_ref.text else (ev_ref.code or key)


def _method_items(data: ReportData) -> list[str]:
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


# --- HTML -----------------------------------------------------------------------------------
@functools.cache
def templates() -> jinja2.Environment:
    """The Jinja2 environment of the HTML report: the templates in ``dyad/data/templates``, every value
    escaped unless it is ``Markup``, and a name the context lacks an error, never an empty string."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(data_path("templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _event_rows(events: tuple[MergedEvent, ...], articles: dict[str, ArticleRef]) -> list[EventRow]:
    return [
        EventRow(
            e.date or "?",
            f"{_actor(e.source, e.source_key)} → {_actor(e.target, e.target_key)}",
            f"{e.cameo} {e.cameo_name}",
            e.quad_class,
            f"{e.goldstein:+.1f}",
            e.modality,
            f"{e.num_mentions}/{e.num_sources}/{e.num_articles}",
            tuple(_quote(m, articles) for m in e.mentions),
        )
        for e in reversed(events)
    ]  # newest first


def html_context(data: ReportData, interactive: bool = False) -> dict[str, object]:
    """What ``report.html`` shows, as plain values (Jinja escapes them), but for the charts: SVG that
    vl-convert drew from our specs (numbers, periods and actor codes, which Vega escapes), and the
    Vega JavaScript bundle, both passed as ``Markup``."""
    from markupsafe import Markup

    rel = data.relations
    o = rel.options
    charts, embeds, bundle = {}, {}, Markup("")
    if data.n_events:
        specs = {"chart-index": index_chart(rel), "chart-volume": volume_chart(rel)}
        charts = {k: Markup(svg(spec)) for k, spec in specs.items()}
        if interactive:
            embeds = specs  # written into the page by the tojson filter, which cannot close the script
            bundle = Markup(_bundle().replace("</script", "<\\/script"))
    shown = (
        f"The latest {len(data.events)} of {data.n_events} events, newest first."
        if len(data.events) < data.n_events
        else f"All {data.n_events} events, newest first."
    )
    return {
        "title": f"{rel.a} – {rel.b}",
        "a": rel.a,
        "b": rel.b,
        "modality": ", ".join(o.modality),
        "period": o.period,
        "span": _span(rel),
        "n_events": data.n_events,
        "version": __version__,
        "db_name": Path(data.db).name,
        "generated": data.generated,
        "level": f"{o.level:.0%}",
        "summary_rows": _summary_rows(rel),
        "charts": charts,
        "change_rows": _change_rows(rel),
        "driver_rows": [
            [
                t.direction,
                _drivers(t.top_codes),
                ", ".join(f"{d.key} ({d.contribution:+.2f}, {d.events})" for d in t.top_contexts),
            ]
            for t in rel.totals
        ],
        "period_rows": [
            [
                period_label(r.period, o.period),
                r.direction,
                str(r.events),
                _band(r),
                f"{r.goldstein_sum:+.1f}",
                _drivers(r.top_codes),
            ]
            for r in rel.rows
            if r.events
        ],
        "shown": shown,
        "events": _event_rows(data.events, data.articles),
        "scenario_headers": SCENARIO_HEADERS,
        "scenario_rows": _scenario_rows(data),
        "method_items": _method_items(data),
        "embeds": embeds,
        "bundle": bundle,
    }


def render_html(data: ReportData, interactive: bool = False) -> str:
    """The report as one self-contained HTML page."""
    return templates().get_template("report.html").render(html_context(data, interactive))


# --- Markdown -------------------------------------------------------------------------------
_MD_ESCAPE = re.compile(r"([\\`\[\]|])")
_URL_SAFE = "/:?#@!$&*+,;=%~-._"  # besides letters and digits; ( ) < > [ ] | \ ` ' " and spaces are encoded


class _Markdown(str):
    """A string that is Markdown already (built from escaped pieces): table cells keep it as it is."""


def _md(text) -> str:
    """``text`` as literal Markdown text on one line: HTML-escaped (``&``, ``<``, ``>``), with ``\\``,
    backtick, brackets and ``|`` backslash-escaped."""
    if isinstance(text, _Markdown):
        return str(text)
    one_line = str(text).replace("\r", " ").replace("\n", " ")
    return _MD_ESCAPE.sub(r"\\\1", html.escape(one_line, quote=False))


def _md_url(url: str | None) -> str | None:
    """``url`` as a Markdown link target: only http(s), percent-encoded so that it stays one target."""
    if not url or not url.strip().lower().startswith(("http://", "https://")):
        return None
    return quote(url.strip(), safe=_URL_SAFE)


def _md_link(label: str, url: str | None) -> str:
    """``[label](url)`` with ``label`` escaped; the escaped label alone when the URL is not http(s)."""
    target = _md_url(url)
    return f"[{_md(label)}]({target})" if target else _md(label)


def _md_table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(_md(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_md(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def _cite_md(m: Event, articles: dict[str, ArticleRef]) -> str:
    """``— [Title (Outlet)](url), date``, as in the HTML; the article id when it is not stored."""
    a = articles.get(m.doc_id)
    label = (a.title if a and a.title else m.doc_id[:12]) + (f" ({a.source})" if a and a.source else "")
    return f"— {_md_link(label, a.url if a else None)}" + (f", {_md(m.date)}" if m.date else "")


def _evidence_md(e: MergedEvent, articles: dict[str, ArticleRef]) -> _Markdown:
    return _Markdown(
        " · ".join(f"{_md(m.sentence)} \\[{_md(m.evidence.text)}\\] {_cite_md(m, articles)}" for m in e.mentions)
    )


def render_markdown(data: ReportData, chart_files: dict[str, str] | None = None) -> str:
    """The report as Markdown; ``chart_files`` maps chart ids to SVG file names to link.

    Every string from the store goes through :func:`_md` (or into a link by :func:`_md_link`):
    raw HTML in an article is shown as text, never passed on.
    """
    rel = data.relations
    o = rel.options
    out = [
        f"# {_md(rel.a)} – {_md(rel.b)}",
        "",
        _md(
            f"{', '.join(o.modality) or 'all'} events by {o.period}, {_span(rel)}. {data.n_events} events. "
            f"Generated by dyad {__version__} from {Path(data.db).name} on {data.generated}."
        ),
        "",
        "## Summary",
        "",
        _md_table(
            ["direction", "events", "cooperation", "conflict", "mean Goldstein", "index [band]", "top codes"],
            _summary_rows(rel),
        ),
        "",
    ]
    for key, heading in (("chart-index", "Net cooperation index"), ("chart-volume", "Events by quad class")):
        if chart_files and key in chart_files:
            out += [f"## {heading}", "", f"![{heading}]({quote(chart_files[key], safe=_URL_SAFE)})", ""]
    out += ["## Change points", ""]
    out += [
        _md_table(["from", "direction", "index before", "index after", "what changed"], _change_rows(rel))
        if rel.change_points
        else "No change points.",
        "",
    ]
    out += [
        f"## By {_md(o.period)}",
        "",
        _md_table(
            [o.period, "direction", "events", "index [band]", "top codes"],
            [
                [period_label(r.period, o.period), r.direction, str(r.events), _band(r), _drivers(r.top_codes)]
                for r in rel.rows
                if r.events
            ],
        ),
        "",
    ]
    out += [
        "## Events",
        "",
        _md_table(
            ["date", "source → target", "CAMEO", "quad", "Goldstein", "modality", "m/s/a", "evidence"],
            [
                [
                    e.date or "?",
                    f"{_actor(e.source, e.source_key)} → {_actor(e.target, e.target_key)}",
                    f"{e.cameo} {e.cameo_name}",
                    str(e.quad_class),
                    f"{e.goldstein:+.1f}",
                    e.modality,
                    f"{e.num_mentions}/{e.num_sources}/{e.num_articles}",
                    _evidence_md(e, data.articles),
                ]
                for e in reversed(data.events)
            ],
        ),
        "",
    ]
    out += [
        "## Scenarios",
        "",
        _md_table(SCENARIO_HEADERS, _scenario_rows(data)) if data.scenarios else "No scenarios stated about this dyad.",
        "",
    ]
    out += ["## How this was made", "", *(f"- {_md(x)}" for x in _method_items(data)), ""]
    return "\n".join(out)


def write_report(
    store: Store,
    a: str,
    b: str,
    out_path: str | os.PathLike[str],
    opts: RelationOptions = RelationOptions(),
    max_events: int = 200,
    interactive: bool = False,
) -> Path:
    """Write the report on ``a``–``b`` to ``out_path``: Markdown for ``.md``, else HTML."""
    out = Path(out_path)
    data = collect(store, a, b, opts, max_events)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() in (".md", ".markdown"):
        files = {}
        if data.n_events:
            for key, spec in (
                ("chart-index", index_chart(data.relations)),
                ("chart-volume", volume_chart(data.relations)),
            ):
                name = f"{out.stem}-{key.split('-')[1]}.svg"
                (out.parent / name).write_text(svg(spec), encoding="utf-8")
                files[key] = name
        out.write_text(render_markdown(data, files), encoding="utf-8")
    else:
        out.write_text(render_html(data, interactive), encoding="utf-8")
    log.info("report %s–%s: %d events -> %s", data.relations.a, data.relations.b, data.n_events, out)
    return out
