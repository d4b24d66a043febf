"""Parse and code articles: in this process, or in worker processes fed chunks in order.

:func:`process` takes articles that the ingest stage cleaned and deduplicated (in input
order, in the calling process) and gives each back parsed, coded and with its sentences in
the store's row form, in the same order. With ``Settings.workers`` above one and at least two
chunks (``Settings.chunk_size`` articles each) of input, it forks a pool of worker processes,
each with one parser and one coder loaded once, and keeps a few chunks in flight; otherwise it
does the work here. The store is never touched here: the caller is its one writer.
"""

from __future__ import annotations

import logging
import multiprocessing
import re
import signal
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import islice

from dyad.nlp.parse import Parser
from dyad.records import Article, CleanText, Event, Reject, Scenario, Sentence
from dyad.settings import Settings
from dyad.store.db import sentence_rows

log = logging.getLogger(__name__)

IN_FLIGHT = 2  # chunks queued per worker: one being parsed, one waiting
_HANDLE = re.compile(r"(?<![\w@])\.?[@#](\w+)")


def tweet_text(text: str) -> str:
    """A social-media post as prose: ".@StateDept … to #Pakistan" -> "StateDept … to Pakistan"."""
    return _HANDLE.sub(r"\1", text)


class ArticleCoder:
    """Codes articles: body sentences from their parse, quotes (tweets) parsed here with the
    quote's author as the source where the text names none, and scenarios."""

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
        """(events, scenarios) of one article; a near-duplicate restates its original's
        scenarios, so it has none of its own (they are kept once)."""
        from dyad.scenarios.find import extract

        date = str(article.date)[:10] if article.date else None
        body = list(self.coder.code_sentences(sentences, article.id, date))
        scenarios = (
            [] if article.duplicate_of else extract(sentences, body, article.id, date, resolver=self.coder.resolver)
        )
        return body + self.quote_events(article, date), scenarios


@dataclass
class Work:
    """An article to do: a new one with its cleaned text (and MinHash, for the store), or one
    already stored, with its stored sentences, to code again."""

    article: Article
    clean: CleanText | None = None
    minhash: list[int] | None = None
    sentences: list[Sentence] | None = None


@dataclass
class Done:
    """An article done: a new one's sentence rows for the store (None when it was stored
    already), its events and scenarios (empty when not coding), or the parser's reject."""

    article: Article
    minhash: list[int] | None = None
    rows: list[list] | None = None
    events: list[Event] = field(default_factory=list)
    scenarios: list[Scenario] = field(default_factory=list)
    reject: Reject | None = None


class Stage:
    """One process's parser and (when coding) coder, loaded once, applied to chunks."""

    def __init__(self, settings: Settings, code: bool):
        self.settings = settings
        self.parser = Parser(settings)
        self.coder = ArticleCoder(settings, parser=self.parser) if code else None

    def preload(self) -> None:
        """Load now what the coder would load on first use (the trigger models' word vectors),
        so worker processes forked after this share it instead of each loading its own."""
        coder = self.coder.coder if self.coder is not None else None
        for model in (getattr(coder, "model", None), getattr(coder, "verifier", None)):
            if model is not None:
                model.vectors  # noqa: B018  (the property loads and keeps them)

    def run(self, chunk: list[Work]) -> list[Done]:
        """The chunk's articles done, in order; new ones parsed together (one ``nlp.pipe``)."""
        parsed = dict(self.parser.parse_many((w.article.id, w.clean) for w in chunk if w.clean is not None))
        out = []
        for w in chunk:
            art = w.article
            sentences = w.sentences if w.clean is None else parsed[art.id]
            if isinstance(sentences, Reject):
                out.append(Done(art, reject=sentences))
                continue
            assert sentences is not None  # a stored article comes with its sentences
            done = Done(art, w.minhash, None if w.clean is None else sentence_rows(art.id, sentences))
            if self.coder is not None:
                done.events, done.scenarios = self.coder.code(art, sentences)
            out.append(done)
        return out


_STAGE: Stage | None = None  # a worker process's stage: the parent's, inherited by fork


def _start(stage: Stage) -> None:
    global _STAGE
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _STAGE = stage


def _run(chunk: list[Work]) -> list[Done]:
    assert _STAGE is not None, "a worker runs chunks only after _start"
    return _STAGE.run(chunk)


def _chunks(items: Iterable[Work], size: int) -> Iterator[list[Work]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def process(
    items: Iterable[Work], settings: Settings, code: bool = True, stage: Stage | None = None
) -> Generator[Done, None, None]:
    """Every item done, in input order: by worker processes for inputs of two chunks or more
    when ``settings.worker_count()`` is above one, else here (with ``stage`` if given)."""
    chunks = _chunks(items, max(1, settings.chunk_size))
    first = list(islice(chunks, 2))
    workers = settings.worker_count() if len(first) == 2 else 1
    if workers <= 1:
        here = stage or Stage(settings, code)
        for chunk in _chain(first, chunks):
            yield from here.run(chunk)
        return
    log.info("parsing and coding in %d worker processes, %d articles a chunk", workers, settings.chunk_size)
    # the models are loaded here once and the workers share them by fork (copy on write); a
    # worker is one process, so spaCy's own pool (n_process) would nest: one process each
    shared = stage or Stage(settings.replace(n_process=1), code)
    shared.preload()
    ctx = multiprocessing.get_context("fork")  # nothing is pickled to start one; never uses the store
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_start, initargs=(shared,)) as pool:
        pending: deque[Future] = deque()
        try:
            for chunk in _chain(first, chunks):
                pending.append(pool.submit(_run, chunk))
                if len(pending) >= workers * IN_FLIGHT:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for f in pending:
                f.cancel()


def _chain(first: list[list[Work]], rest: Iterator[list[Work]]) -> Iterator[list[Work]]:
    yield from first
    yield from rest
