"""Relations: the index and its band on series with known answers, change points, rankings."""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import pytest

from dyad.analysis import dyads as dy
from dyad.analysis import relations as rel
from dyad.records import ActorRef, Plover
from dyad.store import events as ev
from dyad.store import reads
from dyad.store.db import Store

COOP = ("042", 1.9, 1)  # make a visit: verbal cooperation
AID = ("072", 8.3, 2)
THREAT = ("138", -7.0, 3)
FIGHT = ("190", -10.0, 4)


def event(
    n: int,
    day: str,
    source: str,
    target: str,
    kind=COOP,
    articles=None,
    modality="asserted",
    context: str | None = None,
    goldstein: float | None = None,
) -> ev.MergedEvent:
    cameo, g, quad = kind
    return ev.MergedEvent(
        event_key=f"e{n}",
        global_id=n,
        date=day,
        date_end=day,
        date_precision="day",
        source_key=source,
        target_key=target,
        source=ActorRef(source, source, source),
        target=ActorRef(target, target, target),
        cameo=cameo,
        cameo_base=cameo[:3],
        cameo_root=cameo[:2],
        cameo_name=f"code {cameo}",
        goldstein=g if goldstein is None else goldstein,
        quad_class=quad,
        plover=Plover(None, None, context),
        modality=modality,
        num_mentions=1,
        num_sources=1,
        num_articles=len(articles or [f"art{n}"]),
        article_ids=tuple(articles or [f"art{n}"]),
        is_root=False,
        confidence=1.0,
    )


@pytest.fixture()
def store(store_path):
    with Store(store_path) as s:
        yield s


@pytest.mark.parametrize(
    "quads, gold, expected",
    [
        ([1, 2, 3], [4, 4, -8], 0.0),
        ([1, 1, 1], [2, 3, 4], 1.0),
        ([4, 3], [-10, -2], -1.0),
        ([1, 4], [3.0, -1.0], 0.5),
        ([1, 3], [0.0, 0.0], None),  # nothing weighs anything
        ([1, 3], [-0.4, -2.0], (0.4 - 2.0) / 2.4),  # quad decides the side, |g| the weight
    ],
)
def test_relations_net_cooperation(quads, gold, expected):
    got = rel.net_cooperation(quads, gold)
    assert got == pytest.approx(expected) if expected is not None else got is None


def test_relations_band_one_article_is_exact(store):
    """Every event in one article: every resample holds all or nothing, the band is the point."""
    ev.insert_events(
        store,
        [
            event(
                i,
                f"2019-07-0{i + 1}",
                "USA",
                "PAK",
                COOP if i < 3 else THREAT,
                articles=["only"],
                goldstein=4.0 if i < 3 else -4.0,
            )
            for i in range(4)
        ],
    )
    both = rel.relations(store, "USA", "PAK").totals[2]
    assert both.index == pytest.approx(0.5)
    assert (both.index_lo, both.index_hi) == (pytest.approx(0.5), pytest.approx(0.5))


def test_relations_band_resamples_articles_not_events(store):
    """Two articles, one all cooperation, one all conflict: resampling articles gives -1, 0 or +1."""
    ev.insert_events(
        store,
        [
            event(0, "2019-07-01", "USA", "PAK", COOP, ["x"], goldstein=2.0),
            event(1, "2019-07-02", "USA", "PAK", COOP, ["x"], goldstein=2.0),
            event(2, "2019-07-03", "USA", "PAK", THREAT, ["y"], goldstein=-2.0),
            event(3, "2019-07-04", "USA", "PAK", THREAT, ["y"], goldstein=-2.0),
        ],
    )
    total = rel.relations(store, "USA", "PAK", rel.RelationOptions(bootstrap=2000)).totals[0]
    assert total.index == pytest.approx(0.0)
    assert (total.index_lo, total.index_hi) == (-1.0, 1.0)


