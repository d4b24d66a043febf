"""How a relationship moves: time series, a net cooperation index, change points, drivers.

Everything here reads the merged ``events`` table (``dyad.store.events``), asserted events only
unless told otherwise, at the country level (``PAKGOV`` counts as ``PAK``).

Net cooperation index
---------------------
For a set of events, with quad classes 1–2 counted as cooperation and 3–4 as conflict and
each event weighted by the absolute value of its Goldstein score ``|g|``::

    index = (Σ_coop |g| − Σ_conflict |g|) / Σ_all |g|        in [-1, 1]

+1 is all cooperation, -1 all conflict; events with ``g = 0`` (plain statements) weigh
nothing, and a period whose events all weigh nothing has no index (``None``). The quad class
decides the side, ``|g|`` only the weight (CAMEO's few cooperative codes with a negative
score, such as 012 "pessimistic comment", count as weak cooperation).

Confidence band
---------------
News reports events in articles, and an article's events are not independent draws, so the
band resamples **articles**, not events: each of B bootstrap samples (default 500, fixed
seed 0) draws as many articles as the dyad has, with replacement; an event reported by
``k`` articles gets weight ``Σ (times each of its articles was drawn) / k`` (its expected
weight is 1), and the index is recomputed per period from the weighted events. The band is
the 2.5th–97.5th percentile of those indices (``level`` = 0.95). A near-duplicate article (a
syndicated copy, ``articles.duplicate_of``) is drawn together with its original.

Change points
-------------
PELT with the least-squares cost (``ruptures``' linear-kernel ``KernelCPD``, that cost in C),
segments of at least 3 months, on the monthly index of each direction, over the months that
have an index. The penalty is
``5 · σ² · ln(n)`` for a series of ``n`` months, with the noise ``σ`` estimated robustly from
the month-to-month differences (``1.4826 · MAD(Δ) / √2``, at least 0.1: a month's index
from one or two events is ±1, and such runs make the differences look noiseless): a BIC-style
``σ² ln n`` made five times stricter, because in 200 simulated 60-month series of pure
Gaussian noise a factor of 2 found a change in 1 of 8 series, 3 in 1 of 18, 5 in 1 of 100
(and 5 still found both breaks of a 0.5 → -0.5 → 0.3 series with σ = 0.1 every time). A
month with few events has a noisy index; ``--penalty`` sets the value directly. Fewer than
12 months with an index (``min_months``) are not searched at all. A change's
*drivers* are the CAMEO codes whose share of the index moved most between the segment
before and the segment after it.

Drivers
-------
An index decomposes over event codes: code ``c`` contributes ``Σ_{e∈c} ±|g_e| / Σ_all |g|``
and the contributions add up to the index. Each period's top codes and PLOVER contexts are
those with the largest contributions in absolute value (an event with several contexts
shares its contribution equally among them).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dyad.analysis.index import grouped, net_cooperation, weights
from dyad.records import MODALITIES, Record
from dyad.store.db import Store
from dyad.store.reads import check_date, normalize_actor

PERIODS = ("day", "week", "month", "year")


QUADS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")


@dataclass(frozen=True)
class RelationOptions(Record):
    """What ``relations`` computes; the defaults are the documented ones."""

    period: str = "month"
    modality: tuple[str, ...] = ("asserted",)
    since: str | None = None
    until: str | None = None
    bootstrap: int = 500
    seed: int = 0
    level: float = 0.95
    top: int = 3
    penalty: float | None = None  # None: 5·σ²·ln(n), see the module docstring
    min_size: int = 3  # months per segment
    min_months: int = 12  # months with an index needed to look for change points at all

    def __post_init__(self) -> None:
        if self.period not in PERIODS:
            raise ValueError(f"period must be one of {PERIODS}, not {self.period!r}")
        bad = [m for m in self.modality if m not in MODALITIES]
        if bad:
            raise ValueError(f"unknown modality {bad[0]!r}; one of {', '.join(MODALITIES)}")
        if not 0 < self.level < 1:
            raise ValueError("level must be between 0 and 1")
        check_date(self.since, "since")
        check_date(self.until, "until")


@dataclass(frozen=True)
class Driver(Record):
    """A CAMEO code or PLOVER context and its share of an index."""

    key: str
    name: str
    events: int
    contribution: float


@dataclass(frozen=True)
class PeriodStats(Record):
    """One direction of a dyad in one period (``period`` is its first day, or ``all``)."""

    period: str
    direction: str
    source: str
    target: str
    events: int
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    goldstein_sum: float
    goldstein_mean: float | None
    index: float | None
    index_lo: float | None
    index_hi: float | None
    top_codes: tuple[Driver, ...] = ()
    top_contexts: tuple[Driver, ...] = ()


@dataclass(frozen=True)
class ChangePoint(Record):
    """A change in a direction's monthly index; ``period`` is the first month after it."""

    direction: str
    period: str
    index_before: float | None
    index_after: float | None
    drivers: tuple[Driver, ...] = ()


