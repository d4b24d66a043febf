"""Scenarios: conditional statements as condition -> consequence records, tracked later.

Analysis spends most of its words on what might happen ("if Pakistan helps get a deal …,
Washington would likely unfreeze its suspended security assistance"). This stage turns such
statements into :class:`~dyad.records.Scenario` records whose conditions and consequences
are event patterns, and :func:`track` tells how later asserted events bear them out.

Reading (cues in ``data/scenarios.toml``; the modal verbs that begin a consequence in
``data/modality.toml``, ``[condition] modals``):

* a condition clause is the subtree of the verb a conditional marker ("if", "unless",
  "once", "as long as", "in the event that", …) attaches to; the rest of the sentence is
  the consequence. "as if", "even if", "what if" and "if" opening an indirect question are
  not conditions;
* "imagine if X, with Y, does Z": Y is the condition and Z the consequence; without such a
  circumstance the whole imagined clause is the condition and a following "even then" /
  "under this scenario" sentence gives the consequence;
* a sentence opening with "Under this scenario", "In that case", "Even then", "This may" …
  adds its events to the scenario of the sentence before;
* inside a condition, a clause opened by "before"/"until"/"without" is a negated pattern
  (the condition is that it has not happened);
* patterns come from the coder's events whose trigger lies in the span; a clause verb with
  actors but no coded event still gives a pattern with its text and actors (``cameo`` None)
  so nothing the author conditioned on is lost. A scenario needs at least one actor in its
  patterns: "if you ask me" gives none.

Tracking: a pattern is matched by a later (dated after the scenario), asserted event of
another article whose source and target have the same country-level code as the pattern's
(None matches any) and whose CAMEO root equals the pattern's. Status, in order of
precedence: ``contradicted`` (a negated pattern's event happened, or an event explicitly
denied a consequence: a later *negated* mention), ``consequence observed``, ``conditions
met`` (every condition with a code matched), ``conditions partly met``, ``open``.
Hypothetical, future and desired mentions move nothing.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dyad.coding.modality import load_cues as modality_cues
from dyad.nlp.tree import DepTree
from dyad.records import Event, EventPattern, Evidence, Scenario, Sentence, sentence_index
from dyad.settings import data_path

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})


@dataclass(frozen=True)
class Cues:
    markers: dict[tuple[str, ...], bool]  # words -> negates
    not_after: frozenset[str]
    not_yet: frozenset[str]
    imagine: frozenset[str]
    circumstance: frozenset[str]
    continuation: tuple[tuple[str, ...], ...]
    hedges: tuple[str, ...]
    inverted: frozenset[str]
    reporting: frozenset[str]
    absence_nouns: frozenset[str]
    absence_code: str


@functools.lru_cache(maxsize=4)
def load_cues(path: str | Path | None = None) -> Cues:
    """The cues of ``scenarios.toml`` (the bundled file by default), checked against
    :class:`dyad.schemas.ScenariosSchema`: a missing or mistyped key is a DataFileError."""
    from dyad.schemas import ScenariosSchema, load_toml  # pydantic loads on first use

    raw = load_toml(path if path is not None else data_path("scenarios.toml"), ScenariosSchema)
    markers = {tuple(m.words.split()): m.negates for m in raw.marker}
    return Cues(
        markers=markers,
        not_after=frozenset(raw.not_after),
        not_yet=frozenset(raw.not_yet),
        imagine=frozenset(raw.imagine),
        circumstance=frozenset(raw.circumstance),
        continuation=tuple(sorted((tuple(c.split()) for c in raw.continuation), key=len, reverse=True)),
        hedges=tuple(raw.hedges),
        inverted=frozenset(raw.inverted),
        reporting=frozenset(raw.reporting),
        absence_nouns=frozenset(raw.absence.nouns),
        absence_code=raw.absence.cameo,
    )


class _Tree(DepTree):
    """The shared tree, with dependants as indices, plus the clause queries scenarios need."""

    def __init__(self, sentence: Sentence):
        super().__init__(sentence)
        self.kid_ids: list[list[int]] = [[k.i for k in ks] for ks in self.kids]
        self.lows: list[str] = [t.text.lower() for t in self.toks]

    def low(self, i: int) -> str:
        return self.lows[i]

    def subtree_set(self, i: int) -> set[int]:
        return set(self.subtree(i))

    def text(self, idx: set[int]) -> str:
        if not idx:
            return ""
        return self.span(min(idx), max(idx) + 1).strip(" ,;:—–-")

    def own_clause(self, verb: int, span: set[int]) -> set[int]:
        """The verb's subtree within ``span`` minus coordinated verbs' and nested clauses' subtrees."""
        out, stack = set(), [verb]
        while stack:
            j = stack.pop()
            out.add(j)
            for k in self.kid_ids[j]:
                if k in span and not (self.toks[k].dep == "conj" and self.toks[k].pos in ("VERB", "AUX")):
                    stack.append(k)
        return out

    def starts_with(self, words: tuple[str, ...], at: int = 0) -> bool:
        return tuple(self.lows[at : at + len(words)]) == words


