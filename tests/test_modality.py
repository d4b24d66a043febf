"""Modality of event triggers: asserted, negated, hypothetical, future, desired; attribution."""

from __future__ import annotations

import pytest
from sources import parsed

from dyad.coding.modality import Modality, assess, load_cues
from dyad.records import MODALITIES


@pytest.fixture(scope="module")
def parse():
    from dyad.nlp.parse import parse_text

    cache: dict[str, object] = {}

    def _parse(text: str):
        if text not in cache:
            cache[text] = parse_text(text)[0]
        return cache[text]

    return _parse


def _judge(parse, text: str, word: str, nth: int = 0) -> Modality:
    sent = parse(text)
    hits = [t.i for t in sent.tokens if t.text == word]
    assert hits, f"{word!r} not in {text!r}"
    return assess(sent, hits[nth])


CASES = [
    # asserted
    ("Police arrested the opposition leader on Monday.", "arrested", "asserted"),
    ("Hafiz Saeed was arrested by Pakistani police.", "arrested", "asserted"),
    ("Prime Minister Imran Khan's recent visit to Washington was a success.", "visit", "asserted"),
    ("The rebels, who attacked the base last week, will not negotiate.", "attacked", "asserted"),
    ("U.S. officials haven't been satisfied with Islamabad's recent crackdowns.", "crackdowns", "asserted"),
    ("Despite President Trump's recent offer, Washington is not about to act.", "offer", "asserted"),
    ("Khan's visit cemented cooperation, as Washington pursues a deal with the Taliban.", "pursues", "asserted"),
    # negated
    ("Police did not arrest the opposition leader.", "arrest", "negated"),
    ("Washington isn't about to press New Delhi to ease up on Kashmir.", "press", "negated"),
    ("Washington won't ease up on the pressure.", "ease", "negated"),
    ("The two leaders never met.", "met", "negated"),
    ("Israel refused to release the prisoners.", "release", "negated"),
    ("If the Taliban are no longer fighting U.S. troops, the threat would be moot.", "fighting", "negated"),
    ("U.S. officials haven't been satisfied with Islamabad's recent crackdowns.", "satisfied", "negated"),
    # hypothetical
    ("Washington would likely unfreeze its suspended security assistance.", "unfreeze", "hypothetical"),
    ("If U.S. troops leave Afghanistan, the region could destabilise.", "leave", "hypothetical"),
    ("Imagine that Islamabad helps produce a deal in Afghanistan.", "produce", "hypothetical"),
    ("The two sides may aim to expand their trade relations.", "expand", "hypothetical"),
    ("Future steps might include easing restrictions on diplomats.", "easing", "hypothetical"),
    ("Perhaps the biggest question is the impact of a U.S. troop withdrawal.", "withdrawal", "hypothetical"),
    ("Hamas threatened to attack Israel.", "attack", "hypothetical"),
    # an event under a risk or prospect noun is only in prospect
    ("Pakistan faces risks in targeting militants near the border.", "targeting", "hypothetical"),
    ("Israel runs the risk of attacking Lebanon.", "attacking", "hypothetical"),
    ("The threat of sanctions against Iran has grown.", "sanctions", "hypothetical"),
    ("The prospect of talks with the rebels pleased the government.", "talks", "hypothetical"),
    ("Fears of an attack on the capital rose sharply.", "attack", "hypothetical"),
    ("The possibility of a deal with Hamas was raised in Cairo.", "deal", "hypothetical"),
    ("The danger of war with Russia grew this year.", "war", "hypothetical"),
    ("Pakistan succeeded in targeting militants near the border.", "targeting", "asserted"),
    # future
    ("Police will arrest the opposition leader.", "arrest", "future"),
    ("Iran is expected to meet the envoy on Friday.", "meet", "future"),
    ("Israel plans to impose new sanctions.", "impose", "future"),
    ("The minister is set to visit Kabul.", "visit", "future"),
    ("Iran is likely to resume talks with the EU.", "resume", "future"),
    ("Iran will hold talks with the EU next week.", "talks", "future"),
    ("Some goodwill gestures are likely to ensue.", "ensue", "future"),
    ("Syria said it would release the prisoners.", "release", "future"),
    # desired
    ("The United States urged Pakistan to arrest Hafiz Saeed.", "arrest", "desired"),
    ("U.S. officials want Islamabad to convince the Taliban.", "convince", "desired"),
    ("The UN called on Israel to withdraw its troops.", "withdraw", "desired"),
    ("Russia demanded that Sudan return the helicopter.", "return", "desired"),
    ("The minister said that Iran must release the prisoners.", "release", "desired"),
    ("Washington isn't about to press New Delhi to ease up on Kashmir.", "ease", "desired"),
    ("Protesters demanded the release of the prisoners.", "release", "desired"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,word,expected", CASES)
def test_modality_cases(parse, text, word, expected):
    got = _judge(parse, text, word)
    assert got.kind == expected, got


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,word,speaker",
    [
        ("The minister said that police arrested the opposition leader.", "arrested", "The minister"),
        ("Israeli soldiers arrested 100 Palestinians, military sources said.", "arrested", "military sources"),
        ("Pakistan arrested Saeed, according to state media.", "arrested", "state media"),
        ("Police arrested the opposition leader.", "arrested", None),
    ],
)
def test_modality_attribution(parse, text, word, speaker):
    assert _judge(parse, text, word).attributed_to == speaker


@pytest.mark.slow
def test_modality_future_marked_for_recoding(parse):
    assert _judge(parse, "Syria will not accept more refugees.", "accept").future_marked
    assert _judge(parse, "Portugal will support Turkey.", "support").future_marked
    assert not _judge(parse, "Iran is expected to meet the envoy.", "meet").future_marked


def test_modality_cue_file_loads():
    cues = load_cues()
    assert "will" in cues.aux["future"] and "would" in cues.aux["hypothetical"]
    assert {"urge", "want", "demand"} <= cues.des_governors
    assert "if" in cues.hyp_marks and "say" in cues.reporting


def test_modality_every_kind_is_read_back_by_the_store_and_relations():
    """Every modality the coder can give is a filter the store and the relations accept, each
    has a case above, and a kind the coder never gives is refused."""
    from dyad.analysis.relations import RelationOptions
    from dyad.store.reads import EventFilter

    assert {expected for _, _, expected in CASES} == set(MODALITIES)
    for kind in MODALITIES:
        assert EventFilter(modality=(kind,)).modality == (kind,)
        assert RelationOptions(modality=(kind,)).modality == (kind,)
    for options in (EventFilter, RelationOptions):
        with pytest.raises(ValueError, match="unknown modality 'rumoured'"):
            options(modality=("rumoured",))


def test_modality_negation_words_come_from_the_data_file():
    from dataclasses import replace

    from dyad.coding.modality import is_negation, load_cues

    cues = load_cues()
    assert is_negation("advmod", "never", cues)
    assert is_negation("det", "no", cues, nominal=True)
    assert not is_negation("advmod", "seldom", cues)
    # a word added to [negation].words negates; one removed no longer does
    assert is_negation("advmod", "seldom", replace(cues, negation=cues.negation | {"seldom"}))
    assert not is_negation("advmod", "never", replace(cues, negation=cues.negation - {"never"}))


def test_modality_condition_and_future_cues_come_from_the_data_file():
    cues = load_cues()
    assert {"if", "unless"} <= cues.cond_marks <= cues.framing_marks
    assert {"would", "will", "could"} <= cues.cond_modals
    assert "will" in cues.date_aux and "would" in cues.reported_aux
    assert ("no", "longer") in cues.neg_phrases


def test_no_module_hard_codes_condition_or_negation_words():
    import ast
    from pathlib import Path

    import dyad

    cue_sets = ({"if", "unless"}, {"not", "n't"}, {"never", "neither"})
    root = Path(dyad.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.Tuple | ast.List | ast.Set):
                words = {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
                if any(cues <= words for cues in cue_sets):
                    offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert offenders == [], "cue words belong in data/modality.toml: " + ", ".join(offenders)
