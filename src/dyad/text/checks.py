"""What every reader of :mod:`dyad.text.ingest` shares: the reject reasons, decoding,
repairs of text fields, document dates and the language check."""

from __future__ import annotations

import codecs
import dataclasses
import gzip
import io
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import dateparser
from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from dyad.records import RawDocument, Reject
from dyad.settings import Settings
from dyad.text.escapes import display_name

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
    [
        "the",
        "of",
        "and",
        "to",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "that",
        "this",
        "these",
        "those",
        "with",
        "for",
        "from",
        "by",
        "as",
        "at",
        "it",
        "its",
        "their",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "you",
        "not",
        "but",
        "or",
        "which",
        "who",
        "whom",
        "would",
        "will",
        "could",
        "should",
        "said",
        "after",
        "before",
        "about",
        "into",
        "over",
        "than",
        "also",
        "there",
        "when",
        "while",
        "what",
        "because",
    ]
)


_LANGUAGE_WINDOW = 2000


_LANGDETECT_MIN_PROB = 0.9


_DATE_SETTINGS = {
    # Absolute dates only, all three parts required: never fill a gap from today.
    "STRICT_PARSING": True,
    "PARSERS": ["custom-formats", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


READ_BLOCK = 1 << 16


_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v") + b"\x7f"


_NUL = b"\x00"


_GZIP_MAGIC = b"\x1f\x8b"


_WORD = re.compile(r"[^\W\d_]+")


SPACES = re.compile(r"\s+")


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


_FEED_ROOT = re.compile(r"<(rss|feed|rdf:rdf)[\s>]")


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
    value = _SURROGATE_PAIR.sub(lambda m: m.group().encode("utf-16", "surrogatepass").decode("utf-16"), value)
    return _SURROGATE.subn("\ufffd", value)


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
    iso: str | None
    if isinstance(value, int | float) or text.replace(".", "", 1).isdigit():
        scale = _EPOCH_DIGITS.get(len(digits)) if digits.isdigit() and not text.startswith("-") else None
        if scale is None:
            return None, f"date-unreadable: {shown} is a number, not a date; stored undated"
        day = datetime.fromtimestamp(float(text) / scale, tz=UTC).date()
        iso = day.isoformat()
    else:
        iso = normalize_date(value)
        if iso is None:
            if dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": False}) is not None:
                return None, (
                    f"date-incomplete: {shown} names no single calendar day (relative or partial); stored undated"
                )
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


def sniff(data: bytes) -> str | None:
    """The kind the content looks like: gz, warc, feed, html, jsonl, txt; None if not text."""
    if data[:2] == _GZIP_MAGIC:
        return "gz"
    if data[:5] == b"WARC/":
        return "warc"
    if binary_reason(data):
        return None
    head = data[:2048].decode("utf-8", "replace").lstrip("\ufeff \t\r\n").lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<"):
        return "feed" if _FEED_ROOT.search(head) else "html"
    return "txt"


def reject(origin: str, reason: str, detail: str = "") -> Reject:
    """A Reject with a known reason and a one-line detail."""
    assert reason in REASONS, reason
    detail = SPACES.sub(" ", detail).strip()
    if len(detail) > _DETAIL_MAX_CHARS:
        detail = detail[: _DETAIL_MAX_CHARS - 1] + "\u2026"
    return Reject(origin=origin, reason=reason, detail=detail)


_TEXT_FIELDS = ("text", "doc_id", "title", "date", "url", "source")


def safe_item(item: Item) -> Item:
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
            notes.append(f"repaired-unicode: {n} unpaired surrogate code point(s) in {name!r} replaced by U+FFFD")
    if len(notes) > len(item.notes):
        changes["notes"] = tuple(notes)
    return dataclasses.replace(item, **changes) if changes else item


def checked(item: Item, settings: Settings) -> Item:
    """The document, or a Reject when its text is too short or not English."""
    if isinstance(item, Reject):
        return item
    n = len(item.text.strip())
    if n < settings.min_chars:
        detail = f"{n} characters of text, under min_chars={settings.min_chars}" if n else "no text"
        return reject(item.origin, "empty", detail)
    language = detect_language(item.text, settings)
    if language not in (None, "en"):
        return reject(item.origin, "not-english", f"detected {language!r}")
    return item


def binary_reason(data: bytes) -> str | None:
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


def decode(origin: str, data: bytes, declared: str | None = None) -> str | Reject:
    """UTF-8 text (BOM dropped), else the declared charset; never silently replaced."""
    reason = binary_reason(data)
    if reason:
        return reject(origin, "binary", reason)
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
    return reject(origin, "invalid-utf8", utf8_error(data, error))


def utf8_error(data: bytes, error: UnicodeDecodeError) -> str:
    """Where ``data`` stops being UTF-8, for a Reject's detail."""
    line = data.count(b"\n", 0, error.start) + 1
    byte = data[error.start]
    return f"byte 0x{byte:02x} at offset {error.start} (line {line}) is not valid UTF-8"


def check_gzip_end(data: bytes) -> None:
    """Raise EOFError when gzipped ``data`` is cut short: warcio ends quietly there."""
    if data[:2] == _GZIP_MAGIC:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            while f.read(READ_BLOCK):
                pass
