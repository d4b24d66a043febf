"""Score the coder against gold files (format: ``shared/dev/README.md``).

One JSON object a line: ``id``, ``text``, ``date``, ``events`` (``source``, ``target``,
``code``, ``plover``, ``mode``; ``null`` = not annotated) and ``labels``. What is scored
depends on what the gold holds:

- **events**: precision, recall and F1 of (source, target, code) triples, at country+root
  level (``PAKGOV`` ~ ``PAK``, ``0231`` ~ ``02``) and exactly; overall and per root; and of
  (source, target) dyads whatever the code. A gold field that is ``null`` matches anything.
  Only asserted events are counted.
- **codes**: the sets of codes per record, ignoring actors (exact and root level), and the
  root accuracy of the record's primary event (the most confident asserted one).
- **labels**: pentaclass accuracy (``01-02``, ``03-05``, ``06-08``, ``09-13``, ``14-20``) of
  the primary event, of any modality when none is asserted.
- **plover**: accuracy of the primary event's PLOVER type. Gold may use the crosswalk's 2021
  names or later ones; a prediction counts in either (REQUEST→DEMAND, ACCUSE→DISAPPROVE or
  INVESTIGATE, ASSAULT in roots 19–20→FIGHT).
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from dyad.errors import InputError
from dyad.ontology import pentaclass
from dyad.records import CleanText, Event

log = logging.getLogger(__name__)

PLOVER_LATER = {"REQUEST": "DEMAND"}


def plover_later(event: str | None, root: str) -> str | None:
    """The later PLOVER name for a crosswalk-2021 event type of a CAMEO root."""
    if event is None:
        return None
    if event == "ACCUSE":
        return "INVESTIGATE" if root == "09" else "DISAPPROVE"
    if event == "ASSAULT" and root in ("19", "20"):
        return "FIGHT"
    return PLOVER_LATER.get(event, event)


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0
    covered: int = 0  # records where the coder predicted anything

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "covered": self.covered, "accuracy": round(self.value, 4)}


@dataclass
class EvalReport:
    """Scores of one gold file; sections are ``None`` when the gold has nothing to score."""

    gold: str
    records: int
    events_country_root: PRF | None = None
    events_exact: PRF | None = None
    dyads: PRF | None = None  # (source, target) at country level, whatever the code
    per_root: dict[str, PRF] = field(default_factory=dict)
    codes_exact: PRF | None = None
    codes_root: PRF | None = None
    root_accuracy: Accuracy | None = None
    root_any: Accuracy | None = None
    pentaclass: Accuracy | None = None
    plover: Accuracy | None = None
    predicted_events: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"gold": self.gold, "records": self.records, "predicted_events": self.predicted_events}
        for name in (
            "events_country_root",
            "events_exact",
            "dyads",
            "codes_exact",
            "codes_root",
            "root_accuracy",
            "root_any",
            "pentaclass",
            "plover",
        ):
            value = getattr(self, name)
            out[name] = value.as_dict() if value is not None else None
        out["per_root"] = {k: v.as_dict() for k, v in sorted(self.per_root.items())}
        return out


@dataclass(frozen=True)
class GoldEvent:
    source: str | None
    target: str | None
    code: str | None
    plover: str | None


@dataclass(frozen=True)
class GoldRecord:
    id: str
    text: str
    date: str | None
    events: tuple[GoldEvent, ...]
    labels: tuple[str, ...]
    meta: dict


T = TypeVar("T")


def read_records(path: str | Path, make: Callable[[dict], T], what: str = "gold record") -> list[T]:
    """``make`` applied to every JSON line of a gold file; a line it cannot read is an
    InputError naming the file and line."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                out.append(make(json.loads(line)))
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{n}: not a {what} ({exc})") from exc
    return out


def _gold_record(d: dict) -> GoldRecord:
    events = tuple(
        GoldEvent(e.get("source"), e.get("target"), e.get("code"), e.get("plover")) for e in d.get("events") or ()
    )
    return GoldRecord(str(d["id"]), d["text"], d.get("date"), events, tuple(d.get("labels") or ()), d.get("meta") or {})


