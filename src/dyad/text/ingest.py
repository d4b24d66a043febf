"""Read inputs into RawDocument records, or Reject records that say why not.

``read_inputs`` takes files, folders and ``-`` (standard input) and yields one
``RawDocument`` per article or one ``Reject`` per bad item, in a deterministic order.
It never raises for bad input: each reader turns what it cannot read into a ``Reject``
with a stable reason code (``REASONS``) and a one-line detail, and the batch goes on.

The kind of a file is decided by its extension (``READERS``); the content is sniffed
when the extension is unknown, for ``.xml`` (feed or not) and for standard input.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import gzip
import io
import itertools
import json
import logging
import os
import re
import stat
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from functools import partial
from typing import Any, BinaryIO, TextIO

import dateparser
import feedparser
import htmldate
import lxml.html
import trafilatura
from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException
from lxml.etree import ParserError
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dyad.text.escapes import display_name
from dyad.records import RawDocument, Reject
from dyad.settings import Settings

logger = logging.getLogger(__name__)

Item = RawDocument | Reject
Reader = Callable[[str, bytes, Settings], Iterator[Item]]

REASONS: dict[str, str] = {
    "missing": "the path does not exist",
    "unreadable": "the file could not be read (permissions, I/O error, unexpected failure)",
    "too-large": "the input is larger than settings.max_bytes",
    "empty": "no text, or fewer than settings.min_chars characters of it",
    "binary": "NUL bytes or mostly control characters: not text",
    "invalid-utf8": "the bytes are not valid UTF-8 (nor the charset the page declares)",
    "bad-json": "a JSONL line that is not a JSON object",
    "no-text": "a JSONL object or CSV row without a text value",
    "no-text-column": "a CSV/TSV file without the text column",
    "bad-csv": "a CSV/TSV file the csv module cannot parse past this row",
    "no-article-body": "an HTML page in which no article text was found",
    "not-english": "text confidently detected as another language",
    "unsupported": "an unknown extension whose content is not text",
    "bad-gzip": "a .gz file that cannot be decompressed",
    "bad-warc": "a WARC file that cannot be parsed",
    "bad-feed": "an RSS/Atom file that cannot be parsed",
    "clean-failed": "the cleaner failed on the document (a bug: reported, the batch goes on)",
    "too-slow": "cleaning or parsing took longer than settings.doc_time_budget seconds",
}

# Common English function words for the fast language check. Words that are also
# common in other European languages (a, in, on, no, de, die) are left out on purpose.
_ENGLISH_WORDS = frozenset(
    """the of and to is was were are be been being has have had that this these those
    with for from by as at it its their they them he she his her we our you not but or
    which who whom would will could should said after before about into over than also
    there when while what because""".split()
)
_LANGUAGE_WINDOW = 2000
_LANGDETECT_MIN_PROB = 0.9

_DATE_SETTINGS = {
    # Absolute dates only, all three parts required: never fill a gap from today.
    "STRICT_PARSING": True,
    "PARSERS": ["custom-formats", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_HTMLDATE_PARAMS = {"extensive_search": False, "original_date": True}
# warcio raises AttributeError/TypeError/KeyError when a record's header block is cut short
_WARC_ERRORS = (ArchiveLoadFailed, ValueError, OSError, EOFError, zlib.error,
                AttributeError, TypeError, KeyError, IndexError)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_READ_BLOCK = 1 << 16
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "tr", "table", "section", "article", "figure", "figcaption",
}
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v") + b"\x7f"
_NUL = b"\x00"
_GZIP_MAGIC = b"\x1f\x8b"
_WORD = re.compile(r"[^\W\d_]+")
_SPACES = re.compile(r"\s+")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
_FEED_ROOT = re.compile(r"<(rss|feed|rdf:rdf)[\s>]")
_BODY_LINE_WORDS = 8
_BODY_LINE_END = (".", "!", "?", '"', "\u201d", "\u2019", "'", ")", "\u2026")
_HEADLINE_MAX_CHARS = 150
_HEADLINE_MAX_WORDS = 20
_DETAIL_MAX_CHARS = 300


_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
def repair_text(value: str) -> tuple[str, int]:
    """``value`` made encodable as UTF-8, and how many code points were replaced.

    Surrogate pairs left as two code points are joined into their character; a lone
    surrogate (a broken ``\\ud800`` escape in JSON written by JavaScript) becomes U+FFFD.
    """
    if not _SURROGATE.search(value):
        return value, 0
    value = _SURROGATE_PAIR.sub(
        lambda m: m.group().encode("utf-16", "surrogatepass").decode("utf-16"), value)
    return _SURROGATE.subn("\ufffd", value)


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
        items = _read_stdin(stdin, settings) if path == "-" else _read_path(path, settings)
        for item in items:
            item = _checked(_safe(item), settings)
            if isinstance(item, Reject):
                logger.warning("rejected %s: %s: %s", item.origin, item.reason, item.detail)
            yield item


_LANGUAGE_MIN_WORDS = 12


def detect_language(text: str, settings: Settings) -> str | None:
    """Language code of ``text`` ("en", "fr", ...), or None when undecidable.

    A share of English function words at or above ``settings.english_min_ratio`` in the
    first ~2000 characters means English; otherwise langdetect names the language,
    and only an answer it is confident in counts.
    """
    sample = text[:_LANGUAGE_WINDOW]
    words = _WORD.findall(sample.lower())
    if not words:
        return None
    if sum(w in _ENGLISH_WORDS for w in words) / len(words) >= settings.english_min_ratio:
        return "en"
    if len(words) < _LANGUAGE_MIN_WORDS:
        return None  # a headline or one short sentence: too little to tell ("Arnor attacked Gondor.")
    DetectorFactory.seed = 0  # langdetect is random unless seeded
    try:
        best = detect_langs(sample)[0]
    except LangDetectException:
        return None
    return best.lang if best.prob >= _LANGDETECT_MIN_PROB else None


def normalize_date(value: Any) -> str | None:
    """``value`` as an ISO ``YYYY-MM-DD`` date, or None when it has no full date.

    Relative dates ("yesterday") and partial ones ("March 2024") give None: a date is
    never completed from today's date.
    """
    if isinstance(value, datetime | date):
        return _iso(value)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    for parse in (_parse_iso, parsedate_to_datetime):
        try:
            return _iso(parse(text))
        except (TypeError, ValueError, IndexError):
            pass
    parsed = dateparser.parse(text, settings=_DATE_SETTINGS)
    return _iso(parsed) if parsed else None


def _iso(day: date) -> str:
    """YYYY-MM-DD with a four-digit year (strftime drops the zeros of years before 1000)."""
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


MIN_YEAR = 1800  # older dates are typing errors or misread numbers, not news
_EPOCH_DIGITS = {9: 1, 10: 1, 12: 1000, 13: 1000}  # Unix seconds / milliseconds


def read_date(value: Any) -> tuple[str | None, str | None]:
    """(ISO date, None) for a readable date; (None, note) when a value was given but is not
    a usable date; (None, None) when no value was given.

    Unix timestamps (9-10 digits: seconds, 12-13: milliseconds) are read as UTC. A date
    before ``MIN_YEAR`` or after next year is out of range. The note says why the document
    is stored undated (``date-unreadable``, ``date-incomplete``, ``date-out-of-range``).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    shown = repr(value if not isinstance(value, str) else value.strip()[:60])
    if isinstance(value, bool) or not isinstance(value, str | int | float | date | datetime):
        return None, f"date-unreadable: a {type(value).__name__}, not a date; stored undated"
    text = str(value).strip()
    digits = text.lstrip("-").split(".")[0]
    if isinstance(value, int | float) or text.replace(".", "", 1).isdigit():
        scale = _EPOCH_DIGITS.get(len(digits)) if digits.isdigit() and not text.startswith("-") else None
        if scale is None:
            return None, f"date-unreadable: {shown} is a number, not a date; stored undated"
        day = datetime.fromtimestamp(float(text) / scale, tz=timezone.utc).date()
        iso = day.isoformat()
    else:
        iso = normalize_date(value)
        if iso is None:
            if dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": False}) is not None:
                return None, (f"date-incomplete: {shown} names no single calendar day (relative or "
                              "partial); stored undated")
            return None, f"date-unreadable: {shown} is not a date; stored undated"
        if text.startswith("-"):
            return None, f"date-out-of-range: {shown} is before year {MIN_YEAR}; stored undated"
    year = int(iso[:4])
    if not MIN_YEAR <= year <= date.today().year + 1:
        return None, f"date-out-of-range: {shown} reads as {iso}; stored undated"
    return iso, None


