"""Score the coder on real-news gold: exhaustive sentence sets (VOA/M2E2) and event windows (RAMS).

Both sets use other ontologies than CAMEO; each gold event carries ``type``, ``trigger``,
``args`` and the ``cameo_root``/``mapping`` its type maps to (``shared/dev/README.md``).

- **Exhaustive sets** (every sentence labelled, ``meta.exhaustive``): sentence-level
  precision, recall and F1 per class and micro-averaged over the classes in :data:`CLASSES`
  (MEET 04, PROTEST 14, ARREST 173, ATTACK 18–20). A coded attack on a sentence whose gold
  has a death (ACE's Life:Die), or a meeting on a sentence with a call, letter or journey, is
  not counted against the coder: ACE annotates those beside the event they come from.
- **Window sets** (one annotated event a window, no negatives): the share of clearly mapped
  events whose CAMEO root is among the roots coded in the trigger sentence.
- For both, of the gold events found: the share whose coded source or target overlaps a
  gold doer/target argument (agent, attacker, target, person, entity, victim …).

Which modalities count is a parameter: ACE and RAMS annotate events whatever their modality
(a planned meeting is a Contact:Meet), so ``modalities=None`` (all) is the headline and
``{"asserted"}`` is reported beside it.

Each set is split by article into a part to tune on and a part only to measure
(:func:`part_of`); the split is a hash of the article key, so it never changes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.errors import InputError
from dyad.evaluate.gold import PRF, code_texts, read_records
from dyad.records import Event

# class name -> test on a coded CAMEO code
CLASSES: dict[str, Callable[[str], bool]] = {
    "MEET": lambda c: c[:2] == "04",
    "PROTEST": lambda c: c[:2] == "14",
    "ARREST": lambda c: c[:3] == "173",
    "ATTACK": lambda c: c[:2] in ("18", "19", "20"),
}
# ACE type -> class
ACE_CLASS = {
    "Contact:Meet": "MEET",
    "Conflict:Demonstrate": "PROTEST",
    "Justice:Arrest-Jail": "ARREST",
    "Conflict:Attack": "ATTACK",
}
# a predicted class is no error on a sentence holding one of these gold types
EXCUSED = {"ATTACK": {"Life:Die"}, "MEET": {"Contact:Phone-Write", "Movement:Transport"}}
ARG_ROLES = frozenset(
    {
        "agent",
        "attacker",
        "target",
        "person",
        "entity",
        "victim",
        "defendant",
        "giver",
        "recipient",
        "beneficiary",
        "communicator",
        "participant",
        "jailer",
        "detainee",
        "demonstrator",
        "otherparticipant",
        "preventer",
        "investigator",
        "killer",
    }
)
PARTS = ("tune", "measure", "all", "tune/0", "tune/1")


@dataclass(frozen=True)
class NewsEvent:
    type: str
    trigger: str
    args: dict
    cameo_root: str | None
    mapping: str


@dataclass(frozen=True)
class NewsRecord:
    id: str
    text: str
    date: str | None
    events: tuple[NewsEvent, ...]
    article: str  # the article key the split is made on
    exhaustive: bool
    sentences: tuple[str, ...]  # the window's sentences (windows only)
    trigger_sentence: int | None


def is_news_gold(path: str | Path) -> bool:
    """True when the gold file's events carry ACE/AIDA ``type`` labels."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n > 200:
                break
            if line.strip():
                d = json.loads(line)
                if any("type" in e for e in d.get("events") or ()):
                    return True
    return False


def article_key(d: dict) -> str:
    meta = d.get("meta") or {}
    return str(meta.get("doc_id") or meta.get("source_url") or d["id"])


