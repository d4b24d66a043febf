"""Schemas of dyad's data files, checked on load: the actor format (JSON Lines) and the TOML
files of cleaning rules, modality cues and scenario cues.

Types are strict: a string where a list is expected, ``"no"`` where a boolean is expected or
a number where a string is expected is an error, never coerced; an unknown key is an error.
A problem becomes one :class:`~dyad.errors.DataFileError` line naming the file, the line where
it can be found and the field (``actors.jsonl:12: field 'adjectives' must be a list of strings,
not a string ('Xish')``). The loaders import this module on first use (pydantic is not cheap to
import). Checks that depend on several fields (an actor's kind and its codes, date order) stay
with the loaders.
"""

from __future__ import annotations

import re
import tomllib
import types
import typing
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from dyad.errors import DataFileError


class _Strict(BaseModel):
    """No coercion, no unknown keys, immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    noun: ClassVar[str] = "an object"  # what an instance is called in an error message
    word: ClassVar[str] = "field"  # what a key is called in an error message


class _Table(_Strict):
    noun: ClassVar[str] = "a table"
    word: ClassVar[str] = "key"


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression ({exc})") from None
    return value


def _two_words(value: str) -> str:
    if len(value.split()) != 2:
        raise ValueError(f"a negation phrase is two words (the second governs the first), not {value!r}")
    return value


Regex = Annotated[str, AfterValidator(_regex)]
Words = list[str]
TwoWords = Annotated[str, AfterValidator(_two_words)]

# --- the actor format (dyad/data/actors/README.md) -----------------------------------------


class CodeSpanSchema(_Strict):
    code: str
    valid_from: str | None  # required, null for open
    valid_to: str | None
    title: str = ""
    approx: bool = False


class ActorSchema(_Strict):
    id: str
    kind: str  # checked against actors_kb.KINDS by the loader, with the codes it needs
    names: Words
    codes: list[CodeSpanSchema] = []
    country: str | None = None
    adjectives: Words = []
    demonyms: Words = []
    note: str = ""
    weak: bool = False
    title: bool = False
    refers: Literal["", "person", "pair"] = ""
    plural: bool = True
    position: Literal["suffix", "prefix"] = "suffix"
    abroad: bool = False


# --- clean_rules.toml (dyad.text.clean) -----------------------------------------------------------


class _Chars(_Table):
    drop: str
    newline: str
    single_quote: str
    double_quote: str


class _ReadMore(_Table):
    cues: Words
    bare_cues: Words
    max_chars: int


class _NoiseLines(_Table):
    cues: Words


class _Links(_Table):
    tweet_link_pattern: Regex
    url_token_pattern: Regex


class _Tweet(_Table):
    attribution_pattern: Regex
    date_formats: Words
    max_body_lines: int
    trailing_chars: str


class _WordBreak(_Table):
    max_fragment: int
    short_words: Words


class _Sentences(_Table):
    abbreviations: Words


class _Repeats(_Table):
    min_words_exact: int
    min_words_near: int
    near_containment: float
    min_words_sentence: int


class _Trailer(_Table):
    max_paragraphs: int
    disclaimer_cues: Words
    bio_start_pattern: Regex
    bio_cues: Words
    bio_line_cues: Words
    bio_line_max_chars: int


class CleanRulesSchema(_Table):
    chars: _Chars
    read_more: _ReadMore
    noise_lines: _NoiseLines
    links: _Links
    tweet: _Tweet
    word_break: _WordBreak
    sentences: _Sentences
    repeats: _Repeats
    trailer: _Trailer


# --- modality.toml (dyad.coding.modality) -----------------------------------------------------------


class _Aux(_Table):
    future: Words
    hypothetical: Words
    desired: Words


class _Negation(_Table):
    words: Words
    phrases: list[TwoWords]
    governors: Words
    prepositions: Words


class _Hypothetical(_Table):
    governors: Words
    prospects: Words = []
    marks: Words
    adverbs: Words
    modifiers: Words


class _Future(_Table):
    governors: Words
    modifiers: Words
    times: Words
    reported_aux: Words
    date_aux: Words


class _Desired(_Table):
    governors: Words
    purpose: Words


class _Condition(_Table):
    marks: Words
    framing: Words
    framing_verbs: Words
    modals: Words


class _Reporting(_Table):
    verbs: Words


class _Presupposed(_Table):
    prepositions: Words
    marks: Words


class ModalitySchema(_Table):
    aux: _Aux
    negation: _Negation
    hypothetical: _Hypothetical
    future: _Future
    desired: _Desired
    condition: _Condition
    reporting: _Reporting
    presupposed: _Presupposed


# --- scenarios.toml (dyad.scenarios.find) ---------------------------------------------------------


class _Absence(_Table):
    nouns: Words
    cameo: str


class _Marker(_Table):
    words: str
    negates: bool = False


class ScenariosSchema(_Table):
    not_after: Words
    not_yet: Words
    imagine: Words
    circumstance: Words
    continuation: Words
    hedges: Words
    inverted: Words
    reporting: Words
    absence: _Absence
    marker: list[_Marker]


# --- reading and reporting -------------------------------------------------------------------

M = TypeVar("M", bound=_Strict)


def validate_entry(schema: type[M], data: Any, where: str) -> M:
    """``data`` (one parsed JSON object) as ``schema``; ``where`` (``file:line``) names it."""
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        raise DataFileError(f"{where}: {describe(exc, schema)}") from None


def load_toml(path: str | Path, schema: type[M]) -> M:
    """Read a TOML file and check it against ``schema``; any problem is a DataFileError
    naming the file, the line (where the key can be found in the text) and the key."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"cannot read {path}: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"{path.name}: not TOML ({exc})") from exc
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        first = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")[0]
        line = toml_line(text, data, tuple(first["loc"]))
        where = f"{path.name}:{line}" if line else path.name
        raise DataFileError(f"{where}: {describe(exc, schema)}") from None