def _parse_iso(text: str) -> date:
    """An ISO date or date-time; the date part alone when a time part does not parse."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        if _ISO_DAY.match(text):
            return date.fromisoformat(text[:10])
        raise


# --- paths and dispatch ---------------------------------------------------------------


def _read_path(path: str, settings: Settings) -> Iterator[Item]:
    """A file, or every file under a folder (then a Reject per subfolder it could not list)."""
    if not os.path.isdir(path):
        yield from _read_file(path, settings)
        return
    errors: list[OSError] = []
    for file in _walk(path, errors.append):
        yield from _read_file(file, settings)
    for error in errors:
        yield _reject(error.filename or path, "unreadable", error.strerror or str(error))


def _walk(folder: str, onerror: Callable[[OSError], None]) -> Iterator[str]:
    """Files under ``folder``, depth first, entries sorted by name, hidden ones skipped."""
    for root, dirs, files in os.walk(folder, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(f for f in files if not f.startswith(".")):
            yield os.path.join(root, name)


def _read_file(path: str, settings: Settings) -> Iterator[Item]:
    """Check the size, read the bytes and hand them to the reader for the file's kind."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            yield _reject(path, "unreadable", "not a regular file")
            return
        if info.st_size > settings.max_bytes:
            detail = f"{info.st_size} bytes, over max_bytes={settings.max_bytes}"
            yield _reject(path, "too-large", detail)
            return
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        yield _reject(path, "missing", "no such file or directory")
        return
    except OSError as e:
        yield _reject(path, "unreadable", e.strerror or str(e))
        return
    yield from _guarded(path, _dispatch(path, os.path.basename(path), data, settings))