def part_of(article: str) -> str:
    """``tune`` or ``measure``: half the articles each, by a stable hash of the article key."""
    return "tune" if int(hashlib.sha256(article.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "measure"


def fold_of(article: str) -> int:
    """Fold 0 or 1 of a tune-part article: the training script cross-fits on these."""
    return int(hashlib.sha256(("fold:" + article).encode("utf-8")).hexdigest()[:8], 16) % 2


def _news_record(d: dict) -> NewsRecord:
    meta = d.get("meta") or {}
    events = tuple(
        NewsEvent(
            str(e["type"]),
            str(e.get("trigger") or ""),
            dict(e.get("args") or {}),
            e.get("cameo_root"),
            str(e.get("mapping") or "none"),
        )
        for e in d.get("events") or ()
    )
    return NewsRecord(
        str(d["id"]),
        d["text"],
        d.get("date"),
        events,
        article_key(d),
        bool(meta.get("exhaustive")),
        tuple(meta.get("sentences") or ()),
        meta.get("trigger_sentence"),
    )


def read_news_gold(path: str | Path, part: str = "all") -> list[NewsRecord]:
    if part not in PARTS:
        raise InputError(f"part must be one of {', '.join(PARTS)}, not {part!r}")
    records = read_records(path, _news_record, "news gold record")
    if part == "all":
        return records
    half, _, fold = part.partition("/")
    return [r for r in records if part_of(r.article) == half and (not fold or str(fold_of(r.article)) == fold)]


@dataclass
class NewsReport:
    gold: str
    part: str
    records: int
    articles: int
    modalities: str
    per_class: dict[str, PRF] = field(default_factory=dict)
    micro: PRF | None = None
    window_found: int = 0
    window_total: int = 0
    window_per_root: dict[str, list[int]] = field(default_factory=dict)
    args_found: int = 0
    args_total: int = 0
    predicted_events: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def window_recall(self) -> float:
        return self.window_found / self.window_total if self.window_total else 0.0

    @property
    def args_overlap(self) -> float:
        return self.args_found / self.args_total if self.args_total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "part": self.part,
            "records": self.records,
            "articles": self.articles,
            "modalities": self.modalities,
            "predicted_events": self.predicted_events,
            "per_class": {k: v.as_dict() for k, v in self.per_class.items()},
            "micro": self.micro.as_dict() if self.micro else None,
            "clear_root_recall": {
                "found": self.window_found,
                "total": self.window_total,
                "recall": round(self.window_recall, 4),
                "per_root": self.window_per_root,
            }
            if self.window_total
            else None,
            "argument_overlap": {
                "found": self.args_found,
                "total": self.args_total,
                "share": round(self.args_overlap, 4),
            },
        }


def code_news(records: Sequence[NewsRecord], coder) -> list[list[Event]]:
    """Code each record as its own article; a window's sentences are kept apart as paragraphs."""
    return code_texts([(r.id, "\n\n".join(r.sentences) if r.sentences else r.text, r.date) for r in records], coder)


def score_news(
    records: Sequence[NewsRecord],
    predictions: Sequence[Sequence[Event]],
    gold: str,
    part: str = "all",
    modalities: Iterable[str] | None = None,
) -> NewsReport:
    keep = set(modalities) if modalities is not None else None
    rep = NewsReport(
        gold=gold,
        part=part,
        records=len(records),
        articles=len({r.article for r in records}),
        modalities="all" if keep is None else ",".join(sorted(keep)),
    )
    per_class = {c: PRF() for c in CLASSES}
    for rec, events in zip(records, predictions):
        events = [e for e in events if keep is None or e.modality in keep]
        rep.predicted_events += len(events)
        if rec.exhaustive:
            _score_sentence(rec, events, per_class, rep)
        else:
            _score_window(rec, events, rep)
    if any(r.exhaustive for r in records):
        rep.per_class = per_class
        rep.micro = PRF()
        for v in per_class.values():
            rep.micro.add(v)
    return rep


def _classes(events: Iterable[Event]) -> dict[str, list[Event]]:
    out: dict[str, list[Event]] = {}
    for e in events:
        for name, test in CLASSES.items():
            if test(e.cameo):
                out.setdefault(name, []).append(e)
    return out


def _score_sentence(rec: NewsRecord, events: list[Event], per_class: dict[str, PRF], rep: NewsReport) -> None:
    gold_types = {e.type for e in rec.events}
    gold = {ACE_CLASS[t] for t in gold_types if t in ACE_CLASS}
    pred = _classes(events)
    wrong = False
    for name in CLASSES:
        if name in gold and name in pred:
            per_class[name].tp += 1
            for g in rec.events:
                if ACE_CLASS.get(g.type) == name:
                    rep.args_total += 1
                    rep.args_found += _args_overlap(g, pred[name])
        elif name in gold:
            per_class[name].fn += 1
            wrong = True
        elif name in pred and not (EXCUSED.get(name, set()) & gold_types):
            per_class[name].fp += 1
            wrong = True
    if wrong:
        rep.errors.append(_error(rec, events))


def _score_window(rec: NewsRecord, events: list[Event], rep: NewsReport) -> None:
    trig = rec.sentences[rec.trigger_sentence] if rec.sentences and rec.trigger_sentence is not None else rec.text
    here = [e for e in events if _same_sentence(e.sentence, trig)]
    for g in rec.events:
        if g.mapping != "clear" or not g.cameo_root:
            continue
        rep.window_total += 1
        hit = [e for e in here if e.cameo_root == g.cameo_root]
        counts = rep.window_per_root.setdefault(g.cameo_root, [0, 0])
        counts[1] += 1
        if hit:
            rep.window_found += 1
            counts[0] += 1
            rep.args_total += 1
            rep.args_found += _args_overlap(g, hit)
        else:
            rep.errors.append(_error(rec, here, trig))


def _same_sentence(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a) and bool(b) and (a in b or b in a)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def _words(s: str) -> set[str]:
    return {w for w in re.findall(r"\w+", s.lower()) if len(w) > 1 and w not in _STOP}


_STOP = frozenset(
    {
        "the",
        "of",
        "and",
        "in",
        "on",
        "at",
        "to",
        "a",
        "an",
        "his",
        "her",
        "its",
        "their",
        "for",
        "by",
        "with",
        "from",
        "s",
    }
)


def _args_overlap(g: NewsEvent, events: list[Event]) -> bool:
    gold_words = [_words(v) for k, v in g.args.items() if k.lower() in ARG_ROLES and isinstance(v, str)]
    gold_words = [w for w in gold_words if w]
    if not gold_words:
        return False
    for e in events:
        for ref in (e.source, e.target):
            if ref is None or not ref.text:
                continue
            mine = _words(ref.text)
            if any(mine & w for w in gold_words):
                return True
    return False


def _error(rec: NewsRecord, events: list[Event], sentence: str | None = None) -> dict[str, Any]:
    return {
        "id": rec.id,
        "text": sentence or rec.text,
        "gold": [
            {"type": g.type, "trigger": g.trigger, "cameo_root": g.cameo_root, "mapping": g.mapping} for g in rec.events
        ],
        "predicted": [
            {
                "code": e.cameo,
                "source": e.source.text if e.source else None,
                "target": e.target.text if e.target else None,
                "modality": e.modality,
                "trigger": e.evidence.text,
            }
            for e in events
        ],
    }


def evaluate_news(
    gold_path: str | Path, coder, part: str = "all", limit: int | None = None
) -> tuple[NewsReport, NewsReport]:
    """Score ``coder`` on a news gold file: (all modalities, asserted only)."""
    records = read_news_gold(gold_path, part)[:limit]
    predictions = code_news(records, coder)
    return (
        score_news(records, predictions, str(gold_path), part),
        score_news(records, predictions, str(gold_path), part, {"asserted"}),
    )


def render_news(reports: Sequence[NewsReport]):
    from rich.console import Group
    from rich.table import Table

    parts = []
    for rep in reports:
        t = Table(
            title=f"{Path(rep.gold).name} [{rep.part}]: {rep.records} records, "
            f"{rep.articles} articles; modalities: {rep.modalities}; "
            f"{rep.predicted_events} events coded"
        )
        t.add_column("measure")
        for col in ("P", "R", "F1", "n"):
            t.add_column(col, justify="right")
        if rep.micro is not None:
            for name, v in [*rep.per_class.items(), ("micro", rep.micro)]:
                t.add_row(
                    f"sentences: {name}", f"{v.precision:.3f}", f"{v.recall:.3f}", f"{v.f1:.3f}", str(v.tp + v.fn)
                )
        if rep.window_total:
            t.add_row(
                "clearly mapped root in trigger sentence", "", f"{rep.window_recall:.3f}", "", str(rep.window_total)
            )
        if rep.args_total:
            t.add_row(
                "found events whose actors overlap gold args", "", f"{rep.args_overlap:.3f}", "", str(rep.args_total)
            )
        parts.append(t)
    return Group(*parts)
