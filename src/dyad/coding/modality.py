"""Modality of an event trigger: asserted, negated, hypothetical, future or desired.

Only asserted events count as having happened. :func:`assess` walks up the dependency tree
from the trigger and takes the nearest clause carrying a cue: a negation ("did not", "isn't
about to", "never", "no longer"), a condition or possibility ("if", "would", "could",
"imagine"), a future marker ("will", "plans to", "is expected to", "next week") or a wish of
someone else ("want X to", "urge X to", "call on X to", "demand that"). Relative clauses,
participles, possessed nominals ("Islamabad's arrest of…") and adjuncts such as "after…" or
"despite…" are presupposed: cues above them are ignored, except framing ones ("if",
"imagine"). ``attributed_to`` names the speaker when the claim is reported ("X said…",
"according to X"). Cue words live in ``dyad/data/modality.toml``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from dyad.nlp.tree import NOMINAL, DepTree
from dyad.records import Record, Sentence, Token
from dyad.settings import data_path

_RANK = {"negated": 0, "hypothetical": 1, "desired": 2, "future": 3}
GOVERNED_DEPS = frozenset(
    {"xcomp", "ccomp", "acl", "prep", "dobj", "pcomp", "advcl", "oprd", "attr", "pobj", "compound", "nsubjpass"}
)
PRESUPPOSING_DEPS = frozenset({"relcl", "appos"})


@dataclass(frozen=True)
class Modality(Record):
    """What the context says about a trigger; ``cue`` is the word that decided it."""

    kind: str
    attributed_to: str | None = None
    cue: str | None = None
    future_marked: bool = False  # a future auxiliary/marker in the deciding clause

    @property
    def asserted(self) -> bool:
        return self.kind == "asserted"


@dataclass(frozen=True)
class Cues:
    """Cue word sets, read from ``modality.toml``."""

    aux: dict[str, frozenset[str]]
    negation: frozenset[str]
    neg_governors: frozenset[str]
    neg_preps: frozenset[str]
    hyp_governors: frozenset[str]
    hyp_marks: frozenset[str]
    hyp_adverbs: frozenset[str]
    hyp_modifiers: frozenset[str]
    hyp_prospects: frozenset[str]
    fut_governors: frozenset[str]
    fut_modifiers: frozenset[str]
    fut_times: frozenset[str]
    des_governors: frozenset[str]
    purpose: frozenset[str]
    reporting: frozenset[str]
    pre_preps: frozenset[str]
    pre_marks: frozenset[str]
    # ("no", "longer"): the first word hangs on the second; two words each, which the schema does not check
    neg_phrases: tuple[tuple[str, ...], ...]
    reported_aux: frozenset[str]  # "would" under a reporting verb: the reported "will"
    date_aux: frozenset[str]  # future auxiliaries for dating (dyad.coding.dates)
    cond_marks: frozenset[str]  # subordinators of a condition clause (dyad.coding)
    framing_marks: frozenset[str]  # subordinators that frame a clause as imagined
    framing_verbs: frozenset[str]  # verbs whose complement is imagined, even if presupposed
    cond_modals: frozenset[str]  # modal verbs that begin a consequence clause (dyad.scenarios.find)


@functools.lru_cache(maxsize=4)
def load_cues(path: str | Path | None = None) -> Cues:
    """The cue words of ``modality.toml`` (the bundled file by default), checked against
    :class:`dyad.schemas.ModalitySchema`: a missing or mistyped key is a DataFileError."""
    from dyad.schemas import ModalitySchema, load_toml  # pydantic loads on first use

    d = load_toml(path if path is not None else data_path("modality.toml"), ModalitySchema)
    f = frozenset
    neg, hyp, fut, cond = d.negation, d.hypothetical, d.future, d.condition
    return Cues(
        aux={"future": f(d.aux.future), "hypothetical": f(d.aux.hypothetical), "desired": f(d.aux.desired)},
        negation=f(neg.words),
        neg_governors=f(neg.governors),
        neg_preps=f(neg.prepositions),
        hyp_governors=f(hyp.governors),
        hyp_marks=f(hyp.marks),
        hyp_adverbs=f(hyp.adverbs),
        hyp_modifiers=f(hyp.modifiers),
        hyp_prospects=f(hyp.prospects),
        fut_governors=f(fut.governors),
        fut_modifiers=f(fut.modifiers),
        fut_times=f(fut.times),
        des_governors=f(d.desired.governors),
        purpose=f(d.desired.purpose),
        reporting=f(d.reporting.verbs),
        pre_preps=f(d.presupposed.prepositions),
        pre_marks=f(d.presupposed.marks),
        neg_phrases=tuple(tuple(p.split()) for p in neg.phrases),
        reported_aux=f(fut.reported_aux),
        date_aux=f(fut.date_aux),
        cond_marks=f(cond.marks),
        framing_marks=f(cond.framing),
        framing_verbs=f(cond.framing_verbs),
        cond_modals=f(cond.modals),
    )


def _low(t: Token) -> str:
    return t.text.lower()


def _lem(t: Token) -> str:
    return t.lemma.lower()


class _Tree(DepTree):
    """The shared tree plus the phrase text modality reports."""

    def span_text(self, sentence: Sentence, t: Token) -> str:
        """Text of ``t``'s phrase without clauses, appositions and punctuation at the edges."""
        keep = [t.i]
        stack = [k for k in self.kids[t.i] if k.dep not in ("relcl", "appos", "acl", "punct", "cc", "conj", "advcl")]
        while stack:
            k = stack.pop()
            keep.append(k.i)
            stack.extend(self.kids[k.i])
        lo, hi = min(keep), max(keep)
        start = self.toks[lo].start
        end = self.toks[hi].start + len(self.toks[hi].text)
        return sentence.text[start:end]


