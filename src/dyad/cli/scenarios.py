"""`dyad scenarios`: conditional expectations stated in the corpus, and where they stand."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from dyad.cli.common import shown
from dyad.scenarios import track as tracking
from dyad.store.db import Store

app = typer.Typer(invoke_without_command=True, rich_markup_mode=None)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[str, typer.Option("--db", help="DuckDB store file.", envvar="DYAD_DB")]
DyadOption = Annotated[
    Optional[tuple[str, str]], typer.Option("--dyad", help="Only scenarios involving both actors, e.g. --dyad USA PAK.")
]
FmtOption = Annotated[str, typer.Option("--format", "-f", help="table or json.")]


def _need_store(db: str) -> None:
    if not Path(db).exists():
        err.print(f"error: no store at {db}; run `dyad code --db {db}` first", highlight=False)
        raise typer.Exit(1)


def _open(db: str) -> Store:
    _need_store(db)
    return Store(db)


def _patterns(ps) -> str:
    return "; ".join(f"{'NOT ' if p.negated else ''}{p.source or '*'}→{p.target or '*'} {p.cameo or '?'}" for p in ps)


def _print(rows: list[tuple], fmt: str) -> None:
    if fmt == "json":
        sys.stdout.write(
            json.dumps([tracking.scenario_dict(s, st) | extra for s, st, extra in rows], ensure_ascii=False, indent=2)
            + "\n"
        )
        return
    table = Table()
    for col in ("date", "status", "if", "then", "hedge", "text"):
        table.add_column(col, overflow="fold")
    for s, st, extra in rows:
        status = st.status + (f" (was {extra['previous_status']})" if "previous_status" in extra else "")
        table.add_row(
            s.date or "",
            status,
            shown(_patterns(s.conditions)),
            shown(_patterns(s.consequences)),
            shown(s.hedge),
            shown(s.text[:160]),
        )
    out.print(table)


@app.callback()
def scenarios(
    ctx: typer.Context, db: DbOption = "dyad.duckdb", dyad: DyadOption = None, fmt: FmtOption = "table"
) -> None:
    """List scenarios with their status and the events that moved them.

    Example: dyad scenarios --db news.duckdb --dyad USA PAK --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    _need_store(db)
    from dyad.database import Database

    rows: list[tuple] = [(s, st, {}) for s, st in Database(db).scenarios(dyad=dyad)]
    _print(rows, fmt)


@app.command()
def watch(db: DbOption = "dyad.duckdb", dyad: DyadOption = None, fmt: FmtOption = "table") -> None:
    """Report the scenarios whose status changed since the last look (and remember this look).

    Example: dyad scenarios watch --db news.duckdb
    """
    with _open(db) as store:
        changed = tracking.watch(store, dyad)
    if not changed and fmt != "json":
        err.print("no scenario changed since the last look")
        return
    _print([(s, st, {"previous_status": before} if before else {}) for s, before, st in changed], fmt)