@dataclass
class _Span:
    """A condition or consequence span of token indices in one sentence."""

    sentence: Sentence
    tokens: set[int]
    negated: bool = False
    heads: tuple[int, ...] = ()
    absence: bool = False  # an imagined circumstance: "with no more troops in X"


def _first_word(tree: _Tree) -> int:
    i = 0
    while (i < len(tree.toks) and tree.toks[i].pos in ("PUNCT", "CCONJ")) or (
        i < len(tree.toks)
        and tree.low(i) in ("furthermore", "moreover", "additionally", "also", "however", "but", "and", "still", "yet")
    ):
        i += 1
    return i


def _markers(tree: _Tree, cues: Cues) -> list[tuple[int, bool]]:
    """(first token, negates) of each condition marker in the sentence, in order."""
    found: list[tuple[int, int, bool]] = []
    toks, lows = tree.toks, tree.lows
    for words, negates in sorted(cues.markers.items(), key=lambda kv: len(kv[0]), reverse=True):
        for i in range(len(toks) - len(words) + 1):
            if words and lows[i] != words[0]:
                continue  # the cheap test first: most tokens begin no marker
            last = i + len(words) - 1
            if not tree.starts_with(words, i) or any(f[0] <= last and i <= f[1] for f in found):
                continue
            prev = next((j for j in range(i - 1, -1, -1) if toks[j].pos != "PUNCT"), None)
            if prev is not None and tree.low(prev) in cues.not_after:
                continue  # "as if", "even if", "what if", "asked if"
            if prev is not None and i - prev == 1 and toks[prev].text == '"':
                continue  # a quoted word: 'a big "if"'
            nxt = last + 1
            if (
                nxt >= len(toks)
                or toks[nxt].text in ('"', "'", ")")
                or (toks[nxt].pos == "PUNCT" and toks[nxt].text not in ("—", "–", ","))
            ):
                continue
            found.append((i, last, negates))
    return [(i, n) for i, _, n in sorted(found)]


def _inverted(tree: _Tree, cues: Cues) -> int | None:
    """ "Should talks fail, …": a sentence-initial inverted modal opening a condition."""
    i = _first_word(tree)
    if i >= len(tree.toks) or tree.low(i) not in cues.inverted or tree.toks[i].pos not in ("AUX", "VERB"):
        return None
    if not any(t.text == "," for t in tree.toks[i + 1 :]) or tree.toks[i].dep == "ROOT":
        return None
    return i


def _segment(tree: _Tree, i: int) -> tuple[int, int]:
    """The stretch of the sentence between semicolons that holds token ``i``."""
    lo, hi = 0, len(tree.toks)
    for t in tree.toks:
        if t.text == ";":
            if t.i < i:
                lo = t.i + 1
            elif t.i > i:
                hi = t.i
                break
    return lo, hi


