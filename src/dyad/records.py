"""Typed records that flow one way through dyad's stages.

ingest -> RawDocument | Reject
clean  -> CleanText (text + offsets back into what was read, quotes, repeats, trailer)
parse  -> Sentence (with Token records; spaCy stays behind the parse stage)
actors -> ActorMatch / Mention
code   -> Event

Every record is a frozen dataclass with ``as_dict()`` giving plain JSON-able values.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

# what an event's ``modality`` may be; only "asserted" events count as having happened
MODALITIES = ("asserted", "negated", "hypothetical", "future", "desired")


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record:
    """Mixin: ``as_dict()`` for every record."""

    def as_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True)
class RawDocument(Record):
    """One item as read from an input, before cleaning.

    ``origin`` names where it came from (``path``, ``path:line``, ``path#record``), so a
    problem can be traced back. ``text`` is the decoded text that was read (for HTML: the
    main text extracted by trafilatura). ``doc_id`` is the input's own id when it had one.
    """

    origin: str
    kind: str  # txt | html | jsonl | csv | tsv | warc | rss | stdin
    text: str
    doc_id: str | None = None
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD where known
    url: str | None = None
    source: str | None = None
    notes: tuple[str, ...] = ()  # "code: detail" of what was repaired or dropped on reading


@dataclass(frozen=True)
class Reject(Record):
    """An input item that could not be read, with a one-line reason."""

    origin: str
    reason: str  # stable short code: empty, binary, invalid-utf8, bad-json, no-text-column, ...
    detail: str = ""


@dataclass(frozen=True)
class Quote(Record):
    """An embedded social-media post or block quote split out of an article body."""

    text: str
    author: str | None = None
    handle: str | None = None
    date: str | None = None  # ISO date where it could be parsed
    url: str | None = None
    raw_start: int = -1  # offsets of the whole embed in the text that was read
    raw_end: int = -1


@dataclass(frozen=True)
class Repeat(Record):
    """A sentence or pull quote that appeared again in the same article and was dropped."""

    text: str
    raw_start: int
    raw_end: int
    first_raw_start: int  # where its first (kept) occurrence starts in the text read


@dataclass(frozen=True)
class CleanText(Record):
    """The cleaned body of an article and how it maps back to what was read.

    ``offsets[i]`` is the offset in ``raw`` of character ``i`` of ``text`` (a run-length
    encoding would be smaller; the list keeps the mapping trivially correct). ``trailer``
    holds the author bio / disclaimer separated from the body; ``removed`` lists the
    kinds of noise removed with counts (e.g. ``{"read-more": 9}``).
    """

    raw: str
    text: str
    offsets: tuple[int, ...]
    quotes: tuple[Quote, ...] = ()
    repeats: tuple[Repeat, ...] = ()
    trailer: str = ""
    removed: dict[str, int] = field(default_factory=dict)

    @classmethod
    def identity(cls, text: str) -> CleanText:
        """``text`` as the parse stage takes it when it needs no cleaning (offsets are the identity)."""
        return cls(raw=text, text=text, offsets=tuple(range(len(text))))

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in ``raw`` of the cleaned span ``text[start:end]``."""
        if start >= end or not self.offsets:
            return (0, 0)
        return (self.offsets[start], self.offsets[end - 1] + 1)


@dataclass(frozen=True)
class Token(Record):
    """One parsed token; ``head`` and ``i`` index tokens within the sentence."""

    i: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    start: int  # char offset within the sentence text
    ent_type: str = ""
    ent_iob: str = ""  # B, I, O or ""
    morph: str = ""


@dataclass(frozen=True)
class Span(Record):
    """A token span within a sentence: an entity or a noun chunk (end exclusive)."""

    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class Sentence(Record):
    """A sentence of an article's cleaned text with its parse.

    ``start``/``end`` are offsets into the article's cleaned text; ``raw_start``/``raw_end``
    into the text that was read. ``index`` is the sentence's number within its article
    (0-based); ``paragraph`` the paragraph it belongs to.
    """

    article_id: str
    index: int
    text: str
    start: int
    end: int
    raw_start: int
    raw_end: int
    paragraph: int
    tokens: tuple[Token, ...] = ()
    entities: tuple[Span, ...] = ()
    noun_chunks: tuple[Span, ...] = ()

    @property
    def sentence_id(self) -> str:
        """``"<article_id>:<index>"``; :func:`sentence_index` reads the index back."""
        return f"{self.article_id}:{self.index}"


def sentence_index(sentence_id: str, article_id: str | None = None) -> int | None:
    """The index of a sentence from its id (:attr:`Sentence.sentence_id`): the number after the
    last colon, ``None`` where there is none.

    With ``article_id``, only a sentence of that article's own text counts: a sentence of a
    quote in it (``"<article_id>:q0:<index>"``, parsed apart) gives ``None``.
    """
    head, _, tail = sentence_id.rpartition(":")
    if not tail.isdecimal() or (article_id is not None and head != article_id):
        return None
    return int(tail)


@dataclass(frozen=True)
class Article(Record):
    """A cleaned article, identified by the hash of its cleaned text."""

    id: str
    origin: str
    kind: str
    raw: str
    text: str
    title: str | None
    date: str | None
    url: str | None
    source: str | None
    doc_id: str | None
    quotes: tuple[Quote, ...] = ()
    repeats: tuple[Repeat, ...] = ()
    trailer: str = ""
    duplicate_of: str | None = None
    similarity: float | None = None  # estimated Jaccard with duplicate_of


@dataclass(frozen=True)
class ActorMatch(Record):
    """An actor mention resolved (or not) against the knowledge base.

    ``code`` is the CAMEO actor code (``PAKGOV``, ``IGOUNO``, ``---GOV``) or ``None`` when
    the mention could not be resolved; ``why`` says which entry and rule decided it.
    ``start``/``end`` locate the mention: token indices within a sentence when it came
    from a parse, character offsets when it came from a string.
    """

    text: str
    code: str | None
    country: str | None = None
    roles: tuple[str, ...] = ()
    entity: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    why: str = ""
    start: int = -1
    end: int = -1
    members: tuple[str, ...] = ()  # a group mention ("the two sides"): each member's code


@dataclass(frozen=True)
class ActorRef(Record):
    """An event's source or target as written in the output contract."""

    text: str
    code: str | None
    country: str | None


def country_key(actor: ActorRef | str | None, *, from_code: bool = False) -> str:
    """An actor's key at the level of its country: actors with one key are one country, whatever
    their roles (``PAKGOV`` and ``PAKMIL``); ``""`` for no actor or no code.

    By default, as mentions are merged and stored (``source_key``, ``target_key``): the country
    the actor was coded with, else its whole code; ``""`` too for an unknown country
    (``---GOV``), so that such actors single out no country.

    With ``from_code=True``, read from the code alone, as a scenario's patterns (codes without
    a country) are matched against events: the code's three-letter country slot, ``---`` kept
    so that unknown countries match each other, and an international body's whole code
    (``IGONATMIL``).
    """
    code = actor if isinstance(actor, str) else actor.code if actor is not None else None
    if from_code:
        if not code:
            return ""
        return code if code.startswith("IGO") else code[:3]
    if isinstance(actor, ActorRef) and actor.country:
        return actor.country.upper()
    code = (code or "").upper()
    return "" if not code or code.startswith("---") else code


@dataclass(frozen=True)
class Plover(Record):
    event: str | None
    mode: str | None
    context: str | None


@dataclass(frozen=True)
class Evidence(Record):
    """The trigger words of an event and their character offsets in the sentence."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Event(Record):
    """One coded event; ``as_dict()`` is exactly the ``dyad code --format jsonl`` contract."""

    doc_id: str
    sentence_id: str
    sentence: str
    event_id: str
    date: str | None
    date_precision: str  # day | month | year | decade | unknown
    source: ActorRef | None
    target: ActorRef | None
    cameo: str
    cameo_root: str
    cameo_name: str
    goldstein: float
    quad_class: int
    plover: Plover
    modality: str  # asserted | negated | hypothetical | future | desired
    attributed_to: str | None
    evidence: Evidence
    confidence: float
    proposed_by: str = "lexicon"  # lexicon | model | lexicon+model: what found the trigger


@dataclass(frozen=True)
class EventPattern(Record):
    """A condition or consequence of a scenario: an event to watch for.

    ``source``/``target`` are CAMEO actor codes (``None``: any actor), ``cameo`` the code the
    text supports (matched at root level), ``negated`` true when the pattern is that the
    event does *not* happen ("unless…", "before X has agreed…").
    """

    text: str
    source: str | None
    target: str | None
    cameo: str | None
    negated: bool = False


@dataclass(frozen=True)
class Scenario(Record):
    """A conditional expectation stated in an article: conditions -> consequences."""

    id: str
    doc_id: str
    text: str
    conditions: tuple[EventPattern, ...]
    consequences: tuple[EventPattern, ...]
    hedge: str | None
    stated_by: str
    date: str | None
    sentence_ids: tuple[str, ...]
    evidence: tuple[Evidence, ...]  # the conditional markers, offsets in their sentence


@dataclass(frozen=True)
class ScenarioState(Record):
    """Where a scenario stands after the events that followed it."""

    scenario_id: str
    status: str  # open | conditions partly met | conditions met | consequence observed | contradicted
    conditions_met: tuple[int, ...]
    consequences_observed: tuple[int, ...]
    contradicted_by: tuple[str, ...]
    evidence_events: tuple[str, ...]  # ids of the events that moved it
