"""dyad.open: typed, keyword-only methods returning records; reads never write."""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb
import pytest
from test_events import mention

import dyad
from dyad.analysis.dyads import DyadRank, Network
from dyad.analysis.relations import Relations
from dyad.errors import StoreError
from dyad.records import ActorRef
from dyad.store.db import SCHEMA_VERSION, Store
from dyad.store.events import MergedEvent

README = Path(__file__).resolve().parents[1] / "README.md"
IND = ActorRef("India", "IND", "IND")


@pytest.fixture()
def db(tmp_path) -> dyad.Database:
    db = dyad.open(tmp_path / "t.duckdb")
    ms = [
        mention(f"m{i}", doc=f"a{i}", date=f"2019-0{1 + i % 6}-1{i % 9}", cameo=c)
        for i, c in enumerate(["042", "072", "112", "138", "057", "190", "036", "042"])
    ]
    ms.append(mention("m-ind", doc="a9", date="2019-03-03", cameo="112", target=IND))
    db.add_events(ms)
    return db


def test_database_reads_return_records(db):
    events = db.events(actors=["USA", "PAK"])
    assert events and all(isinstance(e, MergedEvent) for e in events)
    assert {(e.source_key, e.target_key) for e in events} == {("USA", "PAK")}
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert len(db.events(actors=["USA", "PAK"], limit=2)) == 2
    assert len(db.events(actors=["USA"])) == len(events) + 1  # the event with India too
    rel = db.relations("USA", "PAK", period="year", bootstrap=50)
    assert isinstance(rel, Relations)
    both = next(t for t in rel.totals if t.direction == "USA<->PAK")
    assert both.events == len(events)
    ranks = db.dyads()
    assert all(isinstance(r, DyadRank) for r in ranks) and (ranks[0].a, ranks[0].b) == ("PAK", "USA")
    net = db.network(["USA", "PAK", "IND"])
    assert isinstance(net, Network) and net.events[0][2] == 1  # USA -> IND
    assert db.counts()["events"] == len(events) + 1
    assert list(db.sql("SELECT count(*) FROM events").rows) == [(len(events) + 1,)]


def test_database_methods_are_keyword_only(db):
    with pytest.raises(TypeError):
        db.events(["USA", "PAK"])  # type: ignore[misc]
    with pytest.raises(TypeError):
        db.relations("USA", "PAK", "year")  # type: ignore[misc]


def test_database_read_of_missing_store_creates_nothing(tmp_path):
    path = tmp_path / "none.duckdb"
    with pytest.raises(StoreError, match="no store at"):
        dyad.open(path).events()
    assert not path.exists()
    with pytest.raises(StoreError):
        dyad.open(path, create=False)


def _make_older(path: str) -> None:
    """Turn a current store into one written before the last migration."""
    con = duckdb.connect(path)
    for index in ("events_event_key", "events_global_id", "mentions_event_key"):  # what migration 6 adds
        con.execute(f"DROP INDEX {index}")
    con.execute("DELETE FROM schema_migrations WHERE version = ?", [SCHEMA_VERSION])
    con.close()


def test_database_reads_never_migrate(db):
    _make_older(db.path)
    before = Path(db.path).stat().st_mtime_ns, Path(db.path).read_bytes()
    for read in (
        lambda: db.events(),
        lambda: db.relations("USA", "PAK"),
        lambda: db.dyads(),
        lambda: db.sql("SELECT 1"),
        lambda: dyad.api.relations("USA", "PAK", db=db.path),
    ):
        with pytest.raises(StoreError, match="migrate"):
            read()
    assert (Path(db.path).stat().st_mtime_ns, Path(db.path).read_bytes()) == before
    with Store(db.path, read_only=True) as store:
        assert store.schema_version() == SCHEMA_VERSION - 1
    assert db.migrate() == [SCHEMA_VERSION]
    assert db.migrate() == []
    assert db.events(actors=["USA", "PAK"])


@pytest.mark.slow  # loads the spaCy model
def test_code_text_honours_lexicon_files_from_the_environment(tmp_path, monkeypatch):
    text = "The envoy zorbled the minister in Islamabad on Monday."
    assert not [e for e in dyad.code_text(text, date="2019-07-22") if e.cameo == "042"]
    lex = tmp_path / "mine.lex"
    lex.write_text("verb zorble | | 042\n", encoding="utf-8")
    monkeypatch.setenv("DYAD_LEXICON_FILES", str(lex))
    assert [e for e in dyad.code_text(text, date="2019-07-22") if e.cameo == "042"]


def test_one_version():
    import tomllib

    project = tomllib.loads((README.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" in project.get("dynamic", ())
    from importlib.metadata import version

    assert version("dyad") == dyad.__version__


@pytest.mark.slow
def test_readme_python_example_runs(tmp_path, monkeypatch):
    block = re.search(r"## Python API\n.*?```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert block and "dyad.open(" in block.group(1)
    monkeypatch.chdir(tmp_path)
    for var in [v for v in os.environ if v.startswith("DYAD_")]:
        monkeypatch.delenv(var)
    scope: dict = {}
    exec(compile(block.group(1), str(README) + ":Python API", "exec"), scope)
    assert scope["run"].coded.events > 0
    assert scope["events"] and scope["events"][0].cameo.startswith("17")
    assert Path("usa-pak.html").stat().st_size > 10_000
    assert isinstance(scope["rel"], Relations) and scope["rel"].rows


def test_import_dyad_loads_nothing_heavy():
    import subprocess
    import sys

    code = (
        "import sys, dyad; dyad.open; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'spacy', 'duckdb', 'numpy', 'scipy', 'pyarrow', 'typer', 'rich', 'altair', 'trafilatura'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
