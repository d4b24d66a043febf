"""Scenarios: conditional statements become condition -> consequence records that later
asserted events move, and hypothetical mentions do not."""

from __future__ import annotations

import pytest

from dyad.records import ActorRef, Event, EventPattern, Evidence, Plover, Scenario
from dyad.scenarios.find import extract, load_cues
from dyad.scenarios.track import matches, track

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def coder():
    from dyad.coding import Coder

    return Coder()


def _scenarios(coder, text: str, doc_id: str = "a", date: str = "2019-07-30") -> list[Scenario]:
    from dyad.nlp.parse import parse_text

    sentences = parse_text(text, article_id=doc_id)
    events = list(coder.code_sentences(sentences, doc_id, date))
    return extract(sentences, events, doc_id, date, resolver=coder.resolver)


def _events(coder, text: str, doc_id: str, date: str) -> list[Event]:
    from dyad.nlp.parse import parse_text

    return list(coder.code_sentences(parse_text(text, article_id=doc_id), doc_id, date))


def _country(code: str | None) -> str | None:
    return code[:3] if code else None


def test_scenarios_cues_load():
    cues = load_cues()
    assert ("if",) in cues.markers and cues.markers[("unless",)] is True
    assert "as" in cues.not_after and "imagine" in cues.imagine


@pytest.mark.parametrize(
    "text",
    [
        "If you ask me, the weather in the capital is lovely this week.",
        "The delegates carried on as if nothing had happened at the summit.",
        "Even if it rains, the cricket final will go ahead on Sunday.",
        "Reporters asked if the minister would attend the dinner.",
        "If the weather holds, the harvest will be large this year.",
    ],
)
def test_scenarios_none_from_non_scenarios(coder, text):
    assert _scenarios(coder, text) == []


def test_scenarios_simple_if_then(coder):
    (s,) = _scenarios(coder, "If Pakistan arrests Hafiz Saeed, the United States will resume military aid to Pakistan.")
    assert [(_country(p.source), p.cameo[:2] if p.cameo else None) for p in s.conditions] == [("PAK", "17")]
    assert any(
        _country(p.source) == "USA" and _country(p.target) == "PAK" and p.cameo.startswith("07") for p in s.consequences
    )
    assert s.hedge == "will" and s.stated_by == "author" and s.date == "2019-07-30"


def test_scenarios_unless_negates_the_condition(coder):
    (s,) = _scenarios(coder, "Unless India stops the shelling, Pakistan will expel the Indian ambassador.")
    assert s.conditions and all(p.negated for p in s.conditions)
    assert any(_country(p.source) == "PAK" for p in s.consequences)


def test_scenarios_continuation_sentence_adds_consequences(coder):
    text = (
        "If Kabul and the Taliban agree to a ceasefire, the talks could move quickly. "
        "Under this scenario, the United States would likely withdraw its troops from Afghanistan."
    )
    (s,) = _scenarios(coder, text)
    assert len(s.sentence_ids) == 2
    assert any(_country(p.source) == "USA" for p in s.consequences)


def test_scenarios_speaker_is_stated_by(coder):
    text = (
        '"If Pakistan arrests Hafiz Saeed, Washington will resume military aid to Pakistan," '
        "Secretary of State Mike Pompeo said on Tuesday."
    )
    (s,) = _scenarios(coder, text)
    assert s.stated_by != "author"


def test_scenarios_from_seed(coder, seed_path):
    from dyad.nlp.parse import Parser
    from dyad.text.clean import clean

    cleaned = clean(seed_path.read_text(encoding="utf-8"))
    sentences = Parser().parse_clean("seed", cleaned)
    events = list(coder.code_sentences(sentences, "seed", "2019-07-30"))
    found = extract(sentences, events, "seed", "2019-07-30", resolver=coder.resolver)

    def find(phrase: str) -> Scenario:
        return next(s for s in found if phrase in s.text)

    deal = find("helps get a deal in Afghanistan")
    assert any(_country(p.source) == "PAK" for p in deal.conditions)
    assert any(_country(p.source) == "PAK" and _country(p.target) == "USA" for p in deal.conditions)
    unfreeze = [p for p in deal.consequences if "unfreeze" in p.text]
    assert unfreeze and _country(unfreeze[0].source) == "USA" and _country(unfreeze[0].target) == "PAK"
    assert "would" in deal.hedge

    leave = find("if U.S. troops leave")
    assert any(_country(p.source) == "USA" and "troops leave" in p.text for p in leave.conditions)
    assert any(p.negated and "agreed" in p.text for p in leave.conditions)  # the Taliban has NOT agreed yet
    assert any("accusations" in p.text for p in leave.consequences)
    assert not any("Soviet" in p.text for p in leave.consequences)  # after the semicolon: not part of it

    screws = find("tighten the screws")
    assert any(
        p.cameo == "0874" and _country(p.source) == "USA" and _country(p.target) == "AFG" for p in screws.conditions
    )
    assert any(p.cameo and p.cameo.startswith("17") and _country(p.target) == "PAK" for p in screws.consequences)


def _event(doc: str, date: str, src: str, tgt: str, cameo: str, modality: str = "asserted") -> Event:
    return Event(
        doc_id=doc,
        sentence_id=f"{doc}:0",
        sentence="s",
        event_id=f"{doc}-{cameo}-{modality}",
        date=date,
        date_precision="day",
        source=ActorRef(src, src, src[:3]),
        target=ActorRef(tgt, tgt, tgt[:3]),
        cameo=cameo,
        cameo_root=cameo[:2],
        cameo_name="x",
        goldstein=0.0,
        quad_class=1,
        plover=Plover(None, None, None),
        modality=modality,
        attributed_to=None,
        evidence=Evidence("x", 0, 1),
        confidence=0.9,
    )


