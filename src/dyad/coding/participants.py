"""Who did what to whom on the dependency parse: the tokens that fill a predicate's slots
(objects, prepositional objects, the agent of a passive), the doer of a nominal event
(possessor, ``by``/``from`` phrases, light-verb subjects) and an event's targets.

Everything here works on tokens; :mod:`dyad.coding.actors` turns them into actors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyad.coding.lexicon import Pattern
from dyad.coding.tree import NOMINAL, CodingTree
from dyad.records import Token

if TYPE_CHECKING:
    from dyad.coding.triggers import Match, SentenceState

REL_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
QUANTITY = frozenset(
    {
        "some",
        "part",
        "most",
        "all",
        "many",
        "dozens",
        "dozen",
        "hundreds",
        "thousands",
        "millions",
        "number",
        "majority",
        "half",
        "rest",
        "one",
        "two",
        "three",
        "four",
        "five",
        "several",
        "few",
        "tens",
        "scores",
        "group",
        "batch",
        "contingent",
        "bulk",
        "portion",
        "share",
        "percent",
        "third",
        "quarter",
    }
)


def slot_tokens(tree: CodingTree, t: Token, slot: str) -> list[Token]:
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
        got = tree.children(i, "dobj") or [c for c in tree.children(i, "ccomp") if c.pos in NOMINAL] or _up_to(tree, t)
        return [y for g in got for x in tree.conj(g) for y in _through_quantity(tree, x)]
    if slot == "subj":
        return subjects(tree, t)
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
            hosts += [
                o
                for p in tree.kids[d.i]
                if p.dep == "prep" and tree.lem[p.i] in ("in", "of")
                for o in tree.kids[p.i]
                if o.dep == "pobj"
            ]
    out: list[Token] = []
    for host in hosts:
        for p in tree.kids[host.i]:
            if p.dep in ("prep", "agent", "dative") and tree.lem[p.i] == slot:
                for o in tree.kids[p.i]:
                    if o.dep in ("pobj", "pcomp"):
                        out.extend(tree.conj(o))
    return out


def _up_to(tree: CodingTree, t: Token) -> list[Token]:
    """ "killed up to 30 people": the parser hangs the counted object on "up to"."""
    return [
        o
        for u in tree.kids[t.i]
        if u.dep in ("prt", "advmod") and tree.lem[u.i] == "up"
        for p in tree.kids[u.i]
        if p.dep == "prep" and tree.lem[p.i] == "to"
        for o in tree.kids[p.i]
        if o.dep == "pobj" and o.pos in NOMINAL
    ]


def _through_quantity(tree: CodingTree, x: Token) -> list[Token]:
    """ "some of its troops", "dozens of activists": the object is what is counted."""
    if tree.lem[x.i] in QUANTITY or x.pos == "NUM":
        for p in tree.kids[x.i]:
            if p.dep == "prep" and tree.lem[p.i] == "of":
                inner = [o for o in tree.kids[p.i] if o.dep == "pobj"]
                if inner:
                    return [x] + [y for o in inner for y in _through_quantity(tree, o)]
    return [x]


def antecedent(tree: CodingTree, t: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies."""
    if tree.low[t.i] in REL_PRONOUNS:
        v = tree.head(t)
        while v is not None and v.dep not in ("relcl", "acl") and v.head != v.i:
            v = tree.head(v)
        if v is not None and v.dep in ("relcl", "acl") and (h := tree.head(v)) is not None:
            return h
    return t


