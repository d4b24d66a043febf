"""Code stage: parsed sentences -> CAMEO/PLOVER events with actors, modality, date, evidence.

For every token the lexicon (``dyad.lexicon``) knows as a trigger, the best-matching
pattern is chosen (the one whose constraints are most specific). The grammar then finds who
did what to whom on the dependency parse:

- active and passive voice ("X arrested Y", "Y was arrested by X", "Y, arrested by X");
- compound sources and targets, one event per pair; reciprocal verbs ("X and Y met");
- prepositional targets ("met with", "talks with", "pressure on");
- control and complement clauses: the frame event ("urged Pakistan to arrest X" -> appeal
  USA->PAK, coded by what is asked, see ``compose`` in frames.lex) and the embedded event
  (arrest PAK->X, desired);
- nominal events: possessor, actor modifiers, ``by``/``from`` phrases and light verbs give
  the source ("Khan's visit to Washington", "U.S.-Taliban talks", "held talks with");
- relative clauses, participles and appositions; reported speech (a statement is coded as
  010 only when nothing more specific is said), quoted speech, headlines;
- background events (relative clauses, restrictive participles, "after …" adjuncts, purposes)
  are kept only when the sentence asserts nothing else; what a reject/accept verb rejects
  ("rejected an offer from Kabul") is its content and names its target, not a second event.

Modality comes from :mod:`dyad.modality`, dates from :mod:`dyad.dates`, actors from the
resolver (``dyad.actors.Resolver`` unless another is passed). Only events with a resolved
source or target are kept; nominal events need a resolved source.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from . import dates as dates_mod
from .actors_kb import split_code
from .coding.tree import DepTree
from .lexicon import NO_EVENT, Lexicon, Pattern, WordSet, load_lexicon
from .modality import Modality, SentenceModality, is_negation
from .ontology import cameo, plover_for
from .records import ActorMatch, ActorRef, Event, Evidence, Reject, Sentence, Token
from .settings import Settings

log = logging.getLogger(__name__)

NOMINAL = frozenset({"NOUN", "PROPN"})
CONTENT_FRAMES = frozenset({"supply", "stop", "protest"})  # their composed code is the content
SUBJ_DEPS = frozenset({"nsubj", "csubj"})
CORE_LEFT = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case",
                       "predet", "npadvmod", "advmod", "punct"})
EXTENDED_DROP = frozenset({"relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "parataxis"})
LAND_ENTITIES = frozenset({"country", "capital", "seat", "place", "region"})
WEAK_ROLES = frozenset({"role:leader", "role:spokesperson"})
REL_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
COMPLEMENT_PREPS = ("for", "to", "on", "upon", "of", "against", "over", "about")


# ---------------------------------------------------------------------------------------
# the parse as a tree


class _Tree(DepTree):
    """The shared tree plus the lexicon's word queries."""

    def __init__(self, sentence: Sentence, lexicon: Lexicon | None = None):
        super().__init__(sentence)
        self.lexicon = lexicon
        self.low = [t.text.lower() for t in self.toks]
        self.lem = [t.lemma.lower() for t in self.toks]
        self._near: dict[int, set[str]] = {}

    def words(self, i: int) -> set[str]:
        return {self.low[i], self.lem[i]}

    def near(self, i: int) -> set[str]:
        """Words within two steps below token ``i`` (for multi-word items)."""
        got = self._near.get(i)
        if got is None:
            got = set()
            for k in self.kids[i]:
                got |= self.words(k.i)
                for g in self.kids[k.i]:
                    got |= self.words(g.i)
            self._near[i] = got
        return got

    def find_near(self, i: int, word: str) -> int | None:
        for k in self.kids[i]:
            if word in self.words(k.i):
                return k.i
        for k in self.kids[i]:
            for g in self.kids[k.i]:
                if word in self.words(g.i):
                    return g.i
        return None

    def matches(self, i: int, ws: WordSet) -> bool:
        words = self.words(i)
        ent = self.toks[i].ent_type
        if ent and "%" + ent.lower() in ws.heads:  # "%person": any name the parser tagged PERSON
            return True
        if not words & ws.heads:
            return False
        near = None
        for item in ws.items:
            if len(item) == 1:
                if item[0] in words:
                    return True
                continue
            if not words & set(item):
                continue
            near = self.near(i) if near is None else near
            if all(w in words or w in near for w in item):
                return True
        return False

    def conj(self, t: Token) -> list[Token]:
        """``t`` and the tokens conjoined to it ("Gondor, Arnor and Rohan")."""
        out, stack = [t], [t]
        while stack:
            for k in self.kids[stack.pop().i]:
                if k.dep == "conj" and (k.pos in NOMINAL or k.pos == t.pos):
                    out.append(k)
                    stack.append(k)
        return out

    def passive(self, t: Token) -> bool:
        if any(k.dep in ("nsubjpass", "auxpass") for k in self.kids[t.i]):
            return True
        return t.dep == "acl" and t.tag == "VBN"

    def negated(self, t: Token) -> bool:
        kids = list(self.kids[t.i])
        h = self.head(t)
        if t.dep in ("acomp", "attr") and h is not None and self.lem[h.i] == "be":
            kids += self.kids[h.i]
        return any(is_negation(k.dep, self.low[k.i]) for k in kids)



# ---------------------------------------------------------------------------------------
# matches


@dataclass
class _Match:
    token: int
    pattern: Pattern
    consumed: tuple[int, ...] = ()
    words: tuple[int, ...] = ()
    comp: "_Match | None" = None
    comp_token: int | None = None
    code: str = ""
    instrument: int | None = None  # a violent noun event that says how ("killed in an air strike")
    reported: bool = False  # a statement coded as a demand/appeal ("X said Y must …")
    depth: int = 0  # clauses above the trigger
    model_prob: float | None = None  # the trigger model's probability of the match's class
    proposed_by: str = "lexicon"  # lexicon | model | lexicon+model
    confirmed: bool = False  # the model is sure enough of the event to keep it without actors

    @property
    def frame(self) -> str | None:
        return self.pattern.frame

    @property
    def kind(self) -> str:
        return self.pattern.kind


def _slot_tokens(tree: _Tree, t: Token, slot: str) -> list[Token]:
    """Tokens filling ``slot`` of predicate/noun ``t`` (objects, prepositional objects, …)."""
    i = t.i
    if slot == "obj":
        if t.pos in NOMINAL:
            return []
        if tree.passive(t):
            got = tree.children(i, "nsubjpass")
            if not got and t.dep == "acl" and (h := tree.head(t)) is not None:
                got = [h]
            return [x for g in got for x in tree.conj(g)]
        got = tree.children(i, "dobj") or [c for c in tree.children(i, "ccomp") if c.pos in NOMINAL] \
            or _up_to(tree, t)
        return [y for g in got for x in tree.conj(g) for y in _through_quantity(tree, x)]
    if slot == "subj":
        return _subjects(tree, t)
    if slot == "iobj":
        return [x for g in tree.children(i, "dative", "iobj") if g.pos in NOMINAL for x in tree.conj(g)]
    if slot == "mod":
        return tree.children(i, "compound", "amod", "advmod", "npadvmod", "nmod")
    if slot in ("xcomp", "ccomp", "oprd"):
        return tree.children(i, slot)
    if slot == "light":
        h = tree.head(t)
        return [h] if h is not None and t.dep in ("dobj", "nsubjpass") else []
    # a preposition: its objects, on the predicate or on its direct object ("$125 million in
    # support for Pakistan's fleet": on what the object is counted in, too)
    hosts = [t]
    if t.pos not in NOMINAL:
        for d in tree.children(i, "dobj"):
            hosts.append(d)
            hosts += [o for p in tree.kids[d.i] if p.dep == "prep" and tree.lem[p.i] in ("in", "of")
                      for o in tree.kids[p.i] if o.dep == "pobj"]
    out: list[Token] = []
    for host in hosts:
        for p in tree.kids[host.i]:
            if p.dep in ("prep", "agent", "dative") and tree.lem[p.i] == slot:
                for o in tree.kids[p.i]:
                    if o.dep in ("pobj", "pcomp"):
                        out.extend(tree.conj(o))
    return out


