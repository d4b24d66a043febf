"""Merging mentions into events: the rule, the store's upserts, the seed article's F-16 case."""

from __future__ import annotations

import re

import pytest

from dyad import ontology
from dyad.records import ActorRef, Article, Event, Evidence, Plover, Sentence, country_key
from dyad.store import events as ev
from dyad.store import merge as merge_rule
from dyad.store import reads
from dyad.store.db import Store

USA = ActorRef("Washington", "USAGOV", "USA")
PAK = ActorRef("Pakistan", "PAK", "PAK")


def mention(
    eid: str,
    *,
    doc: str = "a1",
    date: str | None = "2019-07-26",
    cameo: str = "072",
    source: ActorRef | None = USA,
    target: ActorRef | None = PAK,
    modality: str = "asserted",
    sentence_id: str | None = None,
    sentence: str = "The United States agreed to fund the fleet.",
    precision: str = "day",
    confidence: float = 0.9,
) -> Event:
    """A coder's Event as the coder would fill it in for ``cameo`` (names and values from the ontology)."""
    known = ontology.is_code(cameo)
    entry = ontology.cameo(cameo) if known else None
    return Event(
        doc_id=doc,
        sentence_id=sentence_id or f"{doc}:0",
        sentence=sentence,
        event_id=eid,
        date=date,
        date_precision=precision,
        source=source,
        target=target,
        cameo=cameo,
        cameo_root=cameo[:2],
        cameo_name=entry.name if entry else "Provide aid",
        goldstein=entry.goldstein if entry else 7.0,
        quad_class=entry.quad_class if entry else 2,
        plover=ontology.plover_for(cameo) if known else Plover("AID", None, None),
        modality=modality,
        attributed_to=None,
        evidence=Evidence("fund", 25, 29),
        confidence=confidence,
    )


def test_events_seed_f16_sentence_and_tweet_are_one_event(seed_path):
    """The seed article's F-16 sentence and the State Department tweet quoted in it."""
    from dyad.text.clean import clean

    text = clean(seed_path.read_text(encoding="utf-8"))
    sentence = next(s for s in re.split(r"(?<=[.!?])\s+", text.text) if "F-16 fleet" in s)
    tweet = next(q for q in text.quotes if "F-16" in q.text)
    assert tweet.handle == "StateDeptPM" and tweet.date == "2019-07-26"
    body = mention("m-body", doc="seed", date="2019-07-29", sentence_id="seed:41", sentence=sentence, cameo="071")
    quote = mention(
        "m-tweet",
        doc="seed",
        date=tweet.date,
        sentence_id="seed:quote:2",
        sentence=tweet.text,
        source=ActorRef("@StateDept", "USAGOV", "USA"),
        target=ActorRef("#Pakistan", "PAK", "PAK"),
    )
    merged = merge_rule.merge([body, quote])
    assert len(merged) == 1
    one = merged[0]
    assert (one.num_mentions, one.num_articles, one.num_sources) == (2, 1, 1)
    assert {m.sentence for m in one.mentions} == {sentence, tweet.text}
    assert one.date == "2019-07-26" and one.date_end == "2019-07-29"  # anchored on the earlier tweet


@pytest.mark.parametrize(
    "other, merges",
    [
        ({"source": ActorRef("Pentagon", "USAMIL", "USA")}, True),  # GOV ≈ MIL (state side)
        ({"source": ActorRef("United States", "USA", "USA")}, True),  # bare country fits any role
        ({"target": ActorRef("Pakistani army", "PAKMIL", "PAK")}, True),
        ({"source": ActorRef("US opposition", "USAOPP", "USA")}, False),  # state vs opposition
        ({"source": PAK, "target": USA}, False),  # direction kept
        ({"target": ActorRef("India", "IND", "IND")}, False),  # other dyad
        ({"cameo": "071"}, True),  # same root 07
        ({"cameo": "07"}, True),
        ({"cameo": "061"}, False),  # other root
        ({"modality": "future"}, False),  # modality must match
        ({"date": "2019-07-29"}, True),  # +3 days
        ({"date": "2019-07-23"}, True),  # -3 days
        ({"date": "2019-07-30"}, False),  # +4 days
        ({"date": "2019-07-01", "precision": "month"}, False),  # coarse date: never with a day
        ({"date": None}, False),
    ],
)
def test_events_merge_rule(other, merges):
    first = mention("m1")
    second = mention("m2", doc="a2", **other)
    merged = merge_rule.merge([first, second])
    assert len(merged) == (1 if merges else 2)