def read_gold(path: str | Path) -> list[GoldRecord]:
    return read_records(path, _gold_record)


def _actor_key(code: str | None, exact: bool) -> str | None:
    if code is None or code == "":
        return None
    return code if exact else code[:3]


def _matches(g: GoldEvent, p: Event, exact: bool, codes: bool = True) -> bool:
    if codes and g.code is not None and ((exact and p.cameo != g.code) or (not exact and p.cameo[:2] != g.code[:2])):
        return False
    for gold, ref in ((g.source, p.source), (g.target, p.target)):
        if gold is None:
            continue
        if _actor_key(gold, exact) != _actor_key(ref.code if ref else None, exact):
            return False
    return True


def _score(gold: Sequence[GoldEvent], pred: Sequence[Event], exact: bool, codes: bool = True) -> tuple[PRF, list]:
    used: set[int] = set()
    pairs = []
    for g in gold:
        for j, p in enumerate(pred):
            if j not in used and _matches(g, p, exact, codes):
                used.add(j)
                pairs.append((g, p))
                break
    tp = len(pairs)
    return PRF(tp, len(pred) - tp, len(gold) - tp), pairs


def primary(events: Sequence[Event]) -> Event | None:
    """The record's main event: the most confident asserted one (else any)."""
    pool = [e for e in events if e.modality == "asserted"] or list(events)
    if not pool:
        return None
    return max(pool, key=lambda e: (e.confidence, -e.evidence.start))


def code_records(records: Sequence[GoldRecord], coder, batch_size: int = 64) -> list[list[Event]]:
    """Parse all records in batches and code each as its own document."""
    return code_texts([(r.id, r.text, r.date) for r in records], coder)


def code_texts(items: Sequence[tuple[str, str, str | None]], coder) -> list[list[Event]]:
    """Code each (id, text, date) as its own article; lines of a text are paragraphs."""
    from dyad.coding import light_clean
    from dyad.nlp.parse import Parser

    parser = Parser(coder.settings)
    # ids are not always unique in gold files: key documents by position
    docs = ((f"{n}:{doc_id}", _clean(light_clean(text))) for n, (doc_id, text, _) in enumerate(items))
    out = []
    # gold texts are scored whole: no time budget
    for (_, sentences), (doc_id, _, date) in zip(parser.parse_many(docs, budget=0), items):
        out.append(list(coder.code_sentences(sentences, doc_id, date)))
    return out


def _clean(text: str) -> CleanText:
    """A text that needs no cleaning, as the parse stage takes it (offsets are the identity)."""
    return CleanText.identity(text)


def evaluate(gold_path: str | Path, coder, limit: int | None = None) -> EvalReport:
    """Score ``coder`` (a :class:`dyad.coding.Coder`) on a gold file."""
    records = read_gold(gold_path)[:limit]
    predictions = code_records(records, coder)
    return score(records, predictions, str(gold_path))


def score(records: Sequence[GoldRecord], predictions: Sequence[Sequence[Event]], gold: str) -> EvalReport:
    rep = EvalReport(gold=gold, records=len(records))
    has_events = any(e.source or e.target for r in records for e in r.events)
    has_codes = any(e.code for r in records for e in r.events)
    has_labels = any(r.labels for r in records)
    has_plover = any(e.plover for r in records for e in r.events)
    if has_events:
        rep.events_country_root, rep.events_exact, rep.dyads = PRF(), PRF(), PRF()
    if has_codes:
        rep.codes_exact, rep.codes_root = PRF(), PRF()
        rep.root_accuracy, rep.root_any = Accuracy(), Accuracy()
    if has_labels:
        rep.pentaclass = Accuracy()
    if has_plover:
        rep.plover = Accuracy()
    per_root: dict[str, PRF] = defaultdict(PRF)
    for rec, events in zip(records, predictions):
        asserted = [e for e in events if e.modality == "asserted"]
        rep.predicted_events += len(asserted)
        main = primary(events)
        wrong = False
        if has_events and (rec.events or not rec.labels):
            wrong |= _score_triples(rep, rec, asserted, per_root)
        if has_codes and any(g.code for g in rec.events):
            wrong |= _score_codes(rep, rec, asserted)
        if has_labels and rec.labels:
            wrong |= _score_pentaclass(rep, rec, main)
        if has_plover and any(g.plover for g in rec.events):
            wrong |= _score_plover(rep, rec, main)
        if wrong:
            rep.errors.append(
                {
                    "id": rec.id,
                    "text": rec.text,
                    "gold": [g.__dict__ for g in rec.events] or list(rec.labels),
                    "predicted": [_brief(e) for e in events],
                }
            )
    rep.per_root = dict(per_root)
    return rep


