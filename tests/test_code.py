"""The event coder: grammar on sentences the project wrote, no-event sentences, the seed."""

from __future__ import annotations

import json

import pytest

from dyad.records import ActorMatch, Event

pytestmark = pytest.mark.slow

# ---- a tiny resolver with the dyad.actors.resolver interface, so grammar tests do not depend on the
# ---- knowledge base: a few names and role nouns, longest match in the span

NAMES = {
    "pakistan": "PAK",
    "islamabad": "PAKGOV",
    "pakistani": "PAK",
    "imran khan": "PAKGOV",
    "khan": "PAKGOV",
    "bajwa": "PAKMIL",
    "hafiz saeed": "PAKREB",
    "saeed": "PAKREB",
    "united states": "USA",
    "u.s.": "USA",
    "us": "USA",
    "washington": "USAGOV",
    "american": "USA",
    "trump": "USAGOV",
    "india": "IND",
    "new delhi": "INDGOV",
    "taliban": "AFGTAL",
    "afghanistan": "AFG",
    "kabul": "AFGGOV",
    "china": "CHN",
    "beijing": "CHNGOV",
    "israel": "ISR",
    "israeli": "ISR",
    "iran": "IRN",
    "iranian": "IRN",
    "hamas": "PSEHMS",
    "russia": "RUS",
    "china's": "CHN",
    "uganda": "UGA",
    "kenya": "KEN",
    "kenyan": "KEN",
    "france": "FRA",
    "germany": "DEU",
    "syria": "SYR",
    "sudan": "SDN",
    "japan": "JPN",
    "jordan": "JOR",
    "turkey": "TUR",
    "egypt": "EGY",
    "lebanon": "LBN",
    "nato": "IGONAT",
    "un": "IGOUNO",
    "united nations": "IGOUNO",
    "angola": "AGO",
    "portugal": "PRT",
    "serbia": "SRB",
    "albania": "ALB",
    "iraq": "IRQ",
    "iraqi": "IRQ",
    "russian": "RUS",
    "syrian": "SYR",
}
ROLES = {
    "officials": "GOV",
    "official": "GOV",
    "government": "GOV",
    "police": "COP",
    "army": "MIL",
    "troops": "MIL",
    "soldiers": "MIL",
    "forces": "MIL",
    "minister": "GOV",
    "president": "GOV",
    "militants": "REB",
    "rebels": "REB",
    "protesters": "OPP",
}


class FakeResolver:
    def resolve(self, text, date=None, context=None):
        code = NAMES.get(text.lower().strip())
        return ActorMatch(text=text, code=code, country=code[:3] if code else None)

    def resolve_tokens(self, sentence, start, end, date=None, context=None):
        toks = sentence.tokens[start:end]
        words = [t.text.lower() for t in toks]
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                code = NAMES.get(" ".join(words[i : i + n]))
                if code:
                    role = next((ROLES[w] for w in reversed(words) if w in ROLES), "")
                    if len(code) == 3 and role:
                        code += role
                    s, e = start + i, start + i + n
                    text = " ".join(t.text for t in sentence.tokens[s:e])
                    return ActorMatch(text=text, code=code, country=code[:3], start=s, end=e)
        role = next((ROLES[w] for w in words if w in ROLES), None)
        text = " ".join(words)
        if role in ("REB", "OPP"):
            return ActorMatch(text=text, code="---" + role, start=start, end=end)
        return ActorMatch(text=text, code=None, start=start, end=end)

    def mentions(self, sentence, date=None, context=None):
        return []


@pytest.fixture(scope="module")
def coder():
    from dyad.coding import Coder

    return Coder(resolver=FakeResolver())


@pytest.fixture(scope="module")
def code(coder):
    from dyad.coding import code_text

    return lambda text, date="2019-07-31": code_text(text, date, coder=coder)


def triples(events: list[Event], modality: str | None = "asserted") -> set[tuple]:
    return {
        (e.cameo, e.source.code if e.source else None, e.target.code if e.target else None)
        for e in events
        if modality is None or e.modality == modality
    }


def by_modality(events: list[Event]) -> set[tuple]:
    return {
        (e.cameo, e.source.code if e.source else None, e.target.code if e.target else None, e.modality) for e in events
    }


