"""``dyad serve``: a REST API and an offline dashboard over a dyad store.

from dyad.serve import ServeOptions, serve
serve(ServeOptions(db="dyad-demo.duckdb"))   # http://127.0.0.1:8000/
"""

from __future__ import annotations

from dyad.serve.app import ServeOptions, create_app
from dyad.serve.auth import default_token_path, new_token


def serve(options: ServeOptions = ServeOptions(), log_level: str = "warning") -> None:
    """Run the app with uvicorn until interrupted (the store is opened, and checked, first)."""
    import uvicorn

    app = create_app(options)
    uvicorn.run(
        app, host=options.host, port=options.port, log_level=log_level, timeout_graceful_shutdown=5, server_header=False
    )


__all__ = ["ServeOptions", "create_app", "default_token_path", "new_token", "serve"]
