"""The ingest job: read -> clean -> deduplicate -> parse -> store, resumably.

Articles are identified by the hash of their cleaned text. An exact duplicate is skipped
(and recorded in ``exact_duplicates``); a near-duplicate (MinHash estimate of the Jaccard
similarity of word 5-shingles at or above ``Settings.near_dup_threshold``) is stored with
``duplicate_of`` pointing at the earliest original. Inputs are processed in a fixed order
and committed in whole-article batches, so a killed run resumes to the same final store.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

from dyad.records import Article, CleanText, Event, RawDocument, Reject
from dyad.settings import Settings
from dyad.store.db import Store
from dyad.text.clean import clean
from dyad.text.ingest import read_inputs
from dyad.text.limits import CleanLimitError, clean_options, guard_reason
from dyad.workers import ArticleCoder, Done, Stage, Work, process

if TYPE_CHECKING:
    from datasketch import LeanMinHash  # imported where used: it pulls in scipy (a second on start)

log = logging.getLogger(__name__)

SHINGLE = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def article_id(text: str) -> str:
    """Content id: sha256 of the cleaned text with case and whitespace normalised."""
    norm = " ".join(text.lower().split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


@cache
def _scheme():
    """The hash scheme of our signatures: stored ones are read back with the same scheme."""
    from datasketch import MinHash

    return MinHash(num_perm=1, seed=1).scheme


@functools.lru_cache(maxsize=4)
def _permutations(num_perm: int):
    """The seed-1 permutations every signature uses, made once (they cost more than a short text)."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=1).permutations


def minhash(text: str, num_perm: int) -> LeanMinHash:
    from datasketch import LeanMinHash, MinHash

    words = _WORD.findall(text.lower())
    grams = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    m = MinHash(num_perm=num_perm, seed=1, permutations=_permutations(num_perm), scheme=_scheme())
    m.update_batch([g.encode("utf-8") for g in grams])
    return LeanMinHash(m)


def signature(values: list[int]) -> LeanMinHash:
    """A signature as stored (``articles.minhash``), back as a ``LeanMinHash``."""
    import numpy as np
    from datasketch import LeanMinHash

    return LeanMinHash(seed=1, hashvalues=np.array(values, dtype=np.uint64), scheme=_scheme())


@dataclass
class IngestSummary:
    """What an ingest run did; ``rejected`` counts reasons."""

    read: int = 0
    stored: int = 0
    already_stored: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    sentences: int = 0
    rejected: Counter = field(default_factory=Counter)
    noted: Counter = field(default_factory=Counter)  # repairs made on reading, by kind
    article_ids: list[str] = field(default_factory=list)  # stored or already stored, input order

    def as_dict(self) -> dict:
        return {
            "read": self.read,
            "stored": self.stored,
            "already_stored": self.already_stored,
            "exact_duplicates": self.exact_duplicates,
            "near_duplicates": self.near_duplicates,
            "sentences": self.sentences,
            "rejected": dict(self.rejected),
            "noted": dict(self.noted),
        }


class NearDuplicateIndex:
    """MinHash LSH over the originals already seen (store + this run)."""

    def __init__(self, settings: Settings):
        self.threshold = settings.near_dup_threshold
        self.num_perm = settings.minhash_perm
        from datasketch import MinHashLSH

        # LSH banding has false negatives near its threshold: query wider, decide on the estimate
        self.lsh = MinHashLSH(threshold=max(0.3, self.threshold - 0.25), num_perm=self.num_perm)
        self.sigs: dict[str, LeanMinHash] = {}
        self.order: dict[str, int] = {}

    def add(self, key: str, sig: LeanMinHash) -> None:
        if key in self.sigs:
            return
        self.lsh.insert(key, sig)
        self.sigs[key] = sig
        self.order[key] = len(self.order)

    def add_values(self, key: str, values: list[int]) -> None:
        self.add(key, signature(values))

    def remove(self, key: str) -> None:
        self.lsh.remove(key)
        del self.sigs[key]
        del self.order[key]

    def match(self, sig: LeanMinHash) -> tuple[str, float] | None:
        """The earliest original whose estimated similarity reaches the threshold."""
        best = None
        for key in self.lsh.query(sig):
            sim = sig.jaccard(self.sigs[key])
            if sim >= self.threshold and (best is None or self.order[key] < self.order[best[0]]):
                best = (key, sim)
        return best


