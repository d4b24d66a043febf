"""Tests for dyad.text.clean: the seed article, small texts per behaviour, and offset properties."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from dyad.errors import DataFileError
from dyad.records import CleanText
from dyad.text.clean import clean, load_rules, split_paragraphs

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "000_68d6dae7a7618236.txt"
FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\n": " "})


def fold(text: str) -> str:
    """Text as compared with the cleaned text: straight quotes, line feeds as spaces."""
    return text.translate(FOLD)


def words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", fold(text).lower()))


def assert_offsets(ct: CleanText, raw: str) -> None:
    assert ct.raw is raw
    assert len(ct.offsets) == len(ct.text)
    assert all(a < b for a, b in zip(ct.offsets, ct.offsets[1:]))
    assert all(0 <= o < len(raw) for o in ct.offsets)


def assert_layout(text: str) -> None:
    assert text == text.strip()
    assert "  " not in text and "\n\n" not in text
    assert all(line == line.strip() for line in text.split("\n"))


# --- the seed article --------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> CleanText:
    if not SEED.exists():
        pytest.skip("../shared/seed is not there")
    return clean(SEED.read_text(encoding="utf-8"))


def test_clean_seed_layout(seed: CleanText) -> None:
    assert_layout(seed.text)
    lines = seed.text.split("\n")
    assert "Continued Constraints to Cooperation" in lines
    assert "What's Next?" in lines
    assert lines[0].startswith("For proponents of the U.S.-Pakistan partnership")
    assert lines[-1].endswith("improved security situation.")


def test_clean_seed_read_more(seed: CleanText) -> None:
    assert "read more" not in seed.text.lower()
    assert "BEER AND QUICHE" not in seed.text
    assert seed.removed["read-more"] == 8


@pytest.mark.parametrize(
    "author,handle,date,url,start",
    [
        (
            "Shafqat Mahmood",
            "Shafqat_Mahmood",
            "2019-07-24",
            "https://pic.twitter.com/Adi2NZIUmL",
            "It was a pleasure to receive PM Imran Khan",
        ),
        (
            "Michael Kugelman",
            "MichaelKugelman",
            "2019-07-27",
            "https://t.co/69bHqyWOwZ",
            '"Washington & Islamabad enjoy deep partnerships',
        ),
        (
            "Political-Military Affairs, US Dept of State",
            "StateDeptPM",
            "2019-07-26",
            "https://t.co/jUThWcz29D",
            ".@StateDept authorizes a proposed Foreign Military Sale",
        ),
    ],
)
def test_clean_seed_tweets(seed: CleanText, author: str, handle: str, date: str, url: str, start: str) -> None:
    quote = next(q for q in seed.quotes if q.handle == handle)
    assert (quote.author, quote.date, quote.url) == (author, date, url)
    assert quote.text.startswith(start)
    assert "t.co/" not in quote.text and "pic.twitter" not in quote.text
    assert not quote.text.endswith(("\u2013", "-", " "))
    span = seed.raw[quote.raw_start : quote.raw_end]
    assert fold(span).startswith(start) and span.endswith(", 2019")
    assert start not in seed.text


def test_clean_seed_tweets_out_of_body(seed: CleanText) -> None:
    assert len(seed.quotes) == 3
    for noise in ("(@", "t.co/", "pic.twitter.com", "July 24, 2019", "\u2014 Shafqat"):
        assert noise not in seed.text


@pytest.mark.parametrize(
    "phrase",
    [
        "The U.S.-Pakistan relationship can likely only go so far",
        "Washington's message is simple",
        "Khan's visit cemented the two sides' deepening cooperation",
        "If the Taliban and its allies are no longer fighting",
        "U.S.-Pakistan relations would face significant constraints",
        "Indeed, one can't overemphasize enough",
        "expunge anti-state terrorism",
    ],
)
def test_clean_seed_repeats_kept_once(seed: CleanText, phrase: str) -> None:
    assert seed.text.count(phrase) == 1


def test_clean_seed_repeats_recorded(seed: CleanText) -> None:
    assert len(seed.repeats) == seed.removed["repeat"] == 5
    assert "Pakistan expunged Pakistan Taliban" not in seed.text
    for rep in seed.repeats:
        assert words(seed.raw[rep.raw_start : rep.raw_end]) == words(rep.text)
        kept = seed.raw[rep.first_raw_start : rep.first_raw_start + 40]
        assert words(kept)[:10] in words(seed.text)
        assert rep.first_raw_start != rep.raw_start


def test_clean_seed_word_break(seed: CleanText) -> None:
    assert "in Afghanistan. Some goodwill gestures, meant to signify" in seed.text
    assert seed.removed["word-break"] == 1


def test_clean_seed_trailer(seed: CleanText) -> None:
    for cue in ("He tweets @michaelkugelman", "The views expressed in the article"):
        assert cue not in seed.text
        assert cue in seed.trailer
    assert seed.trailer.startswith("Michael Kugelman, the Deputy Director")
    assert len(seed.trailer.split("\n")) == 2


def test_clean_seed_offsets_chars(seed: CleanText) -> None:
    assert_offsets(seed, seed.raw)
    for ch, off in zip(seed.text, seed.offsets):
        assert fold(seed.raw[off]) == ch or (ch.isspace() and seed.raw[off].isspace())


def test_clean_seed_offsets_spans(seed: CleanText) -> None:
    for start, end in split_paragraphs(seed):
        for m in re.finditer(r"[^.?!]+[.?!]?", seed.text[start:end]):
            s, e = start + m.start(), start + m.end()
            raw_start, raw_end = seed.raw_span(s, e)
            read = fold(seed.raw[raw_start:raw_end])
            assert read.replace(" ", "") == seed.text[s:e].replace(" ", "")


def test_clean_seed_removed_counts(seed: CleanText) -> None:
    assert seed.removed == {"read-more": 8, "repeat": 5, "trailer": 2, "tweet": 3, "word-break": 1}


# --- small texts: characters ------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,text",
    [
        ("It\u2019s \u201cfine\u201d.", 'It\'s "fine".'),
        ("\u201aLow\u2018 and \u201elow\u201c quotes.", "'Low' and \"low\" quotes."),
        ("A 6\u2032 2\u2033 man.", "A 6' 2\" man."),
        ("It\u00e2\u20ac\u2122s here.", "It's here."),
        ("\u00e2\u20ac\u0153Quoted\u00e2\u20ac\u009d, said he.", '"Quoted", said he.'),
        ("A caf\u00c3\u00a9 in Paris.", "A caf\u00e9 in Paris."),
        ("He said.\u00c2  Then left.", "He said. Then left."),
        ("Wait\u00e2\u20ac\u00a6 what.", "Wait\u2026 what."),
        ("Na\u00efve caf\u00e9 \u00c0 la carte.", "Na\u00efve caf\u00e9 \u00c0 la carte."),
        ("Tom &amp; Jerry &quot;met&quot; at Bob&#39;s.", 'Tom & Jerry "met" at Bob\'s.'),
        ("Ten&nbsp;miles &mdash; far.", "Ten miles \u2014 far."),
        ("Zero\u200bwidth\u200d joiner\ufeff here.", "Zerowidth joiner here."),
        ("Line one.\r\nLine two.\rLine three.", "Line one.\nLine two.\nLine three."),
        ("Tabs\tand   spaces\u00a0here.", "Tabs and spaces here."),
        ("Unknown &bogus; entity stays.", "Unknown &bogus; entity stays."),
        ("Dashes \u2014 and \u2013 stay.", "Dashes \u2014 and \u2013 stay."),
    ],
)
def test_clean_chars(raw: str, text: str) -> None:
    ct = clean(raw)
    assert ct.text == text
    assert_offsets(ct, raw)


@pytest.mark.parametrize(
    "raw,index,offset",
    [
        ("It\u00e2\u20ac\u2122s", 2, 2),
        ("It\u00e2\u20ac\u2122s", 3, 5),
        ("\u00e2\u20ac\u2122\u00e2\u20ac\u0153x", 1, 3),
        ("A &amp; B", 2, 2),
        ("\u00e2\u20ac\u0153Hi\u00e2\u20ac\u009d", 3, 5),
        ("x \u00c3\u00a9\u00c3\u00a9 y", 3, 4),
        ("a\u00c3\u00a2\u00e2\u201a\u00ac\u00e2\u201e\u00a2s", 1, 1),
        ("a\u00c3\u00a2\u00e2\u201a\u00ac\u00e2\u201e\u00a2s", 2, 9),
    ],
)
def test_clean_chars_offsets(raw: str, index: int, offset: int) -> None:
    """A character that replaces several maps to the first of them."""
    assert clean(raw).offsets[index] == offset


# --- small texts: lines -----------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Imran Khan: The People's Prime Minister",
        "Read More: Something else",
        "Also read: Talks resume in Doha",
        "READ MORE Talks resume in Doha",
        "READ MORE: Talks resume",
        "Related: Talks resume in Doha",
        "See also: Earlier coverage",
        "Advertisement",
        "https://t.co/abc123",
        "pic.twitter.com/Adi2NZIUmL https://example.com/a",
    ],
)
def test_clean_read_more_removed(line: str) -> None:
    raw = f"The talks went well.\n{line}\nBoth sides agreed to meet again."
    assert clean(raw).text == "The talks went well.\nBoth sides agreed to meet again."


def test_clean_read_more_bare_cue_takes_headline() -> None:
    raw = "The talks went well.\nREAD MORE\nTalks resume in Doha\nBoth sides met again."
    ct = clean(raw)
    assert ct.text == "The talks went well.\nBoth sides met again."
    assert ct.removed["read-more"] == 1


@pytest.mark.parametrize(
    "raw",
    [
        "Officials said you can read more: the report is online.",
        "He urged readers to Read more: about the treaty, then left.",
        "Related news came later. Related: it was not.",
    ],
)
def test_clean_read_more_inside_sentence_kept(raw: str) -> None:
    assert clean(raw).text == raw


@pytest.mark.parametrize(
    "dash",
    ["\u2014", "\u2013", "-", "&mdash;"],
)
def test_clean_tweet_dashes(dash: str) -> None:
    raw = (
        "The minister spoke.\nGreat meeting today with our partners. pic.twitter.com/Xyz987\n"
        f"{dash} Jane Doe (@jdoe) March 3, 2021\nThe talks continued."
    )
    ct = clean(raw)
    assert ct.text == "The minister spoke.\nThe talks continued."
    (quote,) = ct.quotes
    assert quote.text == "Great meeting today with our partners."
    assert (quote.author, quote.handle, quote.date) == ("Jane Doe", "jdoe", "2021-03-03")
    assert quote.url == "https://pic.twitter.com/Xyz987"
    assert raw[quote.raw_start : quote.raw_end].startswith("Great meeting")
    assert raw[quote.raw_start : quote.raw_end].endswith("2021")


@pytest.mark.parametrize(
    "attribution,date",
    [
        ("Sept. 3, 2020", "2020-09-03"),
        ("Dec 31, 2019", "2019-12-31"),
        ("January 1, 2020", "2020-01-01"),
    ],
)
def test_clean_tweet_dates(attribution: str, date: str) -> None:
    raw = f"Before.\nA post https://t.co/q1\n\u2014 Some Body (@some_body) {attribution}\nAfter."
    (quote,) = clean(raw).quotes
    assert (quote.date, quote.url, quote.text) == (date, "https://t.co/q1", "A post")


def test_clean_tweet_on_one_line() -> None:
    raw = "Before.\nA post pic.twitter.com/abc \u2014 Some Body (@sb) July 1, 2020\nAfter."
    ct = clean(raw)
    assert ct.text == "Before.\nAfter."
    assert ct.quotes[0].text == "A post" and ct.quotes[0].handle == "sb"


def test_clean_tweet_block_in_blank_line_text() -> None:
    raw = "Before it.\n\nFirst line of a post\nsecond line https://t.co/z9\n\u2014 A B (@ab) May 2, 2020\n\nAfter it."
    ct = clean(raw)
    assert ct.text == "Before it.\nAfter it."
    assert ct.quotes[0].text == "First line of a post second line"


def test_clean_links_cut_from_body() -> None:
    raw = "He posted a photo pic.twitter.com/abc123 of the meeting. Details: https://example.org/x."
    assert clean(raw).text == "He posted a photo of the meeting. Details: https://example.org/x."


# --- small texts: broken lines ----------------------------------------------------------


@pytest.mark.parametrize(
    "raw,text",
    [
        ("Talks ended in Doha. S\nome gestures are likely.", "Talks ended in Doha. Some gestures are likely."),
        ("Talks ended. Th\ne rest followed.", "Talks ended. The rest followed."),
        ("Th\ne rest followed.", "The rest followed."),
        (
            "An international deal. The inter-\nnational deal held.",
            "An international deal. The international deal held.",
        ),
        ("The inter-\nnational deal held.", "The inter-national deal held."),
        (
            "The minister\nsaid on Monday that talks would resume.",
            "The minister said on Monday that talks would resume.",
        ),
        ("The talks ended. It\nwas a long day.", "The talks ended. It was a long day."),
        ("The gov\nernment agreed. The government said so.", "The government agreed. The government said so."),
        ("They went in\nto see it. He got into the car.", "They went in to see it. He got into the car."),
    ],
)
def test_clean_word_break_joined(raw: str, text: str) -> None:
    ct = clean(raw)
    assert ct.text == text
    assert_offsets(ct, raw)


@pytest.mark.parametrize(
    "raw",
    [
        "He left the meeting early.\nthen she arrived and spoke.",
        "Continued Constraints to Cooperation\nA core challenge remains.",
        "What's Next?\nexpect more talks.",
        "The list follows:\nfirst, talks; second, trade.",
        "Talks ended in Doha. S\n\nome gestures are likely.",
    ],
)
def test_clean_word_break_not_joined(raw: str) -> None:
    assert clean(raw).text == re.sub(r"\n+", "\n", raw)


@pytest.mark.parametrize(
    "raw,text",
    [
        (
            "The minister arrived in Kabul on Monday.\nShe met the president on Tuesday.",
            "The minister arrived in Kabul on Monday.\nShe met the president on Tuesday.",
        ),
        (
            "  The minister arrived   in Kabul.  \n\n\n  She met the president.  ",
            "The minister arrived in Kabul.\nShe met the president.",
        ),
        (
            "Read more about the treaty in the annex, officials said.\nRelated talks follow.",
            "Read more about the treaty in the annex, officials said.\nRelated talks follow.",
        ),
    ],
)
def test_clean_normal_text_unchanged(raw: str, text: str) -> None:
    ct = clean(raw)
    assert ct.text == text
    assert ct.quotes == ct.repeats == () and ct.trailer == "" and ct.removed == {}
    assert_offsets(ct, raw)


def test_clean_tweet_body_one_line_when_few_blank_lines() -> None:
    raw = (
        "A Title\n\nFirst paragraph here.\nSecond paragraph here.\nA post https://t.co/q1\n"
        "\u2014 A B (@ab) May 2, 2020\nThird paragraph here."
    )
    ct = clean(raw)
    assert ct.quotes[0].text == "A post"
    body = ["A Title", "First paragraph here.", "Second paragraph here.", "Third paragraph here."]
    assert ct.text == "\n".join(body)


def test_clean_entity_to_invisible_removed() -> None:
    assert clean("Zero&#8203;width here.").text == "Zerowidth here."


# --- small texts: repeats ---------------------------------------------------------------


BODY = [
    "The delegation met senior officials in Washington on Tuesday.",
    "Both sides pledged to expand trade and security cooperation this year.",
    "Critics in Islamabad said the visit produced few concrete results.",
]


@pytest.mark.parametrize(
    "copy",
    [
        BODY[1],
        BODY[1].upper(),
        BODY[1].rstrip("."),
        "\u201c" + BODY[1] + "\u201d",
        BODY[1].replace(" ", "  "),
    ],
)
def test_clean_repeat_paragraph_kept_first(copy: str) -> None:
    raw = "\n".join([BODY[0], BODY[1], BODY[2], copy])
    ct = clean(raw)
    assert ct.text == "\n".join(BODY)
    (rep,) = ct.repeats
    assert (rep.raw_start, rep.raw_end) == (raw.rindex("\n") + 1, len(raw))
    assert rep.first_raw_start == raw.index(BODY[1])


def test_clean_repeat_garbled_pull_quote_keeps_fuller() -> None:
    full = (
        "Washington's message is simple. Pakistan showed it has the will to act against "
        "militants, "
        "so there is no reason why it can't also target the groups on its soil."
    )
    garbled = "Washington's message is simple. Pakistan act militants why it can't also target the groups on its soil"
    raw = "\n".join([BODY[0], garbled, BODY[1], full, BODY[2]])
    ct = clean(raw)
    assert ct.text == "\n".join([BODY[0], BODY[1], full, BODY[2]])
    (rep,) = ct.repeats
    assert rep.text == garbled
    assert (rep.raw_start, rep.first_raw_start) == (raw.index(garbled), raw.index(full))


def test_clean_repeat_sentence_inside_paragraph() -> None:
    sentence = "The ceasefire held through the weekend despite sporadic clashes."
    first = f"Talks resumed in Doha. {sentence}"
    later = f"Officials were cautious. {sentence} Both sides will meet again."
    ct = clean(f"{first}\n{later}")
    assert ct.text == f"{first}\nOfficials were cautious. Both sides will meet again."
    (rep,) = ct.repeats
    assert rep.text == sentence and rep.first_raw_start == first.index(sentence)


@pytest.mark.parametrize("short", ["Analysis", "What's Next?", "Photo: AFP"])
def test_clean_repeat_short_lines_kept(short: str) -> None:
    raw = f"{short}\n{BODY[0]}\n{short}\n{BODY[1]}"
    assert clean(raw).text == raw


def test_clean_repeat_distinct_paragraphs_kept() -> None:
    raw = "\n".join(BODY)
    assert clean(raw).text == raw


# --- small texts: trailer ---------------------------------------------------------------


@pytest.mark.parametrize(
    "trailer",
    [
        "Jane Doe, a senior fellow at the Example Institute, is the author of Two Rivers. She tweets @janedoe.",
        "John A. Smith is a professor of politics at Example University.",
        "The views expressed in this article are the author's own.",
        "He tweets @jsmith.",
        "Jane Doe, the director of Example Center, received her PhD from Example University.\n"
        "The views expressed here do not necessarily reflect the editorial policy of Example News.",
    ],
)
def test_clean_trailer_split(trailer: str) -> None:
    raw = "\n".join(BODY + [trailer])
    ct = clean(raw)
    assert ct.text == "\n".join(BODY)
    assert ct.trailer == trailer


@pytest.mark.parametrize(
    "last",
    [
        "John Smith, the foreign minister, said on Tuesday that talks would resume.",
        "Jane Doe is a candidate in the election and campaigned on Monday.",
    ],
)
def test_clean_trailer_not_body(last: str) -> None:
    raw = "\n".join(BODY + [last])
    ct = clean(raw)
    assert ct.text == raw and ct.trailer == ""


def test_clean_trailer_only_at_end() -> None:
    bio = "Jane Doe, a senior fellow at the Example Institute, tweets @janedoe."
    raw = "\n".join([BODY[0], bio, BODY[1]])
    assert clean(raw).text == raw


# --- offsets, paragraphs, rules ---------------------------------------------------------


PIECES = [
    "word",
    "Word",
    "the",
    "S",
    "ome",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    ".",
    ",",
    "?",
    "-",
    "\t",
    "\u2019",
    "\u201c",
    "\u201d",
    "\u00e2\u20ac\u2122",
    "&amp;",
    "&nbsp;",
    "&#39;",
    "\u200b",
    "\u00a0",
    "Read more: x",
    "pic.twitter.com/abc",
    "https://t.co/x1",
    "\u2014 Al B (@ab) May 1, 2020",
    "The same sentence repeats here again.",
    "He tweets @x.",
    "\u00c3\u00a9",
    "\u2026",
]


def random_raw(seed_: int) -> str:
    rng = random.Random(seed_)
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 120)))


def read_from(text: str, span: str) -> bool:
    """Every letter and digit of ``text`` is read, in order, from ``span`` (entities and
    mojibake in the raw text spell extra letters, so a subsequence, not a substring)."""
    letters = iter(re.sub(r"[^a-z0-9]", "", fold(span).lower()))
    return all(c in letters for c in re.sub(r"[^a-z0-9]", "", fold(text).lower()))


@pytest.mark.parametrize("seed_", range(60))
def test_clean_offsets_property(seed_: int) -> None:
    raw = random_raw(seed_)
    ct = clean(raw)
    assert_offsets(ct, raw)
    assert_layout(ct.text)
    for q in ct.quotes:
        assert 0 <= q.raw_start < q.raw_end <= len(raw)
        assert read_from(q.text, raw[q.raw_start : q.raw_end]), (q.text, raw[q.raw_start : q.raw_end])
    for r in ct.repeats:
        assert 0 <= r.raw_start < r.raw_end <= len(raw)
        assert read_from(r.text, raw[r.raw_start : r.raw_end]), (r.text, raw[r.raw_start : r.raw_end])


def test_clean_offsets_property_meets_quotes_and_repeats() -> None:
    """The loops above run: some of the 60 random texts hold a tweet, some a repeat."""
    cleaned = [clean(random_raw(seed_)) for seed_ in range(60)]
    assert sum(1 for ct in cleaned if ct.quotes) >= 3
    assert sum(1 for ct in cleaned if ct.repeats) >= 3


@pytest.mark.parametrize("raw", ["", "   ", "\n\n", "\u200b", "Read more: x"])
def test_clean_empty(raw: str) -> None:
    ct = clean(raw)
    assert (ct.text, ct.offsets, split_paragraphs(ct)) == ("", (), [])


def test_clean_split_paragraphs() -> None:
    ct = clean("First one.\n\nSecond one here.\nThird.")
    spans = split_paragraphs(ct)
    assert [ct.text[s:e] for s, e in spans] == ["First one.", "Second one here.", "Third."]
    assert ct.raw_span(*spans[1]) == (12, 28)


def test_clean_rules_bundled_load_once() -> None:
    assert load_rules() is load_rules()
    assert load_rules().read_more.match("Read more: x")


def test_clean_rules_malformed(tmp_path: Path) -> None:
    bad = tmp_path / "rules.toml"
    bad.write_text("[chars]\ndrop = 1\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        load_rules(bad)
