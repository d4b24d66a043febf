"""The actor knowledge base: its file format, loading, and the index the resolver looks in.

Entries are JSON objects, one a line, in ``dyad/data/actors/*.jsonl`` (the format is
described in that folder's ``README.md``); a user's files in the same format are read after
the bundled ones, and an entry with an id already seen replaces it. :class:`ActorKB` keeps
the entries and an index of their names as normalised token sequences, built once, so that
the resolver (:mod:`dyad.actors.resolver`) needs only dictionary lookups. Names are tokenised
by :mod:`dyad.actors.tokens`, the way the text is, so one index serves plain strings and parsed
sentences alike.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dyad.actors.tokens import regular_plural, tokenize, word_shape
from dyad.errors import DataFileError
from dyad.records import Record
from dyad.settings import data_path

log = logging.getLogger(__name__)

DATA_DIR = data_path("actors")

KINDS = ("country", "region", "seat", "place", "org", "person", "role", "honorific", "marker", "reference")
# When one name belongs to entries of several kinds, the earlier kind wins a tie.
KIND_RANK = {
    k: i
    for i, k in enumerate(
        ("country", "seat", "org", "region", "place", "person", "role", "reference", "marker", "honorific")
    )
}
INTERNATIONAL = frozenset({"IGO", "NGO", "IMG"})  # country slots followed by a body's own code
ROLE_CODES = frozenset(
    {
        "GOV",
        "MIL",
        "COP",
        "JUD",
        "LEG",
        "OPP",
        "PTY",
        "REB",
        "INS",
        "SEP",
        "RAD",
        "UAF",
        "BUS",
        "MED",
        "EDU",
        "CVL",
        "LAB",
        "REF",
        "HRI",
        "NGO",
        "ELI",
        "SPY",
        "CRM",
        "REL",
        "AGR",
        "DEV",
        "ENV",
        "HLH",
        "MNC",
        "IGO",
    }
)
_CODE_RE = re.compile(r"^[A-Z0-9-]{3,}$")
_ROLE_RE = re.compile(r"^([A-Z]{3})+$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --------------------------------------------------------------------------------------------
# Records of the knowledge base
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeSpan(Record):
    """One code an entry carries, from ``valid_from`` (inclusive) to ``valid_to`` (exclusive).

    ``None`` at either end leaves it open. ``title`` says what the role was ("Prime
    Minister"); ``approx`` marks dates known only to the month (entered as the 1st).
    """

    code: str
    valid_from: str | None = None
    valid_to: str | None = None
    title: str = ""
    approx: bool = False

    def covers(self, date: str) -> bool:
        return (self.valid_from is None or self.valid_from <= date) and (self.valid_to is None or date < self.valid_to)

    def describe(self) -> str:
        title = f" ({self.title})" if self.title else ""
        if self.valid_from is None and self.valid_to is None:
            return f"{self.code}{title}"
        return f"{self.code} {self.valid_from or '…'}..{self.valid_to or '…'}{title}"


@dataclass(frozen=True)
class ActorEntry(Record):
    """One knowledge-base entry: a country, seat, place, person, organisation, role noun ...

    ``codes`` lists the entry's codes in order of preference: on a given date the first span
    that covers it wins. Role entries carry bare role codes (``GOV``); honorifics, markers
    and references carry none. ``source`` is the file the entry came from.
    """

    id: str
    kind: str
    names: tuple[str, ...]
    codes: tuple[CodeSpan, ...] = ()
    country: str | None = None
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    note: str = ""
    weak: bool = False  # role: applies only when nothing else in the phrase gives a role
    title: bool = False  # role: can stand before a person's name ("Prime Minister", "Gen.")
    refers: str = ""  # reference: "person" (he, she) or "pair" (the two sides)
    plural: bool = True  # role: also match the regular plural of each name
    position: str = "suffix"  # role: "prefix" puts the role before the country (PETRARCH's NGO~)
    abroad: bool = False  # role: often posted abroad, so "troops in Afghanistan" are not Afghan
    source: str = ""

    def span_at(self, date: str | None) -> CodeSpan | None:
        """The span in force on ``date``; with no date, the latest one (see the README)."""
        if not self.codes:
            return None
        if date is None:
            return max(self.codes, key=lambda s: s.valid_from or "")
        for span in self.codes:
            if span.covers(date):
                return span
        return None


def split_code(code: str | None) -> tuple[str | None, tuple[str, ...]]:
    """``"PAKGOV"`` -> ``("PAK", ("GOV",))``; ``"IGONATMIL"`` -> ``("IGO", ("MIL",))``.

    The country slot is ``None`` for ``---``; chunks that are not role codes (a body's own
    code after ``IGO``, a territory such as ``GZA``) are left out of the roles.
    """
    if not code:
        return None, ()
    country = code[:3]
    rest = code[3:]
    chunks = [rest[i : i + 3] for i in range(0, len(rest), 3)]
    if country in INTERNATIONAL and chunks:
        chunks = chunks[1:]
    roles = tuple(c for c in chunks if c in ROLE_CODES)
    return (None if country == "---" else country), roles


def add_roles(code: str, roles: Iterable[str], prefix: bool = False) -> str:
    """Add the three-letter role codes the code does not carry yet (after the country slot,
    or before it for PETRARCH's prefix agents such as ``NGO~``)."""
    have = {code[i : i + 3] for i in range(3, len(code), 3)}
    add = ""
    for role in roles:
        for chunk in (role[i : i + 3] for i in range(0, len(role), 3)):
            if chunk not in have:
                have.add(chunk)
                add += chunk
    return add + code if prefix else code + add


# --------------------------------------------------------------------------------------------
# Reading and writing the data files
# --------------------------------------------------------------------------------------------


def _check_date(value, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _DATE_RE.match(value):
        raise DataFileError(f"{where}: dates are YYYY-MM-DD or null, got {value!r}")
    return value


def entry_from_dict(data: dict, where: str = "<dict>", source: str = "") -> ActorEntry:
    """Validate one JSON object of the actor format and build its entry.

    Types and keys are checked against :class:`dyad.schemas.ActorSchema` (strict: a string
    is no list, ``"no"`` no boolean); kinds, codes and dates here.
    """
    from dyad.schemas import ActorSchema, validate_entry  # pydantic loads on first use

    if not isinstance(data, dict):
        raise DataFileError(f"{where}: each line is one JSON object")
    row = validate_entry(ActorSchema, data, where)
    kind = row.kind
    if kind not in KINDS:
        raise DataFileError(f"{where}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
    if not row.names or not all(n.strip() for n in row.names):
        raise DataFileError(f"{where}: 'names' must be a non-empty list of strings")
    spans = []
    for i, raw in enumerate(row.codes):
        here = f"{where} codes[{i}]"
        pattern = _ROLE_RE if kind == "role" else _CODE_RE
        if not pattern.match(raw.code):
            raise DataFileError(f"{here}: bad code {raw.code!r}")
        start, end = _check_date(raw.valid_from, here), _check_date(raw.valid_to, here)
        if start and end and end < start:
            raise DataFileError(f"{here}: valid_to {end} is before valid_from {start}")
        spans.append(CodeSpan(raw.code, start, end, raw.title, raw.approx))
    if kind in ("country", "region", "seat", "place", "org", "person", "role") and not spans:
        raise DataFileError(f"{where}: a {kind} entry needs at least one code")
    if kind == "reference" and row.refers not in ("person", "pair"):
        raise DataFileError(f"{where}: a reference entry has refers: person or pair")
    return ActorEntry(
        id=row.id,
        kind=kind,
        names=tuple(row.names),
        codes=tuple(spans),
        country=row.country,
        adjectives=tuple(row.adjectives),
        demonyms=tuple(row.demonyms),
        note=row.note,
        weak=row.weak,
        title=row.title,
        refers=row.refers,
        plural=row.plural,
        position=row.position,
        abroad=row.abroad,
        source=source,
    )


def entry_to_dict(entry: ActorEntry) -> dict:
    """The JSON object of the actor format for one entry (fields at their default left out)."""
    out: dict = {"id": entry.id, "kind": entry.kind, "names": list(entry.names)}
    if entry.country:
        out["country"] = entry.country
    for key in ("adjectives", "demonyms"):
        if getattr(entry, key):
            out[key] = list(getattr(entry, key))
    if entry.codes:
        out["codes"] = []
        for s in entry.codes:
            span: dict[str, str | bool | None] = {"code": s.code, "valid_from": s.valid_from, "valid_to": s.valid_to}
            if s.title:
                span["title"] = s.title
            if s.approx:
                span["approx"] = True
            out["codes"].append(span)
    for key, default in (
        ("weak", False),
        ("title", False),
        ("refers", ""),
        ("plural", True),
        ("position", "suffix"),
        ("abroad", False),
        ("note", ""),
    ):
        if getattr(entry, key) != default:
            out[key] = getattr(entry, key)
    return out


def read_entries(path: str | Path) -> list[ActorEntry]:
    """Read one actor file (JSON Lines; blank lines and lines starting with ``#`` skipped)."""
    path = Path(path)
    entries = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(f"cannot read actor file {path}: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{path.name}:{n}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFileError(f"{where}: not JSON ({exc.msg})") from exc
        entries.append(entry_from_dict(data, where, source=str(path)))
    return entries


def write_entries(entries: Iterable[ActorEntry], path: str | Path) -> int:
    """Write entries in the actor format; returns how many were written."""
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for entry in entries:
            out.write(json.dumps(entry_to_dict(entry), ensure_ascii=False) + "\n")
            n += 1
    return n


# --------------------------------------------------------------------------------------------
# The knowledge base
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexedName:
    """One way of writing an entry's name, as the index keeps it."""

    entry: ActorEntry
    form: str
    shapes: tuple[str | None, ...]  # what each word asks of the text's case (see tokens.word_shape)
    part: str  # name | adjective | demonym
    order: int  # load order of the entry (a user's file comes last)


_PARTICLES = frozenset(
    {
        "al",
        "bin",
        "ibn",
        "bint",
        "abu",
        "de",
        "da",
        "van",
        "von",
        "der",
        "ul",
        "ud",
        "e",
        "i",
        "la",
        "le",
        "du",
        "dos",
        "zu",
    }
)


class ActorKB:
    """Entries by id plus an index of normalised token sequences, built once."""

    def __init__(self, entries: Iterable[ActorEntry]):
        self.entries: dict[str, ActorEntry] = {}
        for entry in entries:  # a later entry with the same id replaces the earlier one
            self.entries[entry.id] = entry
        self.index: dict[tuple[str, ...], list[IndexedName]] = {}
        self.surnames: dict[tuple[str, ...], list[ActorEntry]] = {}
        self.max_len = 1
        for order, entry in enumerate(self.entries.values()):
            for part, forms in (("name", entry.names), ("adjective", entry.adjectives), ("demonym", entry.demonyms)):
                for form in forms:
                    self._add(entry, form, part, order)
                    if entry.kind == "role" and entry.plural:
                        words = form.split()
                        plural = regular_plural(words[-1])
                        if plural:
                            self._add(entry, " ".join(words[:-1] + [plural]), part, order)
            if entry.kind == "person":
                for name in entry.names:
                    for key in surname_keys(name):
                        bucket = self.surnames.setdefault(key, [])
                        if entry not in bucket:
                            bucket.append(entry)
        self.first_keys = frozenset(key[0] for key in self.index)  # words some name starts with

    def _add(self, entry: ActorEntry, form: str, part: str, order: int) -> None:
        toks = [t for t in tokenize(form) if not t.punct]
        if toks and toks[0].key == "the" and len(toks) > 1:
            toks = toks[1:]
        if not toks:
            return
        key = tuple(t.key for t in toks)
        shapes = tuple(word_shape(t.text) for t in toks)
        if entry.kind == "role":  # a capitalised title stays a title in lower-case input ("general election")
            shapes = tuple("A" if shape == "^" else shape for shape in shapes)
        bucket = self.index.setdefault(key, [])
        if not any(n.entry is entry and n.shapes == shapes for n in bucket):
            bucket.append(IndexedName(entry, form, shapes, part, order))
        self.max_len = max(self.max_len, len(key))

    def get(self, entry_id: str) -> ActorEntry | None:
        return self.entries.get(entry_id)

    def __len__(self) -> int:
        return len(self.entries)

    def counts(self) -> dict[str, int]:
        """Entries by kind, plus ``person_spans``: the dated roles of people."""
        out = Counter(e.kind for e in self.entries.values())
        out["person_spans"] = sum(len(e.codes) for e in self.entries.values() if e.kind == "person")
        return dict(out)

    def search(self, name: str) -> list[ActorEntry]:
        """Entries named ``name`` exactly, then those with a name starting with or containing it."""
        query = tuple(t.key for t in tokenize(name) if not t.punct)
        if query and query[0] == "the" and len(query) > 1:
            query = query[1:]
        if not query:
            return []
        exact = [n.entry for n in self.index.get(query, [])]
        text = " ".join(query)
        starts: list[ActorEntry] = []
        contains: list[ActorEntry] = []
        for key, names in self.index.items():
            joined = " ".join(key)
            if key == query:
                continue
            if joined.startswith(text):
                starts.extend(n.entry for n in names)
            elif f" {text}" in f" {joined}":
                contains.extend(n.entry for n in names)
        out, seen = [], set()
        for entry in exact + starts + contains:
            if entry.id not in seen:
                seen.add(entry.id)
                out.append(entry)
        return out


def surname_keys(name: str) -> list[tuple[str, ...]]:
    """How a person may be referred to later by surname: the last word, with its particle."""
    return list(_surname_keys(name))


@functools.lru_cache(maxsize=1 << 14)
def _surname_keys(name: str) -> tuple[tuple[str, ...], ...]:
    """:func:`surname_keys`, memoised: a person an article names is noted again and again."""
    keys = [t.key for t in tokenize(name) if not t.punct]
    if len(keys) < 2:
        return ()
    if len(keys) >= 3 and keys[-2] in _PARTICLES:
        return ((keys[-1],), (keys[-2], keys[-1]))
    return ((keys[-1],),)


def bundled_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.jsonl"))


@functools.lru_cache(maxsize=1)
def _bundled_kb() -> ActorKB:
    entries = [e for path in bundled_files() for e in read_entries(path)]
    kb = ActorKB(entries)
    log.debug("actor knowledge base: %s", kb.counts())
    return kb


def load_kb(extra_files: Sequence[str] = ()) -> ActorKB:
    """The bundled knowledge base plus a user's files in the same format (later ids win).

    Without extra files the result is built once per process and shared.
    """
    if not extra_files:
        return _bundled_kb()
    base = _bundled_kb()
    extra = [e for path in extra_files for e in read_entries(path)]
    return ActorKB(list(base.entries.values()) + extra)