# ---- grammar ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        # an object named by a pattern's class is still the target when it is an actor
        ("Turkey expelled two Syrian diplomats on Monday.", {("174", "TUR", "SYR")}),
        ("Sudan banned Kenyan opposition parties.", {("1722", "SDN", "KEN")}),
        ("Egypt expelled inspectors of the United Nations from the site.", {("1662", "EGY", "IGOUNO")}),
        # "up to N" objects
        ("Iraqi militants kidnapped up to 20 Russian workers.", {("181", "IRQREB", "RUS")}),
        # the recipient of a verb's named object ("issued an ultimatum to …")
        ("Israel issued an ultimatum to Lebanon.", {("139", "ISR", "LBN")}),
        # a curfew or blockade lifted or imposed "in"/"on" a place targets that place
        ("Egypt lifted the curfew in Kenya.", {("0813", "EGY", "KEN")}),
        ("Israel reimposed a blockade on Lebanon.", {("191", "ISR", "LBN")}),
    ],
)
def test_code_targets(code, text, expected):
    got = triples(code(text), None)
    assert expected <= got, got


@pytest.mark.parametrize(
    "text,expected",
    [
        # the one asked is the subject of the embedded clause, not the owner of a noun in it,
        # and a date phrase is no target
        ("Egypt demanded on Monday that Israel match Jordan's support for the Palestinians.", ("10", "EGY", "ISR")),
        # what is rejected or accepted names its maker as target, from a "from" phrase too
        ("Pakistan rejected an offer from Afghanistan to hold talks.", ("12", "PAK", "AFG")),
        ("The rebels dismissed an appeal from the Kenyan president.", ("12", "---REB", "KENGOV")),
        ("Jordan accepted a proposal from Egypt for a ceasefire.", ("03", "JOR", "EGY")),
    ],
)
def test_code_targets_in_clauses_and_from_phrases(code, text, expected):
    got = {
        (e.cameo_root, e.source.code if e.source else None, e.target.code if e.target else None)
        for e in code(text)
        if e.modality == "asserted"
    }
    assert expected in got, got


@pytest.mark.parametrize(
    "text,kept,dropped",
    [
        # a statement beside a more specific event is not coded on its own
        ("Egypt praised Jordan and said it was an important partner.", "05", "01"),
        ("Turkey expelled two Syrian diplomats, saying they were spies.", "17", "01"),
        # the offer or request rejected is the content of the rejection, not a second event
        ("Kenya rejected Uganda's request for military aid.", "12", "02"),
        ("Pakistan rejected an offer from Afghanistan to hold talks.", "12", "03"),
        # a background event in an adjunct or relative clause beside an asserted report
        ("Turkey expelled the Syrian diplomats after Syria arrested Turkish journalists.", "17", "173"),
        ("Israel released the militants who attacked Lebanon last year.", "08", "19"),
        # a purpose beside an asserted report
        ("Kenya sent troops to Somalia to fight the militants.", "07", "19"),
    ],
)
def test_code_one_reported_event(code, text, kept, dropped):
    got = {e.cameo for e in code(text) if e.modality == "asserted"}
    assert any(c.startswith(kept) for c in got), got
    assert not any(c.startswith(dropped) for c in got), got


def test_code_statement_alone_is_coded(code):
    assert ("010", "JOR", None) in triples(code("Jordan said it was an important partner."))


def test_code_background_kept_when_nothing_else_is_asserted(code):
    # the main clause is negated: the arrest is the one fact the sentence gives
    got = triples(code("Pakistan did not protest after India arrested Pakistani militants."))
    assert any(c.startswith("17") and src == "IND" for c, src, _ in got), got
    # nothing coded in the main clause: the purpose is what the sentence reports
    got = triples(code("Thousands gathered in Nairobi to denounce Uganda."))
    assert any(c.startswith("11") and tgt == "UGA" for c, _, tgt in got), got


@pytest.mark.parametrize(
    "text,absent",
    [
        # a destination that is the doer itself is no target
        ("Turkey will deny entry to Turkey to foreign fighters.", "TUR"),
        # an actor inside a clause below the object is not the object
        ("Jordanian protesters denounced the decision of sending troops to Syria.", "SYR"),
    ],
)
def test_code_targets_not_from_inside(code, text, absent):
    got = {e.target.code for e in code(text) if e.target and e.cameo_root != "07"}
    assert absent not in got, got


