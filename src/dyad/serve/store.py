"""The server's hold on the store: one read-only DuckDB connection shared by every request,
and an ingest that takes the store for itself.

Reads never migrate or write: the file is opened ``read_only``, each request reads through a
cursor of its own, and an older store is refused with what to run. While the server holds the
file, DuckDB's lock keeps other processes from writing it; ``POST /api/v1/ingest`` is the way
to add to it. An ingest waits for running reads to end, closes the connection, writes through a
normal :class:`~dyad.store.db.Store`, and reopens; reads that arrive meanwhile get
:class:`Busy` (HTTP 503) rather than waiting behind a write of unknown length.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
from starlette.responses import Response

from dyad.errors import StoreError
from dyad.store.db import Store, require_current

log = logging.getLogger(__name__)

GZIP_MIN = 1024  # smaller answers go as they are: gzip's header and a round of inflating cost more


class Busy(Exception):
    """The store cannot be read or written just now (an ingest is writing, or the file is locked)."""


class Cached:
    """A computed answer and its JSON, encoded once: a ten-year monthly relations answer is a
    few hundred kilobytes, and encoding it per request would cost more than reading it. Its
    gzip encoding (made once too, about a tenth of the size) and an ETag of the JSON let a
    repeated request cost the server no more than choosing which bytes to send."""

    def __init__(self, value: Any):
        self.value = value
        self.body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        self.etag = '"' + hashlib.blake2b(self.body, digest_size=16).hexdigest() + '"'
        packed = gzip.compress(self.body, compresslevel=6, mtime=0) if len(self.body) >= GZIP_MIN else None
        self.gzipped = packed if packed is not None and len(packed) < len(self.body) else None

    def response(self, headers: Mapping[str, str] | None = None) -> Response:
        """The JSON, gzipped if the client accepts it; ``304 Not Modified`` (no body) when the
        client's ``If-None-Match`` names this answer's ETag."""
        headers = headers or {}
        common = {"ETag": self.etag, "Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
        if etag_matches(headers.get("if-none-match"), self.etag):
            return Response(status_code=304, headers=common)
        if self.gzipped is not None and accepts_gzip(headers.get("accept-encoding")):
            return Response(self.gzipped, media_type="application/json", headers={**common, "Content-Encoding": "gzip"})
        return Response(self.body, media_type="application/json", headers=common)


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (weak comparison, as RFC 9110 asks)."""
    if not if_none_match:
        return False
    tags = [t.strip() for t in if_none_match.split(",")]
    return "*" in tags or any(t.removeprefix("W/") == etag for t in tags)


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether an ``Accept-Encoding`` header lists gzip (or ``*``) without ``q=0``."""
    for item in (accept_encoding or "").lower().split(","):
        name, _, params = item.partition(";")
        if name.strip() in ("gzip", "*"):
            q = params.strip().removeprefix("q=") if params.strip().startswith("q=") else "1"
            try:
                return float(q) > 0
            except ValueError:
                return False
    return False


class CursorStore(Store):
    """A :class:`Store` over a cursor of the server's connection (one per request and thread)."""

    def __init__(self, path: str, cursor: duckdb.DuckDBPyConnection):
        self.path = path
        self.con = cursor


def open_read_only(path: str) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the dyad store at ``path``; ``StoreError`` if it is none, or older."""
    if not Path(path).is_file():
        raise StoreError(f"no store at {path}: run `dyad demo` or `dyad code … --db {path}` first")
    try:
        con = duckdb.connect(path, read_only=True)
    except duckdb.Error as exc:
        raise StoreError(f"cannot open store {path!r} read-only: {exc}") from exc
    try:
        require_current(con, path, f"the server never migrates: run `dyad migrate --db {path}` once to migrate it")
    except StoreError:
        con.close()
        raise
    return con


class ServeStore:
    """Shared read-only access for requests, exclusive access for an ingest, and a cache of
    computed answers that an ingest invalidates (``generation`` counts the writes)."""

    def __init__(self, path: str, cache_size: int = 256, write_wait_s: float = 30.0):
        self.path = str(path)
        self._con: duckdb.DuckDBPyConnection | None = open_read_only(self.path)
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self.generation = 0
        self.write_wait_s = write_wait_s
        self._cache: OrderedDict[tuple, Any] = OrderedDict()
        self._cache_size = cache_size
        self._computing: dict[tuple, threading.Lock] = {}

    def close(self) -> None:
        with self._cond:
            if self._con is not None:
                self._con.close()
                self._con = None

    @contextmanager
    def read(self) -> Iterator[Store]:
        """A store to read from for one request; :class:`Busy` while an ingest writes."""
        with self._cond:
            if self._writing:
                raise Busy("the store is busy: an ingest is writing to it; retry in a few seconds")
            if self._con is None:
                self._reopen()
            self._readers += 1
            con = self._con
        assert con is not None
        cur = con.cursor()
        try:
            yield CursorStore(self.path, cur)
        finally:
            cur.close()
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    def _reopen(self) -> None:
        try:
            self._con = open_read_only(self.path)
        except StoreError as exc:
            raise Busy(f"the store cannot be opened just now: {exc}") from exc

    @contextmanager
    def write(self) -> Iterator[str]:
        """The store's path, for a writer, once every read has ended; reopened read-only after."""
        with self._cond:
            if self._writing:
                raise Busy("the store is busy: another ingest is writing to it; retry when it ends")
            self._writing = True
            if not self._cond.wait_for(lambda: self._readers == 0, timeout=self.write_wait_s):
                self._writing = False
                raise Busy("the store is busy: reads did not finish in time for the ingest; retry")
            if self._con is not None:
                self._con.close()
                self._con = None
        try:
            yield self.path
        finally:
            with self._cond:
                self.generation += 1
                self._cache.clear()
                self._writing = False
                try:
                    self._reopen()
                except Busy:
                    log.warning("store %s could not be reopened after an ingest; reads will retry", self.path)

    def peek(self, key: tuple) -> Any | None:
        """The answer remembered under ``key``, or ``None``: never computes, never waits on a
        computation, so an ``async`` route can call it on the event loop."""
        with self._cond:
            full = (self.generation, *key)
            found = self._cache.get(full)
            if found is not None:
                self._cache.move_to_end(full)
            return found

    def cached(self, key: tuple, compute: Callable[[Store], Any], serialize: bool = True) -> Any:
        """``compute(store)``, remembered under ``key`` until the next write (least recently used
        out); with ``serialize``, as a :class:`Cached` that keeps its JSON encoding too."""
        with self._cond:
            full = (self.generation, *key)
            if full in self._cache:
                self._cache.move_to_end(full)
                return self._cache[full]
            # one computation per key: fifty clients asking for the same cold dyad wait for
            # the first instead of each running the bootstrap
            lock = self._computing.setdefault(full, threading.Lock())
        with lock:
            with self._cond:
                if full in self._cache:
                    return self._cache[full]
            try:
                with self.read() as store:
                    value = compute(store)
                if serialize:
                    value = Cached(value)
                with self._cond:
                    if full[0] == self.generation:
                        self._cache[full] = value
                        while len(self._cache) > self._cache_size:
                            self._cache.popitem(last=False)
            finally:
                with self._cond:
                    self._computing.pop(full, None)
        return value