def test_relations_band_matches_the_analytic_interval(store):
    """400 events in their own articles, 3/4 cooperative, equal weights: index 0.5, and the
    band is close to the normal interval 0.5 ± 1.96 · 2 · sqrt(p(1-p)/n)."""
    n, p = 400, 0.75
    ev.insert_events(
        store,
        [
            event(i, "2019-07-15", "USA", "PAK", COOP if i < n * p else THREAT, goldstein=5.0 if i < n * p else -5.0)
            for i in range(n)
        ],
    )
    total = rel.relations(store, "USA", "PAK", rel.RelationOptions(bootstrap=2000)).totals[0]
    half = 1.96 * 2 * np.sqrt(p * (1 - p) / n)
    assert total.index == pytest.approx(0.5)
    assert total.index_lo == pytest.approx(0.5 - half, abs=0.02)
    assert total.index_hi == pytest.approx(0.5 + half, abs=0.02)
    again = rel.relations(store, "USA", "PAK", rel.RelationOptions(bootstrap=2000)).totals[0]
    assert (again.index_lo, again.index_hi) == (total.index_lo, total.index_hi)  # fixed seed


def test_relations_series_both_directions(store):
    ev.insert_events(
        store,
        [
            event(1, "2019-01-10", "USA", "PAK", AID, context="military"),
            event(2, "2019-01-20", "USA", "PAK", THREAT, context="security;military"),
            event(3, "2019-02-05", "PAK", "USA", COOP),
            event(4, "2019-03-02", "USA", "PAK", FIGHT),
            event(5, "2019-03-03", "USA", "PAK", AID, modality="future"),
            event(6, "2019-03-04", "USA", "IND", AID),
        ],
    )
    r = rel.relations(store, "usa", "pak")
    assert r.directions() == ("USA->PAK", "PAK->USA", "USA<->PAK")
    assert [(x.period, x.direction) for x in r.rows[:3]] == [
        ("2019-01-01", "USA->PAK"),
        ("2019-02-01", "USA->PAK"),
        ("2019-03-01", "USA->PAK"),
    ]
    by = {(x.period, x.direction): x for x in r.rows}
    jan = by[("2019-01-01", "USA->PAK")]
    assert (jan.events, jan.material_coop, jan.verbal_conflict) == (2, 1, 1)
    assert jan.goldstein_sum == pytest.approx(1.3) and jan.goldstein_mean == pytest.approx(0.65)
    assert jan.index == pytest.approx((8.3 - 7.0) / 15.3, abs=1e-6)
    assert sum(d.contribution for d in jan.top_codes) == pytest.approx(jan.index, abs=1e-5)
    assert jan.top_codes[0].key == "072"
    assert {d.key for d in jan.top_contexts} == {"military", "security"}
    assert by[("2019-02-01", "USA->PAK")].events == 0 and by[("2019-02-01", "USA->PAK")].index is None
    assert by[("2019-02-01", "PAK->USA")].index == 1.0
    assert by[("2019-03-01", "USA<->PAK")].events == 1  # the future aid is not asserted
    fut = rel.relations(store, "USA", "PAK", rel.RelationOptions(modality=("future",)))
    assert fut.totals[0].events == 1


@pytest.mark.parametrize("period, n", [("day", 52), ("week", 8), ("month", 2), ("year", 1)])
def test_relations_periods(store, period, n):
    ev.insert_events(store, [event(1, "2019-01-10", "USA", "PAK"), event(2, "2019-03-02", "USA", "PAK")])
    r = rel.relations(store, "USA", "PAK", rel.RelationOptions(period=period, bootstrap=0))
    assert len(r.rows) == 3 * (n if period != "month" else 3)