def _guarded(origin: str, items: Iterator[Item]) -> Iterator[Item]:
    """Pass ``items`` on; an unexpected failure becomes one Reject instead of a crash."""
    try:
        yield from items
    except Exception as e:  # noqa: BLE001 - one bad input must never stop the batch
        logger.debug("failure reading %s", origin, exc_info=True)
        yield _reject(origin, "unreadable", f"{type(e).__name__}: {e}")


def _dispatch(origin: str, name: str, data: bytes, settings: Settings) -> Iterator[Item]:
    """Read ``data`` with the reader its file name, or else its content, calls for."""
    if not data.strip():
        yield _reject(origin, "empty", "no text")
        return
    reader = _reader_for(name) or SNIFFED.get(_sniff(data) or "")
    if reader is None:
        ext = os.path.splitext(name)[1] or "(none)"
        detail = f"extension {ext} is not known and the content is not text"
        yield _reject(origin, "unsupported", detail)
        return
    yield from reader(origin, data, settings)


def _reader_for(name: str) -> Reader | None:
    """The reader for a file name's extension (longest first: ``.warc.gz`` before ``.gz``)."""
    lower = name.lower()
    for ext, reader in READERS.items():
        if lower.endswith(ext):
            return reader
    return None


def _sniff(data: bytes) -> str | None:
    """The kind the content looks like: gz, warc, feed, html, jsonl, txt; None if not text."""
    if data[:2] == _GZIP_MAGIC:
        return "gz"
    if data[:5] == b"WARC/":
        return "warc"
    if _binary_reason(data):
        return None
    head = data[:2048].decode("utf-8", "replace").lstrip("\ufeff \t\r\n").lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<"):
        return "feed" if _FEED_ROOT.search(head) else "html"
    return "txt"


