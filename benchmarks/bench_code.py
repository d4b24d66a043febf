"""Coder throughput against spaCy's parse alone on the same text, and peak memory.

    .venv/bin/python benchmarks/bench_code.py [--articles 300] [--rounds 3] [--memory 150,600]

Builds distinct articles by reshuffling the sentences of the bundled sample corpus (fixed
seed), then times, on the same texts:

(a) ``nlp.pipe`` over the articles' paragraphs (spaCy alone);
(b) ``dyad.coding.code_documents``: parse (dyad's parse stage) + code every sentence, with the
    real actor resolver, lexicon, modality and dates.

and prints sentences/s for both and (a)/(b)'s time ratio (the coder's throughput as a share
of parse-alone; the target is >= 0.8). With ``--memory A,B`` it codes A and B articles in
fresh subprocesses, the way ``dyad code FILE`` does (ingest into a temporary on-disk store,
code, stream the events out), and prints each one's peak resident memory, which should stay
flat as the corpus grows.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import build_texts, time_parse_alone

from dyad.coding import Coder, Document, code_documents
from dyad.nlp.parse import load_model
from dyad.settings import Settings


def time_code(texts: list[str], coder: Coder) -> tuple[float, int, int]:
    docs = (Document(f"bench-{i}", t, "2019-07-22") for i, t in enumerate(texts))
    start = time.perf_counter()
    n_events = 0
    sentences = set()
    for e in code_documents(docs, coder):
        n_events += 1
        sentences.add(e.sentence_id)
    return time.perf_counter() - start, n_events, len(sentences)


def peak_memory(n_articles: int) -> tuple[float, int]:
    """Run what ``dyad code FILE`` runs (ingest into a temporary store, code, stream events)
    on ``n_articles`` in this process; return (peak RSS in MiB, events)."""
    from dyad import api

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for i, text in enumerate(build_texts(n_articles, seed=11)):
                fh.write(json.dumps({"id": f"m{i}", "text": text, "date": "2019-07-22"}) + "\n")
        n_events = sum(1 for _ in api.code([str(corpus)]))
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, n_events


def model_cost() -> dict:
    """Load time and resident-memory growth of the trigger models and their word vectors."""
    import spacy  # noqa: F401  (imported by the parse stage anyway; not the models' cost)

    from dyad.coding.model import load_model as load_trigger_model
    from dyad.coding.model import load_verifier
    from dyad.coding.vectors import load_vectors

    def rss_mib() -> float:  # resident now (not the peak, which the imports set)
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20

    before, t0 = rss_mib(), time.perf_counter()
    load_trigger_model()
    load_verifier()
    t1 = time.perf_counter()
    load_vectors()
    t2 = time.perf_counter()
    return {
        "weights_s": round(t1 - t0, 3),
        "vectors_s": round(t2 - t1, 3),
        "rss_growth_mib": round(rss_mib() - before, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--memory", default="150,600", help="two corpus sizes for peak memory ('' to skip)")
    ap.add_argument("--rounds", type=int, default=3, help="alternating timing rounds (medians compared)")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--child-models", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_models:
        print(json.dumps(model_cost()))
        return
    if args.child:
        mib, n = peak_memory(args.child)
        print(json.dumps({"articles": args.child, "peak_mib": round(mib, 1), "events": n}))
        return

    settings = Settings()
    texts = build_texts(args.articles)
    coder = Coder(settings)
    load_model(settings.model)
    time_code(texts[:5], coder)  # warm caches (lexicon, actors, model) outside both timings
    # alternate the two, --rounds times, and compare medians: on a shared 2-core machine one
    # timing of each is mostly noise
    parse_times, code_times = [], []
    for _ in range(args.rounds):
        parse_s, n_sent = time_parse_alone(texts, settings)
        code_s, n_events, _ = time_code(texts, coder)
        parse_times.append(parse_s)
        code_times.append(code_s)
    parse_s, code_s = statistics.median(parse_times), statistics.median(code_times)
    print(
        f"corpus: {len(texts)} articles, {n_sent} sentences; {n_events} events coded; "
        f"median of {args.rounds} alternating rounds"
    )
    print(f"{'':22}{'seconds':>9}{'sentences/s':>13}")
    print(f"{'spaCy parse alone':22}{parse_s:9.2f}{n_sent / parse_s:13.1f}")
    print(f"{'parse + code (dyad)':22}{code_s:9.2f}{n_sent / code_s:13.1f}")
    print(f"coder throughput / parse-alone: {parse_s / code_s:.2f}")
    out = subprocess.run(
        [sys.executable, __file__, "--child-models"], check=True, capture_output=True, text=True
    ).stdout
    m = json.loads(out.strip().splitlines()[-1])
    print(
        f"trigger models: weights load in {m['weights_s']:.2f} s, word vectors in "
        f"{m['vectors_s']:.2f} s; resident memory +{m['rss_growth_mib']:.0f} MiB (fresh process)"
    )

    if args.memory:
        for size in (int(s) for s in args.memory.split(",")):
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(size)], check=True, capture_output=True, text=True
            ).stdout
            r = json.loads(out.strip().splitlines()[-1])
            print(f"peak memory coding {r['articles']:5d} articles: {r['peak_mib']:7.1f} MiB ({r['events']} events)")


if __name__ == "__main__":
    main()
