"""dyad: evidence-backed political event data from news text.

``dyad.code_text(text, date=None) -> list[Event]`` codes one text; ``dyad.api`` has the rest
(ingest, code, events, relations, report…). Heavy parts load on first use.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["code_text", "api", "__version__"]


def code_text(text: str, date: str | None = None):
    """Code one text (one paragraph per line) into a list of :class:`dyad.records.Event`.

    ``date`` (ISO) is the publication date: relative dates resolve against it and it decides
    who held which office.
    """
    from .coding import code_text as _code_text

    return _code_text(text, date)


def __getattr__(name: str):
    if name == "api":
        import importlib

        return importlib.import_module(".api", __name__)
    raise AttributeError(f"module 'dyad' has no attribute {name!r}")
