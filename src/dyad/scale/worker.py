"""Code one shard on a worker: the single-process pipeline (read, clean, parse, code) over the
shard's items into a temporary store, written out as Parquet files in ``OUT/shards/<name>/``.

The folder appears whole or not at all: the files are written to a hidden folder beside it
and renamed into place at the end, so a worker killed mid-shard leaves no half shard, and a
shard done twice (a retry racing a slow first try) is kept once.

Near-duplicates are not decided here: whether an article is a near-duplicate depends on every
article read before it, in all shards, so the merge decides (``dyad.scale.merge``); a shard
keeps every article's signature and scenarios for it.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyarrow as pa

from dyad.pipeline import CodeRun, Ingestor, ingest_and_code
from dyad.records import Record
from dyad.scale.shards import Shard
from dyad.settings import Settings
from dyad.store.db import Store
from dyad.store.parquet import SHARD_TABLES, write_tables
from dyad.workers import Stage

log = logging.getLogger(__name__)

# Above any similarity, so a shard marks no near-duplicate (the LSH query threshold, 0.25
# below it, stays a valid one).
NO_NEAR_DUPLICATES = 1.01


@dataclass(frozen=True)
class ShardResult(Record):
    """What coding a shard did; ``done_before``: its folder was already there (nothing redone)."""

    name: str
    articles: int = 0
    events: int = 0
    rejected: int = 0
    seconds: float = 0.0
    done_before: bool = False
    worker: str = ""


def shard_folder(out: str | Path, name: str) -> Path:
    return Path(out, "shards", name)


@lru_cache(maxsize=2)
def _stage(settings: Settings) -> Stage:
    """One parser and coder (spaCy model, lexicon, actors) per worker process and settings, for
    all its shards."""
    return Stage(settings, code=True)


def code_shard(shard: Shard, out: str, settings: Settings) -> ShardResult:
    """Code ``shard`` into ``OUT/shards/<name>/`` unless it is there already."""
    final = shard_folder(out, shard.name)
    host = f"{os.uname().nodename}:{os.getpid()}"
    if final.is_dir():
        return ShardResult(shard.name, done_before=True, worker=host)
    start = time.perf_counter()
    # a Dask worker is one process: no pool of its own inside it
    local = settings.replace(near_dup_threshold=NO_NEAR_DUPLICATES, workers=1, n_process=1)
    stage = _stage(local)
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{shard.name}.", dir=final.parent))
    try:
        with (
            tempfile.TemporaryDirectory(prefix="dyad-shard-") as tmp,
            Store(os.path.join(tmp, "shard.duckdb")) as store,
        ):
            run = CodeRun()
            order: list[tuple[str, str]] = []
            coded = ingest_and_code(
                Ingestor(store, local), [], None, None, run, items=shard.read(settings), stage=stage
            )
            for art, events in coded:
                order += [(art.id, e.event_id) for e in events]
            ingest = run.ingest
            assert ingest is not None
            output = pa.table(
                {
                    "k": pa.array(range(len(order)), pa.int64()),
                    "article_id": pa.array([o[0] for o in order], pa.string()),
                    "event_id": pa.array([o[1] for o in order], pa.string()),
                }
            )
            write_tables(store, staging, SHARD_TABLES, output=output)
        try:
            staging.rename(final)
        except OSError:  # another try of this shard finished first: keep its folder
            if not final.is_dir():
                raise
            shutil.rmtree(staging, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    result = ShardResult(
        shard.name,
        articles=ingest.stored,
        events=len(order),
        rejected=sum(ingest.rejected.values()),
        seconds=round(time.perf_counter() - start, 2),
        worker=host,
    )
    log.info("shard %s: %s", shard.name, result)
    return result
