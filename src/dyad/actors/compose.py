"""Composing: one actor code from the items of one noun phrase (country + role noun, title +
person, organisation + role noun, a seat of power, a pronoun), each step saying in ``why`` which
entries and which rule decided it. The :class:`~dyad.actors.resolver.Resolver` finds and groups
the items; :func:`compose` turns a group into one :class:`~dyad.records.ActorMatch`."""

from __future__ import annotations

from dyad.actors.context import ArticleContext
from dyad.actors.kb import INTERNATIONAL, ActorEntry, ActorKB, add_roles, split_code
from dyad.actors.mentions import Item, keeps_own_role, make_match, pick_head_role
from dyad.records import ActorMatch


def compose(
    kb: ActorKB, group: list[Item], date: str | None, context: ArticleContext | None, as_place: bool
) -> tuple[ActorMatch, ActorEntry | None]:
    """One actor from the items of one noun phrase. The caller sets the text and offsets."""
    text = " ".join(it.text for it in group)
    unknown = [it for it in group if it.entry is None]
    group = [it for it in group if it.entry is not None]
    if not group:
        it = unknown[0]
        names = ", ".join(kb.entries[e].names[0] for e in it.others if e in kb.entries)
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
        return _reference(kb, refs[0], group, head_role, date, context)
    if person is not None:
        after = [r for r in roles if r.i0 >= person.i1 and not r.known.weak]
        if after and person.possessive:
            return _country_role(person, after[-1], group, date, markers), person.entry
        return _person(person, roles, markers, date), person.entry
    if org is not None:
        return _org(org, head_role, date), org.entry
    if seat is not None and (
        as_place
        or seat.entry.kind == "place"
        or strong_role is None
        or keeps_own_role(seat.known, strong_role.known, date)
    ):
        return _seat(seat, date, as_place, head_role), seat.entry
    if head_role is not None:
        owner = seat or land
        return _country_role(owner, head_role, group, date, markers), (owner or head_role).entry
    if land is not None:
        return _land(land, date), land.entry
    only = group[0]
    return ActorMatch(text, None, why=f"'{only.text}' is a {only.kind} on its own, not an actor"), None


def _land(item: Item, date) -> ActorMatch:
    """A country or region on its own; its people ("Pakistanis") are its civilians."""
    span = item.known.span_at(date) or item.known.codes[0]
    why = f"{item.known.kind} '{item.text}' ({item.known.id})"
    code = span.code
    if item.part == "demonym":
        code = add_roles(code, ["CVL"])
        why += ": its people, as civilians (CVL)"
    return make_match(item, code, item.known, span, why)


def _person(item: Item, roles, markers, date) -> ActorMatch:
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


def _org(item: Item, head_role: Item | None, date) -> ActorMatch:
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


def _seat(item: Item, date, as_place: bool, head_role: Item | None) -> ActorMatch:
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


def _country_role(owner: Item | None, role: Item, group, date, markers) -> ActorMatch:
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


def _reference(kb: ActorKB, ref: Item, group, head_role, date, context) -> tuple[ActorMatch, ActorEntry | None]:
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
            f"'{text}' -> the last two actors: {first_.code} and {second.code} (code is the first; members lists both)",
            members=(first_.code, second.code),
        ), None
    entry_id = context.last_person()
    entry = kb.get(entry_id) if entry_id else None
    if entry is None:
        return ActorMatch(text, None, why=f"'{text}': no person named earlier in the article"), None
    item = Item(entry, ref.i0, ref.i1, text, why=f"'{text}' -> last person in subject position: ")
    if head_role is not None and not head_role.entry.weak:
        return _country_role(item, head_role, group, date, []), entry
    return _person(item, [], [], date), entry