@pytest.mark.parametrize(
    "family, a, b, merges",
    [
        ("root", "0711", "072", True),
        ("base", "0711", "071", True),
        ("base", "0711", "072", False),
        ("base", "07", "070", True),
    ],
)
def test_events_merge_family(family, a, b, merges):
    rule = ev.MergeRule(family=family)
    merged = merge_rule.merge([mention("m1", cameo=a), mention("m2", cameo=b)], rule)
    assert len(merged) == (1 if merges else 2)


def test_events_merge_window_is_an_option():
    pair = [mention("m1", date="2019-07-20"), mention("m2", date="2019-07-26")]
    assert len(merge_rule.merge(pair)) == 2
    assert len(merge_rule.merge(pair, ev.MergeRule(window_days=7))) == 1


def test_events_window_anchored_on_first_mention():
    """A chain of mentions two days apart does not grow one event for ever."""
    chain = [mention(f"m{i}", date=f"2019-07-{10 + 2 * i:02d}") for i in range(5)]
    merged = merge_rule.merge(chain)
    assert [e.num_mentions for e in merged] == [2, 2, 1]


def test_events_merge_is_order_independent():
    ms = [
        mention(f"m{i}", doc=f"a{i % 3}", date=f"2019-07-{1 + i:02d}", cameo=("072", "071", "042")[i % 3])
        for i in range(12)
    ]
    forward = merge_rule.merge(ms)
    backward = merge_rule.merge(list(reversed(ms)))
    assert [(e.event_key, e.num_mentions) for e in forward] == [(e.event_key, e.num_mentions) for e in backward]


def test_events_counts_and_representative():
    ms = [
        mention("m1", doc="a1", cameo="072"),
        mention("m2", doc="a1", cameo="071", sentence_id="a1:3"),
        mention("m3", doc="a2", cameo="071"),
        mention("m4", doc="a3", cameo="071", date="2019-07-27"),
    ]
    articles = {
        "a1": ev.ArticleMeta("Wire", "https://x.invalid/1", frozenset({0})),
        "a2": ev.ArticleMeta("Wire"),
        "a3": ev.ArticleMeta("Desk"),
    }
    (one,) = merge_rule.merge(ms, articles=articles)
    assert (one.num_mentions, one.num_articles, one.num_sources) == (4, 3, 2)
    assert one.cameo == "071" and one.cameo_base == "071"  # the most frequent code
    assert one.article_ids == ("a1", "a2", "a3")
    assert one.is_root  # m1 is sentence 0 of a1, in its lead paragraph
    assert one.source_url == "https://x.invalid/1"
    assert len({m.evidence for m in one.mentions}) == 1 and len(one.mentions) == 4


def test_events_repeated_event_id_counts_once():
    assert merge_rule.merge([mention("m1"), mention("m1")])[0].num_mentions == 1


@pytest.mark.parametrize(
    "ref, key, side",
    [
        (ActorRef("Pakistan", "PAKGOV", "PAK"), "PAK", "state"),
        (ActorRef("Pakistan", "PAK", "PAK"), "PAK", None),
        (ActorRef("army", "PAKMIL", "PAK"), "PAK", "state"),
        (ActorRef("rebels", "PAKREB", "PAK"), "PAK", "REB"),
        (ActorRef("UN", "IGOUNO", None), "IGOUNO", None),
        (ActorRef("police", "---COP", None), "", "state"),
        (None, "", None),
    ],
)
def test_events_actor_key_and_side(ref, key, side):
    assert country_key(ref) == key
    assert merge_rule.actor_side(ref) == side


def test_events_json_contract_roundtrip():
    m = mention("m1")
    assert merge_rule.event_from_dict(m.as_dict()) == m


# --- the store ------------------------------------------------------------------------------
def _article(aid: str, source: str = "Wire") -> tuple[Article, list[Sentence], None]:
    art = Article(
        id=aid,
        origin=f"{aid}.txt",
        kind="txt",
        raw="x",
        text="x",
        title=None,
        date="2019-07-26",
        url=f"https://news.invalid/{aid}",
        source=source,
        doc_id=None,
    )
    return art, [Sentence(aid, 0, "x", 0, 1, 0, 1, 0)], None


