"""Actor glue: the participants' tokens (:mod:`dyad.coding.participants`) resolved to actors
through the coder's resolver, with second tries around common parse slips, a country taken
from a place or a conjunct, and one role per member of a group ("the two sides")."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import Protocol

from dyad.actors.kb import split_code
from dyad.coding.participants import (
    antecedent,
    modifier_tokens,
    noun_sources,
    participants,
    slot_tokens,
    subjects,
    target_tokens,
)
from dyad.coding.tree import NOMINAL
from dyad.coding.triggers import Match, SentenceState
from dyad.records import ActorMatch, Sentence, Token

log = logging.getLogger(__name__)

CORE_LEFT = frozenset(
    {"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case", "predet", "npadvmod", "advmod", "punct"}
)
EXTENDED_DROP = frozenset({"relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "parataxis"})
LAND_ENTITIES = frozenset({"country", "capital", "seat", "place", "region"})
WEAK_ROLES = frozenset({"role:leader", "role:spokesperson"})


class ActorResolver(Protocol):
    """What the coder asks of its resolver (``dyad.actors.resolver.Resolver`` is one). A resolver may
    also offer ``new_context(date)``, a per-article coreference memory that is passed back
    as ``context``."""

    def resolve(self, text: str, date: str | None = None, context=None) -> ActorMatch:
        """One actor phrase."""

    def resolve_tokens(
        self, sentence: Sentence, start: int, end: int, date: str | None = None, context=None
    ) -> ActorMatch:
        """The tokens ``[start, end)`` of a parsed sentence."""

    def mentions(self, sentence: Sentence, date: str | None = None, context=None) -> list[ActorMatch]:
        """Every actor mention in a sentence (shown to the coreference memory)."""


@dataclass(frozen=True)
class Role:
    """One resolved participant: the token it came from and its actor match."""

    token: int
    actor: ActorMatch

    @property
    def code(self) -> str | None:
        return self.actor.code


class SentenceActors:
    """Resolves one sentence's participants (each phrase once) for an article's date and context."""

    def __init__(self, resolver: ActorResolver, st: SentenceState, date: str | None, context):
        self.resolver = resolver
        self.st = st
        self.tree = st.tree
        self.date = date
        self.context = context
        self._cache: dict[tuple, ActorMatch] = {}

    def roles(self, m: Match) -> tuple[list[Role], list[Role], bool]:
        """(sources, targets, reciprocal) for a match."""
        st, tree, pat = self.st, self.tree, m.pattern
        t = tree.toks[m.token]
        nominal = pat.kind == "noun"
        skip = set(m.words) | set(m.consumed)
        if nominal:
            src_toks = noun_sources(tree, t, pat)
        else:
            src_toks = subjects(tree, t)
            if m.instrument is not None and not [x for x in src_toks if x.i != m.instrument]:
                src_toks = noun_sources(tree, tree.toks[m.instrument], None)
        tgt_toks = target_tokens(tree, m, t)
        src = self.role_list(participants(st, src_toks, skip))
        tgt = self.role_list(participants(st, tgt_toks, skip))
        if not any(r.code for r in tgt):
            tgt = self._object_actors(m, t) or tgt
        # "deny entry to the United States": a destination that is the doer's own is no target
        own = {r.code for r in src if r.code}
        tgt = [r for r in tgt if not (r.code in own and tree.lem[tree.toks[r.token].head] == "to")]
        recip = "recip" in pat.flags
        if nominal:
            mods = self._modifier_actors(t, skip | {r.token for r in src})
            if not any(r.code for r in src) and mods:
                if recip and len(mods) > 1 and not any(r.code for r in tgt):
                    return mods, [], True
                src = mods[:1] if not recip else mods
        src, tgt = _share_country(src), _share_country(tgt)
        if src and all(r.code and r.code.startswith("---") for r in src):
            src = self._placed([t.i, *m.words], src, skip)
        return src, tgt, recip

    def resolve(self, t: Token, core_only: bool = False) -> ActorMatch:
        """Resolve the phrase headed by ``t``: the noun phrase, then with its modifiers,
        then its apposition (``core_only``: the noun phrase alone)."""
        tree = self.tree
        t = antecedent(tree, t)
        key = ("core" if core_only else "tok", t.i)
        if key in self._cache:
            return self._cache[key]
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
            got = self.resolve_span(lo, hi)
            if (got.code and (found is None or not found.code)) or found is None:
                found = got
            if found.code and not found.code.startswith("---"):
                break  # a role without a country ("officials") may get one from the modifiers
            if (
                got.code
                and not got.code.startswith("---")
                and got.country
                and found.entity in WEAK_ROLES
                and len(got.code) > 3
                and any(tree.lem[p.i] in ("of", "for", "from") for p in tree.children(t.i, "prep") if p.i < hi)
            ):
                # "a member of the Syrian parliament", "leaders of the Kurdish rebels": a
                # weak role noun ("member", "spokesman") stands for the group it belongs to
                found = replace(got, text=found.text, start=found.start, end=found.end)
                break
            if got.code and not got.code.startswith("---") and got.country:
                # "officials in Islamabad": the modifiers give the country, the head its role
                # (PAKGOV; "protesters in Kabul" AFGOPP, not the seat's AFGGOV)
                assert found.code is not None  # got's code when it had none; "---…" as it did not break
                found = replace(
                    found,
                    code=got.country + found.code[3:],
                    country=got.country,
                    why=f"{found.why}; country from {got.text!r}",
                )
                break
        if found is None or not found.code:
            found = ActorMatch(text=tree.span(*spans[0]), code=None, start=spans[0][0], end=spans[0][1])
        self._cache[key] = found
        return found

    def resolve_span(self, lo: int, hi: int) -> ActorMatch:
        key = ("span", lo, hi)
        if key not in self._cache:
            try:
                self._cache[key] = self.resolver.resolve_tokens(
                    self.st.sentence, lo, hi, date=self.date, context=self.context
                )
            except Exception:  # a resolver bug must not lose the article
                log.exception("resolver failed on %r", self.tree.span(lo, hi))
                self._cache[key] = ActorMatch(text=self.tree.span(lo, hi), code=None)
        return self._cache[key]

    def role_list(self, toks: list[Token]) -> list[Role]:
        out = []
        expanded: list[Token] = []
        for x in toks:
            ev = self.st.matches.get(x.i)
            if ev is not None and ev.kind == "noun" and x.pos in NOMINAL:
                # an event as participant stands for its doer: "condemned an attack by X"
                doers = noun_sources(self.tree, x, ev.pattern) or modifier_tokens(
                    self.tree, x, set(ev.words) | set(ev.consumed)
                )
                expanded.extend(doers)
            else:
                expanded.append(x)
        for x in expanded:
            actor = self.resolve(x)
            if actor.code is None:
                out.extend(self._repair(x) or [Role(x.i, actor)])
            elif len(actor.members) > 1:  # "the two sides": one role per member
                out.extend(
                    Role(x.i, replace(actor, code=code, country=split_code(code)[0], members=()))
                    for code in actor.members
                )
            else:
                out.append(Role(x.i, actor))
        return out

    def _modifier_actors(self, n: Token, skip: set[int]) -> list[Role]:
        out = []
        for k in modifier_tokens(self.tree, n, skip):
            parts = [p for p in re.split(r"(?<=[A-Za-z.])-(?=[A-Z])", k.text) if p]
            if len(parts) > 1:
                for p in parts:
                    try:
                        got = self.resolver.resolve(p, date=self.date, context=self.context)
                    except Exception:
                        log.exception("resolver failed on %r", p)
                        continue
                    if got.code:
                        out.append(Role(k.i, got))
                continue
            got = self.resolve(k)
            if got.code:
                out.append(Role(k.i, got))
        return out

    def _placed(self, heads: list[int], src: list[Role], skip: set[int]) -> list[Role]:
        """A doer with a role but no country ("people", "the military government") is of
        the place where the event happens: "people blocked streets in Hong Kong" (HKGCVL)."""
        tree = self.tree
        for p in [p for h in dict.fromkeys(heads) for p in tree.children(h, "prep")]:
            if tree.lem[p.i] not in ("in", "at") or p.i in skip:
                continue
            for o in tree.children(p.i, "pobj"):
                got = self.resolve(o)
                kind = (got.entity or "").split(":")[0]
                if got.country and kind in LAND_ENTITIES:
                    out = []
                    for r in src:
                        assert r.actor.code is not None  # the caller passes roles coded "---…" only
                        actor = replace(
                            r.actor,
                            code=got.country + r.actor.code[3:],
                            country=got.country,
                            why=f"{r.actor.why}; country from the place {got.text!r}",
                        )
                        out.append(Role(r.token, actor))
                    return out
        return src

    def _object_actors(self, m: Match, t: Token) -> list[Role]:
        """An object the pattern names by class is still a target when it is an actor:
        "banned opposition parties", "expelled two diplomats"."""
        pat, tree = m.pattern, self.tree
        roles = pat.target or (() if pat.kind == "noun" else ("obj",))
        if "obj" not in roles:
            return []
        out = []
        for x in slot_tokens(tree, t, "obj"):
            if x.i in m.consumed and x.i != m.comp_token and x.i not in self.st.matches:
                # the noun phrase names an actor ("inspectors of the IAEA"), not just
                # something in a clause below it ("the decision of sending troops to Iraq")
                heads = [x] + [
                    o
                    for p in tree.children(x.i, "prep")
                    if tree.lem[p.i] in ("of", "from")
                    for o in tree.children(p.i, "pobj")
                ]
                if any(self.resolve(h, core_only=True).code for h in heads):
                    out.append(Role(x.i, self.resolve(x)))
        return out

    def _repair(self, x: Token) -> list[Role]:
        """Second tries for an unresolved participant, around common parse slips."""
        tree = self.tree
        if x.pos == "PRON":
            # "Japan said it had halted aid": in reported speech the pronoun is the speaker
            clause = tree.head(x)
            say = tree.head(clause) if clause is not None and clause.dep == "ccomp" else None
            if say is not None and say.pos == "VERB":
                for subj in tree.children(say.i, "nsubj"):
                    got = self.resolve(subj)
                    if got.code:
                        return [Role(subj.i, got)]
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
            if p.i == end and tree.lem[p.i] in ("from", "of", "in", "at") and tree.children(p.i, "pobj"):
                sub = tree.subtree(p.i)
                lo = min(tree.subtree(x.i))
                got = self.resolve_span(lo, max(sub) + 1)
                if got.code:
                    return [Role(x.i, got)]
        # "welcomed memos sent by Bree": the one behind what was named
        for acl in tree.children(x.i, "acl"):
            for a in tree.children(acl.i, "agent"):
                for o in tree.children(a.i, "pobj"):
                    got = self.resolve(o)
                    if got.code:
                        return [Role(o.i, got)]
        # "…, including President Trump"
        out = []
        for p in tree.children(host.i, "prep") + tree.children(x.i, "prep"):
            if tree.low[p.i] == "including":
                for o in tree.children(p.i, "pobj"):
                    for y in tree.conj(o):
                        got = self.resolve(y)
                        if got.code:
                            out.append(Role(y.i, got))
        return out


def _share_country(roles: list[Role]) -> list[Role]:
    """ "Israeli helicopters and tanks": a conjunct of the same kind with no country of its
    own shares the first one's; one of another kind does not ("Israeli troops and militants")."""
    if len(roles) < 2 or not any(r.code and r.code.startswith("---") for r in roles):
        return roles
    first = roles[0]
    if not first.code or first.code.startswith("---") or len(first.code) <= 3 or not first.actor.country:
        return roles
    out = [first]
    seen: set[str | None] = {first.code}
    for r in roles[1:]:
        if r.code and r.code.startswith("---") and r.code[3:] == first.code[3:] and r.token > first.token:
            r = Role(
                r.token,
                replace(
                    r.actor,
                    code=first.code,
                    country=first.actor.country,
                    why=f"{r.actor.why}; country shared with {first.actor.text!r}",
                ),
            )
            if r.code in seen:
                continue
        seen.add(r.code)
        out.append(r)
    return out
