"""The CAMEO table and the CAMEO -> PLOVER crosswalk."""

from __future__ import annotations

import pytest

from dyad.ontology import cameo, cameo_table, is_code, parent, pentaclass, plover_for, root_of
from dyad.records import Plover


def test_ontology_table_has_every_codebook_code():
    table = cameo_table()
    assert len(table) == 312
    roots = {c.root for c in table.values()}
    assert roots == {f"{i:02d}" for i in range(1, 21)}


@pytest.mark.parametrize(
    "code,root,name,goldstein,quad",
    [
        ("042", "04", "Make a visit", 1.9, 1),
        ("0231", "02", "Appeal for economic aid", 3.4, 1),
        ("173", "17", "Arrest, detain, or charge with legal action", -5.0, 4),
        ("1711", "17", "Confiscate property", -9.2, 4),
        ("16", "16", "REDUCE RELATIONS", -4.0, 4),
        ("195", "19", "Employ aerial weapons", -10.0, 4),
    ],
)
def test_ontology_cameo_entry(code, root, name, goldstein, quad):
    entry = cameo(code)
    assert (entry.root, entry.name, entry.goldstein, entry.quad_class) == (root, name, goldstein, quad)
    assert entry.as_dict()["code"] == code


def test_ontology_gdelt_goldstein_kept_apart():
    # the codebook and GDELT disagree on a few codes; both are carried
    entry = cameo("016")
    assert entry.goldstein == -5.0 and entry.goldstein_gdelt == -2.0


def test_ontology_unknown_code_raises():
    with pytest.raises(KeyError):
        cameo("999")
    assert not is_code("999") and is_code("0841")


@pytest.mark.parametrize(
    "code,event,mode,context",
    [
        ("042", "CONSULT", "visit", None),
        ("173", "COERCE", "arrest", "legal"),
        ("163", "COERCE", "restrict", "diplomatic"),
        ("0332", "AGREE", None, "military"),
        ("1124", "ACCUSE", "allege", "military;legal"),
        ("0841", "RETREAT", "release", "legal"),
        ("195", "ASSAULT", "heavy-weapons", "military"),
    ],
)
def test_ontology_plover_crosswalk(code, event, mode, context):
    assert plover_for(code) == Plover(event, mode, context)


def test_ontology_plover_for_appeals_and_statements():
    # 02 appeals take the 10 demand's PLOVER row; 01 statements have no PLOVER event
    assert plover_for("0231") == plover_for("1031")
    assert plover_for("0231").event == "REQUEST"
    assert plover_for("010") == Plover(None, None, None)


def test_ontology_plover_falls_back_to_parent():
    assert plover_for("1214").event == "REJECT"  # in the crosswalk, not in the codebook
    assert plover_for("0811").event == plover_for("081").event


@pytest.mark.parametrize("code,expected", [("0231", "023"), ("023", "02"), ("02", None)])
def test_ontology_parent(code, expected):
    assert parent(code) == expected
    assert root_of(code) == code[:2]


@pytest.mark.parametrize(
    "root,label", [("01", "01-02"), ("02", "01-02"), ("05", "03-05"), ("08", "06-08"), ("13", "09-13"), ("20", "14-20")]
)
def test_ontology_pentaclass(root, label):
    assert pentaclass(root) == label
