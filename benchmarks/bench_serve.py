"""`dyad serve` under load: 50 concurrent clients on loopback against a store of generated events.

    .venv/bin/python benchmarks/bench_serve.py [--events 1000000] [--clients 50] [--seconds 15] [--db PATH] [--client httpx|raw]

Fills a fresh store with ``--events`` merged events generated in SQL (``bench_relations``: 40
countries, 2011–2020, 1 % USA–PAK), starts ``dyad serve`` on it as its own process, and runs
``--clients`` concurrent clients for ``--seconds`` against each endpoint in turn:

- ``/relations/{a}/{b}`` over the ten years by month (500 article-bootstrap resamples), the
  clients cycling over the 20 busiest dyads (USA–PAK among them): each dyad is computed once,
  then served from the server's cache until a write. The same requests with the cache cold
  (one client, each dyad's first request, which also warms the cache) are reported first;
- ``/events`` filtered (one country, or a dyad, asserted) and paged: each client follows
  ``next`` for five pages, then starts over with another filter;
- ``/events/{event_key}`` for keys drawn from the store.

Prints requests per second and p50/p95/p99 latency per endpoint, errors (a status other than
200, or a dropped connection), and the server's peak resident memory (``VmHWM``). ``--client
raw`` drives the load through plain keep-alive HTTP/1.1 connections that check each status and
read bodies without decoding them (except the ``/events`` pages, for their cursor), so that
the load generator, on the same cores, takes less of them from the server.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import duckdb
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from bench_relations import COUNTRIES, generate
from serving import running

from dyad.store.db import Store

TEN_YEARS = {"period": "month", "since": "2011-01-01", "until": "2020-12-31"}


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def report(name: str, latencies: list[float], errors: int, seconds: float) -> None:
    ms = [x * 1000 for x in latencies]
    print(
        f"{name:<34} {len(ms) / seconds:8.1f} req/s  p50 {quantile(ms, 0.5):7.1f} ms  p95 {quantile(ms, 0.95):7.1f} ms  "
        f"p99 {quantile(ms, 0.99):7.1f} ms  ({len(ms)} ok, {errors} errors)",
        flush=True,
    )


class RawConnection:
    """One keep-alive HTTP/1.1 connection over asyncio streams, for ``--client raw``: it sends
    ``Accept-Encoding: gzip`` as a browser does and reads each body by its Content-Length
    without decoding it. httpx's AsyncClient spends ~11 ms of CPU per 276 kB answer on these
    cores, several times what the server spends, and sharing the cores with the server it
    measures itself more than the server."""

    def __init__(self, base: str):
        self.host, _, port = base.removeprefix("http://").partition(":")
        self.port = int(port)
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, url: str, params: dict) -> tuple[int, dict[str, str], bytes]:
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        target = url + ("?" + urlencode(params, doseq=True) if params else "")
        writer.write(
            f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept-Encoding: gzip\r\n\r\n".encode()
        )
        try:
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:] if line)}
            body = await reader.readexactly(int(headers.get("content-length", 0)))
        except (asyncio.IncompleteReadError, ConnectionError):
            self.close()
            raise
        if headers.get("connection") == "close":
            self.close()
        return int(head[0].split()[1]), headers, body

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def load(base: str, clients: int, seconds: float, next_request, raw: bool = False) -> tuple[list[float], int]:
    """``clients`` loops, each sending ``next_request(state)`` (a URL and params) until time is up;
    with ``raw``, each over a :class:`RawConnection` instead of httpx."""
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:

        async def get(conn: RawConnection | None, url: str, params: dict) -> tuple[int, Any]:
            if conn is None:
                res = await client.get(url, params=params)
                return res.status_code, (res.json if url == "/api/v1/events" else None)
            status, headers, body = await conn.get(url, params)
            if headers.get("content-encoding") == "gzip":
                return status, lambda: json.loads(gzip.decompress(body))
            return status, lambda: json.loads(body)

        async def worker(k: int) -> None:
            nonlocal errors
            rng = random.Random(k)
            state: dict = {}
            conn = RawConnection(base) if raw else None
            while time.perf_counter() < stop:
                url, params = next_request(rng, state)
                t0 = time.perf_counter()
                try:
                    status, decode = await get(conn, url, params)
                except (httpx.TransportError, OSError, asyncio.IncompleteReadError):
                    errors += 1  # a dropped connection is an error of the run, not its end
                    state.pop("last", None)
                    continue
                took = time.perf_counter() - t0
                if status == 200:
                    latencies.append(took)
                    if url == "/api/v1/events":  # only paging needs the body read
                        state["last"] = decode()
                else:
                    errors += 1
                    state.pop("last", None)
            if conn is not None:
                conn.close()

        await asyncio.gather(*(worker(k) for k in range(clients)))
    return latencies, errors


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--db", help="store to fill (default: a temporary file)")
    ap.add_argument(
        "--client",
        choices=("httpx", "raw"),
        default="httpx",
        help="load generator: httpx's AsyncClient (decodes bodies), or raw keep-alive HTTP/1.1 "
        "connections that check the status and read bodies undecoded (but /events pages)",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.duckdb")
        with Store(db) as store:
            if store.con.execute("SELECT count(*) FROM events").fetchone()[0] == 0:
                print(f"generated {args.events:,} events in {generate(store, args.events):.1f} s", flush=True)
        con = duckdb.connect(db, read_only=True)
        n = con.execute("SELECT count(*) FROM events").fetchone()[0]
        keys = [r[0] for r in con.execute("SELECT event_key FROM events USING SAMPLE 2000 ROWS").fetchall()]
        pairs = con.execute(
            "SELECT least(source_key, target_key) AS a, greatest(source_key, target_key) AS b FROM events "
            "WHERE modality = 'asserted' GROUP BY 1, 2 ORDER BY count(*) DESC, a, b LIMIT 20"
        ).fetchall()
        con.close()
        print(
            f"store: {n:,} events; {args.clients} clients ({args.client}), {args.seconds:g} s per endpoint", flush=True
        )
        with running(db, timeout_s=120) as base:
            pid = _server_pid(base)

            cold = []
            with httpx.Client(base_url=base, timeout=120) as client:
                for a, b in pairs:
                    t0 = time.perf_counter()
                    assert client.get(f"/api/v1/relations/{a}/{b}", params=TEN_YEARS).status_code == 200
                    cold.append(time.perf_counter() - t0)
            report("relations, cold (1 client)", cold, 0, sum(cold))

            def relations(rng, state):
                a, b = rng.choice(pairs)
                return f"/api/v1/relations/{a}/{b}", TEN_YEARS

            def events(rng, state):
                last = state.get("last")
                if last and last.get("next") and state.get("pages", 0) < 5:
                    state["pages"] += 1
                    return "/api/v1/events", {**state["filter"], "cursor": last["next"]}
                if rng.random() < 0.5:
                    state["filter"] = {"actor": rng.choice(COUNTRIES), "modality": "asserted", "limit": 100}
                else:
                    a, b = rng.choice(pairs)
                    state["filter"] = {"actor": [a, b], "modality": "asserted", "limit": 100, "order": "desc"}
                state["pages"] = 1
                return "/api/v1/events", state["filter"]

            def event(rng, state):
                return f"/api/v1/events/{rng.choice(keys)}", {}

            for name, fn in (
                ("relations (ten years by month)", relations),
                ("events (filtered, paged)", events),
                ("events/{key}", event),
            ):
                t0 = time.perf_counter()
                latencies, errors = asyncio.run(load(base, args.clients, args.seconds, fn, args.client == "raw"))
                report(name, latencies, errors, time.perf_counter() - t0)
            print(f"server peak memory (VmHWM): {peak_rss_mb(pid):.0f} MiB", flush=True)


def _server_pid(base: str) -> int:
    """The pid of the ``dyad serve`` listening on ``base``'s port (from /proc, without lsof)."""
    port = base.rsplit(":", 1)[1]
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"serve" in cmd and port.encode() in cmd:
                return int(proc.name)
    raise RuntimeError("server process not found")


if __name__ == "__main__":
    main()