def is_negation(dep: str, low: str, cues: Cues | None = None, nominal: bool = False) -> bool:
    """A dependant that negates its head: the parser's ``neg``, or a negation word of
    ``modality.toml`` as an adverb ("never"), or as a noun's determiner ("no talks")."""
    words = (cues or load_cues()).negation
    return (
        dep == "neg"
        or (dep == "advmod" and low in words and low != "no")
        or (nominal and dep == "det" and low in words)
    )


def _own_cues(tree: _Tree, t: Token, cues: Cues, nominal: bool) -> tuple[str, str, bool] | None:
    """(kind, cue word, future_marked) from the words attached to ``t`` itself."""
    kids = list(tree.kids[t.i])
    head = tree.head(t)
    if t.dep in ("acomp", "attr", "xcomp") and head is not None and _lem(head) == "be":
        kids += [k for k in tree.kids[head.i] if k.i != t.i]
    neg = hyp = des = fut = None
    for k in kids:
        low, lem = _low(k), _lem(k)
        if is_negation(k.dep, low, cues, nominal):
            neg = neg or low
        elif phrase := _neg_phrase(tree, k, cues):
            neg = neg or phrase
        elif k.dep in ("aux", "auxpass"):
            if low in cues.aux["future"] or lem in cues.aux["future"]:
                fut = fut or low
            elif low in cues.aux["hypothetical"] or lem in cues.aux["hypothetical"]:
                hyp = hyp or low
            elif low in cues.aux["desired"] or lem in cues.aux["desired"]:
                des = des or low
        elif (
            (k.dep == "mark" and low in cues.hyp_marks)
            or (k.dep == "advmod" and low in cues.hyp_adverbs)
            or (nominal and k.dep in ("amod", "compound") and lem in cues.hyp_modifiers)
        ):
            hyp = hyp or low
        elif (nominal and k.dep in ("amod", "compound") and lem in cues.fut_modifiers) or (
            k.dep in ("npadvmod", "advmod", "prep", "tmod") and _future_time(tree, k, cues)
        ):
            fut = fut or low
        elif k.dep in ("mark", "prep", "advmod") and lem in cues.purpose and _purpose(tree, k):
            des = des or "in order to"
    if t.dep == "pcomp" and head is not None and _low(head) in cues.neg_preps:
        neg = neg or _low(head)
    if hyp in cues.reported_aux and head is not None and t.dep == "ccomp" and _lem(head) in cues.reporting:
        fut, hyp = fut or hyp, None  # "X said it would…" is the reported "will"
    future_marked = fut is not None or (neg is not None and hyp in cues.reported_aux)
    if neg:
        return "negated", neg, future_marked
    if hyp:
        return "hypothetical", hyp, future_marked
    if des:
        return "desired", des, future_marked
    if fut:
        return "future", fut, True
    return None