def article_date(doc: RawDocument, cleaned: CleanText) -> str | None:
    """The input's date; failing that, the latest date of the posts embedded in the article
    (it was published on or after them), so dated roles are read at about the right time."""
    if doc.date:
        return doc.date
    dates = sorted(q.date for q in cleaned.quotes if q.date)
    if dates:
        log.info("%s: no date given; dated %s from its embedded posts", doc.origin, dates[-1])
        return dates[-1]
    return None


def _to_article(doc: RawDocument, cleaned: CleanText) -> Article:
    return Article(
        id=article_id(cleaned.text),
        origin=doc.origin,
        kind=doc.kind,
        raw=cleaned.raw,
        text=cleaned.text,
        title=doc.title,
        date=article_date(doc, cleaned),
        url=doc.url,
        source=doc.source,
        doc_id=doc.doc_id,
        quotes=cleaned.quotes,
        repeats=cleaned.repeats,
        trailer=cleaned.trailer,
    )


class Ingestor:
    """Runs the ingest job against one store."""

    def __init__(self, store: Store, settings: Settings | None = None):
        self.store = store
        self.settings = settings or Settings.from_env()
        self.seen: set[str] = store.article_ids()
        self.origins: dict[str, str] = {}  # this run's new articles: their input, stored or not yet
        self.index = NearDuplicateIndex(self.settings)
        for key, values in store.minhashes():
            self.index.add_values(key, values)

    def prepare(
        self,
        items: Iterable[RawDocument | Reject],
        summary: IngestSummary,
        progress: Callable[[str], None] | None = None,
    ) -> Iterator[tuple[Article, CleanText, LeanMinHash] | Reject | str]:
        """Clean and deduplicate; yield new articles (with their signature), rejects, and the
        id of each input that is stored already (as this input, by an earlier run or this one)."""
        for item in items:
            if progress:
                progress(item.origin)
            if isinstance(item, Reject):
                yield item
                continue
            summary.read += 1
            if item.notes:
                self.store.add_notes(item.origin, item.notes)
                summary.noted.update(note.partition(":")[0] for note in item.notes)
            too_big = guard_reason(item.text, self.settings)
            if too_big:
                log.warning("rejected %s: too-large: %s", item.origin, too_big)
                yield Reject(item.origin, "too-large", too_big)
                continue
            try:
                cleaned = clean(item.text, **clean_options(self.settings))
            except CleanLimitError as exc:  # over a guard by design (time budget, size)
                log.warning("rejected %s: %s: %s", item.origin, exc.reason, exc)
                yield Reject(item.origin, exc.reason, str(exc))
                continue
            except Exception as exc:  # a cleaning bug must not stop the batch
                log.exception("cleaning failed for %s", item.origin)
                yield Reject(item.origin, "clean-failed", f"{type(exc).__name__}: {exc}")
                continue
            if len(cleaned.text) < self.settings.min_chars:
                log.warning("rejected %s: empty (%d characters after cleaning)", item.origin, len(cleaned.text))
                yield Reject(item.origin, "empty", f"{len(cleaned.text)} characters of text after cleaning")
                continue
            art = _to_article(item, cleaned)
            if art.id in self.seen:
                if (self.origins.get(art.id) or self.store.article_origin(art.id)) == item.origin:
                    summary.already_stored += 1  # the same input again: nothing to add
                    summary.article_ids.append(art.id)
                    yield art.id
                else:
                    summary.exact_duplicates += 1
                    self.store.add_exact_duplicate(item.origin, art.id)
                continue
            self.seen.add(art.id)
            self.origins[art.id] = item.origin
            sig = minhash(art.text, self.settings.minhash_perm)
            near = self.index.match(sig)
            if near is not None:
                art = Article(**{**art.__dict__, "duplicate_of": near[0], "similarity": round(near[1], 4)})
                summary.near_duplicates += 1
            else:
                self.index.add(art.id, sig)
            summary.article_ids.append(art.id)
            yield art, cleaned, sig

    def run(
        self,
        paths: Iterable[str],
        stdin=None,
        progress: Callable[[str], None] | None = None,
        items: Iterable[RawDocument | Reject] | None = None,
    ) -> IngestSummary:
        """Read, clean, deduplicate, parse (in ``settings.workers`` processes) and store.
        ``items`` (already read, e.g. one shard of an input) replace reading ``paths``."""
        run = CodeRun()
        for _ in ingest_and_code(self, paths, stdin, progress, run, code=False, items=items):
            pass
        assert run.ingest is not None
        return run.ingest

    def work(
        self,
        paths: Iterable[str],
        stdin,
        summary: IngestSummary,
        progress,
        stored: bool,
        items: Iterable[RawDocument | Reject] | None = None,
    ) -> Iterator[Work]:
        """The articles to parse (and code), in input order; rejects recorded on the way. With
        ``stored``, also each article stored already, once, with its stored sentences.
        ``items`` (already read) replace reading ``paths``."""
        done: set[str] = set()
        source = read_inputs(paths, self.settings, stdin=stdin) if items is None else items
        for item in self.prepare(source, summary, progress):
            if isinstance(item, Reject):  # ingest and prepare have logged it
                summary.rejected[item.reason] += 1
                self.store.add_reject(item)
            elif isinstance(item, str):
                found = self.store.load_articles([item]) if stored and item not in done else []
                for known in found:  # coded again from its stored parse, once a run
                    done.add(item)
                    yield Work(known.article, sentences=self.store.sentences_of([item]).get(item, []))
            else:
                art, cleaned, sig = item
                done.add(art.id)
                yield Work(art, cleaned, sig.hashvalues.tolist())

    def reject_parsed(self, art: Article, reject: Reject, summary: IngestSummary) -> None:
        """Record an article the parser gave up on (time budget) as a reject of its input."""
        self._unsee(art, summary)
        reject = Reject(art.origin, reject.reason, reject.detail)
        log.warning("rejected %s: %s: %s", reject.origin, reject.reason, reject.detail)
        summary.rejected[reject.reason] += 1
        self.store.add_reject(reject)

    def _unsee(self, art: Article, summary: IngestSummary) -> None:
        """Forget an article prepared for storing and then rejected, so nothing points at it."""
        self.seen.discard(art.id)
        self.origins.pop(art.id, None)
        if art.id in self.index.sigs:
            self.index.remove(art.id)
        if art.duplicate_of is not None:
            summary.near_duplicates -= 1
        if art.id in summary.article_ids:
            summary.article_ids.remove(art.id)


