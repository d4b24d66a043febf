"""Where a scenario stands: its conditions and consequences matched against the asserted\nand negated events that followed it, and scenarios kept in and read from the store."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from dyad.records import Event, EventPattern, Evidence, Scenario, ScenarioState, country_key


def matches(pattern: EventPattern, event: Event) -> bool:
    """Same actors up to role (country level; None matches any) and the same CAMEO root."""
    if not pattern.cameo or pattern.cameo[:2] != event.cameo_root:
        return False
    for want, ref in ((pattern.source, event.source), (pattern.target, event.target)):
        if want is None:
            continue
        if ref is None or country_key(ref.code, from_code=True) != country_key(want, from_code=True):
            return False
    return True


def _both_actors(p: EventPattern) -> bool:
    """Contradiction is a strong claim: only a pattern naming both actors can be contradicted."""
    return p.source is not None and p.target is not None


def track(scenario: Scenario, events: Iterable[Event]) -> ScenarioState:
    """Where ``scenario`` stands given ``events`` (any order; those before it are ignored)."""
    met: dict[int, str] = {}
    observed: dict[int, str] = {}
    contradicted: list[str] = []
    for e in events:
        if e.doc_id == scenario.doc_id or (scenario.date and (e.date or "") <= scenario.date):
            continue
        if e.modality not in ("asserted", "negated"):
            continue  # hypothetical, future and desired mentions move nothing
        happened = e.modality == "asserted"
        for k, p in enumerate(scenario.conditions):
            if matches(p, e):
                if happened and not p.negated:
                    met.setdefault(k, e.event_id)
                elif happened and p.negated and _both_actors(p):
                    contradicted.append(e.event_id)
        for k, p in enumerate(scenario.consequences):
            if matches(p, e):
                if happened != p.negated:
                    observed.setdefault(k, e.event_id)
                elif _both_actors(p):
                    contradicted.append(e.event_id)
    codable = [k for k, p in enumerate(scenario.conditions) if p.cameo and not p.negated]
    if contradicted:
        status = "contradicted"
    elif observed:
        status = "consequence observed"
    elif codable and all(k in met for k in codable):
        status = "conditions met"
    elif met:
        status = "conditions partly met"
    else:
        status = "open"
    evidence = list(dict.fromkeys(list(met.values()) + list(observed.values()) + contradicted))
    return ScenarioState(
        scenario.id,
        status,
        tuple(sorted(met)),
        tuple(sorted(observed)),
        tuple(dict.fromkeys(contradicted)),
        tuple(evidence),
    )


def _pattern_dicts(patterns: Sequence[EventPattern]) -> str:
    return json.dumps([p.as_dict() for p in patterns], ensure_ascii=False)


def _patterns_from(data: str) -> tuple[EventPattern, ...]:
    return tuple(EventPattern(**d) for d in json.loads(data))


def save(store, scenarios: Iterable[Scenario], doc_ids: Iterable[str] = ()) -> int:
    """Write scenarios; those of ``doc_ids`` are replaced first, so re-coding never duplicates."""
    from dyad.store.db import key_table

    rows = [
        [
            s.id,
            s.doc_id,
            s.text,
            _pattern_dicts(s.conditions),
            _pattern_dicts(s.consequences),
            s.hedge,
            s.stated_by,
            s.date,
            list(s.sentence_ids),
            json.dumps([e.as_dict() for e in s.evidence]),
        ]
        for s in scenarios
    ]
    recoded = key_table(doc_ids)
    with store.transaction() as con:
        if recoded.num_rows:
            con.execute("DELETE FROM scenarios WHERE doc_id IN (SELECT k FROM recoded)")
        if rows:
            con.executemany("INSERT OR REPLACE INTO scenarios VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    return len(rows)


def load(store, dyad: tuple[str, str] | None = None) -> list[Scenario]:
    """Stored scenarios in date order; with ``dyad``, those whose patterns involve both actors
    (country level, either direction)."""
    rows = store.con.execute(
        "SELECT id, doc_id, text, conditions, consequences, hedge, stated_by, CAST(date AS VARCHAR), "
        "sentence_ids, evidence FROM scenarios ORDER BY date NULLS LAST, id"
    ).fetchall()
    out = []
    for sid, doc, text, conds, cons, hedge, by, date, sids, ev in rows:
        s = Scenario(
            id=sid,
            doc_id=doc,
            text=text,
            conditions=_patterns_from(conds),
            consequences=_patterns_from(cons),
            hedge=hedge,
            stated_by=by,
            date=date,
            sentence_ids=tuple(sids),
            evidence=tuple(Evidence(**e) for e in json.loads(ev)),
        )
        if dyad is None or _involves(s, dyad):
            out.append(s)
    return out


def _involves(s: Scenario, dyad: tuple[str, str]) -> bool:
    want = {country_key(dyad[0].upper(), from_code=True), country_key(dyad[1].upper(), from_code=True)}
    seen = {country_key(c, from_code=True) for p in s.conditions + s.consequences for c in (p.source, p.target) if c}
    return want <= seen


def states(store, scenarios: Sequence[Scenario]) -> list[ScenarioState]:
    """Each scenario's state against the store's asserted and negated mentions."""
    if not scenarios:
        return []
    from dyad.store.reads import read_mentions

    later = [e for e in read_mentions(store) if e.modality in ("asserted", "negated")]
    return [track(s, later) for s in scenarios]


def watch(store, dyad: tuple[str, str] | None = None) -> list[tuple[Scenario, str | None, ScenarioState]]:
    """Scenarios whose status changed since the last look, with the status seen then; the
    new statuses are remembered for the next look."""
    scenarios = load(store, dyad)
    now = states(store, scenarios)
    before = dict(store.con.execute("SELECT scenario_id, status FROM scenario_watch").fetchall())
    changed = [(s, before.get(s.id), st) for s, st in zip(scenarios, now) if before.get(s.id) != st.status]
    with store.transaction() as con:
        for _, _, st in changed:
            con.execute(
                "INSERT OR REPLACE INTO scenario_watch VALUES (?, ?, ?, current_timestamp)",
                [st.scenario_id, st.status, list(st.evidence_events)],
            )
    return changed


def scenario_dict(s: Scenario, state: ScenarioState | None = None) -> dict:
    """The ``dyad scenarios --format json`` object."""
    return {
        "id": s.id,
        "doc_id": s.doc_id,
        "text": s.text,
        "conditions": [p.as_dict() for p in s.conditions],
        "consequences": [p.as_dict() for p in s.consequences],
        "hedge": s.hedge,
        "stated_by": s.stated_by,
        "date": s.date,
        "status": state.status if state else "open",
        "evidence_events": list(state.evidence_events) if state else [],
    }