def _condition_end(tree: _Tree, m: int, hi: int) -> int:
    """Where an initial "If X, Y" condition ends: the first comma (or "then") after which a
    clause with a modal (``[condition] modals`` of ``modality.toml``) or finite verb follows;
    commas inside a dash aside are skipped."""
    modals = modality_cues().cond_modals
    toks = tree.toks
    in_aside = False
    for j in range(m + 1, hi):
        if toks[j].text in ("—", "–"):
            in_aside = not in_aside
            continue
        if in_aside or not (toks[j].text == "," or tree.low(j) == "then"):
            continue
        nxt = next((k for k in range(j + 1, hi) if toks[k].text == ","), hi)
        if any(tree.low(k) in modals or toks[k].tag in ("VBZ", "VBP", "VBD") for k in range(j + 1, nxt)):
            return j
    return hi


def _aside(tree: _Tree, m: int, hi: int) -> set[int]:
    """A dash-delimited aside right after the marker: "if—and that's a big 'if'—Pakistan…"."""
    nxt = m + 1
    if nxt >= hi or tree.toks[nxt].text not in ("—", "–"):
        return set()
    close = next((j for j in range(nxt + 1, hi) if tree.toks[j].text in ("—", "–")), None)
    return set(range(nxt, close + 1)) if close is not None else set()


def _spans(tree: _Tree, m: int, negates: bool, cues: Cues) -> tuple[list[_Span], list[_Span], bool]:
    """Condition and consequence spans around the marker at ``m``; bool: the consequence may
    continue in the next sentence (an imagined clause with no stated outcome).

    Positions decide, not the parse, which long conditional sentences often get wrong: a
    marker with no verb before it in its stretch opens "If X, Y"; otherwise the condition
    runs from the marker to the end of the stretch ("Y if X", "imagine if X").
    """
    lo, hi = _segment(tree, m)
    toks = tree.toks
    lo = _after_reporting(tree, lo, m, cues)  # "Khan said that if India…": the conditional is what he said
    verbs_before = [
        j for j in range(lo, m) if toks[j].pos in ("VERB", "AUX") and toks[j].dep not in ("amod", "compound")
    ]
    if not verbs_before:  # "If X, (then) Y"
        end = _condition_end(tree, m, hi)
        cond = set(range(m, end)) - _aside(tree, m, end)
        cons = set(range(lo, m)) | set(range(end, hi))
        return _split_not_yet(tree, cond, negates, cues), [_with_heads(tree, cons)], False
    cond = set(range(m, hi))
    if any(toks[j].lemma.lower() in cues.imagine for j in verbs_before):  # "imagine if X, with Y, does Z"
        circ: set[int] = set()
        for j in sorted(cond):
            if tree.low(j) in cues.circumstance and toks[j].dep == "prep" and toks[j].head in cond and j not in circ:
                circ |= tree.subtree_set(j) & cond
        if circ:
            rest = cond - circ - {m}
            return ([_Span(tree.sentence, circ, heads=(min(circ),), absence=True)], [_with_heads(tree, rest)], False)
        return _split_not_yet(tree, cond, negates, cues), [], True
    return _split_not_yet(tree, cond, negates, cues), [_with_heads(tree, _governing(tree, m, lo))], False


def _after_reporting(tree: _Tree, lo: int, m: int, cues: Cues) -> int:
    """Where the reported content starts when a speech or belief verb right before the marker
    introduces it ("said (that) if…", "expected further cuts if…"); else ``lo``."""
    toks = tree.toks
    for j in range(m - 1, lo - 1, -1):
        t = toks[j]
        if t.pos in ("VERB", "AUX") and t.dep not in ("aux", "auxpass", "amod", "compound"):
            if t.lemma.lower() in cues.reporting:
                k = j + 1
                while k < m and (tree.low(k) in ("that", ",") or toks[k].pos == "PUNCT"):
                    k += 1
                return k
            return lo
    return lo


def _governing(tree: _Tree, m: int, lo: int) -> set[int]:
    """The clause a final condition ("… could be released if X") attaches to, before the marker."""
    toks = tree.toks
    head = toks[m].head
    gov = toks[head].head if toks[head].dep == "advcl" else None
    before = set(range(lo, m))
    if gov is None or gov not in before:
        return before
    return tree.own_clause(gov, before) | {gov}