def _up_to(tree: _Tree, t: Token) -> list[Token]:
    """"killed up to 30 people": the parser hangs the counted object on "up to"."""
    return [o for u in tree.kids[t.i] if u.dep in ("prt", "advmod") and tree.lem[u.i] == "up"
            for p in tree.kids[u.i] if p.dep == "prep" and tree.lem[p.i] == "to"
            for o in tree.kids[p.i] if o.dep == "pobj" and o.pos in NOMINAL]


QUANTITY = frozenset({"some", "part", "most", "all", "many", "dozens", "dozen", "hundreds",
                      "thousands", "millions", "number", "majority", "half", "rest", "one", "two",
                      "three", "four", "five", "several", "few", "tens", "scores", "group", "batch",
                      "contingent", "bulk", "portion", "share", "percent", "third", "quarter"})


def _through_quantity(tree: _Tree, x: Token) -> list[Token]:
    """"some of its troops", "dozens of activists": the object is what is counted."""
    if tree.lem[x.i] in QUANTITY or x.pos == "NUM":
        for p in tree.kids[x.i]:
            if p.dep == "prep" and tree.lem[p.i] == "of":
                inner = [o for o in tree.kids[p.i] if o.dep == "pobj"]
                if inner:
                    return [x] + [y for o in inner for y in _through_quantity(tree, o)]
    return [x]


def _bare(tree: _Tree, t: Token, word: str) -> list[Token]:
    """Children that are the particle/preposition ``word`` ("crack down on", "stand by");
    a time phrase ("on Wednesday") does not count."""
    hosts = [t] + tree.children(t.i, "dobj")
    return [k for h in hosts for k in tree.kids[h.i]
            if tree.lem[k.i] == word and k.dep in ("prep", "prt", "advmod", "agent", "dative", "mark")
            and not any(o.ent_type in ("DATE", "TIME") for o in tree.kids[k.i] if o.dep == "pobj")]


def _match(tree: _Tree, t: Token, pat: Pattern) -> _Match | None:
    flags = pat.flags
    words = [t.i]
    consumed: list[int] = []
    for w in pat.extras:
        j = tree.find_near(t.i, w)
        if j is None:
            return None
        words.append(j)
        consumed.append(j)
    if flags:
        if "passive" in flags and not tree.passive(t) or "active" in flags and tree.passive(t):
            return None
        if "neg" in flags and not tree.negated(t):
            return None
        if "ccomp" in flags and not tree.children(t.i, "ccomp"):
            return None
        if "xcomp" in flags and not tree.children(t.i, "xcomp"):
            return None
        if "intrans" in flags and tree.children(t.i, "dobj", "ccomp"):
            return None
        if "trans" in flags and not _slot_tokens(tree, t, "obj"):
            return None
    for slot, ws in pat.args:
        if ws is None:
            if not _bare(tree, t, slot) and not [x for x in _slot_tokens(tree, t, slot)
                                                 if x.ent_type not in ("DATE", "TIME")]:
                return None
            continue
        hit = next((x for x in _slot_tokens(tree, t, slot) if tree.matches(x.i, ws)
                    or any(tree.matches(c.i, ws) for c in tree.children(x.i, "compound")
                           if x.pos == "PROPN" or c.pos == "NOUN")), None)
        if hit is None:
            return None
        if slot not in ("subj", "light"):
            consumed.append(hit.i)
            words.append(hit.i)
    return _Match(token=t.i, pattern=pat, consumed=tuple(consumed), words=tuple(words))


def _stems(t: Token, low: str) -> tuple[str, ...]:
    """Base forms to try when the parser's lemma of an inflected verb is off ("staged" ->
    "stag", "gheraoed" -> "gheraoe"): the word less its ending."""
    if t.tag not in ("VBD", "VBN", "VBZ", "VBG"):
        return ()
    for end in ("ed", "es", "s", "ing"):
        if low.endswith(end) and len(low) > len(end) + 2:
            base = low[: -len(end)]
            out = [base]
            if end in ("ed", "ing"):
                out.append(base + "e")  # staged -> stage
                if len(base) > 2 and base[-1] == base[-2]:
                    out.append(base[:-1])  # stopped -> stop
            return tuple(out)
    return ()


def _kinds(t: Token) -> tuple[str, ...]:
    if t.pos == "VERB":
        return ("verb", "adj") if t.tag == "VBN" else ("verb",)
    if t.pos == "ADJ":
        return ("adj",)
    if t.pos in NOMINAL or t.pos == "NUM":  # "$125 million" fills "provide …"
        return ("noun",)
    return ()


# ---------------------------------------------------------------------------------------
# roles


