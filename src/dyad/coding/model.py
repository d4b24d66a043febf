"""A learned trigger model: does this word report an event of a class, in news?

The lexicon and grammar (``dyad.coding``) were written from codebook sentences; news says the
same things with other words ("nabbed", "rounded up", "a night raid", "staged a sit-in") and
uses the codebook's words for other things ("verbally attacked", "talks to the media"). The
model scores every content word of a parsed sentence for the event classes that the
real-news gold sets label exhaustively (meetings, protests, arrests, attacks) and ``NONE``.
The coder uses it both ways: a word the model is sure of becomes a trigger even when the
lexicon does not know it, and a lexicon trigger of a modelled class that the model rejects
outright is dropped.

The model is a multinomial logistic regression over sparse features of the word, its
lemma, its neighbours, its place in the parse (head, dependants, entity types) and the
lexicon's own opinion of its lemma. Weights are trained by ``scripts/train_trigger_model.py``
(fixed seed, documented split; ``docs/model.md``) and ship in ``dyad/data/models/``; they
load from disk in milliseconds with numpy alone.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dyad.records import Sentence, Token

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models"
MODEL_NAME = "trigger_model"
CANDIDATE_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ"})
# a class -> the CAMEO code an event gets when the lexicon has nothing more specific
DEFAULT_CODES = {"MEET": "040", "PROTEST": "140", "ARREST": "173", "ATTACK": "190"}
# class -> the CAMEO roots it covers (what a lexicon code must have to count as that class)
CLASS_ROOTS = {"MEET": ("04",), "PROTEST": ("14",), "ARREST": ("17",), "ATTACK": ("18", "19", "20")}
ARG_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "agent", "compound", "amod", "poss", "prt", "attr", "acomp", "neg", "aux", "auxpass"}
)


def class_of(code: str) -> str | None:
    """The modelled class of a CAMEO code (``None`` when the model does not cover it)."""
    if code.startswith("173"):
        return "ARREST"
    root = code[:2]
    for name, roots in CLASS_ROOTS.items():
        if root in roots and name != "ARREST":
            return name
    return None


def candidates(tokens: Sequence[Token]) -> list[int]:
    return [t.i for t in tokens if t.pos in CANDIDATE_POS and any(c.isalpha() for c in t.text)]


def children(tokens: Sequence[Token]) -> list[list[Token]]:
    """Each token's dependants, computed once per sentence."""
    kids: list[list[Token]] = [[] for _ in tokens]
    for k in tokens:
        if k.head != k.i:
            kids[k.head].append(k)
    return kids


def features(tokens: Sequence[Token], i: int, lex_roots=None, kids_of: list[list[Token]] | None = None) -> list[str]:
    """The sparse features of token ``i`` (strings; unknown ones are ignored at scoring)."""
    t = tokens[i]
    low, lem = t.text.lower(), t.lemma.lower()
    kids_of = kids_of if kids_of is not None else children(tokens)
    kids = kids_of[i]
    f = [
        f"w={low}",
        f"l={lem}",
        f"p={t.pos}",
        f"lp={lem}|{t.pos}",
        f"t={t.tag}",
        f"d={t.dep}",
        f"ld={lem}|{t.dep}",
        f"s3={low[-3:]}",
        f"p4={low[:4]}",
    ]
    if t.ent_type:
        f.append(f"ent={t.ent_type}")
    if t.head != i:
        h = tokens[t.head]
        f += [f"h={h.lemma.lower()}", f"hd={t.dep}|{h.lemma.lower()}", f"hp={h.pos}"]
        if h.dep == "prep" or h.pos == "ADP":
            f.append(f"prep={h.lemma.lower()}|{lem}")
            if h.head != h.i:
                f.append(f"pp={tokens[h.head].lemma.lower()}|{h.lemma.lower()}")
    for k in kids:
        kl = k.lemma.lower()
        if k.dep in ARG_DEPS:
            f.append(f"k={k.dep}|{kl}")
            f.append(f"kl={lem}|{k.dep}|{kl}")
            if k.ent_type:
                f.append(f"ke={k.dep}|{k.ent_type}")
        elif k.dep == "prep":
            f.append(f"kp={kl}")
            f.append(f"lkp={lem}|{kl}")
            for o in kids_of[k.i]:
                if o.dep == "pobj":
                    f.append(f"kpo={kl}|{o.lemma.lower()}")
                    if o.ent_type:
                        f.append(f"kpe={kl}|{o.ent_type}")
    for off in (-2, -1, 1, 2):
        j = i + off
        w = tokens[j].lemma.lower() if 0 <= j < len(tokens) else ("<s>" if j < 0 else "</s>")
        f.append(f"c{off}={w}")
    if i > 0:
        f.append(f"bi-={tokens[i - 1].lemma.lower()}|{lem}")
    if i + 1 < len(tokens):
        f.append(f"bi+={lem}|{tokens[i + 1].lemma.lower()}")
    if lex_roots is not None:
        for r in lex_roots(lem, low, t.pos):
            f.append(f"lex={r}")
            f.append(f"lexp={r}|{t.pos}")
    f.append("bias")
    return f


