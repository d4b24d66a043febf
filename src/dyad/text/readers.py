"""The readers of :mod:`dyad.text.ingest`, one per kind of input: plain text, HTML, JSONL,
CSV/TSV, RSS/Atom feeds, XML and WARC. Each turns bytes into RawDocument or Reject records."""

from __future__ import annotations

import csv
import io
import itertools
import json
import logging
import re
import time
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import feedparser
import htmldate
import lxml.html
import trafilatura
from lxml.etree import ParserError
from trafilatura.settings import Document
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dyad.records import RawDocument, Reject
from dyad.settings import Settings
from dyad.text.checks import (
    READ_BLOCK,
    SPACES,
    Item,
    binary_reason,
    check_gzip_end,
    decode,
    normalize_date,
    read_date,
    reject,
    sniff,
    utf8_error,
)
from dyad.text.escapes import display_name

logger = logging.getLogger(__name__)


# Any: trafilatura takes the dict as dict[str, Any], htmldate.find_date takes it as keywords
_HTMLDATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}


# warcio raises AttributeError/TypeError/KeyError when a record's header block is cut short
_WARC_ERRORS = (
    ArchiveLoadFailed,
    ValueError,
    OSError,
    EOFError,
    zlib.error,
    AttributeError,
    TypeError,
    KeyError,
    IndexError,
)


_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


_HTML_TYPES = {"text/html", "application/xhtml+xml"}


_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "table",
    "section",
    "article",
    "figure",
    "figcaption",
}


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)


_BODY_LINE_WORDS = 8


_BODY_LINE_END = (".", "!", "?", '"', "\u201d", "\u2019", "'", ")", "\u2026")


_HEADLINE_MAX_CHARS = 150


_HEADLINE_MAX_WORDS = 20


@dataclass(frozen=True)
class Window:
    """Items numbered ``first`` to ``stop - 1`` (line of a row, number of a record); no ``stop``: to the end."""

    first: int = 1
    stop: int | None = None

    def holds(self, n: int) -> bool:
        return self.first <= n and (self.stop is None or n < self.stop)


def read_txt(origin: str, data: bytes, settings: Settings, kind: str = "txt") -> Iterator[Item]:
    """One document: the whole text, titled by its first line when that is a headline."""
    text = decode(origin, data)
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


def read_html(origin: str, data: bytes, settings: Settings) -> Iterator[Item]:
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
    html = decode(origin, data, charset or _meta_charset(data))
    if isinstance(html, Reject):
        return html
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=_HTMLDATE_PARAMS,
    )
    # bare_extraction gives a dict only when asked (as_dict=True); None when it found nothing
    text = (doc.text or "").strip() if isinstance(doc, Document) else ""
    if not isinstance(doc, Document) or not _has_body(text):
        return reject(origin, "no-article-body", "no paragraph of article text found")
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
        len(line.split()) >= _BODY_LINE_WORDS and line.rstrip().endswith(_BODY_LINE_END) for line in text.splitlines()
    )


def read_jsonl(origin: str, data: bytes, settings: Settings) -> Iterator[Item]:
    """One document per line; each line is decoded and parsed on its own."""
    reason = binary_reason(data)
    if reason:
        yield reject(origin, "binary", reason)
        return
    for n, raw in enumerate(data.splitlines(), 1):
        if not raw.strip():
            continue
        where = f"{origin}:{n}"
        try:
            obj = json.loads(raw.decode("utf-8-sig" if n == 1 else "utf-8"))
        except UnicodeDecodeError as e:
            yield reject(where, "invalid-utf8", utf8_error(raw, e))
            continue
        except json.JSONDecodeError as e:
            yield reject(where, "bad-json", f"{e.msg} at column {e.colno}")
            continue
        except RecursionError:
            yield reject(where, "bad-json", "nested deeper than the JSON reader allows")
            continue
        except ValueError as e:  # e.g. an integer of more digits than Python converts
            yield reject(where, "bad-json", str(e))
            continue
        if not isinstance(obj, dict):
            yield reject(where, "bad-json", f"a JSON {type(obj).__name__}, not an object")
            continue
        yield _row_item(where, "jsonl", obj, settings)


def read_table(origin: str, data: bytes, settings: Settings, delimiter: str, kind: str) -> Iterator[Item]:
    """One document per row of a CSV/TSV file with a header row."""
    text = decode(origin, data)
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
            yield reject(origin, "no-text-column", detail)
            return
        start = rows.line_num + 1
        n_rows = 0
        for row in rows:
            if any(cell.strip() for cell in row):
                n_rows += 1
                yield _row_item(f"{origin}:{start}", kind, dict(zip(header, row)), settings)
            start = rows.line_num + 1
        if not n_rows:
            yield reject(origin, "empty", "a header row and no data rows")
    except csv.Error as e:
        yield reject(f"{origin}:{start}", "bad-csv", str(e))


def _row_item(origin: str, kind: str, row: Mapping[str, Any], settings: Settings) -> Item:
    """A JSONL object or CSV row as a document, columns named by ``settings``."""
    text = row.get(settings.text_column)
    if not isinstance(text, str) or not text.strip():
        state = "missing" if text is None else "blank" if isinstance(text, str) else "not a string"
        return reject(origin, "no-text", f"field {settings.text_column!r} is {state}")
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


def read_feed(origin: str, data: bytes, settings: Settings) -> Iterator[Item]:
    """One document per RSS/Atom entry."""
    # A file object, so feedparser never takes the content for a URL or a path.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        if parsed.bozo:
            yield reject(origin, "bad-feed", str(parsed.get("bozo_exception", "not a feed")))
        else:
            yield reject(origin, "empty", "feed has no entries")
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
        lines = (SPACES.sub(" ", line).strip() for line in fragment.splitlines())
        return "\n".join(line for line in lines if line)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for element in root.iter():
        element.text = SPACES.sub(" ", element.text or "")
        element.tail = SPACES.sub(" ", element.tail or "")
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.text = "\n" + element.text
            element.tail = "\n" + element.tail
    lines = (line.strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def read_xml(origin: str, data: bytes, settings: Settings) -> Iterator[Item]:
    """``.xml``: read as a feed when it is one."""
    if sniff(data) == "feed":
        yield from read_feed(origin, data, settings)
    else:
        yield reject(origin, "unsupported", "XML that is not an RSS or Atom feed")


def read_warc(origin: str, data: bytes, settings: Settings, window: Window | None = None) -> Iterator[Item]:
    """One document per 2xx HTML response record (``.warc`` or ``.warc.gz``); with ``window``,
    the pages of records outside it are not extracted (one shard of the file is wanted).

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
                check_gzip_end(data)
                if not pages:  # never silent: a WARC without a page is one item, rejected
                    yield reject(origin, "empty", f"no 2xx HTML response among {n - 1} WARC record(s)")
                return
            body = _warc_html(record, settings.max_bytes)
        except _WARC_ERRORS as e:
            plain = isinstance(e, ArchiveLoadFailed | ValueError | OSError | EOFError | zlib.error)
            detail = (str(e) or type(e).__name__) if plain else "record header truncated or malformed"
            yield reject(where, "bad-warc", detail)
            return
        if body is None:
            continue
        pages += 1
        if window is not None and not window.holds(n):
            continue
        if len(body) > settings.max_bytes:
            yield reject(where, "too-large", f"record over max_bytes={settings.max_bytes}")
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
    while record.raw_stream.read(READ_BLOCK):
        pass
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        raise ValueError(f"record truncated: {missing} bytes missing")
    return body
