"""Repeated paragraphs and sentences (pull quotes, syndication furniture) kept once, in time\nlinear in the text: paragraphs are compared through an index of their rarest word pairs."""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs ftfy's plans name)

from dyad.records import Repeat

if TYPE_CHECKING:
    pass
import itertools

from dyad.text.limits import never
from dyad.text.mapped import Mapped
from dyad.text.rules import CleanRules

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")


_SENTENCE_END = re.compile(r"(?<![.!?\u2026])[.!?\u2026]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])")


_INITIALISM = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")


_SPACE_RUN = re.compile(r"\s*")


def _words(text: str) -> list[str]:
    """Words compared for repeats: case, quotes, spacing and punctuation ignored."""
    return _WORD.findall(text.lower())


def _pairs(words: list[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(words))


def _word_before(text: str, start: int, end: int) -> str:
    """The last word (run of non-space characters) of ``text[start:end]``, or "".

    Reads back from ``end`` only as far as that word, never the whole sentence so far."""
    width = 64
    while True:
        low = max(start, end - width)
        piece = text[low:end]
        words = piece.split()
        if low == start:
            return words[-1] if words else ""
        # whole when a space comes before it within the piece
        if len(words) >= 2 or (words and piece[0].isspace()):
            return words[-1]
        width *= 4


def _sentence_spans(text: str, rules: CleanRules) -> list[tuple[int, int]]:
    """Start and end of each sentence of a paragraph (a light, rule-based split)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if text[m.start()] == ".":
            before = _word_before(text, start, m.start())
            if before.lower() in rules.abbreviations or _INITIALISM.fullmatch(before):
                continue
        spans.append((start, m.end()))
        start = _SPACE_RUN.match(text, m.end()).end()  # type: ignore[union-attr]
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@dataclass(frozen=True)
class _Para:
    """A paragraph with the words and word pairs it is compared by."""

    text: Mapped
    words: tuple[str, ...]
    pairs: frozenset[tuple[str, str]]

    @classmethod
    def of(cls, text: Mapped) -> _Para:
        words = _words(text.text)
        return cls(text, tuple(words), frozenset(_pairs(words)))


def _copy_of(a: _Para, b: _Para, rules: CleanRules) -> bool:
    """Whether ``a`` reads the same as ``b`` or as a (garbled, shorter) piece of it."""
    if a.words == b.words:
        return len(a.words) >= rules.min_words_exact
    if len(a.words) < rules.min_words_near or len(a.words) > len(b.words) or not a.pairs:
        return False
    return len(a.pairs & b.pairs) / len(a.pairs) >= rules.near_containment


def _kept_start(copy: _Para, kept: _Para, rules: CleanRules) -> int:
    """Raw start of the sentence of ``kept`` that ``copy`` begins with."""
    spans = _sentence_spans(copy.text.text, rules)
    first = _pairs(_words(copy.text.text[slice(*spans[0])])) if spans else set()
    best, start = 0, kept.text.start
    for s, e in _sentence_spans(kept.text.text, rules):
        shared = len(first & _pairs(_words(kept.text.text[s:e])))
        if shared > best:
            best, start = shared, kept.text.offsets[s]
    return start


def _repeat(text: Mapped, first_raw_start: int) -> Repeat:
    return Repeat(text.text, text.start, text.end, first_raw_start)


def _least_shared(n: int, share: float) -> int | None:
    """The fewest of ``n`` word pairs that make ``shared / n >= share`` (as :func:`_copy_of`
    computes it); None when no number does."""
    for k in range(max(0, int(share * n) - 1), n + 1):
        if k / n >= share:
            return k
    return None


class _CopyIndex:
    """Which paragraphs could be what :func:`_copy_of` looks for, without trying every pair.

    Of ``a``'s ``n`` word pairs a near copy's source shares at least ``k``; it then shares
    one of any ``n - k + 1`` of them, and the rarest are taken (prefix filtering). The same
    words, the other way to be a copy, are looked up whole."""

    def __init__(self, paras: list[_Para], rules: CleanRules):
        self.paras = paras
        self.rules = rules
        self.postings: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
        self.same: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
        for j, p in enumerate(paras):
            self.same[p.words].append(j)
            for pair in p.pairs:
                self.postings[pair].append(j)

    def candidates(self, i: int) -> Iterator[int]:
        """Every ``j != i`` for which ``_copy_of(paras[i], paras[j])`` may hold, increasing."""
        a, rules = self.paras[i], self.rules
        lists: list[Sequence[int]] = [self.same[a.words]]
        n = len(a.pairs)
        if len(a.words) >= rules.min_words_near and n:
            k = _least_shared(n, rules.near_containment)
            if k == 0:
                lists.append(range(len(self.paras)))
            elif k is not None:
                rare = sorted(a.pairs, key=lambda pair: (len(self.postings[pair]), pair))
                lists += [self.postings[pair] for pair in rare[: n - k + 1]]
        last = -1
        for j in heapq.merge(*lists):
            if j != last and j != i:
                yield j
            last = j


def _drop_repeated_paragraphs(
    paras: list[_Para], rules: CleanRules, check: Callable[[], None] = never
) -> tuple[list[_Para], list[Repeat]]:
    """Keep each paragraph once: of two alike, the fuller; of two the same, the first.

    ``Repeat.first_raw_start`` is where the kept copy starts, which may come later than the
    dropped one when a garbled pull quote precedes the paragraph it was taken from."""
    dropped: dict[int, int] = {}
    index = _CopyIndex(paras, rules)
    for i, a in enumerate(paras):
        check()
        for j in index.candidates(i):
            b = paras[j]
            if j in dropped or not _copy_of(a, b, rules):
                continue
            if j > i and _copy_of(b, a, rules):
                continue
            dropped[i] = j
            break
    for i in dropped:  # follow each to the copy kept, remembering the way
        way = [i]
        while dropped[way[-1]] in dropped:
            way.append(dropped[way[-1]])
        for d in way:
            dropped[d] = dropped[way[-1]]
    repeats = [_repeat(paras[i].text, _kept_start(paras[i], paras[j], rules)) for i, j in dropped.items()]
    return [p for i, p in enumerate(paras) if i not in dropped], repeats


def _drop_repeated_sentences(
    paras: list[Mapped], rules: CleanRules, check: Callable[[], None] = never
) -> tuple[list[Mapped], list[Repeat]]:
    """Drop sentences already read in an earlier paragraph, keeping the first."""
    seen: dict[tuple[str, ...], int] = {}
    kept_paras: list[Mapped] = []
    repeats: list[Repeat] = []
    for para in paras:
        check()
        kept: list[tuple[int, int]] = []
        spans = _sentence_spans(para.text, rules)
        for s, e in spans:
            key = tuple(_words(para.text[s:e]))
            if len(key) >= rules.min_words_sentence and key in seen:
                repeats.append(_repeat(para[s:e], seen[key]))
                continue
            seen.setdefault(key, para.offsets[s])
            kept.append((s, e))
        if kept:
            kept_paras.append(_keep_spans(para, kept) if len(kept) < len(spans) else para)
    return kept_paras, repeats


def _keep_spans(para: Mapped, spans: list[tuple[int, int]]) -> Mapped:
    """The given sentences of a paragraph, each followed by the space that followed it."""
    pieces = [para[spans[0][0] : spans[0][1]]]
    for (_, prev_end), (s, e) in itertools.pairwise(spans):
        pieces += [para[prev_end : prev_end + 1], para[s:e]]
    return Mapped.concat(pieces)


def drop_repeats(
    paras: list[Mapped],
    rules: CleanRules,
    removed: Counter[str],
    check: Callable[[], None] = never,
) -> tuple[list[Mapped], list[Repeat]]:
    """Drop repeated paragraphs (pull quotes), then repeated sentences."""
    kept, repeats = _drop_repeated_paragraphs([_Para.of(p) for p in paras], rules, check)
    check()
    texts, more = _drop_repeated_sentences([p.text for p in kept], rules, check)
    repeats = sorted(repeats + more, key=lambda r: r.raw_start)
    removed["repeat"] += len(repeats)
    return texts, repeats