def _split_not_yet(tree: _Tree, cond: set[int], negates: bool, cues: Cues) -> list[_Span]:
    """ "if troops leave before the Taliban has agreed": the part after "before" is negated."""
    cut = next(
        (j for j in sorted(cond)[1:] if tree.low(j) in cues.not_yet and tree.toks[j].pos in ("SCONJ", "ADP")), None
    )
    if cut is None:
        return [_with_heads(tree, cond, negated=negates)]
    first = {j for j in cond if j < cut}
    second = {j for j in cond if j >= cut}
    return [_with_heads(tree, first, negated=negates), _with_heads(tree, second, negated=not negates)]


def _with_heads(tree: _Tree, idx: set[int], negated: bool = False) -> _Span:
    heads = tuple(
        j
        for j in sorted(idx)
        if tree.toks[j].pos in ("VERB", "AUX")
        and tree.toks[j].dep != "aux"
        and (tree.toks[j].head not in idx or tree.toks[j].head == j)
    )
    return _Span(tree.sentence, idx, negated=negated, heads=heads)


def _hedge(tree: _Tree, idx: set[int], cues: Cues) -> str | None:
    words: list[str] = []
    for i in sorted(idx):
        w = tree.low(i)
        if w in cues.hedges and tree.toks[i].pos in ("AUX", "VERB", "ADV", "ADJ") and w not in words:
            words.append(w)
    return " ".join(words[:3]) or None


def _events_in(tree: _Tree, events: Sequence[Event], idx: set[int]) -> list[tuple[int, Event]]:
    out = []
    for e in events:
        i = tree.token_at(e.evidence.start)
        if i is not None and i in idx:
            out.append((i, e))
    return out


def _actor(tree: _Tree, toks: Iterable[int], events: Sequence[Event], resolver, date) -> str | None:
    """The actor code of the first of ``toks`` that names one: as the coder resolved that text
    in this sentence, else through the resolver."""
    known = {}
    for e in events:
        for ref in (e.source, e.target):
            if ref is not None and ref.code:
                known[ref.text.lower()] = ref.code
    for k in toks:
        sub = tree.subtree_set(k)
        phrase = tree.text(sub).lower()
        for text, code in known.items():
            if text and (text == phrase or text in phrase.split(",")[0]):
                return code
        if resolver is not None:
            m = resolver.resolve_tokens(tree.sentence, min(sub), max(sub) + 1, date)
            if m.code:
                return m.code
    return None


def _subjects(tree: _Tree, v: int) -> list[int]:
    """The subject of a verb, climbing through xcomp/conj chains ("Pakistan helps get … and addresses")."""
    for _ in range(4):
        subj = [k for k in tree.kid_ids[v] if tree.toks[k].dep in SUBJECT_DEPS]
        if subj or tree.toks[v].dep not in ("xcomp", "conj") or tree.toks[v].head == v:
            return subj
        v = tree.toks[v].head
    return []


def _bare_clause(
    tree: _Tree, v: int, span: _Span, events, resolver, date, absorbed: Sequence[Event] = ()
) -> EventPattern | None:
    """A text-only pattern for a clause the coder found no event in, when it names actors.

    A nominal event that is this verb's object ("addresses Washington's concerns") is part of
    the clause: its source is the clause's target.
    """
    clause = tree.own_clause(v, span.tokens)
    objs = [k for k in tree.kid_ids[v] if tree.toks[k].dep in OBJECT_DEPS]
    objs += [
        p for k in tree.kid_ids[v] if tree.toks[k].dep == "prep" for p in tree.kid_ids[k] if tree.toks[p].dep == "pobj"
    ]
    src = _actor(tree, _subjects(tree, v), events, resolver, date)
    tgt = next((e.source.code for e in absorbed if e.source and e.source.code), None)
    tgt = tgt or _actor(tree, objs, events, resolver, date)
    if src is None and tgt is None:
        return None
    return EventPattern(text=tree.text(clause), source=src, target=tgt, cameo=None, negated=span.negated)