def dense(tokens: Sequence[Token], i: int, vecs, kids_of: list[list[Token]] | None = None) -> np.ndarray:
    """The word's vector, the mean vector of its arguments and its head's vector (zeros
    where a word has none): what lets the model generalise past the words it was shown."""
    from dyad.coding.vectors import DIM

    out = np.zeros(3 * DIM, dtype=np.float32)
    if vecs is None:
        return out
    t = tokens[i]
    v = vecs.get(t.text) if t.text.lower() == t.text or t.pos != "PROPN" else None
    v = v if v is not None else vecs.get(t.lemma)
    if v is not None:
        out[:DIM] = v
    kids_of = kids_of if kids_of is not None else children(tokens)
    args = []
    for k in kids_of[i]:
        if k.dep in ("nsubj", "nsubjpass", "dobj", "agent", "compound", "amod", "poss"):
            args.append(k)
        elif k.dep == "prep":
            args.extend(o for o in kids_of[k.i] if o.dep == "pobj")
    av = [a for a in (vecs.get(x.lemma) for x in args) if a is not None]
    if av:
        out[DIM : 2 * DIM] = np.mean(av, axis=0)
    if t.head != i:
        h = vecs.get(tokens[t.head].lemma)
        if h is not None:
            out[2 * DIM :] = h
    return out


@dataclass(frozen=True)
class Scores:
    """The model's class probabilities for each candidate token of a sentence."""

    labels: tuple[str, ...]
    probs: dict[int, np.ndarray]

    def best(self, i: int) -> tuple[str, float]:
        p = self.probs.get(i)
        if p is None:
            return "NONE", 1.0
        k = int(np.argmax(p))
        return self.labels[k], float(p[k])

    def prob(self, i: int, label: str) -> float:
        p = self.probs.get(i)
        if p is None:
            return 0.0 if label != "NONE" else 1.0
        return float(p[self.labels.index(label)])


class TriggerModel:
    """Weights (features x labels) and the thresholds the coder applies."""

    def __init__(
        self,
        vocab: dict[str, int],
        weights: np.ndarray,
        labels: Sequence[str],
        meta: dict | None = None,
        dense_weights: np.ndarray | None = None,
    ):
        self.vocab = vocab
        self.weights = weights.astype(np.float32)
        self.dense_weights = None if dense_weights is None else dense_weights.astype(np.float32)
        self._vecs = None
        self.labels = tuple(labels)
        self.meta = meta or {}
        self.propose = float(self.meta.get("propose_threshold", 0.5))
        self.veto = float(self.meta.get("veto_threshold", 0.05))
        self.confirm = float(self.meta.get("confirm_threshold", 0.5))

    @property
    def vectors(self):
        if self._vecs is None and self.dense_weights is not None:
            from dyad.coding.vectors import load_vectors

            self._vecs = load_vectors() or False
        return self._vecs or None

    def score_features(self, feats: list[list[str]], dense_rows: np.ndarray | None = None) -> np.ndarray:
        out = np.zeros((len(feats), len(self.labels)), dtype=np.float32)
        for r, fs in enumerate(feats):
            idx = [self.vocab[x] for x in fs if x in self.vocab]
            if idx:
                out[r] = self.weights[idx].sum(axis=0)
        if dense_rows is not None and self.dense_weights is not None:
            out += dense_rows @ self.dense_weights
        out -= out.max(axis=1, keepdims=True)
        np.exp(out, out=out)
        out /= out.sum(axis=1, keepdims=True)
        return out

    def score(self, sentence: Sentence, lex_roots=None) -> Scores:
        toks = sentence.tokens
        idx = candidates(toks)
        if not idx:
            return Scores(self.labels, {})
        kids = children(toks)
        rows = None
        if self.dense_weights is not None:
            vecs = self.vectors
            rows = np.stack([dense(toks, i, vecs, kids) for i in idx])
        probs = self.score_features([features(toks, i, lex_roots, kids) for i in idx], rows)
        return Scores(self.labels, {i: probs[n] for n, i in enumerate(idx)})

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        names = sorted(self.vocab, key=self.vocab.__getitem__)
        arrays: dict[str, np.ndarray] = {"weights": self.weights.astype(np.float16)}
        if self.dense_weights is not None:
            arrays["dense_weights"] = self.dense_weights.astype(np.float16)
        # mypy matches **arrays against the keyword allow_pickle too; numpy takes them as named arrays
        np.savez_compressed(path.with_suffix(".npz"), **arrays)  # type: ignore[arg-type]
        meta = dict(self.meta, labels=list(self.labels), features=names)
        path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=0), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> TriggerModel:
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        with np.load(path.with_suffix(".npz")) as z:
            weights = z["weights"].astype(np.float32)
            dense_w = z["dense_weights"].astype(np.float32) if "dense_weights" in z.files else None
        names = meta.pop("features")
        labels = meta.pop("labels")
        return cls({n: k for k, n in enumerate(names)}, weights, labels, meta, dense_w)


