"""Train dyad's trigger model (``dyad.coding.model``) from the real-news gold sets.

    .venv/bin/python scripts/train_trigger_model.py [--shared ../shared] [--out src/dyad/data/models]

Data (``../shared/dev``), only the articles that ``dyad.evaluate.news.part_of`` puts in the
``tune`` part; the ``measure`` part is never read here:

- ``voa_m2e2_dev.jsonl``: every sentence is labelled for ACE event types, so every content
  word that is not a trigger is a true ``NONE``. Triggers of Contact:Meet, Conflict:Demonstrate,
  Justice:Arrest-Jail and Conflict:Attack give MEET, PROTEST, ARREST, ATTACK; triggers of the
  other types (deaths, journeys, calls, payments) are left out rather than called ``NONE``.
- ``rams_dev.jsonl``: one labelled event a window, no negatives: the trigger word of a type
  that maps to a modelled class is a positive; no other word of the window is used.

Within the tune part, articles are split again (by the same hash, salted) into a fit part
and a check part; the thresholds are chosen on the check part, then the model is refitted
on the whole tune part. Seed 13 (the optimiser is deterministic; the seed orders the data).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import random
import sys
import time
from pathlib import Path

import numpy as np
from scipy import optimize, sparse

from dyad.coding import light_clean
from dyad.coding.lexicon import load_lexicon
from dyad.coding.model import (
    MODEL_NAME,
    VERIFIER_NAME,
    TriggerModel,
    candidates,
    class_of,
    dense,
    event_features,
    event_token,
    features,
    lexicon_roots,
)
from dyad.coding.vectors import load_vectors
from dyad.evaluate.gold import _clean as _identity
from dyad.evaluate.news import ACE_CLASS, EXCUSED, fold_of, read_news_gold
from dyad.nlp.parse import Parser

SEED = 13
LABELS = ("NONE", "MEET", "PROTEST", "ARREST", "ATTACK")
IGNORED_ACE = {"Life:Die", "Movement:Transport", "Contact:Phone-Write", "Transaction:Transfer-Money"}
L2 = float(os.environ.get("DYAD_TRAIN_L2", 3.0))  # on the sparse (word) features
L2_DENSE = float(os.environ.get("DYAD_TRAIN_L2_DENSE", 0.3))  # on the vector features
POS_WEIGHT = float(os.environ.get("DYAD_TRAIN_POS_WEIGHT", 2.0))  # each positive word counts this often
THRESHOLDS = {  # applied by the coder (dyad.coding.coder.Coder._apply_model)
    "propose_threshold": float(os.environ.get("DYAD_TRAIN_PROPOSE", 1.01)),  # > 1: off
    "veto_threshold": float(os.environ.get("DYAD_TRAIN_VETO", 0.04)),
    "confirm_threshold": float(os.environ.get("DYAD_TRAIN_CONFIRM", 0.5)),
}
MIN_COUNT = 2
VLABELS = ("NO", "YES")
KEEP = float(os.environ.get("DYAD_TRAIN_KEEP", 0.45))  # the verifier's probability to keep an event
VETO_CODED = float(
    os.environ.get("DYAD_TRAIN_VETO_CODED", 0.0)
)  # below it even an event with a coded actor goes (0: never)


def rams_class(etype: str, cameo_root: str | None, mapping: str) -> str | None:
    """The modelled class of a RAMS type, or None (not used)."""
    if etype.startswith("conflict.attack"):
        return "ATTACK"
    if etype.startswith("conflict.demonstrate"):
        return "PROTEST"
    if etype.startswith("justice.arrestjaildetain"):
        return "ARREST"
    if mapping == "clear" and cameo_root == "04" and not etype.endswith("correspondence"):
        return "MEET"
    return None


def _trigger_token(tokens, trigger: str) -> int | None:
    words = [w.lower() for w in trigger.split()]
    hits = [t.i for t in tokens if t.text.lower() in words]
    if not hits:
        hits = [t.i for t in tokens if any(w.startswith(t.text.lower()) and len(t.text) > 2 for w in words)]
    if not hits:
        return None
    inside = set(hits)
    for i in hits:  # the syntactic head of a multi-word trigger
        if tokens[i].head not in inside or tokens[i].head == i:
            return i
    return hits[0]


def _rams_windows(shared: Path, parser: Parser):
    """(record, gold event, class, the window's sentences, those of the trigger sentence) for
    the tune-part windows whose event is of a modelled class."""
    rams = read_news_gold(shared / "dev" / "rams_dev.jsonl", "tune")
    items = ((f"r{n}", _identity(light_clean("\n\n".join(r.sentences)))) for n, r in enumerate(rams))
    for (_, sents), rec in zip(parser.parse_many(items, budget=0), rams):
        g = rec.events[0]
        lab = rams_class(g.type, g.cameo_root, g.mapping)
        if lab is None or rec.trigger_sentence is None:
            continue
        trig = " ".join(rec.sentences[rec.trigger_sentence].split()).lower()
        yield rec, g, lab, sents, [s for s in sents if " ".join(s.text.split()).lower() in trig]


def examples(shared: Path, parser: Parser, roots, vecs) -> list[tuple]:
    """(article, features, dense row, label) for every training word."""
    out = []
    voa = list(read_news_gold(shared / "dev" / "voa_m2e2_dev.jsonl", "tune"))
    items = ((f"v{n}", _identity(light_clean(r.text))) for n, r in enumerate(voa))
    for (_, sents), rec in zip(parser.parse_many(items, budget=0), voa):
        for s in sents:
            toks = s.tokens
            labels: dict[int, str] = {}
            for g in rec.events:
                if g.trigger.lower() not in s.text.lower():
                    continue
                i = _trigger_token(toks, g.trigger)
                if i is None:
                    continue
                lab = ACE_CLASS.get(g.type)
                if lab is not None:
                    labels[i] = lab
                elif g.type in IGNORED_ACE:
                    labels.setdefault(i, "")
            for i in candidates(toks):
                lab = labels.get(i, "NONE")
                if lab:
                    out.append((rec.article, features(toks, i, roots), dense(toks, i, vecs), lab))
    for rec, g, lab, _sents, trig in _rams_windows(shared, parser):
        for s in trig:
            i = _trigger_token(s.tokens, g.trigger)
            if i is not None and i in candidates(s.tokens):
                out.append((rec.article, features(s.tokens, i, roots), dense(s.tokens, i, vecs), lab))
                break
    return out


def fit(rows, vocab: dict[str, int], labels=LABELS) -> tuple[np.ndarray, np.ndarray]:
    n, k, nv = len(rows), len(labels), len(vocab)
    data, ri, ci = [], [], []
    for r, (_, fs, _, _) in enumerate(rows):
        for x in set(fs):
            j = vocab.get(x)
            if j is not None:
                ri.append(r)
                ci.append(j)
                data.append(1.0)
    X = sparse.csr_matrix((data, (ri, ci)), shape=(n, len(vocab)))
    D = np.stack([d for _, _, d, _ in rows]).astype(np.float64)
    nd = D.shape[1]
    y = np.array([labels.index(lab) for _, _, _, lab in rows])
    Y = np.zeros((n, k))
    Y[np.arange(n), y] = 1.0
    sw = np.where(y > 0, POS_WEIGHT, 1.0)[:, None]
    bias = vocab["bias"]

    def loss(w_flat):
        W = w_flat[: nv * k].reshape(nv, k)
        V = w_flat[nv * k :].reshape(nd, k)
        Z = X @ W + D @ V
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        nll = -np.sum(sw * Y * np.log(P + 1e-12))
        reg = W.copy()
        reg[bias] = 0.0
        G = sw * (P - Y)
        gw = X.T @ G + L2 * reg
        gv = D.T @ G + L2_DENSE * V
        value = nll + 0.5 * L2 * np.sum(reg * reg) + 0.5 * L2_DENSE * np.sum(V * V)
        return value, np.concatenate([np.asarray(gw).ravel(), gv.ravel()])

    w0 = np.zeros(nv * k + nd * k)
    res = optimize.minimize(loss, w0, jac=True, method="L-BFGS-B", options={"maxiter": 400})
    return res.x[: nv * k].reshape(nv, k), res.x[nv * k :].reshape(nd, k)


def verifier_examples(shared: Path, parser: Parser, roots, vecs) -> list[tuple]:
    """(article, features, dense row, YES/NO) for every candidate event of a modelled class
    that the lexicon and grammar find (actors not required)."""
    from dyad.coding import Coder
    from dyad.settings import Settings

    coder = Coder(Settings(trigger_model="candidates"))
    out = []
    voa = read_news_gold(shared / "dev" / "voa_m2e2_dev.jsonl", "tune")
    items = ((f"v{n}", _identity(light_clean(r.text))) for n, r in enumerate(voa))
    for (_, sents), rec in zip(parser.parse_many(items, budget=0), voa):
        types = {g.type for g in rec.events}
        gold = {ACE_CLASS[t] for t in types if t in ACE_CLASS}
        by_id = {s.sentence_id: s for s in sents}
        for ev in coder.code_sentences(sents, rec.id, rec.date):
            cls = class_of(ev.cameo)
            if cls is None:
                continue
            if cls not in gold and EXCUSED.get(cls, set()) & types:
                continue
            s = by_id[ev.sentence_id]
            i = event_token(s.tokens, ev.evidence.start)
            if i is None:
                continue
            out.append(
                (
                    rec.article,
                    event_features(s.tokens, i, ev, roots),
                    dense(s.tokens, i, vecs),
                    "YES" if cls in gold else "NO",
                )
            )
    for rec, _, lab, sents, trig in _rams_windows(shared, parser):
        here = {s.sentence_id: s for s in trig}
        for ev in coder.code_sentences(sents, rec.id, rec.date):
            s = here.get(ev.sentence_id)
            if s is None or class_of(ev.cameo) != lab:
                continue
            i = event_token(s.tokens, ev.evidence.start)
            if i is not None:
                out.append((rec.article, event_features(s.tokens, i, ev, roots), dense(s.tokens, i, vecs), "YES"))
    return out


def build_vocab(rows) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _, fs, _, _ in rows:
        for x in set(fs):
            counts[x] = counts.get(x, 0) + 1
    names = sorted(x for x, c in counts.items() if c >= MIN_COUNT or x == "bias")
    return {x: n for n, x in enumerate(names)}


def check(model: TriggerModel, rows) -> dict:
    """Word-level P/R/F1 of the classes at a few proposal thresholds."""
    probs = model.score_features([fs for _, fs, _, _ in rows], np.stack([d for _, _, d, _ in rows]))
    gold = [lab for _, _, _, lab in rows]
    out = {}
    for th in (0.3, 0.4, 0.5, 0.6, 0.7):
        tp = fp = fn = 0
        for p, g in zip(probs, gold):
            k = int(np.argmax(p[1:])) + 1
            pred = LABELS[k] if p[k] >= th else "NONE"
            if pred != "NONE" and pred == g:
                tp += 1
            else:
                fp += pred != "NONE"
                fn += g != "NONE"
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        out[str(th)] = {
            "precision": round(prec, 4),
            "recall": round(rec, 4),
            "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0,
        }
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[1] / "src" / "dyad" / "data" / "models"
    )
    ap.add_argument(
        "--fold",
        type=int,
        choices=(0, 1),
        default=None,
        help="Train on one fold of the tune part only (to score on the other: "
        "dyad eval GOLD --part tune/<other fold>).",
    )
    ap.add_argument(
        "--cache", type=Path, default=None, help="Keep the parsed training words in this pickle between runs."
    )
    args = ap.parse_args(argv)
    random.seed(SEED)
    t0 = time.time()
    lexicon = load_lexicon()
    if args.cache is not None and args.cache.exists():
        rows, vrows = pickle.loads(args.cache.read_bytes())
    else:
        parser, roots, vecs = Parser(), lexicon_roots(lexicon), load_vectors()
        rows = examples(args.shared, parser, roots, vecs)
        vrows = verifier_examples(args.shared, parser, roots, vecs)
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps((rows, vrows)))
    if args.fold is not None:
        rows = [r for r in rows if fold_of(r[0]) == args.fold]
        vrows = [r for r in vrows if fold_of(r[0]) == args.fold]
    random.shuffle(rows)
    random.shuffle(vrows)
    print(
        f"{len(rows)} training words from the tune parts ({time.time() - t0:.0f} s); labels:",
        {lab: sum(r[3] == lab for r in rows) for lab in LABELS},
        file=sys.stderr,
    )

    def salted(article: str) -> str:
        return "check" if int(hashlib.sha256(("fit:" + article).encode()).hexdigest()[:8], 16) % 5 == 0 else "fit"

    fit_rows = [r for r in rows if salted(r[0]) == "fit"]
    check_rows = [r for r in rows if salted(r[0]) == "check"]
    vocab = build_vocab(fit_rows)
    w, v = fit(fit_rows, vocab)
    held = check(TriggerModel(vocab, w, LABELS, dense_weights=v), check_rows)
    print("check part (word level):", json.dumps(held), file=sys.stderr)
    vocab = build_vocab(rows)
    weights, dense_weights = fit(rows, vocab)
    meta = {
        "version": 1,
        "seed": SEED,
        "l2": L2,
        "min_count": MIN_COUNT,
        "trained_on": "tune parts of voa_m2e2_dev.jsonl and rams_dev.jsonl (dyad.evaluate.news.part_of)",
        "examples": len(rows),
        "check_part": held,
        "l2_dense": L2_DENSE,
        "pos_weight": POS_WEIGHT,
        **THRESHOLDS,
        "default_codes": {"MEET": "040", "PROTEST": "140", "ARREST": "173", "ATTACK": "190"},
    }
    if args.fold is not None:
        meta["trained_on"] += f", fold {args.fold} only"
    model = TriggerModel(vocab, weights, LABELS, meta, dense_weights)
    model.save(args.out / MODEL_NAME)
    vvocab = build_vocab(vrows)
    vw, vd = fit(vrows, vvocab, VLABELS)
    vmeta = {
        "version": 1,
        "seed": SEED,
        "l2": L2,
        "l2_dense": L2_DENSE,
        "min_count": MIN_COUNT,
        "trained_on": meta["trained_on"],
        "examples": len(vrows),
        "positives": sum(r[3] == "YES" for r in vrows),
        "keep_threshold": KEEP,
        "veto_coded_threshold": VETO_CODED,
    }
    TriggerModel(vvocab, vw, VLABELS, vmeta, vd).save(args.out / VERIFIER_NAME)
    print(
        f"verifier: {len(vrows)} candidate events ({vmeta['positives']} real), {len(vvocab)} features", file=sys.stderr
    )
    print(
        f"wrote {args.out / MODEL_NAME}.npz/.json: {len(vocab)} features x {len(LABELS)} labels "
        f"({time.time() - t0:.0f} s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
