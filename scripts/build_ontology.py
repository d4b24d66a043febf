"""Build dyad's CAMEO/PLOVER data files from the shared ontology facts.

Reads ``cameo_event_codes.jsonl``, ``CAMEO2PLOVER-2021.txt`` and ``plover_event_modes.csv``
from the shared ontology folder and writes, under ``src/dyad/data/cameo/``:

- ``event_codes.tsv``  code, root, level, name, goldstein, goldstein_gdelt, quad_class
- ``plover.tsv``       cameo, event, mode, context, origin
- ``plover_modes.tsv`` event, mode (the PLOVER event/mode inventory)

Only facts are carried (codes, short names, values, crosswalk cells); descriptions and
usage notes stay in the shared folder. Codes the 2021 crosswalk leaves out (the 01 and 02
cue categories) get rows with ``origin=dyad``: 01 has no PLOVER event, 02 maps to
REQUEST with the mode of the matching 10 code.

Usage: python scripts/build_ontology.py [SHARED_ONTOLOGY_DIR]
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dyad" / "data" / "cameo"

# 02x appeals and 10x demands differ in force, not in what is asked for: PLOVER codes
# both as REQUEST. The 02 code -> the 10 code whose mode/context it shares.
APPEAL_AS_DEMAND = {
    "02": "10",
    "020": "100",
    "021": "101",
    "0211": "1011",
    "0212": "1012",
    "0213": "1013",
    "0214": "1014",
    "022": "102",
    "023": "103",
    "0231": "1031",
    "0232": "1032",
    "0233": "1033",
    "0234": "1034",
    "024": "104",
    "0241": "1041",
    "0242": "1042",
    "0243": "1043",
    "0244": "1044",
    "025": "105",
    "0251": "1051",
    "0252": "1052",
    "0253": "1053",
    "0254": "1054",
    "0255": "1055",
    "0256": "1056",
    "026": "106",
    "027": "107",
    "028": "108",
}


def _cell(text: str) -> str:
    return " ".join(text.split())


def read_crosswalk(path: Path) -> dict[str, tuple[str, str, str]]:
    rows: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        code, rest = m.groups()
        body = rest.split("#", 1)[0]
        parts = [_cell(p) for p in body.split(",")]
        if len(parts) == 1:  # a cue-category header such as "03: AGREE"
            event, mode, context = parts[0], "", ""
        else:
            parts += [""] * (3 - len(parts))
            event, mode, context = parts[0], parts[1], ",".join(parts[2:]).strip(", ")
        context = ";".join(c.strip() for c in context.replace(",", ";").split(";") if c.strip())
        rows.setdefault(code, (event, mode, context))  # first row wins (08: CONCEDE)
    return rows


def main(shared: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    codes = [json.loads(line) for line in (shared / "cameo_event_codes.jsonl").open(encoding="utf-8")]
    with (OUT / "event_codes.tsv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("code\troot\tlevel\tname\tgoldstein\tgoldstein_gdelt\tquad_class\n")
        for r in codes:
            gdelt = r["goldstein_gdelt"] if r["goldstein_gdelt"] is not None else r["goldstein"]
            fh.write(
                f"{r['code']}\t{r['root']}\t{r['level']}\t{_cell(r['name'])}\t"
                f"{float(r['goldstein']):g}\t{float(gdelt):g}\t{r['quad_class']}\n"
            )

    cross = read_crosswalk(shared / "CAMEO2PLOVER-2021.txt")
    rows = {code: (*cell, "crosswalk-2021") for code, cell in cross.items()}
    for r in codes:
        code = r["code"]
        if code in rows:
            continue
        if code.startswith("01"):
            rows[code] = ("", "", "", "dyad")
        elif code in APPEAL_AS_DEMAND:
            event, mode, context = cross.get(APPEAL_AS_DEMAND[code], ("REQUEST", "", ""))
            rows[code] = (event, mode, context, "dyad")
    with (OUT / "plover.tsv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("cameo\tevent\tmode\tcontext\torigin\n")
        for code in sorted(rows, key=lambda c: (c[:2], c)):
            fh.write(code + "\t" + "\t".join(rows[code]) + "\n")

    with (shared / "plover_event_modes.csv").open(encoding="utf-8") as fh:
        pairs = sorted({(_cell(r["event"]), _cell(r["mode"])) for r in csv.DictReader(fh)})
    with (OUT / "plover_modes.tsv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("event\tmode\n")
        for event, mode in pairs:
            fh.write(f"{event}\t{mode}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "ontology")