# --- coding: articles in a store -> events (mentions), merged events and scenarios ----------


@dataclass
class CodeSummary:
    articles: int = 0
    events: int = 0
    asserted: int = 0
    scenarios: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class CodeRun:
    """What a ``dyad code`` run did: its ingest (when it read inputs) and its coding."""

    ingest: IngestSummary | None = None
    coded: CodeSummary = field(default_factory=CodeSummary)


def code_stored(
    store: Store,
    settings: Settings | None = None,
    article_ids: Iterable[str] | None = None,
    coder: ArticleCoder | None = None,
    summary: CodeSummary | None = None,
    progress: Callable[[str], None] | None = None,
) -> Generator[tuple[Article, list[Event]], None, None]:
    """Code the store's articles (all, or ``article_ids``: ids, unique prefixes or input ids),
    keep their events (mentions, merged events) and scenarios in the store, and yield the
    events article by article. Articles are read a batch at a time and coded here."""
    settings = settings or Settings.from_env()
    coder = coder or ArticleCoder(settings)
    writer = _Writer(store, settings, None, summary if summary is not None else CodeSummary())
    if article_ids is None:
        ids = [r[0] for r in store.con.execute("SELECT id FROM articles ORDER BY seq").fetchall()]
    else:
        ids = list(dict.fromkeys(_stored_id(store, ref) for ref in article_ids))
        ids = [i for i in ids if i is not None]
    for start in range(0, len(ids), settings.commit_every):
        page = ids[start : start + settings.commit_every]
        sentences = store.sentences_of(page)
        for stored in store.load_articles(page):
            art = stored.article
            if progress:
                progress(art.origin)
            events, scenarios = coder.code(art, sentences.get(art.id, []))
            writer.add(Done(art, events=events, scenarios=scenarios))
            yield art, events
        writer.flush()


def _stored_id(store: Store, ref: str) -> str | None:
    if store.load_articles([ref]):
        return ref
    found = store.get_article(ref)
    return found.article.id if found else None


