"""Merge coded shards into one store, so that the result equals one process reading the same
inputs in the same order.

Shards are taken in their order and each shard's articles in the order they were read. As the
ingest job does (``dyad.pipeline.Ingestor``): an article whose text is already stored is an
exact duplicate (recorded, its rows dropped) unless it is the same input read again; otherwise
it is matched against the signatures of the originals kept so far, and a near-duplicate is kept
with ``duplicate_of`` pointing at the earliest one, without its scenarios. Then every merge
group the added mentions touch is merged afresh by the store's rule (``dyad.store.events``),
which is a pure function of the stored mentions. Each shard is added in one transaction, so a
merge killed half way resumes: what was added is then the same input read again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from dyad.pipeline import NearDuplicateIndex, signature
from dyad.records import Event, Record
from dyad.settings import Settings
from dyad.store.db import Store
from dyad.store.events import MENTION_COLUMNS, event_from_row, remerge_groups
from dyad.store.parquet import add_shard, shard_articles, shard_output

log = logging.getLogger(__name__)


@dataclass
class MergeCounts(Record):
    """What a merge added: articles kept, near and exact duplicates found across shards."""

    shards: int = 0
    articles: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    exact_duplicates: int = 0
    events: int = 0


class ShardMerger:
    """Adds shard folders to one store in order, deduplicating against all it holds."""

    def __init__(self, store: Store, settings: Settings):
        self.store = store
        self.index = NearDuplicateIndex(settings)
        for key, values in store.minhashes():
            self.index.add_values(key, values)
        self.origins: dict[str, str] = dict(store.con.execute("SELECT id, origin FROM articles").fetchall())
        self.groups: set[str] = set()
        self.counts = MergeCounts()

    def add(self, folder: str | Path) -> None:
        kept: list[tuple[str, str | None, float | None]] = []
        exact: list[tuple[str, str]] = []
        for aid, origin, values in shard_articles(self.store.con, folder):
            if aid in self.origins:
                if self.origins[aid] == origin:
                    self.counts.already_stored += 1
                else:
                    exact.append((origin, aid))
                continue
            self.origins[aid] = origin
            near = None
            if values is not None:
                sig = signature(values)
                near = self.index.match(sig)
                if near is None:
                    self.index.add(aid, sig)
            kept.append((aid, near[0], round(near[1], 4)) if near else (aid, None, None))
        self.groups |= add_shard(self.store, folder, kept, exact)
        self.counts.shards += 1
        self.counts.articles += len(kept)
        self.counts.near_duplicates += sum(k[1] is not None for k in kept)
        self.counts.exact_duplicates += len(exact)

    def finish(self) -> MergeCounts:
        """Merge the mentions added into events."""
        self.counts.events = remerge_groups(self.store, self.groups).events
        self.groups = set()
        return self.counts


def merge_shards(store: Store, folders: Sequence[str | Path], settings: Settings) -> MergeCounts:
    """Add the coded shard ``folders`` (in order) to ``store`` and merge their events."""
    merger = ShardMerger(store, settings)
    for folder in folders:
        merger.add(folder)
    return merger.finish()


def merged_events(store: Store, folders: Sequence[str | Path]) -> Iterator[Event]:
    """The kept articles' events in the order one process codes and writes them, each with
    the input's own id (else the article id) as its ``doc_id``, as ``dyad code`` writes them."""
    labels = dict(store.con.execute("SELECT id, coalesce(doc_id, id) FROM articles").fetchall())
    first_seen: dict[str, str] = {}
    for folder in folders:
        rows = shard_output(store.con, folder)
        ids = [eid for _, eid in rows]
        found = {
            r[0]: r
            for r in store.con.execute(
                f"SELECT {', '.join(MENTION_COLUMNS)} FROM mentions WHERE event_id IN (SELECT unnest(?))", [ids]
            ).fetchall()
        }
        for aid, eid in rows:
            if first_seen.setdefault(aid, str(folder)) != str(folder) or eid not in found:
                continue  # an article kept from another shard, or one dropped as an exact duplicate
            e = event_from_row(found[eid])
            yield Event(**{**e.__dict__, "doc_id": labels.get(aid, aid)})
