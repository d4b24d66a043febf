"""``dyad actors``: resolve, search and import actors. Thin wrappers over :mod:`dyad.actors.resolver`,
mounted on the main app by ``dyad.cli.main``::

    app.add_typer(cli_actors.app, name="actors")
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from dyad.errors import DyadError
from dyad.records import ActorMatch

app = typer.Typer(
    help="Actors: resolve a mention to a CAMEO actor code on a date, search the knowledge base, "
    "import PETRARCH dictionaries.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

MATCH_FIELDS = ("text", "code", "country", "roles", "entity", "valid_from", "valid_to", "why")


class Format(str, Enum):
    text = "text"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
ActorsOption = Annotated[
    Optional[list[Path]],
    typer.Option(
        "--actors",
        help="Repeatable. Extra actor file in dyad's format, loaded after the bundled ones.",
        exists=True,
        dir_okay=False,
    ),
]


def _resolver(actor_files: Optional[list[Path]]):
    from dyad.actors.resolver import Resolver
    from dyad.settings import Settings

    settings = Settings.from_env()
    if actor_files:
        settings = settings.replace(actor_files=tuple(settings.actor_files) + tuple(str(p) for p in actor_files))
    try:
        return Resolver(settings=settings)
    except DyadError as exc:
        raise typer.BadParameter(str(exc)) from exc


def match_dict(match: ActorMatch) -> dict:
    """The fields ``dyad actors resolve`` prints for a match."""
    data = match.as_dict()
    return {key: data[key] for key in MATCH_FIELDS}


@app.command("resolve")
def resolve_command(
    text: Annotated[str, typer.Argument(help="The mention: a name or noun phrase.")],
    date: Annotated[
        Optional[str],
        typer.Option("--date", "-d", help="Date of the event, YYYY-MM-DD (default: each entry's latest role)."),
    ] = None,
    as_place: Annotated[bool, typer.Option("--place", help="Read a capital as the place, not its government.")] = False,
    fmt: FormatOption = Format.text,
    actors: ActorsOption = None,
) -> None:
    """Resolve a mention to a CAMEO actor code, on the date of the event.

    Example: dyad actors resolve "Pakistan's army chief" --date 2019-07-25 --format json
    """
    match = _resolver(actors).resolve(text, date=date, as_place=as_place)
    data = match_dict(match)
    if fmt is Format.json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    for key in MATCH_FIELDS:
        value = data[key]
        if isinstance(value, list):
            value = ", ".join(value)
        typer.echo(f"{key:11} {'' if value is None else value}")


@app.command("search")
def search_command(
    name: Annotated[str, typer.Argument(help="A name, or the start of one.")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many entries.")] = 20,
    fmt: FormatOption = Format.text,
    actors: ActorsOption = None,
) -> None:
    """List knowledge-base entries for a name: exact matches first, with their dated codes.

    Example: dyad actors search "Imran Khan" --format json
    """
    from dyad.actors.resolver import entry_to_dict

    entries = _resolver(actors).search(name)[:limit]
    if fmt is Format.json:
        for entry in entries:
            typer.echo(json.dumps(entry_to_dict(entry), ensure_ascii=False))
        return
    if not entries:
        typer.echo(f"no entry for {name!r}")
    for entry in entries:
        typer.echo(f"{entry.id}  [{entry.kind}]  {'; '.join(entry.names[:4])}")
        for span in entry.codes:
            typer.echo(f"    {span.describe()}")


@app.command("import-petrarch")
def import_petrarch_command(
    actors_file: Annotated[
        Path, typer.Argument(help="PETRARCH/Phoenix actor dictionary.", exists=True, dir_okay=False)
    ],
    output: Annotated[Path, typer.Option("--out", "-o", help="Where to write dyad's actor format (JSONL).")],
    agents: Annotated[
        Optional[Path], typer.Option("--agents", help="PETRARCH agent dictionary.", exists=True, dir_okay=False)
    ] = None,
) -> None:
    """Convert a PETRARCH actor (and agent) dictionary into dyad's actor format.

    Use the result with --actors FILE or DYAD_ACTOR_FILES. Example:
    dyad actors import-petrarch Phoenix.Countries.actors.txt --agents Phoenix.agents.txt -o mine.jsonl
    """
    from dyad.actors.resolver import import_petrarch, write_entries

    try:
        entries = import_petrarch(actors_file, agents)
    except DyadError as exc:
        raise typer.BadParameter(str(exc)) from exc
    n = write_entries(entries, output)
    typer.echo(f"{n} entries written to {output}", err=True)
