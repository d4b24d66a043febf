"""``dyad code`` and ``dyad eval`` as commands (mounted here on a bare typer app)."""

from __future__ import annotations

import csv
import io
import json

import pytest
import typer
from typer.testing import CliRunner

from dyad.cli.code import CSV_COLUMNS, code_command, eval_command

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def app():
    a = typer.Typer()
    a.command("code")(code_command)
    a.command("eval")(eval_command)
    return a


def test_cli_code_stdin_jsonl(app):
    r = CliRunner().invoke(app, ["code"], input="Pakistan arrested Hafiz Saeed on Monday.\n")
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    assert any(row["cameo"] == "173" for row in rows)
    from dyad.records import Event

    assert set(rows[0]) == set(Event.__dataclass_fields__)


def test_cli_code_jsonl_file_to_csv(app, tmp_path):
    src = tmp_path / "docs.jsonl"
    src.write_text(
        json.dumps({"id": "a1", "text": "Iran threatened to attack Israel.", "date": "2019-07-31"})
        + "\n"
        + json.dumps({"id": "a2", "text": "Stocks fell.", "date": None})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "events.csv"
    r = CliRunner().invoke(app, ["code", str(src), "-o", str(out), "--format", "csv", "--asserted"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows and tuple(rows[0]) == CSV_COLUMNS
    assert {row["doc_id"] for row in rows} == {"a1"}
    assert all(row["modality"] == "asserted" for row in rows)


def test_cli_code_plain_text_file_takes_its_name(app, tmp_path):
    p = tmp_path / "story.txt"
    p.write_text("Pakistani police arrested Hafiz Saeed in Lahore on Wednesday.\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["code", str(p)])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    assert rows and all(row["date"] is None for row in rows)


def test_cli_code_keeps_events_and_scenarios_in_the_store(app, tmp_path):
    from dyad.store.db import Store
    from dyad.store.reads import counts

    src = tmp_path / "docs.jsonl"
    src.write_text(
        json.dumps(
            {
                "id": "s1",
                "date": "2019-07-30",
                "text": "If Pakistan arrests Hafiz Saeed, the United States will resume military aid "
                "to Pakistan. Pakistani police arrested two militants in Lahore.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "s.duckdb")
    for _ in range(2):  # coding the same input again adds nothing
        r = CliRunner().invoke(app, ["code", str(src), "--db", db, "-o", str(tmp_path / "e.jsonl")])
        assert r.exit_code == 0, r.output
    with Store(db) as store:
        assert counts(store)["mentions"] == len((tmp_path / "e.jsonl").read_text().splitlines())
        assert store.query("SELECT count(*) FROM scenarios")[1][0][0] == 1
        assert store.counts()["articles"] == 1


def test_cli_eval_json(app, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "id": "1",
                "text": "Iran threatened to attack Israel.",
                "date": None,
                "events": [{"source": None, "target": None, "code": "138", "plover": "THREATEN", "mode": None}],
                "labels": [],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.json"
    r = CliRunner().invoke(app, ["eval", str(gold), "--json", str(out)])
    assert r.exit_code == 0, r.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["records"] == 1 and report["root_accuracy"]["accuracy"] == 1.0


def test_cli_code_package_level_code_text():
    import dyad
    from dyad.records import Event

    events = dyad.code_text("Pakistani police arrested Hafiz Saeed in Lahore on Wednesday.", "2019-07-18")
    assert events and all(isinstance(e, Event) for e in events)
    assert any(e.cameo_root == "17" and e.date == "2019-07-17" for e in events)