def _read_stdin(stream: TextIO | BinaryIO | None, settings: Settings) -> Iterator[Item]:
    """Standard input: sniffed like a file of unknown kind; plain text has kind ``stdin``."""
    # The bytes under a text stream where there are any, so they are decoded strictly here.
    stream = getattr(stream or sys.stdin, "buffer", stream or sys.stdin)
    try:
        raw = stream.read(settings.max_bytes + 1)
    except UnicodeDecodeError as e:
        yield _reject("-", "invalid-utf8", f"not valid UTF-8: {e.reason}")
        return
    except OSError as e:
        yield _reject("-", "unreadable", str(e))
        return
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    if len(data) > settings.max_bytes:
        yield _reject("-", "too-large", f"over max_bytes={settings.max_bytes}")
        return
    if not data.strip():
        yield _reject("-", "empty", "no text")
        return
    kind = _sniff(data) or "txt"  # content that is not text: the txt reader says why
    reader = partial(_read_txt, kind="stdin") if kind == "txt" else SNIFFED[kind]
    yield from _guarded("-", reader("-", data, settings))


# --- checks shared by every reader -------------------------------------------------------


def _reject(origin: str, reason: str, detail: str = "") -> Reject:
    """A Reject with a known reason and a one-line detail."""
    assert reason in REASONS, reason
    detail = _SPACES.sub(" ", detail).strip()
    if len(detail) > _DETAIL_MAX_CHARS:
        detail = detail[: _DETAIL_MAX_CHARS - 1] + "\u2026"
    return Reject(origin=origin, reason=reason, detail=detail)


_TEXT_FIELDS = ("text", "doc_id", "title", "date", "url", "source")


def _safe(item: Item) -> Item:
    """The item with a printable origin and text fields that encode as UTF-8.

    Repairs are recorded in the document's ``notes`` (stored in the ``notes`` table).
    """
    origin = display_name(item.origin)
    if isinstance(item, Reject):
        detail = display_name(item.detail)
        return item if (origin, detail) == (item.origin, item.detail) else Reject(origin, item.reason, detail)
    changes: dict[str, Any] = {"origin": origin} if origin != item.origin else {}
    notes = list(item.notes)
    for name in _TEXT_FIELDS:
        value = getattr(item, name)
        if value is None:
            continue
        fixed, n = repair_text(value)
        if n:
            changes[name] = fixed
            notes.append(f"repaired-unicode: {n} unpaired surrogate code point(s) in {name!r} "
                         "replaced by U+FFFD")
    if len(notes) > len(item.notes):
        changes["notes"] = tuple(notes)
    return dataclasses.replace(item, **changes) if changes else item


def _checked(item: Item, settings: Settings) -> Item:
    """The document, or a Reject when its text is too short or not English."""
    if isinstance(item, Reject):
        return item
    n = len(item.text.strip())
    if n < settings.min_chars:
        detail = f"{n} characters of text, under min_chars={settings.min_chars}" if n else "no text"
        return _reject(item.origin, "empty", detail)
    language = detect_language(item.text, settings)
    if language not in (None, "en"):
        return _reject(item.origin, "not-english", f"detected {language!r}")
    return item


def _binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text (NUL bytes, mostly control bytes), or None."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 text; convert it to UTF-8"
    if _NUL in data:
        return f"NUL byte at offset {data.index(_NUL)}"
    head = data[:8192]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls * 10 > len(head):
        return f"{controls} control bytes in the first {len(head)}"
    return None


def _decode(origin: str, data: bytes, declared: str | None = None) -> str | Reject:
    """UTF-8 text (BOM dropped), else the declared charset; never silently replaced."""
    reason = _binary_reason(data)
    if reason:
        return _reject(origin, "binary", reason)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        error = e
    if declared:
        try:
            if codecs.lookup(declared).name != "utf-8":
                return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    return _reject(origin, "invalid-utf8", _utf8_error(data, error))


