"""The coder's dependency tree: :class:`dyad.nlp.tree.DepTree` with the lexicon's word
queries, conjuncts, voice and negation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyad.coding.modality import is_negation
from dyad.nlp.tree import NOMINAL, DepTree
from dyad.records import Sentence, Token

if TYPE_CHECKING:
    from dyad.coding.lexicon import Lexicon, WordSet

# lemmas en_core_web_sm gets wrong for event verbs ("staged" -> "stag")
_LEMMA_FIXES = {("staged", "VERB"): "stage", ("staging", "VERB"): "stage"}


class CodingTree(DepTree):
    """The shared tree plus the coder's queries: the lexicon's words, conjuncts, voice, negation."""

    def __init__(self, sentence: Sentence, lexicon: Lexicon | None = None):
        super().__init__(sentence)
        self.lexicon = lexicon
        self.low = [t.text.lower() for t in self.toks]
        self.lem = [_LEMMA_FIXES.get((t.text.lower(), t.pos), t.lemma.lower()) for t in self.toks]
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