def describe(exc: ValidationError, schema: type[_Strict]) -> str:
    """The first problem of ``exc`` in one line, in the data file's terms."""
    # an unknown key first: a misspelt key shows as unknown and as missing, and the
    # unknown one says what to fix
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    err = errors[0]
    loc = tuple(err["loc"])
    name = _dotted(loc)
    word = schema.word
    kind, value = err["type"], err["input"]
    if kind == "missing":
        text = f"missing {word} '{name}'"
    elif kind == "extra_forbidden":
        text = f"unknown {word} '{name}'"
    elif kind == "literal_error":
        text = f"{word} '{name}' must be {err['ctx']['expected']}, not {_shown(value)}"
    elif kind.endswith("_type"):
        text = f"{word} '{name}' must be {_expected(schema, loc)}, not {_shown(value)}"
    elif kind == "value_error":
        text = f"{word} '{name}': {err['ctx']['error']}"
    else:
        text = f"{word} '{name}': {err['msg']}"
    if len(errors) > 1:
        text += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return text


def _dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _shown(value: Any) -> str:
    """A JSON/TOML value as the writer of the file sees it: its type, and short scalars."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"a string ({value[:40]!r})"
    if isinstance(value, list):
        return "a list"
    return "an object" if isinstance(value, dict) else type(value).__name__


def _expected(schema: type[_Strict], loc: tuple) -> str:
    """What the schema wants at ``loc``, in words ("a list of strings", "true or false")."""
    annotation: Any = schema
    for part in loc:
        if isinstance(part, int):
            args = typing.get_args(_strip(annotation))
            annotation = args[0] if args else Any
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(part)
            annotation = field.annotation if field else Any
        else:
            annotation = Any
    return _words(annotation)


def _strip(annotation: Any) -> Any:
    """The type inside ``Annotated[...]``."""
    while typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _words(annotation: Any, plural: bool = False) -> str:
    annotation = _strip(annotation)
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        nullable = len(options) < len(typing.get_args(annotation))
        text = " or ".join(_words(a, plural) for a in options)
        return f"{text} or null" if nullable else text
    if origin is list:
        return f"a list of {_words(typing.get_args(annotation)[0], plural=True)}"
    if isinstance(annotation, type) and issubclass(annotation, _Strict):
        return annotation.noun.split(" ", 1)[1] + "s" if plural else annotation.noun
    names = {
        str: ("a string", "strings"),
        bool: ("true or false", "booleans"),
        int: ("an integer", "integers"),
        float: ("a number", "numbers"),
    }
    if annotation in names:
        return names[annotation][plural]
    return "a value of another type"


_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?")


def toml_line(text: str, data: dict, loc: tuple) -> int | None:
    """The line of ``text`` where the key at ``loc`` is set (or, for a missing key, the
    header of the table it is missing from); ``None`` where it cannot be told.

    Handles what dyad's files use: top-level keys, ``[table]`` keys and ``[[array]]`` tables.
    """
    table: str | None = None
    index: int | None = None
    rest = list(loc)
    value = data.get(rest[0]) if rest and isinstance(rest[0], str) else None
    if isinstance(value, dict):  # a [table] (or its key)
        table, rest = rest[0], rest[1:]
    elif (
        isinstance(value, list)
        and value
        and all(isinstance(v, dict) for v in value)
        and len(rest) > 1
        and isinstance(rest[1], int)
    ):  # an [[array]] table (or its key)
        table, index, rest = rest[0], rest[1], rest[2:]
    key = rest[0] if rest and isinstance(rest[0], str) else None
    current: tuple[str | None, int | None] = (None, None)
    seen: dict[str, int] = {}
    header_line = None
    key_re = re.compile(rf"^\s*{re.escape(key)}\s*=") if key else None
    for n, line in enumerate(text.splitlines(), 1):
        head = _HEADER.match(line)
        if head:
            name = head.group(2)
            if head.group(1) == "[[":
                current = (name, seen.get(name, 0))
                seen[name] = seen.get(name, 0) + 1
            else:
                current = (name, None)
            if current == (table, index) and header_line is None:
                header_line = n
            continue
        if current == (table, index) and key_re and key_re.match(line):
            return n
    return header_line