def _utf8_error(data: bytes, error: UnicodeDecodeError) -> str:
    """Where ``data`` stops being UTF-8, for a Reject's detail."""
    line = data.count(b"\n", 0, error.start) + 1
    byte = data[error.start]
    return f"byte 0x{byte:02x} at offset {error.start} (line {line}) is not valid UTF-8"


# --- readers, one per kind ------------------------------------------------------------


def _read_txt(origin: str, data: bytes, settings: Settings, kind: str = "txt") -> Iterator[Item]:
    """One document: the whole text, titled by its first line when that is a headline."""
    text = _decode(origin, data)
    if isinstance(text, Reject):
        yield text
        return
    yield RawDocument(origin=origin, kind=kind, text=text, title=_headline(text))


def _headline(text: str) -> str | None:
    """The first line when it looks like a headline: short, no final period, text below."""
    lines = text.strip().splitlines()
    if len(lines) < 2:
        return None
    first = lines[0].strip()
    if len(first) > _HEADLINE_MAX_CHARS or len(first.split()) > _HEADLINE_MAX_WORDS:
        return None
    return None if first.endswith((".", ",", ";", ":")) else first


def _read_html(origin: str, data: bytes, settings: Settings) -> Iterator[Item]:
    """One document: the page's main text and metadata."""
    yield _html_item(origin, data, kind="html")


def _html_item(
    origin: str,
    data: bytes,
    kind: str,
    url: str | None = None,
    fallback_date: str | None = None,
    charset: str | None = None,
) -> Item:
    """An HTML page as a document; ``url`` and ``fallback_date`` come from a WARC record."""
    html = _decode(origin, data, charset or _meta_charset(data))
    if isinstance(html, Reject):
        return html
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=_HTMLDATE_PARAMS,
    )
    text = (doc.text or "").strip() if doc else ""
    if not _has_body(text):
        return _reject(origin, "no-article-body", "no paragraph of article text found")
    found = doc.date or htmldate.find_date(html, url=url or doc.url, **_HTMLDATE_PARAMS)
    return RawDocument(
        origin=origin,
        kind=kind,
        text=text,
        title=doc.title or None,
        date=normalize_date(found) or fallback_date,
        url=url or doc.url or None,
        source=doc.sitename or None,
    )


def _meta_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its start."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def _has_body(text: str) -> bool:
    """True when some line reads like a paragraph (menus and link lists do not)."""
    return any(
        len(line.split()) >= _BODY_LINE_WORDS and line.rstrip().endswith(_BODY_LINE_END)
        for line in text.splitlines()
    )


def _read_jsonl(origin: str, data: bytes, settings: Settings) -> Iterator[Item]:
    """One document per line; each line is decoded and parsed on its own."""
    reason = _binary_reason(data)
    if reason:
        yield _reject(origin, "binary", reason)
        return
    for n, raw in enumerate(data.splitlines(), 1):
        if not raw.strip():
            continue
        where = f"{origin}:{n}"
        try:
            obj = json.loads(raw.decode("utf-8-sig" if n == 1 else "utf-8"))
        except UnicodeDecodeError as e:
            yield _reject(where, "invalid-utf8", _utf8_error(raw, e))
            continue
        except json.JSONDecodeError as e:
            yield _reject(where, "bad-json", f"{e.msg} at column {e.colno}")
            continue
        except RecursionError:
            yield _reject(where, "bad-json", "nested deeper than the JSON reader allows")
            continue
        except ValueError as e:  # e.g. an integer of more digits than Python converts
            yield _reject(where, "bad-json", str(e))
            continue
        if not isinstance(obj, dict):
            yield _reject(where, "bad-json", f"a JSON {type(obj).__name__}, not an object")
            continue
        yield _row_item(where, "jsonl", obj, settings)


