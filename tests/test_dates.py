"""Event dates from time expressions, resolved against the article date."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.coding.dates import EventDate, event_date, resolve

REF = dt.date(2019, 7, 31)  # a Wednesday


@pytest.mark.parametrize(
    "expr,future,iso,precision",
    [
        ("last year", False, "2018-01-01", "year"),
        ("in 2017", False, "2017-01-01", "year"),
        ("on July 24", False, "2019-07-24", "day"),
        ("July 24, 2019", False, "2019-07-24", "day"),
        ("24 July", False, "2019-07-24", "day"),
        ("on Monday", False, "2019-07-29", "day"),
        ("on Monday", True, "2019-08-05", "day"),
        ("Wednesday", False, "2019-07-31", "day"),
        ("last Wednesday", False, "2019-07-24", "day"),
        ("next Friday", False, "2019-08-02", "day"),
        ("yesterday", False, "2019-07-30", "day"),
        ("today", False, "2019-07-31", "day"),
        ("tomorrow", False, "2019-08-01", "day"),
        ("several decades ago", False, "1980-01-01", "decade"),
        ("a decade ago", False, "2000-01-01", "decade"),
        ("in the 1990s", False, "1990-01-01", "decade"),
        ("two years ago", False, "2017-01-01", "year"),
        ("three days ago", False, "2019-07-28", "day"),
        ("last month", False, "2019-06-01", "month"),
        ("next month", False, "2019-08-01", "month"),
        ("this year", False, "2019-01-01", "year"),
        ("earlier this month", False, "2019-07-01", "month"),
        ("in June", False, "2019-06-01", "month"),
        ("in December", False, "2018-12-01", "month"),
        ("in December", True, "2019-12-01", "month"),
        ("last March", False, "2019-03-01", "month"),
        ("May 2018", False, "2018-05-01", "month"),
        ("2019-07-26", False, "2019-07-26", "day"),
        ("on December 30", False, "2018-12-30", "day"),
    ],
)
def test_dates_resolve(expr, future, iso, precision):
    got = resolve(expr, REF, future=future)
    assert got is not None, expr
    assert (got[0].isoformat(), got[1]) == (iso, precision)


@pytest.mark.parametrize("expr", ["recently", "at the time"])
def test_dates_resolve_nothing(expr):
    assert resolve(expr, REF) is None


@pytest.fixture(scope="module")
def parse():
    from dyad.nlp.parse import parse_text

    return lambda text: parse_text(text)[0]


def _at(sent, word):
    return next(t.i for t in sent.tokens if t.text == word)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,word,iso,precision",
    [
        ("Pakistan arrested Hafiz Saeed on Monday.", "arrested", "2019-07-29", "day"),
        ("The two countries' trade totaled nearly $7 billion last year.", "totaled", "2018-01-01", "year"),
        ("The strategy, which was released in 2017, named China a rival.", "released", "2017-01-01", "year"),
        ("The strategy, which was released in 2017, named China a rival.", "named", "2019-07-31", "day"),
        (
            "It did so after the Soviet withdrawal from Afghanistan several decades ago.",
            "withdrawal",
            "1980-01-01",
            "decade",
        ),
        ("Imran Khan met Donald Trump on July 22.", "met", "2019-07-22", "day"),
        ("Iran will hold talks with the EU next week.", "hold", "2019-08-07", "day"),
    ],
)
def test_dates_event_date(parse, text, word, iso, precision):
    sent = parse(text)
    got = event_date(sent, _at(sent, word), "2019-07-31")
    assert (got.date, got.precision) == (iso, precision)


@pytest.mark.slow
def test_dates_fallbacks(parse):
    sent = parse("Police arrested the opposition leader.")
    i = _at(sent, "arrested")
    assert event_date(sent, i, "2019-07-31") == EventDate("2019-07-31", "day")
    assert event_date(sent, i, None) == EventDate(None, "unknown")
    assert event_date(sent, i, "not a date") == EventDate(None, "unknown")
