"""The cleaner's guards: the bounds on what one document may cost (size, token and run length,\nbracket nesting, time), and the errors that make a document a reject."""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs ftfy's plans name)

from dyad.settings import Settings

if TYPE_CHECKING:
    pass
from dyad.text.mapped import Mapped

_BRACKETS = re.compile(r"[()\[\]{}]")


_OPENERS = "([{"


DEFAULTS = Settings()


MAX_TOKEN_CHARS = DEFAULTS.max_token_chars


MAX_RUN_CHARS = DEFAULTS.max_run_chars


MAX_NESTING = DEFAULTS.max_nesting


class CleanLimitError(Exception):
    """A document the cleaner gives up on by design, not by a bug; ``reason`` is the reason
    code (``dyad.text.checks.REASONS``) of the Reject it should become."""

    reason = "clean-failed"


class DocumentTooLong(CleanLimitError):
    """The document has more characters than ``max_doc_chars``."""

    reason = "too-large"


class CleanTimeout(CleanLimitError):
    """Cleaning ran past its deadline (``Settings.doc_time_budget``)."""

    reason = "too-slow"


def never() -> None:
    """A deadline check that never fires."""


def deadline_check(deadline: float | None) -> Callable[[], None]:
    """A function that raises :class:`CleanTimeout` once ``time.monotonic()`` passes
    ``deadline`` (never, for None)."""
    if deadline is None:
        return never
    began = time.monotonic()

    def check() -> None:
        now = time.monotonic()
        if now > deadline:
            raise CleanTimeout(f"cleaning took over {max(now - began, 0.0):.1f} s (settings.doc_time_budget)")

    return check


def guard_reason(text: str, settings: Settings | None = None) -> str | None:
    """Why ``text`` is not to be cleaned and parsed at all (one line), or None.

    Today that is its size: more than ``settings.max_doc_chars`` characters (0 = no limit).
    For the ingest job to call before :func:`clean`, rejecting the document as ``too-large``;
    :func:`clean` raises :class:`DocumentTooLong` for the same documents anyway."""
    limit = (settings or DEFAULTS).max_doc_chars
    if limit and len(text) > limit:
        return f"{len(text)} characters of text, over max_doc_chars={limit}"
    return None


def clean_options(settings: Settings | None = None, start: float | None = None) -> dict[str, Any]:
    """The keyword arguments of :func:`clean` that ``settings`` sets: the guards' bounds and
    a deadline ``settings.doc_time_budget`` seconds after ``start`` (``time.monotonic()``,
    now by default) or None when there is no budget. Call it once per document."""
    settings = settings or DEFAULTS
    budget = settings.doc_time_budget
    start = time.monotonic() if start is None else start
    return {
        "max_doc_chars": settings.max_doc_chars,
        "max_token_chars": settings.max_token_chars,
        "max_run_chars": settings.max_run_chars,
        "max_nesting": settings.max_nesting,
        "deadline": start + budget if budget and budget > 0 else None,
    }


@lru_cache(maxsize=8)
def _long_token(limit: int) -> re.Pattern[str]:
    # starts only where a run of non-space characters starts, so a short run is read once
    return re.compile(rf"(?<!\S)\S{{{limit + 1},}}")


@lru_cache(maxsize=8)
def _long_run(limit: int) -> re.Pattern[str]:
    return re.compile(rf"(.)\1{{{limit},}}", re.DOTALL)


def _deep_brackets(text: str, limit: int) -> list[int]:
    """Positions of the brackets nested deeper than ``limit``: each opening bracket with more
    than ``limit - 1`` open around it, and the closing bracket that closes it. Any closing
    bracket closes the innermost open one; one with none open is left alone."""
    positions: list[int] = []
    stack: list[bool] = []  # per open bracket: whether it is dropped
    for m in _BRACKETS.finditer(text):
        if m.group() in _OPENERS:
            deep = len(stack) >= limit
            stack.append(deep)
        elif stack:
            deep = stack.pop()
        else:
            continue
        if deep:
            positions.append(m.start())
    return positions


def guard(
    text: Mapped,
    removed: Counter[str],
    max_token_chars: int = MAX_TOKEN_CHARS,
    max_run_chars: int = MAX_RUN_CHARS,
    max_nesting: int = MAX_NESTING,
) -> Mapped:
    """Overlong tokens removed, overlong runs of a character cut, deep brackets removed."""
    if max_token_chars > 0:
        text, removed["long-token"] = text.sub(_long_token(max_token_chars), "")
    if max_run_chars > 0:
        text, removed["long-run"] = text.sub(_long_run(max_run_chars), lambda run: run[:max_run_chars])
    if max_nesting > 0:
        deep = _deep_brackets(text.text, max_nesting)
        if deep:
            removed["deep-nesting"] += sum(text.text[i] in _OPENERS for i in deep)
            text = text.without(deep)
    return text
