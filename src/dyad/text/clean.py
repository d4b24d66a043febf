"""Clean stage: remove the web's noise from one article's text, keeping a map back to it.

``clean(raw)`` gives a :class:`~dyad.records.CleanText` whose ``text`` has one paragraph per
line and whose ``offsets[i]`` is the offset in ``raw`` of ``text[i]``. Every edit is made on
text that carries its offsets along (:class:`dyad.text.mapped.Mapped`), so the map stays exact: a character
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
import html
import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import ftfy
import ftfy.bad_codecs

from dyad.records import CleanText, Quote

if TYPE_CHECKING:
    pass
from dyad.text.limits import (
    DEFAULTS,
    MAX_NESTING,
    MAX_RUN_CHARS,
    MAX_TOKEN_CHARS,
    DocumentTooLong,
    deadline_check,
    guard,
    never,
)
from dyad.text.mapped import Mapped
from dyad.text.repeats import drop_repeats
from dyad.text.rules import CleanRules, load_rules

logger = logging.getLogger(__name__)


_C1 = re.compile("[\x80-\x9f]+")


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


# Where mojibake can be: runs of non-ASCII characters, and "Â " (a UTF-8 no-break space read
# as Latin-1 whose second byte became a plain space).
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{2,}|[\u00c2\u00c3] ")


_SPACES = re.compile(r"[^\S\n]+")


_LETTERS = re.compile(r"[A-Za-z]+")


_LAST_WORD = re.compile(r"(?:^|\s)([A-Za-z]+)$")


# The lookbehinds make a search start only where a run of letters (or of final marks)
# starts, which changes no match and keeps a long run linear instead of quadratic.
_HYPHEN_END = re.compile(r"(?<![A-Za-z])([A-Za-z]+)-$")


_LOWER_START = re.compile(r"[a-z]+")


_COMPOUND = re.compile(r"(?<![a-z])[a-z]+-[a-z]+")


_CLOSERS = "\"')]"


_FINAL = ".!?\u2026:"


MAX_DOC_CHARS = DEFAULTS.max_doc_chars


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


def _replay(run: str, plan: Sequence[tuple[str, str]]) -> list[int] | None:
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


def _normalize_chars(text: Mapped, rules: CleanRules, removed: Counter[str]) -> Mapped:
    """Line ends, invisible characters, entities, mojibake, quote marks and spacing."""
    text, removed["entity"] = text.sub(_ENTITY, html.unescape)
    text, _ = text.sub(rules.newline_chars, "\n")
    text, removed["control"] = text.sub(rules.drop_chars, "")
    text, removed["mojibake"] = text.edit(_NON_ASCII_RUN, _fix_mojibake)
    text, c1 = text.sub(_C1, "")
    removed["control"] += c1
    text = Mapped(text.text.translate(rules.quotes), text.offsets)
    text, _ = text.sub(_SPACES, " ")
    return text


@dataclass(frozen=True)
class _Line:
    """One non-empty line; ``gap_before`` when a blank line separates it from the last."""

    text: Mapped
    gap_before: bool


def _lines(text: Mapped) -> list[_Line]:
    lines: list[_Line] = []
    gap = False
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


def _quote(body: list[Mapped], attribution: Mapped, m: re.Match[str], rules: CleanRules) -> Quote:
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


def _tweet_body(kept: list[_Line], uses_gaps: bool, rules: CleanRules) -> list[Mapped]:
    """Pop the lines above an attribution that make up the tweet's text."""
    if not kept:
        return []
    body = [kept.pop()]
    while uses_gaps and kept and not body[0].gap_before and len(body) < rules.max_body_lines:
        body.insert(0, kept.pop())
    return [line.text for line in body]


def _split_tweets(lines: list[_Line], rules: CleanRules, removed: Counter[str]) -> tuple[list[_Line], list[Quote]]:
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
    return m is not None and not line[m.end() :].strip(" :")


def _cut_tweet_links(text: Mapped, rules: CleanRules, removed: Counter[str]) -> Mapped:
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


def _join(prev: str, nxt: str, rules: CleanRules, vocab: Counter[str]) -> tuple[str, bool, str] | None:
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


def _tail(pieces: list[Mapped]) -> str:
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
    lines: list[_Line], rules: CleanRules, removed: Counter[str], check: Callable[[], None] = never
) -> list[Mapped]:
    """Rejoin words and sentences that a line break cut in two; other lines stay paragraphs."""
    vocab = _vocabulary(lines)
    paras: list[list[Mapped]] = []  # each paragraph's pieces, put together once at the end
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
            pieces.append(Mapped(sep, (pieces[-1].end,)))
        pieces.append(line.text)
        removed[kind] += 1
    return [Mapped.concat(pieces) for pieces in paras]


def _is_trailer(text: str, rules: CleanRules) -> bool:
    """Whether a paragraph is a disclaimer or the author's bio."""
    low = text.lower()
    if any(cue in low for cue in rules.disclaimer_cues):
        return True
    if rules.bio_start.match(text) and any(cue in low for cue in rules.bio_cues):
        return True
    return len(text) <= rules.bio_line_max and low.startswith(rules.bio_line_cues)


def _split_trailer(paras: list[Mapped], rules: CleanRules, removed: Counter[str]) -> tuple[list[Mapped], list[Mapped]]:
    """Move the bio and disclaimer paragraphs that end the article into a trailer."""
    body = list(paras)
    trailer: list[Mapped] = []
    while len(body) > 1 and len(trailer) < rules.trailer_max and _is_trailer(body[-1].text, rules):
        trailer.insert(0, body.pop())
    removed["trailer"] += len(trailer)
    return body, trailer


def _assemble(paras: list[Mapped]) -> Mapped:
    """Paragraphs one per line; each line feed maps to the raw character after its line."""
    offsets: list[int] = []
    for i, para in enumerate(paras):
        if i:
            offsets.append(paras[i - 1].end)
        offsets.extend(para.offsets)
    return Mapped("\n".join(p.text for p in paras), tuple(offsets))


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
    check = deadline_check(deadline)
    rules = rules or load_rules()
    removed: Counter[str] = Counter()
    text = guard(Mapped.of(raw), removed, max_token_chars, max_run_chars, max_nesting)
    check()
    lines = _lines(_normalize_chars(text, rules, removed))
    check()
    lines, quotes = _split_tweets(lines, rules, removed)
    check()
    lines = _drop_noise_lines(lines, rules, removed)
    check()
    paras = _join_broken_lines(lines, rules, removed, check)
    paras, trailer = _split_trailer(paras, rules, removed)
    paras, repeats = drop_repeats(paras, rules, removed, check)
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
