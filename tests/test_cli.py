"""The command line, through typer's runner: every command documented and exercised."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dyad.cli.main import app

runner = CliRunner()

STORY = (
    "Pakistan's foreign minister met his Afghan counterpart in Kabul on Tuesday to discuss "
    "border crossings, trade and the refugees who still live in camps near Peshawar.\n"
    "Both sides agreed to meet again in Islamabad next month, officials said."
)


@pytest.mark.parametrize(
    "command",
    [
        "ingest",
        "articles",
        "show",
        "summary",
        "demo",
        "code",
        "eval",
        "scenarios",
        "export",
        "relations",
        "dyads",
        "network",
        "report",
        "sql",
        "scenarios watch",
        "actors resolve",
        "actors search",
        "actors import-petrarch",
    ],
)
def test_cli_help_has_example(command):
    result = runner.invoke(app, command.split() + ["--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


@pytest.mark.slow
def test_cli_ingest_articles_show(tmp_path, db_path):
    doc = tmp_path / "story.jsonl"
    doc.write_text(json.dumps({"id": "s1", "text": STORY, "date": "2019-03-05", "title": "Talks"}) + "\n")
    result = runner.invoke(app, ["ingest", str(doc), "--db", db_path])
    assert result.exit_code == 0, result.output
    assert "stored 1 articles" in result.output

    result = runner.invoke(app, ["articles", "--db", db_path, "--format", "jsonl"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 1
    assert set(rows[0]) == {"id", "title", "date", "url", "source", "text", "quotes", "n_sentences", "duplicate_of"}
    assert rows[0]["date"] == "2019-03-05" and rows[0]["n_sentences"] == 2

    result = runner.invoke(app, ["show", "s1", "--db", db_path])
    assert result.exit_code == 0
    assert "  1 Both sides agreed" in result.stdout


@pytest.mark.slow
def test_cli_ingest_stdin(db_path):
    result = runner.invoke(app, ["ingest", "-", "--db", db_path], input=json.dumps({"id": "in1", "text": STORY}) + "\n")
    assert result.exit_code == 0, result.output
    assert "stored 1 articles" in result.output


@pytest.mark.slow  # `ingest` loads the spaCy model before it reads anything
def test_cli_exit_code_nonzero_only_when_nothing_read(tmp_path, db_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00garbage\x00" * 20)
    result = runner.invoke(app, ["ingest", str(bad), "--db", db_path])
    assert result.exit_code == 1
    assert "rejected 1" in result.output


def test_cli_show_unknown_article(store_path):
    result = runner.invoke(app, ["show", "nope", "--db", store_path])
    assert result.exit_code == 1
    assert "no article" in result.output


def test_cli_missing_store_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["articles", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "run `dyad ingest` first" in result.output


@pytest.mark.slow
def test_cli_seed_article_is_one_clean_article(seed_path, db_path):
    result = runner.invoke(app, ["ingest", str(seed_path), "--db", db_path])
    assert result.exit_code == 0, result.output
    rows = [
        json.loads(x)
        for x in runner.invoke(app, ["articles", "--db", db_path, "--format", "jsonl"]).stdout.splitlines()
    ]
    assert len(rows) == 1
    art = rows[0]
    assert "Read more" not in art["text"]
    assert "Some goodwill gestures" in art["text"]
    assert "He tweets" not in art["text"] and "views expressed" not in art["text"]
    assert sorted(q["handle"] for q in art["quotes"]) == ["MichaelKugelman", "Shafqat_Mahmood", "StateDeptPM"]
    assert art["text"].count("can likely only go so far") == 1
    assert art["text"].count("Khan's visit cemented") == 1


@pytest.mark.slow
def test_cli_demo_writes_the_report_that_renders(tmp_path, monkeypatch):
    """The README's main command: the sample corpus coded, the USA-PAK report written here,
    and the page renders in headless Chromium with its chart, events and scenarios."""
    import shutil
    import subprocess

    from lxml import html as lhtml

    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "dyad-demo.duckdb").exists()
    assert "near-duplicates" in result.output and "scenarios" in result.output
    page = tmp_path / "dyad-demo-USA-PAK.html"
    assert str(page.resolve()) in result.stdout
    chromium = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
    if chromium is None:
        pytest.skip("no headless Chromium installed")
    done = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-dev-shm-usage",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    dom = lhtml.fromstring(done.stdout)
    chart = dom.xpath('//figure[@id="chart-index"]/*[local-name()="svg"]')
    assert chart and chart[0].xpath('.//*[local-name()="path"]')
    rows = dom.xpath('//table[@id="event-table"]/tbody/tr')
    assert len(rows) >= 10
    assert any("Pakistan" in r.text_content() for r in rows)
    assert dom.xpath('//section[@id="scenarios"]//table/tbody/tr')
