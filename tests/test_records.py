"""The small functions that read records back: a sentence's index from its id, and an actor's
country key (the store's and the scenarios' readings)."""

from __future__ import annotations

import pytest

from dyad.records import ActorRef, Sentence, country_key, sentence_index


@pytest.mark.parametrize(
    "sentence_id, article_id, index",
    [
        ("a1:3", None, 3),
        ("a1:3", "a1", 3),
        ("a1:3", "a2", None),
        ("a1:q0:3", None, 3),  # a quote's sentence, counted within the quote
        ("a1:q0:3", "a1", None),  # ... and not a sentence of the article's own text
        ("a1:x", None, None),
        ("a1", None, None),
    ],
)
def test_records_sentence_index(sentence_id, article_id, index):
    assert sentence_index(sentence_id, article_id) == index


def test_records_sentence_index_reads_back_sentence_id():
    s = Sentence(article_id="doc:q1", index=12, text="", start=0, end=0, raw_start=0, raw_end=0, paragraph=0)
    assert sentence_index(s.sentence_id) == 12
    assert sentence_index(s.sentence_id, "doc:q1") == 12


@pytest.mark.parametrize(
    "code, key",
    [("PAKGOV", "PAK"), ("---GOV", "---"), ("IGONATMIL", "IGONATMIL"), ("", ""), (None, "")],
)
def test_records_country_key_from_code(code, key):
    assert country_key(code, from_code=True) == key
    assert country_key(ActorRef("x", code, None), from_code=True) == key


@pytest.mark.parametrize(
    "ref, key",
    [
        (ActorRef("Pakistan", "PAKGOV", "pak"), "PAK"),
        (ActorRef("police", "---COP", None), ""),
        (ActorRef("UN", "igouno", None), "IGOUNO"),
        (ActorRef("someone", None, None), ""),
        (None, ""),
    ],
)
def test_records_country_key_as_stored(ref, key):
    assert country_key(ref) == key
