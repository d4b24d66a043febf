"""Clean stage: remove the web's noise from one article's text, keeping a map back to it.

``clean(raw)`` gives a :class:`~dyad.records.CleanText` whose ``text`` has one paragraph per
line and whose ``offsets[i]`` is the offset in ``raw`` of ``text[i]``. Every edit is made on
text that carries its offsets along (:class:`_Mapped`), so the map stays exact: a character
that replaces several (an entity, a mojibake sequence) maps to the first of them, and the
offsets strictly increase.

Steps, in order: guards (below); characters (line ends, zero-width and control characters,
HTML entities, mojibake, quote marks, spacing); embedded tweets split out as quotes;
cross-link, furniture and link-only lines dropped; lines broken inside a word or sentence
rejoined; a trailing bio and disclaimer moved to ``trailer``; repeated paragraphs and
sentences (pull quotes) kept once. The cues each step looks for live in ``data/clean_rules.toml``.

``CleanText.removed`` counts what was done, under these keys: ``long-token``, ``long-run``,
``deep-nesting``, ``control``, ``entity``, ``mojibake``, ``tweet``, ``read-more``, ``noise``,
``link``, ``word-break``, ``line-wrap``, ``trailer``, ``repeat``.

Guards: one document must never stall a batch, so before any other step the cleaner bounds
what the later regular expressions and spaCy would take quadratic time (or worse) on. Each
bound is a :class:`~dyad.settings.Settings` field, passed to :func:`clean` as a keyword
(:func:`clean_options` reads them all from a Settings), 0 turning it off; the defaults never
touch news text:

- ``max_doc_chars`` (1,000,000, like spaCy's ``nlp.max_length``): a longer document is not
  cleaned at all; :func:`guard_reason` says so before cleaning, and :func:`clean` raises
  :class:`DocumentTooLong` (``reason = "too-large"``).
- ``max_token_chars`` (1,000): a run of non-space characters longer than this (a base64
  blob, a run of letters, thousands of parentheses) is removed (``long-token``).
- ``max_run_chars`` (100): a run of one character repeated more often than this is cut to
  this many (``long-run``): rows of dashes or dots, thousands of blank lines.
- ``max_nesting`` (16): an opening bracket (``(``, ``[``, ``{``) nested deeper than this is
  removed with its closing bracket, the text between kept (``deep-nesting``).
- ``deadline`` (a ``time.monotonic()`` value; from ``doc_time_budget``, 20 s): checked between
  steps and within the steps that loop over lines, paragraphs and sentences; past it,
  :func:`clean` raises :class:`CleanTimeout` (``reason = "too-slow"``).

Every step takes time linear in the text (the comparison of paragraphs with each other is
indexed by their rarest word pairs), so a long single paragraph costs what its size does.
"""

from __future__ import annotations

import codecs
import heapq
import html
import itertools
import logging
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs ftfy's plans name)

from dyad.errors import DataFileError
from dyad.records import CleanText, Quote, Repeat
from dyad.settings import Settings, data_path

if TYPE_CHECKING:
    from dyad.schemas import CleanRulesSchema

logger = logging.getLogger(__name__)

RULES_FILE = "clean_rules.toml"