def subjects(tree: CodingTree, v: Token, depth: int = 0) -> list[Token]:
    """Who does ``v`` (the agent: the ``by`` phrase of a passive)."""
    if depth > 6:
        return []
    passive = tree.passive(v)
    if passive:
        agents = [o for a in tree.children(v.i, "agent") for o in tree.kids[a.i] if o.dep == "pobj"]
        return [x for a in agents for x in tree.conj(antecedent(tree, a))]
    own = tree.children(v.i, "nsubj", "csubj")
    if not own and v.pos in ("ADJ", "VERB") and v.tag == "VBN":
        own = tree.children(v.i, "nsubjpass")  # "officials haven't been satisfied"
    if own:
        return [x for s in own for x in tree.conj(antecedent(tree, s))]
    h = tree.head(v)
    if h is None:
        # a headline ("Pakistan arrests Hafiz Saeed") often parses its subject as a modifier
        lead = [
            k
            for k in tree.kids[v.i]
            if k.i < v.i
            and k.dep in ("amod", "npadvmod", "nmod", "dep", "compound", "advmod")
            and (k.pos == "PROPN" or k.ent_type in ("GPE", "NORP", "ORG", "PERSON"))
        ]
        return lead[:1]
    if v.dep == "conj" or (v.dep == "advcl" and not tree.children(v.i, "mark")):
        return subjects(tree, h, depth + 1)
    if v.dep == "xcomp":
        objs = tree.children(h.i, "dobj")
        if objs and tree.lem[h.i] not in ("promise", "offer", "pledge"):
            return [x for o in objs for x in tree.conj(o)]  # "urged Pakistan to …"
        return subjects(tree, h, depth + 1)
    if v.dep in ("acomp", "attr"):
        return subjects(tree, h, depth + 1)
    if v.dep == "relcl":
        return [h]
    if v.dep == "acl":
        if v.tag == "VBG":  # "a declaration demanding …": who issued it, else the noun
            return noun_sources(tree, h, None) or [h] if h.pos in NOMINAL else [h]
        if any(k.dep == "aux" and tree.low[k.i] == "to" for k in tree.kids[v.i]):
            return noun_sources(tree, h, None)  # "Washington's decision to provide …"
    if v.dep == "pcomp":
        # "accused X of violating …", "praised X for helping …": the governing verb's object;
        # "faces risks in targeting …", "left without signing …": its subject
        g = tree.head(h)
        if g is not None:
            objs = tree.children(g.i, "dobj") if tree.lem[h.i] in ("of", "for") else []
            return [x for o in objs for x in tree.conj(o)] if objs else subjects(tree, g, depth + 1)
    return []


def noun_sources(tree: CodingTree, n: Token, pat: Pattern | None, depth: int = 0) -> list[Token]:
    """The doer of a nominal event: possessor, ``by``/``from``, light-verb subject."""
    lexicon = tree.lexicon
    roles = pat.source if pat is not None and pat.source else ()
    poss = tree.children(n.i, "poss") or stray_possessor(tree, n)
    if poss and not all(p.pos == "PRON" for p in poss):
        return [x for p in poss for x in tree.conj(p)]
    for prep in ("by",) + tuple(r for r in roles if r not in ("poss", "by")):
        got = slot_tokens(tree, n, prep)
        if got:
            return got
    h = tree.head(n)
    if n.dep == "pobj" and h is not None and tree.lem[h.i] == "in":
        g = tree.head(h)  # "engaged in ethnic cleansing", "took part in talks"
        if g is not None and tree.lem[g.i] in ("engage", "participate", "part", "involve", "join"):
            v = tree.head(g) if tree.lem[g.i] == "part" else g
            return subjects(tree, v) if v is not None else []
    if h is None or lexicon is None or h.pos != "VERB" or n.dep not in ("dobj", "nsubjpass"):
        return poss
    if tree.lem[h.i] in lexicon.light:
        return subjects(tree, h) or poss
    if tree.lem[h.i] in lexicon.part and depth < 3:
        # "crackdowns, which included the arrests …": the arrests are the crackdowns' doer's
        out: list[Token] = []
        for whole in subjects(tree, h):
            out.extend(
                noun_sources(tree, whole, None, depth + 1)
                if whole.pos in NOMINAL and tree.children(whole.i, "poss")
                else [whole]
            )
        return out
    return poss


