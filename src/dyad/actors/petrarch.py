"""Read a user's PETRARCH / Phoenix actor and agent dictionaries into dyad's actor format.

The formats are those of petrarch2's ``docs/source/dictionaries.rst``:

* actors: a primary phrase (words joined by ``_`` or blanks) with an optional ``[CODE]``;
  synonyms on lines starting with ``+``; date restrictions on indented lines,
  ``[CODE <DATE]``, ``[CODE >DATE]`` or ``[CODE DATE-DATE]``, dates ``YYMMDD`` or
  ``YYYYMMDD``, limits inclusive; a code without a restriction is the default.
* agents: ``PHRASE {PLURAL} [~CODE]`` (``~`` before the code: a role added after the actor's
  code; after it, ``NGO~``: put before); ``{}`` means no plural, no braces a regular plural;
  ``!NAME! = A, B, C`` defines a substitution used as ``!NAME!`` inside phrases.
* comments: ``<!-- ... -->`` (also over several lines), ``#`` and legacy ``;`` to the end of
  the line.

How the entries are shaped: a dated actor becomes a ``person`` (its default code last, after
the dated spans); an undated actor with a bare three-letter code a ``country`` (so that
"Arnorian soldiers" combine as a country with a role noun); any other actor an ``org``.
PETRARCH's limits are inclusive and dyad's ``valid_to`` exclusive, so a ``<DATE`` or the end
of a range becomes the next day. Six-digit years below 30 are 20YY, others 19YY. What cannot
be kept: TABARI-style stems ("ARGENTIN" matches only the word "Argentin"), a blank inside an
agent phrase meaning "other words may come between" (read as consecutive words), and the
second of several codes written ``[A/B]`` (the first is kept; the rest go to the note).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from dyad.actors.kb import ActorEntry, CodeSpan
from dyad.errors import DataFileError

log = logging.getLogger(__name__)

_CODE = re.compile(r"^[A-Z0-9-]{3,}$")
_ROLE = re.compile(r"^([A-Z]{3})+$")
_RESTRICTION = re.compile(
    r"^\s*(?P<code>[^\s<>\]]+)?\s*(?:(?P<op>[<>])\s*(?P<d>\d{6,8})|(?P<d1>\d{6,8})\s*-\s*(?P<d2>\d{6,8}))?\s*$"
)
_BRACKET = re.compile(r"\[([^\]]*)\]")


def _strip_comments(text: str) -> list[str]:
    """Lines without comments (``<!-- -->`` blocks, ``#``, ``;``), trailing blanks removed."""
    out, in_block = [], False
    for line in text.splitlines():
        kept = ""
        while line:
            if in_block:
                end = line.find("-->")
                if end < 0:
                    line = ""
                    break
                line, in_block = line[end + 3 :], False
                continue
            start = line.find("<!")
            if start < 0:
                kept += line
                break
            kept += line[:start]
            line, in_block = line[start + 2 :], True
        for mark in ("#", ";"):
            if mark in kept:
                kept = kept[: kept.index(mark)]
        out.append(kept.rstrip())
    return out


def _date(raw: str, where: str) -> dt.date:
    try:
        if len(raw) == 6:
            year = int(raw[:2])
            return dt.date(2000 + year if year < 30 else 1900 + year, int(raw[2:4]), int(raw[4:6]))
        return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))
    except ValueError as exc:
        raise DataFileError(f"{where}: bad date {raw!r}") from exc


def _phrase(raw: str) -> str:
    """Words of a phrase, lower-cased: PETRARCH matches without regard to case, so only
    one- and two-letter upper-case words (US, UN) keep their case, as dyad reads them."""
    words = raw.replace("_", " ").split()
    return " ".join(w if sum(c.isalpha() for c in w) <= 2 and w.isupper() else w.lower() for w in words)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _code(raw: str, where: str, notes: list[str]) -> str | None:
    code = raw.strip().upper()
    if "/" in code:
        first, *rest = code.split("/")
        notes.append(f"also coded {'/'.join(rest)} in the source")
        code = first
    if not _CODE.match(code):
        log.warning("%s: code %r is not an actor code, skipped", where, raw)
        return None
    return code


