"""dyad: evidence-backed political event data from news text.

``dyad.code_text(text, date=None) -> list[Event]`` codes one text; ``dyad.open(path)`` gives a
:class:`dyad.database.Database` (ingest, code, events, relations, dyads, network, scenarios,
report, sql) returning records. Heavy parts (spaCy, DuckDB, numpy) load on first use, so
``import dyad`` stays fast.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from dyad.version import __version__

if TYPE_CHECKING:
    from dyad.database import Database
    from dyad.records import Event
    from dyad.settings import Settings
__all__ = ["Database", "__version__", "api", "code_text", "open"]


def code_text(text: str, date: str | None = None) -> list[Event]:
    """Code one text (one paragraph per line) into a list of :class:`dyad.records.Event`.

    ``date`` (ISO) is the publication date: relative dates resolve against it and it decides
    who held which office. Settings come from the environment (``DYAD_LEXICON_FILES``,
    ``DYAD_ACTOR_FILES``…), as for the command line.
    """
    from dyad.coding import code_text as _code_text

    return _code_text(text, date)


def open(
    path: str | os.PathLike[str] = "dyad.duckdb", *, settings: Settings | None = None, create: bool = True
) -> Database:
    """The dyad store at ``path``: ``db = dyad.open("news.duckdb")``; see :mod:`dyad.database`."""
    from dyad.database import open as _open

    return _open(path, settings=settings, create=create)


def __getattr__(name: str):
    if name in ("api", "database"):
        import importlib

        return importlib.import_module(f".{name}", __name__)
    if name == "Database":
        from dyad.database import Database

        return Database
    raise AttributeError(f"module 'dyad' has no attribute {name!r}")