@dataclass(frozen=True)
class Relations(Record):
    """The relationship between ``a`` and ``b``: per-period rows, totals, change points."""

    a: str
    b: str
    options: RelationOptions
    rows: tuple[PeriodStats, ...]
    totals: tuple[PeriodStats, ...]
    change_points: tuple[ChangePoint, ...]
    penalties: dict[str, float] = field(default_factory=dict)

    def directions(self) -> tuple[str, str, str]:
        return directions(self.a, self.b)


def relation_options(**kw) -> RelationOptions:
    """:class:`RelationOptions` from keyword arguments, where ``None`` means the default."""
    kw["modality"] = tuple(kw.get("modality") or ())
    return RelationOptions(**{k: v for k, v in kw.items() if v is not None})


def directions(a: str, b: str) -> tuple[str, str, str]:
    return (f"{a}->{b}", f"{b}->{a}", f"{a}<->{b}")


@dataclass
class _Events:
    """The dyad's events as columns (numpy), with their articles as integer ids."""

    period: np.ndarray  # datetime64[D] period start
    month: np.ndarray  # datetime64[D] month start
    forward: np.ndarray  # bool: a -> b
    quad: np.ndarray
    goldstein: np.ndarray
    code_id: np.ndarray  # index into codes
    codes: list[str]
    code_names: list[str]
    ctx_event: np.ndarray  # for each (event, PLOVER context) pair: the event
    ctx_id: np.ndarray  # ... the context, an index into contexts
    ctx_share: np.ndarray  # ... and 1 / number of contexts of the event
    contexts: list[str]
    art_event: np.ndarray  # for each (event, article) pair: the event
    art_id: np.ndarray  # ... and the article, as 0..n_articles-1
    art_weight: np.ndarray  # 1 / number of articles of the event
    n_articles: int

    def __len__(self) -> int:
        return len(self.quad)


def modality_sql(modality: Sequence[str]) -> tuple[str, list]:
    if not modality:
        return "TRUE", []
    return f"modality IN ({', '.join('?' * len(modality))})", list(modality)


def _codes_and_contexts(table: pa.Table) -> dict:
    """Events' CAMEO codes and PLOVER contexts as integer ids (Arrow dictionary encoding)."""
    n = table.num_rows
    if n == 0:
        empty = np.array([], np.int64)
        return {
            "code_id": empty,
            "codes": [],
            "code_names": [],
            "ctx_event": empty,
            "ctx_id": empty,
            "ctx_share": np.array([], float),
            "contexts": [],
        }
    cameo = pc.dictionary_encode(table.column("cameo").combine_chunks())
    code_id = cameo.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    codes = cameo.dictionary.to_pylist()
    names = table.column("cameo_name").to_pylist()
    code_names = [""] * len(codes)
    for i, c in zip(code_id, names):
        code_names[i] = c
    ctx = pc.split_pattern(pc.fill_null(table.column("plover_context").combine_chunks(), "(none)"), ";")
    per_event = pc.list_value_length(ctx).to_numpy(zero_copy_only=False).astype(np.int64)
    enc = pc.dictionary_encode(pc.list_flatten(ctx))
    ctx_event = np.repeat(np.arange(n), per_event)
    return {
        "code_id": code_id,
        "codes": codes,
        "code_names": code_names,
        "ctx_event": ctx_event,
        "ctx_id": enc.indices.to_numpy(zero_copy_only=False).astype(np.int64),
        "ctx_share": 1.0 / per_event[ctx_event],
        "contexts": enc.dictionary.to_pylist(),
    }


