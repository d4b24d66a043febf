"""Assembling events: the confidence score's depth penalty, pinned against its formula."""

from __future__ import annotations

import pytest

from dyad.coding.actors import Role
from dyad.coding.assemble import _confidence
from dyad.coding.lexicon import Pattern
from dyad.coding.triggers import Match
from dyad.records import ActorMatch

PLAIN = Pattern(kind="verb", head="arrest", extras=(), code="173")  # specificity 0


def role(code: str | None) -> Role:
    return Role(token=0, actor=ActorMatch(text="x", code=code, country=None, start=0, end=1, why=""))


@pytest.mark.parametrize("depth, penalty", [(0, 0.0), (1, 0.04), (2, 0.08), (3, 0.12), (4, 0.12), (9, 0.12)])
@pytest.mark.parametrize(
    "source, target, base",
    [
        (None, None, 0.35),  # an unspecific pattern, no actor resolved
        ("PAKCOP", None, 0.55),  # + 0.2 for a resolved source
        ("PAKCOP", "PAK", 0.70),  # + 0.15 for a resolved target
    ],
)
def test_assemble_confidence_loses_four_hundredths_a_clause_up_to_three(depth, penalty, source, target, base):
    """``0.35 + 0.2·spec (+0.2 source, +0.15 target) − 0.04·min(depth, 3)``: a main-clause
    event is the surest reading, each clause above the trigger costs 0.04, at most 0.12."""
    m = Match(token=0, pattern=PLAIN, depth=depth)
    s = role(source) if source else None
    g = role(target) if target else None
    assert _confidence(m, s, g, composed=False) == pytest.approx(round(base - penalty, 3), abs=1e-9)


def test_assemble_confidence_depth_penalty_adds_to_the_composed_one():
    """A composed, unspecific, unresolved event three clauses down: 0.35 - 0.1 - 0.12 = 0.13."""
    m = Match(token=0, pattern=PLAIN, depth=3)
    assert _confidence(m, None, None, composed=True) == pytest.approx(0.13, abs=1e-9)