def _monthly(store, values_per_month: list[float], per_month: int = 10, seed: int = 1):
    """Events month by month whose expected index follows ``values_per_month``."""
    rng = np.random.default_rng(seed)
    out, n = [], 0
    for m, target in enumerate(values_per_month):
        day = date(2010 + m // 12, m % 12 + 1, 15).isoformat()
        for coop in rng.random(per_month) < (1 + target) / 2:
            out.append(event(n, day, "USA", "PAK", COOP if coop else THREAT, goldstein=3.0 if coop else -3.0))
            n += 1
    ev.insert_events(store, out)


def test_relations_change_point_at_known_break(store):
    _monthly(store, [0.6] * 36 + [-0.4] * 36)
    r = rel.relations(store, "USA", "PAK", rel.RelationOptions(bootstrap=0))
    changes = [c for c in r.change_points if c.direction == "USA->PAK"]
    assert len(changes) == 1
    assert changes[0].period in ("2012-12-01", "2013-01-01", "2013-02-01")  # the break: January 2013
    assert changes[0].index_before > 0.4 and changes[0].index_after < -0.2
    assert changes[0].drivers[0].key in ("042", "138")
    assert not [c for c in r.change_points if c.direction == "PAK->USA"]  # no events that way


def test_relations_no_change_point_in_noise(store):
    _monthly(store, [0.4] * 72, seed=3)
    r = rel.relations(store, "USA", "PAK", rel.RelationOptions(bootstrap=0))
    assert r.change_points == ()


@pytest.mark.parametrize("breaks", [[], [30], [20, 45]])
def test_relations_change_points_on_a_series(breaks):
    rng = np.random.default_rng(0)
    levels = np.concatenate(
        [np.full(b - a, lvl) for a, b, lvl in zip([0, *breaks], [*breaks, 60], [0.5, -0.5, 0.3][: len(breaks) + 1])]
    )
    found, pen = rel.change_points(levels + rng.normal(0, 0.1, 60))
    assert found == breaks
    assert pen > 0


def test_relations_no_change_points_in_a_short_series():
    """Seven months, one or two events each: nothing to say about change."""
    assert rel.change_points([-1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0])[0] == []


def test_relations_rejects_bad_input(store):
    with pytest.raises(ValueError):
        rel.relations(store, "USA", "USA")
    with pytest.raises(ValueError):
        rel.RelationOptions(period="decade")
    with pytest.raises(ValueError):
        rel.RelationOptions(modality=("rumoured",))


def test_relations_dyads_ranked(store):
    base = date(2020, 1, 1)
    rows, n = [], 0
    for pair, count, late_conflict in (
        (("USA", "PAK"), 6, True),
        (("IND", "PAK"), 4, False),
        (("CHN", "IND"), 2, False),
    ):
        for i in range(count):
            day = (base + timedelta(days=200 * (i % 2) + i)).isoformat()  # half a year apart
            kind = THREAT if late_conflict and i % 2 else COOP
            src, tgt = pair if i % 3 else pair[::-1]
            rows.append(event(n, day, src, tgt, kind))
            n += 1
    rows.append(event(n, "2020-03-01", "PAK", "PAK", COOP))  # domestic: left out
    ev.insert_events(store, rows)
    by_volume = dy.dyads(store, recent_months=6)
    assert [(d.a, d.b, d.events) for d in by_volume] == [("PAK", "USA", 6), ("IND", "PAK", 4), ("CHN", "IND", 2)]
    usa = by_volume[0]
    assert usa.a_to_b + usa.b_to_a == 6
    assert (usa.recent_events, usa.prior_events) == (3, 3)
    assert usa.prior_index == 1.0 and usa.recent_index == -1.0 and usa.index_change == -2.0
    assert dy.dyads(store, sort="change")[0].b == "USA"
    assert len(dy.dyads(store, include_domestic=True)) == 4


def test_relations_network_matrix(store):
    ev.insert_events(
        store,
        [
            event(1, "2019-01-01", "USA", "PAK", AID),
            event(2, "2019-01-02", "PAK", "IND", FIGHT),
            event(3, "2019-01-03", "IND", "PAK", THREAT),
            event(4, "2019-01-04", "USA", "CHN", AID),
        ],
    )
    net = dy.network(store, ["USA", "PAK", "IND"])
    assert net.actors == ("USA", "PAK", "IND")
    assert net.index[0][1] == 1.0 and net.index[1][2] == -1.0 and net.index[0][2] is None
    assert net.events[2][1] == 1
    und = dy.network(store, ["USA", "PAK", "IND"], directed=False)
    assert und.events[1][2] == und.events[2][1] == 2
    assert {c["source"] for c in net.cells()} == {"USA", "PAK", "IND"}


# --- the command line -------------------------------------------------------------------------
def _cli(*args):
    import json as _json

    from typer.testing import CliRunner

    from dyad.cli.main import app

    result = CliRunner().invoke(app, [str(a) for a in args])
    return result, _json


@pytest.mark.parametrize("command", ["export", "relations", "dyads", "network", "report", "sql"])
def test_relations_cli_help_has_example(command):
    result, _ = _cli(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output


@pytest.fixture()
def filled(store_path):
    with Store(store_path) as s:
        ev.insert_events(
            s,
            [
                event(1, "2019-01-10", "USA", "PAK", AID),
                event(2, "2019-02-11", "PAK", "USA", THREAT),
                event(3, "2019-02-12", "PAK", "IND", FIGHT),
            ],
        )
    return store_path


def test_relations_cli_outputs(filled):
    result, json = _cli("relations", "USA", "PAK", "--db", filled, "--format", "jsonl", "--bootstrap", "50")
    assert result.exit_code == 0, result.output
    kinds = [json.loads(line)["kind"] for line in result.stdout.splitlines()]
    assert kinds.count("period") == 6 and kinds.count("total") == 3
    result, json = _cli("relations", "USA", "PAK", "--db", filled)
    assert result.exit_code == 0 and "whole span" in result.stdout
    result, json = _cli("dyads", "--db", filled, "--format", "json")
    assert [(d["a"], d["b"]) for d in json.loads(result.stdout)] == [("PAK", "USA"), ("IND", "PAK")]
    result, json = _cli("network", "USA", "PAK", "IND", "--db", filled, "--format", "jsonl")
    cells = [json.loads(line) for line in result.stdout.splitlines()]
    pairs = {(c["source"], c["target"]) for c in cells if c["events"]}
    assert pairs == {("USA", "PAK"), ("PAK", "USA"), ("PAK", "IND")}
    result, _ = _cli("network", "USA", "PAK", "--db", filled)
    assert result.exit_code == 0 and "+1.00 (1)" in result.stdout


def test_relations_cli_bad_input_fails_cleanly(filled):
    result, _ = _cli("relations", "USA", "PAK", "--db", filled, "--period", "decade")
    assert result.exit_code == 1 and "period" in result.output
    result, _ = _cli("relations", "USA", "PAK", "--db", filled + ".missing")
    assert result.exit_code == 1 and "no store" in result.output


def test_relations_cli_sql_is_read_only(filled, tmp_path):
    result, json = _cli(
        "sql", "SELECT source_key, count(*) AS n FROM events GROUP BY 1 ORDER BY 1", "--db", filled, "--format", "jsonl"
    )
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"source_key": "PAK", "n": 2},
        {"source_key": "USA", "n": 1},
    ]
    for statement in ("DELETE FROM events", f"COPY events TO '{tmp_path / 'x.csv'}'", "ATTACH 'other.duckdb'"):
        result, _ = _cli("sql", statement, "--db", filled)
        assert result.exit_code == 1, statement
    assert not (tmp_path / "x.csv").exists()
    with Store(filled, read_only=True) as s:
        assert reads.counts(s)["events"] == 3