def _neg_phrase(tree: _Tree, k: Token, cues: Cues) -> str | None:
    """ "no longer": ``k`` is a negation phrase's last word and its first hangs on it."""
    low = _low(k)
    for first, last in cues.neg_phrases:
        if low == last and any(_low(g) == first for g in tree.kids[k.i]):
            return f"{first} {last}"
    return None


def _future_time(tree: _Tree, k: Token, cues: Cues) -> bool:
    stack, depth = [(k, 0)], 0
    while stack:
        tok, depth = stack.pop()
        if _low(tok) in cues.fut_times:
            return True
        if depth < 2:
            stack.extend((g, depth + 1) for g in tree.kids[tok.i])
    return False


def _purpose(tree: _Tree, k: Token) -> bool:
    """ "in order to" / "so as to" / "so that"."""
    low = _low(k)
    if low == "order":
        return True
    kids = {_low(g) for g in tree.kids[k.i]}
    return (low == "so" and bool(kids & {"as", "that"})) or (low == "in" and "order" in kids)


def _governor_cue(gov: Token, below: Token, cues: Cues) -> tuple[str, str] | None:
    if below.dep not in GOVERNED_DEPS:
        return None
    lem, low = _lem(gov), _low(gov)
    for kind, words in (
        ("negated", cues.neg_governors),
        ("hypothetical", cues.hyp_governors),
        ("desired", cues.des_governors),
        ("future", cues.fut_governors),
    ):
        if lem in words or low in words:
            return kind, low
    return None


def _prospect_cue(tree: _Tree, gov: Token, below: Token, cues: Cues) -> tuple[str, str] | None:
    """ "faces risks in targeting militants": a phrase on a verb whose object is a
    risk/prospect noun is only in prospect."""
    if below.dep != "prep" or gov.pos not in ("VERB", "AUX"):
        return None
    for k in tree.kids[gov.i]:
        if k.dep == "dobj" and _lem(k) in cues.hyp_prospects:
            return "hypothetical", _low(k)
    return None


def _purpose_clause(tree: _Tree, t: Token) -> bool:
    """An adverbial ``to``-infinitive without a subordinator: the purpose of its head."""
    kids = tree.kids[t.i]
    return any(k.dep == "aux" and _low(k) == "to" for k in kids) and not any(k.dep == "mark" for k in kids)


def _presupposed_edge(tree: _Tree, child: Token, parent: Token, cues: Cues) -> bool:
    """True when ``child`` is taken as given whatever its governor says."""
    if child.dep in PRESUPPOSING_DEPS:
        return True
    if child.dep == "acl" and not any(k.dep == "aux" and _low(k) == "to" for k in tree.kids[child.i]):
        return True  # participle: "restrictions imposed on…", "militants arrested by…"
    if child.pos in NOMINAL and any(k.dep == "poss" for k in tree.kids[child.i]):
        return True
    if child.dep in ("pobj", "pcomp") and _lem(parent) in cues.pre_preps:
        return True
    return bool(child.dep == "advcl" and any(k.dep == "mark" and _low(k) in cues.pre_marks for k in tree.kids[child.i]))


def _framing(tree: _Tree, t: Token, cues: Cues) -> tuple[str, str] | None:
    """Above a presupposed edge only world-creating frames count: "if…", "imagine…"."""
    below, node = t, tree.head(t)
    while node is not None:
        mark = _framing_mark(tree, below, cues)
        if mark:
            return "hypothetical", mark
        if below.dep in ("ccomp", "xcomp") and _lem(node) in cues.framing_verbs:
            return "hypothetical", _low(node)
        below, node = node, tree.head(node)
    mark = _framing_mark(tree, below, cues)
    return ("hypothetical", mark) if mark else None


def _framing_mark(tree: _Tree, t: Token, cues: Cues) -> str | None:
    """The subordinator on ``t`` that frames its clause as imagined ("if", "whether")."""
    for k in tree.kids[t.i]:
        if k.dep == "mark" and _low(k) in cues.framing_marks:
            return _low(k)
    return None