def read_petrarch_actors(path: str | Path) -> list[ActorEntry]:
    """Entries from a PETRARCH actor dictionary."""
    path = Path(path)
    lines = _strip_comments(path.read_text(encoding="utf-8", errors="replace"))
    records: list[dict] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path.name}:{n}"
        indented = line[0].isspace()
        body = line.strip()
        if body.startswith("+"):
            if records:
                records[-1]["names"].append(_phrase(_BRACKET.sub("", body[1:])))
            continue
        if indented or body.startswith("["):
            if records:
                for inner in _BRACKET.findall(body):
                    records[-1]["restrictions"].append((inner, where))
            continue
        phrase = _phrase(_BRACKET.sub("", body))
        if not phrase:
            continue
        records.append(
            {"names": [phrase], "restrictions": [(i, where) for i in _BRACKET.findall(body)], "where": where}
        )
    entries = []
    seen: dict[str, int] = {}
    for rec in records:
        notes: list[str] = []
        dated, default = [], []
        for inner, where in rec["restrictions"]:
            m = _RESTRICTION.match(inner)
            if not m or not m.group("code"):
                log.warning("%s: restriction [%s] not understood, skipped", where, inner)
                continue
            code = _code(m.group("code"), where, notes)
            if code is None:
                continue
            if m.group("op") == "<":
                dated.append(CodeSpan(code, None, (_date(m.group("d"), where) + dt.timedelta(days=1)).isoformat()))
            elif m.group("op") == ">":
                dated.append(CodeSpan(code, _date(m.group("d"), where).isoformat(), None))
            elif m.group("d1"):
                start, end = _date(m.group("d1"), where), _date(m.group("d2"), where)
                dated.append(CodeSpan(code, start.isoformat(), (end + dt.timedelta(days=1)).isoformat()))
            else:
                default.append(CodeSpan(code))
        spans = tuple(dated + default[:1])
        if not spans:
            log.warning("%s: actor %r has no code, skipped", rec["where"], rec["names"][0])
            continue
        if dated:
            kind = "person"
        elif len(spans[0].code) == 3 and spans[0].code != "---":
            kind = "country"
        else:
            kind = "org"
        base = "petrarch:" + _slug(rec["names"][0])
        seen[base] = seen.get(base, 0) + 1
        entry_id = base if seen[base] == 1 else f"{base}-{seen[base]}"
        country = spans[0].code[:3] if spans[0].code[:3] != "---" else None
        entries.append(
            ActorEntry(
                id=entry_id,
                kind=kind,
                names=tuple(dict.fromkeys(n for n in rec["names"] if n)),
                codes=spans,
                country=country,
                note="; ".join(["imported from PETRARCH " + rec["where"]] + notes),
                source=str(path),
            )
        )
    return entries


def _regular_plural(word: str) -> str:
    upper = word.upper()
    if upper.endswith("Y") and len(word) > 1 and upper[-2] not in "AEIOU":
        return word[:-1] + ("IES" if word.isupper() else "ies")
    if upper.endswith("SS"):
        return word + ("ES" if word.isupper() else "es")
    return word + ("S" if word.isupper() else "s")


def read_petrarch_agents(path: str | Path) -> list[ActorEntry]:
    """Role entries from a PETRARCH agent dictionary."""
    path = Path(path)
    lines = _strip_comments(path.read_text(encoding="utf-8", errors="replace"))
    subs: dict[str, list[str]] = {}
    entries: list[ActorEntry] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(lines, 1):
        body = line.strip()
        if not body:
            continue
        where = f"{path.name}:{n}"
        m = re.match(r"^(![A-Z0-9_]+!)\s*=\s*(.+)$", body, re.I)
        if m:
            subs[m.group(1).upper()] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _BRACKET.findall(body)
        if not codes:
            log.warning("%s: agent without a [code], skipped", where)
            continue
        raw = codes[0].replace(" ", "")
        prefix = raw.endswith("~") and not raw.startswith("~")
        code = raw.strip("~").upper()
        if not _ROLE.match(code):
            log.warning("%s: agent code %r is not a role code, skipped", where, codes[0])
            continue
        head = _BRACKET.sub("", body)
        plural_match = re.search(r"\{([^}]*)\}", head)
        phrase_raw = re.sub(r"\{[^}]*\}", "", head).strip()
        phrases = [phrase_raw]
        for marker in re.findall(r"![A-Z0-9_]+!", phrase_raw, re.I):
            options = subs.get(marker.upper())
            if not options:
                log.warning("%s: substitution %s is not defined", where, marker)
                phrases = []
                break
            phrases = [p.replace(marker, opt) for p in phrases for opt in options]
        if not phrases:
            continue
        substituted = phrases != [phrase_raw]
        names: list[str] = []
        for p in phrases:
            names.append(_phrase(p))
            if substituted:
                continue  # substitution lists give every form; no plural is formed
            if plural_match is None:
                words = _phrase(p).split()
                names.append(" ".join(words[:-1] + [_regular_plural(words[-1])]))
            elif plural_match.group(1).strip():
                names.append(_phrase(plural_match.group(1)))
        names = list(dict.fromkeys(nm for nm in names if nm))
        base = "petrarch-agent:" + _slug(names[0])
        seen[base] = seen.get(base, 0) + 1
        entry_id = base if seen[base] == 1 else f"{base}-{seen[base]}"
        entries.append(
            ActorEntry(
                id=entry_id,
                kind="role",
                names=tuple(names),
                codes=(CodeSpan(code),),
                plural=False,
                position="prefix" if prefix else "suffix",
                note=f"imported from PETRARCH {where}",
                source=str(path),
            )
        )
    return entries


def import_petrarch(actors_path: str | Path | None, agents_path: str | Path | None = None) -> list[ActorEntry]:
    """Entries from a PETRARCH actor dictionary, then from its agent dictionary if given."""
    entries = read_petrarch_actors(actors_path) if actors_path else []
    if agents_path:
        entries += read_petrarch_agents(agents_path)
    return entries
