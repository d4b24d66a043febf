"""Scoring against gold files: matching, PRF, accuracies, PLOVER names, dev-set floors."""

from __future__ import annotations

import json

import pytest

from dyad.evaluate.gold import PRF, GoldEvent, GoldRecord, plover_later, primary, read_gold, render, score
from dyad.ontology import cameo, plover_for
from dyad.records import ActorRef, Event, Evidence


def ev(code, src=None, tgt=None, modality="asserted", confidence=0.7, start=0) -> Event:
    c = cameo(code)
    ref = lambda x: ActorRef(x, x, x[:3]) if x else None
    return Event(
        doc_id="d",
        sentence_id="d:0",
        sentence="s",
        event_id=code,
        date=None,
        date_precision="unknown",
        source=ref(src),
        target=ref(tgt),
        cameo=code,
        cameo_root=c.root,
        cameo_name=c.name,
        goldstein=c.goldstein,
        quad_class=c.quad_class,
        plover=plover_for(code),
        modality=modality,
        attributed_to=None,
        evidence=Evidence("x", start, start + 1),
        confidence=confidence,
    )


def rec(id, events=(), labels=()) -> GoldRecord:
    return GoldRecord(id, "text", None, tuple(GoldEvent(*e) for e in events), tuple(labels), {})


def test_evaluate_prf_arithmetic():
    p = PRF(tp=3, fp=1, fn=2)
    assert (p.precision, p.recall) == (0.75, 0.6)
    assert round(p.f1, 4) == 0.6667
    assert PRF().f1 == 0.0


def test_evaluate_events_country_root_and_exact():
    records = [rec("a", [("USAGOV", "PAK", "0231", "REQUEST")]), rec("b", [("IND", "PAK", "173", "COERCE")])]
    preds = [
        [ev("023", "USA", "PAKGOV")],  # right at country+root only
        [ev("173", "IND", "PAK"), ev("010", "IND", None)],
    ]  # right exactly, plus a statement
    r = score(records, preds, "g")
    assert (r.events_country_root.tp, r.events_country_root.fp, r.events_country_root.fn) == (2, 1, 0)
    assert (r.events_exact.tp, r.events_exact.fp, r.events_exact.fn) == (1, 2, 1)
    assert r.per_root["02"].tp == 1 and r.per_root["01"].fp == 1


def test_evaluate_null_gold_fields_match_anything():
    records = [rec("a", [(None, None, "042", None)])]
    r = score(records, [[ev("042", "PAK", "USA")]], "g")
    assert r.events_country_root is None  # no actors annotated: not an events set
    assert r.codes_exact.tp == 1 and r.root_accuracy.value == 1.0


def test_evaluate_only_asserted_events_count():
    records = [rec("a", [("USA", "IRN", "190", None)])]
    r = score(records, [[ev("190", "USA", "IRN", modality="future")]], "g")
    assert r.events_country_root.tp == 0 and r.events_country_root.fn == 1


def test_evaluate_pentaclass_and_primary():
    records = [rec("a", labels=["14-20"]), rec("b", labels=["03-05"]), rec("c", labels=["01-02"])]
    preds = [
        [ev("190", "A", "B", confidence=0.9), ev("010", "A", None, confidence=0.5)],
        [ev("036", "A", "B", modality="future")],  # none asserted: the primary is any
        [],
    ]
    r = score(records, preds, "g")
    assert (r.pentaclass.correct, r.pentaclass.total, r.pentaclass.covered) == (2, 3, 2)
    assert primary(preds[0]).cameo == "190"
    assert primary([]) is None


@pytest.mark.parametrize(
    "event,root,later",
    [
        ("REQUEST", "02", "DEMAND"),
        ("ACCUSE", "09", "INVESTIGATE"),
        ("ACCUSE", "11", "DISAPPROVE"),
        ("ASSAULT", "19", "FIGHT"),
        ("ASSAULT", "18", "ASSAULT"),
        ("AGREE", "03", "AGREE"),
        (None, "01", None),
    ],
)
def test_evaluate_plover_later_names(event, root, later):
    assert plover_later(event, root) == later


