"""`dyad serve`: the REST API and dashboard over a store (``dyad.serve``, the ``serve`` extra)."""

from typing import Annotated, Optional

import typer

from dyad.cli.common import DbOption, VerboseOption, err, fail, logging_setup, out


def serve(
    db: DbOption = "dyad.duckdb",
    host: Annotated[str, typer.Option(help="Address to bind; the default answers this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    token_file: Annotated[
        Optional[str], typer.Option("--token-file", help="The write token's file (default ~/.config/dyad/serve.token).")
    ] = None,
    new_token: Annotated[
        bool,
        typer.Option(
            "--new-token", help="Write a fresh write token (mode 0600) to the token file, print its path, exit."
        ),
    ] = False,
    max_body: Annotated[int, typer.Option(help="Largest request body in bytes (larger: 413).")] = 2 * 1024 * 1024,
    verbose: VerboseOption = 0,
) -> None:
    """Serve the REST API (/api/v1, docs at /docs) and the dashboard (/) over a store.

    Reads go through a read-only connection; POST /api/v1/ingest needs the token made by
    --new-token. While it runs, the server holds the store: other dyad commands that write
    it wait until it stops.

    Example: dyad demo && dyad serve --db dyad-demo.duckdb   # then open http://127.0.0.1:8000/
    """
    try:
        from dyad.serve import ServeOptions
        from dyad.serve import new_token as make_token
        from dyad.serve import serve as run
    except ImportError as exc:  # the serve extra is not installed
        fail(f"dyad serve needs the serve extra ({exc.name} is missing): pip install 'dyad[serve]'")
        return

    logging_setup(verbose)
    if new_token:
        out.print(str(make_token(token_file)), highlight=False)
        return
    options = ServeOptions(db=db, host=host, port=port, token_file=token_file, max_body=max_body)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"warning: serving on {host}: the API is readable from other machines", highlight=False)
    err.print(
        f"dyad serve: http://{'[' + host + ']' if ':' in host else host}:{port}/ (API docs at /docs; Ctrl-C to stop)",
        highlight=False,
    )
    run(options, log_level="info" if verbose else "warning")


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command()(serve)