def _score_triples(rep: EvalReport, rec: GoldRecord, asserted: list[Event], per_root: dict[str, PRF]) -> bool:
    """(source, target, code) triples of one record; True when it has an error."""
    # events without any actor code (an unnamed doer, a bare "the war") are no dyad: the
    # triple scores (source, target, code) count the events that have one
    dyadic = [e for e in asserted if (e.source and e.source.code) or (e.target and e.target.code)]
    gold = list(rec.events)
    # score() sets these sections whenever the gold has events, the only case calling this
    assert rep.events_country_root is not None and rep.events_exact is not None and rep.dyads is not None
    prf, pairs = _score(gold, dyadic, exact=False)
    rep.events_country_root.add(prf)
    rep.events_exact.add(_score(gold, dyadic, exact=True)[0])
    rep.dyads.add(_score(gold, dyadic, exact=False, codes=False)[0])
    matched = {id(p) for _, p in pairs}
    for g, _ in pairs:
        per_root[(g.code or "??")[:2]].tp += 1
    for g in gold:
        if not any(g is gg for gg, _ in pairs):
            per_root[(g.code or "??")[:2]].fn += 1
    for p in dyadic:
        if id(p) not in matched:
            per_root[p.cameo_root].fp += 1
    return bool(prf.fp or prf.fn)


def _score_codes(rep: EvalReport, rec: GoldRecord, asserted: list[Event]) -> bool:
    """Code sets and the primary event's root; True when the record has an error."""
    gold_codes = {g.code for g in rec.events if g.code}
    pred_codes = {e.cameo for e in asserted}
    # score() sets these sections whenever the gold has codes, the only case calling this
    assert rep.codes_exact is not None and rep.codes_root is not None
    assert rep.root_accuracy is not None and rep.root_any is not None
    rep.codes_exact.add(_set_prf(gold_codes, pred_codes))
    rep.codes_root.add(_set_prf({c[:2] for c in gold_codes}, {c[:2] for c in pred_codes}))
    roots = {c[:2] for c in gold_codes}
    rep.root_accuracy.total += 1
    rep.root_any.total += 1
    main_asserted = primary(asserted) if asserted else None
    if main_asserted is None:
        return True
    rep.root_accuracy.covered += 1
    rep.root_any.covered += 1
    ok = main_asserted.cameo_root in roots
    rep.root_accuracy.correct += ok
    rep.root_any.correct += bool(roots & {e.cameo_root for e in asserted})
    return not ok


def _score_pentaclass(rep: EvalReport, rec: GoldRecord, main: Event | None) -> bool:
    assert rep.pentaclass is not None  # set by score() whenever the gold has labels
    rep.pentaclass.total += 1
    if main is None:
        return True
    rep.pentaclass.covered += 1
    ok = pentaclass(main.cameo_root) in rec.labels
    rep.pentaclass.correct += ok
    return not ok


def _score_plover(rep: EvalReport, rec: GoldRecord, main: Event | None) -> bool:
    gold_pl = {g.plover for g in rec.events if g.plover}
    assert rep.plover is not None  # set by score() whenever the gold has PLOVER labels
    rep.plover.total += 1
    if main is None:
        return True
    rep.plover.covered += 1
    # gold in either naming: the crosswalk's 2021 names or the later ones
    ok = bool({main.plover.event, plover_later(main.plover.event, main.cameo_root)} & gold_pl)
    rep.plover.correct += ok
    return not ok


