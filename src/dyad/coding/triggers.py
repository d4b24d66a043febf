"""Triggers: for every token the lexicon (``dyad.coding.lexicon``) knows as a trigger, the
best-matching pattern (the one whose constraints are most specific); frames find their
complement and take their code from it ("urged Pakistan to arrest X" is an appeal coded by
what is asked); a violent noun that says how ("killed in an air strike") gives its verb the
more specific code; words that name things, not events, and what a frame consumed are
dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dyad.coding.lexicon import NO_EVENT, Lexicon, Pattern
from dyad.coding.modality import SentenceModality
from dyad.coding.participants import slot_tokens, subjects
from dyad.coding.tree import NOMINAL, CodingTree
from dyad.records import Sentence, Token

CONTENT_FRAMES = frozenset({"supply", "stop", "protest"})  # their composed code is the content
COMPLEMENT_PREPS = ("for", "to", "on", "upon", "of", "against", "over", "about")
NOT_EVENT_ENTITIES = frozenset(
    {"DATE", "TIME", "WORK_OF_ART", "LAW", "FAC", "PRODUCT", "PERCENT", "ORDINAL", "CARDINAL", "QUANTITY", "LANGUAGE"}
)


@dataclass
class Match:
    """A pattern matched at a trigger token, and what coding it found."""

    token: int
    pattern: Pattern
    consumed: tuple[int, ...] = ()
    words: tuple[int, ...] = ()
    comp: Match | None = None
    comp_token: int | None = None
    code: str = ""
    instrument: int | None = None  # a violent noun event that says how ("killed in an air strike")
    reported: bool = False  # a statement coded as a demand/appeal ("X said Y must …")
    depth: int = 0  # clauses above the trigger
    proposed_by: str = "lexicon"  # lexicon | model | lexicon+model
    confirmed: bool = False  # the model is sure enough of the event to keep it without actors

    @property
    def frame(self) -> str | None:
        return self.pattern.frame

    @property
    def kind(self) -> str:
        return self.pattern.kind


@dataclass
class SentenceState:
    """Per-sentence state: the tree, matches and modality judge."""

    sentence: Sentence
    tree: CodingTree
    matches: dict[int, Match] = field(default_factory=dict)
    comps: dict[int, Match] = field(default_factory=dict)
    modality: SentenceModality | None = None
    silenced: set[int] = field(default_factory=set)  # words the lexicon says name no event here


# ---------------------------------------------------------------------------------------
# one pattern at one token


def _bare(tree: CodingTree, t: Token, word: str) -> list[Token]:
    """Children that are the particle/preposition ``word`` ("crack down on", "stand by");
    a time phrase ("on Wednesday") does not count."""
    hosts = [t] + tree.children(t.i, "dobj")
    return [
        k
        for h in hosts
        for k in tree.kids[h.i]
        if tree.lem[k.i] == word
        and k.dep in ("prep", "prt", "advmod", "agent", "dative", "mark")
        and not any(o.ent_type in ("DATE", "TIME") for o in tree.kids[k.i] if o.dep == "pobj")
    ]


def match(tree: CodingTree, t: Token, pat: Pattern) -> Match | None:
    """``pat`` at token ``t``, or ``None`` where its words, flags or slots do not hold."""
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
        if ("passive" in flags and not tree.passive(t)) or ("active" in flags and tree.passive(t)):
            return None
        if "neg" in flags and not tree.negated(t):
            return None
        if "ccomp" in flags and not tree.children(t.i, "ccomp"):
            return None
        if "xcomp" in flags and not tree.children(t.i, "xcomp"):
            return None
        if "intrans" in flags and tree.children(t.i, "dobj", "ccomp"):
            return None
        if "trans" in flags and not slot_tokens(tree, t, "obj"):
            return None
    for slot, ws in pat.args:
        if ws is None:
            if not _bare(tree, t, slot) and not [
                x for x in slot_tokens(tree, t, slot) if x.ent_type not in ("DATE", "TIME")
            ]:
                return None
            continue
        hit = next(
            (
                x
                for x in slot_tokens(tree, t, slot)
                if tree.matches(x.i, ws)
                or any(
                    tree.matches(c.i, ws) for c in tree.children(x.i, "compound") if x.pos == "PROPN" or c.pos == "NOUN"
                )
            ),
            None,
        )
        if hit is None:
            return None
        if slot not in ("subj", "light"):
            consumed.append(hit.i)
            words.append(hit.i)
    return Match(token=t.i, pattern=pat, consumed=tuple(consumed), words=tuple(words))


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


def _rank(m: Match) -> tuple:
    return (m.pattern.specificity, m.pattern.seq)


def content_code(m: Match | None) -> str | None:
    """What an embedded match is about: attitude frames pass through to their complement."""
    if m is None:
        return None
    seen = 0
    while m.frame and m.frame not in CONTENT_FRAMES and m.comp is not None and seen < 8:
        m, seen = m.comp, seen + 1
    return m.code or m.pattern.code


# ---------------------------------------------------------------------------------------
# a sentence's triggers


def find(st: SentenceState, lex: Lexicon) -> None:
    """Fill ``st.matches`` (the triggers that stand, by token), ``st.comps`` and ``st.silenced``."""
    tree = st.tree
    cands: dict[int, list[Match]] = {}
    for t in tree.toks:
        kinds = _kinds(t)
        if not kinds:
            continue
        keys = (tree.lem[t.i], tree.low[t.i], *_stems(t, tree.low[t.i]))
        for kind in kinds:
            for pat in lex.lookup(kind, keys):
                m = match(tree, t, pat)
                if m is not None:
                    cands.setdefault(t.i, []).append(m)
    # complement-only nouns first, so frames can find them
    for i, ms in cands.items():
        comp = [m for m in ms if "comp" in m.pattern.flags]
        if comp:
            st.comps[i] = max(comp, key=_rank)
    best: dict[int, Match] = {}
    for i in sorted(cands, key=lambda j: -_depth(tree, j)):  # deepest first: complements before frames
        full = [m for m in cands[i] if "comp" not in m.pattern.flags]
        ranked = sorted(full, key=_rank, reverse=True)
        for m in ranked:
            if _complete(st, lex, m, best):
                best[i] = m
                break
    _instruments(tree, best)
    consumed = {j for m in best.values() for j in m.consumed}
    consumed |= {m.comp_token for m in best.values() if m.comp_token is not None and m.frame in ("supply", "stop")}
    # "rejected a U.S. offer", "accepted Kabul's proposal": the offer is what is rejected,
    # its maker the target, not an event of its own
    for m in best.values():
        if m.frame in ("reject", "accept") and m.kind == "verb":
            if m.comp_token is not None and m.comp is not None and m.comp.kind == "noun":
                consumed.add(m.comp_token)
            consumed |= {
                o.i
                for o in tree.children(m.token, "dobj")  # "Uganda's request for aid"
                if o.i in best and best[o.i].kind == "noun" and best[o.i].frame
            }
    consumed |= {m.instrument for m in best.values() if m.instrument is not None}
    # "Washington's decision to provide $125 million": the frame took its complement's
    # code, so the complement is the same deed, not a second (future) event
    consumed |= {
        m.comp_token
        for m in best.values()
        if m.frame not in (None, "say")
        and m.comp_token in best
        and m.comp is not None
        and m.code[:2] == best[m.comp_token].code[:2]
        and m.comp_token != m.token
    }
    discarded = lex.discarded([tree.lem[t.i] for t in tree.toks])
    st.silenced = {i for i, m in best.items() if m.code == NO_EVENT or tree.lem[i] in discarded}
    st.matches = {
        i: m
        for i, m in best.items()
        if i not in consumed
        and m.code != NO_EVENT
        and tree.lem[i] not in discarded
        and not _names_no_event(tree, i, best)
    }
    for m in st.matches.values():
        m.depth = clause_depth(tree, m.token)


def _instruments(tree: CodingTree, best: dict[int, Match]) -> None:
    """ "killed in a car bomb attack", "a suicide bomber killed…": the noun names the
    kind of violence, the verb the harm; the event takes the more specific code."""
    for m in best.values():
        if m.kind != "verb" or m.code[:2] not in ("18", "19", "20"):
            continue
        t = tree.toks[m.token]
        places = subjects(tree, t) + [o for prep in ("in", "with", "by") for o in slot_tokens(tree, t, prep)]
        for x in places:
            for j in [x.i] + [k.i for k in tree.kids[x.i] if k.dep == "compound"]:
                n = best.get(j)
                if (
                    n is not None
                    and n.kind == "noun"
                    and n.code[:2] in ("18", "19", "20")
                    and n.code not in ("180", "190")
                    and n.code != m.code
                ):
                    m.code, m.instrument = n.code, j
                    m.words = m.words + (j,)
                    break
            if m.instrument is not None:
                break


def _complete(st: SentenceState, lex: Lexicon, m: Match, done: dict[int, Match]) -> bool:
    """Find a frame's complement and fix the match's code; False if it cannot fire."""
    pat = m.pattern
    if not pat.frame:
        m.code = pat.code
        return True
    comp_tok, comp = _complement(st, m, done)
    if pat.frame == "say":  # statements are settled once all triggers are known
        m.comp, m.comp_token, m.code = comp, comp_tok, pat.code
        return True
    if comp is None:
        if "needcomp" in pat.flags or pat.frame in ("supply", "stop"):
            return False
        m.code = pat.code
        return True
    code = lex.compose_code(pat.frame, content_code(comp), pat.code)
    if code is None:
        return False
    m.comp, m.comp_token, m.code = comp, comp_tok, code
    return True


def _complement(st: SentenceState, m: Match, done: dict[int, Match]) -> tuple[int | None, Match | None]:
    tree = st.tree
    t = tree.toks[m.token]
    frame = m.frame
    slots: list[Token] = []
    if frame == "say":
        slots = tree.children(t.i, "ccomp", "parataxis")
    elif t.pos in NOMINAL:
        slots = [
            k
            for k in tree.kids[t.i]
            if k.dep in ("acl", "relcl") and any(a.dep == "aux" and tree.low[a.i] == "to" for a in tree.kids[k.i])
        ]
        for prep in COMPLEMENT_PREPS:
            slots += slot_tokens(tree, t, prep)
        slots += tree.children(t.i, "compound")
    else:
        slots = tree.children(t.i, "xcomp", "ccomp")
        if frame == "protest":
            slots += tree.children(t.i, "advcl")
        if frame not in ("supply", "stop"):
            for prep in COMPLEMENT_PREPS:
                slots += slot_tokens(tree, t, prep)
        slots += slot_tokens(tree, t, "obj")
    for s in slots:
        if s.i == m.token:
            continue
        if frame in ("supply", "stop"):
            got = _noun_in(st, s, done, comp_only=frame == "supply")
        elif s.pos in ("VERB", "AUX", "ADJ"):
            got = (s.i, done[s.i]) if s.i in done else _noun_in(st, s, done, verb_args=True)
        else:
            got = _noun_in(st, s, done)
        if got is not None:
            return got
    return None, None


def _noun_in(
    st: SentenceState, s: Token, done: dict[int, Match], comp_only: bool = False, verb_args: bool = False
) -> tuple[int, Match] | None:
    """The shallowest event or complement noun at or below ``s`` (four steps)."""
    tree = st.tree
    frontier = [s] if not verb_args else [k for k in tree.kids[s.i] if k.dep in ("dobj", "prep", "pobj", "attr")]
    for _ in range(4):
        nxt: list[Token] = []
        for x in frontier:
            if x.pos in NOMINAL or x.pos == "NUM":
                if x.i in st.comps:
                    return x.i, st.comps[x.i]
                if not comp_only and x.i in done:
                    return x.i, done[x.i]
            nxt.extend(
                k
                for k in tree.kids[x.i]
                if k.dep in ("pobj", "prep", "compound", "dobj", "conj", "amod", "nummod", "quantmod", "nmod")
            )
        frontier = nxt
    return None


def _names_no_event(tree: CodingTree, i: int, best: dict[int, Match]) -> bool:
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


def clause_depth(tree: CodingTree, i: int) -> int:
    """How many clauses the trigger is embedded in (0 in the main clause)."""
    d, t = 0, tree.toks[i]
    while t.head != t.i:
        if t.dep in ("ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj"):
            d += 1
        t = tree.toks[t.head]
    return d


def _depth(tree: CodingTree, i: int) -> int:
    d, t = 0, tree.toks[i]
    while t.head != t.i and d < 64:
        t, d = tree.toks[t.head], d + 1
    return d
