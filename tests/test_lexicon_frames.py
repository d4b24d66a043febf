"""One example sentence per frame of the lexicon (frames.lex), coded end to end.

Each sentence was written for this test; the code pinned is the frame event's, composed from
what the frame word embeds (see the lexicon README, "Frames"). A frame added to the lexicon
without an example here fails ``test_lexicon_frames_all_have_an_example``.
"""

from __future__ import annotations

import pytest

import dyad
from dyad.coding.lexicon import load_lexicon

pytestmark = pytest.mark.slow

DATE = "2020-06-01"

# frame -> (sentence, (code, source, target) of the frame's asserted event)
EXAMPLES = {
    "say": (
        "Indian Foreign Minister Subrahmanyam Jaishankar said on Monday that the border was calm.",
        ("010", "INDGOV", None),
    ),
    "appeal": ("Germany urged Iran to release the detained aid workers.", ("0253", "DEU", "IRN")),
    "demand": ("Kenya demanded that Uganda withdraw its troops from the disputed island.", ("1056", "KEN", "UGA")),
    "intent": ("Japan pledged to provide humanitarian aid to Nepal after the earthquake.", ("0333", "JPN", "NPL")),
    "decide": ("Iran announced its decision to meet the Saudi foreign minister in Baghdad.", ("036", "IRN", "SAUGOV")),
    "accept": ("Armenia accepted the proposal of Russia for a ceasefire.", ("037", "ARM", "RUS")),
    "reject": ("Venezuela refused to release the American prisoners to the United States.", ("1243", "VEN", None)),
    "threaten": ("Russia threatened to impose sanctions on Moldova.", ("1312", "RUS", "MDA")),
    "supply": ("France provided military aid to Chad.", ("072", "FRA", "TCD")),
    "stop": ("Washington halted economic aid to Egypt.", ("1621", "USAGOV", "EGY")),
    "protest": ("Doctors went on strike in Nairobi demanding higher pay.", ("143", "KENCVL", None)),
}


def _frames_in_lexicon() -> set[str]:
    lex = load_lexicon()
    used = {p.frame for group in lex.patterns.values() for p in group if p.frame}
    return used | set(lex.compose) | set(lex.modals.values()) | {frame for *_, frame in lex.recode}


def test_lexicon_frames_all_have_an_example():
    assert set(EXAMPLES) == _frames_in_lexicon()


@pytest.mark.parametrize("frame", sorted(EXAMPLES))
def test_lexicon_frame_example_codes(frame):
    sentence, expected = EXAMPLES[frame]
    events = dyad.code_text(sentence, date=DATE)
    asserted = [
        (e.cameo, e.source.code if e.source else None, e.target.code if e.target else None)
        for e in events
        if e.modality == "asserted"
    ]
    assert expected in asserted, asserted