def _clause_verbs(tree: _Tree, span: _Span) -> list[int]:
    """Verbs heading clauses in the span: its heads and every verb coordinated with a verb in it."""
    out = set(span.heads)
    for j in span.tokens:
        t = tree.toks[j]
        if (
            t.dep == "conj"
            and t.pos in ("VERB", "AUX")
            and t.head in span.tokens
            and tree.toks[t.head].pos in ("VERB", "AUX")
        ):
            out.add(j)
    return sorted(out)


def _absence(tree: _Tree, span: _Span, subject: str | None, cues: Cues, events, resolver, date) -> EventPattern | None:
    """ "with no more troops in Afghanistan": the subject's forces gone from a place."""
    toks = tree.toks
    for j in sorted(span.tokens):
        if toks[j].lemma.lower() in cues.absence_nouns and any(
            tree.low(k) in ("no", "without") for k in span.tokens if k < j
        ):
            place = [
                p for k in tree.kid_ids[j] if toks[k].dep == "prep" for p in tree.kid_ids[k] if toks[p].dep == "pobj"
            ]
            target = _actor(tree, place, events, resolver, date)
            return EventPattern(
                text=tree.text(span.tokens), source=subject, target=target, cameo=cues.absence_code, negated=False
            )
    return None


def _patterns(
    span: _Span, events: Sequence[Event], cues: Cues, resolver=None, date: str | None = None, subject: str | None = None
) -> list[EventPattern]:
    """Event patterns for a span: its coded events, plus text-only patterns for bare clauses."""
    tree = _Tree(span.sentence)
    found = _events_in(tree, events, span.tokens)
    verbs = _clause_verbs(tree, span)
    verb_events = {i for i, _ in found if tree.toks[i].pos in ("VERB", "AUX")}
    absorbed: dict[int, list[Event]] = {}
    kept: list[tuple[int, Event]] = []
    found = [(i, e) for i, e in found if e.cameo_root != "01"]  # "said", "stated": the frame, not the content
    for i, e in found:
        t = tree.toks[i]
        if (
            t.pos in ("NOUN", "PROPN")
            and t.dep == "dobj"
            and t.head in verbs
            and t.head not in verb_events
            and any(tree.toks[k].dep == "poss" for k in tree.kid_ids[i])
        ):
            absorbed.setdefault(t.head, []).append(e)  # "addresses Washington's concerns": someone else's event
        else:
            kept.append((i, e))
    with_event = {i for i, _ in kept}
    out: list[tuple[int, EventPattern]] = []
    covered: set[int] = set()
    for i, e in kept:
        t = tree.toks[i]
        clause = tree.own_clause(i, span.tokens) if t.pos in ("VERB", "AUX") else tree.subtree_set(i) & span.tokens
        covered |= clause
        out.append(
            (
                i,
                EventPattern(
                    text=tree.text(clause) or e.evidence.text,
                    source=e.source.code if e.source else None,
                    target=e.target.code if e.target else None,
                    cameo=e.cameo,
                    negated=span.negated ^ (e.modality == "negated"),
                ),
            )
        )
    if span.absence:
        p = _absence(tree, span, subject, cues, events, resolver, date)
        if p is not None:
            out.append((min(span.tokens), p))
    for v in verbs:
        if v in covered or (tree.subtree_set(v) & with_event and v not in absorbed):
            continue
        p = _bare_clause(tree, v, span, events, resolver, date, absorbed.get(v, ()))
        if p is not None:
            out.append((v, p))
    return [p for _, p in sorted(out, key=lambda x: x[0])]


def _scenario_id(doc_id: str, sentence: Sentence, marker: int) -> str:
    key = f"{doc_id}|{sentence.index}|{marker}"
    return "scn-" + hashlib.sha1(key.encode()).hexdigest()[:12]


def _stated_by(events: Sequence[Event]) -> str:
    for e in events:
        if e.attributed_to:
            return e.attributed_to
    return "author"


