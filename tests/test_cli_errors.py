"""What goes wrong outside dyad ends with one line and an exit status, never a traceback (issue 13):
a store locked by another process, a full disk, a reader that stops reading, Ctrl-C, and a bug."""

from __future__ import annotations

import errno
import json
import logging
import subprocess
import sys
import textwrap

import duckdb
import pytest
from harness import tmpfs
from typer.testing import CliRunner

from dyad.cli.common import TRACEBACK_ENV
from dyad.cli.main import app
from dyad.store.db import Store

runner = CliRunner()
DYAD = [sys.executable, "-m", "dyad"]
STORY = "Pakistani police arrested Hafiz Saeed in Lahore on Wednesday."


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.fixture()
def quiet_logging(monkeypatch):
    """No -v left over from another test: a bug gives one line, not a traceback."""
    monkeypatch.delenv(TRACEBACK_ENV, raising=False)
    root = logging.getLogger()
    monkeypatch.setattr(root, "level", logging.WARNING)


# --- a store another process is writing -----------------------------------------------------
@pytest.fixture()
def locked_store(tmp_path):
    """A store held by a writing DuckDB connection in another process (DuckDB locks per process)."""
    path = tmp_path / "locked.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(path)!r})
            con.execute("CREATE TABLE IF NOT EXISTS busy (x INTEGER)")
            print("ready", flush=True)
            sys.stdin.read()  # until the test closes our stdin
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        yield path
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


@pytest.mark.slow  # runs the dyad CLI in a subprocess
@pytest.mark.parametrize(
    "args",
    [
        ["code", "{txt}", "--db", "{db}"],
        ["scenarios", "--db", "{db}"],
        ["summary", "--db", "{db}"],
        ["sql", "SELECT 1", "--db", "{db}"],
    ],
)
def test_locked_store_is_one_line(locked_store, tmp_path, args):
    txt = tmp_path / "story.txt"
    txt.write_text(STORY + "\n", encoding="utf-8")
    argv = [a.format(txt=txt, db=locked_store) for a in args]
    done = subprocess.run(DYAD + argv, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    (line,) = _lines(done.stderr)
    assert line.startswith("error:") and "lock" in line and "another" in line
    assert done.stdout == ""


# --- disk full --------------------------------------------------------------------------------
def test_disk_full_writing_events_is_one_line(tmp_path, monkeypatch):
    import dyad.cli.code as cc

    def full(events, fh, fmt, raw_csv=None):
        fh.write("x" * 10)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cc, "write_events", full)
    out = tmp_path / "events.csv"
    r = runner.invoke(app, ["code", str(tmp_path / "none.txt"), "--db", str(tmp_path / "s.duckdb"), "-o", str(out)])
    assert r.exit_code == 1
    (line,) = _lines(r.stderr)
    assert line == (
        f"error: disk full writing {out}: No space left on device; the store is intact up to the last committed batch"
    )


def test_disk_full_in_the_store_is_one_line(tmp_path, monkeypatch):
    from dyad import api

    wal = tmp_path / "s.duckdb.wal"

    def full(*args, **kwargs):
        raise duckdb.TransactionException(
            f'TransactionContext Error: Failed to commit: Could not write file "{wal}": No space left on device'
        )
        yield  # a generator, as api.code is

    monkeypatch.setattr(api, "code", full)
    r = runner.invoke(app, ["code", str(tmp_path / "a.txt"), "--db", str(tmp_path / "s.duckdb")])
    assert r.exit_code == 1
    (line,) = _lines(r.stderr)
    assert line.startswith(f"error: disk full writing {wal}: ") and line.endswith("last committed batch")