def _antecedent(tree: _Tree, t: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies."""
    if tree.low[t.i] in REL_PRONOUNS:
        v = tree.head(t)
        while v is not None and v.dep not in ("relcl", "acl") and v.head != v.i:
            v = tree.head(v)
        if v is not None and v.dep in ("relcl", "acl") and (h := tree.head(v)) is not None:
            return h
    return t


def _subjects(tree: _Tree, v: Token, depth: int = 0) -> list[Token]:
    """Who does ``v`` (the agent: the ``by`` phrase of a passive)."""
    if depth > 6:
        return []
    passive = tree.passive(v)
    if passive:
        agents = [o for a in tree.children(v.i, "agent") for o in tree.kids[a.i] if o.dep == "pobj"]
        return [x for a in agents for x in tree.conj(_antecedent(tree, a))]
    own = tree.children(v.i, "nsubj", "csubj")
    if not own and v.pos in ("ADJ", "VERB") and v.tag == "VBN":
        own = tree.children(v.i, "nsubjpass")  # "officials haven't been satisfied"
    if own:
        return [x for s in own for x in tree.conj(_antecedent(tree, s))]
    h = tree.head(v)
    if h is None:
        # a headline ("Pakistan arrests Hafiz Saeed") often parses its subject as a modifier
        lead = [k for k in tree.kids[v.i] if k.i < v.i and k.dep in ("amod", "npadvmod", "nmod", "dep",
                                                                        "compound", "advmod")
                and (k.pos == "PROPN" or k.ent_type in ("GPE", "NORP", "ORG", "PERSON"))]
        return lead[:1]
    if v.dep == "conj" or v.dep == "advcl" and not tree.children(v.i, "mark"):
        return _subjects(tree, h, depth + 1)
    if v.dep == "xcomp":
        objs = tree.children(h.i, "dobj")
        if objs and tree.lem[h.i] not in ("promise", "offer", "pledge"):
            return [x for o in objs for x in tree.conj(o)]  # "urged Pakistan to …"
        return _subjects(tree, h, depth + 1)
    if v.dep in ("acomp", "attr"):
        return _subjects(tree, h, depth + 1)
    if v.dep == "relcl":
        return [h]
    if v.dep == "acl":
        if v.tag == "VBG":  # "a declaration demanding …": who issued it, else the noun
            return _noun_sources(tree, h, None) or [h] if h.pos in NOMINAL else [h]
        if any(k.dep == "aux" and tree.low[k.i] == "to" for k in tree.kids[v.i]):
            return _noun_sources(tree, h, None)  # "Washington's decision to provide …"
    if v.dep == "pcomp":
        # "accused X of violating …", "praised X for helping …": the governing verb's object;
        # "faces risks in targeting …", "left without signing …": its subject
        g = tree.head(h)
        if g is not None:
            objs = tree.children(g.i, "dobj") if tree.lem[h.i] in ("of", "for") else []
            return [x for o in objs for x in tree.conj(o)] if objs else _subjects(tree, g, depth + 1)
    return []


def _noun_sources(tree: _Tree, n: Token, pat: Pattern | None, lexicon: Lexicon | None = None,
                  depth: int = 0) -> list[Token]:
    """The doer of a nominal event: possessor, ``by``/``from``, light-verb subject."""
    lexicon = lexicon or tree.lexicon
    roles = pat.source if pat is not None and pat.source else ()
    poss = tree.children(n.i, "poss") or _stray_possessor(tree, n)
    if poss and not all(p.pos == "PRON" for p in poss):
        return [x for p in poss for x in tree.conj(p)]
    for prep in ("by",) + tuple(r for r in roles if r not in ("poss", "by")):
        got = _slot_tokens(tree, n, prep)
        if got:
            return got
    h = tree.head(n)
    if n.dep == "pobj" and h is not None and tree.lem[h.i] == "in":
        g = tree.head(h)  # "engaged in ethnic cleansing", "took part in talks"
        if g is not None and tree.lem[g.i] in ("engage", "participate", "part", "involve", "join"):
            v = tree.head(g) if tree.lem[g.i] == "part" else g
            return _subjects(tree, v) if v is not None else []
    if h is None or lexicon is None or h.pos != "VERB" or n.dep not in ("dobj", "nsubjpass"):
        return poss
    if tree.lem[h.i] in lexicon.light:
        return _subjects(tree, h) or poss
    if tree.lem[h.i] in lexicon.part and depth < 3:
        # "crackdowns, which included the arrests …": the arrests are the crackdowns' doer's
        out: list[Token] = []
        for whole in _subjects(tree, h):
            out.extend(_noun_sources(tree, whole, None, lexicon, depth + 1) if whole.pos in NOMINAL
                       and tree.children(whole.i, "poss") else [whole])
        return out
    return poss


def _stray_possessor(tree: _Tree, n: Token) -> list[Token]:
    """"X's decision" where the parser hung X elsewhere: the word before the noun's
    modifiers is a possessive 's whose owner is a name."""
    j = n.i - 1
    while j >= 0 and tree.toks[j].head == n.i and tree.toks[j].dep in ("amod", "compound", "nummod"):
        j -= 1
    if j >= 1 and tree.toks[j].dep == "case" and tree.low[j] in ("'s", "’s", "'", "’"):
        owner = tree.toks[tree.toks[j].head]
        if owner.pos == "PROPN" and owner.i == j - 1:
            return [owner]
    return []


def _modifier_tokens(tree: _Tree, n: Token, skip: set[int]) -> list[Token]:
    return [k for k in tree.kids[n.i]
            if k.dep in ("compound", "amod", "nmod") and k.i not in skip
            and (k.pos == "PROPN" or k.ent_type in ("GPE", "NORP", "ORG") or "-" in k.text)]


# ---------------------------------------------------------------------------------------
# the coder


@dataclass
class _Sent:
    """Per-sentence state: the tree, matches, actor cache, modality judge."""

    sentence: Sentence
    tree: _Tree
    matches: dict[int, _Match] = field(default_factory=dict)
    comps: dict[int, _Match] = field(default_factory=dict)
    actors: dict[tuple, ActorMatch] = field(default_factory=dict)
    modality: SentenceModality | None = None
    silenced: set[int] = field(default_factory=set)  # words the lexicon says name no event here


@dataclass(frozen=True)
class _Role:
    """One resolved participant: the token it came from and its actor match."""

    token: int
    actor: ActorMatch

    @property
    def code(self) -> str | None:
        return self.actor.code


class Coder:
    """Codes parsed sentences into events.

    ``resolver`` needs the ``dyad.actors.Resolver`` interface (``resolve``,
    ``resolve_tokens``, ``mentions``); ``context_factory(date)`` makes its per-article
    coreference memory (``dyad.actors.ArticleContext`` for the real resolver);
    ``track_mentions`` shows every sentence's actors to that memory.
    Events whose actors did not resolve are kept with the participants' words (an unnamed
    or unknown doer still did it; analytics count dyads only where codes are known); those
    of the classes the trigger models know stand only when the event verifier believes
    them. ``require_actors=False`` also keeps patterns that need a known target ("went to
    Kabul") without one (for sentence classification).
    """

    def __init__(self, settings: Settings | None = None, resolver=None,
                 lexicon: Lexicon | None = None, require_actors: bool = True,
                 context_factory=None, track_mentions: bool = True):
        self.settings = settings or Settings()
        self.lexicon = lexicon or load_lexicon(tuple(self.settings.lexicon_files))
        self._context_factory = None
        if resolver is None:
            from .actors import Resolver  # the actors stage; imported lazily

            resolver = Resolver(settings=self.settings)
        if context_factory is None and type(resolver).__module__ == "dyad.actors":
            from .actors import ArticleContext

            context_factory = ArticleContext
        self._context_factory = context_factory
        self.track_mentions = track_mentions
        self.resolver = resolver
        self.require_actors = require_actors
        self.model = self.verifier = None
        # "candidates": no model, but every trigger of a modelled class is kept without
        # actors (what the verifier is trained on; scripts/train_trigger_model.py)
        self.candidates = self.settings.trigger_model == "candidates"
        if self.settings.trigger_model not in ("off", "candidates"):
            from .coding.model import MODEL_NAME, VERIFIER_NAME, load_model, load_verifier

            where = self.settings.trigger_model
            folder = None if where == "bundled" else where
            self.model = load_model(f"{folder}/{MODEL_NAME}" if folder else None)
            self.verifier = load_verifier(f"{folder}/{VERIFIER_NAME}" if folder else None)
        if self.model is not None or self.verifier is not None or self.candidates:
            from .coding.model import lexicon_roots

            self._lex_roots = lexicon_roots(self.lexicon)

    def new_context(self, date: str | None = None):
        """A fresh coreference memory for one article (``None`` for resolvers without one)."""
        if self._context_factory is not None:
            return self._context_factory(date)
        make = getattr(self.resolver, "new_context", None)
        return make(date) if make else None

    # -- public --------------------------------------------------------------------------

    def code_sentences(self, sentences: Iterable[Sentence], doc_id: str,
                       date: str | None) -> Iterator[Event]:
        """Events of one article's sentences, in order (one coreference context per article)."""
        context = self.new_context(date)
        for sentence in sentences:
            yield from self.code_sentence(sentence, doc_id, date, context)
            if context is not None and self.track_mentions and any(
                    e.label == "PERSON" for e in sentence.entities):
                # let the coreference memory see the people named ("he", "Khan" later on),
                # not only event participants
                try:
                    self.resolver.mentions(sentence, date=date, context=context)
                except Exception:  # a resolver bug must not lose the article
                    log.exception("resolver failed on sentence %s", sentence.sentence_id)

    def code_sentence(self, sentence: Sentence, doc_id: str, date: str | None,
                      context=None) -> list[Event]:
        if not sentence.tokens:
            return []
        st = _Sent(sentence, _Tree(sentence, self.lexicon))
        self._find(st)
        if self.model is not None or self.verifier is not None or self.candidates:
            self._apply_model(st)
        if not st.matches:
            return []
        st.modality = SentenceModality(sentence)
        exprs = dates_mod.expressions(sentence)
        events: list[Event] = []
        statements: set[int] = set()  # positions of plain statements (010 "said")
        background: set[int] = set()  # positions of events in descriptive clauses
        described: set[int] = set()  # ids of those in participles and relative clauses on a noun
        seen: set[tuple] = set()
        for i in sorted(st.matches):
            m = st.matches[i]
            for ev in self._events(st, m, doc_id, date, context, exprs):
                # a coded actor vouches for an event (a nominal one only through its doer)
                coded = bool(ev.source and ev.source.code) or (m.kind != "noun" and _has_code(ev))
                if m.confirmed and self.verifier is not None and not coded:
                    if not self._verify(st, m, ev, False):
                        continue
                    if m.proposed_by == "lexicon":
                        ev = replace(ev, proposed_by="lexicon+model")  # the verifier vouched for it
                elif m.confirmed and not self._verify(st, m, ev, coded and m.proposed_by != "model"):
                    continue
                key = (ev.cameo, ev.source.code if ev.source else None,
                       ev.target.code if ev.target else None, ev.modality)
                if key in seen:
                    continue
                seen.add(key)
                if m.frame == "say" and not m.reported:
                    statements.add(len(events))
                if st.modality.background(m.token, frozenset(st.matches)):
                    background.add(len(events))
                    if st.tree.toks[m.token].dep in ("acl", "relcl"):
                        described.add(id(ev))
                events.append(ev)
        # a statement is coded only when nothing more specific is said: "X praised Y and
        # said …", "X rejected the call, saying …", "X ordered …, a spokesman said"
        # "killed 4 Iraqis in an attack on a village": an event whose doer is unknown is the
        # same event as one of its root in the sentence whose doer is known
        known = {ev.cameo_root for ev in events if ev.source is not None and ev.source.code}
        drop = {n for n, ev in enumerate(events) if ev.cameo_root in known
                and not (ev.source is not None and ev.source.code)}
        if drop:
            keep = [n for n in range(len(events)) if n not in drop]
            statements = {k for k, n in enumerate(keep) if n in statements}
            events, background = _without(events, drop, background)
        # (an event with no known actor is not "more specific": it may be a bare mention)
        if statements and any(n not in statements and _has_code(ev) for n, ev in enumerate(events)):
            events, background = _without(events, statements, background)
        # a background event ("weapons seized last year", "after fighting with guerrillas
        # who overran it") only when the sentence asserts nothing in its own clauses
        if background and any(n not in background and ev.modality == "asserted" and _has_code(ev)
                              for n, ev in enumerate(events)):
            events, background = _without(events, background, set())
        elif background and self._unreal_main_clause(st):
            # a description inside an unreal main clause reports nothing: "Future steps might
            # include easing restrictions imposed on diplomats" (an "after …" adjunct still does)
            events, background = _without(events, {n for n in background if id(events[n]) in described}, set())
        return events

    # -- finding triggers ----------------------------------------------------------------

    def _find(self, st: _Sent) -> None:
        tree, lex = st.tree, self.lexicon
        cands: dict[int, list[_Match]] = {}
        for t in tree.toks:
            kinds = _kinds(t)
            if not kinds:
                continue
            keys = (tree.lem[t.i], tree.low[t.i], *_stems(t, tree.low[t.i]))
            for kind in kinds:
                for pat in lex.lookup(kind, keys):
                    m = _match(tree, t, pat)
                    if m is not None:
                        cands.setdefault(t.i, []).append(m)
        # complement-only nouns first, so frames can find them
        for i, ms in cands.items():
            comp = [m for m in ms if "comp" in m.pattern.flags]
            if comp:
                st.comps[i] = _best(comp)
        best: dict[int, _Match] = {}
        for i in sorted(cands, key=lambda j: -_depth(tree, j)):  # deepest first: complements before frames
            full = [m for m in cands[i] if "comp" not in m.pattern.flags]
            ranked = sorted(full, key=_rank, reverse=True)
            for m in ranked:
                if self._complete(st, m, best):
                    best[i] = m
                    break
        self._instruments(tree, best)
        consumed = {j for m in best.values() for j in m.consumed}
        consumed |= {m.comp_token for m in best.values()
                     if m.comp_token is not None and m.frame in ("supply", "stop")}
        # "rejected a U.S. offer", "accepted Kabul's proposal": the offer is what is rejected,
        # its maker the target, not an event of its own
        for m in best.values():
            if m.frame in ("reject", "accept") and m.kind == "verb":
                if m.comp_token is not None and m.comp is not None and m.comp.kind == "noun":
                    consumed.add(m.comp_token)
                consumed |= {o.i for o in tree.children(m.token, "dobj")  # "Uganda's request for aid"
                             if o.i in best and best[o.i].kind == "noun" and best[o.i].frame}
        consumed |= {m.instrument for m in best.values() if m.instrument is not None}
        # "Washington's decision to provide $125 million": the frame took its complement's
        # code, so the complement is the same deed, not a second (future) event
        consumed |= {m.comp_token for m in best.values()
                     if m.frame not in (None, "say") and m.comp_token in best and m.comp is not None
                     and m.code[:2] == best[m.comp_token].code[:2] and m.comp_token != m.token}
        discarded = self.lexicon.discarded([tree.lem[t.i] for t in tree.toks])
        st.silenced = {i for i, m in best.items() if m.code == NO_EVENT or tree.lem[i] in discarded}
        st.matches = {i: m for i, m in best.items() if i not in consumed and m.code != NO_EVENT
                      and tree.lem[i] not in discarded and not _names_no_event(tree, i, best)}
        for m in st.matches.values():
            m.depth = _clause_depth(tree, m.token)

    def _apply_model(self, st: _Sent) -> None:
        """Triggers of the classes the models know may stand without actors (the verifier
        judges them in :meth:`_verify`), and the trigger model proposes triggers the lexicon
        missed (``dyad.coding.model``)."""
        from .coding.model import class_of

        model, tree = self.model, st.tree
        for m in st.matches.values():
            if class_of(m.code) is not None and (self.verifier is not None or self.candidates):
                m.confirmed = True
        if model is None or model.propose > 1.0:
            return  # proposing is off (the shipped default: see docs/model.md)
        scores = model.score(st.sentence, self._lex_roots)
        for i, m in st.matches.items():
            if class_of(m.code) is not None:
                m.model_prob = scores.prob(i, class_of(m.code) or "NONE")
                if m.model_prob >= model.propose:
                    m.proposed_by = "lexicon+model"
        taken = {j for m in st.matches.values() for j in (m.token, *m.words, *m.consumed)}
        discarded = self.lexicon.discarded([tree.lem[t.i] for t in tree.toks])
        for i in scores.probs:
            if i in taken or i in st.silenced or tree.lem[i] in discarded:
                continue
            label, p = scores.best(i)
            if label == "NONE" or p < model.propose:
                continue
            t = tree.toks[i]
            kind = "noun" if t.pos in NOMINAL else ("adj" if t.pos == "ADJ" else "verb")
            code = model.meta.get("default_codes", {}).get(label)
            if not code:
                continue
            pat = Pattern(kind=kind, head=tree.lem[i], extras=(), code=code, origin="model")
            st.matches[i] = _Match(token=i, pattern=pat, words=(i,), code=code, model_prob=p,
                                   proposed_by="model", depth=_clause_depth(tree, i),
                                   confirmed=True)

    def _verify(self, st: _Sent, m: _Match, ev: Event, coded: bool) -> bool:
        """Keep an event of a modelled class only when the verifier believes it: an event
        with no known actor needs its belief, one with a coded actor only its not disbelief."""
        from .coding.model import class_of, event_features, event_token

        if self.verifier is None or class_of(ev.cameo) is None:
            return True
        i = event_token(st.sentence.tokens, ev.evidence.start)
        i = m.token if i is None else i
        p = float(self.verifier.score_features(
            [event_features(st.sentence.tokens, i, ev, self._lex_roots)],
            self._verifier_dense(st, i))[0][1])
        if coded:
            return p >= self.verifier.meta.get("veto_coded_threshold", 0.0)
        return p >= self.verifier.meta.get("keep_threshold", 0.5)

    def _verifier_dense(self, st: _Sent, i: int):
        if self.verifier.dense_weights is None:
            return None
        from .coding.model import dense

        return dense(st.sentence.tokens, i, self.verifier.vectors)[None, :]

    @staticmethod
    def _instruments(tree: _Tree, best: dict[int, _Match]) -> None:
        """"killed in a car bomb attack", "a suicide bomber killed…": the noun names the
        kind of violence, the verb the harm; the event takes the more specific code."""
        for m in best.values():
            if m.kind != "verb" or m.code[:2] not in ("18", "19", "20"):
                continue
            t = tree.toks[m.token]
            places = _subjects(tree, t) + [o for prep in ("in", "with", "by")
                                            for o in _slot_tokens(tree, t, prep)]
            for x in places:
                for j in [x.i] + [k.i for k in tree.kids[x.i] if k.dep == "compound"]:
                    n = best.get(j)
                    if (n is not None and n.kind == "noun" and n.code[:2] in ("18", "19", "20")
                            and n.code not in ("180", "190") and n.code != m.code):
                        m.code, m.instrument = n.code, j
                        m.words = m.words + (j,)
                        break
                if m.instrument is not None:
                    break

    def _complete(self, st: _Sent, m: _Match, done: dict[int, _Match]) -> bool:
        """Find a frame's complement and fix the match's code; False if it cannot fire."""
        pat = m.pattern
        if not pat.frame:
            m.code = pat.code
            return True
        comp_tok, comp = self._complement(st, m, done)
        if pat.frame == "say":  # statements are settled once all triggers are known
            m.comp, m.comp_token, m.code = comp, comp_tok, pat.code
            return True
        if comp is None:
            if "needcomp" in pat.flags or pat.frame in ("supply", "stop"):
                return False
            m.code = pat.code
            return True
        code = self.lexicon.compose_code(pat.frame, _content_code(comp), pat.code)
        if code is None:
            return False
        m.comp, m.comp_token, m.code = comp, comp_tok, code
        return True

    def _complement(self, st: _Sent, m: _Match, done: dict[int, _Match]) -> tuple[int | None, _Match | None]:
        tree = st.tree
        t = tree.toks[m.token]
        frame = m.frame
        slots: list[Token] = []
        if frame == "say":
            slots = tree.children(t.i, "ccomp", "parataxis")
        elif t.pos in NOMINAL:
            slots = [k for k in tree.kids[t.i] if k.dep in ("acl", "relcl") and
                     any(a.dep == "aux" and tree.low[a.i] == "to" for a in tree.kids[k.i])]
            for prep in COMPLEMENT_PREPS:
                slots += _slot_tokens(tree, t, prep)
            slots += tree.children(t.i, "compound")
        else:
            slots = tree.children(t.i, "xcomp", "ccomp")
            if frame == "protest":
                slots += tree.children(t.i, "advcl")
            if frame not in ("supply", "stop"):
                for prep in COMPLEMENT_PREPS:
                    slots += _slot_tokens(tree, t, prep)
            slots += _slot_tokens(tree, t, "obj")
        for s in slots:
            if s.i == m.token:
                continue
            if frame in ("supply", "stop"):
                got = self._noun_in(st, s, done, comp_only=frame == "supply")
            elif s.pos in ("VERB", "AUX", "ADJ"):
                got = (s.i, done[s.i]) if s.i in done else self._noun_in(st, s, done, verb_args=True)
            else:
                got = self._noun_in(st, s, done)
            if got is not None:
                return got
        return None, None

    def _noun_in(self, st: _Sent, s: Token, done: dict[int, _Match], comp_only: bool = False,
                 verb_args: bool = False) -> tuple[int, _Match] | None:
        """The shallowest event or complement noun at or below ``s`` (four steps)."""
        tree = st.tree
        frontier = [s] if not verb_args else [k for k in tree.kids[s.i]
                                              if k.dep in ("dobj", "prep", "pobj", "attr")]
        for _ in range(4):
            nxt: list[Token] = []
            for x in frontier:
                if x.pos in NOMINAL or x.pos == "NUM":
                    if x.i in st.comps:
                        return x.i, st.comps[x.i]
                    if not comp_only and x.i in done:
                        return x.i, done[x.i]
                    if comp_only and x.i in done and done[x.i].frame is None:
                        pass
                nxt.extend(k for k in tree.kids[x.i]
                           if k.dep in ("pobj", "prep", "compound", "dobj", "conj", "amod", "nummod",
                                        "quantmod", "nmod"))
            frontier = nxt
        return None

    # -- building events -----------------------------------------------------------------

    def _resolve(self, st: _Sent, t: Token, date: str | None, context,
                 core_only: bool = False) -> ActorMatch:
        """Resolve the phrase headed by ``t``: the noun phrase, then with its modifiers,
        then its apposition (``core_only``: the noun phrase alone)."""
        tree = st.tree
        t = _antecedent(tree, t)
        key = ("core" if core_only else "tok", t.i)
        if key in st.actors:
            return st.actors[key]
        spans = []
        if t.pos == "PRON":
            spans.append((t.i, t.i + 1))
        else:
            core = [t.i]
            stack = [k for k in tree.kids[t.i] if k.dep in CORE_LEFT and k.i < t.i]
            while stack:
                k = stack.pop()
                core.append(k.i)
                stack.extend(tree.kids[k.i])
            spans.append((min(core), t.i + 1))
        if t.pos != "PRON" and not core_only:
            ext = [t.i]
            stack = [k for k in tree.kids[t.i] if k.dep not in EXTENDED_DROP]
            while stack:
                k = stack.pop()
                ext.append(k.i)
                stack.extend(g for g in tree.kids[k.i] if g.dep not in ("relcl", "acl", "appos"))
            ext_span = (min(ext), max(ext) + 1)
            if ext_span != spans[0]:
                spans.append(ext_span)
            for ap in tree.children(t.i, "appos"):
                sub = tree.subtree(ap.i)
                spans.append((min(sub), max(sub) + 1))
        found = None
        for lo, hi in spans:
            got = self._resolve_span(st, lo, hi, date, context)
            if got.code and (found is None or not found.code):
                found = got
            elif found is None:
                found = got
            if found.code and not found.code.startswith("---"):
                break  # a role without a country ("officials") may get one from the modifiers
            if got.code and not got.code.startswith("---") and got.country and \
                    found.entity in WEAK_ROLES and len(got.code) > 3 and \
                    any(tree.lem[p.i] in ("of", "for", "from")
                        for p in tree.children(t.i, "prep") if p.i < hi):
                # "a member of the Syrian parliament", "leaders of the Kurdish rebels": a
                # weak role noun ("member", "spokesman") stands for the group it belongs to
                found = replace(got, text=found.text, start=found.start, end=found.end)
                break
            if got.code and not got.code.startswith("---") and got.country:
                # "officials in Islamabad": the modifiers give the country, the head its role
                # (PAKGOV; "protesters in Kabul" AFGOPP, not the seat's AFGGOV)
                found = replace(found, code=got.country + found.code[3:], country=got.country,
                                why=f"{found.why}; country from {got.text!r}")
                break
        if found is None or not found.code:
            found = ActorMatch(text=tree.span(*spans[0]), code=None, start=spans[0][0], end=spans[0][1])
        st.actors[key] = found
        return found

    def _resolve_span(self, st: _Sent, lo: int, hi: int, date, context) -> ActorMatch:
        key = ("span", lo, hi)
        if key not in st.actors:
            try:
                st.actors[key] = self.resolver.resolve_tokens(st.sentence, lo, hi, date=date, context=context)
            except Exception:  # a resolver bug must not lose the article
                log.exception("resolver failed on %r", st.tree.span(lo, hi))
                st.actors[key] = ActorMatch(text=st.tree.span(lo, hi), code=None)
        return st.actors[key]

    def _modifier_actors(self, st: _Sent, n: Token, skip: set[int], date, context) -> list[_Role]:
        out = []
        for k in _modifier_tokens(st.tree, n, skip):
            parts = [p for p in re.split(r"(?<=[A-Za-z.])-(?=[A-Z])", k.text) if p]
            if len(parts) > 1:
                for p in parts:
                    try:
                        got = self.resolver.resolve(p, date=date, context=context)
                    except Exception:
                        log.exception("resolver failed on %r", p)
                        continue
                    if got.code:
                        out.append(_Role(k.i, got))
                continue
            got = self._resolve(st, k, date, context)
            if got.code:
                out.append(_Role(k.i, got))
        return out

    def _roles(self, st: _Sent, m: _Match, date, context) -> tuple[list[_Role], list[_Role], bool]:
        """(sources, targets, reciprocal) for a match."""
        tree, pat = st.tree, m.pattern
        t = tree.toks[m.token]
        nominal = pat.kind == "noun"
        skip = set(m.words) | set(m.consumed)
        if nominal:
            src_toks = _noun_sources(tree, t, pat, self.lexicon)
        else:
            src_toks = _subjects(tree, t)
            if m.instrument is not None and not [x for x in src_toks if x.i != m.instrument]:
                src_toks = _noun_sources(tree, tree.toks[m.instrument], None, self.lexicon)
        tgt_toks = self._target_tokens(st, m, t)
        src = self._role_list(st, _participants(st, src_toks, skip), date, context)
        tgt = self._role_list(st, _participants(st, tgt_toks, skip), date, context)
        if not any(r.code for r in tgt):
            tgt = self._object_actors(st, m, t, date, context) or tgt
        # "deny entry to the United States": a destination that is the doer's own is no target
        own = {r.code for r in src if r.code}
        tgt = [r for r in tgt if not (r.code in own and tree.lem[tree.toks[r.token].head] == "to")]
        recip = "recip" in pat.flags
        if nominal:
            mods = self._modifier_actors(st, t, skip | {r.token for r in src}, date, context)
            if not any(r.code for r in src) and mods:
                if recip and len(mods) > 1 and not any(r.code for r in tgt):
                    return mods, [], True
                src = mods[:1] if not recip else mods
        src, tgt = _share_country(src), _share_country(tgt)
        if src and all(r.code and r.code.startswith("---") for r in src):
            src = self._placed(st, [t.i, *m.words], src, skip, date, context)
        return src, tgt, recip

    def _placed(self, st: _Sent, heads: list[int], src: list[_Role], skip: set[int], date,
                context) -> list[_Role]:
        """A doer with a role but no country ("people", "the military government") is of
        the place where the event happens: "people blocked streets in Hong Kong" (HKGCVL)."""
        tree = st.tree
        for p in [p for h in dict.fromkeys(heads) for p in tree.children(h, "prep")]:
            if tree.lem[p.i] not in ("in", "at") or p.i in skip:
                continue
            for o in tree.children(p.i, "pobj"):
                got = self._resolve(st, o, date, context)
                kind = (got.entity or "").split(":")[0]
                if got.country and kind in LAND_ENTITIES:
                    return [_Role(r.token, replace(r.actor, code=got.country + r.actor.code[3:],
                                                   country=got.country,
                                                   why=f"{r.actor.why}; country from the place {got.text!r}"))
                            for r in src]
        return src

    def _object_actors(self, st: _Sent, m: _Match, t: Token, date, context) -> list[_Role]:
        """An object the pattern names by class is still a target when it is an actor:
        "banned opposition parties", "expelled two diplomats"."""
        pat = m.pattern
        roles = pat.target or (() if pat.kind == "noun" else ("obj",))
        if "obj" not in roles:
            return []
        out = []
        for x in _slot_tokens(st.tree, t, "obj"):
            if x.i in m.consumed and x.i != m.comp_token and x.i not in st.matches:
                # the noun phrase names an actor ("inspectors of the IAEA"), not just
                # something in a clause below it ("the decision of sending troops to Iraq")
                heads = [x] + [o for p in st.tree.children(x.i, "prep") if st.tree.lem[p.i] in ("of", "from")
                               for o in st.tree.children(p.i, "pobj")]
                if any(self._resolve(st, h, date, context, core_only=True).code for h in heads):
                    out.append(_Role(x.i, self._resolve(st, x, date, context)))
        return out

    def _role_list(self, st: _Sent, toks: list[Token], date, context) -> list[_Role]:
        out = []
        expanded: list[Token] = []
        for x in toks:
            ev = st.matches.get(x.i)
            if ev is not None and ev.kind == "noun" and x.pos in NOMINAL:
                # an event as participant stands for its doer: "condemned an attack by X"
                doers = _noun_sources(st.tree, x, ev.pattern) or \
                    _modifier_tokens(st.tree, x, set(ev.words) | set(ev.consumed))
                expanded.extend(doers)
            else:
                expanded.append(x)
        for x in expanded:
            actor = self._resolve(st, x, date, context)
            if actor.code is None:
                out.extend(self._repair(st, x, date, context) or [_Role(x.i, actor)])
            elif len(actor.members) > 1:  # "the two sides": one role per member
                out.extend(_Role(x.i, replace(actor, code=code, country=split_code(code)[0], members=()))
                           for code in actor.members)
            else:
                out.append(_Role(x.i, actor))
        return out

    def _repair(self, st: _Sent, x: Token, date, context) -> list[_Role]:
        """Second tries for an unresolved participant, around common parse slips."""
        tree = st.tree
        if x.pos == "PRON":
            # "Japan said it had halted aid": in reported speech the pronoun is the speaker
            clause = tree.head(x)
            say = tree.head(clause) if clause is not None and clause.dep == "ccomp" else None
            if say is not None and say.pos == "VERB":
                for subj in tree.children(say.i, "nsubj"):
                    got = self._resolve(st, subj, date, context)
                    if got.code:
                        return [_Role(subj.i, got)]
            return []
        prep = tree.head(x)
        host = tree.head(prep) if prep is not None and x.dep == "pobj" else None
        if host is None:
            host = prep
        if host is None:
            return []
        # "met with officials from the U.S. government" with "from" hung on the verb
        end = max(tree.subtree(x.i)) + 1
        for p in tree.children(host.i, "prep"):
            if p.i == end and tree.lem[p.i] in ("from", "of", "in", "at") and \
                    tree.children(p.i, "pobj"):
                sub = tree.subtree(p.i)
                lo = min(tree.subtree(x.i))
                got = self._resolve_span(st, lo, max(sub) + 1, date, context)
                if got.code:
                    return [_Role(x.i, got)]
        # "welcomed memos sent by Bree": the one behind what was named
        for acl in tree.children(x.i, "acl"):
            for a in tree.children(acl.i, "agent"):
                for o in tree.children(a.i, "pobj"):
                    got = self._resolve(st, o, date, context)
                    if got.code:
                        return [_Role(o.i, got)]
        # "…, including President Trump"
        out = []
        for p in tree.children(host.i, "prep") + tree.children(x.i, "prep"):
            if tree.low[p.i] == "including":
                for o in tree.children(p.i, "pobj"):
                    for y in tree.conj(o):
                        got = self._resolve(st, y, date, context)
                        if got.code:
                            out.append(_Role(y.i, got))
        return out

    def _target_tokens(self, st: _Sent, m: _Match, t: Token) -> list[Token]:
        tree, pat = st.tree, m.pattern
        roles = pat.target or (() if pat.kind == "noun" else ("obj", "iobj"))
        if pat.frame in ("appeal", "demand") and pat.kind != "noun":
            roles = ("obj",) + tuple(r for r in roles if r != "obj") + ("on", "to")
        for role in roles:
            if role == "poss":
                got = tree.children(t.i, "poss")
            elif role == "subj":
                got = _subjects(tree, t)
            else:
                got = _slot_tokens(tree, t, role)
            got = [g for g in got if g.i != m.comp_token and g.i not in m.consumed
                   and g.ent_type not in ("DATE", "TIME")]  # "demanded on Monday that …"
            if got:
                return got
        for c in m.consumed:  # "investigating war crimes by Croatian extremists"
            for prep in ("by", "against", "on", "to"):  # "issued an ultimatum to Ecuador"
                got = _slot_tokens(tree, tree.toks[c], prep)
                if got:
                    return got
        comp = m.comp
        if comp is None and m.comp_token is None and pat.frame in ("appeal", "demand"):
            # "demanded that Hamas renounce…" with nothing coded in the clause
            for c in tree.children(t.i, "ccomp", "xcomp"):
                who = tree.children(c.i, "nsubj", "nsubjpass")
                if who:
                    return [x for w in who for x in tree.conj(w)]
        if comp is None and m.comp_token is not None and pat.frame == "say" and m.reported:
            who = tree.children(m.comp_token, "nsubj", "nsubjpass")
            return [x for w in who for x in tree.conj(w)]
        if comp is not None and m.comp_token is not None:
            c = tree.toks[m.comp_token]
            if pat.frame in ("appeal", "demand", "say"):
                # the one asked to act: "demanded that Hamas renounce…", "called for the
                # withdrawal of Syrian forces"; a noun inside a clause with its own subject
                # is that subject's doing ("demanded that Israel match the EU's support")
                who = _clause_subjects(tree, t, c) if comp.kind == "noun" else []
                who = who or (_noun_sources(tree, c, comp.pattern, self.lexicon) if comp.kind == "noun"
                              else [s for s in tree.children(c.i, "nsubj", "nsubjpass")])
                if who:
                    return [x for w in who for x in tree.conj(w)]
            if pat.frame in ("reject", "accept") and comp.kind == "noun":
                # "rejected a U.S. request to…": the one who asked
                who = _noun_sources(tree, c, comp.pattern, self.lexicon) or \
                    _modifier_tokens(tree, c, set(comp.words))
                if not who and comp.frame is not None:
                    who = _slot_tokens(tree, c, "from")  # "rejected an offer from Kabul"
                if who:
                    return who
            return self._target_tokens(st, comp, c)
        return []

    def _events(self, st: _Sent, m: _Match, doc_id: str, date: str | None, context,
                exprs) -> Iterator[Event]:
        tree, pat = st.tree, m.pattern
        t = tree.toks[m.token]
        code = m.code
        if pat.frame == "say":
            if self._statement_is_subordinate(st, m):
                return
            modal = self._reported_demand(st, m)
            if modal is not None:
                code = modal
        if pat.kind == "verb" and _imperative(tree, t):
            return  # an imperative is the writer talking to the reader ("Consider the …")
        src, tgt, recip = self._roles(st, m, date, context)
        # events are kept when their doer is unnamed or unknown, or when no participant is
        # named at all ("the embargo", "the war"): the event is real; the actors are not
        src = src or [None]
        tgt = tgt or [None]
        pairs = self._pairs(src, tgt, recip)
        modality = st.modality(m.token)
        if "neg" in pat.flags and modality.kind == "negated":
            # the negation is part of the pattern ("haven't been satisfied" = dissatisfied)
            modality = Modality("asserted", modality.attributed_to)
        when = dates_mod.event_date(st.sentence, m.token, date, exprs)
        recode = None
        if modality.kind == "future" and modality.future_marked:
            recode = self.lexicon.recode_frame("future", code)
            if recode == "intent" and self._conditional(st, t):
                recode = None  # "if X, Y will help": not a commitment
        elif modality.kind == "negated" and modality.future_marked:
            recode = self.lexicon.recode_frame("negated-future", code)
        for s, g in pairs:
            s_ok = s is not None and s.code is not None
            g_ok = g is not None and g.code is not None
            if self.require_actors and "needtarget" in pat.flags and not g_ok:
                continue  # "went to Kabul" is a visit, "went home" is not
            if self.require_actors and not (s_ok or g_ok or m.confirmed) and not (
                    pat.kind == "noun" and code[:2] in BARE_NOUN_ROOTS):
                # nothing vouches for an event without a known actor: a verb needs one
                # ("forecasters said"); a noun that names a deed is kept ("the embargo")
                continue
            if s is not None and g is not None and (
                    s.token == g.token and s.code == g.code
                    or s_ok and s.code == g.code and not s.code.startswith("---")):
                continue  # an actor acting on itself; two unknown governments may differ
            yield self._event(st, m, code, s, g, modality, when, doc_id)
            if recode:
                new = self.lexicon.compose_code(recode, code, self._frame_base(recode))
                if new and new != code:
                    yield self._event(st, m, new, s, g, Modality("asserted", modality.attributed_to),
                                      when, doc_id, composed=True)

    def _frame_base(self, frame: str) -> str:
        return self.lexicon.compose.get(frame, {}).get("*", "030")

    @staticmethod
    def _pairs(src, tgt, recip) -> list[tuple]:
        group = len(src) > 1 and len({r.token for r in src}) == 1  # "the two sides" cooperate: each with the other
        if (recip or group) and len(src) > 1 and not [g for g in tgt if g is not None]:
            return [(a, b) for a, b in itertools.permutations(src, 2)]
        if not src and not tgt:
            return []
        return list(itertools.product(src or [None], tgt or [None]))

    def _statement_is_subordinate(self, st: _Sent, m: _Match) -> bool:
        """A statement is coded only when nothing more specific is said in it."""
        tree = st.tree
        subj = {j for s in tree.children(m.token, "nsubj", "nsubjpass") for j in tree.subtree(s.i)}
        inside = set(tree.subtree(m.token)) - subj - {m.token}
        if any(i in inside for i in st.matches):
            return self._reported_demand(st, m) is None
        return False

    def _reported_demand(self, st: _Sent, m: _Match) -> str | None:
        """"X said Y must/should <event>": a demand or appeal by X on Y."""
        tree = st.tree
        for c in tree.children(m.token, "ccomp"):
            frame = None
            for a in tree.children(c.i, "aux"):
                if tree.low[a.i] not in ("have", "has", "had", "need", "needs"):
                    frame = self.lexicon.modals.get(tree.low[a.i]) or frame
            inner = c
            if frame is None and tree.lem[c.i] in self.lexicon.modals:
                # "Japan needs to enact reforms", "Libya has to hand over…"
                xs = [x for x in tree.children(c.i, "xcomp")
                      if any(k.dep == "aux" and tree.low[k.i] == "to" for k in tree.kids[x.i])]
                if xs:
                    frame, inner = self.lexicon.modals[tree.lem[c.i]], xs[0]
            if frame is None:
                continue
            emb = st.matches.get(inner.i)
            if emb is None and frame == "appeal":
                continue  # "NATO would need to remain strong" is a statement
            base = self._frame_base(frame)
            code = self.lexicon.compose_code(frame, _content_code(emb) if emb else None, base)
            m.comp, m.comp_token, m.reported = emb, inner.i, True
            return code or base
        return None

    @staticmethod
    def _unreal_main_clause(st: _Sent) -> bool:
        roots = [t for t in st.tree.toks if t.dep == "ROOT" and t.pos in ("VERB", "AUX")]
        return bool(roots) and st.modality(roots[0].i).kind in ("hypothetical", "future", "desired")

    def _conditional(self, st: _Sent, t: Token) -> bool:
        tree = st.tree
        node: Token | None = t
        while node is not None:
            for k in tree.children(node.i, "advcl"):
                if any(tree.low[x.i] in ("if", "unless") for x in tree.children(k.i, "mark")):
                    return True
            node = tree.head(node)
        return False

    def _event(self, st: _Sent, m: _Match, code: str, s: _Role | None, g: _Role | None,
               modality: Modality, when: dates_mod.EventDate, doc_id: str,
               composed: bool = False) -> Event:
        sentence, tree = st.sentence, st.tree
        entry = cameo(code)
        toks = [tree.toks[i] for i in m.words]
        lo = min(t.start for t in toks)
        hi = max(t.start + len(t.text) for t in toks)
        evidence = Evidence(text=sentence.text[lo:hi], start=lo, end=hi)
        src = _ref(s)
        tgt = _ref(g)
        confidence = _confidence(m, s, g, composed)
        raw = "|".join([doc_id, str(sentence.index), str(lo), code,
                        src.code or "" if src else "", tgt.code or "" if tgt else ""])
        event_id = hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]
        return Event(
            doc_id=doc_id, sentence_id=sentence.sentence_id, sentence=sentence.text,
            event_id=event_id, date=when.date, date_precision=when.precision,
            source=src, target=tgt, cameo=code, cameo_root=entry.root, cameo_name=entry.name,
            goldstein=entry.goldstein, quad_class=entry.quad_class, plover=plover_for(code),
            modality=modality.kind, attributed_to=modality.attributed_to,
            evidence=evidence, confidence=confidence, proposed_by=m.proposed_by,
        )


