"""The dependency tree the coder, the modality judge and the scenario finder share."""

from __future__ import annotations

from dyad.nlp.tree import DepTree
from dyad.records import Sentence, Token


def _sentence() -> Sentence:
    # "Police arrested two men in Dhaka": arrested <- Police, men (<- two), in (<- Dhaka)
    words = [
        ("Police", 1, "nsubj"),
        ("arrested", 1, "ROOT"),
        ("two", 3, "nummod"),
        ("men", 1, "dobj"),
        ("in", 1, "prep"),
        ("Dhaka", 4, "pobj"),
    ]
    text = " ".join(w for w, _, _ in words)
    toks, pos = [], 0
    for i, (w, head, dep) in enumerate(words):
        toks.append(Token(i=i, text=w, lemma=w.lower(), pos="X", tag="X", dep=dep, head=head, start=pos))
        pos += len(w) + 1
    return Sentence(
        article_id="a",
        index=0,
        text=text,
        start=0,
        end=len(text),
        raw_start=0,
        raw_end=len(text),
        paragraph=0,
        tokens=tuple(toks),
    )


def test_tree_children_head_and_subtree():
    tree = DepTree(_sentence())
    assert [k.text for k in tree.children(1, "nsubj", "dobj")] == ["Police", "men"]
    assert tree.head(tree.toks[1]) is None and tree.head(tree.toks[0]).text == "arrested"
    assert sorted(tree.subtree(3)) == [2, 3]
    assert sorted(tree.subtree(1)) == list(range(6))


def test_tree_span_and_token_at():
    tree = DepTree(_sentence())
    assert tree.span(2, 4) == "two men"
    assert tree.token_at(0) == 0 and tree.token_at(tree.toks[5].start + 2) == 5
    assert tree.token_at(999) is None