def stray_possessor(tree: CodingTree, n: Token) -> list[Token]:
    """ "X's decision" where the parser hung X elsewhere: the word before the noun's
    modifiers is a possessive 's whose owner is a name."""
    j = n.i - 1
    while j >= 0 and tree.toks[j].head == n.i and tree.toks[j].dep in ("amod", "compound", "nummod"):
        j -= 1
    if j >= 1 and tree.toks[j].dep == "case" and tree.low[j] in ("'s", "’s", "'", "’"):
        owner = tree.toks[tree.toks[j].head]
        if owner.pos == "PROPN" and owner.i == j - 1:
            return [owner]
    return []


def modifier_tokens(tree: CodingTree, n: Token, skip: set[int]) -> list[Token]:
    return [
        k
        for k in tree.kids[n.i]
        if k.dep in ("compound", "amod", "nmod")
        and k.i not in skip
        and (k.pos == "PROPN" or k.ent_type in ("GPE", "NORP", "ORG") or "-" in k.text)
    ]


def clause_subjects(tree: CodingTree, t: Token, c: Token) -> list[Token]:
    """The subject of the clause below ``t`` that holds ``c``, if that clause has one."""
    node = c
    while node.head != node.i and node.head != t.i:
        node = tree.toks[node.head]
    if node.head != t.i or node.dep not in ("ccomp", "xcomp") or node.i == c.i:
        return []
    return [x for w in tree.children(node.i, "nsubj", "nsubjpass") for x in tree.conj(w)]


def participants(st: SentenceState, toks: list[Token], skip: set[int]) -> list[Token]:
    """Role tokens minus the trigger's own words; a conjunct that is itself an event
    ("the arrest of Saeed and Washington's decision…") is no participant."""
    out = [x for x in toks if x.i not in skip]
    if len(out) < 2:
        return out
    owners = {
        o.i
        for i, m in st.matches.items()
        if m.kind == "noun"
        for o in st.tree.children(i, "poss") or stray_possessor(st.tree, st.tree.toks[i])
    }
    return out[:1] + [x for x in out[1:] if x.i not in st.matches and x.i not in owners]


def target_tokens(tree: CodingTree, m: Match, t: Token) -> list[Token]:
    """Who match ``m`` (triggered by ``t``) is done to."""
    pat = m.pattern
    roles = pat.target or (() if pat.kind == "noun" else ("obj", "iobj"))
    if pat.frame in ("appeal", "demand") and pat.kind != "noun":
        roles = ("obj",) + tuple(r for r in roles if r != "obj") + ("on", "to")
    for role in roles:
        if role == "poss":
            got = tree.children(t.i, "poss")
        elif role == "subj":
            got = subjects(tree, t)
        else:
            got = slot_tokens(tree, t, role)
        got = [
            g for g in got if g.i != m.comp_token and g.i not in m.consumed and g.ent_type not in ("DATE", "TIME")
        ]  # "demanded on Monday that …"
        if got:
            return got
    for k in m.consumed:  # "investigating war crimes by Croatian extremists"
        for prep in ("by", "against", "on", "to"):  # "issued an ultimatum to Ecuador"
            got = slot_tokens(tree, tree.toks[k], prep)
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
            who = clause_subjects(tree, t, c) if comp.kind == "noun" else []
            who = who or (
                noun_sources(tree, c, comp.pattern)
                if comp.kind == "noun"
                else list(tree.children(c.i, "nsubj", "nsubjpass"))
            )
            if who:
                return [x for w in who for x in tree.conj(w)]
        if pat.frame in ("reject", "accept") and comp.kind == "noun":
            # "rejected a U.S. request to…": the one who asked
            who = noun_sources(tree, c, comp.pattern) or modifier_tokens(tree, c, set(comp.words))
            if not who and comp.frame is not None:
                who = slot_tokens(tree, c, "from")  # "rejected an offer from Kabul"
            if who:
                return who
        return target_tokens(tree, comp, c)
    return []