def _opening_words(cues: Cues) -> frozenset[str] | None:
    """The words a condition marker, an inverted modal or a continuation begins with: a
    sentence with none of them has no scenario of its own and adds to none (``None`` when
    an empty cue could begin anywhere)."""
    starts = [*cues.markers, *cues.continuation]
    if any(not words for words in starts):
        return None
    return frozenset(words[0] for words in starts) | cues.inverted


@dataclass
class _Draft:
    sentence: Sentence
    marker: int
    conditions: list[_Span]
    consequences: list[_Span]
    sentences: list[Sentence]
    open_for_more: bool
    hedge: str | None


def extract(
    sentences: Sequence[Sentence], events: Sequence[Event], doc_id: str, date: str | None = None, resolver=None
) -> list[Scenario]:
    """Scenarios stated in one article, from its sentences and the events coded from them."""
    cues = load_cues()
    by_sentence: dict[int, list[Event]] = {}
    for e in events:
        if (index := sentence_index(e.sentence_id)) is not None:
            by_sentence.setdefault(index, []).append(e)
    drafts: list[_Draft] = []
    firsts = _opening_words(cues)
    for s in sentences:
        if firsts is not None and not any(t.text.lower() in firsts for t in s.tokens):
            continue  # no marker, inverted modal or continuation can begin here: nothing to read
        tree = _Tree(s)
        marks = _markers(tree, cues)
        inv = _inverted(tree, cues)
        if inv is not None and not marks:
            marks = [(inv, False)]
        if not marks:
            start = _first_word(tree)
            cont = next((c for c in cues.continuation if tree.starts_with(c, start)), None)
            last = drafts[-1] if drafts else None
            if cont and last and last.sentences[-1].index >= s.index - 2 and (last.open_for_more or last.consequences):
                idx = set(range(len(tree.toks))) - set(range(start, start + len(cont)))
                last.consequences.append(_with_heads(tree, idx))
                last.sentences.append(s)
                more_hedge = _hedge(tree, idx, cues)
                if more_hedge and more_hedge != last.hedge:
                    last.hedge = f"{last.hedge}; {more_hedge}" if last.hedge else more_hedge
            continue
        m, negates = marks[0]
        cond_spans, cons_spans, more = _spans(tree, m, negates, cues)
        hedge = _hedge(tree, set().union(*(c.tokens for c in cons_spans)) if cons_spans else set(), cues)
        drafts.append(_Draft(s, m, cond_spans, cons_spans, [s], more, hedge))
    out = []
    for d in drafts:
        evs = [e for x in d.sentences for e in by_sentence.get(x.index, [])]
        tree = _Tree(d.sentence)
        subject = None
        if any(c.absence for c in d.conditions):
            heads = [h for c in d.consequences for h in c.heads]
            subj = [k for h in heads for k in tree.kid_ids[h] if tree.toks[k].dep in SUBJECT_DEPS]
            subject = _actor(tree, subj, evs, resolver, date)
        conds = [
            p
            for c in d.conditions
            for p in _patterns(c, by_sentence.get(c.sentence.index, []), cues, resolver, date, subject)
        ]
        cons = [
            p
            for c in d.consequences
            for p in _patterns(c, by_sentence.get(c.sentence.index, []), cues, resolver, date, subject)
        ]
        if not conds or not any(p.source or p.target for p in conds + cons):
            continue  # "if you ask me": no actor conditioned on or affected
        tok = d.sentence.tokens[d.marker]
        out.append(
            Scenario(
                id=_scenario_id(doc_id, d.sentence, d.marker),
                doc_id=doc_id,
                text=" ".join(x.text for x in d.sentences),
                conditions=tuple(conds),
                consequences=tuple(cons),
                hedge=d.hedge,
                stated_by=_stated_by(evs),
                date=date,
                sentence_ids=tuple(x.sentence_id for x in d.sentences),
                evidence=(Evidence(tok.text, tok.start, tok.start + len(tok.text)),),
            )
        )
    return out
