"""The cooperation index: one formula, the same number from numpy and from DuckDB."""

import duckdb
import numpy as np
import pytest

from dyad.analysis.index import grouped, index_sql, net_cooperation, ratio, weights


def test_index_of_cooperation_and_conflict():
    assert net_cooperation([1, 2], [3.0, 7.0]) == 1.0
    assert net_cooperation([3, 4], [-2.0, -10.0]) == -1.0
    # weights are |goldstein|: one +3.4 cooperation against one -10 attack
    assert net_cooperation([1, 4], [3.4, -10.0]) == pytest.approx((3.4 - 10.0) / 13.4)
    assert net_cooperation([1, 3], [0.0, 0.0]) is None
    assert net_cooperation([], []) is None


def test_index_scale_weights_each_event():
    # an event shared by two articles counts half in each
    assert net_cooperation([1, 4], [4.0, -4.0], scale=[1.0, 0.5]) == pytest.approx(2 / 6)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_index_numpy_and_sql_agree(seed):
    rng = np.random.default_rng(seed)
    n = 200
    quad = rng.integers(1, 5, n)
    gold = np.round(rng.uniform(-10, 10, n), 1)
    group = rng.integers(0, 7, n)
    con = duckdb.connect()
    con.execute("CREATE TABLE events (quad_class INTEGER, goldstein DOUBLE, g INTEGER)")
    con.executemany(
        "INSERT INTO events VALUES (?, ?, ?)", [(int(q), float(x), int(k)) for q, x, k in zip(quad, gold, group)]
    )
    whole = con.execute(f"SELECT {index_sql()} FROM events").fetchone()[0]
    assert whole == pytest.approx(net_cooperation(quad, gold))
    by_sql = dict(con.execute(f"SELECT g, {index_sql()} FROM events GROUP BY g").fetchall())
    num, den = grouped(group, 7, quad, gold)
    for k in range(7):
        assert by_sql[k] == pytest.approx(ratio(num[k], den[k]))
        assert by_sql[k] == pytest.approx(net_cooperation(quad[group == k], gold[group == k]))
    conflict_only = con.execute(f"SELECT {index_sql('quad_class >= 3')} FROM events").fetchone()[0]
    assert conflict_only == -1.0


def test_index_weights_are_signed_and_absolute():
    num, den = weights([1, 2, 3, 4], [2.0, -1.0, -3.0, 5.0])
    assert list(num) == [2.0, 1.0, -3.0, -5.0]
    assert list(den) == [2.0, 1.0, 3.0, 5.0]