@pytest.mark.parametrize(
    "text,expected",
    [
        # active and passive voice
        ("Police in Pakistan arrested Hafiz Saeed on Monday.", {("173", "PAKCOP", "PAKREB")}),
        ("Hafiz Saeed was arrested by Pakistani police on Monday.", {("173", "PAKCOP", "PAKREB")}),
        ("Hafiz Saeed, arrested by Pakistani police, was jailed.", {("173", "PAKCOP", "PAKREB")}),
        # compound sources and targets: one event per pair
        ("Israel and Iran condemned Syria.", {("111", "ISR", "SYR"), ("111", "IRN", "SYR")}),
        ("Russia condemned Israel and Iran.", {("111", "RUS", "ISR"), ("111", "RUS", "IRN")}),
        # reciprocal verbs
        ("Russia and China met on Tuesday.", {("040", "RUS", "CHN"), ("040", "CHN", "RUS")}),
        # prepositional targets
        ("Imran Khan met with President Trump at the White House.", {("040", "PAKGOV", "USAGOV")}),
        ("Iran held talks with Turkey in Geneva.", {("046", "IRN", "TUR")}),
        ("The United States imposed sanctions on Iran.", {("163", "USA", "IRN")}),
        ("Police cracked down on protesters in Kabul.", {("175", None, "AFGOPP")}),  # the place gives the country
        ("Germany lifted sanctions against Iran.", {("085", "DEU", "IRN")}),
        # visits and hosting
        ("Imran Khan visited Washington in July.", {("042", "PAKGOV", "USAGOV")}),
        ("Prime Minister Imran Khan's recent visit to Washington was a success.", {("042", "PAKGOV", "USAGOV")}),
        # nominal events
        ("Islamabad's arrest of Hafiz Saeed pleased Washington.", {("173", "PAKGOV", "PAKREB")}),
        (
            "After seven rounds of U.S.-Taliban talks, there is momentum.",
            {("046", "USA", "AFGTAL"), ("046", "AFGTAL", "USA")},
        ),
        ("Iranian airstrikes on Iraq continued.", {("195", "IRN", "IRQ")}),
        # relative clauses and appositions
        ("The militants who attacked Kabul were Taliban fighters.", {("190", "---REB", "AFGGOV")}),
        ("Pakistan, which arrested Hafiz Saeed, wants better ties.", {("173", "PAK", "PAKREB")}),
        # light verbs lend their subject to nominal events
        ("Iran launched an offensive against Iraq.", {("190", "IRN", "IRQ")}),
        # reported speech: the embedded event is coded, the statement is not
        ("Japan said on Tuesday it had halted economic aid to Syria.", {("1621", "JPN", "SYR")}),
        # a statement with nothing more specific in it
        ("Israel said on Tuesday the weather was fine.", {("010", "ISR", None)}),
        # reported demand: "X said Y must ..."
        ("Russia said that Sudan must return the helicopter.", {("1053", "RUS", "SDN")}),
        # headline style
        ("Pakistan arrests Hafiz Saeed", {("173", "PAK", "PAKREB")}),
    ],
)
def test_code_grammar(code, text, expected):
    got = triples(code(text))
    assert expected <= got, got