def _read_table(
    origin: str, data: bytes, settings: Settings, delimiter: str, kind: str
) -> Iterator[Item]:
    """One document per row of a CSV/TSV file with a header row."""
    text = _decode(origin, data)
    if isinstance(text, Reject):
        yield text
        return
    # Articles can be longer than the csv module's default 128 KiB field limit.
    csv.field_size_limit(max(csv.field_size_limit(), settings.max_bytes))
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        header = next((row for row in rows if any(c.strip() for c in row)), [])
        header = [column.strip() for column in header]
        if settings.text_column not in header:
            detail = f"no column {settings.text_column!r}; columns: {', '.join(header)}"
            yield _reject(origin, "no-text-column", detail)
            return
        start = rows.line_num + 1
        n_rows = 0
        for row in rows:
            if any(cell.strip() for cell in row):
                n_rows += 1
                yield _row_item(f"{origin}:{start}", kind, dict(zip(header, row)), settings)
            start = rows.line_num + 1
        if not n_rows:
            yield _reject(origin, "empty", "a header row and no data rows")
    except csv.Error as e:
        yield _reject(f"{origin}:{start}", "bad-csv", str(e))


def _row_item(origin: str, kind: str, row: Mapping[str, Any], settings: Settings) -> Item:
    """A JSONL object or CSV row as a document, columns named by ``settings``."""
    text = row.get(settings.text_column)
    if not isinstance(text, str) or not text.strip():
        state = "missing" if text is None else "blank" if isinstance(text, str) else "not a string"
        return _reject(origin, "no-text", f"field {settings.text_column!r} is {state}")
    day, note = read_date(row.get(settings.date_column))
    if note:
        logger.warning("%s: %s", display_name(origin), note)
    return RawDocument(
        origin=origin,
        kind=kind,
        text=text,
        doc_id=_field(row, settings.id_column),
        title=_field(row, settings.title_column),
        date=day,
        url=_field(row, settings.url_column),
        source=_field(row, settings.source_column),
        notes=(note,) if note else (),
    )


def _field(row: Mapping[str, Any], column: str) -> str | None:
    """A scalar column value as a stripped string; None when absent or blank."""
    value = row.get(column)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value).strip() or None


def _read_feed(origin: str, data: bytes, settings: Settings) -> Iterator[Item]:
    """One document per RSS/Atom entry."""
    # A file object, so feedparser never takes the content for a URL or a path.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        if parsed.bozo:
            yield _reject(origin, "bad-feed", str(parsed.get("bozo_exception", "not a feed")))
        else:
            yield _reject(origin, "empty", "feed has no entries")
        return
    source = parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, 1):
        yield _feed_item(f"{origin}#{n}", entry, source)


def _feed_item(origin: str, entry: Mapping[str, Any], source: str | None) -> RawDocument:
    """An entry as a document: full content when the feed has it, else the summary."""
    content = entry.get("content") or [{}]
    body = content[0].get("value") or entry.get("summary") or ""
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    day, note = read_date(entry.get("published") or entry.get("updated"))
    if day is None and stamp:
        day, note = read_date(time.strftime("%Y-%m-%d", stamp))
    if note:
        logger.warning("%s: %s", display_name(origin), note)
    return RawDocument(
        origin=origin,
        kind="rss",
        text=_html_to_text(body),
        doc_id=entry.get("id") or None,
        title=_html_to_text(entry.get("title") or "") or None,
        date=day,
        url=entry.get("link") or None,
        source=source,
        notes=(note,) if note else (),
    )


