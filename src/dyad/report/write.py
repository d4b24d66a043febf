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
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.analysis.relations import QUADS, RelationOptions, Relations
from dyad.settings import data_path
from dyad.store.db import Store
from dyad.store.events import MergedEvent
from dyad.version import __version__

if TYPE_CHECKING:
    import jinja2
from dyad.report.data import (
    SCENARIO_HEADERS,
    ArticleRef,
    EventRow,
    ReportData,
    actor,
    band,
    change_rows,
    collect,
    drivers,
    mention_quote,
    method_items,
    period_label,
    scenario_rows,
    span,
    summary_rows,
)
from dyad.report.markdown import render_markdown

log = logging.getLogger(__name__)


DIRECTION_COLORS = ("#1f77b4", "#e6550d", "#444444")


QUAD_COLORS = ("#74c476", "#238b45", "#fb6a4a", "#a50f15")


QUAD_LABELS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")


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
            f"{actor(e.source, e.source_key)} → {actor(e.target, e.target_key)}",
            f"{e.cameo} {e.cameo_name}",
            e.quad_class,
            f"{e.goldstein:+.1f}",
            e.modality,
            f"{e.num_mentions}/{e.num_sources}/{e.num_articles}",
            tuple(mention_quote(m, articles) for m in e.mentions),
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
        "span": span(rel),
        "n_events": data.n_events,
        "version": __version__,
        "db_name": Path(data.db).name,
        "generated": data.generated,
        "level": f"{o.level:.0%}",
        "summary_rows": summary_rows(rel),
        "charts": charts,
        "change_rows": change_rows(rel),
        "driver_rows": [
            [
                t.direction,
                drivers(t.top_codes),
                ", ".join(f"{d.key} ({d.contribution:+.2f}, {d.events})" for d in t.top_contexts),
            ]
            for t in rel.totals
        ],
        "period_rows": [
            [
                period_label(r.period, o.period),
                r.direction,
                str(r.events),
                band(r),
                f"{r.goldstein_sum:+.1f}",
                drivers(r.top_codes),
            ]
            for r in rel.rows
            if r.events
        ],
        "shown": shown,
        "events": _event_rows(data.events, data.articles),
        "scenario_headers": SCENARIO_HEADERS,
        "scenario_rows": scenario_rows(data),
        "method_items": method_items(data),
        "embeds": embeds,
        "bundle": bundle,
    }


def render_html(data: ReportData, interactive: bool = False) -> str:
    """The report as one self-contained HTML page."""
    return templates().get_template("report.html").render(html_context(data, interactive))


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
