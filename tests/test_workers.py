"""Parse-and-code workers: the same events and the same store whatever the number of processes."""

from __future__ import annotations

import json
import logging
import random
import re
from pathlib import Path

import pytest

from dyad import api
from dyad.pipeline import CodeRun
from dyad.settings import Settings, data_path
from dyad.store.db import Store

# columns written at the time of writing, not by the coder
_CLOCK_COLUMNS = {"seq", "coded_at", "added_at"}
_TABLES = ("articles", "quotes", "repeats", "sentences", "rejects", "exact_duplicates", "mentions", "events")
_TABLES += ("scenarios",)


def _corpus(path: Path, n: int = 40) -> Path:
    """``n`` distinct articles reshuffled from the bundled sample's sentences, then an exact
    duplicate, a near-duplicate (a line added) and an empty text, as ``dyad code`` reads them."""
    rng = random.Random(5)
    sentences = []
    for line in data_path("sample", "articles.jsonl").read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        sentences += [s for s in re.split(r"(?<=[.!?])\s+", text.replace("\n", " ")) if len(s) > 30]
    texts = [" ".join(rng.sample(sentences, k=rng.choice((1, 2, 6)))) for _ in range(n)]
    texts += [texts[3], texts[7] + "\nReporting by the desk; editing by the desk.", "tiny"]
    rows = [{"id": f"w{i}", "text": t, "date": f"2019-07-{10 + i % 20}"} for i, t in enumerate(texts)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _dump(db: Path) -> dict[str, list[str]]:
    with Store(db, read_only=True) as store:
        out = {}
        for table in _TABLES:
            cur = store.con.execute(f"SELECT * FROM {table}")
            cols = [d[0] for d in cur.description]
            out[table] = sorted(
                json.dumps({c: v for c, v in zip(cols, r) if c not in _CLOCK_COLUMNS}, default=str, sort_keys=True)
                for r in cur.fetchall()
            )
        out["ingest order"] = [r[0] for r in store.con.execute("SELECT id FROM articles ORDER BY seq").fetchall()]
    return out


@pytest.mark.slow
def test_workers_give_the_same_events_and_store_as_one_process(tmp_path, caplog):
    corpus = _corpus(tmp_path / "corpus.jsonl")
    results = {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.duckdb"
        settings = Settings.from_env().replace(workers=workers, chunk_size=4, commit_every=5)
        run = CodeRun()
        with caplog.at_level(logging.INFO, logger="dyad.workers"):
            caplog.clear()
            events = [e.as_dict() for e in api.code([str(corpus)], db=str(db), settings=settings, run=run)]
            pooled = any("worker processes" in r.getMessage() for r in caplog.records)
        assert pooled == (workers == 2)  # the pool ran only when asked for, and then it did
        assert run.ingest is not None
        results[workers] = (events, _dump(db), run.ingest.as_dict(), run.coded.as_dict())
    one, two = results[1], results[2]
    assert one[0] and one[0] == two[0]  # every event, in the same order
    assert one[1]["mentions"] and one[1] == two[1]
    assert one[2] == two[2] and one[2]["exact_duplicates"] == 1 and one[2]["near_duplicates"] == 1
    assert one[3] == two[3]


@pytest.mark.slow
def test_workers_recode_of_stored_inputs_matches(tmp_path):
    """Inputs coded into a store a second time are coded again from their stored parse."""
    corpus = _corpus(tmp_path / "corpus.jsonl", n=12)
    db = tmp_path / "again.duckdb"
    settings = Settings.from_env().replace(workers=2, chunk_size=3)
    first = [e.as_dict() for e in api.code([str(corpus)], db=str(db), settings=settings)]
    run = CodeRun()
    again = [e.as_dict() for e in api.code([str(corpus)], db=str(db), settings=settings, run=run)]
    assert first == again
    assert run.ingest is not None and run.ingest.stored == 0 and run.ingest.already_stored == 13


def test_workers_setting_reads_env_and_cores(monkeypatch):
    monkeypatch.setenv("DYAD_WORKERS", "3")
    assert Settings.from_env().worker_count() == 3
    monkeypatch.delenv("DYAD_WORKERS")
    assert Settings.from_env().worker_count() >= 1
    assert Settings(workers=0).worker_count() == Settings().worker_count()
