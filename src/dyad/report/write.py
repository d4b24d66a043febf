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

Article text is never markup: the HTML escapes every string that comes from an article, and
the Markdown escapes ``&``, ``<``, ``>`` (so a sentence's ``<script>`` or ``<img onerror>`` stays
text), the brackets, backslash, backtick and ``|`` (so it cannot make a link or break a table);
links go only to ``http(s)`` URLs, percent-encoded so that they cannot leave the link.
"""

from __future__ import annotations

import html
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from dyad.version import __version__
from dyad.store.events import EventFilter, MergedEvent, MergeRule, read_events, stored_rule
from dyad.records import Event, Record
from dyad.analysis.relations import QUADS, PeriodStats, RelationOptions, Relations, relations
from dyad.store.db import Store

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


def collect(store: Store, a: str, b: str, opts: RelationOptions = RelationOptions(),
            max_events: int = 200) -> ReportData:
    """Compute the relations and read the latest ``max_events`` events of the dyad."""
    rel = relations(store, a, b, opts)
    where = EventFilter(dyad=(rel.a, rel.b), modality=opts.modality, since=opts.since, until=opts.until)
    clause, params = where.where()
    n = int(store.con.execute(f"SELECT count(*) FROM events WHERE {clause}", params).fetchone()[0])
    evs = list(read_events(store, where, offset=max(0, n - max_events))) if max_events > 0 else []
    from dyad.scenarios import find as scn
    found = scn.load(store, (rel.a, rel.b))
    return ReportData(relations=rel, events=tuple(evs), n_events=n, rule=stored_rule(store) or MergeRule(),
                      db=store.path, generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                      articles=_articles(store, {m.doc_id for e in evs for m in e.mentions}),
                      scenarios=tuple(zip(found, scn.states(store, found))))


def _signposts(patterns) -> str:
    """Conditions or consequences as watchable patterns: "NOT PAK→USA 04x: text"."""
    return "; ".join(f"{'NOT ' if p.negated else ''}{p.source or '*'}→{p.target or '*'} "
                     f"{(p.cameo[:2] + 'x') if p.cameo else '(text only)'}: {p.text}" for p in patterns)


def _scenario_rows(data: ReportData) -> list[list[str]]:
    return [[s.date or "?", st.status, _signposts(s.conditions), _signposts(s.consequences), s.hedge or "",
             s.stated_by, ", ".join(st.evidence_events) or "—"] for s, st in data.scenarios]


SCENARIO_HEADERS = ["stated", "status", "if (signposts)", "then", "hedge", "by", "events that moved it"]


def _articles(store: Store, ids: set[str]) -> dict[str, ArticleRef]:
    import pyarrow as pa

    if not ids:
        return {}
    cited = pa.table({"k": sorted(ids)})  # noqa: F841 (read by DuckDB)
    rows = store.con.execute("SELECT id, title, source, CAST(date AS VARCHAR), url FROM articles "
                             "WHERE id IN (SELECT k FROM cited)").fetchall()
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
        rows = [{"period": r.period, "index": r.index, "lo": r.index_lo, "hi": r.index_hi, "events": r.events}
                for r in rel.rows if r.direction == direction]
        base = alt.Chart(alt.Data(values=rows))
        layers = [
            base.mark_area(opacity=0.18, color=colour).encode(x=x, y=y, y2="hi:Q"),
            alt.Chart(alt.Data(values=[{"y": 0}])).mark_rule(color="#aaaaaa").encode(y="y:Q"),
            base.mark_line(color=colour, point=alt.OverlayMarkDef(size=24, color=colour)).encode(
                x=x, y="index:Q",
                tooltip=[alt.Tooltip("period:T", title=rel.options.period), alt.Tooltip("index:Q", format="+.2f"),
                         alt.Tooltip("lo:Q", format="+.2f", title="band from"),
                         alt.Tooltip("hi:Q", format="+.2f", title="band to"), "events:Q"]),
        ]
        cps = [{"period": c.period, "before": c.index_before, "after": c.index_after}
               for c in rel.change_points if c.direction == direction]
        if cps:
            layers.append(alt.Chart(alt.Data(values=cps)).mark_rule(
                color="#000000", strokeDash=[5, 3], strokeWidth=1.5).encode(
                x="period:T", tooltip=[alt.Tooltip("period:T", title="change from"),
                                       alt.Tooltip("before:Q", format="+.2f"), alt.Tooltip("after:Q", format="+.2f")]))
        panels.append(alt.layer(*layers).properties(width=900, height=130, title=direction))
    return alt.vconcat(*panels, spacing=12).to_dict()


def volume_chart(rel: Relations) -> dict:
    """Vega-Lite: events per period in both directions, stacked by quad class."""
    import altair as alt

    both = rel.directions()[2]
    rows = [{"period": r.period, "quad": QUAD_LABELS[k], "order": k, "events": getattr(r, q)}
            for r in rel.rows if r.direction == both for k, q in enumerate(QUADS) if getattr(r, q)]
    return alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        x=alt.X("period:T", title=None),
        y=alt.Y("sum(events):Q", title="events"),
        color=alt.Color("quad:N", scale=alt.Scale(domain=list(QUAD_LABELS), range=list(QUAD_COLORS)),
                        legend=alt.Legend(title=None, orient="top")),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("period:T", title="period"), "quad:N", "events:Q"],
    ).properties(width=900, height=160).to_dict()


def svg(spec: dict) -> str:
    """A Vega-Lite spec as an SVG string (vl-convert: Vega in-process, no network)."""
    import vl_convert as vlc

    out = vlc.vegalite_to_svg(spec)
    return out[out.index("<svg"):]


def _bundle() -> str:
    import vl_convert as vlc

    return vlc.javascript_bundle()


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


def _span(rel: Relations) -> str:
    periods = [r.period for r in rel.rows if r.events]
    return f"{periods[0]} to {periods[-1]}" if periods else "no events"


def _evidence_html(m: Event) -> str:
    s, e = m.evidence.start, m.evidence.end
    text = m.sentence
    if 0 <= s < e <= len(text) and text[s:e] == m.evidence.text:
        return f"{html.escape(text[:s])}<mark>{html.escape(text[s:e])}</mark>{html.escape(text[e:])}"
    return html.escape(text) + (f" <mark>{html.escape(m.evidence.text)}</mark>" if m.evidence.text else "")


def _cite_html(m: Event, articles: dict[str, ArticleRef]) -> str:
    """``— Title (Outlet), date`` linked to the article's URL; the article id when not stored."""
    a = articles.get(m.doc_id)
    label = html.escape((a.title if a and a.title else m.doc_id[:12]) + (f" ({a.source})" if a and a.source else ""))
    if a and a.url and a.url.startswith(("http://", "https://")):
        label = f'<a href="{html.escape(a.url, quote=True)}">{label}</a>'
    return f'<span class="quote">— {label}{", " + html.escape(m.date) if m.date else ""}</span>'


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
_CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:1080px;
margin:2em auto;padding:0 1em}
h1{margin-bottom:.1em}h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.meta{color:#666;margin-top:0}table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:13px}
th,td{border-bottom:1px solid #e5e5e5;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f6f6f6}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
figure.chart{margin:.5em 0;overflow-x:auto}figure.chart svg{max-width:100%;height:auto}
mark{background:#fff1a8;padding:0 1px}.quote{color:#555}.q1,.q2{color:#238b45}.q3,.q4{color:#a50f15}
ul.mentions{margin:0;padding-left:1.1em}.none{color:#888;font-style:italic}
"""


def _table(headers: list[str], rows: list[list[str]], cls: str = "", num: set[int] | None = None,
           id_: str | None = None) -> str:
    num = num or set()
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f'<td class="num">{c}</td>' if i in num else f"<td>{c}</td>"
                                    for i, c in enumerate(r)) + "</tr>" for r in rows)
    ident = f' id="{id_}"' if id_ else ""
    return f'<table{ident} class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _event_rows(events: tuple[MergedEvent, ...], articles: dict[str, ArticleRef]) -> list[list[str]]:
    out = []
    for e in reversed(events):  # newest first
        mentions = "".join(f"<li>{_evidence_html(m)} {_cite_html(m, articles)}</li>" for m in e.mentions)
        out.append([
            html.escape(e.date or "?"),
            html.escape(f"{_actor(e.source, e.source_key)} → {_actor(e.target, e.target_key)}"),
            f"{html.escape(e.cameo)} {html.escape(e.cameo_name)}",
            f'<span class="q{e.quad_class}">{e.quad_class}</span>', f"{e.goldstein:+.1f}",
            html.escape(e.modality), f"{e.num_mentions}/{e.num_sources}/{e.num_articles}",
            f'<ul class="mentions">{mentions}</ul>' if mentions else '<span class="none">no stored mentions</span>',
        ])
    return out


def _js(value) -> str:
    """A value as a JavaScript literal that cannot close the surrounding script element."""
    return json.dumps(value).replace("</", "<\\/")


def render_html(data: ReportData, interactive: bool = False) -> str:
    """The report as one self-contained HTML page."""
    rel = data.relations
    o = rel.options
    title = f"{rel.a} – {rel.b}"
    parts = [f"<h1>{html.escape(title)}</h1>",
             f'<p class="meta">{html.escape(", ".join(o.modality) or "all")} events by {o.period}, '
             f"{html.escape(_span(rel))}. {data.n_events} events. Generated by dyad {__version__} from "
             f"{html.escape(Path(data.db).name)} on {data.generated}.</p>"]
    totals = [[html.escape(t.direction), str(t.events), str(t.verbal_coop + t.material_coop),
               str(t.verbal_conflict + t.material_conflict), _fmt(t.goldstein_mean), _band(t),
               html.escape(_drivers(t.top_codes))] for t in rel.totals]
    parts += ['<section id="summary"><h2>Summary</h2>',
              _table(["direction", "events", "cooperation", "conflict", "mean Goldstein", "index [band]",
                      "top codes (contribution, events)"], totals, num={1, 2, 3, 4, 5}), "</section>"]
    specs = {}
    if data.n_events:
        specs = {"chart-index": index_chart(rel), "chart-volume": volume_chart(rel)}
        parts += ['<section id="index"><h2>Net cooperation index</h2>',
                  f'<figure class="chart" id="chart-index">{svg(specs["chart-index"])}</figure>',
                  f"<p>Each panel: the index per {o.period} (gaps: no events), its {o.level:.0%} band shaded, "
                  "change points dashed.</p>",
                  "</section>",
                  '<section id="volume"><h2>Events by quad class</h2>',
                  f'<figure class="chart" id="chart-volume">{svg(specs["chart-volume"])}</figure></section>']
    else:
        parts.append(f'<p class="none">No {html.escape(", ".join(o.modality))} events between '
                     f"{html.escape(rel.a)} and {html.escape(rel.b)} in this store.</p>")
    cp_rows = [[html.escape(c.period[:7]), html.escape(c.direction), _fmt(c.index_before), _fmt(c.index_after),
                html.escape(_drivers(c.drivers))] for c in rel.change_points]
    parts += ['<section id="changes"><h2>Change points</h2>',
              _table(["from", "direction", "index before", "index after", "what changed (Δ contribution)"],
                     cp_rows, num={2, 3}) if cp_rows else '<p class="none">No change points.</p>', "</section>"]
    ctx_rows = [[html.escape(t.direction), html.escape(_drivers(t.top_codes)),
                 html.escape(", ".join(f"{d.key} ({d.contribution:+.2f}, {d.events})" for d in t.top_contexts))]
                for t in rel.totals]
    parts += ['<section id="drivers"><h2>Drivers</h2>',
              _table(["direction", "CAMEO codes", "PLOVER contexts"], ctx_rows), "</section>"]
    period_rows = [[html.escape(period_label(r.period, o.period)), html.escape(r.direction), str(r.events),
                    _band(r), f"{r.goldstein_sum:+.1f}", html.escape(_drivers(r.top_codes))]
                   for r in rel.rows if r.events]
    parts += [f'<section id="periods"><h2>By {o.period}</h2>',
              _table([o.period, "direction", "events", "index [band]", "Goldstein sum", "top codes"],
                     period_rows, num={2, 3, 4}) if period_rows else '<p class="none">No events.</p>', "</section>"]
    shown = (f"The latest {len(data.events)} of {data.n_events} events, newest first."
             if len(data.events) < data.n_events else f"All {data.n_events} events, newest first.")
    parts += ['<section id="events"><h2>Events</h2>', f"<p>{shown} Mentions/sources/articles; each mention's "
              "sentence with its trigger marked.</p>",
              _table(["date", "source → target", "CAMEO", "quad", "Goldstein", "modality", "m/s/a",
                      "evidence"], _event_rows(data.events, data.articles), cls="events", num={3, 4, 6},
                     id_="event-table"),
              "</section>"]
    parts += ['<section id="scenarios"><h2>Scenarios</h2>',
              "<p>Conditional expectations stated about this dyad, each condition and consequence a "
              "pattern watched for in later asserted events.</p>",
              _table(SCENARIO_HEADERS, [[html.escape(c) for c in row] for row in _scenario_rows(data)])
              if data.scenarios else '<p class="none">No scenarios stated about this dyad.</p>', "</section>"]
    parts += ['<section id="method"><h2>How this was made</h2><ul>',
              *(f"<li>{html.escape(x)}</li>" for x in _method_items(data)), "</ul></section>"]
    script = ""
    if interactive and specs:
        calls = "".join(f"vegaEmbed({_js('#' + k)}, {_js(v)}, {{renderer: 'svg', actions: false}})"
                        f".catch(e => console.error(e));\n" for k, v in specs.items())
        bundle = _bundle().replace("</script", "<\\/script")
        script = f"<script>{bundle}</script>\n<script>\n{calls}</script>"
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(title)} · dyad</title><style>{_CSS}</style></head>\n<body>\n"
            + "\n".join(parts) + f"\n{script}\n</body></html>\n")


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
    return _Markdown(" · ".join(f"{_md(m.sentence)} \\[{_md(m.evidence.text)}\\] {_cite_md(m, articles)}"
                                for m in e.mentions))


def render_markdown(data: ReportData, chart_files: dict[str, str] | None = None) -> str:
    """The report as Markdown; ``chart_files`` maps chart ids to SVG file names to link.

    Every string from the store goes through :func:`_md` (or into a link by :func:`_md_link`):
    raw HTML in an article is shown as text, never passed on.
    """
    rel = data.relations
    o = rel.options
    out = [f"# {_md(rel.a)} – {_md(rel.b)}", "",
           _md(f"{', '.join(o.modality) or 'all'} events by {o.period}, {_span(rel)}. {data.n_events} events. "
               f"Generated by dyad {__version__} from {Path(data.db).name} on {data.generated}."), "",
           "## Summary", "",
           _md_table(["direction", "events", "cooperation", "conflict", "mean Goldstein", "index [band]", "top codes"],
                     [[t.direction, str(t.events), str(t.verbal_coop + t.material_coop),
                       str(t.verbal_conflict + t.material_conflict), _fmt(t.goldstein_mean), _band(t),
                       _drivers(t.top_codes)] for t in rel.totals]), ""]
    for key, heading in (("chart-index", "Net cooperation index"), ("chart-volume", "Events by quad class")):
        if chart_files and key in chart_files:
            out += [f"## {heading}", "", f"![{heading}]({quote(chart_files[key], safe=_URL_SAFE)})", ""]
    out += ["## Change points", ""]
    out += [_md_table(["from", "direction", "index before", "index after", "what changed"],
                      [[c.period[:7], c.direction, _fmt(c.index_before), _fmt(c.index_after), _drivers(c.drivers)]
                       for c in rel.change_points]) if rel.change_points else "No change points.", ""]
    out += [f"## By {_md(o.period)}", "",
            _md_table([o.period, "direction", "events", "index [band]", "top codes"],
                      [[period_label(r.period, o.period), r.direction, str(r.events), _band(r),
                        _drivers(r.top_codes)]
                       for r in rel.rows if r.events]), ""]
    out += ["## Events", "", _md_table(
        ["date", "source → target", "CAMEO", "quad", "Goldstein", "modality", "m/s/a", "evidence"],
        [[e.date or "?", f"{_actor(e.source, e.source_key)} → {_actor(e.target, e.target_key)}",
          f"{e.cameo} {e.cameo_name}", str(e.quad_class), f"{e.goldstein:+.1f}", e.modality,
          f"{e.num_mentions}/{e.num_sources}/{e.num_articles}", _evidence_md(e, data.articles)]
         for e in reversed(data.events)]), ""]
    out += ["## Scenarios", "", _md_table(SCENARIO_HEADERS, _scenario_rows(data)) if data.scenarios
            else "No scenarios stated about this dyad.", ""]
    out += ["## How this was made", "", *(f"- {_md(x)}" for x in _method_items(data)), ""]
    return "\n".join(out)


def write_report(store: Store, a: str, b: str, out_path: str | Path, opts: RelationOptions = RelationOptions(),
                 max_events: int = 200, interactive: bool = False) -> Path:
    """Write the report on ``a``–``b`` to ``out_path``: Markdown for ``.md``, else HTML."""
    out = Path(out_path)
    data = collect(store, a, b, opts, max_events)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() in (".md", ".markdown"):
        files = {}
        if data.n_events:
            for key, spec in (("chart-index", index_chart(data.relations)),
                              ("chart-volume", volume_chart(data.relations))):
                name = f"{out.stem}-{key.split('-')[1]}.svg"
                (out.parent / name).write_text(svg(spec), encoding="utf-8")
                files[key] = name
        out.write_text(render_markdown(data, files), encoding="utf-8")
    else:
        out.write_text(render_html(data, interactive), encoding="utf-8")
    log.info("report %s–%s: %d events -> %s", data.relations.a, data.relations.b, data.n_events, out)
    return out
