"""Text that must not reach a terminal or a log line as it is, shown as escapes.

C0/C1 controls (escape sequences, bells, newlines that would forge a log line), line and
paragraph separators, bidi overrides, and the lone surrogates by which Python carries the
bytes of a file name that is not UTF-8 become ``\\xNN``/``\\uNNNN``. One module for the
file names ingest records (:func:`display_name`) and the article text the command line
prints (:func:`escape_controls` keeping lines and tabs), so both escape the same way.
"""

from __future__ import annotations

import re

_UNSAFE = "\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE_IN_NAME = re.compile(f"[{_UNSAFE}]")
_UNSAFE_IN_TEXT = re.compile(f"(?![\t\n])[{_UNSAFE}]")


def _escape(m: re.Match[str]) -> str:
    c = ord(m.group())
    if 0xDC80 <= c <= 0xDCFF:  # os.fsdecode's surrogateescape of byte c - 0xDC00
        return f"\\x{c - 0xDC00:02x}"
    return f"\\x{c:02x}" if c <= 0xFF else f"\\u{c:04x}"


def escape_controls(text: str, keep_lines: bool = False) -> str:
    """``text`` with every unsafe character escaped; ``keep_lines`` leaves newlines and tabs."""
    pattern = _UNSAFE_IN_TEXT if keep_lines else _UNSAFE_IN_NAME
    return pattern.sub(_escape, text) if pattern.search(text) else text


def display_name(name: str) -> str:
    """``name`` (a path or an origin) as one printable line of valid UTF-8.

    The bytes of a name that is not UTF-8 are shown as ``\\xNN``; control characters, line
    separators and bidi overrides as ``\\xNN``/``\\uNNNN`` escapes. Names that need none of
    this are returned unchanged, so the same input always gets the same origin (resumed
    runs match it).
    """
    return escape_controls(name)
