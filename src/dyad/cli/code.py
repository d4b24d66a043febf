"""``dyad code`` and ``dyad eval``: thin command wrappers over :mod:`dyad.coding` and
:mod:`dyad.evaluate.gold`, mounted on the main app by ``dyad.cli.main``::

    app.command("code")(code_command)
    app.command("eval")(eval_command)
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from dyad import csvsafe
from dyad.cli.common import STDOUT, clean_errors, labelled_output, logging_setup, progress
from dyad.records import Event

log = logging.getLogger(__name__)

WORKERS_HELP = (
    "Processes that parse and code, each with its own spaCy model and coder (about 0.3 GiB beyond the first); "
    "default DYAD_WORKERS, else every usable core. Small inputs run in one process."
)

CSV_COLUMNS = (
    "doc_id",
    "sentence_id",
    "event_id",
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
    "proposed_by",
    "sentence",
)


class EventFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


def event_row(e: Event) -> dict:
    """One flat row of an event, for CSV."""
    d = e.as_dict()
    row = {
        k: d.get(k)
        for k in (
            "doc_id",
            "sentence_id",
            "event_id",
            "date",
            "date_precision",
            "cameo",
            "cameo_root",
            "cameo_name",
            "goldstein",
            "quad_class",
            "modality",
            "attributed_to",
            "confidence",
            "proposed_by",
            "sentence",
        )
    }
    for role in ("source", "target"):
        ref = d.get(role) or {}
        for key in ("text", "code", "country"):
            row[f"{role}_{key}"] = ref.get(key)
    for key in ("event", "mode", "context"):
        row[f"plover_{key}"] = d["plover"].get(key)
    for key in ("text", "start", "end"):
        row[f"evidence_{key}"] = d["evidence"][key]
    return row


def write_events(events: Iterable[Event], fh, fmt: EventFormat, raw_csv: bool | None = None) -> int:
    """Write ``events`` to ``fh`` as JSONL or CSV; how many were written.

    CSV string cells that a spreadsheet would run as formulas (``=``, ``+``, ``-``, ``@``…) get a
    leading ``'`` (:mod:`dyad.csvsafe`) unless ``raw_csv`` (``None``: ``DYAD_RAW_CSV``).
    """
    n = 0
    if fmt is EventFormat.csv:
        w = csvsafe.DictWriter(fh, fieldnames=CSV_COLUMNS, raw=raw_csv)
        w.writeheader()
        for e in events:
            w.writerow(event_row(e))
            n += 1
        return n
    for e in events:
        fh.write(json.dumps(e.as_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def code_command(
    inputs: Annotated[
        Optional[list[str]],
        typer.Argument(
            help='What `dyad ingest` reads (txt, html, jsonl {"id","text","date"}, csv, warc, rss, '
            ".gz, folders) or - for standard input; none with --db: every stored article."
        ),
    ] = None,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write events here (default stdout).")
    ] = None,
    fmt: Annotated[EventFormat, typer.Option("--format", "-f", help="Event format.")] = EventFormat.jsonl,
    db: Annotated[
        Optional[str],
        typer.Option(
            "--db",
            help="Keep articles, events (mentions merged into events) and scenarios in this DuckDB store.",
            envvar="DYAD_DB",
        ),
    ] = None,
    all_modalities: Annotated[
        bool, typer.Option("--all/--asserted", help="Also write negated, hypothetical, future and desired events.")
    ] = True,
    min_chars: Annotated[int, typer.Option(help="Shorter documents are rejected as empty.")] = 10,
    raw_csv: Annotated[bool, typer.Option("--raw-csv/--safe-csv", help=csvsafe.RAW_HELP, envvar=csvsafe.ENV)] = False,
    workers: Annotated[Optional[int], typer.Option("--workers", "-w", help=WORKERS_HELP)] = None,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More log output.")] = 0,
    cluster: Annotated[
        Optional[str],
        typer.Option(
            "--cluster",
            help="Code on a Dask cluster: local:N (N worker processes here) or tcp://HOST:PORT (a running "
            "scheduler); needs --out. See docs/scale.md.",
        ),
    ] = None,
    out_dir: Annotated[
        Optional[Path],
        typer.Option(
            "--out",
            help="With --cluster: the run's folder on storage every worker reaches (shards, merged store, "
            "merged Parquet); a rerun resumes it.",
        ),
    ] = None,
    rows: Annotated[
        int, typer.Option("--rows-per-shard", help="With --cluster: JSONL/CSV lines or WARC records per shard.")
    ] = 1000,
) -> None:
    """Code news text into CAMEO/PLOVER events (one JSON object per event, or CSV rows).

    CSV cells starting with = + - @ get a leading ' so that spreadsheets do not run them as
    formulas (numbers are untouched); --raw-csv or DYAD_RAW_CSV=1 writes them exactly.

    Example: dyad code articles.jsonl -o events.jsonl
             echo "Pakistan arrested Hafiz Saeed on Monday." | dyad code -
             dyad code news/ --db news.duckdb --format csv -o events.csv
             dyad code news/ --cluster local:4 --out run/ -o events.jsonl
    """
    logging_setup(verbose)
    with clean_errors():
        if cluster is None and out_dir is None:
            _code(inputs, output, fmt, db, all_modalities, min_chars, raw_csv, workers)
        else:
            _code_cluster(inputs, output, fmt, db, all_modalities, min_chars, raw_csv, cluster, out_dir, rows)


def _write(events: Iterable[Event], output: Path | None, fmt: EventFormat, raw_csv: bool) -> int:
    if output is None:
        with labelled_output(STDOUT):
            n = write_events(events, sys.stdout, fmt, raw_csv)
            sys.stdout.flush()
        return n
    with labelled_output(output), output.open("w", encoding="utf-8", newline="") as fh:
        return write_events(events, fh, fmt, raw_csv)


def _code_cluster(inputs, output, fmt, db, all_modalities, min_chars, raw_csv, cluster, out_dir, rows) -> None:
    """``dyad code --cluster``: shards coded on the cluster, merged; the events written as one
    process writes them, from the merged store."""
    from dyad.scale.merge import merged_events
    from dyad.scale.run import code_cluster
    from dyad.settings import Settings
    from dyad.store.db import Store

    err = Console(stderr=True, soft_wrap=True)
    if cluster is None or out_dir is None or not inputs:
        err.print("error: --cluster and --out go together, with inputs to code (see docs/scale.md)")
        raise typer.Exit(2)
    settings = Settings.from_env().replace(min_chars=min_chars)
    with progress("shards") as tick:
        run = code_cluster(inputs, out_dir, cluster, settings, db=db, rows=rows, progress=tick)
    with Store(run.db, read_only=True) as store:
        events: Iterable[Event] = merged_events(store, [Path(run.out, "shards", s) for s in run.shard_names])
        if not all_modalities:
            events = (e for e in events if e.modality == "asserted")
        n = _write(events, output, fmt, raw_csv)
    m = run.merged
    err.print(
        f"coded {len(run.coded)} of {run.shards} shards now ({run.shards - len(run.coded) - len(run.failed)} done "
        f"before); merged {m.articles} articles ({m.near_duplicates} near-duplicates, {m.exact_duplicates} exact "
        f"duplicates skipped): {n} events written -> {run.db}, {Path(run.out, 'merged')}",
        highlight=False,
    )
    for name, why in run.failed.items():
        err.print(f"error: shard {name} failed: {why}; rerun the same command to retry it", highlight=False)
    if run.failed:
        raise typer.Exit(1)


def _code(inputs, output, fmt, db, all_modalities, min_chars, raw_csv, workers) -> None:
    from dyad import api
    from dyad.pipeline import CodeRun
    from dyad.settings import Settings

    err = Console(stderr=True, soft_wrap=True)
    paths = list(inputs or [])
    if not paths and not db:
        paths = ["-"]
    if not paths and not Path(db).exists():
        err.print(f"error: no store at {db}; give inputs to code, or run `dyad ingest --db {db}` first")
        raise typer.Exit(1)
    settings = Settings.from_env().replace(min_chars=min_chars, workers=workers)
    run = CodeRun()
    with progress("code") as tick:
        coded = events = api.code(paths, db=db, settings=settings, stdin=sys.stdin, run=run, progress=tick)
        if not all_modalities:
            events = (e for e in events if e.modality == "asserted")
        try:
            n = _write(events, output, fmt, raw_csv)
        finally:  # close the store now (what was committed stays), also when writing failed
            try:
                coded.close()
            except Exception:
                log.debug("closing the store after an error", exc_info=True)
    c = run.coded
    rejected = sum(run.ingest.rejected.values()) if run.ingest else 0
    err.print(
        f"coded {c.articles} articles: {n} events written ({c.asserted} asserted of {c.events}), "
        f"{c.scenarios} scenarios; rejected {rejected} inputs" + (f" -> {db}" if db else ""),
        highlight=False,
    )
    if run.ingest is not None and run.ingest.read == 0 and rejected:
        raise typer.Exit(1)


def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold file (shared/dev format, JSONL).", exists=True)],
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the report as JSON here.")] = None,
    errors: Annotated[
        Optional[Path], typer.Option("--errors", help="Write the records scored wrong here (JSONL).")
    ] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", help="Only the first N records.")] = None,
    actors: Annotated[
        bool,
        typer.Option(
            "--actors/--no-actors", help="Require resolved actors (--no-actors to classify sentences without them)."
        ),
    ] = True,
    petrarch: Annotated[
        Optional[Path],
        typer.Option(
            "--petrarch-dir",
            help="PETRARCH validation dictionaries for the PETRARCH suite (default: found beside the gold).",
        ),
    ] = None,
    part: Annotated[
        str,
        typer.Option(
            "--part", help="Real-news sets: the articles to score, 'tune', 'measure' (never tuned on) or 'all'."
        ),
    ] = "all",
) -> None:
    """Score the coder on a gold file: events P/R/F1, code sets, root, pentaclass and PLOVER accuracy.

    Example: dyad eval ../shared/dev/cameo_codebook_examples.jsonl --json scores.json
    """
    from dyad.coding import Coder
    from dyad.evaluate.gold import (
        evaluate,
        find_petrarch_dictionaries,
        is_petrarch_gold,
        petrarch_coder,
        read_gold,
        render,
    )
    from dyad.settings import Settings

    settings = Settings.from_env()
    from dyad.evaluate.news import evaluate_news, is_news_gold, render_news

    if is_news_gold(gold):
        coder = Coder(settings, require_actors=actors)
        reports = evaluate_news(gold, coder, part=part, limit=limit)
        Console(width=120).print(render_news(reports))
        if json_out is not None:
            json_out.write_text(
                json.dumps({"all_modalities": reports[0].as_dict(), "asserted": reports[1].as_dict()}, indent=2) + "\n",
                encoding="utf-8",
            )
        if errors is not None:
            with errors.open("w", encoding="utf-8") as fh:
                for row in reports[0].errors:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    records = read_gold(gold)
    if petrarch is None and is_petrarch_gold(records[:20]):
        petrarch = find_petrarch_dictionaries(gold)
    if petrarch is not None:
        coder = petrarch_coder(petrarch, settings, require_actors=actors)
    else:
        coder = Coder(settings, require_actors=actors)
    report = evaluate(gold, coder, limit=limit)
    Console(width=120).print(render(report))
    if json_out is not None:
        json_out.write_text(json.dumps(report.as_dict(), indent=2) + "\n", encoding="utf-8")
    if errors is not None:
        with errors.open("w", encoding="utf-8") as fh:
            for row in report.errors:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