# roots whose nominal events stand without a known actor ("the embargo", "the retreat",
# "talks on the border"); statements, appeals, intents, demands and disapproval do not
BARE_NOUN_ROOTS = frozenset({"04", "05", "06", "07", "08", "09", "13", "15", "16", "17", "18",
                             "19", "20"})
NOT_EVENT_ENTITIES = frozenset({"DATE", "TIME", "WORK_OF_ART", "LAW", "FAC", "PRODUCT", "PERCENT",
                                "ORDINAL", "CARDINAL", "QUANTITY", "LANGUAGE"})


def _has_code(ev: Event) -> bool:
    return bool(ev.source and ev.source.code or ev.target and ev.target.code)


def _names_no_event(tree: _Tree, i: int, best: dict[int, _Match]) -> bool:
    """A trigger word that names a thing, not an event: a month ("in March"), a title ("a
    Secretary at War", a law, a building), or a noun modifying another noun that is no
    event itself ("the detention center", "war crimes", "attack helicopters")."""
    t = tree.toks[i]
    if t.ent_type in NOT_EVENT_ENTITIES:
        return True
    if t.pos in NOMINAL and t.dep == "compound":
        h = tree.head(t)
        return h is not None and h.pos in NOMINAL and h.i not in best
    return False


def _without(events: list[Event], drop: set[int], marks: set[int]) -> tuple[list[Event], set[int]]:
    """``events`` less the positions in ``drop``, and ``marks`` renumbered to match."""
    kept = [n for n in range(len(events)) if n not in drop]
    return [events[n] for n in kept], {k for k, n in enumerate(kept) if n in marks}