def _load(store: Store, a: str, b: str, opts: RelationOptions) -> _Events:
    mod_sql, mod_params = modality_sql(opts.modality)
    sql = f"""
        SELECT CAST(date_trunc(?, date) AS DATE) AS period, CAST(date_trunc('month', date) AS DATE) AS month,
               source_key = ? AS forward, quad_class, goldstein, cameo, cameo_name, plover_context, article_ids
        FROM events
        WHERE ((source_key = ? AND target_key = ?) OR (source_key = ? AND target_key = ?))
          AND date IS NOT NULL AND {mod_sql}
          {"AND date >= CAST(? AS DATE)" if opts.since else ""} {"AND date <= CAST(? AS DATE)" if opts.until else ""}
        ORDER BY date, global_id"""
    params = [opts.period, a, a, b, b, a, *mod_params] + [x for x in (opts.since, opts.until) if x]
    cur = store.con.cursor()
    try:
        table = cur.sql(sql, params=params).to_arrow_table()
    finally:
        cur.close()
    n = table.num_rows
    ids = table.column("article_ids").combine_chunks() if n else pa.array([], pa.list_(pa.string()))
    lengths = pc.fill_null(pc.list_value_length(ids), 0).to_numpy(zero_copy_only=False).astype(np.int64)
    art_event = np.repeat(np.arange(n), lengths)
    codes = pc.dictionary_encode(pc.list_flatten(ids)) if n else None
    art_id = (
        codes.indices.to_numpy(zero_copy_only=False).astype(np.int64) if codes is not None else np.array([], np.int64)
    )
    n_articles = len(codes.dictionary) if codes is not None else 0
    copies = dict(store.con.execute("SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL").fetchall())
    if copies and codes is not None:  # a syndicated copy is resampled together with its original
        roots = [copies.get(x, x) for x in codes.dictionary.to_pylist()]
        number = {r: i for i, r in enumerate(dict.fromkeys(roots))}
        art_id = np.array([number[r] for r in roots], dtype=np.int64)[art_id]
        n_articles = len(number)
    lonely = np.flatnonzero(lengths == 0)  # an event without articles is its own article
    if len(lonely):
        art_event = np.concatenate([art_event, lonely])
        art_id = np.concatenate([art_id, n_articles + np.arange(len(lonely))])
        n_articles += len(lonely)
    per_event = np.bincount(art_event, minlength=n).astype(float)

    def col(name: str) -> np.ndarray:
        return table.column(name).to_numpy(zero_copy_only=False)

    return _Events(
        period=col("period").astype("datetime64[D]") if n else np.array([], "datetime64[D]"),
        month=col("month").astype("datetime64[D]") if n else np.array([], "datetime64[D]"),
        forward=col("forward").astype(bool) if n else np.array([], bool),
        quad=col("quad_class").astype(np.int64) if n else np.array([], np.int64),
        goldstein=col("goldstein").astype(float) if n else np.array([], float),
        **_codes_and_contexts(table),
        art_event=art_event,
        art_id=art_id,
        art_weight=1.0 / per_event[art_event] if len(art_event) else np.array([], float),
        n_articles=n_articles,
    )


