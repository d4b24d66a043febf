"""Read inputs into RawDocument records, or Reject records that say why not.

``read_inputs`` takes files, folders and ``-`` (standard input) and yields one
``RawDocument`` per article or one ``Reject`` per bad item, in a deterministic order.
It never raises for bad input: each reader turns what it cannot read into a ``Reject``
with a stable reason code (``REASONS``) and a one-line detail, and the batch goes on.

The kind of a file is decided by its extension (``READERS``); the content is sniffed
when the extension is unknown, for ``.xml`` (feed or not) and for standard input.
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import BinaryIO, TextIO

from dyad.records import RawDocument, Reject
from dyad.settings import Settings
from dyad.text.checks import Item, Reader, checked, reject, safe_item, sniff
from dyad.text.readers import Window, read_feed, read_html, read_jsonl, read_table, read_txt, read_warc, read_xml

logger = logging.getLogger(__name__)


def read_inputs(
    paths: Iterable[str],
    settings: Settings,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[RawDocument | Reject]:
    """Yield a RawDocument per article and a Reject per bad item, for every path.

    A path is a file, a folder (walked recursively, sorted, hidden entries skipped) or
    ``-`` for ``stdin`` (``sys.stdin`` when not given). Every Reject is logged once.
    """
    for path in map(os.fspath, paths):
        yield from _checked(_read_stdin(stdin, settings) if path == "-" else _read_path(path, settings), settings)


def _checked(items: Iterable[Item], settings: Settings) -> Iterator[RawDocument | Reject]:
    for item in items:
        item = checked(safe_item(item), settings)
        if isinstance(item, Reject):
            logger.warning("rejected %s: %s: %s", item.origin, item.reason, item.detail)
        yield item


def input_files(folder: str) -> tuple[list[str], bool]:
    """The files ``read_inputs`` reads under ``folder``, in its order, and whether every
    subfolder could be listed (when not, its Rejects come after the files)."""
    errors: list[OSError] = []
    files = list(_walk(folder, errors.append))
    return files, not errors


def read_part(path: str, settings: Settings, first: int = 1, stop: int | None = None) -> Iterator[RawDocument | Reject]:
    """What ``read_inputs([path])`` yields for the items of the file ``path`` numbered
    ``first`` to ``stop - 1``: the line of a JSONL/CSV row (its origin ``path:N``) or the
    number of a WARC record or feed entry (``path#N``); items of the whole file (a file-level
    Reject) count as the first. The same records, origins and Rejects as a whole read, so
    the parts of a file read on several machines add up to reading it once."""

    window = Window(first, stop)

    def inside(item: Item) -> bool:
        rest = item.origin[len(path) :] if item.origin.startswith(path) else ""
        return window.holds(int(rest[1:]) if rest[:1] in (":", "#") and rest[1:].isdigit() else 1)

    yield from _checked(filter(inside, _read_path(path, settings, window)), settings)


def _read_path(path: str, settings: Settings, window: Window | None = None) -> Iterator[Item]:
    """A file, or every file under a folder (then a Reject per subfolder it could not list);
    ``window`` lets a WARC reader skip the pages of the records outside it."""
    if not os.path.isdir(path):
        yield from _read_file(path, settings, window)
        return
    errors: list[OSError] = []
    for file in _walk(path, errors.append):
        yield from _read_file(file, settings)
    for error in errors:
        yield reject(error.filename or path, "unreadable", error.strerror or str(error))


def _walk(folder: str, onerror: Callable[[OSError], None]) -> Iterator[str]:
    """Files under ``folder``, depth first, entries sorted by name, hidden ones skipped."""
    for root, dirs, files in os.walk(folder, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(f for f in files if not f.startswith(".")):
            yield os.path.join(root, name)


def _read_file(path: str, settings: Settings, window: Window | None = None) -> Iterator[Item]:
    """Check the size, read the bytes and hand them to the reader for the file's kind."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            yield reject(path, "unreadable", "not a regular file")
            return
        if info.st_size > settings.max_bytes:
            detail = f"{info.st_size} bytes, over max_bytes={settings.max_bytes}"
            yield reject(path, "too-large", detail)
            return
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        yield reject(path, "missing", "no such file or directory")
        return
    except OSError as e:
        yield reject(path, "unreadable", e.strerror or str(e))
        return
    yield from _guarded(path, _dispatch(path, os.path.basename(path), data, settings, window))


