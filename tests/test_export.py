"""Every export format, read back: GDELT 2.0 rows by their own column names, PLOVER, Parquet."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest
from test_events import mention

from dyad.analysis import export as ex
from dyad.records import ActorRef, Article, Sentence
from dyad.store import events as ev
from dyad.store import reads
from dyad.store.db import Store


@pytest.fixture()
def store(store_path):
    with Store(store_path) as s:
        art = Article(
            id="a1",
            origin="a1.txt",
            kind="txt",
            raw="x",
            text="x",
            title="F-16 support",
            date="2019-07-29",
            url="https://news.invalid/a1",
            source="Wire",
            doc_id=None,
        )
        s.add_articles([(art, [Sentence("a1", 0, "x", 0, 1, 0, 1, 0)], None)])
        ev.add_events(
            s,
            [
                mention(
                    "m1",
                    doc="a1",
                    date="2019-07-26",
                    sentence_id="a1:0",
                    source=ActorRef("Washington\tDC", "USAGOVMIL", "USA"),
                    target=ActorRef("Pakistan", "PAK", "PAK"),
                ),
                mention("m2", doc="a1", date="2019-07-29", sentence_id="a1:5", cameo="071"),
                mention(
                    "m3",
                    doc="a2",
                    date="2019-08-14",
                    cameo="010",
                    source=ActorRef("Islamabad", "PAKGOV", "PAK"),
                    target=ActorRef("United States", "USA", "USA"),
                ),
                mention(
                    "m4",
                    doc="a2",
                    date="2020-01-03",
                    cameo="1712",
                    source=ActorRef("Islamabad", "PAKGOV", "PAK"),
                    target=ActorRef("India", "IND", "IND"),
                ),
            ],
        )
        yield s


def test_export_gdelt_layout_reads_back(store, tmp_path):
    path = tmp_path / "events.tsv"
    assert ex.export(store, "gdelt", path) == 3
    con = duckdb.connect()
    rows = con.execute(
        "SELECT * FROM read_csv(?, delim='\t', header=false, quote='', columns=?, all_varchar=true) ORDER BY Day",
        [str(path), dict.fromkeys(ex.GDELT_COLUMNS, "VARCHAR")],
    ).fetchall()
    cols = [d[0] for d in con.description]
    assert cols == list(ex.GDELT_COLUMNS) and len(cols) == 61
    rows = [[v or "" for v in r] for r in rows]  # DuckDB reads an empty field as NULL
    first = dict(zip(cols, rows[0]))
    assert first["Day"] == "20190726" and first["MonthYear"] == "201907" and first["Year"] == "2019"
    assert first["FractionDate"] == f"{2019 + (7 * 30 + 26) / 365:.4f}"
    assert (first["Actor1Code"], first["Actor1Name"], first["Actor1CountryCode"]) == (
        "USAGOVMIL",
        "WASHINGTON DC",
        "USA",
    )
    assert (first["Actor1Type1Code"], first["Actor1Type2Code"]) == ("GOV", "MIL")
    assert (first["Actor2Code"], first["Actor2CountryCode"], first["Actor2Type1Code"]) == ("PAK", "PAK", "")
    assert (first["EventCode"], first["EventBaseCode"], first["EventRootCode"]) == ("072", "072", "07")
    assert first["QuadClass"] == "2" and float(first["GoldsteinScale"]) == 8.3
    assert (first["NumMentions"], first["NumSources"], first["NumArticles"]) == ("2", "1", "1")
    assert first["IsRootEvent"] == "1"  # a1:0 is in the lead paragraph
    assert first["SOURCEURL"] == "https://news.invalid/a1"
    assert len(first["DATEADDED"]) == 14 and first["Actor1Geo_Type"] == "0"
    assert int(first["GlobalEventID"]) > 0
    by_code = {r[cols.index("EventCode")]: dict(zip(cols, r)) for r in rows}
    assert by_code["010"]["SOURCEURL"] == "a2"  # no URL stored for a2: its id
    assert by_code["1712"]["GoldsteinScale"] == "-9.2"


def test_export_gdelt_header_and_stream(store):
    buf = io.StringIO()
    ex.export(store, "gdelt", buf, header=True)
    lines = buf.getvalue().splitlines()
    assert lines[0].split("\t") == list(ex.GDELT_COLUMNS)
    assert all(len(line.split("\t")) == 61 for line in lines)


def test_export_plover_records(store):
    buf = io.StringIO()
    n = ex.export(store, "plover", buf)
    recs = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert n == len(recs) == 2  # the 010 statement has no PLOVER event
    aid = next(r for r in recs if r["event"] == ["AID"])
    assert {
        "id",
        "date",
        "source",
        "recipient",
        "event",
        "quad_code",
        "event_scale",
        "event_text",
        "text",
        "text_info",
        "cite_info",
        "coder",
        "has_event",
    } <= set(aid)
    assert aid["source"] == [{"code": "USA", "sector": "GOVMIL", "actor_text": "Washington\tDC"}]
    assert aid["recipient"] == [{"code": "PAK", "actor_text": "Pakistan"}]
    assert aid["date"] == "2019-07-26" and aid["enddate"] == "2019-07-29"
    assert "mode" not in aid and aid["context"] == ["military"]
    assert aid["num_mentions"] == 2 and len(aid["mentions"]) == 2
    assert aid["text_info"] == {"sequence": 0, "start": 25, "end": 29}


def test_export_jsonl_has_every_mention(store):
    buf = io.StringIO()
    ex.export(store, "jsonl", buf, where=reads.EventFilter(source="USA", target="PAK"))
    (rec,) = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert rec["num_mentions"] == 2
    assert [m["event_id"] for m in rec["mentions"]] == ["m1", "m2"]
    assert rec["mentions"][0]["evidence"] == {"text": "fund", "start": 25, "end": 29}


def test_export_csv(store):
    buf = io.StringIO()
    assert ex.export(store, "csv", buf) == 3
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert {r["cameo"] for r in rows} == {"072", "010", "1712"}
    assert rows[0]["article_ids"] == "a1"


def test_export_parquet_partitioned(store, tmp_path):
    out = tmp_path / "pq"
    assert ex.export(store, "parquet", out) == 3
    parts = sorted(p.relative_to(out).parent.as_posix() for p in out.rglob("*.parquet"))
    assert "events/year=2019/month=7" in parts and "events/year=2020/month=1" in parts
    assert "mentions/year=2019/month=7" in parts
    con = duckdb.connect()
    got = con.execute(
        "SELECT cameo, num_mentions, year, month FROM read_parquet(?, hive_partitioning=true) ORDER BY date",
        [str(out / "events" / "**" / "*.parquet")],
    ).fetchall()
    assert got == [("072", 2, 2019, 7), ("010", 1, 2019, 8), ("1712", 1, 2020, 1)]
    n_mentions = con.execute("SELECT count(*) FROM read_parquet(?)", [str(out / "mentions" / "**" / "*.parquet")])
    assert n_mentions.fetchone()[0] == 4
    with pytest.raises(Exception):  # never writes into a non-empty folder
        ex.export(store, "parquet", out)


def test_export_unknown_format(store):
    with pytest.raises(Exception, match="unknown export format"):
        ex.export(store, "xml", io.StringIO())


def test_export_cli(store_path, tmp_path):
    from typer.testing import CliRunner

    from dyad.cli.main import app

    with Store(store_path) as s:
        ev.add_events(
            s,
            [
                mention("m1"),
                mention("m2", source=ActorRef("Islamabad", "PAKGOV", "PAK"), target=ActorRef("India", "IND", "IND")),
            ],
        )
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--format", "gdelt", "--db", store_path, "--actor", "USA", "--actor", "PAK"])
    assert result.exit_code == 0, result.output
    (row,) = result.stdout.splitlines()
    assert len(row.split("\t")) == 61 and "\tUSAGOV\t" in row
    result = runner.invoke(app, ["export", "--format", "parquet", "--db", store_path])
    assert result.exit_code == 1 and "--out" in result.output
    result = runner.invoke(app, ["export", "--format", "parquet", "--db", store_path, "--out", str(tmp_path / "pq")])
    assert result.exit_code == 0 and list((tmp_path / "pq" / "events").rglob("*.parquet"))
