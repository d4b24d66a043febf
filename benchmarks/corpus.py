"""What the benchmarks share: a corpus of distinct articles and spaCy's parse alone on it."""

from __future__ import annotations

import json
import random
import re
import time

from dyad.nlp.parse import load_model, paragraphs
from dyad.settings import Settings, data_path


def build_texts(n_articles: int, seed: int = 7) -> list[str]:
    """``n_articles`` distinct articles (four paragraphs of three sentences) made by reshuffling
    the sentences of the bundled sample corpus with a fixed seed."""
    rng = random.Random(seed)
    sentences: list[str] = []
    for line in data_path("sample", "articles.jsonl").read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        sentences += [s for s in re.split(r"(?<=[.!?])\s+", text.replace("\n", " ")) if len(s) > 30]
    texts = []
    for _ in range(n_articles):
        picked = rng.sample(sentences, k=min(12, len(sentences)))
        texts.append("\n".join(" ".join(picked[j : j + 3]) for j in range(0, len(picked), 3)))
    return texts


def time_parse_alone(texts: list[str], settings: Settings) -> tuple[float, int]:
    """Seconds and sentences of ``nlp.pipe`` over the texts' paragraphs: the baseline."""
    nlp = load_model(settings.model)
    units = [t[s:e] for t in texts for s, e in paragraphs(t)]
    start = time.perf_counter()
    n = sum(len(list(doc.sents)) for doc in nlp.pipe(units, batch_size=settings.batch_size))
    return time.perf_counter() - start, n
