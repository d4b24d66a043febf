"""The analysis commands: export, relations, dyads, network, report, sql.

``register(app)`` adds them to dyad's typer app (``dyad.cli.main`` calls it); each parses its
options and calls a function of ``dyad.api``.
"""

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from dyad import api, csvsafe
from dyad.analysis.export import FORMATS
from dyad.cli.common import (
    STDOUT,
    DbOption,
    FormatOption,
    ParquetOption,
    TableFormat,
    dataset_db,
    err,
    labelled_output,
    out,
)
from dyad.cli.common import fail as _fail
from dyad.cli.common import print_rows as _print_rows
from dyad.errors import DyadError

SQL_DISPLAY_LIMIT = 1000  # rows `dyad sql` shows as a table unless --limit says otherwise


class SqlFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


ALL = "all"


def _modality(values: Optional[list[str]]) -> tuple[str, ...]:
    """``--modality`` values: asserted by default, ``all`` for every modality."""
    values = values or ["asserted"]
    return () if ALL in values else tuple(values)


def _band(row: dict) -> str:
    if row["index"] is None:
        return ""
    if row["index_lo"] is None:
        return f"{row['index']:+.2f}"
    return f"{row['index']:+.2f} [{row['index_lo']:+.2f}, {row['index_hi']:+.2f}]"


def _codes(drivers: list[dict]) -> str:
    return ", ".join(f"{d['key']} ({d['contribution']:+.2f})" for d in drivers)


def _num(x: Optional[float]) -> str:
    return "" if x is None else f"{x:+.2f}"


ModalityOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--modality",
        "-m",
        help="Modality to count (repeatable): asserted (default), negated, hypothetical, future, desired, or all.",
    ),
]
SinceOption = Annotated[Optional[str], typer.Option(help="First day, YYYY-MM-DD (inclusive).")]
UntilOption = Annotated[Optional[str], typer.Option(help="Last day, YYYY-MM-DD (inclusive).")]


def need_store(db: str) -> None:
    """Exit with a one-line error when there is no store at ``db``."""
    if not Path(db).exists():
        _fail(f"no store at {db}; run `dyad ingest` first")


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")] = "jsonl",
    out_path: Annotated[
        str, typer.Option("--out", "-o", help="Output file (- for standard output); a new folder for parquet.")
    ] = "-",
    db: DbOption = "dyad.duckdb",
    parquet: ParquetOption = None,
    actor: Annotated[
        Optional[list[str]],
        typer.Option(
            "--actor", "-a", help="Repeatable. One: events involving it; two: between them; more: among them."
        ),
    ] = None,
    modality: Annotated[
        Optional[list[str]], typer.Option("--modality", "-m", help="Modality to export (repeatable); default: all.")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    header: Annotated[bool, typer.Option(help="Header row for gdelt (GDELT's files have none).")] = False,
    raw_csv: Annotated[bool, typer.Option("--raw-csv/--safe-csv", help=csvsafe.RAW_HELP, envvar=csvsafe.ENV)] = False,
) -> None:
    """Export merged events: dyad's JSONL, PLOVER JSONL, GDELT 2.0 event rows, CSV or Parquet.

    CSV and GDELT text cells starting with = + - @ get a leading ' so that spreadsheets do not run
    them as formulas (numbers are untouched); --raw-csv or DYAD_RAW_CSV=1 writes them exactly.

    Example: dyad export --format gdelt --out events.tsv --actor USA --actor PAK --db news.duckdb
    """
    db = dataset_db(db, parquet)
    need_store(db)
    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    target = sys.stdout if out_path == "-" else out_path
    if fmt == "parquet" and out_path == "-":
        _fail("parquet needs an output folder: --out DIR")
    try:
        with csvsafe.raw_cells(raw_csv), labelled_output(STDOUT if out_path == "-" else out_path):
            n = api.export(fmt, target, db, actor or (), tuple(modality or ()), since, until, header)
            sys.stdout.flush()
    except (DyadError, ValueError) as exc:
        _fail(str(exc))
    err.print(f"exported {n} events as {fmt}" + ("" if out_path == "-" else f" -> {out_path}"), highlight=False)


