"""The event lexicon: verb, adjective and noun patterns, word classes and frames, as data.

The bundled files live in ``dyad/data/lexicon/*.lex`` (format in that folder's README.md);
``Settings.lexicon_files`` adds user files read by the same loader, after the bundled ones.
A later pattern wins a tie with an earlier one, so user files can refine bundled entries.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dyad.errors import DataFileError
from dyad.ontology import is_code
from dyad.records import Record
from dyad.settings import data_path

log = logging.getLogger(__name__)

BUNDLED = ("classes.lex", "frames.lex", "verbs.lex", "nouns.lex", "news.lex", "discards.lex")
NO_EVENT = "none"  # a pattern's code when the words name no political event ("fight corruption")
KINDS = ("verb", "adj", "noun")
FRAMES = ("say", "appeal", "demand", "intent", "decide", "accept", "reject", "threaten", "supply", "stop", "protest")
FLAGS = frozenset(
    {"neg", "recip", "needtarget", "needcomp", "comp", "passive", "active", "ccomp", "xcomp", "intrans", "trans"}
)
SLOTS = frozenset({"obj", "subj", "iobj", "mod", "xcomp", "ccomp", "oprd", "light"})
PREPS = frozenset(
    {
        "on",
        "for",
        "with",
        "to",
        "of",
        "against",
        "by",
        "from",
        "into",
        "over",
        "about",
        "between",
        "in",
        "at",
        "as",
        "out",
        "up",
        "down",
        "off",
        "upon",
        "behind",
        "around",
        "near",
        "under",
        "onto",
        "toward",
        "towards",
        "within",
        "across",
        "through",
        "after",
        "before",
        "despite",
    }
)
ROLE_NAMES = SLOTS | PREPS | {"poss"}
STOPWORDS = frozenset({"of", "the", "a", "an"})
LINT_ALLOW = "lint: allow"  # a pattern line's comment that accepts what lint() finds there


@dataclass(frozen=True)
class WordSet(Record):
    """Alternatives a token may match; each item is one or more words (``martial law``)."""

    items: tuple[tuple[str, ...], ...]

    @functools.cached_property
    def heads(self) -> frozenset[str]:
        return frozenset(w for item in self.items for w in item)


@dataclass(frozen=True)
class Pattern(Record):
    """One lexicon line: a trigger word (with required extra words) and what it codes.

    ``args`` are (slot, words) constraints: ``("obj", WordSet)`` means the object must be one
    of those words, ``("on", None)`` that an ``on`` phrase must be present.
    """

    kind: str
    head: str
    extras: tuple[str, ...]
    code: str
    args: tuple[tuple[str, WordSet | None], ...] = ()
    target: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    frame: str | None = None
    flags: frozenset[str] = frozenset()
    origin: str = ""
    seq: int = 0  # load order: a later pattern wins a tie with an earlier one

    @property
    def specificity(self) -> int:
        return (
            len(self.args) + len(self.extras) + ("neg" in self.flags) + ("ccomp" in self.flags or "xcomp" in self.flags)
        )


@dataclass
class Lexicon:
    """Patterns indexed by (kind, head word), plus classes, frames, light verbs, modals."""

    patterns: dict[tuple[str, str], list[Pattern]] = field(default_factory=dict)
    classes: dict[str, WordSet] = field(default_factory=dict)
    compose: dict[str, dict[str, str]] = field(default_factory=dict)
    light: set[str] = field(default_factory=set)
    part: set[str] = field(default_factory=set)
    modals: dict[str, str] = field(default_factory=dict)
    recode: list[tuple[str, str, str, str]] = field(default_factory=list)
    discards: list[tuple[str, frozenset[tuple[str, ...]], frozenset[str]]] = field(default_factory=list)
    lint_allowed: dict[str, str] = field(default_factory=dict)  # origin -> why (`# lint: allow …`)

    def discarded(self, lemmas: Sequence[str]) -> frozenset[str]:
        """Trigger lemmas that name no political event in this sentence: the verbs of every
        discard domain (sport…) one of whose cues the sentence contains."""
        present = set(lemmas)
        out: set[str] = set()
        for _, cues, verbs in self.discards:
            for cue in cues:
                if cue[0] in present and (
                    len(cue) == 1
                    or any(tuple(lemmas[i : i + len(cue)]) == cue for i in range(len(lemmas) - len(cue) + 1))
                ):
                    out |= verbs
                    break
        return frozenset(out)

    def lookup(self, kind: str, words: Iterable[str]) -> list[Pattern]:
        found: list[Pattern] = []
        for w in dict.fromkeys(words):
            found.extend(self.patterns.get((kind, w), ()))
        return found

    def compose_code(self, frame: str, embedded: str | None, base: str) -> str | None:
        """The code of a ``frame`` pattern (own code ``base``) over an ``embedded`` code.

        ``None`` when the frame's table has no row for ``embedded`` and no ``*`` row.
        """
        if embedded is None:
            return base
        table = self.compose.get(frame, {})
        for n in range(len(embedded), 1, -1):
            if embedded[:n] in table:
                return _apply(table[embedded[:n]], base)
        return _apply(table["*"], base) if "*" in table else None

    def recode_frame(self, modality: str, code: str) -> str | None:
        """The frame an event with ``modality`` is recoded under (``recode`` lines), if any."""
        for mod, lo, hi, frame in self.recode:
            if mod == modality and lo <= code[:2] <= hi:
                return frame
        return None

    def codes(self) -> set[str]:
        """Every CAMEO code the lexicon can produce (patterns and frame tables)."""
        pats = [p for group in self.patterns.values() for p in group]
        out = {p.code for p in pats}
        for frame, table in self.compose.items():
            bases = {p.code for p in pats if p.frame == frame}
            out.update(_apply(c, base) for c in table.values() for base in bases)
        return {c for c in out if is_code(c)}


def _apply(code: str, base: str) -> str:
    if code.startswith("+"):
        digit = code[1:]
        return base if digit == "0" else base[:3] + digit
    return code


class _Reader:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.seq = 0

    def fail(self, where: str, msg: str) -> None:
        raise DataFileError(f"{where}: {msg}")

    def words(self, text: str, where: str) -> WordSet:
        items: list[tuple[str, ...]] = []
        for alt in text.split("/"):
            alt = alt.strip()
            if not alt:
                self.fail(where, f"empty alternative in {text!r}")
            if alt.startswith("@"):
                if alt not in self.lex.classes:
                    self.fail(where, f"unknown class {alt}")
                items.extend(self.lex.classes[alt].items)
            else:
                items.append(tuple(w for w in alt.replace("_", " ").lower().split()))
        return WordSet(tuple(dict.fromkeys(items)))

    def read(self, path: Path) -> None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise DataFileError(f"cannot read lexicon file {path}: {exc}") from exc
        for n, raw in enumerate(lines, 1):
            line, _, comment = raw.partition("#")
            line = line.strip()
            if not line:
                continue
            where = f"{path.name}:{n}"
            kind, _, rest = line.partition(" ")
            fields = [f.strip() for f in rest.split("|")]
            if kind in KINDS:
                self.pattern(kind, fields, where)
                if comment.strip().startswith(LINT_ALLOW):
                    self.lex.lint_allowed[where] = comment.strip()[len(LINT_ALLOW) :].strip()
            elif kind == "class":
                self.klass(fields, where)
            elif kind == "compose":
                self.compose(fields, where)
            elif kind == "light":
                if len(fields) != 2 or fields[1] not in ("do", "part"):
                    self.fail(where, "light lines are `light LEMMA | do` or `light LEMMA | part`")
                (self.lex.light if fields[1] == "do" else self.lex.part).add(fields[0].lower())
            elif kind == "modal":
                if len(fields) != 2 or fields[1] not in FRAMES:
                    self.fail(where, "modal lines are `modal WORD | FRAME`")
                self.lex.modals[fields[0].lower()] = fields[1]
            elif kind == "recode":
                self.recode(fields, where)
            elif kind == "discard":
                self.discard(fields, where)
            else:
                self.fail(where, f"unknown line kind {kind!r}")

    def klass(self, fields: list[str], where: str) -> None:
        if len(fields) != 2 or not fields[0].startswith("@"):
            self.fail(where, "class lines are `class @NAME | item, item`")
        items = tuple(tuple(i.lower().split()) for i in fields[1].split(",") if i.strip())
        self.lex.classes[fields[0]] = WordSet(tuple(dict.fromkeys(items)))

    def compose(self, fields: list[str], where: str) -> None:
        if len(fields) != 3 or fields[0] not in FRAMES:
            self.fail(where, "compose lines are `compose FRAME | EMBEDDED | CODE`")
        frame, prefix, code = fields
        if not (code.startswith("+") and code[1:].isdigit()) and not is_code(code):
            self.fail(where, f"unknown CAMEO code {code!r}")
        self.lex.compose.setdefault(frame, {})[prefix] = code

    def recode(self, fields: list[str], where: str) -> None:
        if len(fields) != 3 or "-" not in fields[1] or fields[2] not in FRAMES:
            self.fail(where, "recode lines are `recode MODALITY | 03-08 | FRAME`")
        lo, hi = fields[1].split("-")
        self.lex.recode.append((fields[0], lo, hi, fields[2]))

    def discard(self, fields: list[str], where: str) -> None:
        if len(fields) != 3 or not fields[1] or not fields[2]:
            self.fail(where, "discard lines are `discard DOMAIN | CUE, CUE | VERB, VERB`")
        cues = frozenset(tuple(c.lower().split()) for c in fields[1].split(",") if c.strip())
        verbs = frozenset(v.strip().lower() for v in fields[2].split(",") if v.strip())
        self.lex.discards.append((fields[0], cues, verbs))

    def pattern(self, kind: str, fields: list[str], where: str) -> None:
        if len(fields) != 3:
            self.fail(where, "pattern lines are `KIND WORDS | CONSTRAINTS | CODE`")
        words_text, cons_text, code = fields
        if code != NO_EVENT and not is_code(code):
            self.fail(where, f"unknown CAMEO code {code!r}")
        words = words_text.lower().split()
        if not words:
            self.fail(where, "no trigger word")
        starred = [w for w in words if w.endswith("*")]
        if starred:
            head = starred[0].rstrip("*")
        else:
            head = words[0] if kind == "verb" else words[-1]
        extras = tuple(w.rstrip("*") for w in words if w.rstrip("*") != head and w not in STOPWORDS)
        args: list[tuple[str, WordSet | None]] = []
        target: tuple[str, ...] = ()
        source: tuple[str, ...] = ()
        frame = None
        flags = set()
        for tok in cons_text.split():
            if "~" in tok:
                slot, _, alts = tok.partition("~")
                if slot not in SLOTS and slot not in PREPS:
                    self.fail(where, f"unknown slot {slot!r}")
                args.append((slot, self.words(alts, where)))
            elif tok.startswith("target=") or tok.startswith("source="):
                roles = tuple(tok.split("=", 1)[1].split("/"))
                bad = [r for r in roles if r not in ROLE_NAMES]
                if bad:
                    self.fail(where, f"unknown role(s) {bad}")
                if tok.startswith("target="):
                    target = roles
                else:
                    source = roles
            elif tok.startswith("frame="):
                frame = tok.split("=", 1)[1]
                if frame not in FRAMES:
                    self.fail(where, f"unknown frame {frame!r}")
            elif tok in FLAGS:
                flags.add(tok)
            elif tok in PREPS:
                args.append((tok, None))
            else:
                self.fail(where, f"unknown constraint {tok!r}")
        pat = Pattern(
            kind=kind,
            head=head,
            extras=extras,
            code=code,
            args=tuple(args),
            target=target,
            source=source,
            frame=frame,
            flags=frozenset(flags),
            origin=where,
            seq=self.seq,
        )
        self.seq += 1
        self.lex.patterns.setdefault((kind, head), []).append(pat)


def read_lexicon(paths: Iterable[str | Path]) -> Lexicon:
    """Read lexicon files in order into one :class:`Lexicon`."""
    lex = Lexicon()
    reader = _Reader(lex)
    for p in paths:
        reader.read(Path(p))
    return lex


@functools.lru_cache(maxsize=8)
def load_lexicon(extra_files: tuple[str, ...] = ()) -> Lexicon:
    """The bundled lexicon followed by ``extra_files`` (e.g. ``Settings.lexicon_files``)."""
    lex = read_lexicon([data_path("lexicon", name) for name in BUNDLED] + list(extra_files))
    log.debug("lexicon: %d pattern heads", len(lex.patterns))
    return lex


# --- lint: patterns that can never be chosen ---------------------------------------------------

MATCH_FLAGS = frozenset({"passive", "active", "neg", "ccomp", "xcomp", "intrans", "trans"})


@dataclass(frozen=True)
class LintFinding(Record):
    """A pattern line (``origin``) that can never be chosen, because of the line ``by``.

    ``kind`` is ``duplicate`` (same kind, words and constraints) or ``shadowed`` (see the
    lexicon README, "Lint").
    """

    kind: str
    origin: str
    by: str
    message: str
    allowed: str = ""  # the reason given on the line (`# lint: allow REASON`), if any


def _items(ws: WordSet | None) -> frozenset[tuple[str, ...]] | None:
    return None if ws is None else frozenset(ws.items)


def _constraints(p: Pattern) -> tuple:
    args = frozenset((slot, _items(ws)) for slot, ws in p.args)
    return (p.kind, p.head, frozenset(p.extras), args, p.target, p.source, p.frame, p.flags)


def _implies(p: Pattern, q: Pattern) -> bool:
    """Whenever ``p`` matches a token, ``q`` does too (same kind and head assumed)."""
    if not set(q.extras) <= set(p.extras) or not (q.flags & MATCH_FLAGS) <= (p.flags & MATCH_FLAGS):
        return False
    for slot, ws in q.args:
        if not any(
            slot == pslot
            and (
                (ws is None and pws is None) or (ws is not None and pws is not None and set(pws.items) <= set(ws.items))
            )
            for pslot, pws in p.args
        ):
            return False
    return True


def _always_completes(lex: Lexicon, q: Pattern) -> bool:
    """A matched ``q`` is chosen whatever it embeds (dyad.coding.triggers: a frame fails when
    it needs a complement and finds none, or its table has no row for what it found)."""
    if not q.frame or q.frame == "say" or "comp" in q.flags:
        return True
    return "needcomp" not in q.flags and q.frame not in ("supply", "stop") and "*" in lex.compose.get(q.frame, {})


def _rank(p: Pattern) -> tuple[int, int]:
    return (p.specificity, p.seq)  # as dyad.coding.triggers ranks the patterns of one token


def lint(lex: Lexicon) -> list[LintFinding]:
    """Pattern lines that can never be chosen under "most specific wins, among equals the one
    read last": duplicates of a later line, and lines shadowed by a later or more specific
    one that matches wherever they match (README, "Lint"). One finding per such line, in
    reading order; ``allowed`` carries the reason where the line accepts it."""
    found: list[tuple[int, LintFinding]] = []
    for group in lex.patterns.values():
        for p in group:
            above = [
                q for q in group if q is not p and _rank(q) > _rank(p) and ("comp" in q.flags) == ("comp" in p.flags)
            ]
            allowed = lex.lint_allowed.get(p.origin, "")
            # name the line that wins: the highest-ranked of those that make P dead
            dup = max((q for q in above if _constraints(q) == _constraints(p)), key=_rank, default=None)
            if dup is not None:
                same = "the same code" if dup.code == p.code else f"code {dup.code}, not {p.code}"
                found.append(
                    (
                        p.seq,
                        LintFinding(
                            "duplicate",
                            p.origin,
                            dup.origin,
                            f"{p.origin}: duplicate of {dup.origin} ({same}), which wins",
                            allowed,
                        ),
                    )
                )
                continue
            by = max((q for q in above if _implies(p, q) and _always_completes(lex, q)), key=_rank, default=None)
            if by is not None:
                found.append(
                    (
                        p.seq,
                        LintFinding(
                            "shadowed",
                            p.origin,
                            by.origin,
                            f"{p.origin}: shadowed by {by.origin} (code {by.code}), "
                            "which matches wherever it does and ranks higher",
                            allowed,
                        ),
                    )
                )
    return [finding for _, finding in sorted(found, key=lambda pair: pair[0])]
