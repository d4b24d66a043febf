"""dyad's command line: each command parses its options, then calls the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from dyad import api
from dyad.cli import actors as cli_actors
from dyad.cli import analysis as cli_analysis
from dyad.cli import scenarios as cli_scenarios
from dyad.cli import serve as cli_serve
from dyad.cli.code import WORKERS_HELP, code_command, eval_command
from dyad.cli.common import DbOption, FormatOption, TableFormat, VerboseOption, clean_errors, err, out, shown
from dyad.cli.common import fail as _fail
from dyad.cli.common import logging_setup as _logging
from dyad.cli.common import print_rows as _print_rows
from dyad.cli.common import progress as _progress
from dyad.errors import DyadError
from dyad.settings import Settings


class DyadGroup(TyperGroup):
    """dyad's command group: every command runs inside :func:`dyad.cli.common.clean_errors`, so
    that a locked store, a full disk, a closed pipe or Ctrl-C end with one line and an exit code
    (1, 1, 141, 130), not a traceback."""

    def invoke(self, ctx):
        with clean_errors():
            return super().invoke(ctx)


app = typer.Typer(
    cls=DyadGroup,
    help="dyad: evidence-backed political event data from news text. Errors end with one line on "
    "standard error and a non-zero exit status (set DYAD_TRACEBACK=1 for a bug's traceback).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def _print_summary(summary, db: str) -> None:
    s = summary.as_dict()
    rejected = ", ".join(f"{k}: {v}" for k, v in sorted(s["rejected"].items())) or "none"
    noted = ", ".join(f"{k}: {v}" for k, v in sorted(s["noted"].items()))
    err.print(
        f"read {s['read']} documents; stored {s['stored']} articles ({s['near_duplicates']} near-duplicates), "
        f"{s['sentences']} sentences; skipped {s['exact_duplicates']} exact duplicates and "
        f"{s['already_stored']} already stored; rejected {sum(s['rejected'].values())} ({rejected})"
        + (f"; repaired or undated {sum(s['noted'].values())} ({noted}; see the notes table)" if noted else "")
        + f" -> {db}",
        highlight=False,
    )


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for standard input.")],
    db: DbOption = "dyad.duckdb",
    text_column: Annotated[str, typer.Option(help="Corpus column holding the text.")] = "text",
    id_column: Annotated[str, typer.Option(help="Corpus column holding the id.")] = "id",
    date_column: Annotated[str, typer.Option(help="Corpus column holding the date.")] = "date",
    title_column: Annotated[str, typer.Option(help="Corpus column holding the title.")] = "title",
    url_column: Annotated[str, typer.Option(help="Corpus column holding the URL.")] = "url",
    source_column: Annotated[str, typer.Option(help="Corpus column holding the source.")] = "source",
    max_bytes: Annotated[Optional[int], typer.Option(help="Reject inputs larger than this.")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", "-w", help=WORKERS_HELP)] = None,
    n_process: Annotated[
        Optional[int], typer.Option(help="Old name of --workers (parse processes); use --workers.")
    ] = None,
    verbose: VerboseOption = 0,
) -> None:
    """Read articles (txt, html, jsonl, csv, tsv, warc, rss/atom, .gz, folders, -) into the store.

    Example: dyad ingest news/ feed.xml crawl.warc.gz --db news.duckdb
    """
    _logging(verbose)
    settings = Settings.from_env().replace(
        db=db,
        text_column=text_column,
        id_column=id_column,
        date_column=date_column,
        title_column=title_column,
        url_column=url_column,
        source_column=source_column,
        max_bytes=max_bytes,
        workers=workers if workers is not None else n_process,
    )
    if n_process is not None:
        err.print("note: --n-process is now --workers (processes with one parser each)", highlight=False)
    try:
        with _progress("ingest") as tick:
            summary = api.ingest(paths, settings=settings, stdin=sys.stdin, progress=tick)
    except DyadError as exc:
        _fail(str(exc))
    _print_summary(summary, settings.db)
    if summary.read == 0 and summary.rejected:
        raise typer.Exit(1)


@app.command()
def load(
    out_dir: Annotated[Path, typer.Argument(help="The --out folder of `dyad code --cluster`.")],
    db: DbOption = "dyad.duckdb",
    verbose: VerboseOption = 0,
) -> None:
    """Merge a cluster run's coded shards into a store, deduplicated against what it holds.

    Example: dyad load run/ --db news.duckdb
    """
    from dyad.scale.run import load as load_shards

    _logging(verbose)
    try:
        m = load_shards(out_dir, db, Settings.from_env())
    except DyadError as exc:
        _fail(str(exc))
    err.print(
        f"loaded {m.shards} shards: {m.articles} articles ({m.near_duplicates} near-duplicates), skipped "
        f"{m.exact_duplicates} exact duplicates and {m.already_stored} already stored; {m.events} events -> {db}",
        highlight=False,
    )


@app.command()
def articles(
    db: DbOption = "dyad.duckdb",
    fmt: FormatOption = TableFormat.table,
    originals_only: Annotated[bool, typer.Option("--originals-only", help="Leave out near-duplicates.")] = False,
) -> None:
    """List stored articles.

    Example: dyad articles --db news.duckdb --format jsonl
    """
    if not Path(db).exists():
        _fail(f"no store at {db}; run `dyad ingest` first")
    rows = list(api.articles(db, include_duplicates=not originals_only))
    if fmt is TableFormat.table:
        rows = [{**r, "quotes": len(r["quotes"]), "title": (r["title"] or "")[:60]} for r in rows]
    _print_rows(rows, fmt, ["id", "date", "source", "title", "n_sentences", "quotes", "duplicate_of"])


@app.command()
def show(
    ref: Annotated[str, typer.Argument(help="Article id (or unique prefix, or the input's own id).")],
    db: DbOption = "dyad.duckdb",
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Show one article: cleaned text with numbered sentences, its quotes, repeats and trailer.

    Example: dyad show 3f2a9c --db news.duckdb
    """
    if not Path(db).exists():
        _fail(f"no store at {db}; run `dyad ingest` first")
    art = api.show(ref, db)
    if art is None:
        _fail(f"no article {ref!r} in {db}")
    if fmt is not TableFormat.table:
        sys.stdout.write(json.dumps(art, ensure_ascii=False, indent=2 if fmt is TableFormat.json else None) + "\n")
        return
    out.print(f"[bold]{shown(art['title'] or '(untitled)')}[/bold]  {shown(art['date'])}  {shown(art['source'])}")
    out.print(
        f"id {art['id']}  from {shown(art['origin'])}"
        + (f"  duplicate of {art['duplicate_of']}" if art["duplicate_of"] else ""),
        highlight=False,
    )
    para = None
    for s in art["sentences"]:
        if para is not None and s["paragraph"] != para:
            out.print()
        para = s["paragraph"]
        out.print(f"[dim]{s['index']:>3}[/dim] {shown(s['text'])}", highlight=False)
    for q in art["quotes"]:
        out.print(
            f"\n[bold]quote[/bold] {shown(q['author'])} (@{shown(q['handle'] or '?')}) {shown(q['date'])}: "
            f"{shown(q['text'])}",
            highlight=False,
        )
    for r in art["repeats"]:
        out.print(f"[dim]repeated, counted once: {shown(r['text'][:100])}[/dim]", highlight=False)
    if art["trailer"]:
        out.print(f"\n[dim]trailer (not in body): {shown(art['trailer'])}[/dim]", highlight=False)


