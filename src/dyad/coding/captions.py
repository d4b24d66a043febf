"""Photo captions in the present tense, which the small parser reads as one long noun phrase.

"Riot police fire tear gas at protesters in Jakarta, May 7" has no verb for spaCy's small
model: *fire* becomes a compound noun inside "Riot police fire tear gas". A caption is
written subject, verb, object in the present tense, and goes on after the object with a
place or a date, so a sentence without any verb whose noun phrase holds, right after a noun,
a word the lexicon knows as a verb (in its base form: the plural present), and continues
after the phrase, is re-read with that word as the verb: the noun before it is its
subject, the head of the phrase its object, and the prepositions after the head attach to
the verb. Nothing else changes (offsets, entities), so evidence still points into the text.
"""

from __future__ import annotations

from dataclasses import replace

from dyad.coding.lexicon import Lexicon
from dyad.records import Sentence, Token

_NOMINAL = frozenset({"NOUN", "PROPN"})
_VERBAL = frozenset({"VERB", "AUX"})


def _np_head(tokens: tuple[Token, ...], i: int) -> int:
    """The head of the compound chain token ``i`` sits in."""
    seen = set()
    while tokens[i].dep == "compound" and tokens[i].head != i and i not in seen:
        seen.add(i)
        i = tokens[i].head
    return i


def _verb_in_phrase(tokens: tuple[Token, ...], lexicon: Lexicon) -> int | None:
    """The compound noun that reads as the caption's verb, or None."""
    for t in tokens[1:]:
        word = t.text.lower()
        if t.pos != "NOUN" or t.dep != "compound" or ("verb", word) not in lexicon.patterns:
            continue
        before = tokens[t.i - 1]
        head = _np_head(tokens, t.i)
        if (
            before.pos in _NOMINAL
            and head > t.i
            and _np_head(tokens, before.i) in (t.i, head)
            and _reads_as_caption(tokens, head)
        ):
            return t.i
    return None


def _reads_as_caption(tokens: tuple[Token, ...], head: int) -> bool:
    """A caption goes on after its object ("… at protesters in Jakarta, May 7"); a headline
    noun phrase ("Army chief visit schedule") stops at its head."""
    return any(t.head == head and t.i > head and t.dep == "prep" for t in tokens) or any(
        t.ent_type == "DATE" for t in tokens[head + 1 :]
    )


def repair_caption(sentence: Sentence, lexicon: Lexicon) -> Sentence:
    """``sentence`` with a caption's verb restored (see the module doc); unchanged otherwise."""
    tokens = sentence.tokens
    if len(tokens) < 3 or any(t.pos in _VERBAL for t in tokens):
        return sentence
    v = _verb_in_phrase(tokens, lexicon)
    if v is None:
        return sentence
    obj, subj = _np_head(tokens, v), v - 1
    old = tokens[obj]
    out = []
    for t in tokens:
        if t.i == v:
            root = old.head == obj
            t = replace(
                t,
                pos="VERB",
                tag="VBP",
                lemma=t.text.lower(),
                dep="ROOT" if root else old.dep,
                head=v if root else old.head,
            )
        elif t.i == obj:
            t = replace(t, dep="dobj", head=v)
        elif t.i == subj:
            t = replace(t, dep="nsubj", head=v)
        elif t.i < subj and t.head in (v, obj) and t.pos in _NOMINAL | {"ADJ"}:
            t = replace(t, head=subj)  # the rest of the subject: "Riot police"
        elif t.head == obj and (t.i < v or (t.i > obj and t.dep in ("prep", "punct", "npadvmod"))):
            t = replace(t, head=v)  # "FILE -" before, "at protesters", "in Jakarta" after
        out.append(t)
    return replace(sentence, tokens=tuple(out))