def _clause_subjects(tree: _Tree, t: Token, c: Token) -> list[Token]:
    """The subject of the clause below ``t`` that holds ``c``, if that clause has one."""
    node = c
    while node.head != node.i and node.head != t.i:
        node = tree.toks[node.head]
    if node.head != t.i or node.dep not in ("ccomp", "xcomp") or node.i == c.i:
        return []
    return [x for w in tree.children(node.i, "nsubj", "nsubjpass") for x in tree.conj(w)]


def _participants(st: _Sent, toks: list[Token], skip: set[int]) -> list[Token]:
    """Role tokens minus the trigger's own words; a conjunct that is itself an event
    ("the arrest of Saeed and Washington's decision…") is no participant."""
    out = [x for x in toks if x.i not in skip]
    if len(out) < 2:
        return out
    owners = {o.i for i, m in st.matches.items() if m.kind == "noun"
              for o in st.tree.children(i, "poss") or _stray_possessor(st.tree, st.tree.toks[i])}
    return out[:1] + [x for x in out[1:] if x.i not in st.matches and x.i not in owners]


def _share_country(roles: list[_Role]) -> list[_Role]:
    """"Israeli helicopters and tanks": a conjunct of the same kind with no country of its
    own shares the first one's; one of another kind does not ("Israeli troops and militants")."""
    if len(roles) < 2 or not any(r.code and r.code.startswith("---") for r in roles):
        return roles
    first = roles[0]
    if not first.code or first.code.startswith("---") or len(first.code) <= 3 or not first.actor.country:
        return roles
    out, seen = [first], {first.code}
    for r in roles[1:]:
        if r.code and r.code.startswith("---") and r.code[3:] == first.code[3:] and r.token > first.token:
            r = _Role(r.token, replace(r.actor, code=first.code, country=first.actor.country,
                                       why=f"{r.actor.why}; country shared with {first.actor.text!r}"))
            if r.code in seen:
                continue
        seen.add(r.code)
        out.append(r)
    return out