@app.command()
def summary(db: DbOption = "dyad.duckdb", fmt: FormatOption = TableFormat.table) -> None:
    """Counts of what the store holds.

    Example: dyad summary --db news.duckdb
    """
    if not Path(db).exists():
        _fail(f"no store at {db}; run `dyad ingest` first")
    counts = api.summary(db)
    if fmt is not TableFormat.table:
        sys.stdout.write(json.dumps(counts) + "\n")
        return
    _print_rows([{"what": k, "count": v} for k, v in counts.items()], fmt, ["what", "count"])


@app.command()
def migrate(db: DbOption = "dyad.duckdb") -> None:
    """Upgrade a store written by an older dyad to this version's schema (reads never do).

    Example: dyad migrate --db news.duckdb
    """
    if not Path(db).exists():
        _fail(f"no store at {db}")
    from dyad.database import Database

    applied = Database(db).migrate()
    err.print(
        f"{db}: " + (f"applied migrations {', '.join(map(str, applied))}" if applied else "already current"),
        highlight=False,
    )


@app.command()
def demo(
    db: DbOption = "dyad-demo.duckdb",
    out_path: Annotated[str, typer.Option("--out", "-o", help="Where to write the report.")] = "dyad-demo-USA-PAK.html",
    verbose: VerboseOption = 0,
) -> None:
    """Code the bundled sample corpus into a fresh store here and write the USA–PAK report.

    Example: dyad demo && xdg-open dyad-demo-USA-PAK.html
    """
    _logging(verbose)
    for stale in (Path(db), Path(db + ".wal")):
        if stale.exists():
            stale.unlink()
    from dyad.pipeline import CodeRun

    run = CodeRun()
    with _progress("demo") as tick:
        for _ in api.code([api.sample_corpus_path()], db=db, run=run, progress=tick):
            pass
    _print_summary(run.ingest, db)
    c = run.coded
    err.print(
        f"coded {c.articles} articles: {c.events} events ({c.asserted} asserted), {c.scenarios} scenarios",
        highlight=False,
    )
    path = api.report("USA", "PAK", db=db, out_path=out_path)
    out.print(str(Path(path).resolve()), highlight=False)


cli_analysis.register(app)


app.command("code")(code_command)
app.command("eval")(eval_command)

app.add_typer(cli_actors.app, name="actors")
app.add_typer(cli_scenarios.app, name="scenarios")
cli_serve.register(app)


def main() -> None:
    """The ``dyad`` command: :data:`app`, then standard output flushed quietly when its reader is gone."""
    from dyad.cli.common import _quiet_stdout

    code: str | int | None
    try:
        app()
        code = 0
    except SystemExit as done:
        code = done.code
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # `dyad … | head`: the rest is not wanted
        _quiet_stdout()
        code = 141
    sys.exit(code)


if __name__ == "__main__":
    main()
