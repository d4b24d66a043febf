"""Coreference within one article: people by surname, "he"/"she", "the two sides", and the
countries an article is about (:class:`ArticleContext`, one per article, in reading order)."""

from __future__ import annotations

from collections import Counter

from dyad.actors.kb import (
    ActorEntry,
    surname_keys,
)
from dyad.records import ActorMatch


class ArticleContext:
    """What one article has said so far, for the next mention to lean on.

    People named in full can later be called by surname ("Khan" after "Imran Khan"); "he" or
    "she" is the last person named in subject position (else the last person named); "the
    two sides" are the last two actors of different countries; the countries mentioned most
    break ties between entries sharing a name ("Congress"). ``date`` is the article's date,
    used when a call gives none. Use one context per article, in reading order.
    """

    def __init__(self, date: str | None = None):
        self.date = date
        self.aliases: dict[tuple[str, ...], str] = {}  # surname key -> person entry id
        self.people: list[tuple[str, bool]] = []  # (entry id, in subject position)
        self.actors: list[ActorMatch] = []
        self.countries: Counter[str] = Counter()

    def note(
        self, match: ActorMatch, entry: ActorEntry | None = None, subject: bool = False, place: bool = False
    ) -> None:
        """Remember a resolved mention (the resolver calls this); a place ("in Islamabad")
        only counts towards the article's countries."""
        if match.code is None:
            return
        if match.country:
            self.countries[match.country] += 1
        if place:
            return
        self.actors.append(match)
        if entry is not None and entry.kind == "person":
            self.people.append((entry.id, subject))
            for name in entry.names:
                for key in surname_keys(name):
                    self.aliases[key] = entry.id

    def last_person(self) -> str | None:
        for entry_id, subject in reversed(self.people):
            if subject:
                return entry_id
        return self.people[-1][0] if self.people else None

    def last_pair(self) -> list[ActorMatch]:
        """The last two actors of different, known countries (most recent last)."""
        out: list[ActorMatch] = []
        for match in reversed(self.actors):
            if match.country and match.country not in {m.country for m in out}:
                out.append(match)
                if len(out) == 2:
                    break
        return list(reversed(out))