def _html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one line per paragraph or other block."""
    if "<" not in fragment:
        lines = (_SPACES.sub(" ", line).strip() for line in fragment.splitlines())
        return "\n".join(line for line in lines if line)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for element in root.iter():
        element.text = _SPACES.sub(" ", element.text or "")
        element.tail = _SPACES.sub(" ", element.tail or "")
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.text = "\n" + element.text
            element.tail = "\n" + element.tail
    lines = (line.strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _read_xml(origin: str, data: bytes, settings: Settings) -> Iterator[Item]:
    """``.xml``: read as a feed when it is one."""
    if _sniff(data) == "feed":
        yield from _read_feed(origin, data, settings)
    else:
        yield _reject(origin, "unsupported", "XML that is not an RSS or Atom feed")


def _read_warc(origin: str, data: bytes, settings: Settings) -> Iterator[Item]:
    """One document per 2xx HTML response record (``.warc`` or ``.warc.gz``).

    Other records are skipped silently; a truncated or corrupt record (or gzip stream)
    ends the file with one ``bad-warc`` Reject, after the documents read before it.
    """
    records = ArchiveIterator(io.BytesIO(data))
    pages = 0
    for n in itertools.count(1):
        where = f"{origin}#{n}"
        try:
            record = next(records, None)
            if record is None:
                _check_gzip_end(data)
                if not pages:  # never silent: a WARC without a page is one item, rejected
                    yield _reject(origin, "empty", f"no 2xx HTML response among {n - 1} WARC record(s)")
                return
            body = _warc_html(record, settings.max_bytes)
        except _WARC_ERRORS as e:
            plain = isinstance(e, ArchiveLoadFailed | ValueError | OSError | EOFError | zlib.error)
            detail = (str(e) or type(e).__name__) if plain else "record header truncated or malformed"
            yield _reject(where, "bad-warc", detail)
            return
        if body is None:
            continue
        pages += 1
        if len(body) > settings.max_bytes:
            yield _reject(where, "too-large", f"record over max_bytes={settings.max_bytes}")
            continue
        charset = _CHARSET.search(record.http_headers.get_header("Content-Type") or "")
        yield _html_item(
            where,
            body,
            kind="warc",
            url=record.rec_headers.get_header("WARC-Target-URI"),
            fallback_date=normalize_date(record.rec_headers.get_header("WARC-Date")),
            charset=charset.group(1) if charset else None,
        )


def _warc_html(record: Any, max_bytes: int) -> bytes | None:
    """The payload of a 2xx HTML response (None for other records), read to its end.

    Raises ValueError when the record is shorter than its Content-Length says.
    """
    body = None
    headers = record.http_headers
    if record.rec_type == "response" and headers is not None:
        mime = (headers.get_header("Content-Type") or "").partition(";")[0].strip().lower()
        if mime in _HTML_TYPES and (headers.get_statuscode() or "").startswith("2"):
            body = record.content_stream().read(max_bytes + 1)
    while record.raw_stream.read(_READ_BLOCK):
        pass
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        raise ValueError(f"record truncated: {missing} bytes missing")
    return body


def _check_gzip_end(data: bytes) -> None:
    """Raise EOFError when gzipped ``data`` is cut short: warcio ends quietly there."""
    if data[:2] == _GZIP_MAGIC:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            while f.read(_READ_BLOCK):
                pass


def _read_gzip(origin: str, data: bytes, settings: Settings) -> Iterator[Item]:
    """A gzipped file of another kind: the name without ``.gz`` (or the content) decides."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            inner = f.read(settings.max_bytes + 1)
    except (OSError, EOFError, zlib.error) as e:
        yield _reject(origin, "bad-gzip", str(e) or type(e).__name__)
        return
    if len(inner) > settings.max_bytes:
        yield _reject(origin, "too-large", f"over max_bytes={settings.max_bytes} once decompressed")
        return
    name = os.path.basename(origin)
    inner_name = name[:-3] if name.lower().endswith(".gz") else ""
    yield from _dispatch(origin, inner_name, inner, settings)


# Extension -> reader; the first match wins, so longer extensions come first.
READERS: dict[str, Reader] = {
    ".warc.gz": _read_warc,
    ".warc": _read_warc,
    ".gz": _read_gzip,
    ".txt": _read_txt,
    ".html": _read_html,
    ".htm": _read_html,
    ".jsonl": _read_jsonl,
    ".ndjson": _read_jsonl,
    ".csv": partial(_read_table, delimiter=",", kind="csv"),
    ".tsv": partial(_read_table, delimiter="\t", kind="tsv"),
    ".rss": _read_feed,
    ".atom": _read_feed,
    ".xml": _read_xml,
}

# Sniffed kind -> reader, for unknown extensions and standard input.
SNIFFED: dict[str, Reader] = {
    "gz": _read_gzip,
    "warc": _read_warc,
    "feed": _read_feed,
    "html": _read_html,
    "jsonl": _read_jsonl,
    "txt": _read_txt,
}
