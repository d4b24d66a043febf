"""Score the actor resolver on the PLOVER gold records' actor annotations.

Each record of ``plover_gold_records.jsonl`` lists its source and target actors in
``meta.source`` / ``meta.target`` as ``{"actorText", "code", "sector"}``. For each actor this
resolves ``actorText`` on the record's date and measures

* country accuracy: the country slot of our code (``PAK`` of ``PAKGOV``; ``IGO``, ``NGO``) is
  the gold ``code``;
* country+role accuracy: that, and our first role equals the gold ``sector`` (none when the
  gold has none). Gold sectors marked ``***`` (not annotated) are left out of this measure.

Sectors are compared at the level of CAMEO's primary agent codes: INS, SEP and RAD count as
REB (they are REB's sub-codes in CAMEO's agent table), CIV as CVL, and the gold's JRN
(journalists) as MED; lower-case suffixes (``CVLalb``: an ethnic group) are dropped.

    python scripts/eval_actors.py [--gold ../shared/dev/plover_gold_records.jsonl] [--misses 30]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from dyad.actors.resolver import Resolver

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "dev" / "plover_gold_records.jsonl"
SAME_AS = {"INS": "REB", "SEP": "REB", "RAD": "REB", "CIV": "CVL", "JRN": "MED"}


def norm_sector(sector: str | None) -> str | None:
    """Gold sector -> a primary CAMEO role code, ``""`` for none, ``None`` for not annotated."""
    if sector is None or sector == "":
        return ""
    if sector.startswith("*"):
        return None
    head = sector[:3].upper()
    return SAME_AS.get(head, head)


def actors(records: list[dict]):
    """(record id, date, actorText, gold code, gold sector) for every annotated actor."""
    for rec in records:
        meta = rec.get("meta") or {}
        for side in ("source", "target"):
            for actor in meta.get(side) or []:
                if isinstance(actor, dict) and actor.get("actorText") and actor.get("code"):
                    yield rec["id"], rec.get("date"), actor["actorText"], actor["code"], actor.get("sector")


def score(records: list[dict], resolver: Resolver) -> dict:
    """Counts and accuracies; ``misses`` lists what went wrong, for reading, not for tuning."""
    n = country_ok = role_n = role_ok = unresolved = 0
    by_kind: Counter = Counter()
    misses = []
    for rec_id, date, text, gold_code, gold_sector in actors(records):
        match = resolver.resolve(text, date)
        n += 1
        ours_country = match.code[:3] if match.code else None
        c_ok = ours_country == gold_code[:3]
        country_ok += c_ok
        unresolved += match.code is None
        gold_role = norm_sector(gold_sector)
        kind = "with role" if gold_role else ("no role" if gold_role == "" else "role not annotated")
        by_kind[(kind, "n")] += 1
        by_kind[(kind, "country")] += c_ok
        r_ok = None
        if gold_role is not None:
            ours_role = match.roles[0] if match.roles else ""
            r_ok = c_ok and SAME_AS.get(ours_role, ours_role) == gold_role
            role_n += 1
            role_ok += r_ok
            by_kind[(kind, "role")] += r_ok
        if not c_ok or r_ok is False:
            misses.append(
                {
                    "id": rec_id,
                    "text": text,
                    "gold": gold_code + (gold_sector or ""),
                    "ours": match.code,
                    "why": match.why,
                }
            )
    return {
        "actors": n,
        "country_correct": country_ok,
        "country_accuracy": country_ok / n if n else 0.0,
        "role_scored": role_n,
        "country_role_correct": role_ok,
        "country_role_accuracy": role_ok / role_n if role_n else 0.0,
        "unresolved": unresolved,
        "by_kind": {f"{k[0]}/{k[1]}": v for k, v in sorted(by_kind.items())},
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--misses", type=int, default=0, help="print this many misses")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)
    if not args.gold.exists():
        print(f"gold file not found: {args.gold}", file=sys.stderr)
        return 2
    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = score(records, Resolver())
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if k != "misses"}, indent=2))
        return 0
    print(f"PLOVER gold actors: {args.gold.name}\n")
    print(f"{'measure':32} {'correct':>8} {'of':>6} {'accuracy':>9}")
    print(f"{'country':32} {result['country_correct']:>8} {result['actors']:>6} {result['country_accuracy']:>9.1%}")
    print(
        f"{'country + role':32} {result['country_role_correct']:>8} {result['role_scored']:>6} "
        f"{result['country_role_accuracy']:>9.1%}"
    )
    for kind in ("with role", "no role", "role not annotated"):
        n = result["by_kind"].get(f"{kind}/n", 0)
        if not n:
            continue
        c = result["by_kind"].get(f"{kind}/country", 0)
        line = f"  gold {kind:25} country {c}/{n} ({c / n:.1%})"
        if kind != "role not annotated":
            r = result["by_kind"].get(f"{kind}/role", 0)
            line += f", country+role {r}/{n} ({r / n:.1%})"
        print(line)
    print(f"unresolved (code None): {result['unresolved']} of {result['actors']}")
    for miss in result["misses"][: args.misses]:
        print(f"  {miss['id']}: {miss['text']!r} gold {miss['gold']} ours {miss['ours']} | {miss['why']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
