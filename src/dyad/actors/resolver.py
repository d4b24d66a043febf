"""Actors stage: resolve every actor mention to a CAMEO actor code, on the date of the event.

The knowledge base is data, not code: ``dyad/data/actors/*.jsonl`` (one format, described in
that folder's ``README.md``) holds countries and their adjectives, capitals and seats of
power, places, people with dated roles, organisations, role nouns, titles and markers.
:func:`load_kb` reads it, plus a user's files in the same format, into an :class:`ActorKB`
that precompiles an index of normalised token sequences. A :class:`Resolver` finds mentions
with dictionary lookups only (no spaCy here), longest match first, and composes what it found
in one noun phrase (country + role noun, title + person, possessive + military noun ...) into
one :class:`~dyad.records.ActorMatch` whose ``why`` names the entries and the rule that
decided it. :class:`ArticleContext` carries coreference within one article: surnames of people
already named, "he"/"she", "the two sides", and which countries the article is about.

Codes follow CAMEO: a three-letter country slot (ISO 3166-1 alpha-3 with CAMEO's exceptions,
``---`` when unknown, ``IGO``/``NGO``/``IMG`` for international bodies followed by the body's
own three-letter code) and then three-letter role codes (``PAKGOV``, ``---MIL``,
``IGONATMIL``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from dyad.actors.context import ArticleContext
from dyad.actors.kb import (
    INTERNATIONAL,
    KIND_RANK,
    KINDS,
    ROLE_CODES,
    ActorEntry,
    ActorKB,
    CodeSpan,
    IndexedName,
    Tok,
    add_roles,
    bundled_files,
    case_ok,
    entry_from_dict,
    entry_to_dict,
    join_tokens,
    load_kb,
    norm_key,
    read_entries,
    sentence_tokens,
    split_code,
    tokenize,
    write_entries,
)
from dyad.actors.mentions import (
    ATTITUDE,
    CUT_WORDS,
    ENTITY_KINDS,
    IN_WORDS,
    JOIN_POS,
    JOIN_WORDS,
    LAND_KINDS,
    LOCATIVE,
    MAX_GAP,
    MAX_LOCATION_GAP,
    OF_WORDS,
    SUBJECT_DEPS,
    Group,
    Item,
    after_locative,
    entry_country,
    keeps_own_role,
    lower_case,
    make_match,
    modifies_other,
    normalize_date,
    pick_head_role,
    span_text,
)
from dyad.actors.petrarch import import_petrarch
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
        groups = self._distribute(self._groups(items, toks, parsed=False))
        if not groups:
            return self._unknown(text.strip(), toks, note)
        group = groups[0]
        place = as_place or after_locative(group, toks)
        match, entry = self._compose(group.items, day, context, place)
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
        groups = self._distribute(self._groups(items, toks, parsed=True))
        if not groups:
            unknown = self._unknown(span_text(sentence, start, end), toks, note)
            return replace(unknown, start=start, end=end)
        heads = {t.i for t in sentence.tokens[start:end] if not start <= t.head < end or t.head == t.i}
        group = next((g for g in groups if any(toks[k].tok in heads for k in range(g.i0, g.i1))), groups[0])
        place = self._locative(sentence, group, toks)
        match, entry = self._compose(group.items, day, context, place)
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
        for group in self._distribute(self._groups(items, toks, parsed=True)):
            if all(it.kind == "role" and it.known.weak for it in group.items):
                continue
            if all(it.kind == "role" for it in group.items) and modifies_other(sentence, group, toks):
                continue  # "troop withdrawal", "terrorist infrastructure": no actor
            place = self._locative(sentence, group, toks)
            match, entry = self._compose(group.items, day, context, place)
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
        while i < n:
            if toks[i].punct:
                i += 1
                continue
            found = None
            longest = min(self.kb.max_len, stop[i] - i) if toks[i].key in firsts else 0
            for length in range(longest, 0, -1):
                window = toks[i : i + length]
                names = self.kb.index.get(tuple(t.key for t in window))
                if names:
                    ok = [nm for nm in names if case_ok(nm.shapes, window, relax)]
                    if ok:
                        found = (length, ok)
                        break
            alias = self._alias(toks, i, context, relax)
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

    def _alias(self, toks, i, context, relax) -> tuple[int, ActorEntry] | None:
        if context is None or not context.aliases:
            return None
        for length in (2, 1):
            window = toks[i : i + length]
            if len(window) < length or any(t.punct for t in window):
                continue
            entry_id = context.aliases.get(tuple(t.key for t in window))
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

    # ---- grouping --------------------------------------------------------------------------

    def _groups(self, items: list[Item], toks: list[Tok], parsed: bool) -> list[Group]:
        """Items that belong to one noun phrase: adjacent, or joined by 's / of / the or by
        modifiers (with a parse: nouns and adjectives; without: anything but cut words); and
        a role noun with the place it is in ("rebels in Darfur"). Groups of nothing but
        honorifics and markers are dropped."""
        groups: list[Group] = []
        for item in items:
            link = self._link(groups[-1], item, toks, parsed) if groups else None
            if link is not None:
                item.link = link
                groups[-1].items.append(item)
                groups[-1].i1 = item.i1
            else:
                groups.append(Group([item], item.i0, item.i1))
        out = []
        for g in groups:
            while g.items and g.items[-1].kind in ("honorific", "marker"):
                g.items.pop()  # "America's top (strategic competitor)": a qualifier of something else
            if g.items and any(it.kind not in ("honorific", "marker") for it in g.items):
                g.i1 = g.items[-1].i1
                out.append(g)
        return out

    @staticmethod
    def _link(group: Group, right: Item, toks: list[Tok], parsed: bool) -> str | None:
        left = group.items[-1]
        gap = toks[left.i1 : right.i0]
        if right.kind == "reference" or (left.kind == "reference" and gap):
            return None  # a pronoun is a phrase of its own, or the determiner of one ("his government")
        if not gap and toks[right.i0].hyphen and left.kind in ENTITY_KINDS and right.kind in ENTITY_KINDS:
            return None  # "U.S.-Pakistan relations", "U.S.-Taliban talks": two actors

        def joinable(t: Tok, participles: bool = False) -> bool:
            if t.punct:
                return False
            if t.key in JOIN_WORDS:
                return True
            if t.key in CUT_WORDS:
                return False
            if parsed and t.pos not in JOIN_POS:
                return participles and t.pos == "VERB"  # "based in", "fleeing ... in"
            return True

        def new_phrase(t: Tok, k: int) -> bool:  # an article not introduced by "of"/"in" opens a new phrase
            return t.key in ("the", "a", "an") and not any(g.key in OF_WORDS | IN_WORDS for g in gap[:k])

        if any(new_phrase(t, k) for k, t in enumerate(gap)) and not any(t.key in IN_WORDS for t in gap):
            return None
        if (
            right.kind == "role"
            and [t.key for t in gap if t.text != "-"] == ["led"]
            and len(gap) <= 2
            and left.kind in ENTITY_KINDS | LAND_KINDS
        ):
            return ""  # "Vietnamese-led forces", "U.S.-led coalition": the leader owns them
        if right.kind == "role" and any(t.key == "for" for t in gap):
            return None  # "appealed to NATO for air defences": what is asked for, not who asks
        if len(gap) <= MAX_GAP and all(joinable(t) for t in gap):
            return "of" if any(t.key in OF_WORDS for t in gap) else ""
        # a role noun with no owner of its own, placed by "in": "rebels in Darfur"
        roles = [it for it in group.items if it.kind == "role" and it.known.codes]
        if (
            right.kind in LAND_KINDS
            and roles
            and len(gap) <= MAX_LOCATION_GAP
            and not any(it.kind in ENTITY_KINDS for it in group.items)
            and not any(it.known.abroad for it in roles)
        ):
            ins = [t for t in gap if t.key in IN_WORDS]
            if len(ins) == 1 and all(t is ins[0] or joinable(t, participles=True) for t in gap):
                return "in"
        return None

    @staticmethod
    def _distribute(groups: list[Group]) -> list[Group]:
        """ "American and Pakistani companies": a bare country coordinated with a country and
        a role noun shares the role noun."""
        out = list(groups)
        for k in range(len(out) - 2, -1, -1):
            left, right = out[k], out[k + 1]
            if (
                len(left.items) == 1
                and left.items[0].kind == "country"
                and len(right.items) >= 2
                and right.items[0].kind == "country"
                and right.items[-1].kind == "role"
            ):
                out[k] = Group(left.items + [right.items[-1]], left.i0, left.i1)
        return out

    # ---- composing -------------------------------------------------------------------------

    def _compose(
        self, group: list[Item], date: str | None, context: ArticleContext | None, as_place: bool
    ) -> tuple[ActorMatch, ActorEntry | None]:
        """One actor from the items of one noun phrase. The caller sets the text and offsets."""
        text = " ".join(it.text for it in group)
        unknown = [it for it in group if it.entry is None]
        group = [it for it in group if it.entry is not None]
        if not group:
            it = unknown[0]
            names = ", ".join(self.kb.entries[e].names[0] for e in it.others if e in self.kb.entries)
            return ActorMatch(
                text=text,
                code=None,
                why=f"'{it.text}' names several people ({names}); nothing in the date or the article tells them apart",
            ), None
        markers = [it for it in group if it.kind == "marker"]
        roles = [it for it in group if it.kind == "role"]
        refs = [it for it in group if it.kind == "reference"]

        def first(*kinds):
            return next((it for it in group if it.kind in kinds), None)

        person, org = first("person"), first("org")
        seat = first("seat", "place")
        land = first("country") or first("region")  # "western Pakistan" is Pakistan
        head_role = pick_head_role(roles)
        strong_role = head_role if head_role is not None and not head_role.known.weak else None

        if refs and not (person or org or seat or land):
            return self._reference(refs[0], group, head_role, date, context)
        if person is not None:
            after = [r for r in roles if r.i0 >= person.i1 and not r.known.weak]
            if after and person.possessive:
                return self._country_role(person, after[-1], group, date, markers), person.entry
            return self._person(person, roles, markers, date), person.entry
        if org is not None:
            return self._org(org, head_role, date), org.entry
        if seat is not None and (
            as_place
            or seat.entry.kind == "place"
            or strong_role is None
            or keeps_own_role(seat.known, strong_role.known, date)
        ):
            return self._seat(seat, date, as_place, head_role), seat.entry
        if head_role is not None:
            owner = seat or land
            return self._country_role(owner, head_role, group, date, markers), (owner or head_role).entry
        if land is not None:
            return self._land(land, date), land.entry
        only = group[0]
        return ActorMatch(text, None, why=f"'{only.text}' is a {only.kind} on its own, not an actor"), None

    def _land(self, item: Item, date) -> ActorMatch:
        """A country or region on its own; its people ("Pakistanis") are its civilians."""
        span = item.known.span_at(date) or item.known.codes[0]
        why = f"{item.known.kind} '{item.text}' ({item.known.id})"
        code = span.code
        if item.part == "demonym":
            code = add_roles(code, ["CVL"])
            why += ": its people, as civilians (CVL)"
        return make_match(item, code, item.known, span, why)

    def _person(self, item: Item, roles, markers, date) -> ActorMatch:
        """A person's role on the date; a title in the text when the knowledge base has none;
        "former" in the text over a role the knowledge base still gives."""
        entry = item.known
        span = entry.span_at(date)
        titles = [r for r in roles if r.i0 < item.i0 and not r.entry.weak]  # "Army Chief Bajwa"
        title_roles = {c.code for r in titles for c in r.entry.codes}
        country = entry.country or (split_code(span.code)[0] if span else None) or "---"
        found = item.why + f"person '{item.text}' ({entry.id})"
        when = f"on {date}" if date else "with no date (latest role)"
        former = [m for m in markers if m.i0 < item.i0]
        if former:
            marker_role = former[0].entry.codes[0].code if former[0].entry.codes else "ELI"
            span_roles = set(split_code(span.code)[1]) if span else set()
            if span is None or not titles or span_roles & title_roles:
                code = add_roles(country, [marker_role])
                return make_match(item, code, entry, None, f"{found}: '{former[0].text}' in the text -> {marker_role}")
        if span is not None:
            return make_match(item, span.code, entry, span, f"{found}: {span.describe()} {when}")
        roles_known = "; ".join(s.describe() for s in entry.codes)
        if titles:
            title = titles[-1]
            code = add_roles(country, [c.code for c in title.entry.codes])
            return make_match(
                item,
                code,
                entry,
                None,
                f"{found}: no role {when} (known: {roles_known}); title '{title.text}' in the text",
            )
        return make_match(
            item,
            add_roles(country, ["ELI"]),
            entry,
            None,
            f"{found}: no role {when} (known: {roles_known}); coded as elite (ELI), not as office holder",
        )

    def _org(self, item: Item, head_role: Item | None, date) -> ActorMatch:
        """An organisation's code on the date; an international body adds a role noun's role
        ("NATO troops" -> IGONATMIL), a national one keeps its own ("Taliban fighters")."""
        entry = item.known
        span = entry.span_at(date) or entry.codes[0]
        code, why = span.code, f"organisation '{item.text}' ({entry.id}): {span.describe()}"
        if head_role is not None and code[:3] in INTERNATIONAL and not head_role.known.weak:
            extra = [c.code for c in head_role.known.codes if c.code != "GOV"]
            if extra:
                code = add_roles(code, extra)
                why += f" + role noun '{head_role.text}'"
        return make_match(item, code, entry, span if code == span.code else None, why)

    def _seat(self, item: Item, date, as_place: bool, head_role: Item | None) -> ActorMatch:
        """A seat of power stands for its government ("Washington"), unless read as a place."""
        entry = item.known
        span = entry.span_at(date) or entry.codes[0]
        if as_place or entry.kind == "place":
            country = split_code(span.code)[0] or entry.country or "---"
            code = span.code if entry.kind == "place" else country
            why = f"place '{item.text}' ({entry.id}) in {country}"
            if as_place and entry.kind == "seat":
                why += "; read as a place, not as its government"
            if head_role is not None and entry.kind == "place":
                code = add_roles(code, [c.code for c in head_role.known.codes])
                why += f" + role noun '{head_role.text}'"
            return make_match(item, code, entry, None, why)
        return make_match(item, span.code, entry, span, f"seat '{item.text}' ({entry.id}) stands for {span.describe()}")

    def _country_role(self, owner: Item | None, role: Item, group, date, markers) -> ActorMatch:
        """A role noun, with the country its phrase gives: "Pakistan's army chief", "U.S.
        officials", "the president of Pakistan", "rebels in Darfur"; ``---`` when none."""
        role_codes = [c.code for c in role.known.codes]
        why = f"role noun '{role.text}' ({role.known.id}) -> {''.join(role_codes)}"
        if owner is None:
            owners = [it for it in group if it.kind in ("country", "region", "seat", "place", "person")]
            before = [it for it in owners if it.i1 <= role.i0]
            owner = before[-1] if before else (owners[0] if owners else None)
        if owner is None:
            country, entry, source = "---", None, "no country in the phrase"
        else:
            entry = owner.known
            span = entry.span_at(date) or entry.codes[0]
            country = entry.country or split_code(span.code)[0] or "---"
            if entry.kind in ("country", "region", "place") and span.code.startswith(country):
                country = span.code  # keep a territory chunk (PSEGZA)
            source = f"{entry.kind} '{owner.text}' ({entry.id})"
            if owner.link == "in":
                source += " where it is"
        former = [m for m in markers if m.i0 < role.i0]
        if former:
            marker_role = former[0].entry.codes[0].code if former[0].entry.codes else "ELI"
            role_codes = [marker_role]
            why += f"; '{former[0].text}' in the text -> {marker_role}"
        code = add_roles(country, role_codes, prefix=role.known.position == "prefix")
        c, r = split_code(code)
        return ActorMatch(role.text, code, c, r, entry.id if entry else role.known.id, None, None, f"{source} + {why}")

    def _reference(self, ref: Item, group, head_role, date, context) -> tuple[ActorMatch, ActorEntry | None]:
        """ "he", "she", "his" -> the last person; "the two sides" -> the last two actors."""
        text = ref.text
        if context is None:
            return ActorMatch(text, None, why=f"'{text}' refers back; no article context given"), None
        if ref.known.refers == "pair":
            pair = context.last_pair()
            if len(pair) < 2:
                return ActorMatch(text, None, why=f"'{text}': fewer than two actors earlier in the article"), None
            first_, second = pair
            return ActorMatch(
                text,
                first_.code,
                first_.country,
                first_.roles,
                f"group:{first_.code},{second.code}",
                None,
                None,
                f"'{text}' -> the last two actors: {first_.code} and {second.code} "
                "(code is the first; members lists both)",
                members=(first_.code, second.code),
            ), None
        entry_id = context.last_person()
        entry = self.kb.get(entry_id) if entry_id else None
        if entry is None:
            return ActorMatch(text, None, why=f"'{text}': no person named earlier in the article"), None
        item = Item(entry, ref.i0, ref.i1, text, why=f"'{text}' -> last person in subject position: ")
        if head_role is not None and not head_role.entry.weak:
            return self._country_role(item, head_role, group, date, []), entry
        return self._person(item, [], [], date), entry

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