def _ref(role: _Role | None) -> ActorRef | None:
    if role is None:
        return None
    a = role.actor
    return ActorRef(text=a.text, code=a.code, country=a.country)


def _confidence(m: _Match, s: _Role | None, g: _Role | None, composed: bool) -> float:
    """How much of the pattern matched and whether the actors resolved, in [0, 1]."""
    spec = min(1.0, m.pattern.specificity / 3)
    score = 0.35 + 0.2 * spec
    if m.frame and m.comp is not None:
        score += 0.1
    if s is not None and s.code:
        score += 0.2
    if g is not None and g.code:
        score += 0.15
    if composed:
        score -= 0.1
    score -= 0.04 * min(m.depth, 3)  # main-clause events are the surest reading
    return round(max(0.05, min(1.0, score)), 3)


def _content_code(m: _Match | None) -> str | None:
    """What an embedded match is about: attitude frames pass through to their complement."""
    if m is None:
        return None
    seen = 0
    while m.frame and m.frame not in CONTENT_FRAMES and m.comp is not None and seen < 8:
        m, seen = m.comp, seen + 1
    return m.code or m.pattern.code


def _rank(m: _Match) -> tuple:
    return (m.pattern.specificity, m.pattern.seq)


def _best(ms: list[_Match]) -> _Match:
    return max(ms, key=_rank)