def test_relations_cli_bad_dates_fail_cleanly(filled):
    result, _ = _cli("relations", "USA", "PAK", "--db", filled, "--since", "July 2019")
    assert result.exit_code == 1 and "YYYY-MM-DD" in result.output
    result, _ = _cli("export", "--db", filled, "--until", "2019-13-01")
    assert result.exit_code == 1 and "YYYY-MM-DD" in result.output


def test_relations_band_draws_a_syndicated_copy_with_its_original(store):
    """x and its copies x2, x3 report cooperation, y conflict: as one story against one, the
    band spans -1..+1 as for two articles (y is drawn twice in a quarter of the samples). As
    four independent articles (the same events between USA and IND, no copy marked) it cannot
    reach -1: q drawn four times out of four is 1 sample in 256, under the 2.5%, and the low end
    is -0.8 (q three times: (2 - 18) / (2 + 18))."""
    from dyad.records import Article

    def art(aid, dup=None):
        return (
            Article(
                id=aid,
                origin=aid,
                kind="txt",
                raw="x",
                text="x",
                title=None,
                date="2019-07-01",
                url=None,
                source="Wire",
                doc_id=None,
                duplicate_of=dup,
            ),
            [],
            None,
        )

    store.add_articles([art("x"), art("x2", dup="x"), art("x3", dup="x"), art("y")])
    store.add_articles([art("p"), art("p2"), art("p3"), art("q")])
    ev.insert_events(
        store,
        [
            event(0, "2019-07-01", "USA", "PAK", COOP, ["x"], goldstein=2.0),
            event(1, "2019-07-01", "USA", "PAK", COOP, ["x2"], goldstein=2.0),
            event(2, "2019-07-01", "USA", "PAK", COOP, ["x3"], goldstein=2.0),
            event(3, "2019-07-02", "USA", "PAK", THREAT, ["y"], goldstein=-6.0),
            event(4, "2019-07-01", "USA", "IND", COOP, ["p"], goldstein=2.0),
            event(5, "2019-07-01", "USA", "IND", COOP, ["p2"], goldstein=2.0),
            event(6, "2019-07-01", "USA", "IND", COOP, ["p3"], goldstein=2.0),
            event(7, "2019-07-02", "USA", "IND", THREAT, ["q"], goldstein=-6.0),
        ],
    )
    opts = rel.RelationOptions(bootstrap=4000)
    total = rel.relations(store, "USA", "PAK", opts).totals[0]
    assert total.index == pytest.approx(0.0)
    assert (total.index_lo, total.index_hi) == (-1.0, 1.0)
    independent = rel.relations(store, "USA", "IND", opts).totals[0]
    assert independent.index == pytest.approx(0.0)
    assert (independent.index_lo, independent.index_hi) == (pytest.approx(-0.8), 1.0)