@pytest.mark.parametrize(
    "text,expected",
    [
        # control: "urged Pakistan to arrest X" -> an appeal by USA on PAK, the arrest desired
        (
            "The United States urged Pakistan to arrest Hafiz Saeed.",
            {("0213", "USA", "PAK", "asserted"), ("173", "PAK", "PAKREB", "desired")},
        ),
        (
            "Washington wants Islamabad to release the prisoners.",
            {("0253", "USAGOV", "PAKGOV", "asserted"), ("0841", "PAKGOV", None, "desired")},
        ),
        (
            "Russia demanded that Sudan return the helicopter.",
            {("1053", "RUS", "SDN", "asserted"), ("0842", "SDN", None, "desired")},
        ),
        ("Angola has asked Portugal for military aid.", {("0232", "AGO", "PRT", "asserted")}),
        # a decision taken to supply aid is the supply approved (07, as "approved aid" is), and
        # one event with what it decided: no second, future provision of the same aid
        (
            "Washington's decision to provide $125 million in technical support for Pakistan's F-16 fleet "
            "came last week.",
            {("071", "USAGOV", "PAK", "asserted")},
        ),
        # any other decision is an intent
        ("Pakistan's decision to hold talks with India surprised many.", {("036", "PAK", "IND", "asserted")}),
        ("Turkey offered to mediate between Israel and Syria.", {("039", "TUR", "ISR", "asserted")}),
        # refusal
        (
            "Israel refused to release the prisoners.",
            {("1243", "ISR", None, "asserted"), ("0841", "ISR", None, "negated")},
        ),
        # threats
        (
            "Hamas threatened to attack Israel.",
            {("1384", "PSEHMS", "ISR", "asserted"), ("190", "PSEHMS", "ISR", "hypothetical")},
        ),
        ("Iran threatened to impose sanctions on Turkey.", {("1312", "IRN", "TUR", "asserted")}),
        # CAMEO: cooperation in the future tense is an intent; force in the future a threat
        (
            "The United States will provide aid to Jordan.",
            {("070", "USA", "JOR", "future"), ("033", "USA", "JOR", "asserted")},
        ),
        ("Iran will attack Israel.", {("190", "IRN", "ISR", "future"), ("1384", "IRN", "ISR", "asserted")}),
        ("Syria says it will not accept any more refugees.", {("1233", "SYR", None, "asserted")}),
        # negation is not an event; the negated event is kept, not counted
        ("Police did not arrest Hafiz Saeed.", {("173", None, "PAKREB", "negated")}),
        (
            "U.S. officials haven't been satisfied with Islamabad's recent crackdowns.",
            {("110", "USAGOV", "PAKGOV", "asserted"), ("175", "PAKGOV", None, "asserted")},
        ),
        # part verbs: the arrests inside the crackdowns are Islamabad's
        (
            "Islamabad's crackdowns have included the arrests of dozens of militants.",
            {("175", "PAKGOV", None, "asserted"), ("173", "PAKGOV", "---REB", "asserted")},
        ),
        # the kind of violence from the instrument noun
        ("Israeli soldiers killed three Hamas militants in an air strike.", {("195", "ISRMIL", "PSEHMS", "asserted")}),
    ],
)
def test_code_frames_and_modality(code, text, expected):
    got = by_modality(code(text))
    assert expected <= got, got


@pytest.mark.parametrize(
    "text",
    [
        # sport, markets, weather, crime without political actors, commentary, culture
        "Manchester United beat Chelsea 2-1 on Sunday to go top of the league.",
        "Federer defeated Nadal in straight sets to reach the final.",
        "Stocks fell sharply on Wall Street as investors worried about inflation.",
        "Oil prices rose two percent after the weekend.",
        "Heavy rain is expected across the region on Thursday, forecasters said.",
        "A man was arrested after a bar fight in Leeds on Saturday night.",
        "Burglars stole jewellery worth 10,000 pounds from a house in Bristol.",
        "It's worth examining these obstacles in detail.",
        "The relationship can likely only go so far.",
        "There were smiles and kind words all around.",
        "The film opened to strong reviews at the festival.",
        # national teams are not their states: discard domains (lexicon/discards.lex)
        "Rohit Sharma scored 140 as India beat Pakistan by 89 runs in a World Cup match.",
        "Pakistan have one win from five matches and meet South Africa at Lord's next Sunday.",
        "Brazil thrashed Argentina 3-0 in the Copa America semi-final on Tuesday.",
        "China will host Japan in the tournament's opening match.",
        "The rupee hit a record low against the dollar as investors fled.",
        "The cyclone hit Bangladesh and killed 20 people on Monday.",
    ],
)
def test_code_no_event(code, text):
    assert code(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Khan has promised to fight corruption and to build an Islamic welfare state.",
        "India and China pledged to combat climate change together.",
        "The new minister vowed to tackle inflation and unemployment.",
    ],
)
def test_code_fighting_an_ill_is_no_force_or_threat(code, text):
    assert not [e for e in code(text) if e.cameo_root in ("13", "14", "15", "17", "18", "19", "20")]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("India beat Pakistan in a brief air battle over Kashmir.", ("IND", "PAK", "18")),
        ("Pakistan fought the Taliban in the Swat valley.", ("PAK", "AFG", "19")),
        ("Prime Minister Imran Khan met President Trump at the White House.", ("PAK", "USA", "04")),
    ],
)
def test_code_discards_leave_politics_alone(code, text, expected):
    got = {
        (e.source.country if e.source else None, e.target.country if e.target else None, e.cameo_root)
        for e in code(text)
    }
    assert expected in got, got


