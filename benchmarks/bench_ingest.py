"""Ingest throughput against spaCy's parse alone on the same text, in one run.

    .venv/bin/python benchmarks/bench_ingest.py [--articles 300] [--repeat 1]

Builds a JSONL corpus of distinct articles by reshuffling the sentences of the bundled
sample corpus (fixed seed), then times (a) ``nlp.pipe`` over the articles' paragraphs and
(b) ``dyad ingest`` of the same corpus into a fresh store (read, clean, deduplicate, parse,
store). Prints articles/s and sentences/s for both and their ratio.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from corpus import build_texts, time_parse_alone

from dyad import api
from dyad.nlp.parse import load_model
from dyad.settings import Settings


def build_corpus(path: Path, n_articles: int, seed: int = 7) -> list[str]:
    """Write ``n_articles`` distinct articles as JSONL; return their texts."""
    texts = build_texts(n_articles, seed)
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(
                json.dumps({"id": f"bench-{i}", "text": text, "date": "2019-07-22", "title": f"Bench article {i}"})
                + "\n"
            )
    return texts


def time_ingest(corpus: Path, settings: Settings) -> tuple[float, int, int]:
    start = time.perf_counter()
    summary = api.ingest([str(corpus)], settings=settings)
    return time.perf_counter() - start, summary.stored, summary.sentences


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        texts = build_corpus(corpus, args.articles)
        settings = Settings(db=str(Path(tmp) / "bench.duckdb"), near_dup_threshold=0.95)
        load_model(settings.model)  # load once, outside both timings
        parse_s, parse_sents = time_parse_alone(texts, settings)
        ingest_s, stored, ingest_sents = time_ingest(corpus, settings)
    n = len(texts)
    print(f"corpus: {n} articles")
    print(f"{'':14}{'seconds':>9}{'articles/s':>12}{'sentences/s':>13}")
    print(f"{'parse alone':14}{parse_s:9.2f}{n / parse_s:12.1f}{parse_sents / parse_s:13.1f}")
    print(f"{'dyad ingest':14}{ingest_s:9.2f}{stored / ingest_s:12.1f}{ingest_sents / ingest_s:13.1f}")
    print(f"ingest / parse-alone throughput: {parse_s / ingest_s:.2f}")


if __name__ == "__main__":
    main()