def relations(
    a: Annotated[str, typer.Argument(help="First actor (country code: USA).")],
    b: Annotated[str, typer.Argument(help="Second actor (PAK).")],
    db: DbOption = "dyad.duckdb",
    parquet: ParquetOption = None,
    fmt: FormatOption = TableFormat.table,
    period: Annotated[str, typer.Option(help="day, week, month or year.")] = "month",
    modality: ModalityOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    bootstrap: Annotated[int, typer.Option(help="Bootstrap resamples of articles for the band (0: none).")] = 500,
    seed: Annotated[int, typer.Option(help="Seed of the bootstrap.")] = 0,
    penalty: Annotated[
        Optional[float],
        typer.Option(help="PELT penalty for change points (default: 5·σ²·ln n, see dyad.analysis.relations)."),
    ] = None,
) -> None:
    """A dyad over time, both directions: counts by quad class, Goldstein sum and mean, the net
    cooperation index with its bootstrap band, top codes, and change points.

    Example: dyad relations USA PAK --period month --db news.duckdb
    """
    db = dataset_db(db, parquet)
    need_store(db)
    try:
        r = api.relations(a, b, db, period, _modality(modality), since, until, bootstrap, seed, penalty)
    except (DyadError, ValueError) as exc:
        _fail(str(exc))
    if fmt is TableFormat.json:
        sys.stdout.write(json.dumps(r, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt is TableFormat.jsonl:
        for kind, rows in (("period", r["rows"]), ("total", r["totals"]), ("change", r["change_points"])):
            for row in rows:
                sys.stdout.write(json.dumps({"kind": kind, **row}, ensure_ascii=False) + "\n")
        return
    cols = ["period", "direction", "events", "coop", "conflict", "goldstein", "mean", "index [band]", "top codes"]

    def line(x: dict) -> dict:
        return {
            "period": x["period"],
            "direction": x["direction"],
            "events": x["events"],
            "coop": x["verbal_coop"] + x["material_coop"],
            "conflict": x["verbal_conflict"] + x["material_conflict"],
            "goldstein": f"{x['goldstein_sum']:+.1f}",
            "mean": _num(x["goldstein_mean"]),
            "index [band]": _band(x),
            "top codes": _codes(x["top_codes"]),
        }

    _print_rows([line(x) for x in r["rows"] if x["events"]], fmt, cols, title=f"{r['a']}–{r['b']} by {period}")
    _print_rows([line(x) for x in r["totals"]], fmt, cols, title="whole span")
    changes = [
        {
            "from": c["period"][:7],
            "direction": c["direction"],
            "before": _num(c["index_before"]),
            "after": _num(c["index_after"]),
            "what changed": _codes(c["drivers"]),
        }
        for c in r["change_points"]
    ]
    if changes:
        _print_rows(changes, fmt, ["from", "direction", "before", "after", "what changed"], title="change points")
    else:
        out.print("no change points", style="dim")


def dyads(
    db: DbOption = "dyad.duckdb",
    parquet: ParquetOption = None,
    fmt: FormatOption = TableFormat.table,
    sort: Annotated[str, typer.Option(help="volume, change (of the index, recent vs prior) or recent.")] = "volume",
    recent_months: Annotated[int, typer.Option(help="Length of the recent and the prior window.")] = 12,
    limit: Annotated[int, typer.Option(help="How many dyads (0: all).")] = 20,
    modality: ModalityOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    include_domestic: Annotated[bool, typer.Option(help="Keep events within one country.")] = False,
) -> None:
    """Rank dyads by volume and by how their net cooperation changed recently.

    Example: dyad dyads --sort change --recent-months 6 --db news.duckdb
    """
    db = dataset_db(db, parquet)
    need_store(db)
    try:
        rows = api.dyads(db, sort, recent_months, limit or None, _modality(modality), since, until, include_domestic)
    except (DyadError, ValueError) as exc:
        _fail(str(exc))
    if fmt is TableFormat.table:
        rows = [
            {
                **d,
                "dyad": f"{d['a']}–{d['b']}",
                "index": _num(d["index"]),
                "recent": _num(d["recent_index"]),
                "prior": _num(d["prior_index"]),
                "change": _num(d["index_change"]),
            }
            for d in rows
        ]
    _print_rows(
        rows,
        fmt,
        [
            "dyad",
            "events",
            "a_to_b",
            "b_to_a",
            "index",
            "recent_events",
            "prior_events",
            "recent",
            "prior",
            "change",
            "last_date",
        ],
    )


def network(
    actors: Annotated[list[str], typer.Argument(help="Two or more actors (country codes).")],
    db: DbOption = "dyad.duckdb",
    parquet: ParquetOption = None,
    fmt: FormatOption = TableFormat.table,
    modality: ModalityOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    undirected: Annotated[bool, typer.Option(help="Pool both directions (a symmetric matrix).")] = False,
) -> None:
    """Matrix of net cooperation among actors: row = source, column = target.

    Example: dyad network USA PAK IND AFG CHN --db news.duckdb
    """
    db = dataset_db(db, parquet)
    need_store(db)
    try:
        net = api.network(actors, db, _modality(modality), since, until, directed=not undirected)
    except (DyadError, ValueError) as exc:
        _fail(str(exc))
    if fmt is TableFormat.jsonl:
        _print_rows(net["cells"], fmt, [])
        return
    if fmt is TableFormat.json:
        sys.stdout.write(json.dumps(net, ensure_ascii=False, indent=2) + "\n")
        return
    keys = net["actors"]
    rows = [
        {
            "source → target": s,
            **{
                t: (
                    "·"
                    if i == j
                    else ""
                    if net["events"][i][j] == 0
                    else f"{_num(net['index'][i][j]) or '0'} ({net['events'][i][j]})"
                )
                for j, t in enumerate(keys)
            },
        }
        for i, s in enumerate(keys)
    ]
    _print_rows(rows, fmt, ["source → target", *keys], title="net cooperation index (events)")


def report(
    a: Annotated[str, typer.Argument(help="First actor (USA).")],
    b: Annotated[str, typer.Argument(help="Second actor (PAK).")],
    out_path: Annotated[
        Optional[str], typer.Option("--out", "-o", help="Report file: .html (default) or .md. Default: A-B.html")
    ] = None,
    db: DbOption = "dyad.duckdb",
    parquet: ParquetOption = None,
    period: Annotated[str, typer.Option(help="day, week, month or year.")] = "month",
    modality: ModalityOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    max_events: Annotated[int, typer.Option(help="Latest events listed with their evidence.")] = 200,
    interactive: Annotated[
        bool, typer.Option(help="Also inline Vega's JavaScript (≈1 MB) for live charts with tooltips.")
    ] = False,
    bootstrap: Annotated[int, typer.Option(help="Bootstrap resamples of articles for the band.")] = 500,
) -> None:
    """Write a self-contained HTML (or Markdown) report on a dyad: index chart with band and change
    points, volume by quad class, drivers, and every event with its evidence.

    Example: dyad report USA PAK --out usa-pak.html --db news.duckdb
    """
    db = dataset_db(db, parquet)
    need_store(db)
    path = out_path or f"{a.lower()}-{b.lower()}.html"
    try:
        with labelled_output(path):
            written = api.report(
                a, b, db, path, period, _modality(modality), since, until, max_events, interactive, bootstrap
            )
    except (DyadError, ValueError) as exc:
        _fail(str(exc))
    err.print(f"report -> {written}", highlight=False)


def sql(
    query: Annotated[str, typer.Argument(help="SQL (read-only); - to read it from standard input.")],
    db: DbOption = "dyad.duckdb",
    fmt: Annotated[SqlFormat, typer.Option("--format", "-f", help="Output format.")] = SqlFormat.table,
    limit: Annotated[
        Optional[int],
        typer.Option(
            help=f"At most this many rows; 0: all. Default: {SQL_DISPLAY_LIMIT} for the table, all for "
            "jsonl, json and csv (written as they come, in constant memory).",
            min=0,
        ),
    ] = None,
    raw_csv: Annotated[bool, typer.Option("--raw-csv/--safe-csv", help=csvsafe.RAW_HELP, envvar=csvsafe.ENV)] = False,
) -> None:
    """Run a read-only SQL query on the store (tables: articles, sentences, quotes, mentions, events…).

    Rows are streamed: jsonl, json and csv are written batch by batch as DuckDB produces them. The
    table shows the first 1000 rows unless --limit says otherwise (--limit 0: all).

    Example: dyad sql "SELECT cameo, count(*) AS n FROM events GROUP BY cameo ORDER BY n DESC" --db news.duckdb
    """
    need_store(db)
    text = sys.stdin.read() if query == "-" else query
    cap = (SQL_DISPLAY_LIMIT if fmt is SqlFormat.table else None) if limit is None else (limit or None)
    try:
        rows = api.sql(text, db, limit=cap, stream=True)
    except DyadError as exc:
        _fail(str(exc))
    try:
        with rows, labelled_output(STDOUT):
            _write_stream(rows, fmt, raw_csv)
            sys.stdout.flush()
    except DyadError as exc:
        _fail(str(exc))
    if rows.truncated:
        note = f"showing the first {cap} rows; --limit 0 for all" if limit is None else f"(first {cap} rows)"
        err.print(note, style="dim", highlight=False)


def _write_stream(rows, fmt: SqlFormat, raw_csv: bool) -> None:
    columns = list(rows.columns)
    write = sys.stdout.write
    if fmt is SqlFormat.table:
        _print_rows(list(rows.dicts()), TableFormat.table, columns)
    elif fmt is SqlFormat.jsonl:
        for row in rows.dicts():
            write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt is SqlFormat.json:  # the layout of json.dumps(rows, indent=2), one row at a time
        first = True
        for row in rows.dicts():
            body = json.dumps(row, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            write(("[\n  " if first else ",\n  ") + body)
            first = False
        write("[]\n" if first else "\n]\n")
    else:
        w = csvsafe.Writer(sys.stdout, raw=raw_csv, lineterminator="\n")
        w.writerow(columns)
        for row in rows:
            w.writerow(_csv_value(v) for v in row)


def _csv_value(value):
    """A cell: nested values (lists, structs) as JSON, NULL as empty."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


COMMANDS = (export, relations, dyads, network, report, sql)


def register(app: typer.Typer) -> None:
    """Add the analysis commands to ``app``."""
    for command in COMMANDS:
        app.command()(command)