def test_code_needs_an_actor(code):
    # a trigger with neither a source nor a target that resolves is not an event
    assert code("The company attacked the problem with new software.") == []
    # a nominal event needs a doer
    assert code("The arrest of the suspect was filmed.") == []


def test_code_event_fields(code):
    [e] = [e for e in code("Police in Pakistan arrested Hafiz Saeed on Monday.") if e.cameo == "173"]
    d = e.as_dict()
    assert set(d) == set(Event.__dataclass_fields__)
    assert d["cameo_root"] == "17" and d["cameo_name"].startswith("Arrest")
    assert d["goldstein"] == -5.0 and d["quad_class"] == 4
    assert d["plover"] == {"event": "COERCE", "mode": "arrest", "context": "legal"}
    assert d["date"] == "2019-07-29" and d["date_precision"] == "day"
    assert d["evidence"]["text"] == "arrested"
    assert e.sentence[d["evidence"]["start"] : d["evidence"]["end"]] == "arrested"
    assert 0.0 <= d["confidence"] <= 1.0
    json.dumps(d)


def test_code_event_id_is_deterministic(code):
    text = "Police in Pakistan arrested Hafiz Saeed on Monday. Iran will attack Israel."
    a = [e.event_id for e in code(text)]
    b = [e.event_id for e in code(text)]
    assert a == b and len(set(a)) == len(a)


def test_code_confidence_rewards_resolved_actors(code):
    [both] = [e for e in code("Police in Pakistan arrested Hafiz Saeed.") if e.cameo == "173"]
    [one] = [e for e in code("Police in Pakistan arrested the man.") if e.cameo == "173"]
    assert both.confidence > one.confidence


def test_code_sentences_keeps_order_and_ids(coder):
    from dyad.coding import Document, code_documents

    docs = [
        Document("a", "Iran will attack Israel.", "2019-07-31"),
        Document("b", "Stocks fell.", None),
        Document("c", "Hamas threatened to attack Israel.", None),
    ]
    events = list(code_documents(docs, coder))
    assert [e.doc_id for e in events] == sorted(e.doc_id for e in events)
    assert {e.doc_id for e in events} == {"a", "c"}
    assert all(e.sentence_id.startswith(e.doc_id + ":") for e in events)


def test_code_user_lexicon_file(tmp_path):
    from dyad.coding import Coder, code_text
    from dyad.settings import Settings

    extra = tmp_path / "extra.lex"
    extra.write_text("verb snub | | 161\n", encoding="utf-8")
    coder = Coder(Settings(lexicon_files=(str(extra),)), resolver=FakeResolver())
    assert ("161", "IRN", "TUR") in triples(code_text("Iran snubbed Turkey.", coder=coder))


# ---- the seed article, with the real actor knowledge base --------------------------------

SEED_ASSERTED = [
    # (root, source country, target country or None, what a careful reader found)
    ("04", "PAK", "USA", "Khan's visit to Washington"),
    ("11", "USA", "PAK", "U.S. dissatisfaction with Islamabad's crackdowns"),
    ("17", "PAK", None, "the crackdowns and the arrests of dozens of militants"),
    ("17", "PAK", "PAK", "Islamabad's arrest of Hafiz Saeed"),
    ("07", "USA", "PAK", "Washington's decision to provide $125 million for the F-16 fleet"),
    ("04", "USA", "AFG", "seven rounds of U.S.-Taliban talks"),
    ("03", "USA", None, "President Trump's offer"),
]
SEED_NOT_ASSERTED = [
    # hypothetical, negated, desired or future in the article
    ("10", "USA", "IND", "Washington isn't about to press New Delhi"),
    ("10", "USA", "PAK", "Washington will remain relentless in pressuring Pakistan"),
    ("07", "USA", "PAK", "Washington would likely unfreeze its suspended security assistance"),
    ("17", "USA", "PAK", "imagine if Washington tries to tighten the screws on Pakistan"),
    ("08", "USA", "AFG", "the impact of a U.S. troop withdrawal from Afghanistan"),
    ("19", None, "USA", "if the Taliban are no longer fighting U.S. troops"),
    ("06", "USA", None, "Washington may be inclined to ramp up energy trade"),
    ("17", "PAK", "USA", "no arrest of Washington (a misparse of '...Saeed and Washington's decision')"),
]


