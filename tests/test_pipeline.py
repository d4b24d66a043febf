"""The ingest job end to end: dedup by content, near-duplicates, idempotence, resumability."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from harness import kill_after

from dyad import api
from dyad.pipeline import article_id, minhash
from dyad.settings import Settings
from dyad.store.db import Store

pytestmark = pytest.mark.slow

TOPICS = [
    ("Islamabad", "Kabul", "border trade", "the Torkham crossing"),
    ("Washington", "New Delhi", "defence purchases", "a helicopter contract"),
    ("Beijing", "Islamabad", "a power plant", "the Gwadar port"),
    ("Moscow", "Tehran", "grain shipments", "the Caspian route"),
    ("Ankara", "Doha", "an airport deal", "new flight rights"),
    ("Tokyo", "Seoul", "export controls", "chip materials"),
]
VERBS = ["discussed", "reviewed", "debated", "examined", "assessed", "studied", "weighed", "considered"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _story(i: int) -> str:
    """A distinct short news story: every number and pairing changes the shingles."""
    a, b, topic, detail = TOPICS[i % len(TOPICS)]
    verb = VERBS[(i // len(TOPICS)) % len(VERBS)]
    day = DAYS[i % len(DAYS)]
    return (
        f"Officials from {a} and {b} {verb} {topic} on {day}, meeting number {i} of the year.\n"
        f"The delegations, led by deputy minister number {i * 7 % 97}, spent {i % 9 + 2} hours on "
        f"{detail} and agreed to publish a joint statement within {i % 5 + 1} weeks.\n"
        f"Analysts in {b} said the round was the {i}th such meeting and called it {verb} in tone."
    )


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_pipeline_article_id_ignores_case_and_spacing():
    assert article_id("Hello  World") == article_id("hello world")
    assert article_id("Hello world") != article_id("Hello there")


def test_pipeline_minhash_similar_texts_are_close():
    s = _story(3)
    near = minhash(s + " Reporting by the desk.", 128).jaccard(minhash(s, 128))
    far = minhash(_story(4), 128).jaccard(minhash(s, 128))
    assert near > 0.8 > far


def test_pipeline_dedup_exact_and_near(tmp_path, db_path):
    base = _story(1)
    rows = [
        {"id": "orig", "text": base, "date": "2019-07-22", "source": "Wire A"},
        {"id": "copy", "text": base.replace("  ", " "), "date": "2019-07-22", "source": "Wire A"},
        {
            "id": "synd",
            "text": base + "\nReporting by the sample desk; editing by a colleague.",
            "date": "2019-07-23",
            "source": "Paper B",
        },
        {"id": "other", "text": _story(2), "date": "2019-07-23"},
    ]
    corpus = _write_jsonl(tmp_path / "c.jsonl", rows)
    summary = api.ingest([str(corpus)], db=db_path)
    assert (summary.stored, summary.exact_duplicates, summary.near_duplicates) == (3, 1, 1)
    arts = {a["id"]: a for a in api.articles(db_path)}
    synd = next(a for a in arts.values() if a["source"] == "Paper B")
    orig = next(a for a in arts.values() if a["source"] == "Wire A")
    assert synd["duplicate_of"] == orig["id"]
    with Store(db_path, read_only=True) as store:
        assert store.counts()["exact_duplicates"] == 1


def test_pipeline_idempotent(tmp_path, db_path):
    corpus = _write_jsonl(tmp_path / "c.jsonl", [{"id": str(i), "text": _story(i)} for i in range(5)] + [{"id": "bad"}])
    first = api.ingest([str(corpus)], db=db_path)
    with Store(db_path, read_only=True) as store:
        before = store.dump()
    second = api.ingest([str(corpus)], db=db_path)
    with Store(db_path, read_only=True) as store:
        assert store.dump() == before
    assert (first.stored, second.stored, second.already_stored) == (5, 0, 5)


def test_pipeline_rejects_reported_and_batch_continues(tmp_path, db_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good = _write_jsonl(folder / "good.jsonl", [{"id": "g", "text": _story(9)}])
    (folder / "bad.bin").write_bytes(b"\x00\x01\x02\xff" * 50)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    summary = api.ingest([str(folder)], db=db_path)
    assert summary.stored == 1
    assert sum(summary.rejected.values()) == 2
    with Store(db_path, read_only=True) as store:
        assert {r.origin.rsplit("/", 1)[-1] for r in store.rejects()} == {"bad.bin", "empty.txt"}
    assert good.exists()


def test_pipeline_sentences_map_to_raw(tmp_path, db_path):
    text = "Pakistan\u2019s envoy met Afghan officials on Monday.  They agreed to meet again.\nA second paragraph follows here."
    _write_jsonl(tmp_path / "c.jsonl", [{"id": "x", "text": text}])
    api.ingest([str(tmp_path / "c.jsonl")], db=db_path)
    art = api.show("x", db=db_path)
    assert [s["paragraph"] for s in art["sentences"]] == [0, 0, 1]
    for s in art["sentences"]:
        assert art["text"][s["start"] : s["end"]] == s["text"]
        raw = text[s["raw_start"] : s["raw_end"]]
        assert raw.replace("\u2019", "'") == s["text"]


def _ingest_cmd(corpus: Path, db: str) -> list[str]:
    return [sys.executable, "-m", "dyad.cli.main", "ingest", str(corpus), "--db", db, "-v"]


def test_pipeline_resumes_after_sigkill(tmp_path):
    corpus = _write_jsonl(
        tmp_path / "c.jsonl", [{"id": str(i), "text": _story(i), "date": "2020-01-01"} for i in range(60)]
    )
    env = {**os.environ, "DYAD_COMMIT_EVERY": "4"}
    full_db, killed_db = str(tmp_path / "full.duckdb"), str(tmp_path / "killed.duckdb")
    subprocess.run(_ingest_cmd(corpus, full_db), env=env, check=True, capture_output=True)

    proc = subprocess.Popen(_ingest_cmd(corpus, killed_db), env=env, stderr=subprocess.PIPE, text=True)
    assert kill_after(proc, "committed", 3, seconds=120) >= 3  # a few batches committed, then SIGKILL
    with Store(killed_db) as store:
        partial = store.counts()["articles"]
    assert 0 < partial < 60

    subprocess.run(_ingest_cmd(corpus, killed_db), env=env, check=True, capture_output=True)
    with Store(full_db, read_only=True) as a, Store(killed_db, read_only=True) as b:
        assert a.dump() == b.dump()
        assert a.counts()["articles"] == 60


def test_pipeline_settings_from_env(monkeypatch):
    monkeypatch.setenv("DYAD_COMMIT_EVERY", "5")
    monkeypatch.setenv("DYAD_NEAR_DUP_THRESHOLD", "0.9")
    s = Settings.from_env(db="x.duckdb")
    assert (s.commit_every, s.near_dup_threshold, s.db) == (5, 0.9, "x.duckdb")


def test_pipeline_sample_corpus_dedups_syndicated_copies(db_path):
    """The bundled sample: 30+ dated articles; its two wire copies point at their originals."""
    summary = api.ingest([api.sample_corpus_path()], db=db_path)
    assert summary.stored >= 30 and not summary.rejected
    arts = {a["id"]: a for a in api.articles(db_path)}
    by_doc = {}
    with Store(db_path, read_only=True) as store:
        for s in store.articles():
            by_doc[s.article.doc_id] = s.article
    assert all(a.date and a.title and a.source for a in by_doc.values())
    assert by_doc["sample-018"].duplicate_of == by_doc["sample-017"].id
    assert by_doc["sample-042"].duplicate_of == by_doc["sample-041"].id
    assert sum(1 for a in arts.values() if a["duplicate_of"]) == 2


def test_pipeline_undated_article_takes_its_latest_embedded_post_date():
    from dyad.pipeline import article_date
    from dyad.records import CleanText, Quote, RawDocument

    clean = CleanText(
        raw="x",
        text="x",
        offsets=(0,),
        quotes=(Quote("a", date="2019-07-24"), Quote("b", date="2019-07-27"), Quote("c")),
    )
    assert article_date(RawDocument("f.txt", "txt", "x"), clean) == "2019-07-27"
    assert article_date(RawDocument("f.txt", "txt", "x", date="2019-08-01"), clean) == "2019-08-01"
    assert article_date(RawDocument("f.txt", "txt", "x"), CleanText(raw="x", text="x", offsets=(0,))) is None