def test_events_store_upsert_never_duplicates(store_path):
    with Store(store_path) as store:
        store.add_articles([_article("a1"), _article("a2", "Desk")])
        batch = [mention("m1", doc="a1"), mention("m2", doc="a2", date="2019-07-27")]
        first = ev.add_events(store, batch)
        assert (first.new, first.updated, first.events) == (2, 0, 1)
        again = ev.add_events(store, batch)  # the same articles coded again
        assert (again.new, again.updated, again.events) == (0, 2, 1)
        (one,) = list(reads.read_events(store))
        assert (one.num_mentions, one.num_articles, one.num_sources) == (2, 2, 2)
        assert one.is_root and one.source_url == "https://news.invalid/a1"
        assert [m.event_id for m in one.mentions] == ["m1", "m2"]
        assert (
            store.con.execute("SELECT count(*) FROM mentions WHERE event_key = ?", [one.event_key]).fetchone()[0] == 2
        )


def test_events_store_equals_merging_at_once(store_path):
    ms = [
        mention(f"m{i}", doc=f"a{i % 4}", date=f"2019-07-{1 + 2 * i:02d}", cameo=("072", "042")[i % 2])
        for i in range(10)
    ]
    with Store(store_path) as store:
        for m in ms:  # one mention at a time, in no particular order
            ev.add_events(store, [m])
        stored = sorted((e.event_key, e.num_mentions) for e in reads.read_events(store))
    assert stored == sorted((e.event_key, e.num_mentions) for e in merge_rule.merge(ms))


def test_events_store_recode_moves_and_replaces(store_path):
    with Store(store_path) as store:
        ev.add_events(store, [mention("m1"), mention("m2", doc="a2")])
        assert reads.counts(store)["events"] == 1
        # a2 re-coded: its mention now targets India, so the events split
        ev.add_events(store, [mention("m2", doc="a2", target=ActorRef("India", "IND", "IND"))])
        assert reads.counts(store) == {"mentions": 2, "events": 2}
        # a2 re-coded again with replace_articles: m2 is gone, m3 takes its place
        s = ev.add_events(store, [mention("m3", doc="a2")], replace_articles=True)
        assert s.removed == 1
        assert reads.counts(store) == {"mentions": 2, "events": 1}


def test_events_store_rule_change_remerges(store_path):
    with Store(store_path) as store:
        ev.add_events(store, [mention("m1", date="2019-07-20"), mention("m2", date="2019-07-26")])
        assert reads.counts(store)["events"] == 2
        ev.add_events(store, [], ev.MergeRule(window_days=7))
        assert reads.counts(store)["events"] == 1
        assert ev.stored_rule(store) == ev.MergeRule(window_days=7)
        ev.remerge(store, ev.MergeRule(window_days=0))
        assert reads.counts(store)["events"] == 2


def test_events_read_filter(store_path):
    with Store(store_path) as store:
        ev.add_events(
            store, [mention("m1"), mention("m2", source=PAK, target=USA), mention("m3", modality="hypothetical")]
        )
        f = reads.EventFilter(source="USA", target="PAK", modality=("asserted",))
        assert [e.mentions[0].event_id for e in reads.read_events(store, f)] == ["m1"]
        assert len(list(reads.read_events(store, reads.EventFilter(actors=("USA", "PAK"))))) == 3
        assert len(list(reads.read_events(store, reads.EventFilter(since="2019-07-27")))) == 0


@pytest.mark.slow
def test_events_seed_f16_decision_and_tweet_are_one_event(seed_path, tmp_path):
    """End to end: the seed's F-16 sentence and the State Department tweet quoted in it are
    one event with two mentions; its repeated pull quotes add no events."""
    from dyad import api

    db = str(tmp_path / "seed.duckdb")
    coded = list(api.code([str(seed_path)], db=db))
    with Store(db, read_only=True) as store:
        f16 = [
            e
            for e in reads.read_events(store)
            if any("F-16" in m.sentence for m in e.mentions) and e.modality == "asserted" and e.cameo_root == "07"
        ]
    assert len(f16) == 1
    assert f16[0].num_mentions == 2
    assert {m.sentence_id.split(":")[1] for m in f16[0].mentions} >= {"q2"}
    sentences = [e.sentence for e in coded]
    assert sum("can likely only go so far" in s for s in set(sentences)) <= 1