def test_disk_full_exporting_is_one_line(tmp_path, monkeypatch):
    import dyad.analysis.export

    Store(tmp_path / "s.duckdb").close()

    def full(store, fmt, out, *args, **kwargs):
        with open(out, "w") as fh:
            fh.write("partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(dyad.analysis.export, "export", full)
    out = tmp_path / "events.csv"
    r = runner.invoke(app, ["export", "--format", "csv", "--db", str(tmp_path / "s.duckdb"), "--out", str(out)])
    assert r.exit_code == 1
    (line,) = _lines(r.stderr)
    assert line.startswith(f"error: disk full writing {out}: No space left on device")


@pytest.fixture()
def tiny_disk(tmp_path):
    """A 256 KiB tmpfs (root only, where mounting is allowed); skipped elsewhere."""
    with tmpfs(tmp_path / "tiny", "256k") as point:
        yield point


@pytest.mark.slow  # runs the dyad CLI in a subprocess
def test_disk_full_for_real_writing_output(tiny_disk, tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    out = tiny_disk / "rows.csv"
    with out.open("w") as fh:
        done = subprocess.run(
            DYAD + ["sql", "SELECT range, 'row ' || range AS s FROM range(200000)", "--db", str(db), "--format", "csv"],
            stdout=fh,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
        )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    (line,) = _lines(done.stderr)
    assert line.startswith(f"error: disk full writing {out}: No space left on device;")


@pytest.mark.slow
def test_disk_full_for_real_in_the_store(tiny_disk, tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        "".join(
            json.dumps(
                {
                    "id": f"d{i}",
                    "date": "2019-07-17",
                    "text": f"{STORY} Case {i}: the "
                    f"United States agreed to fund Pakistan's fleet with {i} million dollars.",
                }
            )
            + "\n"
            for i in range(400)
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        DYAD + ["code", str(docs), "--db", str(tiny_disk / "s.duckdb"), "-o", str(tmp_path / "events.jsonl")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    (line,) = _lines(done.stderr)
    assert line.startswith(f"error: disk full writing {tiny_disk / 's.duckdb'}")
    assert line.endswith("the store is intact up to the last committed batch")


# --- the reader goes away, Ctrl-C, a bug ----------------------------------------------------
@pytest.mark.slow  # runs the dyad CLI in a subprocess
def test_broken_pipe_is_quiet(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    proc = subprocess.Popen(
        DYAD + ["sql", "SELECT range FROM range(5000000)", "--db", str(db), "--format", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert json.loads(proc.stdout.readline()) == {"range": 0}
    proc.stdout.close()  # as `| head -1` does
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 141
    assert stderr.decode() == ""


def test_interrupt_is_one_line(tmp_path, monkeypatch):
    from dyad import api

    Store(tmp_path / "s.duckdb").close()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "summary", interrupted)
    r = runner.invoke(app, ["summary", "--db", str(tmp_path / "s.duckdb")])
    assert r.exit_code == 130
    assert _lines(r.stderr) == ["interrupted; the store is intact up to the last committed batch"]


def test_a_bug_is_one_line_unless_asked(tmp_path, monkeypatch, quiet_logging):
    from dyad import api

    Store(tmp_path / "s.duckdb").close()

    def bug(*args, **kwargs):
        raise KeyError("oops")

    monkeypatch.setattr(api, "summary", bug)
    r = runner.invoke(app, ["summary", "--db", str(tmp_path / "s.duckdb")])
    assert r.exit_code == 1
    (line,) = _lines(r.stderr)
    assert line.startswith("error: unexpected KeyError: 'oops'") and TRACEBACK_ENV in line
    monkeypatch.setenv(TRACEBACK_ENV, "1")
    r = runner.invoke(app, ["summary", "--db", str(tmp_path / "s.duckdb")])
    assert isinstance(r.exception, KeyError)


def test_missing_output_folder_is_one_line(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    r = runner.invoke(app, ["export", "--format", "csv", "--db", str(db), "--out", str(tmp_path / "no" / "x.csv")])
    assert r.exit_code == 1
    (line,) = _lines(r.stderr)
    assert line.startswith("error: ") and "No such file or directory" in line


def test_code_lock_message_on_a_bare_app(locked_store, tmp_path):
    """`dyad code` says it in one line also where it is mounted on another typer app."""
    import typer

    from dyad.cli.code import code_command

    bare = typer.Typer()
    bare.command("code")(code_command)
    bare.command("other")(lambda: None)
    txt = tmp_path / "story.txt"
    txt.write_text(STORY + "\n", encoding="utf-8")
    r = runner.invoke(bare, ["code", str(txt), "--db", str(locked_store)])
    assert r.exit_code == 1
    (line,) = _lines(r.stderr)
    assert line.startswith("error:") and "lock" in line
