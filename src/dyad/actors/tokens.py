"""Names as tokens: the one normalisation the actor knowledge base and the text share.

Names are tokenised the way the parser splits text where it matters (punctuation, possessive
``'s``, hyphens) and looked up by a case-folded, accent-free key (:func:`norm_key`), so one
index (:class:`~dyad.actors.kb.ActorKB`) serves plain strings (:func:`tokenize`) and parsed
sentences (:func:`sentence_tokens`) alike. :func:`word_shape` and :func:`case_ok` keep the case
a name asks of the text ("US" is not "us").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from dyad.records import Sentence

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
DASHES = "-‐‑‒–—―"
_HYPHEN_SPLIT = re.compile(f"[{DASHES}]")
_LEAD = "\"'“”‘’([{<«"
_TRAIL = '"“”)]}>»,;:!?'


@functools.lru_cache(maxsize=1 << 16)
def norm_key(text: str) -> str:
    """Case-folded, accent-free, without full stops: ``"U.S."`` and ``"US"`` both give ``"us"``.
    The Arabic article is one word however it is spelt: ``"el"`` reads as ``"al"``. (A pure
    function of the word, called for every word the resolver sees: memoised.)"""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    key = "".join(c for c in text if not unicodedata.combining(c)).casefold().replace(".", "")
    return "al" if key == "el" else key


@dataclass
class Tok:
    """A word, or a part of a hyphenated word, with the key it is looked up by."""

    key: str
    text: str
    tok: int  # index of the source token (sentence) or of the word (plain text)
    start: int  # character offsets in the source text
    end: int
    pos: str = ""
    punct: bool = False
    hyphen: bool = False  # split from the part before it at a hyphen


def _pieces(word: str, start: int, tok: int, pos: str = "") -> list[Tok]:
    """Split a word at hyphens (spaCy keeps "U.S.-Pakistan" whole but splits "al-Qaeda")."""
    out, offset = [], 0
    for part in _HYPHEN_SPLIT.split(word):
        if part:
            out.append(
                Tok(norm_key(part), part, tok, start + offset, start + offset + len(part), pos, hyphen=offset > 0)
            )
        offset += len(part) + 1
    return out


def tokenize(text: str) -> list[Tok]:
    """Words of a plain string, split the way the parser splits them where it matters:
    punctuation, possessive ``'s``, hyphens."""
    toks: list[Tok] = []
    for n, m in enumerate(re.finditer(r"\S+", text)):
        word, start = m.group(), m.start()
        lead = []
        while word and word[0] in _LEAD:
            lead.append(Tok(word[0], word[0], n, start, start + 1, punct=True))
            word, start = word[1:], start + 1
        trail: list[Tok] = []
        while word and word[-1] in _TRAIL:
            end = start + len(word)
            trail.insert(0, Tok(word[-1], word[-1], n, end - 1, end, punct=True))
            word = word[:-1]
        toks.extend(lead)
        if word:
            flat = word.translate(_APOSTROPHES)
            poss = None
            if len(flat) > 2 and flat.lower().endswith("'s"):
                poss, word = word[-2:], word[:-2]
            elif len(flat) > 2 and flat.endswith("s'"):
                poss, word = word[-1:], word[:-1]
            toks.extend(_pieces(word, start, n))
            if poss:
                end = start + len(word)
                toks.append(Tok(norm_key(poss), poss, n, end, end + len(poss)))
        toks.extend(trail)
    return toks


@functools.lru_cache(maxsize=1 << 16)
def _word_kind(text: str) -> str | tuple[tuple[str, str, int], ...] | None:
    """How :func:`sentence_tokens` reads a token's text: ``None`` for a space or hyphen
    (transparent), ``"punct"``, ``"poss"`` (possessive ``'s``), else the (key, text, offset)
    of its parts at hyphens (as :func:`_pieces` splits them). Memoised: words repeat."""
    if not text.strip() or all(c in DASHES for c in text):
        return None
    key = norm_key(text)
    if not any(c.isalnum() for c in text) and key not in ("'s", "'"):
        return "punct"
    if key in ("'s", "'"):
        return "poss"
    return tuple((p.key, p.text, p.start) for p in _pieces(text, 0, 0))


def sentence_tokens(sentence: Sentence, start: int = 0, end: int | None = None) -> list[Tok]:
    """Sub-tokens of a parsed sentence's tokens ``[start, end)``, with their parts of speech."""
    toks: list[Tok] = []
    dash_end = -1  # end of a hyphen token written tight against the word before it
    for t in sentence.tokens[start:end]:
        text = t.text
        kind = _word_kind(text)
        if kind is None:
            if toks and toks[-1].end == t.start:
                dash_end = t.start + len(text)
            continue  # hyphens between parts of a name are transparent
        glued, dash_end = t.start == dash_end, -1
        if isinstance(kind, tuple):
            pieces = [
                Tok(key, part, t.i, t.start + at, t.start + at + len(part), t.pos, hyphen=at > 0)
                for key, part, at in kind
            ]
            if pieces and glued:
                pieces[0].hyphen = True
            toks.extend(pieces)
        elif kind == "punct":
            toks.append(Tok(text, text, t.i, t.start, t.start + len(text), t.pos, punct=True))
        else:  # "poss"
            toks.append(Tok(norm_key(text), text, t.i, t.start, t.start + len(text), t.pos))
    return toks


def word_shape(word: str) -> str | None:
    """What a name's word asks of the text: ``None`` any case (role nouns, "al"); ``"^"`` a
    capital first letter (names; waived when the whole input is lower case); ``"A"`` a
    capital first letter always (longer acronyms: "NATO" may be "Nato"); or the exact letters
    (acronyms of up to three letters and mixed case: "US" is not "us", "CAR" is no "car", "GIA"
    no "Gia", "LeT" no "Let")."""
    letters = "".join(c for c in word if c.isalpha())
    if not letters or not letters[0].isupper():
        return None
    if (len(letters) <= 3 and letters.isupper()) or (
        any(c.isupper() for c in letters[1:]) and any(c.islower() for c in letters)
    ):
        return letters
    return "A" if letters.isupper() else "^"


def case_ok(shapes: tuple[str | None, ...], window: Sequence[Tok], relax: bool) -> bool:
    for need, tok in zip(shapes, window):
        if need is None:
            continue
        letters = "".join(c for c in tok.text if c.isalpha())
        if not letters:
            return False
        if need == "^":
            if not relax and not letters[0].isupper():
                return False
        elif need == "A":
            if not letters[0].isupper():
                return False
        elif letters != need:
            return False
    return True


def regular_plural(word: str) -> str | None:
    """The plural a lower-case role noun is also matched by ("spokesman" -> "spokesmen");
    ``None`` for a word with a capital, a non-letter or a final "s"."""
    if not word.isalpha() or not word.islower() or word.endswith("s"):
        return None
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ch", "sh", "x", "z")):
        return word + "es"
    return word + "s"


def join_tokens(toks: Sequence[Tok]) -> str:
    """The text of sub-tokens as written, single-spaced where the source had spaces."""
    out = ""
    for k, t in enumerate(toks):
        if k and t.hyphen:
            out += "-"  # dropped between the parts of a word
        elif k and t.start > toks[k - 1].end:
            out += " "
        out += t.text
    return out