# Control characters other than tab and line feed (not web-specific: always noise). C1
# controls are dropped only after mojibake repair, which needs them.
_CONTROL = "\x00-\x08\x0e-\x1f\x7f"
_C1 = re.compile("[\x80-\x9f]+")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Where mojibake can be: runs of non-ASCII characters, and "Â " (a UTF-8 no-break space read
# as Latin-1 whose second byte became a plain space).
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{2,}|[\u00c2\u00c3] ")
_SPACES = re.compile(r"[^\S\n]+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_LETTERS = re.compile(r"[A-Za-z]+")
_LAST_WORD = re.compile(r"(?:^|\s)([A-Za-z]+)$")
# The lookbehinds make a search start only where a run of letters (or of final marks)
# starts, which changes no match and keeps a long run linear instead of quadratic.
_HYPHEN_END = re.compile(r"(?<![A-Za-z])([A-Za-z]+)-$")
_LOWER_START = re.compile(r"[a-z]+")
_COMPOUND = re.compile(r"(?<![a-z])[a-z]+-[a-z]+")
_CLOSERS = "\"')]"
_FINAL = ".!?\u2026:"
_SENTENCE_END = re.compile(r"(?<![.!?\u2026])[.!?\u2026]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")
_SPACE_RUN = re.compile(r"\s*")
_BRACKETS = re.compile(r"[()\[\]{}]")
_OPENERS = "([{"

_DEFAULTS = Settings()
MAX_DOC_CHARS = _DEFAULTS.max_doc_chars
MAX_TOKEN_CHARS = _DEFAULTS.max_token_chars
MAX_RUN_CHARS = _DEFAULTS.max_run_chars
MAX_NESTING = _DEFAULTS.max_nesting


class CleanLimitError(Exception):
    """A document the cleaner gives up on by design, not by a bug; ``reason`` is the reason
    code (``dyad.text.checks.REASONS``) of the Reject it should become."""

    reason = "clean-failed"


class DocumentTooLong(CleanLimitError):
    """The document has more characters than ``max_doc_chars``."""

    reason = "too-large"


class CleanTimeout(CleanLimitError):
    """Cleaning ran past its deadline (``Settings.doc_time_budget``)."""

    reason = "too-slow"


def _never() -> None:
    """A deadline check that never fires."""


def _deadline_check(deadline: float | None) -> Callable[[], None]:
    """A function that raises :class:`CleanTimeout` once ``time.monotonic()`` passes
    ``deadline`` (never, for None)."""
    if deadline is None:
        return _never
    began = time.monotonic()

    def check() -> None:
        now = time.monotonic()
        if now > deadline:
            raise CleanTimeout(
                f"cleaning took over {max(now - began, 0.0):.1f} s (settings.doc_time_budget)"
            )

    return check


@dataclass(frozen=True)
class _Mapped:
    """A piece of text with the offset, in the text read, of each of its characters."""

    text: str
    offsets: tuple[int, ...]

    @classmethod
    def of(cls, raw: str) -> _Mapped:
        return cls(raw, tuple(range(len(raw))))

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, index: slice) -> _Mapped:
        return _Mapped(self.text[index], self.offsets[index])

    def __add__(self, other: _Mapped) -> _Mapped:
        return _Mapped(self.text + other.text, self.offsets + other.offsets)

    @property
    def start(self) -> int:
        return self.offsets[0]

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1

    @classmethod
    def concat(cls, pieces: Sequence[_Mapped]) -> _Mapped:
        """The pieces one after another, in one copy (``+`` in a loop is quadratic)."""
        if len(pieces) == 1:
            return pieces[0]
        return cls(
            "".join(p.text for p in pieces),
            tuple(itertools.chain.from_iterable(p.offsets for p in pieces)),
        )

    def without(self, positions: Sequence[int]) -> _Mapped:
        """The text without the characters at ``positions`` (increasing)."""
        keep, last = [], 0
        for i in positions:
            keep.append(self[last:i])
            last = i + 1
        keep.append(self[last:])
        return _Mapped.concat(keep)

    def joined(self, sep: str, other: _Mapped) -> _Mapped:
        """``self + sep + other``; ``sep`` (one character at most) maps to the raw gap."""
        gap = _Mapped(sep, (self.end,)) if sep else _Mapped("", ())
        return self + gap + other

    def strip(self) -> _Mapped:
        text = self.text
        start = len(text) - len(text.lstrip())
        return self[start : len(text.rstrip())]

    def split(self, sep: str) -> list[_Mapped]:
        pieces, start = [], 0
        for part in self.text.split(sep):
            pieces.append(self[start : start + len(part)])
            start += len(part) + len(sep)
        return pieces

    def edit(
        self,
        pattern: re.Pattern[str],
        fix: Callable[[str], tuple[str, Sequence[int]] | None],
    ) -> tuple[_Mapped, int]:
        """Replace each match by what ``fix`` makes of its text: a new text and, for each of
        its characters, the index within the match it comes from (increasing). ``None``
        keeps the match."""
        text, offsets, done, last = [], [], 0, 0
        for m in pattern.finditer(self.text):
            fixed = fix(m.group())
            if fixed is None:
                continue
            new, index = fixed
            text.append(self.text[last : m.start()] + new)
            offsets.extend(self.offsets[last : m.start()])
            offsets.extend(self.offsets[m.start() + i] for i in index)
            last, done = m.end(), done + 1
        if not done:
            return self, 0
        text.append(self.text[last:])
        offsets.extend(self.offsets[last:])
        return _Mapped("".join(text), tuple(offsets)), done

    def sub(
        self, pattern: re.Pattern[str], repl: str | Callable[[str], str]
    ) -> tuple[_Mapped, int]:
        """``re.sub`` for replacements no longer than their match; the new characters map to
        the first characters of the match."""

        def fix(found: str) -> tuple[str, range] | None:
            new = repl if isinstance(repl, str) else repl(found)
            if new == found or len(new) > len(found):
                return None
            return new, range(len(new))

        return self.edit(pattern, fix)


@dataclass(frozen=True)
class CleanRules:
    """The cues of ``clean_rules.toml``, compiled; see that file for what each means."""

    drop_chars: re.Pattern[str]
    newline_chars: re.Pattern[str]
    quotes: dict[int, str]
    read_more: re.Pattern[str]
    read_more_max: int
    noise_lines: frozenset[str]
    tweet_link: re.Pattern[str]
    url_line: re.Pattern[str]
    attribution: re.Pattern[str]
    date_formats: tuple[str, ...]
    max_body_lines: int
    tweet_trailing: str
    max_fragment: int
    short_words: frozenset[str]
    abbreviations: frozenset[str]
    min_words_exact: int
    min_words_near: int
    near_containment: float
    min_words_sentence: int
    trailer_max: int
    disclaimer_cues: tuple[str, ...]
    bio_start: re.Pattern[str]
    bio_cues: tuple[str, ...]
    bio_line_cues: tuple[str, ...]
    bio_line_max: int


def _alternation(cues: list[str]) -> str:
    return "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))


def _compile_rules(data: CleanRulesSchema) -> CleanRules:
    chars, more, links, tweet = data.chars, data.read_more, data.links, data.tweet
    rep, trailer = data.repeats, data.trailer
    quotes = {ord(c): "'" for c in chars.single_quote}
    quotes |= {ord(c): '"' for c in chars.double_quote}
    read_more = (
        rf"^(?:(?i:{_alternation(more.cues)})\s*:|(?:{_alternation(more.bare_cues)})\b)"
    )
    return CleanRules(
        drop_chars=re.compile(f"[{re.escape(chars.drop)}{_CONTROL}]+"),
        newline_chars=re.compile(f"\r\n?|[{re.escape(chars.newline)}]"),
        quotes=quotes,
        read_more=re.compile(read_more),
        read_more_max=more.max_chars,
        noise_lines=frozenset(c.lower() for c in data.noise_lines.cues),
        tweet_link=re.compile(links.tweet_link_pattern),
        # atomic: a run of URLs glued together ("http://http://...") would otherwise be split
        # every possible way (exponential time) before the line is found not to be links
        url_line=re.compile(rf"^(?:(?>{links.url_token_pattern})\s*)+$"),
        attribution=re.compile(tweet.attribution_pattern),
        date_formats=tuple(tweet.date_formats),
        max_body_lines=tweet.max_body_lines,
        tweet_trailing=tweet.trailing_chars,
        max_fragment=data.word_break.max_fragment,
        short_words=frozenset(data.word_break.short_words),
        abbreviations=frozenset(data.sentences.abbreviations),
        min_words_exact=rep.min_words_exact,
        min_words_near=rep.min_words_near,
        near_containment=rep.near_containment,
        min_words_sentence=rep.min_words_sentence,
        trailer_max=trailer.max_paragraphs,
        disclaimer_cues=tuple(trailer.disclaimer_cues),
        bio_start=re.compile(trailer.bio_start_pattern),
        bio_cues=tuple(trailer.bio_cues),
        bio_line_cues=tuple(trailer.bio_line_cues),
        bio_line_max=trailer.bio_line_max_chars,
    )


@lru_cache(maxsize=8)
def load_rules(path: str | Path | None = None) -> CleanRules:
    """Read, check (:class:`dyad.schemas.CleanRulesSchema`: no unknown key, no wrong type)
    and compile a rules file (the bundled one by default), once per path."""
    from dyad.schemas import CleanRulesSchema, load_toml  # pydantic loads on first use

    path = Path(path) if path is not None else data_path(RULES_FILE)
    data = load_toml(path, CleanRulesSchema)
    try:
        return _compile_rules(data)
    except re.error as exc:  # a pattern valid alone but not where it is used
        raise DataFileError(f"{path.name}: {exc!r}") from exc


# --- guards ------------------------------------------------------------------------------


def guard_reason(text: str, settings: Settings | None = None) -> str | None:
    """Why ``text`` is not to be cleaned and parsed at all (one line), or None.

    Today that is its size: more than ``settings.max_doc_chars`` characters (0 = no limit).
    For the ingest job to call before :func:`clean`, rejecting the document as ``too-large``;
    :func:`clean` raises :class:`DocumentTooLong` for the same documents anyway."""
    limit = (settings or _DEFAULTS).max_doc_chars
    if limit and len(text) > limit:
        return f"{len(text)} characters of text, over max_doc_chars={limit}"
    return None


def clean_options(settings: Settings | None = None, start: float | None = None) -> dict[str, Any]:
    """The keyword arguments of :func:`clean` that ``settings`` sets: the guards' bounds and
    a deadline ``settings.doc_time_budget`` seconds after ``start`` (``time.monotonic()``,
    now by default) or None when there is no budget. Call it once per document."""
    settings = settings or _DEFAULTS
    budget = settings.doc_time_budget
    start = time.monotonic() if start is None else start
    return {
        "max_doc_chars": settings.max_doc_chars,
        "max_token_chars": settings.max_token_chars,
        "max_run_chars": settings.max_run_chars,
        "max_nesting": settings.max_nesting,
        "deadline": start + budget if budget and budget > 0 else None,
    }


@lru_cache(maxsize=8)
def _long_token(limit: int) -> re.Pattern[str]:
    # starts only where a run of non-space characters starts, so a short run is read once
    return re.compile(rf"(?<!\S)\S{{{limit + 1},}}")


@lru_cache(maxsize=8)
def _long_run(limit: int) -> re.Pattern[str]:
    return re.compile(rf"(.)\1{{{limit},}}", re.DOTALL)


def _deep_brackets(text: str, limit: int) -> list[int]:
    """Positions of the brackets nested deeper than ``limit``: each opening bracket with more
    than ``limit - 1`` open around it, and the closing bracket that closes it. Any closing
    bracket closes the innermost open one; one with none open is left alone."""
    positions: list[int] = []
    stack: list[bool] = []  # per open bracket: whether it is dropped
    for m in _BRACKETS.finditer(text):
        if m.group() in _OPENERS:
            deep = len(stack) >= limit
            stack.append(deep)
        elif stack:
            deep = stack.pop()
        else:
            continue
        if deep:
            positions.append(m.start())
    return positions


def _guard(
    text: _Mapped,
    removed: Counter[str],
    max_token_chars: int = MAX_TOKEN_CHARS,
    max_run_chars: int = MAX_RUN_CHARS,
    max_nesting: int = MAX_NESTING,
) -> _Mapped:
    """Overlong tokens removed, overlong runs of a character cut, deep brackets removed."""
    if max_token_chars > 0:
        text, removed["long-token"] = text.sub(_long_token(max_token_chars), "")
    if max_run_chars > 0:
        text, removed["long-run"] = text.sub(
            _long_run(max_run_chars), lambda run: run[:max_run_chars]
        )
    if max_nesting > 0:
        deep = _deep_brackets(text.text, max_nesting)
        if deep:
            removed["deep-nesting"] += sum(text.text[i] in _OPENERS for i in deep)
            text = text.without(deep)
    return text


# --- characters ---------------------------------------------------------------------------


def _track_decode(data: bytes, index: list[int], encoding: str) -> tuple[str, list[int]] | None:
    """Decode ``data`` byte by byte; each character maps to the index of its first byte."""
    decoder = codecs.getincrementaldecoder(encoding)()
    chars: list[str] = []
    out: list[int] = []
    first: int | None = None
    for byte, i in zip(data, index):
        first = i if first is None else first
        piece = decoder.decode(bytes([byte]))
        if len(piece) > 1:
            return None
        if piece:
            chars.append(piece)
            out.append(first)
            first = None
    if decoder.decode(b"", final=True):
        return None
    return "".join(chars), out


def _replay(run: str, plan: list[tuple[str, str]]) -> list[int] | None:
    """Replay ftfy's plan on ``run``, tracking where each output character comes from."""
    value: str | bytes = run
    index = list(range(len(run)))
    for operation, arg in plan:
        if operation == "encode" and isinstance(value, str):
            parts = [ch.encode(arg) for ch in value]
            index = [i for part, i in zip(parts, index) for _ in part]
            value = b"".join(parts)
        elif operation == "decode" and isinstance(value, bytes):
            decoded = _track_decode(value, index, arg)
            if decoded is None:
                return None
            value, index = decoded
        else:
            new = ftfy.FIXERS[arg](value)
            if len(new) != len(value):
                return None
            value = new
    return index


def _fix_mojibake(run: str) -> tuple[str, Sequence[int]] | None:
    """ftfy's repair of one run of non-ASCII characters, with a map into the run."""
    fixed = ftfy.fix_encoding_and_explain(run)
    if not fixed.explanation or fixed.text == run or len(fixed.text) > len(run):
        return None
    try:
        index = _replay(run, fixed.explanation)
    except (UnicodeError, KeyError, TypeError):
        index = None
    if index is None or len(index) != len(fixed.text) or sorted(set(index)) != index:
        logger.debug("mojibake %r: approximate offsets", run)
        index = list(range(len(fixed.text)))
    return fixed.text, index


def _normalize_chars(text: _Mapped, rules: CleanRules, removed: Counter[str]) -> _Mapped:
    """Line ends, invisible characters, entities, mojibake, quote marks and spacing."""
    text, removed["entity"] = text.sub(_ENTITY, html.unescape)
    text, _ = text.sub(rules.newline_chars, "\n")
    text, removed["control"] = text.sub(rules.drop_chars, "")
    text, removed["mojibake"] = text.edit(_NON_ASCII_RUN, _fix_mojibake)
    text, c1 = text.sub(_C1, "")
    removed["control"] += c1
    text = _Mapped(text.text.translate(rules.quotes), text.offsets)
    text, _ = text.sub(_SPACES, " ")
    return text


# --- lines: tweets, cross-links, furniture ------------------------------------------------


@dataclass(frozen=True)
class _Line:
    """One non-empty line; ``gap_before`` when a blank line separates it from the last."""

    text: _Mapped
    gap_before: bool


def _lines(text: _Mapped) -> list[_Line]:
    lines, gap = [], False
    for piece in text.split("\n"):
        piece = piece.strip()
        if piece.text:
            lines.append(_Line(piece, gap and bool(lines)))
        gap = not piece.text
    return lines


def _iso_date(text: str, formats: tuple[str, ...]) -> str | None:
    text = re.sub(r"\s+", " ", text.replace(".", "")).replace("Sept ", "Sep ")
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _quote(body: list[_Mapped], attribution: _Mapped, m: re.Match[str], rules: CleanRules) -> Quote:
    """A tweet's body lines and attribution as a Quote."""
    text = " ".join(b.text for b in body)
    links = rules.tweet_link.findall(text)
    url = links[-1] if links else None
    if url and not url.startswith("http"):
        url = "https://" + url
    text = " ".join(rules.tweet_link.sub(" ", text).split()).rstrip(rules.tweet_trailing)
    return Quote(
        text=text,
        author=m["author"].strip(),
        handle=m["handle"],
        date=_iso_date(m["date"], rules.date_formats),
        url=url,
        raw_start=body[0].start if body else attribution.strip().start,
        raw_end=attribution.end,
    )


def _tweet_body(kept: list[_Line], uses_gaps: bool, rules: CleanRules) -> list[_Mapped]:
    """Pop the lines above an attribution that make up the tweet's text."""
    if not kept:
        return []
    body = [kept.pop()]
    while uses_gaps and kept and not body[0].gap_before and len(body) < rules.max_body_lines:
        body.insert(0, kept.pop())
    return [line.text for line in body]


def _split_tweets(
    lines: list[_Line], rules: CleanRules, removed: Counter[str]
) -> tuple[list[_Line], list[Quote]]:
    """Split embedded tweets (body lines + "— Name (@handle) date") out of the lines."""
    gaps = sum(line.gap_before for line in lines)
    uses_gaps = len(lines) > 1 and 2 * gaps >= len(lines) - 1
    kept: list[_Line] = []
    quotes: list[Quote] = []
    for line in lines:
        m = rules.attribution.search(line.text.text)
        if not m:
            kept.append(line)
            continue
        head = line.text[: m.start()].strip()
        body = [head] if head.text else _tweet_body(kept, uses_gaps, rules)
        quotes.append(_quote(body, line.text[m.start() :], m, rules))
        removed["tweet"] += 1
    return kept, quotes


def _ends_sentence(text: str) -> bool:
    text = text.rstrip(_CLOSERS)
    return not text or text[-1] in _FINAL


def _noise_kind(line: str, rules: CleanRules) -> str | None:
    """Which kind of noise a whole line is, if any."""
    if len(line) <= rules.read_more_max and rules.read_more.match(line):
        return "read-more"
    if line.lower().rstrip(".:!") in rules.noise_lines:
        return "noise"
    if rules.url_line.match(line):
        return "link"
    return None


def _is_bare_cue(line: str, rules: CleanRules) -> bool:
    m = rules.read_more.match(line)
    return bool(m) and not line[m.end() :].strip(" :")


def _cut_tweet_links(text: _Mapped, rules: CleanRules, removed: Counter[str]) -> _Mapped:
    """``text`` without the tweet and picture links in it."""
    cut, n = text.sub(rules.tweet_link, "")
    removed["link"] += n
    return cut.sub(_SPACES, " ")[0].strip() if n else text


def _drop_noise_lines(lines: list[_Line], rules: CleanRules, removed: Counter[str]) -> list[_Line]:
    """Drop cross-link, furniture and link-only lines; cut tweet links out of the rest.

    A bare "READ MORE" line takes the headline below it along when that line is short and
    does not end a sentence."""
    kept: list[_Line] = []
    gap = cue_above = False
    for line in lines:
        text = line.text.text
        gap = gap or line.gap_before
        kind = _noise_kind(text, rules)
        headline = cue_above and len(text) <= rules.read_more_max and not _ends_sentence(text)
        cue_above = kind == "read-more" and _is_bare_cue(text, rules)
        if kind:
            removed[kind] += 1
        if kind or headline:
            continue
        cut = _cut_tweet_links(line.text, rules, removed)
        if cut.text:
            kept.append(_Line(cut, gap and bool(kept)))
            gap = False
    return kept


# --- broken lines ------------------------------------------------------------------------


def _broken_word(prev: str, rest: str, rules: CleanRules, vocab: Counter[str]) -> bool:
    """Whether ``prev`` ends in the first part of a word that ``rest`` (letters) completes."""
    m = _LAST_WORD.search(prev)
    if not m:
        return False
    fragment = m[1]
    low = fragment.lower()
    if low in rules.short_words:
        return False
    after_sentence = _ends_sentence(prev[: m.start(1)].rstrip())
    if len(fragment) <= rules.max_fragment and fragment[0].isupper() and after_sentence:
        return True
    # Otherwise only where the whole word occurs elsewhere and neither part does on its own.
    return bool(vocab[low + rest]) and vocab[low] <= 1 and vocab[rest] <= 1


def _join(
    prev: str, nxt: str, rules: CleanRules, vocab: Counter[str]
) -> tuple[str, bool, str] | None:
    """How to join the paragraph ending in ``prev`` and the line ``nxt``: ``(kind, drop the
    hyphen, separator)``; None to keep them apart. ``prev`` need only be the paragraph's end
    (:func:`_tail`)."""
    start = _LOWER_START.match(nxt)
    if not start:
        return None
    rest = start.group()
    hyphen = _HYPHEN_END.search(prev)
    if hyphen:
        whole, compound = (hyphen[1] + rest).lower(), f"{hyphen[1]}-{rest}".lower()
        drop = bool(vocab[whole] and not vocab[compound])
        return "word-break", drop, ""
    if _broken_word(prev, rest, rules, vocab):
        return "word-break", False, ""
    if not _ends_sentence(prev):
        return "line-wrap", False, " "
    return None


def _tail(pieces: list[_Mapped]) -> str:
    """The end of a paragraph kept as pieces, enough for :func:`_join` to read the same as in
    the whole text: its last two words whole and the space before them (or all of it).
    Reading the whole paragraph at every line would be quadratic in a long one."""
    width = 256
    while True:
        parts, n = [], 0
        for piece in reversed(pieces):
            parts.append(piece.text)
            n += len(piece.text)
            if n > width:
                break
        text = "".join(reversed(parts))
        if n <= width:
            return text
        tail = text[-width:]
        if len(tail.split(None, 3)) >= 3:
            return tail
        width *= 4


def _vocabulary(lines: list[_Line]) -> Counter[str]:
    """Lowercased words, and hyphenated compounds, of the whole text with their counts."""
    words: Counter[str] = Counter()
    for line in lines:
        text = line.text.text.lower()
        words.update(_LETTERS.findall(text))
        words.update(_COMPOUND.findall(text))
    return words


def _join_broken_lines(
    lines: list[_Line], rules: CleanRules, removed: Counter[str], check: Callable[[], None] = _never
) -> list[_Mapped]:
    """Rejoin words and sentences that a line break cut in two; other lines stay paragraphs."""
    vocab = _vocabulary(lines)
    paras: list[list[_Mapped]] = []  # each paragraph's pieces, put together once at the end
    for line in lines:
        check()
        how = None
        if paras and not line.gap_before:
            how = _join(_tail(paras[-1]), line.text.text, rules, vocab)
        if how is None:
            paras.append([line.text])
            continue
        kind, drop, sep = how
        pieces = paras[-1]
        if drop:
            pieces[-1] = pieces[-1][:-1]
        if sep:  # the separator maps to the raw gap after the paragraph so far
            pieces.append(_Mapped(sep, (pieces[-1].end,)))
        pieces.append(line.text)
        removed[kind] += 1
    return [_Mapped.concat(pieces) for pieces in paras]


# --- trailer -----------------------------------------------------------------------------


def _is_trailer(text: str, rules: CleanRules) -> bool:
    """Whether a paragraph is a disclaimer or the author's bio."""
    low = text.lower()
    if any(cue in low for cue in rules.disclaimer_cues):
        return True
    if rules.bio_start.match(text) and any(cue in low for cue in rules.bio_cues):
        return True
    return len(text) <= rules.bio_line_max and low.startswith(rules.bio_line_cues)


def _split_trailer(
    paras: list[_Mapped], rules: CleanRules, removed: Counter[str]
) -> tuple[list[_Mapped], list[_Mapped]]:
    """Move the bio and disclaimer paragraphs that end the article into a trailer."""
    body, trailer = list(paras), []
    while len(body) > 1 and len(trailer) < rules.trailer_max and _is_trailer(body[-1].text, rules):
        trailer.insert(0, body.pop())
    removed["trailer"] += len(trailer)
    return body, trailer


# --- repeats -----------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    """Words compared for repeats: case, quotes, spacing and punctuation ignored."""
    return _WORD.findall(text.lower())


def _pairs(words: list[str]) -> set[tuple[str, str]]:
    return set(zip(words, words[1:]))


def _word_before(text: str, start: int, end: int) -> str:
    """The last word (run of non-space characters) of ``text[start:end]``, or "".

    Reads back from ``end`` only as far as that word, never the whole sentence so far."""
    width = 64
    while True:
        low = max(start, end - width)
        piece = text[low:end]
        words = piece.split()
        if low == start:
            return words[-1] if words else ""
        # whole when a space comes before it within the piece
        if len(words) >= 2 or (words and piece[0].isspace()):
            return words[-1]
        width *= 4


def _sentence_spans(text: str, rules: CleanRules) -> list[tuple[int, int]]:
    """Start and end of each sentence of a paragraph (a light, rule-based split)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if text[m.start()] == ".":
            before = _word_before(text, start, m.start())
            if before.lower() in rules.abbreviations or _INITIALISM.fullmatch(before):
                continue
        spans.append((start, m.end()))
        start = _SPACE_RUN.match(text, m.end()).end()  # type: ignore[union-attr]
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@dataclass(frozen=True)
class _Para:
    """A paragraph with the words and word pairs it is compared by."""

    text: _Mapped
    words: tuple[str, ...]
    pairs: frozenset[tuple[str, str]]

    @classmethod
    def of(cls, text: _Mapped) -> _Para:
        words = _words(text.text)
        return cls(text, tuple(words), frozenset(_pairs(words)))


def _copy_of(a: _Para, b: _Para, rules: CleanRules) -> bool:
    """Whether ``a`` reads the same as ``b`` or as a (garbled, shorter) piece of it."""
    if a.words == b.words:
        return len(a.words) >= rules.min_words_exact
    if len(a.words) < rules.min_words_near or len(a.words) > len(b.words) or not a.pairs:
        return False
    return len(a.pairs & b.pairs) / len(a.pairs) >= rules.near_containment


def _kept_start(copy: _Para, kept: _Para, rules: CleanRules) -> int:
    """Raw start of the sentence of ``kept`` that ``copy`` begins with."""
    spans = _sentence_spans(copy.text.text, rules)
    first = _pairs(_words(copy.text.text[slice(*spans[0])])) if spans else set()
    best, start = 0, kept.text.start
    for s, e in _sentence_spans(kept.text.text, rules):
        shared = len(first & _pairs(_words(kept.text.text[s:e])))
        if shared > best:
            best, start = shared, kept.text.offsets[s]
    return start


def _repeat(text: _Mapped, first_raw_start: int) -> Repeat:
    return Repeat(text.text, text.start, text.end, first_raw_start)


def _least_shared(n: int, share: float) -> int | None:
    """The fewest of ``n`` word pairs that make ``shared / n >= share`` (as :func:`_copy_of`
    computes it); None when no number does."""
    for k in range(max(0, int(share * n) - 1), n + 1):
        if k / n >= share:
            return k
    return None


class _CopyIndex:
    """Which paragraphs could be what :func:`_copy_of` looks for, without trying every pair.

    Of ``a``'s ``n`` word pairs a near copy's source shares at least ``k``; it then shares
    one of any ``n - k + 1`` of them, and the rarest are taken (prefix filtering). The same
    words, the other way to be a copy, are looked up whole."""

    def __init__(self, paras: list[_Para], rules: CleanRules):
        self.paras = paras
        self.rules = rules
        self.postings: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
        self.same: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
        for j, p in enumerate(paras):
            self.same[p.words].append(j)
            for pair in p.pairs:
                self.postings[pair].append(j)

    def candidates(self, i: int) -> Iterator[int]:
        """Every ``j != i`` for which ``_copy_of(paras[i], paras[j])`` may hold, increasing."""
        a, rules = self.paras[i], self.rules
        lists = [self.same[a.words]]
        n = len(a.pairs)
        if len(a.words) >= rules.min_words_near and n:
            k = _least_shared(n, rules.near_containment)
            if k == 0:
                lists.append(range(len(self.paras)))
            elif k is not None:
                rare = sorted(a.pairs, key=lambda pair: (len(self.postings[pair]), pair))
                lists += [self.postings[pair] for pair in rare[: n - k + 1]]
        last = -1
        for j in heapq.merge(*lists):
            if j != last and j != i:
                yield j
            last = j


def _drop_repeated_paragraphs(
    paras: list[_Para], rules: CleanRules, check: Callable[[], None] = _never
) -> tuple[list[_Para], list[Repeat]]:
    """Keep each paragraph once: of two alike, the fuller; of two the same, the first.

    ``Repeat.first_raw_start`` is where the kept copy starts, which may come later than the
    dropped one when a garbled pull quote precedes the paragraph it was taken from."""
    dropped: dict[int, int] = {}
    index = _CopyIndex(paras, rules)
    for i, a in enumerate(paras):
        check()
        for j in index.candidates(i):
            b = paras[j]
            if j in dropped or not _copy_of(a, b, rules):
                continue
            if j > i and _copy_of(b, a, rules):
                continue
            dropped[i] = j
            break
    for i in dropped:  # follow each to the copy kept, remembering the way
        way = [i]
        while dropped[way[-1]] in dropped:
            way.append(dropped[way[-1]])
        for d in way:
            dropped[d] = dropped[way[-1]]
    repeats = [
        _repeat(paras[i].text, _kept_start(paras[i], paras[j], rules)) for i, j in dropped.items()
    ]
    return [p for i, p in enumerate(paras) if i not in dropped], repeats


def _drop_repeated_sentences(
    paras: list[_Mapped], rules: CleanRules, check: Callable[[], None] = _never
) -> tuple[list[_Mapped], list[Repeat]]:
    """Drop sentences already read in an earlier paragraph, keeping the first."""
    seen: dict[tuple[str, ...], int] = {}
    kept_paras: list[_Mapped] = []
    repeats: list[Repeat] = []
    for para in paras:
        check()
        kept: list[tuple[int, int]] = []
        spans = _sentence_spans(para.text, rules)
        for s, e in spans:
            key = tuple(_words(para.text[s:e]))
            if len(key) >= rules.min_words_sentence and key in seen:
                repeats.append(_repeat(para[s:e], seen[key]))
                continue
            seen.setdefault(key, para.offsets[s])
            kept.append((s, e))
        if kept:
            kept_paras.append(_keep_spans(para, kept) if len(kept) < len(spans) else para)
    return kept_paras, repeats


def _keep_spans(para: _Mapped, spans: list[tuple[int, int]]) -> _Mapped:
    """The given sentences of a paragraph, each followed by the space that followed it."""
    pieces = [para[spans[0][0] : spans[0][1]]]
    for (_, prev_end), (s, e) in zip(spans, spans[1:]):
        pieces += [para[prev_end : prev_end + 1], para[s:e]]
    return _Mapped.concat(pieces)


def _drop_repeats(
    paras: list[_Mapped], rules: CleanRules, removed: Counter[str],
    check: Callable[[], None] = _never,
) -> tuple[list[_Mapped], list[Repeat]]:
    """Drop repeated paragraphs (pull quotes), then repeated sentences."""
    kept, repeats = _drop_repeated_paragraphs([_Para.of(p) for p in paras], rules, check)
    check()
    texts, more = _drop_repeated_sentences([p.text for p in kept], rules, check)
    repeats = sorted(repeats + more, key=lambda r: r.raw_start)
    removed["repeat"] += len(repeats)
    return texts, repeats


# --- public ------------------------------------------------------------------------------


def _assemble(paras: list[_Mapped]) -> _Mapped:
    """Paragraphs one per line; each line feed maps to the raw character after its line."""
    offsets: list[int] = []
    for i, para in enumerate(paras):
        if i:
            offsets.append(paras[i - 1].end)
        offsets.extend(para.offsets)
    return _Mapped("\n".join(p.text for p in paras), tuple(offsets))


def clean(
    raw: str,
    rules: CleanRules | None = None,
    *,
    deadline: float | None = None,
    max_doc_chars: int = MAX_DOC_CHARS,
    max_token_chars: int = MAX_TOKEN_CHARS,
    max_run_chars: int = MAX_RUN_CHARS,
    max_nesting: int = MAX_NESTING,
) -> CleanText:
    """Remove the web's noise from one article's text, keeping a map back into ``raw``.

    The keywords are the guards of the module's docstring, their defaults those of
    :class:`~dyad.settings.Settings` (``clean(raw, **clean_options(settings))`` reads them
    from one). Raises :class:`DocumentTooLong` for a text over ``max_doc_chars`` and
    :class:`CleanTimeout` past ``deadline`` (a ``time.monotonic()`` value)."""
    if max_doc_chars and len(raw) > max_doc_chars:
        raise DocumentTooLong(f"{len(raw)} characters of text, over max_doc_chars={max_doc_chars}")
    check = _deadline_check(deadline)
    rules = rules or load_rules()
    removed: Counter[str] = Counter()
    text = _guard(_Mapped.of(raw), removed, max_token_chars, max_run_chars, max_nesting)
    check()
    lines = _lines(_normalize_chars(text, rules, removed))
    check()
    lines, quotes = _split_tweets(lines, rules, removed)
    check()
    lines = _drop_noise_lines(lines, rules, removed)
    check()
    paras = _join_broken_lines(lines, rules, removed, check)
    paras, trailer = _split_trailer(paras, rules, removed)
    paras, repeats = _drop_repeats(paras, rules, removed, check)
    body = _assemble(paras)
    counts = {kind: n for kind, n in sorted(removed.items()) if n}
    logger.debug("cleaned %d -> %d chars: %s", len(raw), len(body), counts)
    return CleanText(
        raw=raw,
        text=body.text,
        offsets=body.offsets,
        quotes=tuple(quotes),
        repeats=tuple(repeats),
        trailer="\n".join(p.text for p in trailer),
        removed=counts,
    )


def split_paragraphs(clean_text: CleanText) -> list[tuple[int, int]]:
    """Start and end offsets, in ``clean_text.text``, of each paragraph (line)."""
    spans, start = [], 0
    for line in clean_text.text.split("\n") if clean_text.text else []:
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans
