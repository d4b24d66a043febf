"""The event lexicon: loading, validation, user files, coverage, frame composition."""

from __future__ import annotations

import pytest

from dyad.coding.lexicon import BUNDLED as BUNDLED_NAMES
from dyad.coding.lexicon import lint, load_lexicon, read_lexicon
from dyad.errors import DataFileError
from dyad.ontology import cameo_table
from dyad.settings import data_path

BUNDLED = [data_path("lexicon", n) for n in ("classes.lex", "frames.lex", "verbs.lex", "nouns.lex")]


def test_lexicon_covers_all_roots_and_most_codes():
    lex = load_lexicon()
    codes = lex.codes()
    assert {c[:2] for c in codes} == {f"{i:02d}" for i in range(1, 21)}
    specific = [c for c in cameo_table() if len(c) > 2]
    assert len(set(specific) & codes) / len(specific) >= 0.9


def test_lexicon_pattern_fields():
    lex = load_lexicon()
    [crack] = [p for p in lex.lookup("verb", ["crack"]) if p.code == "175"]
    assert crack.extras == ("down",) and crack.target == ("on", "against")
    [cease] = [p for p in lex.lookup("noun", ["state"]) if p.code == "1724"]
    assert cease.extras == ("emergency",)
    lift = [p for p in lex.lookup("verb", ["lift"]) if p.code == "085"]
    assert lift and lift[0].args[0][0] == "obj" and ("sanctions",) in lift[0].args[0][1].items


@pytest.mark.parametrize(
    "frame,embedded,base,expected",
    [
        ("appeal", "0841", "020", "0253"),
        ("demand", "0841", "100", "1053"),
        ("intent", "072", "030", "0332"),
        ("reject", "0841", "120", "1243"),
        ("threaten", "163", "130", "1312"),
        ("threaten", "195", "130", "1384"),
        ("stop", "071", "160", "1621"),
        ("protest", "0832", "141", "1412"),
        ("protest", "0831", "143", "1431"),
        ("appeal", None, "020", "020"),
        ("supply", "046", "070", None),  # "resumed talks" is no aid
    ],
)
def test_lexicon_compose(frame, embedded, base, expected):
    assert load_lexicon().compose_code(frame, embedded, base) == expected


def test_lexicon_recode_rules():
    lex = load_lexicon()
    assert lex.recode_frame("future", "051") == "intent"
    assert lex.recode_frame("future", "190") == "threaten"
    assert lex.recode_frame("future", "100") is None
    assert lex.recode_frame("negated-future", "0841") == "reject"


def test_lexicon_user_file_extends_and_wins_ties(tmp_path):
    extra = tmp_path / "mine.lex"
    extra.write_text(
        "class @mine | drone, uav\n"
        "verb visit | | 043   # a user who codes visits the other way\n"
        "verb down | obj~@mine | 195\n",
        encoding="utf-8",
    )
    lex = read_lexicon(BUNDLED + [extra])
    visits = lex.lookup("verb", ["visit"])
    best = max(visits, key=lambda p: (p.specificity, p.seq))
    assert best.code == "043" and best.origin == "mine.lex:2"
    assert lex.lookup("verb", ["down"])[0].args[0][1].heads == {"drone", "uav"}


def test_lexicon_settings_files_are_loaded(tmp_path):
    extra = tmp_path / "x.lex"
    extra.write_text("noun skirmish | target=with recip | 190\n", encoding="utf-8")
    lex = load_lexicon((str(extra),))
    assert lex.lookup("noun", ["skirmish"])[0].code == "190"


@pytest.mark.parametrize(
    "line,message",
    [
        ("verb arrest | | 999", "unknown CAMEO code"),
        ("verb arrest | obj~@nope | 173", "unknown class"),
        ("verb arrest | frame=wish | 173", "unknown frame"),
        ("verb arrest | sideways | 173", "unknown constraint"),
        ("verb arrest | 173", "pattern lines"),
        ("adverb quickly | | 173", "unknown line kind"),
        ("compose appeal | 04 | 9999", "unknown CAMEO code"),
    ],
)
def test_lexicon_rejects_bad_lines(tmp_path, line, message):
    bad = tmp_path / "bad.lex"
    bad.write_text("# a comment\n" + line + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as info:
        read_lexicon(BUNDLED + [bad])
    assert "bad.lex:2" in str(info.value)


def test_lexicon_lint_bundled_files_have_no_unexplained_dead_pattern():
    findings = lint(load_lexicon())
    assert [f.message for f in findings if not f.allowed] == []


def test_lexicon_lint_allow_comments_are_not_stale():
    lex = load_lexicon()
    assert set(lex.lint_allowed) == {f.origin for f in lint(lex) if f.allowed}


LINT_CASES = """\
class @arms | gun, rifle
verb zap     | obj~gun | 173
verb zap     | obj~gun/rifle | 175
verb zap     | obj~@arms | 180
verb zap     | obj~@arms target=with | 181
verb zip up  | | 173
verb zip     | up | 173
verb zip up  | | 174
verb zonk    | obj~gun on | 173
verb zonk    | obj~gun | 175
noun zing    | frame=appeal needcomp | 020
noun zing    | | 173
noun zing    | frame=appeal needcomp | 021
noun zorch   | comp | 173
noun zorch   | | 173
noun zorch   | passive | 180
verb zoom    | | 173   # lint: allow kept on purpose
verb zoom    | | 175
verb zup     | | 173
verb zup     | frame=appeal | 020
verb zep     | | 173
verb zep     | frame=supply | 070
"""


def test_lexicon_lint_finds_duplicates_and_shadowed_patterns(tmp_path):
    path = tmp_path / "t.lex"
    path.write_text(LINT_CASES, encoding="utf-8")
    lex = read_lexicon([data_path("lexicon", "frames.lex"), path])
    found = [(f.kind, f.origin, f.by, f.allowed) for f in lint(lex)]
    assert found == [
        ("shadowed", "t.lex:2", "t.lex:5", ""),  # the @arms line with a target wins: same words, ranks higher
        ("duplicate", "t.lex:3", "t.lex:4", ""),  # a class and the same words listed: one constraint
        ("shadowed", "t.lex:4", "t.lex:5", ""),  # target= is no match constraint and adds no specificity
        ("duplicate", "t.lex:6", "t.lex:8", ""),  # (an extra word "up" and a bare "up" differ)
        ("duplicate", "t.lex:11", "t.lex:13", ""),  # identical frames: the later one fails where it would
        ("duplicate", "t.lex:17", "t.lex:18", "kept on purpose"),
        ("shadowed", "t.lex:19", "t.lex:20", ""),  # appeal has a * row: the frame always fires
    ]  # not dead: a more specific earlier line, a frame that needs a complement or has no * row
    # (needcomp, supply), a complement-only noun against a full one, a voice flag


def test_lexicon_lint_bundled_duplicate_is_found_when_restored(tmp_path):
    """The lint sees through the bundled files: a line a user repeats is reported."""
    extra = tmp_path / "mine.lex"
    extra.write_text("verb nab | | 173\n", encoding="utf-8")
    lex = read_lexicon([data_path("lexicon", n) for n in BUNDLED_NAMES] + [extra])
    assert [(f.kind, f.by) for f in lint(lex) if f.origin.startswith("news.lex")] == [("duplicate", "mine.lex:1")]
