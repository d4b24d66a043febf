"""CAMEO event codes and the CAMEO -> PLOVER crosswalk, loaded from ``dyad/data/cameo``.

The tables are facts carried from the CAMEO codebook and the 2021 CAMEO2PLOVER crosswalk by
``scripts/build_ontology.py``; see ``data/cameo/README.md`` for the columns.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from dyad.errors import DataFileError
from dyad.records import Plover, Record
from dyad.settings import data_path

PENTACLASS = (
    ("01-02", "01", "02"),
    ("03-05", "03", "05"),
    ("06-08", "06", "08"),
    ("09-13", "09", "13"),
    ("14-20", "14", "20"),
)


@dataclass(frozen=True)
class CameoCode(Record):
    """One CAMEO event code: ``code`` as written ("042", "1731"), its two-digit ``root``."""

    code: str
    root: str
    level: int
    name: str
    goldstein: float
    goldstein_gdelt: float
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict


def _rows(name: str) -> list[dict[str, str]]:
    path = data_path("cameo", name)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh, delimiter="\t"))
    except OSError as exc:
        raise DataFileError(f"cannot read ontology file {path}: {exc}") from exc


@functools.lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """All CAMEO event codes, keyed by code."""
    table = {}
    for row in _rows("event_codes.tsv"):
        try:
            table[row["code"]] = CameoCode(
                code=row["code"],
                root=row["root"],
                level=int(row["level"]),
                name=row["name"],
                goldstein=float(row["goldstein"]),
                goldstein_gdelt=float(row["goldstein_gdelt"]),
                quad_class=int(row["quad_class"]),
            )
        except (KeyError, ValueError) as exc:
            raise DataFileError(f"bad row in event_codes.tsv: {row}") from exc
    return table


@functools.lru_cache(maxsize=1)
def _crosswalk() -> dict[str, Plover]:
    return {
        row["cameo"]: Plover(event=row["event"] or None, mode=row["mode"] or None, context=row["context"] or None)
        for row in _rows("plover.tsv")
    }


def is_code(code: str) -> bool:
    return code in cameo_table()


def cameo(code: str) -> CameoCode:
    """The CAMEO entry for ``code``; raises ``KeyError`` for codes CAMEO does not define."""
    try:
        return cameo_table()[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO event code {code!r}") from None


def root_of(code: str) -> str:
    return code[:2]


def parent(code: str) -> str | None:
    """The next more general code: 0231 -> 023 -> 02; None for a root."""
    if len(code) <= 2:
        return None
    return code[:-1] if len(code) == 4 else code[:2]


def plover_for(code: str) -> Plover:
    """PLOVER event/mode/context for a CAMEO code, falling back to the nearest parent code."""
    cross = _crosswalk()
    c: str | None = code
    while c is not None:
        if c in cross:
            return cross[c]
        c = parent(c)
    return Plover(event=None, mode=None, context=None)


def pentaclass(root: str) -> str:
    """The five-way class of a CAMEO root: 01-02, 03-05, 06-08, 09-13, 14-20."""
    for label, lo, hi in PENTACLASS:
        if lo <= root[:2] <= hi:
            return label
    raise KeyError(f"not a CAMEO root: {root!r}")
