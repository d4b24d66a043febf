"""The cleaner's cues, read from ``data/clean_rules.toml`` (validated on load)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs ftfy's plans name)

from dyad.errors import DataFileError
from dyad.settings import data_path

if TYPE_CHECKING:
    from dyad.schemas import CleanRulesSchema


RULES_FILE = "clean_rules.toml"


# Control characters other than tab and line feed (not web-specific: always noise). C1
# controls are dropped only after mojibake repair, which needs them.
_CONTROL = "\x00-\x08\x0e-\x1f\x7f"


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
    read_more = rf"^(?:(?i:{_alternation(more.cues)})\s*:|(?:{_alternation(more.bare_cues)})\b)"
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