@pytest.mark.parametrize(
    "series, sigma",
    [
        # differences ±0.4: median 0, every deviation 0.4, so MAD = 0.4
        ([0.0, 0.4] * 6 + [0.0], 1.4826 * 0.4 / math.sqrt(2)),
        # a jump of 4.6 among them moves neither median (both 0.4) nor MAD (0.4): robust
        ([0.0, 0.4, 0.0, 0.4, 0.0, 0.4, 5.0, 5.4, 5.0, 5.4, 5.0, 5.4, 5.0], 1.4826 * 0.4 / math.sqrt(2)),
        # a flat series has MAD 0: the floor, sigma = 0.1
        ([0.5] * 20, 0.1),
        # alternating ±1 months: eight differences of -2, seven of +2: median -2, MAD 0, the floor
        ([1.0, -1.0] * 8, 0.1),
    ],
)
def test_relations_change_point_penalty_is_five_sigma_squared_log_n(series, sigma):
    """The documented default: 5 · σ² · ln(n), σ = 1.4826 · MAD(Δ) / √2, at least 0.1."""
    expected = 5 * sigma**2 * math.log(len(series))
    assert rel._penalty(np.array(series)) == pytest.approx(expected, rel=1e-12)
    assert rel.change_points(series)[1] == pytest.approx(expected, rel=1e-12)
    assert rel.change_points(series, penalty=1.5)[1] == 1.5


def test_relations_change_point_penalty_values():
    """The same numbers written out, so a change of factor, constant or floor shows."""
    assert rel._penalty(np.array([0.0, 0.4] * 6 + [0.0])) == pytest.approx(2.25521, abs=1e-5)
    assert rel._penalty(np.array([0.5] * 20)) == pytest.approx(0.05 * math.log(20), abs=1e-12)