def _guarded(origin: str, items: Iterator[Item]) -> Iterator[Item]:
    """Pass ``items`` on; an unexpected failure becomes one Reject instead of a crash."""
    try:
        yield from items
    except Exception as e:
        logger.debug("failure reading %s", origin, exc_info=True)
        yield reject(origin, "unreadable", f"{type(e).__name__}: {e}")


def _dispatch(origin: str, name: str, data: bytes, settings: Settings, window: Window | None = None) -> Iterator[Item]:
    """Read ``data`` with the reader its file name, or else its content, calls for."""
    if not data.strip():
        yield reject(origin, "empty", "no text")
        return
    reader = _reader_for(name) or SNIFFED.get(sniff(data) or "")
    if reader is None:
        ext = os.path.splitext(name)[1] or "(none)"
        detail = f"extension {ext} is not known and the content is not text"
        yield reject(origin, "unsupported", detail)
        return
    if window is not None and reader is read_warc:
        reader = partial(read_warc, window=window)
    yield from reader(origin, data, settings)


def _reader_for(name: str) -> Reader | None:
    """The reader for a file name's extension (longest first: ``.warc.gz`` before ``.gz``)."""
    lower = name.lower()
    for ext, reader in READERS.items():
        if lower.endswith(ext):
            return reader
    return None


def _read_stdin(stream: TextIO | BinaryIO | None, settings: Settings) -> Iterator[Item]:
    """Standard input: sniffed like a file of unknown kind; plain text has kind ``stdin``."""
    # The bytes under a text stream where there are any, so they are decoded strictly here.
    stream = getattr(stream or sys.stdin, "buffer", stream or sys.stdin)
    try:
        raw = stream.read(settings.max_bytes + 1)
    except UnicodeDecodeError as e:
        yield reject("-", "invalid-utf8", f"not valid UTF-8: {e.reason}")
        return
    except OSError as e:
        yield reject("-", "unreadable", str(e))
        return
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    if len(data) > settings.max_bytes:
        yield reject("-", "too-large", f"over max_bytes={settings.max_bytes}")
        return
    if not data.strip():
        yield reject("-", "empty", "no text")
        return
    kind = sniff(data) or "txt"  # content that is not text: the txt reader says why
    reader = partial(read_txt, kind="stdin") if kind == "txt" else SNIFFED[kind]
    yield from _guarded("-", reader("-", data, settings))


def _read_gzip(origin: str, data: bytes, settings: Settings) -> Iterator[Item]:
    """A gzipped file of another kind: the name without ``.gz`` (or the content) decides."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            inner = f.read(settings.max_bytes + 1)
    except (OSError, EOFError, zlib.error) as e:
        yield reject(origin, "bad-gzip", str(e) or type(e).__name__)
        return
    if len(inner) > settings.max_bytes:
        yield reject(origin, "too-large", f"over max_bytes={settings.max_bytes} once decompressed")
        return
    name = os.path.basename(origin)
    inner_name = name[:-3] if name.lower().endswith(".gz") else ""
    yield from _dispatch(origin, inner_name, inner, settings)


# Extension -> reader; the first match wins, so longer extensions come first.
READERS: dict[str, Reader] = {
    ".warc.gz": read_warc,
    ".warc": read_warc,
    ".gz": _read_gzip,
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": partial(read_table, delimiter=",", kind="csv"),
    ".tsv": partial(read_table, delimiter="\t", kind="tsv"),
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_xml,
}


# Sniffed kind -> reader, for unknown extensions and standard input.
SNIFFED: dict[str, Reader] = {
    "gz": _read_gzip,
    "warc": read_warc,
    "feed": read_feed,
    "html": read_html,
    "jsonl": read_jsonl,
    "txt": read_txt,
}