def _brief(e: Event) -> dict[str, Any]:
    return {
        "code": e.cameo,
        "source": e.source.code if e.source else None,
        "target": e.target.code if e.target else None,
        "modality": e.modality,
        "trigger": e.evidence.text,
        "confidence": e.confidence,
    }


def _set_prf(gold: set[str], pred: set[str]) -> PRF:
    tp = len(gold & pred)
    return PRF(tp, len(pred - gold), len(gold - pred))


# ---- coders for particular gold sets -------------------------------------------------------


def petrarch_coder(dictionary_dir: str | Path, settings=None, **kw):
    """A coder whose actors include PETRARCH's validation dictionaries (fictional states)."""
    from dyad.actors import resolver as actors
    from dyad.coding import Coder

    d = Path(dictionary_dir)
    importer = getattr(actors, "import_petrarch", None)
    if importer is None:
        raise InputError("dyad.actors.resolver has no import_petrarch(); cannot read PETRARCH actors")
    found = {p.name.lower(): p for p in d.glob("*.txt")}
    actor_file = next((p for n, p in found.items() if "actors" in n), None)
    agent_file = next((p for n, p in found.items() if "agents" in n), None)
    entries = importer(actor_file, agent_file)
    base = actors.load_kb(tuple(settings.actor_files) if settings else ())
    kb = actors.ActorKB(list(base.entries.values()) + list(entries))
    return Coder(settings=settings, resolver=actors.Resolver(kb=kb, settings=settings), **kw)


def find_petrarch_dictionaries(gold_path: str | Path) -> Path | None:
    """``dictionaries/petrarch`` beside the gold file's folder (the shared layout)."""
    p = Path(gold_path).resolve()
    for base in (p.parent, p.parent.parent):
        cand = base / "dictionaries" / "petrarch"
        if cand.is_dir():
            return cand
    return None


def is_petrarch_gold(records: Iterable[GoldRecord]) -> bool:
    return any("category" in r.meta and r.id.startswith("petr") for r in records)


# ---- rendering -----------------------------------------------------------------------------


def render(report: EvalReport):
    """A rich renderable (tables) of a report."""
    from rich.console import Group
    from rich.table import Table

    head = Table(
        title=f"{Path(report.gold).name}: {report.records} records, {report.predicted_events} asserted events predicted"
    )
    head.add_column("measure")
    for col in ("P", "R", "F1", "acc", "n"):
        head.add_column(col, justify="right")
    for name, label in (
        ("events_country_root", "events (country+root)"),
        ("events_exact", "events (exact)"),
        ("dyads", "dyads (country, any code)"),
        ("codes_root", "code sets (root)"),
        ("codes_exact", "code sets (exact)"),
    ):
        v = getattr(report, name)
        if v is not None:
            head.add_row(label, f"{v.precision:.3f}", f"{v.recall:.3f}", f"{v.f1:.3f}", "", str(v.tp + v.fn))
    for name, label in (
        ("root_accuracy", "primary event root"),
        ("root_any", "gold root among predicted"),
        ("pentaclass", "pentaclass"),
        ("plover", "PLOVER event"),
    ):
        v = getattr(report, name)
        if v is not None:
            head.add_row(label, "", "", "", f"{v.value:.3f}", f"{v.total} ({v.covered} coded)")
    parts = [head]
    if report.per_root:
        roots = Table(title="per root (events, country+root)")
        roots.add_column("root")
        for col in ("tp", "fp", "fn", "P", "R", "F1"):
            roots.add_column(col, justify="right")
        for root, v in sorted(report.per_root.items()):
            roots.add_row(root, str(v.tp), str(v.fp), str(v.fn), f"{v.precision:.2f}", f"{v.recall:.2f}", f"{v.f1:.2f}")
        parts.append(roots)
    return Group(*parts)
