"""Relations and Parquet export on a store of generated events.

    .venv/bin/python benchmarks/bench_relations.py [--events 10000000] [--repeat 5] [--db PATH]

Fills a fresh store's ``events`` table with ``--events`` merged events generated in SQL
(deterministic: every choice is a hash of the row number): 40 countries, ten years
(2011–2020), 20 CAMEO codes across the four quad classes, one to two articles per event,
85 % asserted; 1 % of the events are USA–PAK (both directions), a busy dyad of about
100,000 events. Then times, and prints the median of ``--repeat`` runs of:

- ``relations`` for USA–PAK over the ten years by month (500 article-bootstrap resamples,
  change points, drivers), and
- ``export --format parquet`` of the whole table (partitioned by year/month) into a new folder.

Mentions are not generated: relations reads only ``events``, and the Parquet export of
mentions scales with their number the same way.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from dyad.analysis.export import export
from dyad.analysis.relations import RelationOptions, relations
from dyad.store.db import Store
from dyad.store.events import EVENT_COLUMNS

COUNTRIES = [
    "USA",
    "PAK",
    "IND",
    "CHN",
    "AFG",
    "RUS",
    "GBR",
    "FRA",
    "DEU",
    "JPN",
    "IRN",
    "IRQ",
    "SYR",
    "ISR",
    "TUR",
    "SAU",
    "EGY",
    "NGA",
    "ZAF",
    "BRA",
    "MEX",
    "CAN",
    "AUS",
    "IDN",
    "BGD",
    "LKA",
    "NPL",
    "MMR",
    "THA",
    "VNM",
    "KOR",
    "PRK",
    "UKR",
    "POL",
    "ITA",
    "ESP",
    "QAT",
    "ARE",
    "KEN",
    "ETH",
]
CODES = [  # cameo, name, goldstein, quad, plover event, plover context
    ("036", "Express intent to meet or negotiate", 4.0, 1, "AGREE", None),
    ("040", "Consult", 1.0, 1, "CONSULT", None),
    ("042", "Make a visit", 1.9, 1, "CONSULT", None),
    ("043", "Host a visit", 2.8, 1, "CONSULT", None),
    ("051", "Praise or endorse", 3.4, 1, "SUPPORT", None),
    ("057", "Sign formal agreement", 8.0, 1, "AGREE", "diplomatic"),
    ("061", "Cooperate economically", 6.4, 2, "COOPERATE", "economic"),
    ("062", "Cooperate militarily", 7.4, 2, "COOPERATE", "military"),
    ("071", "Provide economic aid", 7.4, 2, "AID", "economic"),
    ("072", "Provide military aid", 8.3, 2, "AID", "military"),
    ("112", "Accuse", -2.0, 3, "ACCUSE", None),
    ("120", "Reject", -4.0, 3, "REJECT", None),
    ("130", "Threaten", -4.4, 3, "THREATEN", None),
    ("138", "Threaten with military force", -7.0, 3, "THREATEN", "military"),
    ("163", "Impose embargo, boycott, or sanctions", -8.0, 3, "SANCTION", "economic"),
    ("172", "Impose administrative sanctions", -5.0, 4, "COERCE", None),
    ("173", "Arrest, detain", -5.0, 4, "COERCE", "criminal"),
    ("180", "Use unconventional violence", -9.0, 4, "ASSAULT", None),
    ("190", "Use conventional military force", -10.0, 4, "ASSAULT", "military"),
    ("195", "Employ aerial weapons", -10.0, 4, "ASSAULT", "military"),
]
MODALITIES = ("asserted",) * 17 + ("future", "negated", "hypothetical")


def _values(rows) -> str:
    def lit(v):
        if v is None:
            return "NULL"
        if isinstance(v, str):
            return "'" + v.replace("'", "''") + "'"
        return repr(v)

    return ", ".join("(" + ", ".join(lit(v) for v in (i, *row)) + ")" for i, row in enumerate(rows))


def generate(store: Store, n: int) -> float:
    """Insert ``n`` generated events; return the seconds it took."""
    con = store.con
    t0 = time.perf_counter()
    con.execute(
        f"CREATE TEMP TABLE g_codes AS SELECT * FROM (VALUES {_values(CODES)}) "
        "t(k, cameo, name, goldstein, quad, plover_event, plover_context)"
    )
    con.execute(
        f"CREATE TEMP TABLE g_countries AS SELECT * FROM (VALUES {_values([(c,) for c in COUNTRIES])}) t(k, code)"
    )
    con.execute(
        f"CREATE TEMP TABLE g_modality AS SELECT * FROM (VALUES {_values([(m,) for m in MODALITIES])}) t(k, modality)"
    )
    nc, nk, nm = len(COUNTRIES), len(CODES), len(MODALITIES)
    con.execute(f"""
        INSERT INTO events ({", ".join(EVENT_COLUMNS)})
        WITH r AS (
            SELECT i,
                   CASE WHEN hash(i, 3) % 100 = 0 THEN hash(i, 1) % 2 ELSE hash(i, 1) % {nc} END AS s,
                   hash(i, 2) % {nc - 1} AS t_off,
                   hash(i, 3) % 100 = 0 AS usa_pak,
                   hash(i, 5) % {nk} AS k, hash(i, 6) % {nm} AS mk,
                   DATE '2011-01-01' + CAST(hash(i, 4) % 3653 AS INTEGER) AS day,
                   hash(i, 7) % 5 = 0 AS two_articles
            FROM range({n}) AS x(i))
        SELECT printf('%016x', hash(i, 9)) AS event_key, i AS global_id,
               s.code || '|' || t.code || '|' || substr(c.cameo, 1, 2) || '|' || m.modality AS merge_group,
               day AS date, day AS date_end, 'day' AS date_precision,
               s.code, s.code, s.code || 'GOV', s.code,
               t.code, t.code, t.code, t.code,
               c.cameo, c.cameo, substr(c.cameo, 1, 2), c.name, c.goldstein, c.quad,
               c.plover_event, NULL, c.plover_context, m.modality,
               CASE WHEN two_articles THEN 2 ELSE 1 END, CASE WHEN two_articles THEN 2 ELSE 1 END,
               CASE WHEN two_articles THEN 2 ELSE 1 END,
               CASE WHEN two_articles THEN [printf('a%d', i // 3), printf('a%d', hash(i, 8) % {max(n // 3, 1)})]
                    ELSE [printf('a%d', i // 3)] END,
               hash(i, 10) % 4 = 0, 1.0, NULL, TIMESTAMP '2021-01-01 00:00:00'
        FROM r
        JOIN g_countries s ON s.k = r.s
        JOIN g_countries t ON t.k = CASE WHEN usa_pak THEN 1 - r.s ELSE (r.s + 1 + r.t_off) % {nc} END
        JOIN g_codes c ON c.k = r.k
        JOIN g_modality m ON m.k = r.mk""")
    return time.perf_counter() - t0


def timed(fn, repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--db", help="store to fill (default: a temporary file)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.duckdb")
        with Store(db) as store:
            if store.con.execute("SELECT count(*) FROM events").fetchone()[0] == 0:
                secs = generate(store, args.events)
                print(f"generated {args.events:,} events in {secs:.1f} s")
            n = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
            pair = store.con.execute(
                "SELECT count(*) FROM events WHERE (source_key = 'USA' AND target_key = 'PAK') "
                "OR (source_key = 'PAK' AND target_key = 'USA')"
            ).fetchone()[0]
            print(f"store: {n:,} events, USA–PAK {pair:,}")
            opts = RelationOptions(period="month", since="2011-01-01", until="2020-12-31")
            result = relations(store, "USA", "PAK", opts)
            print(
                f"relations USA PAK by month: {len(result.rows)} rows, {len(result.change_points)} change points, "
                f"{opts.bootstrap} bootstrap resamples"
            )
            med, times = timed(lambda: relations(store, "USA", "PAK", opts), args.repeat)
            print(f"relations: median {med:.3f} s over {args.repeat} runs ({', '.join(f'{t:.3f}' for t in times)})")
            runs = iter(range(args.repeat))
            med, times = timed(lambda: export(store, "parquet", Path(tmp) / f"pq{next(runs)}"), args.repeat)
            size = sum(f.stat().st_size for f in (Path(tmp) / "pq0").rglob("*.parquet"))
            print(
                f"export --format parquet: median {med:.2f} s over {args.repeat} runs "
                f"({', '.join(f'{t:.2f}' for t in times)}), {size / 1e6:.0f} MB"
            )


if __name__ == "__main__":
    main()
