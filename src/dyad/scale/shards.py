"""Split the inputs of a run into shards: one per file, or a window of lines of a JSONL/CSV/TSV
file, or of records of a WARC file. A shard reads exactly the records (origins, ids, dates) and
Rejects that reading all inputs at once gives for its items, so the shards of a run add up to
the run (``dyad.text.ingest.read_part``). Shards are numbered in input order; the merge keeps
that order, so the earliest copy of an article wins as it does in one process."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from warcio.archiveiterator import ArchiveIterator

from dyad.errors import DyadError
from dyad.records import RawDocument, Record, Reject
from dyad.settings import Settings
from dyad.text.ingest import input_files, read_inputs, read_part

LINES = (".jsonl", ".ndjson", ".csv", ".tsv")  # one record per line (a CSV row may span lines)
RECORDS = (".warc", ".warc.gz")
ROWS = 1000  # lines or records of a file per shard, by default
_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class Shard(Record):
    """The items of ``path`` numbered ``first`` to ``stop - 1`` (lines or WARC records; no
    ``stop``: to the end), or, with ``whole``, everything ``read_inputs([path])`` reads."""

    index: int
    path: str
    first: int = 1
    stop: int | None = None
    whole: bool = False

    @property
    def name(self) -> str:
        """A stable folder name: ``0003-news.jsonl-1001-2000``."""
        base = _UNSAFE.sub("_", os.path.basename(self.path.rstrip("/\\")) or "input")[:60]
        name = f"{self.index:05d}-{base}"
        if self.whole:
            return name
        return f"{name}-{self.first}-{'end' if self.stop is None else self.stop - 1}"

    def read(self, settings: Settings) -> Iterator[RawDocument | Reject]:
        if self.whole:
            return read_inputs([self.path], settings)
        return read_part(self.path, settings, self.first, self.stop)


def plan(paths: Iterable[str], rows: int = ROWS) -> list[Shard]:
    """The shards of ``paths`` in reading order: a folder's files each; a JSONL/CSV/TSV file in
    windows of ``rows`` lines, a WARC file in windows of ``rows`` records; any other file
    whole. A folder with a subfolder it cannot list is one shard, its Rejects in their place."""
    if rows < 1:
        raise DyadError("rows per shard must be at least 1")
    shards: list[Shard] = []
    for path in map(os.fspath, paths):
        if path == "-":
            raise DyadError("a cluster run reads files, not standard input: save it to a file on the shared storage")
        if os.path.isdir(path):
            files, listed = input_files(path)
            if not listed:
                shards.append(Shard(len(shards), path, whole=True))
                continue
        else:
            files = [path]
        for file in files:
            for first, stop in _windows(file, rows):
                shards.append(Shard(len(shards), file, first, stop))
    return shards


def _windows(path: str, rows: int) -> list[tuple[int, int | None]]:
    """(first, stop) windows of ``rows`` lines or records; the last one open to the end."""
    lower = path.lower()
    try:
        if lower.endswith(LINES):
            with open(path, "rb") as f:
                count = sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b"")) + 1
        elif lower.endswith(RECORDS):
            with open(path, "rb") as f:
                count = sum(1 for _ in ArchiveIterator(io.BytesIO(f.read())))
        else:
            return [(1, None)]
    except Exception:  # unreadable, or a broken WARC: reading the whole file says why
        return [(1, None)]
    starts = list(range(1, count + 1, rows)) or [1]
    return [(s, starts[k + 1] if k + 1 < len(starts) else None) for k, s in enumerate(starts)]