@functools.lru_cache(maxsize=2)
def load_model(path: str | None = None) -> TriggerModel | None:
    """The bundled model (or the one at ``path``); ``None`` when no weights are installed."""
    p = Path(path) if path else MODEL_DIR / MODEL_NAME
    if not p.with_suffix(".npz").exists():
        log.warning("no trigger model at %s; coding with the lexicon alone", p)
        return None
    return TriggerModel.load(p)


def lexicon_roots(lexicon):
    """A function (lemma, lower, pos) -> the CAMEO roots the lexicon's patterns for that word
    code (what the hand-written rules think of it, as a feature)."""
    cache: dict[tuple[str, str, str], tuple[str, ...]] = {}
    kinds = {"VERB": ("verb", "adj"), "ADJ": ("adj",), "NOUN": ("noun",), "PROPN": ("noun",)}

    def roots(lem: str, low: str, pos: str) -> tuple[str, ...]:
        key = (lem, low, pos)
        got = cache.get(key)
        if got is None:
            codes = {p.code for k in kinds.get(pos, ()) for p in lexicon.lookup(k, (lem, low))}
            got = tuple(
                sorted({"none" if c == "---" or not c[:2].isdigit() else (class_of(c) or c[:2]) for c in codes})
            )
            cache[key] = got
        return got

    return roots


# ---- the event verifier ----------------------------------------------------------------

VERIFIER_NAME = "event_verifier"


def event_token(tokens: Sequence[Token], start: int) -> int | None:
    """The token an event's evidence starts at."""
    for t in tokens:
        if t.start == start:
            return t.i
    for t in tokens:
        if t.start <= start < t.start + len(t.text):
            return t.i
    return None


def _ref_kind(ref) -> str:
    if ref is None:
        return "none"
    if not ref.code:
        return "text"
    return "anon" if ref.code.startswith("---") else "coded"


def event_features(
    tokens: Sequence[Token], i: int, event, lex_roots=None, kids_of: list[list[Token]] | None = None
) -> list[str]:
    """Features of a candidate event of a modelled class: its trigger word in context (as
    the trigger model sees it), the class, the modality and how far its actors resolved."""
    cls = class_of(event.cameo) or "OTHER"
    base = features(tokens, i, lex_roots, kids_of)
    f = [f"{cls}|{x}" for x in base if not x.startswith(("c-", "c1", "c2", "s3", "p4"))] + base
    src, tgt = _ref_kind(event.source), _ref_kind(event.target)
    f += [
        f"cls={cls}",
        f"code={event.cameo}",
        f"mod={event.modality}",
        f"{cls}|mod={event.modality}",
        f"src={src}",
        f"tgt={tgt}",
        f"{cls}|src={src}",
        f"{cls}|tgt={tgt}",
        f"{cls}|st={src}|{tgt}",
        f"nw={min(len(event.evidence.text.split()), 3)}",
    ]
    for side, ref in (("s", event.source), ("t", event.target)):
        if ref is not None and ref.code:
            f.append(f"{cls}|{side}sector={ref.code[3:6] or 'state'}")
    return f


@functools.lru_cache(maxsize=2)
def load_verifier(path: str | None = None) -> TriggerModel | None:
    p = Path(path) if path else MODEL_DIR / VERIFIER_NAME
    if not p.with_suffix(".npz").exists():
        log.warning("no event verifier at %s; keeping the lexicon's events as they are", p)
        return None
    return TriggerModel.load(p)