def _imperative(tree: _Tree, t: Token) -> bool:
    """A base-form verb without subject or auxiliary opening a sentence or a clause after a
    colon ("…: Consider the diaspora's enthusiasm")."""
    if t.tag != "VB" or t.dep not in ("ROOT", "parataxis") or \
            tree.children(t.i, "nsubj", "nsubjpass", "aux", "auxpass", "mark"):
        return False
    before = [x for x in tree.toks[:t.i] if x.pos != "SPACE"]
    return not before or before[-1].text in (":", ";", "—", "–", '"', "“")


def _clause_depth(tree: _Tree, i: int) -> int:
    """How many clauses the trigger is embedded in (0 in the main clause)."""
    d, t = 0, tree.toks[i]
    while t.head != t.i:
        if t.dep in ("ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj"):
            d += 1
        t = tree.toks[t.head]
    return d


def _depth(tree: _Tree, i: int) -> int:
    d, t = 0, tree.toks[i]
    while t.head != t.i and d < 64:
        t, d = tree.toks[t.head], d + 1
    return d


def light_clean(text: str) -> str:
    """Repair mojibake ("Pakistanâ€™s", "Taiwan‚Äôs": ftfy's encoding fixes only), normalise
    spaces and line ends; keep every line (headlines carry events too)."""
    import ftfy

    text = ftfy.fix_encoding(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def code_text(text: str, date: str | None = None, coder: Coder | None = None,
              doc_id: str = "text") -> list[Event]:
    """Parse and code one article's text (one paragraph per line)."""
    from .parse import parse_text

    coder = coder or Coder()
    sentences = parse_text(light_clean(text), article_id=doc_id, settings=coder.settings)
    return list(coder.code_sentences(sentences, doc_id, date))


@dataclass(frozen=True)
class Document:
    """A text to code: its id, text and publication date (ISO) where known."""

    id: str
    text: str
    date: str | None = None


def code_documents(docs: Iterable[Document], coder: Coder | None = None) -> Iterator[Event]:
    """Parse documents in batches (``nlp.pipe``) and code each; events in input order."""
    from .parse import Parser

    coder = coder or Coder()
    parser = Parser(coder.settings)
    pending: list[Document] = []

    def items() -> Iterator[tuple[str, "CleanText"]]:
        from .records import CleanText

        for n, doc in enumerate(docs):
            pending.append(doc)
            text = light_clean(doc.text)
            yield f"{n}", CleanText(raw=text, text=text, offsets=tuple(range(len(text))))

    for key, sentences in parser.parse_many(items()):
        doc = pending[int(key)]
        pending[int(key)] = None  # type: ignore[call-overload]  # free the text
        if isinstance(sentences, Reject):  # over the time budget: said, skipped, the rest goes on
            log.warning("skipped document %s: %s: %s", doc.id, sentences.reason, sentences.detail)
            continue
        sentences = [_renamed(s, doc.id) for s in sentences]
        yield from coder.code_sentences(sentences, doc.id, doc.date)


def _renamed(sentence: Sentence, article_id: str) -> Sentence:
    from dataclasses import replace

    return replace(sentence, article_id=article_id)


def code_store(store, coder: Coder | None = None, article_ids: Iterable[str] | None = None) -> Iterator[Event]:
    """Code articles already in a :class:`dyad.store.Store` from their stored parses."""
    coder = coder or Coder()
    wanted = set(article_ids) if article_ids is not None else None
    for stored in store.articles(include_duplicates=False):
        art = stored.article
        if wanted is not None and art.id not in wanted:
            continue
        date = str(art.date)[:10] if art.date else None
        yield from coder.code_sentences(store.sentences(art.id), art.id, date)
