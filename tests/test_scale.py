"""The cluster path (``dyad.scale``): a LocalCluster of two worker processes codes the sample
corpus plus generated articles, with exact and near-duplicates placed in other shards than
their originals, and must give the store one process gives, row by row."""

from __future__ import annotations

import csv
import json
import os
import random
import re
import shutil
import signal
import threading
import time
from pathlib import Path

import duckdb
import pytest

from dyad import api
from dyad.scale.merge import merged_events
from dyad.scale.run import code_cluster
from dyad.scale.shards import plan
from dyad.settings import Settings
from dyad.store.db import Store
from dyad.store.parquet import MERGED_TABLES as TABLES

pytestmark = pytest.mark.slow

# Columns that are by nature run-specific: when a mention was coded (the clock), and so when
# the event it anchors was first added. Every other column is compared.
RUN_SPECIFIC = {"mentions": ("coded_at",), "events": ("added_at",)}
ROWS = 12  # lines per shard: the inputs below make eight shards


def dump(path: str | Path) -> dict[str, list[str]]:
    """Every table's rows, sorted, without the run-specific columns."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        out = {}
        for table in TABLES:
            cols = [
                r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in RUN_SPECIFIC.get(table, ())
            ]
            rows = con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
            out[table] = sorted(json.dumps(r, default=str) for r in rows)
        return out
    finally:
        con.close()


def generated(n: int, seed: int = 11) -> list[str]:
    """Distinct articles made of the sample corpus's sentences, reshuffled."""
    rng = random.Random(seed)
    sentences = []
    for line in Path(api.sample_corpus_path()).read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        sentences += [s for s in re.split(r"(?<=[.!?])\s+", text.replace("\n", " ")) if len(s) > 30]
    return ["\n".join(" ".join(rng.sample(sentences, 3)) for _ in range(3)) for _ in range(n)]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    """The sample corpus (50 articles) and a file of 30 generated ones, 4 of them copies of
    sample articles (2 exact, 2 near: a word changed) and 1 a copy of a generated one in
    another shard, plus a line that is not JSON and a CSV file of two rows."""
    folder = tmp_path_factory.mktemp("inputs")
    sample = Path(api.sample_corpus_path()).read_text(encoding="utf-8").splitlines()
    rows = [{"id": f"gen-{k}", "text": t, "date": f"2024-03-{k % 28 + 1:02d}"} for k, t in enumerate(generated(30))]
    first, second = json.loads(sample[0]), json.loads(sample[13])
    rows[2] = {**first, "id": "exact-copy"}
    rows[20] = {**second, "id": "exact-copy-2"}
    near = json.loads(sample[30])
    rows[5] = {**near, "id": "near-copy", "text": near["text"].replace(" the ", " a ", 1)}
    near2 = json.loads(sample[45])
    rows[25] = {**near2, "id": "near-copy-2", "text": near2["text"].replace(".", " today.", 1)}
    rows[28] = {**rows[1], "id": "generated-copy"}
    lines = [json.dumps(r) for r in rows]
    lines.insert(17, "{not json")
    (folder / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with (folder / "wires.csv").open("w", encoding="utf-8", newline="") as fh:
        table = csv.writer(fh)
        table.writerow(["id", "date", "text"])
        table.writerow(["w1", "2024-04-02", "The United States imposed sanctions on Iran on Tuesday, officials said."])
        table.writerow(["w2", "2024-04-03", generated(1, seed=3)[0]])
    return [api.sample_corpus_path(), str(folder)]


@pytest.fixture(scope="module")
def one_process(inputs, tmp_path_factory) -> tuple[str, list[dict]]:
    """``dyad code INPUTS --db FILE`` in one process: the store and the events written."""
    db = str(tmp_path_factory.mktemp("one") / "one.duckdb")
    events = [e.as_dict() for e in api.code(inputs, db=db, settings=Settings.from_env())]
    return db, events


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def cluster_run(inputs, client, tmp_path_factory):
    out = tmp_path_factory.mktemp("cluster") / "out"
    run = code_cluster(inputs, out, "", Settings.from_env(), rows=ROWS, client=client)
    return out, run


def test_scale_plan_splits_files_into_line_windows(inputs):
    shards = plan(inputs, ROWS)
    assert [s.name.split("-", 1)[1] for s in shards] == [
        "articles.jsonl-1-12",
        "articles.jsonl-13-24",
        "articles.jsonl-25-36",
        "articles.jsonl-37-48",
        "articles.jsonl-49-end",
        "more.jsonl-1-12",
        "more.jsonl-13-24",
        "more.jsonl-25-end",
        "wires.csv-1-end",
    ]


def test_scale_cluster_equals_one_process(cluster_run, one_process):
    out, run = cluster_run
    db, _ = one_process
    assert not run.failed and len(run.coded) == run.shards == 9
    assert {w.worker for w in run.coded} and len({w.worker for w in run.coded}) == 2  # both workers coded
    single, merged = dump(db), dump(out / "merged.duckdb")
    assert single["articles"] and single["mentions"] and single["events"] and single["scenarios"]
    assert len(single["exact_duplicates"]) == 3 and len(single["rejects"]) == 1
    for table in TABLES:
        assert merged[table] == single[table], table
    near = duckdb.connect(db, read_only=True).execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL")
    assert near.fetchone()[0] >= 2


def test_scale_cluster_writes_the_events_one_process_writes(cluster_run, one_process):
    out, _ = cluster_run
    _, events = one_process
    folders = [out / "shards" / s.name for s in plan(json.loads((out / "plan.json").read_text())["inputs"], ROWS)]
    with Store(out / "merged.duckdb", read_only=True) as store:
        assert [e.as_dict() for e in merged_events(store, folders)] == events


def test_scale_cluster_writes_merged_parquet(cluster_run):
    out, _ = cluster_run
    merged = dump(out / "merged.duckdb")
    con = duckdb.connect()
    for table in ("articles", "mentions", "events"):
        n = con.execute(f"SELECT count(*) FROM read_parquet('{out / 'merged' / table}.parquet')").fetchone()[0]
        assert n == len(merged[table])


def test_scale_resume_codes_only_missing_shards(cluster_run, client, one_process, tmp_path):
    out, _ = cluster_run
    resumed = tmp_path / "out"
    shutil.copytree(out, resumed)
    gone = sorted((resumed / "shards").iterdir())[3]
    shutil.rmtree(gone)
    (resumed / "shards" / f".{gone.name}.half").mkdir()  # what a worker killed while writing leaves
    run = code_cluster(
        json.loads((out / "plan.json").read_text())["inputs"],
        resumed,
        "",
        Settings.from_env(),
        rows=ROWS,
        client=client,
    )
    assert [r.name for r in run.coded] == [gone.name]
    assert dump(resumed / "merged.duckdb") == dump(one_process[0])


def test_scale_other_inputs_in_the_same_folder_are_refused(cluster_run, client):
    out, _ = cluster_run
    from dyad.errors import DyadError

    with pytest.raises(DyadError, match="other inputs"):
        code_cluster([api.sample_corpus_path()], out, "", Settings.from_env(), rows=ROWS, client=client)


def _kill_a_worker_mid_shard(client, out: Path, killed: list[str]) -> None:
    """Kill (SIGKILL) the worker process coding the first shard seen half written."""
    shards = out / "shards"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        staging = [p.name for p in shards.glob(".*")] if shards.is_dir() else []
        for name in staging:
            key = "dyad-shard-" + name[1:].rsplit(".", 1)[0]
            for worker, keys in client.processing().items():
                if key in keys:
                    pid = client.run(os.getpid, workers=[worker])[worker]
                    os.kill(pid, signal.SIGKILL)
                    killed.append(key)
                    return
        time.sleep(0.05)


def test_scale_killed_worker_is_retried_and_nothing_is_lost_or_doubled(inputs, client, one_process, tmp_path):
    out = tmp_path / "out"
    killed: list[str] = []
    killer = threading.Thread(target=_kill_a_worker_mid_shard, args=(client, out, killed))
    killer.start()
    run = code_cluster(inputs, out, "", Settings.from_env(), rows=ROWS, client=client)
    killer.join()
    assert killed, "no worker was killed mid-shard"
    assert not run.failed
    assert sorted(r.name for r in run.coded) == sorted(s.name for s in plan(inputs, ROWS))
    assert not list((out / "shards").glob(".*"))  # the killed worker's half shard is gone
    assert dump(out / "merged.duckdb") == dump(one_process[0])


def test_scale_load_into_a_store_equals_one_process(cluster_run, one_process, tmp_path):
    from dyad.scale.run import load

    out, _ = cluster_run
    db = str(tmp_path / "loaded.duckdb")
    load(out, db, Settings.from_env())
    assert dump(db) == dump(one_process[0])
    again = load(out, db, Settings.from_env())  # loading twice adds nothing
    assert again.articles == 0 and dump(db) == dump(one_process[0])


@pytest.mark.parametrize(
    "args",
    [["dyads", "--format", "jsonl", "--limit", "0"], ["export", "--format", "csv"], ["network", "USA", "PAK", "IND"]],
)
def test_scale_parquet_option_reads_the_dataset_like_the_store(cluster_run, args):
    from typer.testing import CliRunner

    from dyad.cli.main import app

    out, _ = cluster_run
    runner = CliRunner()
    from_parquet = runner.invoke(app, [*args, "--parquet", str(out)])
    from_store = runner.invoke(app, [*args, "--db", str(out / "merged.duckdb")])
    assert from_parquet.exit_code == 0, from_parquet.output
    assert from_parquet.stdout == from_store.stdout and from_store.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["code", "x.jsonl", "--cluster", "local:1"], "--cluster and --out go together"),
        (["load", "."], "not the --out folder of a cluster run"),
        (["dyads", "--parquet", "."], "not a merged dyad dataset"),
    ],
)
def test_scale_cli_errors_are_one_line(args, message, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from dyad.cli.main import app

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, args)
    assert result.exit_code != 0 and message in result.output