class _Writer:
    """A run's one writer: new articles, then events and scenarios, a batch at a time."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        ingest: IngestSummary | None,
        coded: CodeSummary | None,
        keep_events: bool = True,
    ):
        self.store, self.settings, self.ingest, self.coded = store, settings, ingest, coded
        self.keep_events = keep_events  # False: a throwaway store, where nobody reads events back
        self.articles: list[tuple[Article, list[list], list[int] | None]] = []
        self.events: list[Event] = []
        self.scenarios: list = []
        self.ids: list[str] = []

    def add(self, done: Done) -> None:
        art = done.article
        if done.rows is not None and self.ingest is not None:
            self.articles.append((art, done.rows, done.minhash))
            self.ingest.stored += 1
            self.ingest.sentences += len(done.rows)
        if self.coded is not None:
            self.coded.articles += 1
            self.coded.events += len(done.events)
            self.coded.asserted += sum(e.modality == "asserted" for e in done.events)
            self.coded.scenarios += len(done.scenarios)
            self.events += done.events
            self.scenarios += done.scenarios
            self.ids.append(art.id)
        if max(len(self.articles), len(self.ids)) >= self.settings.commit_every:
            self.flush()

    def flush(self) -> None:
        from dyad.scenarios import track as tracking
        from dyad.store.events import add_events

        with self.store.transaction():
            if self.articles:
                self.store.add_parsed(self.articles)
                log.info("committed %d articles", len(self.articles))
            if self.ids and self.keep_events:
                add_events(self.store, self.events, replace_articles=True)
                tracking.save(self.store, self.scenarios, doc_ids=self.ids)
        self.articles, self.events, self.scenarios, self.ids = [], [], [], []


def ingest_and_code(
    ingestor: Ingestor,
    paths: Iterable[str],
    stdin,
    progress: Callable[[str], None] | None,
    run: CodeRun,
    code: bool = True,
    items: Iterable[RawDocument | Reject] | None = None,
    stage: Stage | None = None,
    keep_events: bool = True,
) -> Generator[tuple[Article, list[Event]], None, None]:
    """Ingest ``paths`` and (with ``code``) code each article as soon as it is parsed, in
    ``settings.workers`` processes; store everything from this process, a batch at a time, and
    yield each article's events in input order (articles stored already are coded again).
    ``items`` (already read) replace reading ``paths``; ``stage`` (parser and coder) is reused
    when given. Without ``keep_events`` the events and scenarios are yielded and counted but not
    stored (the store is a throwaway one: merging them there would be work nobody reads)."""
    summary = run.ingest = IngestSummary()
    writer = _Writer(ingestor.store, ingestor.settings, summary, run.coded if code else None, keep_events)
    work = ingestor.work(paths, stdin, summary, progress, stored=code, items=items)
    results = process(work, ingestor.settings, code=code, stage=stage)
    try:
        for done in results:
            if done.reject is not None:
                ingestor.reject_parsed(done.article, done.reject, summary)
                continue
            writer.add(done)
            if code:
                yield done.article, done.events
        writer.flush()
    except GeneratorExit:  # the reader stopped early: keep what was done
        results.close()
        writer.flush()
        raise
    finally:
        results.close()


def code_paths(
    paths: Iterable[str],
    db: str | None,
    settings: Settings,
    stdin=None,
    progress: Callable[[str], None] | None = None,
    run: CodeRun | None = None,
) -> Generator[Event, None, None]:  # the CLI closes it to close the store
    """Ingest ``paths`` into ``db`` (a temporary store when None) and code them (with no
    paths: every stored article of ``db``); events article by article, each with the input's
    own id as its ``doc_id``. ``run`` collects the counts."""
    run = run if run is not None else CodeRun()
    paths = list(paths)
    with (
        tempfile.TemporaryDirectory(prefix="dyad-") as tmp,
        Store(db or os.path.join(tmp, "code.duckdb")) as store,
    ):  # on disk: memory stays flat
        if paths:
            # without --db the store is a temporary one that only serves this run's duplicate
            # checks: events and scenarios go to the output, not into it
            coded = ingest_and_code(Ingestor(store, settings), paths, stdin, progress, run, keep_events=db is not None)
        else:
            coded = code_stored(store, settings, summary=run.coded, progress=progress)
        try:
            for art, events in coded:
                label = art.doc_id or art.id
                for e in events:
                    yield replace(e, doc_id=label) if label != e.doc_id else e
        finally:
            coded.close()
