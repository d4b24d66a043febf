"""Actors stage: resolve every actor mention to a CAMEO actor code, on the date of the event.

The knowledge base is data, not code: ``dyad/data/actors/*.jsonl`` (one format, described in
that folder's ``README.md``) holds countries and their adjectives, capitals and seats of
power, places, people with dated roles, organisations, role nouns, titles and markers.
:func:`load_kb` reads it, plus a user's files in the same format, into an :class:`ActorKB`
that precompiles an index of normalised token sequences. A :class:`Resolver` finds mentions
with dictionary lookups only (no spaCy here), longest match first, groups them by noun phrase
(:mod:`dyad.actors.mentions`) and composes each phrase (country + role noun, title + person,
possessive + military noun ...) into one :class:`~dyad.records.ActorMatch` whose ``why`` names
the entries and the rule that decided it (:mod:`dyad.actors.compose`). :class:`ArticleContext` carries coreference within one article: surnames of people
already named, "he"/"she", "the two sides", and which countries the article is about.

Codes follow CAMEO: a three-letter country slot (ISO 3166-1 alpha-3 with CAMEO's exceptions,
``---`` when unknown, ``IGO``/``NGO``/``IMG`` for international bodies followed by the body's
own three-letter code) and then three-letter role codes (``PAKGOV``, ``---MIL``,
``IGONATMIL``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from dyad.actors.compose import compose
from dyad.actors.context import ArticleContext
from dyad.actors.kb import (
    KIND_RANK,
    KINDS,
    ROLE_CODES,
    ActorEntry,
    ActorKB,
    CodeSpan,
    IndexedName,
    bundled_files,
    entry_from_dict,
    entry_to_dict,
    load_kb,
    read_entries,
    split_code,
    write_entries,
)
from dyad.actors.mentions import (
    ATTITUDE,
    ENTITY_KINDS,
    LOCATIVE,
    SUBJECT_DEPS,
    Group,
    Item,
    after_locative,
    distribute,
    entry_country,
    group_items,
    lower_case,
    modifies_other,
    normalize_date,
    span_text,
)
from dyad.actors.petrarch import import_petrarch
from dyad.actors.tokens import Tok, case_ok, join_tokens, norm_key, sentence_tokens, tokenize
from dyad.records import ActorMatch, Sentence
from dyad.settings import Settings

__all__ = [
    "KINDS",
    "ROLE_CODES",
    "ActorEntry",
    "ActorKB",
    "ArticleContext",
    "CodeSpan",
    "Resolver",
    "bundled_files",
    "entry_from_dict",
    "entry_to_dict",
    "import_petrarch",
    "load_kb",
    "norm_key",
    "read_entries",
    "split_code",
    "write_entries",
]


class Resolver:
    """Resolves actor mentions against an :class:`ActorKB` (see the module docstring)."""

    def __init__(self, kb: ActorKB | None = None, settings: Settings | None = None):
        self.settings = settings or Settings.from_env()
        self.kb = kb if kb is not None else load_kb(self.settings.actor_files)

    # ---- public API ------------------------------------------------------------------------

    def resolve(
        self, text: str, date: str | None = None, context: ArticleContext | None = None, as_place: bool = False
    ) -> ActorMatch:
        """Resolve one actor phrase ("Pakistan's army chief", "U.S. officials").

        ``start``/``end`` of the result are character offsets of the mention in ``text``.
        A capital read as the place it is ("in Islamabad", or ``as_place=True``) gives its
        country and no role. A phrase with several actors resolves to its first one.
        """
        day, note = self._date(date, context)
        toks = tokenize(text)
        relax = not any(c.isupper() for c in text)
        items = self._match(toks, day, context, relax)
        groups = distribute(group_items(items, toks, parsed=False))
        if not groups:
            return self._unknown(text.strip(), toks, note)
        group = groups[0]
        place = as_place or after_locative(group, toks)
        match, entry = compose(self.kb, group.items, day, context, place)
        match = replace(
            match,
            text=join_tokens(toks[group.i0 : group.i1]),
            why=note + match.why,
            start=toks[group.i0].start,
            end=toks[group.i1 - 1].end,
        )
        if context is not None:
            context.note(match, entry, place=place)
        return match

    def resolve_tokens(
        self, sentence: Sentence, start: int, end: int, date: str | None = None, context: ArticleContext | None = None
    ) -> ActorMatch:
        """Resolve the tokens ``[start, end)`` of a parsed sentence, e.g. a subject's subtree.

        ``start``/``end`` of the result are token indices of the matched mention. Where the
        span holds several actors, the one holding the span's syntactic head wins.
        """
        day, note = self._date(date, context)
        toks = sentence_tokens(sentence, start, end)
        items = self._match(toks, day, context, relax=lower_case(sentence))
        groups = distribute(group_items(items, toks, parsed=True))
        if not groups:
            unknown = self._unknown(span_text(sentence, start, end), toks, note)
            return replace(unknown, start=start, end=end)
        heads = {t.i for t in sentence.tokens[start:end] if not start <= t.head < end or t.head == t.i}
        group = next((g for g in groups if any(toks[k].tok in heads for k in range(g.i0, g.i1))), groups[0])
        place = self._locative(sentence, group, toks)
        match, entry = compose(self.kb, group.items, day, context, place)
        s, e = toks[group.i0].tok, toks[group.i1 - 1].tok + 1
        match = replace(match, text=span_text(sentence, s, e), why=note + match.why, start=s, end=e)
        if context is not None:
            context.note(match, entry, self._is_subject(sentence, s, e), place)
        return match

    def mentions(
        self, sentence: Sentence, date: str | None = None, context: ArticleContext | None = None
    ) -> list[ActorMatch]:
        """Every actor mention in a sentence, non-overlapping, in reading order.

        Matching is longest first. A role noun standing alone and weak ("the spokesman") is no
        mention; named entities the parser found (people, organisations, places, nationalities)
        that are not in the knowledge base come back with code ``None``, so a coder can tell
        an unknown actor from no actor.
        """
        day, note = self._date(date, context)
        toks = sentence_tokens(sentence)
        items = self._match(toks, day, context, relax=lower_case(sentence))
        out: list[tuple[int, ActorMatch]] = []
        covered: set[int] = set()
        for group in distribute(group_items(items, toks, parsed=True)):
            if all(it.kind == "role" and it.known.weak for it in group.items):
                continue
            if all(it.kind == "role" for it in group.items) and modifies_other(sentence, group, toks):
                continue  # "troop withdrawal", "terrorist infrastructure": no actor
            place = self._locative(sentence, group, toks)
            match, entry = compose(self.kb, group.items, day, context, place)
            if match.code is None and all(it.kind == "reference" for it in group.items):
                continue  # a pronoun with nothing to refer to
            s, e = toks[group.i0].tok, toks[group.i1 - 1].tok + 1
            match = replace(match, text=span_text(sentence, s, e), why=note + match.why, start=s, end=e)
            covered.update(range(s, e))
            if context is not None:
                context.note(match, entry, self._is_subject(sentence, s, e), place)
            out.append((s, match))
        for ent in sentence.entities:
            if ent.label in ("PERSON", "ORG", "GPE", "NORP") and not covered & set(range(ent.start, ent.end)):
                out.append(
                    (
                        ent.start,
                        ActorMatch(
                            text=ent.text,
                            code=None,
                            why=note + "not in the knowledge base",
                            start=ent.start,
                            end=ent.end,
                        ),
                    )
                )
        return [m for _, m in sorted(out, key=lambda pair: pair[0])]

    def search(self, name: str) -> list[ActorEntry]:
        """Knowledge-base entries for a name: exact matches first."""
        return self.kb.search(name)

    # ---- matching --------------------------------------------------------------------------

    def _date(self, date, context: ArticleContext | None) -> tuple[str | None, str]:
        if date is None and context is not None:
            date = context.date
        return normalize_date(date)

    def _match(self, toks: list[Tok], date: str | None, context: ArticleContext | None, relax: bool) -> list[Item]:
        """Knowledge-base matches, longest first from left to right; then surnames that a
        title or role noun beside them makes unambiguous ("President Bush")."""
        items: list[Item] = []
        i, n = 0, len(toks)
        stop = [n] * (n + 1)  # index of the next punctuation token at or after i
        for j in range(n - 1, -1, -1):
            stop[j] = j if toks[j].punct else stop[j + 1]
        firsts = self.kb.first_keys
        keys = [t.key for t in toks]
        while i < n:
            if toks[i].punct:
                i += 1
                continue
            found = None
            longest = min(self.kb.max_len, stop[i] - i) if toks[i].key in firsts else 0
            for length in range(longest, 0, -1):
                names = self.kb.index.get(tuple(keys[i : i + length]))
                if names:
                    window = toks[i : i + length]
                    ok = [nm for nm in names if case_ok(nm.shapes, window, relax)]
                    if ok:
                        found = (length, ok)
                        break
            alias = self._alias(toks, keys, i, context, relax)
            if alias and (
                found is None or (found[0] <= alias[0] and all(nm.entry.kind == "person" for nm in found[1]))
            ):
                length, entry = alias
                text = join_tokens(toks[i : i + length])
                items.append(
                    Item(
                        entry,
                        i,
                        i + length,
                        text,
                        why=f"surname '{text}' of {entry.names[0]}, named earlier in the article; ",
                    )
                )
                i += length
                continue
            if found is None:
                i += 1
                continue
            length, names = found
            item = self._pick(names, toks[i : i + length], i, date, context)
            if not (i and toks[i].hyphen and toks[i - 1].key in ATTITUDE and item.kind in ENTITY_KINDS):
                items.append(item)  # "anti-Syria", "pro-Russian" name an attitude, not an actor
            i += length
        items = self._surnames(items, toks, date)
        for item in items:
            item.possessive = item.i1 < n and toks[item.i1].key in ("'s", "'")
        return items

    def _alias(self, toks, keys, i, context, relax) -> tuple[int, ActorEntry] | None:
        if context is None or not context.aliases:
            return None
        for length in (2, 1):
            window = toks[i : i + length]
            if len(window) < length or any(t.punct for t in window):
                continue
            entry_id = context.aliases.get(tuple(keys[i : i + length]))
            if entry_id and (relax or window[-1].text[:1].isupper()):
                entry = self.kb.get(entry_id)
                if entry is not None:
                    return length, entry
        return None

    def _surnames(self, items: list[Item], toks: list[Tok], date: str | None) -> list[Item]:
        """A bare surname next to a title or role noun ("President Bush", "PM Khan", "Bush
        administration") is the one person of that surname who held that kind of role on the
        date; when none or several did, it stays unresolved."""
        taken = {k for it in items for k in range(it.i0, it.i1)}
        starts = {it.i0: it for it in items}
        ends = {it.i1: it for it in items}
        added = []
        for i, tok in enumerate(toks):
            if i in taken or tok.punct or not tok.text[:1].isupper():
                continue
            people = self.kb.surnames.get((tok.key,))
            if not people:
                continue
            before = ends.get(i)
            after = starts.get(i + 1)
            if after is None and i + 1 < len(toks) and toks[i + 1].key == "'s":
                after = starts.get(i + 2)  # "Bush's government"
            cues = [
                r
                for r in (before, after)
                if r is not None
                and r.kind == "role"
                and r.known.codes
                and (r.known.title if r is before else not r.known.weak)
            ]
            if not cues:
                continue
            wanted = {c.code[k : k + 3] for r in cues for c in r.known.codes for k in range(0, len(c.code), 3)}
            hits = [
                p for p in people if (span := p.span_at(date)) is not None and set(split_code(span.code)[1]) & wanted
            ]
            if len(hits) == 1:
                cue = cues[0].text
                added.append(
                    Item(
                        hits[0],
                        i,
                        i + 1,
                        tok.text,
                        why=f"surname '{tok.text}' beside '{cue}': the one person so named holding "
                        f"such a role {'on ' + date if date else 'latest'}; ",
                    )
                )
        return sorted(items + added, key=lambda it: it.i0)

    def _pick(
        self, names: list[IndexedName], window: list[Tok], i: int, date: str | None, context: ArticleContext | None
    ) -> Item:
        """Choose among entries sharing a name: in force on the date, then the article's
        countries, then kind, then the later entry (a user's file over the bundled data). People
        tied after all that stay unresolved."""
        salience = context.countries if context is not None else Counter()

        def rank(nm: IndexedName):
            in_force = (
                date is None
                or nm.entry.kind in ("role", "honorific", "marker", "reference")
                or nm.entry.span_at(date) is not None
            )
            return (
                not in_force,
                -salience.get(entry_country(nm.entry) or "", 0),
                KIND_RANK.get(nm.entry.kind, 99),
                -nm.order,
            )

        ranked, seen = [], set()
        for nm in sorted(names, key=rank):  # one name per entry: its best-ranked form
            if nm.entry.id not in seen:
                seen.add(nm.entry.id)
                ranked.append(nm)
        best = ranked[0]
        text = join_tokens(window)
        others = tuple(nm.entry.id for nm in ranked[1:])
        if (
            len(ranked) > 1
            and best.entry.kind == "person"
            and ranked[1].entry.kind == "person"
            and rank(best)[:3] == rank(ranked[1])[:3]
        ):
            return Item(None, i, i + len(window), text, why="ambiguous", others=tuple(nm.entry.id for nm in ranked))
        return Item(best.entry, i, i + len(window), text, part=best.part, others=others)

    def _unknown(self, text: str, toks: list[Tok], note: str) -> ActorMatch:
        for t in toks:
            people = self.kb.surnames.get((t.key,))
            if people and t.text[:1].isupper() and len(t.key) > 2:
                names = ", ".join(p.names[0] for p in people[:6])
                return ActorMatch(
                    text,
                    None,
                    why=note + f"'{t.text}' is the surname of {names}; no earlier full mention in this article",
                )
        return ActorMatch(text, None, why=note + "not in the knowledge base")

    # ---- parse helpers -----------------------------------------------------------------------

    @staticmethod
    def _locative(sentence: Sentence, group: Group, toks: list[Tok]) -> bool:
        """A capital as the object of "in", "at", "to" ... is a place, not its government."""
        places = [it for it in group.items if it.kind in ("seat", "place")]
        if not places or len(group.items) > len(places):
            return False
        tok = sentence.tokens[toks[places[-1].i1 - 1].tok]
        if tok.dep != "pobj" or not 0 <= tok.head < len(sentence.tokens):
            return False
        return sentence.tokens[tok.head].text.lower() in LOCATIVE

    @staticmethod
    def _is_subject(sentence: Sentence, start: int, end: int) -> bool:
        return any(t.dep in SUBJECT_DEPS for t in sentence.tokens[start:end])