def _period_starts(period: str, first: Date, last: Date) -> list[Date]:
    """Every period start from the one holding ``first`` to the one holding ``last``."""

    def start(d: Date) -> Date:
        if period == "week":
            return d - timedelta(days=d.weekday())
        if period == "month":
            return d.replace(day=1)
        if period == "year":
            return d.replace(month=1, day=1)
        return d

    out, d = [], start(first)
    end = start(last)
    while d <= end:
        out.append(d)
        if period == "day":
            d += timedelta(days=1)
        elif period == "week":
            d += timedelta(days=7)
        elif period == "month":
            d = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
        else:
            d = d.replace(year=d.year + 1)
    return out


def _bootstrap_band(
    ev: _Events, cols: np.ndarray, n_periods: int, opts: RelationOptions
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Percentile bands of the index for a -> b, b -> a and both: arrays over the periods
    (0..n_periods-1, ``cols[i]`` is event i's) followed by the whole span.

    Each resample draws ``n_articles`` articles with replacement (the classic bootstrap; the
    counts are bincounts of uniform draws). One set of resamples serves every direction,
    period and the whole span; "both" and the whole span are sums of the per-direction,
    per-period numerators and denominators, so only those are multiplied out.
    """
    from scipy import sparse

    n_art, B, P = ev.n_articles, opts.bootstrap, n_periods
    nan = np.full(P + 1, np.nan)
    if B <= 0 or n_art == 0:
        return [(nan, nan)] * 3
    e = ev.art_event
    sw, w = weights(ev.quad[e], ev.goldstein[e], ev.art_weight)
    row = cols[e] + np.where(ev.forward[e], 0, 2 * P)  # rows: num a->b, den a->b, num b->a, den b->a
    stacked = sparse.csr_matrix(
        (np.concatenate([sw, w]), (np.concatenate([row, row + P]), np.concatenate([ev.art_id, ev.art_id]))),
        shape=(4 * P, n_art),
    )
    rng = np.random.default_rng(opts.seed)
    chunk = max(1, min(B, 2_000_000 // n_art))
    out = [np.empty((B, P + 1)) for _ in range(3)]
    done = 0
    while done < B:
        k = min(chunk, B - done)
        draws = rng.integers(0, n_art, size=(k, n_art), dtype=np.int64)
        draws += (np.arange(k, dtype=np.int64) * n_art)[:, None]
        counts = np.bincount(draws.ravel(), minlength=k * n_art).reshape(k, n_art).astype(float)
        prod = (stacked @ counts.T).T  # k × 4P
        num_f, den_f, num_b, den_b = (prod[:, q * P : (q + 1) * P] for q in range(4))
        for s_i, (num, den) in enumerate(((num_f, den_f), (num_b, den_b), (num_f + num_b, den_f + den_b))):
            num = np.hstack([num, num.sum(axis=1, keepdims=True)])
            den = np.hstack([den, den.sum(axis=1, keepdims=True)])
            with np.errstate(invalid="ignore", divide="ignore"):
                out[s_i][done : done + k] = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
        done += k
    alpha = (1 - opts.level) / 2
    bands = []
    for samples in out:
        lo, hi = nan.copy(), nan.copy()
        has = (~np.isnan(samples)).any(axis=0)
        if has.any():
            q = np.nanquantile(samples[:, has], [alpha, 1 - alpha], axis=0)
            lo[has], hi[has] = q[0], q[1]
        bands.append((lo, hi))
    return bands


def _ranked(keys: list[str], names: list[str], sums: np.ndarray, counts: np.ndarray, top: int) -> tuple[Driver, ...]:
    present = np.flatnonzero(counts)
    order = sorted(present, key=lambda k: (-abs(sums[k]), -counts[k], keys[k]))[:top]
    return tuple(Driver(keys[k], names[k], int(counts[k]), round(float(sums[k]), 6)) for k in order)


def _code_shares(idx: np.ndarray, ev: _Events) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-event contributions to the index of events ``idx``, and their sums and counts per code."""
    num, w = weights(ev.quad[idx], ev.goldstein[idx])
    den = float(w.sum())
    contrib = num / den if den > 0 else np.zeros(len(idx))
    n_codes = len(ev.codes)
    return (
        contrib,
        np.bincount(ev.code_id[idx], weights=contrib, minlength=n_codes),
        np.bincount(ev.code_id[idx], minlength=n_codes),
    )


def _drivers(idx: np.ndarray, ev: _Events, top: int) -> tuple[tuple[Driver, ...], tuple[Driver, ...]]:
    """Top CAMEO codes and PLOVER contexts by contribution to the index of events ``idx``."""
    if top <= 0 or len(idx) == 0:
        return (), ()
    contrib, code_sums, code_counts = _code_shares(idx, ev)
    per_event = np.zeros(len(ev))
    chosen = np.zeros(len(ev), bool)
    per_event[idx], chosen[idx] = contrib, True
    entries = chosen[ev.ctx_event]
    ctx = ev.ctx_id[entries]
    n_ctx = len(ev.contexts)
    ctx_sums = np.bincount(ctx, weights=per_event[ev.ctx_event[entries]] * ev.ctx_share[entries], minlength=n_ctx)
    ctx_counts = np.bincount(ctx, minlength=n_ctx)
    return (
        _ranked(ev.codes, ev.code_names, code_sums, code_counts, top),
        _ranked(ev.contexts, ev.contexts, ctx_sums, ctx_counts, top),
    )


def _stats(
    idx: np.ndarray, ev: _Events, period: str, direction: str, source: str, target: str, lo: float, hi: float, top: int
) -> PeriodStats:
    q = ev.quad[idx]
    g = ev.goldstein[idx]
    index = net_cooperation(q, g)
    codes, contexts = _drivers(idx, ev, top)

    def fin(x: float | None) -> float | None:
        return None if x is None or math.isnan(x) or index is None else round(float(x), 6)

    return PeriodStats(
        period=period,
        direction=direction,
        source=source,
        target=target,
        events=len(idx),
        verbal_coop=int((q == 1).sum()),
        material_coop=int((q == 2).sum()),
        verbal_conflict=int((q == 3).sum()),
        material_conflict=int((q == 4).sum()),
        goldstein_sum=round(float(g.sum()), 6),
        goldstein_mean=round(float(g.mean()), 6) if len(idx) else None,
        index=None if index is None else round(index, 6),
        index_lo=fin(lo),
        index_hi=fin(hi),
        top_codes=codes,
        top_contexts=contexts,
    )


def _penalty(series: np.ndarray) -> float:
    diffs = np.diff(series)
    mad = np.median(np.abs(diffs - np.median(diffs))) if len(diffs) else 0.0
    sigma = max(1.4826 * mad / math.sqrt(2), 0.1)
    return 5.0 * sigma**2 * math.log(max(len(series), 2))


def change_points(
    series: Sequence[float], penalty: float | None = None, min_size: int = 3, min_points: int = 12
) -> tuple[list[int], float]:
    """Indices where a new segment of ``series`` starts (PELT, least squares) and the penalty used."""
    x = np.asarray(series, dtype=float)
    pen = _penalty(x) if penalty is None else float(penalty)
    if len(x) < max(2 * min_size, min_points):
        return [], pen
    import ruptures

    # PELT with the least-squares cost: ruptures' linear-kernel KernelCPD is that same cost,
    # implemented in C (Pelt(model="l2") finds the same breakpoints, hundreds of times slower)
    ends = ruptures.KernelCPD(kernel="linear", min_size=min_size).fit(x.reshape(-1, 1)).predict(pen=pen)
    return [int(e) for e in ends[:-1]], pen


def _monthly_changes(
    ev: _Events, sel: np.ndarray, direction: str, opts: RelationOptions
) -> tuple[list[ChangePoint], float]:
    idx = np.flatnonzero(sel)
    if len(idx) == 0:
        return [], 0.0
    months, inv = np.unique(ev.month[idx], return_inverse=True)
    num, den = grouped(inv, len(months), ev.quad[idx], ev.goldstein[idx])
    has = den > 0
    series = num[has] / den[has]
    months_with = months[has]
    starts, pen = change_points(series, opts.penalty, opts.min_size, opts.min_months)
    bounds = [0, *starts, len(series)]
    out = []
    for k, s in enumerate(starts):
        before = (months_with[bounds[k]], months_with[s])  # [from, to)
        after = (months_with[s], months_with[bounds[k + 2] - 1])  # [from, to]
        in_before = idx[(ev.month[idx] >= before[0]) & (ev.month[idx] < before[1])]
        in_after = idx[(ev.month[idx] >= after[0]) & (ev.month[idx] <= after[1])]
        out.append(
            ChangePoint(
                direction=direction,
                period=str(months_with[s]),
                index_before=round6(net_cooperation(ev.quad[in_before], ev.goldstein[in_before])),
                index_after=round6(net_cooperation(ev.quad[in_after], ev.goldstein[in_after])),
                drivers=_shift_drivers(ev, in_before, in_after, opts.top),
            )
        )
    return out, pen


def round6(x: float | None) -> float | None:
    return None if x is None else round(x, 6)


def _shift_drivers(ev: _Events, before: np.ndarray, after: np.ndarray, top: int) -> tuple[Driver, ...]:
    """Codes whose contribution to the index changed most from ``before`` to ``after``."""
    _, sums_before, _ = _code_shares(before, ev)
    _, sums_after, counts_after = _code_shares(after, ev)
    counts_before = np.bincount(ev.code_id[before], minlength=len(ev.codes))
    delta = sums_after - sums_before
    present = counts_after + counts_before
    order = sorted(np.flatnonzero(present), key=lambda k: (-abs(delta[k]), ev.codes[k]))[:top]
    return tuple(Driver(ev.codes[k], ev.code_names[k], int(counts_after[k]), round(float(delta[k]), 6)) for k in order)


def relations(store: Store, a: str, b: str, opts: RelationOptions = RelationOptions()) -> Relations:
    """The dyad ``a``–``b`` per period and direction, with the index band, drivers and change points."""
    a, b = normalize_actor(a), normalize_actor(b)
    if a == b:
        raise ValueError("a dyad needs two different actors")
    ev = _load(store, a, b, opts)
    dirs = directions(a, b)
    ends = [(a, b), (b, a), (a, b)]
    selectors = [ev.forward, ~ev.forward, np.ones(len(ev), bool)]
    if len(ev):
        first = Date.fromisoformat(opts.since) if opts.since else ev.period.min().astype(object)
        last = Date.fromisoformat(opts.until) if opts.until else ev.period.max().astype(object)
        starts = _period_starts(opts.period, first, last)
    elif opts.since and opts.until:
        starts = _period_starts(opts.period, Date.fromisoformat(opts.since), Date.fromisoformat(opts.until))
    else:
        starts = []
    cols = np.searchsorted(np.array(starts, dtype="datetime64[D]"), ev.period).astype(np.int64)
    bands = _bootstrap_band(ev, cols, len(starts), opts)
    by_col = [np.flatnonzero(cols == c) for c in range(len(starts))]
    rows, totals = [], []
    for (lo, hi), sel, direction, (src, tgt) in zip(bands, selectors, dirs, ends):
        for c, start in enumerate(starts):
            idx = by_col[c][sel[by_col[c]]]
            rows.append(_stats(idx, ev, start.isoformat(), direction, src, tgt, lo[c], hi[c], opts.top))
        totals.append(_stats(np.flatnonzero(sel), ev, "all", direction, src, tgt, lo[-1], hi[-1], opts.top))
    changes, penalties = [], {}
    for sel, direction in zip(selectors, dirs):
        found, pen = _monthly_changes(ev, sel, direction, opts)
        changes += found
        penalties[direction] = round(pen, 6)
    return Relations(a, b, opts, tuple(rows), tuple(totals), tuple(changes), penalties)
