"""Event assembly: a match's (source, target) pairs become :class:`~dyad.records.Event`
records with modality, date, evidence and confidence; statements yield to what is said in
them ("X said Y must …" is a demand), imperatives and actor-less verbs are dropped, and a
sentence keeps its background events only when it asserts nothing in its own clauses."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterator

from dyad.coding import dates as dates_mod
from dyad.coding.actors import Role, SentenceActors
from dyad.coding.lexicon import Lexicon
from dyad.coding.modality import Modality
from dyad.coding.tree import CodingTree
from dyad.coding.triggers import Match, SentenceState, content_code
from dyad.ontology import cameo, plover_for
from dyad.records import ActorRef, Event, Evidence, Token

# roots whose nominal events stand without a known actor ("the embargo", "the retreat",
# "talks on the border"); statements, appeals, intents, demands and disapproval do not
BARE_NOUN_ROOTS = frozenset({"04", "05", "06", "07", "08", "09", "13", "15", "16", "17", "18", "19", "20"})


def match_events(
    st: SentenceState,
    m: Match,
    actors: SentenceActors,
    lex: Lexicon,
    doc_id: str,
    date: str | None,
    exprs,
    require_actors: bool = True,
) -> Iterator[Event]:
    """The events of match ``m``: one per (source, target) pair, and a recoded one where a
    future or negated-future frame recodes it ("will help" is also an intent)."""
    tree, pat = st.tree, m.pattern
    t = tree.toks[m.token]
    code = m.code
    if pat.frame == "say":
        if _statement_is_subordinate(st, m, lex):
            return
        modal = _reported_demand(st, m, lex)
        if modal is not None:
            code = modal
    if pat.kind == "verb" and _imperative(tree, t):
        return  # an imperative is the writer talking to the reader ("Consider the …")
    src, tgt, recip = actors.roles(m)
    # events are kept when their doer is unnamed or unknown, or when no participant is
    # named at all ("the embargo", "the war"): the event is real; the actors are not
    assert st.modality is not None  # Coder.code_sentence sets the judge before assembling events
    modality = st.modality(m.token)
    if "neg" in pat.flags and modality.kind == "negated":
        # the negation is part of the pattern ("haven't been satisfied" = dissatisfied)
        modality = Modality("asserted", modality.attributed_to)
    when = dates_mod.event_date(st.sentence, m.token, date, exprs)
    recode = None
    if modality.kind == "future" and modality.future_marked:
        recode = lex.recode_frame("future", code)
        if recode == "intent" and _conditional(st, t):
            recode = None  # "if X, Y will help": not a commitment
    elif modality.kind == "negated" and modality.future_marked:
        recode = lex.recode_frame("negated-future", code)
    for s, g in _pairs(src or [None], tgt or [None], recip):
        s_ok = s is not None and s.code is not None
        g_ok = g is not None and g.code is not None
        if require_actors and "needtarget" in pat.flags and not g_ok:
            continue  # "went to Kabul" is a visit, "went home" is not
        if (
            require_actors
            and not (s_ok or g_ok or m.confirmed)
            and not (pat.kind == "noun" and code[:2] in BARE_NOUN_ROOTS)
        ):
            # nothing vouches for an event without a known actor: a verb needs one
            # ("forecasters said"); a noun that names a deed is kept ("the embargo")
            continue
        if (
            s is not None
            and g is not None
            and (
                (s.token == g.token and s.code == g.code)
                or (s_ok and s.code == g.code and not s.code.startswith("---"))
            )
        ):
            continue  # an actor acting on itself; two unknown governments may differ
        yield _event(st, m, code, s, g, modality, when, doc_id)
        if recode:
            new = lex.compose_code(recode, code, _frame_base(lex, recode))
            if new and new != code:
                yield _event(
                    st, m, new, s, g, Modality("asserted", modality.attributed_to), when, doc_id, composed=True
                )


def settle(
    st: SentenceState, events: list[Event], statements: set[int], background: set[int], described: set[int]
) -> list[Event]:
    """A sentence's events less those that yield to others: ``statements`` (positions of plain
    "said" events), ``background`` (positions of events in descriptive clauses) and
    ``described`` (ids of those in participles and relative clauses on a noun)."""
    # a statement is coded only when nothing more specific is said: "X praised Y and
    # said …", "X rejected the call, saying …", "X ordered …, a spokesman said"
    # "killed 4 Iraqis in an attack on a village": an event whose doer is unknown is the
    # same event as one of its root in the sentence whose doer is known
    known = {ev.cameo_root for ev in events if ev.source is not None and ev.source.code}
    drop = {
        n for n, ev in enumerate(events) if ev.cameo_root in known and not (ev.source is not None and ev.source.code)
    }
    if drop:
        keep = [n for n in range(len(events)) if n not in drop]
        statements = {k for k, n in enumerate(keep) if n in statements}
        events, background = _without(events, drop, background)
    # (an event with no known actor is not "more specific": it may be a bare mention)
    if statements and any(n not in statements and has_code(ev) for n, ev in enumerate(events)):
        events, background = _without(events, statements, background)
    # a background event ("weapons seized last year", "after fighting with guerrillas
    # who overran it") only when the sentence asserts nothing in its own clauses
    if background and any(
        n not in background and ev.modality == "asserted" and has_code(ev) for n, ev in enumerate(events)
    ):
        events, background = _without(events, background, set())
    elif background and _unreal_main_clause(st):
        # a description inside an unreal main clause reports nothing: "Future steps might
        # include easing restrictions imposed on diplomats" (an "after …" adjunct still does)
        events, background = _without(events, {n for n in background if id(events[n]) in described}, set())
    return events


def has_code(ev: Event) -> bool:
    return bool((ev.source and ev.source.code) or (ev.target and ev.target.code))


def _without(events: list[Event], drop: set[int], marks: set[int]) -> tuple[list[Event], set[int]]:
    """``events`` less the positions in ``drop``, and ``marks`` renumbered to match."""
    kept = [n for n in range(len(events)) if n not in drop]
    return [events[n] for n in kept], {k for k, n in enumerate(kept) if n in marks}


def _frame_base(lex: Lexicon, frame: str) -> str:
    return lex.compose.get(frame, {}).get("*", "030")


def _pairs(src: list, tgt: list, recip: bool) -> list[tuple]:
    """(source, target) pairs of non-empty role lists (``[None]`` for an unnamed one)."""
    group = len(src) > 1 and len({r.token for r in src}) == 1  # "the two sides" cooperate: each with the other
    if (recip or group) and len(src) > 1 and not [g for g in tgt if g is not None]:
        return [(a, b) for a, b in itertools.permutations(src, 2)]
    return list(itertools.product(src, tgt))


def _statement_is_subordinate(st: SentenceState, m: Match, lex: Lexicon) -> bool:
    """A statement is coded only when nothing more specific is said in it."""
    tree = st.tree
    subj = {j for s in tree.children(m.token, "nsubj", "nsubjpass") for j in tree.subtree(s.i)}
    inside = set(tree.subtree(m.token)) - subj - {m.token}
    if any(i in inside for i in st.matches):
        return _reported_demand(st, m, lex) is None
    return False


def _reported_demand(st: SentenceState, m: Match, lex: Lexicon) -> str | None:
    """ "X said Y must/should <event>": a demand or appeal by X on Y."""
    tree = st.tree
    for c in tree.children(m.token, "ccomp"):
        frame = None
        for a in tree.children(c.i, "aux"):
            if tree.low[a.i] not in ("have", "has", "had", "need", "needs"):
                frame = lex.modals.get(tree.low[a.i]) or frame
        inner = c
        if frame is None and tree.lem[c.i] in lex.modals:
            # "Japan needs to enact reforms", "Libya has to hand over…"
            xs = [
                x
                for x in tree.children(c.i, "xcomp")
                if any(k.dep == "aux" and tree.low[k.i] == "to" for k in tree.kids[x.i])
            ]
            if xs:
                frame, inner = lex.modals[tree.lem[c.i]], xs[0]
        if frame is None:
            continue
        emb = st.matches.get(inner.i)
        if emb is None and frame == "appeal":
            continue  # "NATO would need to remain strong" is a statement
        base = _frame_base(lex, frame)
        code = lex.compose_code(frame, content_code(emb) if emb else None, base)
        m.comp, m.comp_token, m.reported = emb, inner.i, True
        return code or base
    return None


def _unreal_main_clause(st: SentenceState) -> bool:
    roots = [t for t in st.tree.toks if t.dep == "ROOT" and t.pos in ("VERB", "AUX")]
    if not roots:
        return False
    assert st.modality is not None  # set before assembling, as in match_events
    return st.modality(roots[0].i).kind in ("hypothetical", "future", "desired")


def _conditional(st: SentenceState, t: Token) -> bool:
    """``t`` or a clause above it has a condition clause ("if X, Y will help")."""
    assert st.modality is not None  # set before assembling, as in match_events
    tree, marks = st.tree, st.modality.cues.cond_marks
    node: Token | None = t
    while node is not None:
        for k in tree.children(node.i, "advcl"):
            if any(tree.low[x.i] in marks for x in tree.children(k.i, "mark")):
                return True
        node = tree.head(node)
    return False


def _imperative(tree: CodingTree, t: Token) -> bool:
    """A base-form verb without subject or auxiliary opening a sentence or a clause after a
    colon ("…: Consider the diaspora's enthusiasm")."""
    if (
        t.tag != "VB"
        or t.dep not in ("ROOT", "parataxis")
        or tree.children(t.i, "nsubj", "nsubjpass", "aux", "auxpass", "mark")
    ):
        return False
    before = [x for x in tree.toks[: t.i] if x.pos != "SPACE"]
    return not before or before[-1].text in (":", ";", "—", "–", '"', "“")


def _event(
    st: SentenceState,
    m: Match,
    code: str,
    s: Role | None,
    g: Role | None,
    modality: Modality,
    when: dates_mod.EventDate,
    doc_id: str,
    composed: bool = False,
) -> Event:
    sentence, tree = st.sentence, st.tree
    entry = cameo(code)
    toks = [tree.toks[i] for i in m.words]
    lo = min(t.start for t in toks)
    hi = max(t.start + len(t.text) for t in toks)
    evidence = Evidence(text=sentence.text[lo:hi], start=lo, end=hi)
    src = _ref(s)
    tgt = _ref(g)
    confidence = _confidence(m, s, g, composed)
    raw = "|".join(
        [doc_id, str(sentence.index), str(lo), code, src.code or "" if src else "", tgt.code or "" if tgt else ""]
    )
    event_id = hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]
    return Event(
        doc_id=doc_id,
        sentence_id=sentence.sentence_id,
        sentence=sentence.text,
        event_id=event_id,
        date=when.date,
        date_precision=when.precision,
        source=src,
        target=tgt,
        cameo=code,
        cameo_root=entry.root,
        cameo_name=entry.name,
        goldstein=entry.goldstein,
        quad_class=entry.quad_class,
        plover=plover_for(code),
        modality=modality.kind,
        attributed_to=modality.attributed_to,
        evidence=evidence,
        confidence=confidence,
        proposed_by=m.proposed_by,
    )


def _ref(role: Role | None) -> ActorRef | None:
    if role is None:
        return None
    a = role.actor
    return ActorRef(text=a.text, code=a.code, country=a.country)


def _confidence(m: Match, s: Role | None, g: Role | None, composed: bool) -> float:
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
