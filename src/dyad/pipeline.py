"""The ingest job: read -> clean -> deduplicate -> parse -> store, resumably.

Articles are identified by the hash of their cleaned text. An exact duplicate is skipped
(and recorded in ``exact_duplicates``); a near-duplicate (MinHash estimate of the Jaccard
similarity of word 5-shingles at or above ``Settings.near_dup_threshold``) is stored with
``duplicate_of`` pointing at the earliest original. Inputs are processed in a fixed order
and committed in whole-article batches, so a killed run resumes to the same final store.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field, replace

from datasketch import LeanMinHash, MinHash, MinHashLSH

from dyad.nlp.parse import Parser
from dyad.records import Article, CleanText, Event, RawDocument, Reject, Sentence
from dyad.settings import Settings
from dyad.store.db import Store
from dyad.text.clean import clean
from dyad.text.ingest import read_inputs
from dyad.text.limits import CleanLimitError, clean_options, guard_reason

log = logging.getLogger(__name__)

SHINGLE = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def article_id(text: str) -> str:
    """Content id: sha256 of the cleaned text with case and whitespace normalised."""
    norm = " ".join(text.lower().split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


_SCHEME = MinHash(num_perm=1, seed=1).scheme  # stored signatures are read back with the same scheme


def minhash(text: str, num_perm: int) -> LeanMinHash:
    words = _WORD.findall(text.lower())
    grams = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    m = MinHash(num_perm=num_perm, seed=1)
    m.update_batch([g.encode("utf-8") for g in grams])
    return LeanMinHash(m)


def signature(values: list[int]) -> LeanMinHash:
    """A signature as stored (``articles.minhash``), back as a ``LeanMinHash``."""
    import numpy as np

    return LeanMinHash(seed=1, hashvalues=np.array(values, dtype=np.uint64), scheme=_SCHEME)


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

    def __init__(self, store: Store, settings: Settings | None = None, parser: Parser | None = None):
        self.store = store
        self.settings = settings or Settings.from_env()
        self._parser = parser
        self.seen: set[str] = store.article_ids()
        self.index = NearDuplicateIndex(self.settings)
        for key, values in store.minhashes():
            self.index.add_values(key, values)

    @property
    def parser(self) -> Parser:
        if self._parser is None:
            self._parser = Parser(self.settings)
        return self._parser

    def prepare(
        self,
        items: Iterable[RawDocument | Reject],
        summary: IngestSummary,
        progress: Callable[[str], None] | None = None,
    ) -> Iterator[tuple[Article, CleanText, LeanMinHash] | Reject]:
        """Clean and deduplicate; yield new articles (with their signature) and rejects."""
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
                if self.store.article_origin(art.id) == item.origin:
                    summary.already_stored += 1  # the same input again: nothing to add
                    summary.article_ids.append(art.id)
                else:
                    summary.exact_duplicates += 1
                    self.store.add_exact_duplicate(item.origin, art.id)
                continue
            self.seen.add(art.id)
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
        """Stream everything through one ``nlp.pipe``; commit every ``commit_every`` articles.
        ``items`` (already read, e.g. one shard of an input) replace reading ``paths``."""
        summary = IngestSummary()
        pending: dict[str, tuple[Article, LeanMinHash]] = {}
        source = read_inputs(paths, self.settings, stdin=stdin) if items is None else items

        def to_parse() -> Iterator[tuple[str, CleanText]]:
            for item in self.prepare(source, summary, progress):
                if isinstance(item, Reject):  # ingest and prepare have logged it
                    summary.rejected[item.reason] += 1
                    self.store.add_reject(item)
                    continue
                art, cleaned, sig = item
                pending[art.id] = (art, sig)
                yield art.id, cleaned

        batch: list[tuple[Article, list[Sentence], list[int]]] = []
        for aid, sentences in self.parser.parse_many(to_parse()):
            art, sig = pending.pop(aid)
            if isinstance(sentences, Reject):  # the parser gave up on it (time budget)
                self._unsee(art, summary)
                reject = Reject(art.origin, sentences.reason, sentences.detail)
                log.warning("rejected %s: %s: %s", reject.origin, reject.reason, reject.detail)
                summary.rejected[reject.reason] += 1
                self.store.add_reject(reject)
                continue
            batch.append((art, sentences, sig.hashvalues.tolist()))
            if len(batch) >= self.settings.commit_every:
                self._commit(batch, summary)
                batch = []
        self._commit(batch, summary)
        return summary

    def _unsee(self, art: Article, summary: IngestSummary) -> None:
        """Forget an article prepared for storing and then rejected, so nothing points at it."""
        self.seen.discard(art.id)
        if art.id in self.index.sigs:
            self.index.remove(art.id)
        if art.duplicate_of is not None:
            summary.near_duplicates -= 1
        if art.id in summary.article_ids:
            summary.article_ids.remove(art.id)

    def _commit(self, batch: list[tuple[Article, list[Sentence], list[int]]], summary: IngestSummary) -> None:
        if not batch:
            return
        self.store.add_articles(batch)
        summary.stored += len(batch)
        summary.sentences += sum(len(s) for _, s, _ in batch)
        log.info("committed %d articles", len(batch))


# --- coding: articles in a store -> events (mentions), merged events and scenarios ----------

_HANDLE = re.compile(r"(?<![\w@])\.?[@#](\w+)")


def tweet_text(text: str) -> str:
    """A social-media post as prose: ".@StateDept … to #Pakistan" -> "StateDept … to Pakistan"."""
    return _HANDLE.sub(r"\1", text)


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


class ArticleCoder:
    """Codes stored articles: body sentences from their stored parse, quotes (tweets) parsed
    here with the quote's author as the source where the text names none, and scenarios."""

    def __init__(self, settings: Settings | None = None, coder=None, parser: Parser | None = None):
        from dyad.coding import Coder

        self.settings = settings or Settings.from_env()
        self.coder = coder or Coder(self.settings)
        self._parser = parser

    @property
    def parser(self) -> Parser:
        if self._parser is None:
            self._parser = Parser(self.settings)
        return self._parser

    def quote_events(self, article: Article, date: str | None) -> list:
        from dyad.records import ActorRef

        if not article.quotes:
            return []
        texts = [(f"{article.id}:q{n}", tweet_text(q.text)) for n, q in enumerate(article.quotes)]
        cleans = [(key, CleanText.identity(t)) for key, t in texts]
        out = []
        # quotes are short pieces of an article that passed the guards: no budget
        for (_key, sentences), quote in zip(self.parser.parse_many(cleans, budget=0), article.quotes):
            assert not isinstance(sentences, Reject)  # parse_many rejects only over a budget, and there is none
            author = self.coder.resolver.resolve(quote.author, quote.date or date) if quote.author else None
            for e in self.coder.code_sentences(sentences, article.id, quote.date or date):
                if e.source is None and quote.author and author is not None and author.code:
                    e = replace(e, source=ActorRef(quote.author, author.code, author.country))
                out.append(replace(e, attributed_to=e.attributed_to or quote.author))
        return out

    def code(self, article: Article, sentences: list[Sentence]) -> tuple[list, list]:
        """(events, scenarios) of one article."""
        from dyad.scenarios.find import extract

        date = str(article.date)[:10] if article.date else None
        body = list(self.coder.code_sentences(sentences, article.id, date))
        scenarios = extract(sentences, body, article.id, date, resolver=self.coder.resolver)
        return body + self.quote_events(article, date), scenarios


