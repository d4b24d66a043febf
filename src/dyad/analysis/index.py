"""The net cooperation index, in one place.

For a set of events, the index is the Goldstein-weighted balance of cooperation and conflict:

    index = sum(sign(quad) * |goldstein|) / sum(|goldstein|)      (None when the sum is 0)

where sign is +1 for cooperation (quad class 1–2) and -1 for conflict (3–4). It runs from -1
(all conflict) to +1 (all cooperation). Every caller computes it from the two weights of
:func:`weights` (per event) summed over its groups, or from :func:`index_sql` in DuckDB; the
tests pin that both give the same number.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def signs(quad_class: Sequence[int] | np.ndarray) -> np.ndarray:
    """+1 for cooperation (quad 1–2), -1 for conflict (quad 3–4)."""
    return np.where(np.asarray(quad_class) <= 2, 1.0, -1.0)


def weights(
    quad_class: Sequence[int] | np.ndarray,
    goldstein: Sequence[float] | np.ndarray,
    scale: Sequence[float] | np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Each event's (numerator, denominator) weight: (sign × |goldstein|, |goldstein|), times
    ``scale`` (an event's share of an article, say) when given."""
    w = np.abs(np.asarray(goldstein, dtype=float))
    if scale is not None:
        w = w * np.asarray(scale, dtype=float)
    return signs(quad_class) * w, w


def ratio(num: float, den: float) -> float | None:
    """The index from summed weights; ``None`` when the events weigh nothing."""
    return None if den <= 0 else float(num / den)


def net_cooperation(
    quad_class: Sequence[int], goldstein: Sequence[float], scale: Sequence[float] | None = None
) -> float | None:
    """The net cooperation index of a set of events (``None`` when they all weigh nothing)."""
    num, den = weights(quad_class, goldstein, scale)
    return ratio(num.sum(), den.sum())


def grouped(
    groups: np.ndarray, n_groups: int, quad_class: np.ndarray, goldstein: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Summed (numerator, denominator) per group (``groups[i]`` in 0..n_groups-1 is event i's)."""
    num, den = weights(quad_class, goldstein)
    return (np.bincount(groups, weights=num, minlength=n_groups), np.bincount(groups, weights=den, minlength=n_groups))


def index_sql(cond: str = "TRUE") -> str:
    """DuckDB SQL for the index of the ``events`` rows meeting ``cond`` (NULL when they weigh
    nothing); ``cond`` is SQL written by dyad, never by a user."""
    w = f"(CASE WHEN {cond} THEN abs(goldstein) ELSE 0 END)"
    return f"CASE WHEN sum({w}) > 0 THEN sum(CASE WHEN quad_class <= 2 THEN {w} ELSE -{w} END) / sum({w}) END"
