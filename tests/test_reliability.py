"""Nothing stops a batch: the reliability suite (scripts/reliability.py) over every class of
bad input, a ``dyad code --db`` run killed mid-way, and a disk that fills up."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import reliability  # noqa: E402
from harness import kill_after, tmpfs  # noqa: E402

DYAD = [sys.executable, "-m", "dyad.cli.main"]


@pytest.mark.slow
def test_every_bad_input_is_stored_or_rejected_and_nothing_crashes(tmp_path: Path, capsys) -> None:
    outcomes = reliability.run_suite(tmp_path, workers=2, timeout=300)
    table = reliability.render(outcomes)
    with capsys.disabled():  # the figures belong in CI's log, passing or not
        print("\n\nreliability suite (scripts/reliability.py): items per class of bad input\n" + table)
    (tmp_path / "reliability.txt").write_text(table + "\n", encoding="utf-8")
    assert {o.case.name for o in outcomes} == set(reliability.GENERATORS)
    for o in outcomes:
        assert o.lost == [], (o.case.name, o.lost)
        assert o.tracebacks == 0, o.case.name
        assert o.exit_code in (0, 1), (o.case.name, o.exit_code)
        assert o.stored + sum(o.rejected.values()) == len(o.case.items)
    by_name = {o.case.name: o for o in outcomes}
    # the good items among the bad are kept: a bad line never takes its file with it
    assert by_name["jsonl"].stored >= 5
    assert by_name["encoding"].stored >= 5 and by_name["encoding"].notes >= 1
    assert by_name["names"].stored == len(by_name["names"].case.items)
    assert by_name["dates"].stored == len(by_name["dates"].case.items)
    assert by_name["dates"].notes >= 6


def _story(n: int) -> str:
    return (
        f"Officials of country number {n} met their neighbours in the capital on Monday and "
        f"agreed to resume talks. Police arrested {n + 2} protesters near the border on Tuesday. "
        f"The foreign minister visited Kabul on Wednesday, a spokesman for delegation {n} said."
    )


def _events(db: str) -> list[tuple]:
    con = duckdb.connect(db, read_only=True)
    try:
        mentions = con.execute(
            "SELECT event_id, article_id, sentence_id, cameo, modality, source_code, target_code, "
            "evidence_start, evidence_end, event_key FROM mentions ORDER BY event_id"
        ).fetchall()
        events = con.execute(
            "SELECT event_key, cameo, modality, num_mentions, num_articles, date FROM events ORDER BY event_key"
        ).fetchall()
        scenarios = con.execute("SELECT id, doc_id FROM scenarios ORDER BY id").fetchall()
    finally:
        con.close()
    return [mentions, events, scenarios]


@pytest.mark.slow
def test_code_db_resumes_after_sigkill(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": str(i), "text": _story(i), "date": "2020-01-01"}) + "\n" for i in range(40)),
        encoding="utf-8",
    )
    env = {**os.environ, "DYAD_COMMIT_EVERY": "4"}
    full, killed = str(tmp_path / "full.duckdb"), str(tmp_path / "killed.duckdb")
    cmd = [*DYAD, "code", str(corpus), "-o", os.devnull, "-v", "--db"]
    subprocess.run([*cmd, full], env=env, check=True, capture_output=True)

    proc = subprocess.Popen([*cmd, killed], env=env, stderr=subprocess.PIPE, text=True)
    assert kill_after(proc, "events:", 3) >= 3  # a few batches of events committed, then SIGKILL
    partial = _events(killed)
    assert 0 < len(partial[0]) < len(_events(full)[0])

    done = subprocess.run([*cmd, killed], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert _events(killed) == _events(full)


@pytest.mark.slow
def test_full_disk_gives_one_line_and_keeps_committed_articles(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", "3m") as disk:
        corpus = tmp_path / "c.jsonl"
        corpus.write_text(
            "".join(json.dumps({"id": str(i), "text": _story(i) * 6}) + "\n" for i in range(400)), encoding="utf-8"
        )
        db = str(disk / "full.duckdb")
        env = {**os.environ, "DYAD_COMMIT_EVERY": "8"}
        run = subprocess.run(
            [*DYAD, "ingest", str(corpus), "--db", db], env=env, capture_output=True, text=True, timeout=600
        )
        assert run.returncode != 0
        assert "Traceback" not in run.stderr
        errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and "disk full" in errors[0], run.stderr
        # what was committed before the disk filled is intact and readable
        shutil.copy(db, tmp_path / "copy.duckdb")
        wal = Path(db + ".wal")
        if wal.exists():
            shutil.copy(wal, tmp_path / "copy.duckdb.wal")
        con = duckdb.connect(str(tmp_path / "copy.duckdb"))
        try:
            n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            bad = con.execute(
                "SELECT count(*) FROM articles a WHERE n_sentences <> "
                "(SELECT count(*) FROM sentences s WHERE s.article_id = a.id)"
            ).fetchone()[0]
        finally:
            con.close()
        assert n > 0 and bad == 0
