"""The pieces a :class:`~dyad.actors.resolver.Resolver` composes: matched items, the groups
they form in one noun phrase, and small queries on them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dyad.actors.kb import ActorEntry, CodeSpan, split_code
from dyad.actors.tokens import Tok
from dyad.records import ActorMatch, Sentence


@dataclass
class Item:
    """One knowledge-base match in the text (or an unresolved name shared by several people)."""

    entry: ActorEntry | None
    i0: int  # sub-token range
    i1: int
    text: str
    part: str = "name"  # name | adjective | demonym
    why: str = ""  # how it was found when not by its name (surname, pronoun)
    others: tuple[str, ...] = ()  # other entries sharing the name
    possessive: bool = False  # followed by 's
    link: str = ""  # how it joins the item before it: "" a modifier, "of" after of/from/for, "in" a location

    @property
    def kind(self) -> str:
        return self.entry.kind if self.entry is not None else "unknown"

    @property
    def known(self) -> ActorEntry:
        """The entry of an item the knowledge base knows: every kind but "unknown" has one."""
        if self.entry is None:
            # the AttributeError reading an attribute of None raised before this property
            raise AttributeError(f"'{self.text}' is an unknown item: it has no entry")
        return self.entry


@dataclass
class Group:
    """The items of one noun phrase; ``i0``/``i1`` its extent in sub-tokens (a role noun
    shared by coordination lies outside the extent)."""

    items: list[Item]
    i0: int
    i1: int


ENTITY_KINDS = frozenset({"country", "region", "seat", "place", "org", "person", "reference", "unknown"})


LAND_KINDS = frozenset({"country", "region", "seat", "place"})


# words that end a noun phrase in plain text (no parse available)
CUT_WORDS = frozenset(
    {
        "and",
        "or",
        "but",
        "nor",
        "&",
        "in",
        "at",
        "on",
        "with",
        "to",
        "into",
        "onto",
        "against",
        "by",
        "after",
        "before",
        "during",
        "over",
        "under",
        "inside",
        "outside",
        "via",
        "near",
        "across",
        "who",
        "which",
        "that",
        "whose",
        "where",
        "when",
        "while",
        "as",
        "than",
        "said",
        "says",
        "say",
        "told",
        "met",
        "meets",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
        "within",
        "throughout",
    }
)


JOIN_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "DET", "PART", "ADV", "X", ""})


JOIN_WORDS = frozenset({"of", "from", "for", "'s", "'", "the", "a", "an"})


OF_WORDS = frozenset({"of", "from", "for"})


IN_WORDS = frozenset({"in", "inside", "across", "throughout", "within"})


LOCATIVE = frozenset(
    {
        "in",
        "at",
        "to",
        "from",
        "near",
        "inside",
        "outside",
        "across",
        "around",
        "into",
        "toward",
        "towards",
        "throughout",
        "within",
        "via",
    }
)


ATTITUDE = frozenset({"anti", "pro"})  # "anti-Syria journalist", "pro-Russian separatists"


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


MAX_GAP = 4


MAX_LOCATION_GAP = 6


def normalize_date(date) -> tuple[str | None, str]:
    """ISO ``YYYY-MM-DD`` from a date, datetime or string (``YYYY`` and ``YYYY-MM`` padded)."""
    if date is None:
        return None, ""
    if hasattr(date, "isoformat"):
        return date.isoformat()[:10], ""
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(date).strip())
    if not m:
        return None, f"date {date!r} not understood, ignored; "
    return f"{m.group(1)}-{m.group(2) or '01'}-{m.group(3) or '01'}", ""


def pick_head_role(roles: list[Item]) -> Item | None:
    """The role noun heading the phrase: the last strong one before an "of" ("workers of the
    Bus Company"), else the last weak one."""
    cut = next((k for k, r in enumerate(roles) if r.link == "of"), len(roles))
    for pool in (roles[:cut], roles):
        strong = [r for r in pool if not r.known.weak and r.known.codes]
        if strong:
            return strong[-1]
    weak = [r for r in roles if r.known.codes]
    return weak[-1] if weak else None


def modifies_other(sentence: Sentence, group: Group, toks: list[Tok]) -> bool:
    """The phrase's last word is a modifier of a noun outside it ("troop" in "troop withdrawal")."""
    last = sentence.tokens[toks[group.i1 - 1].tok]
    inside = {toks[k].tok for k in range(group.i0, group.i1)}
    return last.dep in ("compound", "amod", "nmod") and last.head not in inside


def lower_case(sentence: Sentence) -> bool:
    """Archive wire copy written all in lower case: names are matched whatever their case
    (as a phrase without capitals is in ``resolve``)."""
    return not any(c.isupper() for c in sentence.text)


def after_locative(group: Group, toks: list[Tok]) -> bool:
    """In plain text, a capital after "in" (maybe with an adjective: "in central Baghdad")."""
    if any(it.kind not in ("seat", "place") for it in group.items):
        return False
    k = group.i0 - 1
    while k >= 0 and k >= group.i0 - 2 and not toks[k].punct:
        if toks[k].key in LOCATIVE:
            return True
        if toks[k].text[:1].isupper():
            return False
        k -= 1
    return False


def entry_country(entry: ActorEntry) -> str | None:
    if entry.country:
        return entry.country
    return split_code(entry.codes[0].code)[0] if entry.codes else None


def keeps_own_role(seat: ActorEntry, role: ActorEntry, date: str | None) -> bool:
    """ "Pentagon officials" stay USAMIL: a seat's own role beats the generic GOV of a noun."""
    span = seat.span_at(date) or seat.codes[0]
    return bool(split_code(span.code)[1]) and [c.code for c in role.codes] == ["GOV"]


def make_match(item: Item, code: str, entry: ActorEntry, span: CodeSpan | None, why: str) -> ActorMatch:
    country, roles = split_code(code)
    return ActorMatch(
        item.text,
        code,
        country,
        roles,
        entry.id,
        span.valid_from if span else None,
        span.valid_to if span else None,
        why,
    )


def span_text(sentence: Sentence, start: int, end: int) -> str:
    toks = sentence.tokens[start:end]
    if not toks:
        return ""
    return sentence.text[toks[0].start : toks[-1].start + len(toks[-1].text)]


# ---- grouping: the items of one noun phrase ------------------------------------------------


def group_items(items: list[Item], toks: list[Tok], parsed: bool) -> list[Group]:
    """Items that belong to one noun phrase: adjacent, or joined by 's / of / the or by
    modifiers (with a parse: nouns and adjectives; without: anything but cut words); and
    a role noun with the place it is in ("rebels in Darfur"). Groups of nothing but
    honorifics and markers are dropped."""
    groups: list[Group] = []
    for item in items:
        link = _link(groups[-1], item, toks, parsed) if groups else None
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


def distribute(groups: list[Group]) -> list[Group]:
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