def test_scenarios_matches_up_to_role_and_root():
    p = EventPattern("x", "PAKGOV", "USA", "0311")
    assert matches(p, _event("b", "2020-01-01", "PAKMIL", "USAGOV", "036"))
    assert not matches(p, _event("b", "2020-01-01", "INDGOV", "USAGOV", "036"))
    assert not matches(p, _event("b", "2020-01-01", "PAKGOV", "USAGOV", "111"))
    assert not matches(EventPattern("x", "PAK", None, None), _event("b", "2020-01-01", "PAK", "USA", "036"))


def test_scenarios_status_moves_with_later_asserted_events(coder):
    (s,) = _scenarios(
        coder,
        "If Pakistan arrests Hafiz Saeed, the United States will resume military aid to Pakistan.",
        doc_id="op-ed",
        date="2019-03-01",
    )
    assert track(s, []).status == "open"

    hypothetical = _events(coder, "Pakistan could arrest Hafiz Saeed soon, officials said.", "b", "2019-04-01")
    hypothetical += _events(coder, "The United States may resume military aid to Pakistan.", "b2", "2019-04-02")
    assert track(s, hypothetical).status == "open"

    earlier = _events(coder, "Pakistani police arrested Hafiz Saeed in Lahore.", "old", "2019-02-01")
    assert track(s, earlier).status == "open"  # before the scenario was stated

    done = _events(coder, "Pakistani police arrested Hafiz Saeed in Lahore on Wednesday.", "c", "2019-07-17")
    state = track(s, hypothetical + done)
    assert state.status == "conditions met"
    assert state.evidence_events == tuple(e.event_id for e in done if e.cameo.startswith("17"))

    observed = _events(coder, "The United States resumed military aid to Pakistan on Monday.", "d", "2019-10-01")
    assert track(s, done + observed).status == "consequence observed"

    denied = _events(coder, "The United States did not resume military aid to Pakistan.", "e", "2019-10-05")
    assert track(s, done + denied).status == "contradicted"


def test_scenarios_cli_list_and_watch(tmp_path):
    import json

    from typer.testing import CliRunner

    from dyad import api
    from dyad.cli.main import app

    db = str(tmp_path / "s.duckdb")
    first = tmp_path / "a.jsonl"
    first.write_text(
        json.dumps(
            {
                "id": "op-ed",
                "date": "2019-03-01",
                "text": "If Pakistan arrests Hafiz Saeed, the United States will resume military aid "
                "to Pakistan, analysts said.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    list(api.code([str(first)], db=db))
    runner = CliRunner()
    out = runner.invoke(app, ["scenarios", "--db", db, "--dyad", "USA", "PAK", "--format", "json"])
    assert out.exit_code == 0, out.output
    (s,) = json.loads(out.stdout)
    assert set(s) == {
        "id",
        "doc_id",
        "text",
        "conditions",
        "consequences",
        "hedge",
        "stated_by",
        "date",
        "status",
        "evidence_events",
    }
    assert s["status"] == "open"
    assert set(s["conditions"][0]) == {"text", "source", "target", "cameo", "negated"}
    assert (
        json.loads(runner.invoke(app, ["scenarios", "--db", db, "--dyad", "IND", "CHN", "--format", "json"]).stdout)
        == []
    )

    first_look = runner.invoke(app, ["scenarios", "watch", "--db", db, "--format", "json"])
    assert [x["status"] for x in json.loads(first_look.stdout)] == ["open"]
    assert json.loads(runner.invoke(app, ["scenarios", "watch", "--db", db, "--format", "json"]).stdout) == []

    later = tmp_path / "b.jsonl"
    later.write_text(
        json.dumps(
            {
                "id": "news",
                "date": "2019-07-17",
                "text": "Pakistani police arrested Hafiz Saeed in Lahore on Wednesday.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    list(api.code([str(later)], db=db))
    moved = json.loads(runner.invoke(app, ["scenarios", "watch", "--db", db, "--format", "json"]).stdout)
    assert [(x["status"], x["previous_status"]) for x in moved] == [("conditions met", "open")]
    assert moved[0]["evidence_events"]


def test_scenarios_reported_conditional_belongs_to_the_speaker(coder):
    (s,) = _scenarios(coder, "Modi said that if Pakistan stopped the shelling, India would resume talks with Pakistan.")
    assert [_country(p.source) for p in s.conditions] == ["PAK"]
    assert any(_country(p.source) == "IND" and _country(p.target) == "PAK" for p in s.consequences)
    assert not any(p.cameo and p.cameo.startswith("01") for p in s.conditions + s.consequences)


def test_scenarios_final_condition_takes_the_clause_it_attaches_to(coder):
    (s,) = _scenarios(
        coder,
        "The spokeswoman said the funds were frozen but could be released to Pakistan "
        "if Islamabad arrested the militants.",
    )
    assert all("said" not in p.text for p in s.consequences)
    assert any(_country(p.source) == "PAK" for p in s.conditions)


def test_scenarios_contradiction_needs_both_actors():
    s = Scenario(
        id="s",
        doc_id="a",
        text="t",
        conditions=(EventPattern("x", "PAK", None, "173"),),
        consequences=(EventPattern("y", "USA", None, "072"),),
        hedge=None,
        stated_by="author",
        date="2019-01-01",
        sentence_ids=("a:0",),
        evidence=(),
    )
    denied = _event("b", "2019-02-01", "USAGOV", "PAKGOV", "072", modality="negated")
    assert track(s, [denied]).status == "open"  # "no aid": too loose a pattern to contradict