def test_evaluate_plover_accuracy():
    records = [rec("a", [(None, None, None, "DEMAND")]), rec("b", [(None, None, None, "FIGHT")])]
    r = score(records, [[ev("1053", "A", "B")], [ev("173", "A", "B")]], "g")
    assert (r.plover.correct, r.plover.total) == (1, 2)


def test_evaluate_read_gold_and_report_dict(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "x",
                "text": "t",
                "date": None,
                "events": [{"source": "PAK", "target": None, "code": "173", "plover": "COERCE", "mode": None}],
                "labels": [],
                "meta": {},
            }
        )
        + "\n",
        encoding="utf-8",
    )
    [g] = read_gold(path)
    assert g.events[0] == GoldEvent("PAK", None, "173", "COERCE")
    r = score([g], [[ev("173", "PAK", "---REB")]], str(path))
    d = r.as_dict()
    assert d["events_country_root"]["f1"] == 1.0 and d["plover"]["accuracy"] == 1.0
    json.dumps(d)
    render(r)  # builds without error


@pytest.mark.slow
def test_evaluate_end_to_end(tmp_path):
    from test_code import FakeResolver

    from dyad.coding import Coder
    from dyad.evaluate.gold import evaluate

    path = tmp_path / "gold.jsonl"
    rows = [
        {
            "id": "1",
            "text": "Hamas threatened to attack Israel.",
            "date": "2019-07-31",
            "events": [{"source": "PSEHMS", "target": "ISR", "code": "138", "plover": "THREATEN", "mode": None}],
            "labels": ["09-13"],
        },
        {"id": "1", "text": "Stocks fell sharply on Wall Street.", "date": None, "events": [], "labels": []},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    report = evaluate(path, Coder(resolver=FakeResolver()))
    assert report.events_country_root.tp == 1 and report.events_country_root.fp == 0
    assert report.pentaclass.value == 1.0 and report.plover.value == 1.0


# Floors on the development sets, with the real actor knowledge base. They may only go up:
# a change that lowers one must say why (docs/scores.md keeps the history).
FLOORS = {
    "cameo_codebook_examples.jsonl": ("root_accuracy", 0.70),
    "plover_gold_records.jsonl": ("plover", 0.65),
    "cameo_pentaclass_train.jsonl": ("pentaclass", 0.60),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_evaluate_dev_floor(shared_dir, name):
    from dyad.coding import Coder
    from dyad.evaluate.gold import evaluate

    measure, floor = FLOORS[name]
    report = evaluate(shared_dir / "dev" / name, Coder())
    assert getattr(report, measure).value >= floor


# --- real-news sets (dyad.evaluate.news) ------------------------------------------------------

NEWS_FLOORS = {  # on the measure parts, never tuned on; raise them, never lower them silently
    "voa_m2e2_dev.jsonl": 0.45,  # sentence-level micro F1, all modalities (0.478 when set)
    "rams_dev.jsonl": 0.34,  # clearly mapped root coded in the trigger sentence (0.370 when set)
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(NEWS_FLOORS))
def test_evaluate_news_measure_floor(shared_dir, name):
    from dyad.coding import Coder
    from dyad.evaluate.news import evaluate_news

    report, _ = evaluate_news(shared_dir / "dev" / name, Coder(), part="measure")
    value = report.micro.f1 if report.micro is not None else report.window_recall
    assert value >= NEWS_FLOORS[name]


def _news_event(code, modality="asserted", source="police", target="a man"):
    from dyad.records import ActorRef, Event, Evidence, Plover

    return Event(
        doc_id="d",
        sentence_id="d:0",
        sentence="s",
        event_id=code + modality,
        date=None,
        date_precision="unknown",
        source=ActorRef(source, None, None),
        target=ActorRef(target, None, None),
        cameo=code,
        cameo_root=code[:2],
        cameo_name="",
        goldstein=0.0,
        quad_class=1,
        plover=Plover(None, None, None),
        modality=modality,
        attributed_to=None,
        evidence=Evidence("x", 0, 1),
        confidence=0.5,
    )


def _voa(types, args=None):
    from dyad.evaluate.news import NewsEvent, NewsRecord

    events = tuple(NewsEvent(t, "w", args or {}, None, "clear") for t in types)
    return NewsRecord("r", "text", None, events, "a1", True, (), None)


@pytest.mark.parametrize(
    "gold,codes,expected",
    [
        # (gold ACE types, coded CAMEO codes) -> (tp, fp, fn) over the four classes
        (["Justice:Arrest-Jail"], ["173"], (1, 0, 0)),
        (["Justice:Arrest-Jail"], ["172"], (0, 0, 1)),  # 172 is no arrest
        ([], ["190"], (0, 1, 0)),
        (["Life:Die"], ["190"], (0, 0, 0)),  # an attack beside a death is no error
        (["Movement:Transport"], ["042"], (0, 0, 0)),  # nor a visit beside a journey
        (["Conflict:Attack", "Contact:Meet"], ["183", "040", "141"], (2, 1, 0)),
        (["Conflict:Attack"], ["190", "195"], (1, 0, 0)),  # a class counts once a sentence
    ],
)
def test_evaluate_news_sentence_classes(gold, codes, expected):
    from dyad.evaluate.news import score_news

    rep = score_news([_voa(gold)], [[_news_event(c) for c in codes]], "g")
    assert (rep.micro.tp, rep.micro.fp, rep.micro.fn) == expected


def test_evaluate_news_modalities_and_argument_overlap():
    from dyad.evaluate.news import score_news

    rec = _voa(["Justice:Arrest-Jail"], {"Person": "a man from Leeds", "Agent": "police"})
    preds = [[_news_event("173", "future", source="officers", target="the man")]]
    assert score_news([rec], preds, "g").micro.tp == 1
    assert score_news([rec], preds, "g", modalities={"asserted"}).micro.fn == 1
    assert score_news([rec], preds, "g").args_found == 1
    no_overlap = [[_news_event("173", source="officers", target="the crowd")]]
    assert score_news([rec], no_overlap, "g").args_found == 0


def test_evaluate_news_window_root_in_trigger_sentence():
    from dyad.evaluate.news import NewsEvent, NewsRecord, score_news

    g = NewsEvent("justice.arrestjaildetain.arrestjaildetain", "arrested", {}, "17", "clear")
    rec = NewsRecord("w", "A. B was arrested. C.", None, (g,), "u", False, ("A.", "B was arrested.", "C."), 1)
    hit = _news_event("173")
    other = _news_event("173")
    assert score_news([rec], [[_with_sentence(hit, "B was arrested.")]], "g").window_found == 1
    assert score_news([rec], [[_with_sentence(other, "C.")]], "g").window_found == 0


def _with_sentence(e, sentence):
    from dataclasses import replace

    return replace(e, sentence=sentence)


def test_evaluate_news_split_is_stable_and_by_article(shared_dir):
    from dyad.evaluate.news import part_of, read_news_gold

    path = shared_dir / "dev" / "voa_m2e2_dev.jsonl"
    tune, measure = read_news_gold(path, "tune"), read_news_gold(path, "measure")
    assert {r.article for r in tune}.isdisjoint({r.article for r in measure})
    assert len(tune) + len(measure) == len(read_news_gold(path, "all"))
    assert all(part_of(r.article) == "tune" for r in tune)
    assert part_of("VOA_EN_NW_2009.12.09.416313") == part_of("VOA_EN_NW_2009.12.09.416313")
