"""One sentence's dependency parse as a tree: the helper the coder, the modality judge, the
scenario finder and the date reader share. Each adds the queries only it needs
(:class:`dyad.coding.tree.CodingTree` adds the lexicon's word queries)."""

from __future__ import annotations

from dyad.records import Sentence, Token

NOMINAL = frozenset({"NOUN", "PROPN"})


def chain(tokens: tuple[Token, ...] | list[Token], i: int, limit: int = 64) -> list[int]:
    """Token ``i`` and its heads up to the root (at most ``limit`` tokens)."""
    out = [i]
    while tokens[i].head != i and len(out) < limit:
        i = tokens[i].head
        out.append(i)
    return out


class DepTree:
    """Children lists and small queries over one parsed sentence's tokens."""

    def __init__(self, sentence: Sentence):
        self.sentence = sentence
        self.toks = sentence.tokens
        self.kids: list[list[Token]] = [[] for _ in self.toks]
        for t in self.toks:
            if t.head != t.i:
                self.kids[t.head].append(t)

    def head(self, t: Token) -> Token | None:
        """``t``'s head, ``None`` for a root."""
        return None if t.head == t.i else self.toks[t.head]

    def chain(self, i: int) -> list[int]:
        """Token ``i`` and its heads up to the root."""
        return chain(self.toks, i)

    def children(self, i: int, *deps: str) -> list[Token]:
        """Token ``i``'s dependants with one of ``deps``."""
        return [k for k in self.kids[i] if k.dep in deps]

    def subtree(self, i: int) -> list[int]:
        """The indices of ``i`` and everything below it (depth-first)."""
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(k.i for k in self.kids[j])
        return out

    def span(self, lo: int, hi: int) -> str:
        """The sentence's text from token ``lo`` to token ``hi - 1``."""
        a, b = self.toks[lo], self.toks[hi - 1]
        return self.sentence.text[a.start : b.start + len(b.text)]

    def token_at(self, offset: int) -> int | None:
        """The token covering character ``offset`` of the sentence."""
        for t in self.toks:
            if t.start <= offset < t.start + max(1, len(t.text)):
                return t.i
        return None