def _attribution(tree: _Tree, sentence: Sentence, t: Token, cues: Cues) -> str | None:
    below, node = t, tree.head(t)
    while node is not None:
        if _lem(node) in cues.reporting and below.dep in ("ccomp", "parataxis", "xcomp"):
            subj = next((k for k in tree.kids[node.i] if k.dep in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return tree.span_text(sentence, subj)
        below, node = node, tree.head(node)
    for tok in tree.toks:
        if _lem(tok) == "accord" and tok.dep == "prep":
            to = next((k for k in tree.kids[tok.i] if _low(k) == "to"), None)
            obj = next((k for k in tree.kids[to.i] if k.dep == "pobj"), None) if to else None
            if obj is not None:
                return tree.span_text(sentence, obj)
    return None


class SentenceModality:
    """Assesses many triggers of one sentence, building its tree once."""

    def __init__(self, sentence: Sentence, cues: Cues | None = None):
        self.sentence = sentence
        self.cues = cues or load_cues()
        self.tree = _Tree(sentence)

    def __call__(self, trigger: int) -> Modality:
        tree, cues = self.tree, self.cues
        t = self.sentence.tokens[trigger]
        attributed = _attribution(tree, self.sentence, t, cues)
        found = _own_cues(tree, t, cues, t.pos in NOMINAL)
        below, node = t, tree.head(t)
        skip_copula = None
        while found is None and node is not None:
            if _presupposed_edge(tree, below, node, cues):
                framed = _framing(tree, below, cues)
                if framed:
                    found = (framed[0], framed[1], False)
                break
            if node is skip_copula:
                below, node = node, tree.head(node)
                continue
            own = _own_cues(tree, node, cues, node.pos in NOMINAL)
            gov = _governor_cue(node, below, cues) or _prospect_cue(tree, node, below, cues)
            candidates = [c for c in (own, (gov[0], gov[1], False) if gov else None) if c]
            if candidates:
                best = min(candidates, key=lambda c: _RANK[c[0]])
                found = (best[0], best[1], any(c[2] for c in candidates))
                break
            if node.dep in ("acomp", "attr"):
                skip_copula = tree.head(node)  # its words were read with ``node``
            below, node = node, tree.head(node)
        if found is None:
            return Modality("asserted", attributed)
        return Modality(found[0], attributed, found[1], found[2])

    def background(self, trigger: int, events: frozenset[int] = frozenset()) -> bool:
        """True when the trigger sits in a clause that only describes, situates or explains
        something else: a relative clause or apposition ("guerrillas who overran it"), a past
        participle ("weapons seized last year"), an adjunct taken as given ("after the
        fighting", "as police cracked down"), a purpose ("went on strike to demand …").
        Such events are not what the sentence reports. A relative clause on an event noun
        (one of ``events``, the sentence's triggers) spells that event out instead: "the
        crackdowns, which have included the arrests of dozens of militants"."""
        tree, cues = self.tree, self.cues
        below, node = self.sentence.tokens[trigger], tree.head(self.sentence.tokens[trigger])
        while node is not None:
            if below.dep in PRESUPPOSING_DEPS and not (below.dep == "relcl" and node.i in events):
                return True
            if (
                below.dep == "acl"
                and below.tag == "VBN"
                and below.i > 0
                and self.sentence.tokens[below.i - 1].text != ","
            ):
                return True  # restrictive only: "Saeed, arrested by police, was…" is news
            if below.dep in ("pobj", "pcomp") and _lem(node) in cues.pre_preps:
                return True
            if below.dep == "advcl" and any(k.dep == "mark" and _low(k) in cues.pre_marks for k in tree.kids[below.i]):
                return True
            if below.dep == "advcl" and _purpose_clause(tree, below):
                return True  # "staged a strike to demand reforms", "fired to disperse them"
            below, node = node, tree.head(node)
        return False


def assess(sentence: Sentence, trigger: int, cues: Cues | None = None) -> Modality:
    """Modality of the event whose trigger is token ``trigger`` of ``sentence``."""
    return SentenceModality(sentence, cues)(trigger)