def code_stored(
    store: Store,
    settings: Settings | None = None,
    article_ids: Iterable[str] | None = None,
    coder: ArticleCoder | None = None,
    summary: CodeSummary | None = None,
    progress: Callable[[str], None] | None = None,
) -> Iterator:
    """Code the store's articles (all, or ``article_ids``), keep their events (mentions, merged
    events) and scenarios in the store, and yield the events article by article."""
    from dyad.scenarios import track as tracking
    from dyad.store.events import add_events

    settings = settings or Settings.from_env()
    coder = coder or ArticleCoder(settings)
    summary = summary if summary is not None else CodeSummary()
    if article_ids is None:
        articles = store.articles()
    else:
        articles = (s for s in map(store.get_article, dict.fromkeys(article_ids)) if s is not None)
    batch_events: list = []
    batch_scenarios: list = []
    batch_ids: list[str] = []

    def flush() -> None:
        if batch_ids:
            add_events(store, batch_events, replace_articles=True)
            tracking.save(store, batch_scenarios, doc_ids=batch_ids)
            batch_events.clear()
            batch_scenarios.clear()
            batch_ids.clear()

    for stored in articles:
        art = stored.article
        if progress:
            progress(art.origin)
        events, scenarios = coder.code(art, store.sentences(art.id))
        if art.duplicate_of:
            scenarios = []  # a syndicated copy restates its original's scenarios: keep them once
        summary.articles += 1
        summary.events += len(events)
        summary.asserted += sum(e.modality == "asserted" for e in events)
        summary.scenarios += len(scenarios)
        batch_events += events
        batch_scenarios += scenarios
        batch_ids.append(art.id)
        yield art, events
        if len(batch_ids) >= settings.commit_every:
            flush()
    flush()


def code_paths(
    paths: Iterable[str],
    db: str | None,
    settings: Settings,
    stdin=None,
    progress: Callable[[str], None] | None = None,
    run: CodeRun | None = None,
) -> Generator[Event, None, None]:  # the CLI closes it to close the store
    """Ingest ``paths`` into ``db`` (a temporary store when None), then code them (with no
    paths: every stored article of ``db``); events article by article, each with the input's
    own id as its ``doc_id``. ``run`` collects the counts."""
    run = run if run is not None else CodeRun()
    paths = list(paths)
    with (
        tempfile.TemporaryDirectory(prefix="dyad-") as tmp,
        Store(db or os.path.join(tmp, "code.duckdb")) as store,
    ):  # on disk: memory stays flat
        ids = None
        if paths:
            ingested = Ingestor(store, settings).run(paths, stdin=stdin, progress=progress)
            ids = ingested.article_ids
            run.ingest = ingested
        for art, events in code_stored(store, settings, ids, summary=run.coded, progress=progress):
            label = art.doc_id or art.id
            for e in events:
                yield replace(e, doc_id=label) if label != e.doc_id else e