@pytest.fixture(scope="module")
def seed_events(seed_path):
    from dyad.coding import code_text

    return code_text(seed_path.read_text(encoding="utf-8"), "2019-07-31")


def _country(code):
    return code[:3] if code else None


TRIGGERS = {  # the words an event must be triggered by, where one root has several events
    "Washington's decision to provide $125 million for the F-16 fleet": "decision",
    "Washington would likely unfreeze its suspended security assistance": "unfreeze",
}


def _has(events, root, src, tgt, what=""):
    trigger = TRIGGERS.get(what)
    return any(
        e.cameo_root == root
        and _country(e.source.code if e.source else None) == src
        and (tgt is None or _country(e.target.code if e.target else None) == tgt)
        and (trigger is None or trigger in e.evidence.text)
        for e in events
    )


@pytest.mark.parametrize("root,src,tgt,what", SEED_ASSERTED)
def test_code_seed_asserted_events_found(seed_events, root, src, tgt, what):
    asserted = [e for e in seed_events if e.modality == "asserted"]
    assert _has(asserted, root, src, tgt, what), what


@pytest.mark.parametrize("root,src,tgt,what", SEED_NOT_ASSERTED)
def test_code_seed_unreal_events_not_asserted(seed_events, root, src, tgt, what):
    asserted = [e for e in seed_events if e.modality == "asserted"]
    assert not _has(asserted, root, src, tgt, what), what


def test_code_seed_dates(seed_events):
    soviet = [e for e in seed_events if e.cameo == "0874" and e.date_precision == "decade"]
    assert soviet and soviet[0].date == "1980-01-01"


def test_code_relative_clause_on_an_event_noun_spells_it_out(code):
    """A relative clause on an event noun reports that event's parts; on an actor it is background."""
    got = {
        (e.cameo_root, e.modality)
        for e in code("Washington welcomed Islamabad's crackdown, which included the arrests of twelve militants.")
    }
    assert ("17", "asserted") in got


def test_code_the_two_sides_are_both_actors():
    """ "the two sides" after two named actors: one event each way, with the real resolver."""
    from dyad.coding import code_text

    events = code_text(
        "Imran Khan met Donald Trump in Washington on Monday. The two sides agreed to expand trade.", "2019-07-23"
    )
    agreed = {
        (e.source.code, e.target.code)
        for e in events
        if e.sentence_id.endswith(":1") and e.cameo_root == "03" and e.modality == "asserted"
    }
    assert agreed == {("PAKGOV", "USAGOV"), ("USAGOV", "PAKGOV")}


@pytest.mark.parametrize(
    "text,source",
    [
        # a weak role noun ("member", "head", "spokesman") with an "of"/"for" phrase stands for
        # the group it belongs to, not a government
        ("A member of the Kenyan parliament began a hunger strike on Monday.", "KENLEG"),
        ("A spokesman for the Peruvian army denied the report.", "PERMIL"),
        ("Leaders of the Ugandan rebels rejected the offer.", "UGAREB"),
        # a place in the phrase still only gives the country ("officials in Islamabad")
        ("Officials in Nairobi condemned the attack.", "KENGOV"),
        # a doer with a role but no country is of the place where the event happens
        ("Thousands of people blocked roads in Nairobi on Sunday.", "KENCVL"),
        ("Prisoners rioted at a jail in Kenya on Tuesday.", "KENCVL"),
        # a doer with its own country keeps it
        ("Israeli troops killed two gunmen in Gaza.", "ISRMIL"),
    ],
)
def test_code_countryless_doer_takes_its_group_or_place(text, source):
    from dyad.coding import code_text

    got = {e.source.code for e in code_text(text, "2019-07-23") if e.modality == "asserted" and e.source}
    assert source in got, got


def test_code_conjuncts_of_one_kind_share_a_country():
    """ "Syrian jets and tanks": one doer, not a countryless second one; a conjunct of another
    kind keeps its own (no country)."""
    from dyad.coding import code_text

    got = {
        e.source.code
        for e in code_text("Syrian jets and tanks shelled rebel positions near Aleppo.", "2019-07-23")
        if e.modality == "asserted" and e.source
    }
    assert got == {"SYRMIL"}, got
    got = {
        e.source.code
        for e in code_text("Egyptian police and soldiers arrested ten students.", "2019-07-23")
        if e.modality == "asserted" and e.source
    }
    assert "EGYCOP" in got and "EGYMIL" not in got, got
