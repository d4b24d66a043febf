"""``?format=csv``: the API's tables as CSV, every text cell through :mod:`dyad.csvsafe`
(a cell such as ``=HYPERLINK(…)`` from an article's URL never runs in a spreadsheet)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi.responses import Response

from dyad.csvsafe import DictWriter


def csv_response(name: str, rows: Sequence[Mapping[str, Any]], next_cursor: str | None = None) -> Response:
    """``rows`` (flat dicts, the first row's keys as the header) as a CSV attachment; the next
    page's cursor, if any, in the ``X-Next-Cursor`` header."""
    out = io.StringIO()
    if rows:
        writer = DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    headers = {"Content-Disposition": f'attachment; filename="{name}.csv"'}
    if next_cursor:
        headers["X-Next-Cursor"] = next_cursor
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


def _actor(prefix: str, ref: Mapping[str, Any] | None) -> dict[str, Any]:
    ref = ref or {}
    return {
        f"{prefix}_text": ref.get("text"),
        f"{prefix}_code": ref.get("code"),
        f"{prefix}_country": ref.get("country"),
    }


def flat_event(e: Mapping[str, Any]) -> dict[str, Any]:
    """An event item as one CSV row (actors and PLOVER fields spread into columns)."""
    plover = e.get("plover") or {}
    return {
        "event_key": e["event_key"],
        "date": e["date"],
        "date_end": e["date_end"],
        **_actor("source", e.get("source")),
        **_actor("target", e.get("target")),
        "cameo": e["cameo"],
        "cameo_name": e["cameo_name"],
        "goldstein": e["goldstein"],
        "quad_class": e["quad_class"],
        "modality": e["modality"],
        "plover_event": plover.get("event"),
        "plover_context": plover.get("context"),
        "num_mentions": e["num_mentions"],
        "num_sources": e["num_sources"],
        "num_articles": e["num_articles"],
        "confidence": e["confidence"],
        "article_ids": ";".join(e.get("article_ids") or ()),
        "source_url": e.get("source_url"),
    }


def _drivers(items: Sequence[Mapping[str, Any]]) -> str:
    return "; ".join(f"{d['key']} {d['name']} ({d['contribution']:+g})" for d in items)


def flat_period(r: Mapping[str, Any]) -> dict[str, Any]:
    """A relations row: its counts and index, the drivers as ``code name (contribution)`` lists."""
    return {
        **{k: v for k, v in r.items() if k not in ("top_codes", "top_contexts")},
        "top_codes": _drivers(r.get("top_codes") or ()),
        "top_contexts": _drivers(r.get("top_contexts") or ()),
    }


def flat_scenario(s: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": s["id"],
        "date": s["date"],
        "status": s["status"],
        "stated_by": s["stated_by"],
        "hedge": s["hedge"],
        "text": s["text"],
        "evidence_events": ";".join(x["event_key"] or x["event_id"] for x in s["evidence"]),
    }
