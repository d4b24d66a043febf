"""Write merged events out: dyad's JSONL, PLOVER JSONL, GDELT 2.0 event rows, CSV, Parquet.

GDELT 2.0 event table (``gdelt``): 61 tab-separated columns in GDELT's order, no header
(``header=True`` adds one), one row per dated event. What dyad fills:

==========================================  =========================================================
GlobalEventID                               ``global_id``: 60 bits of the hash of the event key
Day, MonthYear, Year                        the event's date (its earliest mention) as YYYYMMDD, YYYYMM, YYYY
FractionDate                                YYYY + (month × 30 + day) / 365, four decimals (GDELT's formula)
Actor1Code / Actor2Code                     the source's / target's CAMEO actor code (``PAKGOV``)
Actor1Name / Actor2Name                     the actor's text as written, upper-cased
Actor1CountryCode / Actor2CountryCode       the actor's CAMEO country code
Actor{1,2}Type1Code … Type3Code             the role codes after the country (``PAKGOVMIL`` → GOV, MIL)
Actor{1,2}KnownGroupCode, EthnicCode,       empty: dyad does not code them
Religion1Code, Religion2Code
IsRootEvent                                 1 if a mention is in an article's lead paragraph
EventCode                                   the event's CAMEO code; a root-level ``07`` is written ``070``
EventBaseCode, EventRootCode                its three-digit base and two-digit root
QuadClass                                   1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
GoldsteinScale                              GDELT's Goldstein value for the code (dyad/data/cameo)
NumMentions, NumSources, NumArticles        from the merge (``dyad.store.events``)
AvgTone                                     empty: dyad does not score tone
Actor1Geo_*, Actor2Geo_*, ActionGeo_*       Type 0 (no match), the other seven fields empty: no geocoding yet
DATEADDED                                   when the event's first mention was stored, YYYYMMDDHHMMSS (UTC)
SOURCEURL                                   URL of the first article reporting it, else that article's id
==========================================  =========================================================

PLOVER (``plover``): one JSON object per line with the PLOVER manual's field names (``id``,
``date``, ``enddate``, ``source`` and ``recipient`` as lists of actor objects ``{code,
sector, actor_text}``, ``event``, ``mode``, ``context`` as lists, ``quad_code``,
``event_scale``, ``event_text``, ``text``, ``text_info``, ``cite_info``, ``coder``,
``coded_date``, ``has_event``), plus dyad's own fields ``cameo``, ``modality``,
``num_mentions``, ``num_sources``, ``num_articles`` and ``mentions``. CAMEO 01 statements
have no PLOVER event and are left out.

CSV (``csv``) and GDELT rows: a string cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return gets a leading ``'`` so that a spreadsheet does not run it as a formula
(:mod:`dyad.csvsafe`; numbers are untouched); ``raw_csv=True`` (``--raw-csv``,
``DYAD_RAW_CSV=1``) writes cells exactly.

Parquet (``parquet``): a folder with ``events/`` and ``mentions/``, each partitioned by
``year=YYYY/month=M`` (DuckDB ``COPY … PARTITION_BY``), zstd-compressed; undated rows go to
Hive's ``__HIVE_DEFAULT_PARTITION__``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa

from dyad import csvsafe
from dyad.errors import InputError
from dyad.ontology import cameo_table
from dyad.records import sentence_index
from dyad.store.db import Store, scalar
from dyad.store.events import EVENT_COLUMNS, MENTION_COLUMNS, MergedEvent
from dyad.store.reads import EventFilter, read_events
from dyad.version import __version__

log = logging.getLogger(__name__)

FORMATS = ("jsonl", "plover", "gdelt", "csv", "parquet")
CODER = f"dyad {__version__}"
CODEBOOK = "CAMEO 1.1b3; CAMEO2PLOVER 2021"

_GEO = ("Type", "Fullname", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    *(
        f"Actor{n}{f}"
        for n in (1, 2)
        for f in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in _GEO),
    "DATEADDED",
    "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61


def _clean(expr: str) -> str:
    """A text expression safe inside a tab-separated row."""
    return f"regexp_replace(coalesce({expr}, ''), '[\\t\\r\\n]+', ' ', 'g')"


def _roles(side: str) -> str:
    code, country = f"coalesce({side}_code, '')", f"coalesce({side}_country, '')"
    return (
        f"CASE WHEN {country} <> '' AND starts_with({code}, {country}) THEN substr({code}, length({country}) + 1) "
        f"WHEN starts_with({code}, '---') THEN substr({code}, 4) ELSE '' END"
    )


def _gdelt_select(where: str) -> str:
    actor = []
    for side in ("source", "target"):
        actor += [
            _clean(f"{side}_code"),
            _clean(f"upper({side}_text)"),
            _clean(f"{side}_country"),
            "''",
            "''",
            "''",
            "''",
            f"substr({_roles(side)}, 1, 3)",
            f"substr({_roles(side)}, 4, 3)",
            f"substr({_roles(side)}, 7, 3)",
        ]
    geo = ["'0'", *["''"] * 7] * 3
    exprs = [
        "CAST(global_id AS VARCHAR)",
        "strftime(date, '%Y%m%d')",
        "strftime(date, '%Y%m')",
        "CAST(year(date) AS VARCHAR)",
        "printf('%.4f', year(date) + (month(date) * 30 + day(date)) / 365.0)",
        *actor,
        "CASE WHEN is_root THEN '1' ELSE '0' END",
        "CASE WHEN length(cameo) = 2 THEN cameo || '0' ELSE cameo END",
        "cameo_base",
        "cameo_root",
        "CAST(quad_class AS VARCHAR)",
        "CAST(coalesce(g.goldstein_gdelt, e.goldstein) AS VARCHAR)",
        "CAST(num_mentions AS VARCHAR)",
        "CAST(num_sources AS VARCHAR)",
        "CAST(num_articles AS VARCHAR)",
        "''",
        *geo,
        "strftime(added_at, '%Y%m%d%H%M%S')",
        _clean("coalesce(source_url, article_ids[1])"),
    ]
    assert len(exprs) == 61
    return (
        f"SELECT {', '.join(exprs)} FROM events e LEFT JOIN gdelt_goldstein g ON g.code = e.cameo "
        f"WHERE date IS NOT NULL AND {where} ORDER BY date, global_id"
    )


def _goldstein_table() -> pa.Table:
    table = cameo_table()
    return pa.table({"code": list(table), "goldstein_gdelt": [c.goldstein_gdelt for c in table.values()]})


def gdelt_rows(store: Store, where: EventFilter = EventFilter(), batch: int = 10_000) -> Iterator[tuple[str, ...]]:
    """The events as GDELT 2.0 event rows (61 strings each)."""
    clause, params = where.where()
    cur = store.con.cursor()
    try:
        cur.register("gdelt_goldstein", _goldstein_table())
        cur.execute(_gdelt_select(clause), params)
        while rows := cur.fetchmany(batch):
            yield from rows
    finally:
        cur.close()


def plover_actor(ref, key: str) -> dict[str, Any]:
    """A PLOVER actor object: top-level ``code`` (country), ``sector`` (the rest), ``actor_text``."""
    code = (ref.code or "").upper() if ref else ""
    top = key[:3] if key and len(key) == 3 else (code[:3] or key[:3])
    rest = code[len(key) :] if key and code.startswith(key) and len(key) == 3 else code[3:]
    out: dict[str, Any] = {"code": None if not top or top.startswith("-") else top}
    if rest:
        out["sector"] = rest
    if ref and ref.text:
        out["actor_text"] = ref.text
    return out


def plover_record(ev: MergedEvent) -> dict[str, Any] | None:
    """One event as a PLOVER record; ``None`` for events PLOVER has no category for."""
    if not ev.plover.event:
        return None
    first = ev.mentions[0] if ev.mentions else None
    rec: dict[str, Any] = {"id": ev.event_key, "has_event": True, "date": ev.date}
    if ev.date_end and ev.date_end != ev.date:
        rec["enddate"] = ev.date_end
    rec["source"] = [plover_actor(ev.source, ev.source_key)]
    if ev.target is not None or ev.target_key:
        rec["recipient"] = [plover_actor(ev.target, ev.target_key)]
    rec["event"] = [ev.plover.event]
    if ev.plover.mode:
        rec["mode"] = [ev.plover.mode]
    if ev.plover.context:
        rec["context"] = ev.plover.context.split(";")
    rec["quad_code"] = ev.quad_class
    rec["event_scale"] = ev.goldstein
    rec["event_text"] = list(dict.fromkeys(m.evidence.text for m in ev.mentions if m.evidence.text))
    if first is not None:
        rec["text"] = first.sentence
        rec["text_info"] = {
            "sequence": sentence_index(first.sentence_id),
            "start": first.evidence.start,
            "end": first.evidence.end,
        }
    rec["cite_info"] = {
        "corpus": "dyad",
        "citation": ev.article_ids[0] if ev.article_ids else None,
        "url": ev.source_url,
        "language": "en",
        "coder": CODER,
        "codebook": CODEBOOK,
    }
    rec["coder"] = CODER
    if ev.added_at:
        rec["coded_date"] = ev.added_at[:10]
    rec.update(
        {
            "cameo": ev.cameo,
            "modality": ev.modality,
            "num_mentions": ev.num_mentions,
            "num_sources": ev.num_sources,
            "num_articles": ev.num_articles,
            "mentions": [
                {
                    "event_id": m.event_id,
                    "doc_id": m.doc_id,
                    "sentence_id": m.sentence_id,
                    "date": m.date,
                    "sentence": m.sentence,
                    "evidence": m.evidence.as_dict(),
                }
                for m in ev.mentions
            ],
        }
    )
    return rec


def _write_jsonl(records, out: TextIO) -> int:
    n = 0
    for rec in records:
        if rec is None:
            continue
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def _csv_columns() -> list[str]:
    return [c for c in EVENT_COLUMNS if c != "merge_group"]


def write_parquet(store: Store, out_dir: str | Path, where: EventFilter = EventFilter()) -> int:
    """Events and their mentions as Parquet under ``out_dir/{events,mentions}/year=/month=/``."""
    out = Path(out_dir)
    if out.exists() and any(out.iterdir()):
        raise InputError(f"{out} is not empty; parquet export writes a fresh folder")
    out.mkdir(parents=True, exist_ok=True)
    clause, params = where.where()
    cols = ", ".join(_csv_columns())
    n = int(scalar(store.con, f"SELECT count(*) FROM events WHERE {clause}", params))
    store.con.execute(
        f"COPY (SELECT {cols}, year(date) AS year, month(date) AS month FROM events WHERE {clause}) "
        f"TO '{_sql_path(out / 'events')}' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (year, month))",
        params,
    )
    mcols = ", ".join(f"m.{c}" for c in MENTION_COLUMNS if c != "merge_group")
    has_mentions = scalar(store.con, "SELECT count(*) > 0 FROM mentions")
    if has_mentions:
        store.con.execute(
            f"COPY (SELECT {mcols}, m.event_key, year(m.date) AS year, month(m.date) AS month FROM mentions m "
            f"WHERE m.event_key IN (SELECT event_key FROM events WHERE {clause})) "
            f"TO '{_sql_path(out / 'mentions')}' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (year, month))",
            params,
        )
    return n


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def export(
    store: Store,
    fmt: str,
    out: TextIO | str | Path,
    where: EventFilter = EventFilter(),
    header: bool = False,
    raw_csv: bool | None = None,
) -> int:
    """Write the events selected by ``where`` in ``fmt`` to ``out``; return how many were written.

    ``out`` is a text stream or a file path; for ``parquet``, a folder (new or empty).
    ``header`` adds a header row to ``gdelt`` (GDELT's own files have none); ``csv`` always has one.
    ``csv`` and ``gdelt`` string cells that would run as spreadsheet formulas get a leading ``'``
    unless ``raw_csv`` (``None``: :func:`dyad.csvsafe.raw_default`, i.e. ``DYAD_RAW_CSV``).
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, (str, Path)):
            raise InputError("parquet export needs an output folder (--out DIR)")
        return write_parquet(store, out, where)
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return export(store, fmt, fh, where, header, raw_csv)
    if fmt == "jsonl":
        return _write_jsonl((e.as_dict() for e in read_events(store, where)), out)
    if fmt == "plover":
        return _write_jsonl((plover_record(e) for e in read_events(store, where)), out)
    raw = csvsafe.raw_default() if raw_csv is None else raw_csv
    if fmt == "gdelt":
        n = 0
        if header:
            out.write("\t".join(GDELT_COLUMNS) + "\n")
        for row in gdelt_rows(store, where):
            out.write("\t".join(row if raw else map(csvsafe.safe_cell, row)) + "\n")
            n += 1
        return n
    writer = csvsafe.Writer(out, raw=raw, lineterminator="\n")
    cols = _csv_columns()
    writer.writerow(cols)
    n = 0
    clause, params = where.where()
    cur = store.con.cursor()
    try:
        cur.execute(f"SELECT {', '.join(cols)} FROM events WHERE {clause} ORDER BY date NULLS LAST, event_key", params)
        while rows := cur.fetchmany(10_000):
            for r in rows:
                writer.writerow([";".join(v) if isinstance(v, list) else ("" if v is None else v) for v in r])
            n += len(rows)
    finally:
        cur.close()
    return n
