"""Event dates: time expressions in or near the sentence, resolved against the article date.

:func:`resolve` turns one expression ("last year", "in 2017", "on July 24", "on Monday",
"several decades ago", "in the 1990s") into ``(iso_date, precision)`` with precision ``day``,
``month``, ``year`` or ``decade``; the ISO date is the first day of the period.
:func:`event_date` picks the expression that modifies an event's trigger or the clauses
above it, and falls back to the article date (``day``) or ``(None, "unknown")``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dyad.coding.modality import load_cues
from dyad.nlp.tree import chain
from dyad.records import Record, Sentence

log = logging.getLogger(__name__)

PRECISIONS = ("day", "month", "year", "decade", "unknown")

WEEKDAYS = {
    name: i for i, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "several": 3,
    "a few": 3,
    "few": 3,
    "some": 3,
    "many": 5,
    "couple": 2,
    "a couple of": 2,
    "dozen": 12,
    "a dozen": 12,
    "twenty": 20,
    "thirty": 30,
}
UNITS = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "decade": "decade",
    "decades": "decade",
    "century": "century",
    "centuries": "century",
}

_NUM = r"(?P<num>\d+|a couple of|a few|a dozen|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
_AGO = re.compile(_NUM + r"\s+(?P<unit>days?|weeks?|months?|years?|decades?|centur(?:y|ies))\s+ago\b", re.I)
_AGO_BARE = re.compile(r"\b(?P<unit>decades|years|months|weeks|days)\s+ago\b", re.I)
_DECADE = re.compile(r"\b(?:the\s+)?(?:(?:early|mid|late)[- ])?(?P<y>1[5-9]\d0|20[0-9]0)'?s\b", re.I)
_YEAR = re.compile(r"\b(?P<y>1[5-9]\d\d|20\d\d)\b")
_REL = re.compile(
    r"\b(?P<which>last|this|next|past|coming|previous|current)\s+(?P<unit>week|month|year|decade|weekend)\b", re.I
)
_EARLIER = re.compile(r"\b(?:earlier|later)\s+this\s+(?P<unit>week|month|year)\b", re.I)
_MONTH_DAY = re.compile(r"\b(?P<m>[A-Z][a-z]{2,8})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?\b")
_DAY_MONTH = re.compile(
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>[A-Z][a-z]{2,8})\.?(?:,?\s+(?P<y>\d{4}))?\b"
)
_MONTH_YEAR = re.compile(
    r"\b(?:(?P<which>last|this|next|early|late|mid)\s*-?\s*)?(?P<m>[A-Z][a-z]{2,8})\.?(?:\s+(?:of\s+)?(?P<y>\d{4}))?\b"
)
_WEEKDAY = re.compile(
    r"\b(?:(?P<which>last|this|next|on|early|late)\s+)?(?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b",
    re.I,
)
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")


@dataclass(frozen=True)
class EventDate(Record):
    date: str | None
    precision: str
    expression: str | None = None


def parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _shift_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return dt.date(y, m + 1, 1)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _decade(year: int) -> dt.date:
    return dt.date(year - year % 10, 1, 1)


def resolve(expression: str, ref: dt.date, future: bool = False) -> tuple[dt.date, str] | None:
    """Resolve one time expression against the reference (article) date.

    ``future`` says the clause is in the future tense, so "on Monday" means the next Monday.
    Returns ``(date, precision)`` or ``None`` when nothing could be read.
    """
    text = " ".join(expression.split())
    low = text.lower()
    if m := _ISO.search(text):
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if d:
            return d, "day"
    if re.search(r"\b(today|tonight|this (morning|afternoon|evening))\b", low):
        return ref, "day"
    if re.search(r"\b(yesterday|last night)\b", low):
        return ref - dt.timedelta(days=1), "day"
    if re.search(r"\btomorrow\b", low):
        return ref + dt.timedelta(days=1), "day"
    if m := _AGO.search(low):
        n = m["num"]
        count = int(n) if n.isdigit() else NUMBERS.get(n, 3)
        return _back(ref, count, UNITS[m["unit"].lower()])
    if m := _AGO_BARE.search(low):
        return _back(ref, 3, UNITS[m["unit"].lower()])
    if m := _DECADE.search(low):
        return dt.date(int(m["y"]), 1, 1), "decade"
    if m := _EARLIER.search(low):
        unit = m["unit"].lower()
        return _this(ref, unit)
    if m := _REL.search(low):
        which, unit = m["which"].lower(), m["unit"].lower()
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
        if unit == "weekend":
            sat = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
            return sat + dt.timedelta(days=7 * max(step, 0)), "day"
        if unit == "week":
            return ref + dt.timedelta(days=7 * step), "day"
        if unit == "month":
            return _shift_months(ref, step), "month"
        if unit == "year":
            return dt.date(ref.year + step, 1, 1), "year"
        if unit == "decade":
            return _decade(ref.year + 10 * step), "decade"
    for rx in (_MONTH_DAY, _DAY_MONTH):
        for m in rx.finditer(text):
            month = MONTHS.get(m["m"].lower().rstrip("."))
            if not month:
                continue
            day = int(m["d"])
            year = int(m["y"]) if m["y"] else _year_for(ref, month, day, future)
            d = _safe_date(year, month, day)
            if d:
                return d, "day"
    if m := _WEEKDAY.search(text):
        wd = WEEKDAYS[m["w"].lower()]
        which = (m["which"] or "").lower()
        if which == "next" or (future and which != "last"):
            delta = (wd - ref.weekday()) % 7 or (7 if which == "next" else 0)
            return ref + dt.timedelta(days=delta), "day"
        delta = (ref.weekday() - wd) % 7
        if which == "last" and delta == 0:
            delta = 7
        return ref - dt.timedelta(days=delta), "day"
    for m in _MONTH_YEAR.finditer(text):
        month = MONTHS.get(m["m"].lower().rstrip("."))
        if not month or (m["m"].lower() == "may" and not m["y"] and not m["which"]):
            continue
        which = (m["which"] or "").lower()
        if m["y"]:
            year = int(m["y"])
        elif which == "last":
            year = ref.year if month < ref.month else ref.year - 1
        elif which == "next":
            year = ref.year if month > ref.month else ref.year + 1
        else:
            year = _year_for(ref, month, 1, future)
        return dt.date(year, month, 1), "month"
    if m := _YEAR.search(text):
        return dt.date(int(m["y"]), 1, 1), "year"
    return None


def _year_for(ref: dt.date, month: int, day: int, future: bool) -> int:
    """The year of a month/day written without one: the nearest such date in the tense."""
    candidate = _safe_date(ref.year, month, min(day, 28)) or dt.date(ref.year, month, 1)
    if future:
        return ref.year + 1 if candidate < ref - dt.timedelta(days=31) else ref.year
    return ref.year - 1 if candidate > ref + dt.timedelta(days=31) else ref.year


def _this(ref: dt.date, unit: str) -> tuple[dt.date, str]:
    if unit == "year":
        return dt.date(ref.year, 1, 1), "year"
    if unit == "month":
        return dt.date(ref.year, ref.month, 1), "month"
    return ref, "day"


def _back(ref: dt.date, count: int, unit: str) -> tuple[dt.date, str]:
    if unit == "day":
        return ref - dt.timedelta(days=count), "day"
    if unit == "week":
        return ref - dt.timedelta(days=7 * count), "day"
    if unit == "month":
        return _shift_months(ref, -count), "month"
    if unit == "year":
        return dt.date(ref.year - count, 1, 1), "year"
    if unit == "decade":
        return _decade(ref.year - 10 * count), "decade"
    return _decade(ref.year - 100 * count), "decade"


# ---- which expression belongs to which trigger ------------------------------------------


@dataclass(frozen=True)
class _Expr:
    start: int  # token index range (end exclusive)
    end: int
    text: str


def expressions(sentence: Sentence) -> list[_Expr]:
    """Time expressions of a sentence: DATE entities, plus "… ago" phrases spaCy missed."""
    out = [_Expr(e.start, e.end, e.text) for e in sentence.entities if e.label == "DATE"]
    covered = {i for e in out for i in range(e.start, e.end)}
    toks = sentence.tokens
    for t in toks:
        if t.text.lower() == "ago" and t.i not in covered:
            lo = t.i
            while lo > 0 and t.i - lo < 3 and toks[lo - 1].pos in ("NUM", "ADJ", "DET", "NOUN"):
                lo -= 1
            out.append(_Expr(lo, t.i + 1, " ".join(x.text for x in toks[lo : t.i + 1])))
    return out


def _anchor(sentence: Sentence, e: _Expr) -> int:
    """The token of ``e`` whose head lies outside it (the expression's attachment)."""
    for i in range(e.start, e.end):
        h = sentence.tokens[i].head
        if h < e.start or h >= e.end or h == i:
            return i
    return e.start


def _is_future(sentence: Sentence, trigger: int) -> bool:
    """A future auxiliary (``[future] date_aux`` of ``modality.toml``) on the trigger or the
    two words above it."""
    future_aux = load_cues().date_aux
    toks = sentence.tokens
    for i in chain(sentence.tokens, trigger)[:3]:
        if any(t.head == i and t.dep == "aux" and t.text.lower() in future_aux for t in toks):
            return True
    return False


def event_date(
    sentence: Sentence, trigger: int, article_date: str | None, exprs: Sequence[_Expr] | None = None
) -> EventDate:
    """Date and precision of the event triggered at token ``trigger``."""
    ref = parse_iso(article_date)
    exprs = expressions(sentence) if exprs is None else exprs
    if ref is not None and exprs:
        above = chain(sentence.tokens, trigger)
        best: tuple[int, _Expr] | None = None
        for e in exprs:
            if e.start <= trigger < e.end:
                continue
            up = chain(sentence.tokens, _anchor(sentence, e))[1:]
            if up and sentence.tokens[up[0]].pos == "ADP":
                up = up[1:]  # "on Monday" modifies what the preposition attaches to
            if not up:
                continue
            # distance from the trigger up its clause chain to what the expression modifies
            if up[0] in above:
                dist = above.index(up[0])
                if best is None or dist < best[0]:
                    best = (dist, e)
        if best is not None:
            got = resolve(best[1].text, ref, _is_future(sentence, trigger))
            if got is not None:
                return EventDate(got[0].isoformat(), got[1], best[1].text)
    if ref is not None:
        return EventDate(ref.isoformat(), "day")
    return EventDate(None, "unknown")
