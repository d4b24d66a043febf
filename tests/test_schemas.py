"""Data files are checked on load (dyad.schemas): a wrong type, an unknown key or a missing
key in an actor file, clean_rules.toml, modality.toml or scenarios.toml is a DataFileError
naming the file, the line and the field, never a silent coercion or a bare KeyError."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyad.actors.resolver import load_kb, read_entries
from dyad.coding import modality
from dyad.errors import DataFileError
from dyad.scenarios import find as scenarios
from dyad.settings import data_path
from dyad.text.clean import load_rules

GOOD_ROLE = {
    "id": "role:x",
    "kind": "role",
    "names": ["xer"],
    "codes": [{"code": "GOV", "valid_from": None, "valid_to": None}],
}
GOOD_COUNTRY = {
    "id": "country:XLD",
    "kind": "country",
    "names": ["Xland"],
    "adjectives": ["Xish"],
    "codes": [{"code": "XLD", "valid_from": None, "valid_to": None}],
}


def _actor_file(tmp_path: Path, line: str) -> Path:
    path = tmp_path / "actors.jsonl"
    path.write_text("# my actors\n" + json.dumps(GOOD_ROLE) + "\n" + line + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "line,message",
    [
        (
            json.dumps(GOOD_COUNTRY | {"adjectives": "Xish"}),
            "actors.jsonl:3: field 'adjectives' must be a list of strings, not a string ('Xish')",
        ),
        (
            json.dumps(GOOD_ROLE | {"weak": "no"}),
            "actors.jsonl:3: field 'weak' must be true or false, not a string ('no')",
        ),
        (
            json.dumps(GOOD_ROLE | {"plural": 0}),
            "actors.jsonl:3: field 'plural' must be true or false, not the number 0",
        ),
        (json.dumps(GOOD_ROLE | {"colour": "red"}), "actors.jsonl:3: unknown field 'colour'"),
        (json.dumps(GOOD_ROLE | {"names": ["xer"], "nmes": ["xer"]}), "actors.jsonl:3: unknown field 'nmes'"),
        (json.dumps({k: v for k, v in GOOD_ROLE.items() if k != "names"}), "actors.jsonl:3: missing field 'names'"),
        (
            json.dumps(GOOD_ROLE | {"names": ["xer", 3]}),
            "actors.jsonl:3: field 'names[1]' must be a string, not the number 3",
        ),
        (json.dumps(GOOD_ROLE | {"id": 7}), "actors.jsonl:3: field 'id' must be a string, not the number 7"),
        (
            json.dumps(GOOD_COUNTRY | {"country": ["XLD"]}),
            "actors.jsonl:3: field 'country' must be a string or null, not a list",
        ),
        (
            json.dumps(GOOD_ROLE | {"position": "middle"}),
            "actors.jsonl:3: field 'position' must be 'suffix' or 'prefix'",
        ),
        (
            json.dumps(GOOD_ROLE | {"codes": [{"code": "GOV", "valid_from": None, "valid_to": None, "approx": "yes"}]}),
            "actors.jsonl:3: field 'codes[0].approx' must be true or false, not a string ('yes')",
        ),
        (
            json.dumps(GOOD_ROLE | {"codes": [{"code": "GOV", "valid_from": None}]}),
            "actors.jsonl:3: missing field 'codes[0].valid_to'",
        ),
        (json.dumps(GOOD_ROLE | {"codes": {"code": "GOV"}}), "actors.jsonl:3: field 'codes' must be a list of objects"),
        ('{"id": "role:y", "kind": "role",', "actors.jsonl:3: not JSON"),
        ('["role:y"]', "actors.jsonl:3: each line is one JSON object"),
    ],
)
def test_schemas_actor_file_errors_name_file_line_and_field(tmp_path, line, message):
    path = _actor_file(tmp_path, line)
    with pytest.raises(DataFileError) as info:
        read_entries(path)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_schemas_actor_user_file_is_checked_when_the_kb_loads(tmp_path):
    path = _actor_file(tmp_path, json.dumps(GOOD_ROLE | {"abroad": "true"}))
    with pytest.raises(DataFileError, match=r"actors\.jsonl:3: field 'abroad' must be true or false"):
        load_kb((str(path),))


def test_schemas_actor_valid_entry_keeps_its_values(tmp_path):
    row = GOOD_ROLE | {
        "weak": True,
        "title": True,
        "plural": False,
        "abroad": True,
        "position": "prefix",
        "note": "n",
        "codes": [{"code": "GOV", "valid_from": "2001-01-01", "valid_to": None, "title": "t", "approx": True}],
    }
    entry = read_entries(_actor_file(tmp_path, json.dumps(row)))[1]
    assert (entry.weak, entry.title, entry.plural, entry.abroad, entry.position, entry.note) == (
        True,
        True,
        False,
        True,
        "prefix",
        "n",
    )
    assert (entry.codes[0].valid_from, entry.codes[0].title, entry.codes[0].approx) == ("2001-01-01", "t", True)


def _edited(tmp_path: Path, name: str, old: str, new: str) -> tuple[Path, str]:
    """A copy of a bundled TOML file with ``old`` replaced by ``new`` (which must occur once)."""
    text = data_path(name).read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    edited = text.replace(old, new)
    path = tmp_path / name
    path.write_text(edited, encoding="utf-8")
    return path, edited


def _line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


@pytest.mark.parametrize(
    "old,new,at,message",
    [
        (
            "max_body_lines = 4",
            'max_body_lines = "4"',
            "max_body_lines",
            "key 'tweet.max_body_lines' must be an integer, not a string ('4')",
        ),
        (
            "min_words_exact = 3",
            "min_words_exact = true",
            "min_words_exact",
            "key 'repeats.min_words_exact' must be an integer, not the boolean true",
        ),
        (
            "max_fragment = 3",
            "max_fragment = 3\nmax_fragments = 4",
            "max_fragments",
            "unknown key 'word_break.max_fragments'",
        ),
        ("[sentences]", "[sentence]", "[sentence]", "unknown key 'sentence'"),
        (
            'date_formats = ["%B %d, %Y", "%b %d, %Y"]',
            'date_formats = "%B %d, %Y"',
            "date_formats",
            "key 'tweet.date_formats' must be a list of strings, not a string",
        ),
        ("bio_line_max_chars = 200", "", "[trailer]", "missing key 'trailer.bio_line_max_chars'"),
        (
            "url_token_pattern = '",
            "url_token_pattern = '(",
            "url_token_pattern",
            "key 'links.url_token_pattern': not a valid regular expression",
        ),
    ],
)
def test_schemas_clean_rules_refused(tmp_path, old, new, at, message):
    path, text = _edited(tmp_path, "clean_rules.toml", old, new)
    with pytest.raises(DataFileError) as info:
        load_rules(path)
    assert f"clean_rules.toml:{_line_of(text, at)}: {message}" in str(info.value)


def test_schemas_clean_rules_not_toml(tmp_path):
    path, _ = _edited(tmp_path, "clean_rules.toml", "[chars]", "[chars")
    with pytest.raises(DataFileError, match=r"clean_rules\.toml: not TOML .*line 8"):
        load_rules(path)


@pytest.mark.parametrize(
    "name,old,new,at,message",
    [
        ("modality.toml", 'purpose = ["order", "so"]', "", "[desired]", "missing key 'desired.purpose'"),
        (
            "modality.toml",
            'purpose = ["order", "so"]',
            'purpose = "order"',
            "purpose",
            "key 'desired.purpose' must be a list of strings, not a string ('order')",
        ),
        (
            "modality.toml",
            'phrases = ["no longer"]',
            'phrases = ["no longer", 2]',
            "phrases",
            "key 'negation.phrases[1]' must be a string, not the number 2",
        ),
        (
            "modality.toml",
            'phrases = ["no longer"]',
            'phrases = ["no longer", "not at all"]',
            "phrases",
            "key 'negation.phrases[1]': a negation phrase is two words (the second governs the first), not 'not at all'",
        ),
        ("modality.toml", "[reporting]", "[reports]", "[reports]", "unknown key 'reports'"),
        ("scenarios.toml", 'not_yet = ["before", "until", "without"]', "", None, "missing key 'not_yet'"),
        (
            "scenarios.toml",
            'cameo = "0874"',
            "cameo = 874",
            "cameo",
            "key 'absence.cameo' must be a string, not the number 874",
        ),
        (
            "scenarios.toml",
            'words = "unless"\nnegates = true',
            'words = "unless"\nnegates = "yes"',
            "negates",
            "key 'marker[2].negates' must be true or false, not a string ('yes')",
        ),
        ("scenarios.toml", 'words = "once"', 'word = "once"', 'word = "once"', "unknown key 'marker[3].word'"),
    ],
)
def test_schemas_cue_files_refused(tmp_path, name, old, new, at, message):
    load = {"modality.toml": modality.load_cues, "scenarios.toml": scenarios.load_cues}[name]
    path, text = _edited(tmp_path, name, old, new)
    with pytest.raises(DataFileError) as info:
        load(path)
    where = f"{name}:{_line_of(text, at)}" if at else name
    assert f"{where}: {message}" in str(info.value)


def test_schemas_modality_missing_table(tmp_path):
    text = data_path("modality.toml").read_text(encoding="utf-8")
    path = tmp_path / "modality.toml"
    path.write_text(text[: text.index("[aux]")] + text[text.index("[negation]") :], encoding="utf-8")
    with pytest.raises(DataFileError, match=r"modality\.toml: missing key 'aux'"):
        modality.load_cues(path)


def test_schemas_bundled_files_load_through_the_same_path():
    assert modality.load_cues(data_path("modality.toml")) == modality.load_cues()
    assert scenarios.load_cues(data_path("scenarios.toml")) == scenarios.load_cues()
    assert load_rules(data_path("clean_rules.toml")) == load_rules()
