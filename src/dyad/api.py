"""The Python API; the CLI only wraps these functions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .pipeline import IngestSummary, Ingestor
from .settings import Settings, data_path
from .store import Store


def sample_corpus_path() -> str:
    """Path of the bundled sample corpus (JSONL, written by the project)."""
    return str(data_path("sample", "articles.jsonl"))


def ingest(paths: Iterable[str], db: str | None = None, settings: Settings | None = None, stdin=None,
           progress: Callable[[str], None] | None = None) -> IngestSummary:
    """Read, clean, deduplicate, parse and store ``paths`` (``-`` = ``stdin``)."""
    settings = (settings or Settings.from_env()).replace(db=db)
    with Store(settings.db) as store:
        return Ingestor(store, settings).run(list(paths), stdin=stdin, progress=progress)


def article_dict(stored) -> dict[str, Any]:
    """One article in the ``dyad articles --format jsonl`` shape."""
    a = stored.article
    return {
        "id": a.id, "title": a.title, "date": a.date, "url": a.url, "source": a.source,
        "text": a.text, "quotes": [q.as_dict() for q in a.quotes], "n_sentences": stored.n_sentences,
        "duplicate_of": a.duplicate_of,
    }


def articles(db: str = "dyad.duckdb", include_duplicates: bool = True) -> Iterator[dict[str, Any]]:
    """Every stored article, in ingest order."""
    with Store(db, read_only=True) as store:
        yield from (article_dict(s) for s in store.articles(include_duplicates))


def show(ref: str, db: str = "dyad.duckdb") -> dict[str, Any] | None:
    """One article with its numbered sentences, quotes, repeats and trailer; ``None`` if absent."""
    with Store(db, read_only=True) as store:
        stored = store.get_article(ref)
        if stored is None:
            return None
        out = article_dict(stored)
        out["sentences"] = [{"index": s.index, "paragraph": s.paragraph, "text": s.text,
                             "start": s.start, "end": s.end, "raw_start": s.raw_start, "raw_end": s.raw_end}
                            for s in store.sentences(stored.article.id)]
        out["repeats"] = [r.as_dict() for r in stored.article.repeats]
        out["trailer"] = stored.article.trailer
        out["origin"] = stored.article.origin
        return out


def summary(db: str = "dyad.duckdb") -> dict[str, Any]:
    """Counts of what the store holds, and the rejects by reason."""
    with Store(db, read_only=True) as store:
        counts = store.counts()
        _, rows = store.query("SELECT reason, count(*) FROM rejects GROUP BY reason ORDER BY 2 DESC")
        counts["rejects_by_reason"] = dict(rows)
        counts["schema_version"] = store.schema_version()
        return counts
