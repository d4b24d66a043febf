"""A cluster run: plan shards, code those not done yet on Dask workers, merge them in order.

``OUT`` (a folder every worker and the client can reach: a shared filesystem) holds::

    plan.json                 the inputs and their shards (a rerun must name the same ones)
    shards/<name>/*.parquet   one folder per coded shard (SHARD_TABLES and output.parquet)
    merged.duckdb             the merged store (unless --db names another)
    merged/<table>.parquet    the merged store as Parquet (MERGED_TABLES)

A rerun with the same inputs codes only the shards without a folder, so a run whose client or
workers were killed resumes without losing or doubling anything. A shard that still fails
after Dask's retries is reported (its name and the error) and the others are merged.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from dyad.errors import DyadError
from dyad.records import Record
from dyad.scale.merge import MergeCounts, merge_shards
from dyad.scale.shards import ROWS, Shard, plan
from dyad.scale.worker import ShardResult, code_shard, shard_folder
from dyad.settings import Settings
from dyad.store.db import Store
from dyad.store.parquet import MERGED_TABLES, write_tables

log = logging.getLogger(__name__)


@dataclass
class ClusterRun(Record):
    """What a cluster run did: its shards, those coded now, those that failed, the merge."""

    out: str
    db: str
    shards: int = 0
    coded: list[ShardResult] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # shard name -> why
    merged: MergeCounts = field(default_factory=MergeCounts)
    shard_names: list[str] = field(default_factory=list)  # merged, in order


@contextmanager
def connect(address: str, retries: int = 1) -> Iterator:
    """A Dask client: ``local:N`` starts N single-threaded worker processes on this machine,
    ``tcp://HOST:PORT`` (or any scheduler address) joins a running cluster."""
    from distributed import Client, LocalCluster

    if logging.getLogger().getEffectiveLevel() >= logging.WARNING:  # Dask logs its life at INFO
        logging.getLogger("distributed").setLevel(logging.WARNING)
    if address.startswith("local"):
        n = address.partition(":")[2] or str(os.cpu_count() or 1)
        if not n.isdigit() or int(n) < 1:
            raise DyadError(f"--cluster {address!r}: local:N takes a number of workers, e.g. local:4")
        with (
            LocalCluster(n_workers=int(n), threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(address, timeout="30s")
    except OSError as exc:
        raise DyadError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    with client:
        yield client


def load_plan(out: Path, paths: Sequence[str], rows: int) -> list[Shard]:
    """The run's shards, planned now or read back from ``plan.json``; a folder that holds
    another run's shards is refused rather than mixed with this one."""
    planned = plan(paths, rows)
    text = json.dumps({"inputs": list(paths), "rows": rows, "shards": [s.as_dict() for s in planned]}, indent=1)
    target = out / "plan.json"
    if target.exists() and target.read_text(encoding="utf-8") != text:
        raise DyadError(f"{out} holds the shards of other inputs (plan.json differs): use a new --out")
    out.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return planned


def code_cluster(
    paths: Sequence[str],
    out: str | os.PathLike[str],
    cluster: str,
    settings: Settings,
    db: str | None = None,
    rows: int = ROWS,
    progress: Callable[[str], None] | None = None,
    client=None,
) -> ClusterRun:
    """Code ``paths`` on the Dask cluster ``cluster`` (or an open ``client``) into ``out``, then
    merge the shards into ``db`` (default ``OUT/merged.duckdb``, made afresh) and write the
    merged store as Parquet to ``OUT/merged/``."""
    folder = Path(out)
    shards = load_plan(folder, [os.fspath(p) for p in paths], rows)
    target = Path(db) if db else folder / "merged.duckdb"
    run = ClusterRun(out=str(folder), db=str(target), shards=len(shards))
    todo = [s for s in shards if not shard_folder(folder, s.name).is_dir()]
    log.info("%d shards, %d to code", len(shards), len(todo))
    if todo:
        if client is not None:
            _code_shards(client, todo, folder, settings, run, progress)
        else:
            with connect(cluster) as new_client:
                _code_shards(new_client, todo, folder, settings, run, progress)
    run.shard_names = [s.name for s in shards if s.name not in run.failed]
    if db is None:
        target.unlink(missing_ok=True)
    with Store(target) as store:
        run.merged = merge_shards(store, [shard_folder(folder, name) for name in run.shard_names], settings)
        _write_merged(store, folder / "merged")
    return run


def load(out: str | os.PathLike[str], db: str, settings: Settings) -> MergeCounts:
    """Merge the coded shards of the cluster run in ``out`` into the store ``db``, deduplicated
    against what it holds already (its articles come first, as if ingested before)."""
    folder = Path(out)
    try:
        planned = json.loads((folder / "plan.json").read_text(encoding="utf-8"))["shards"]
    except (OSError, ValueError, KeyError) as exc:
        raise DyadError(f"{out} is not the --out folder of a cluster run: {exc}") from exc
    names = [Shard(**s).name for s in planned]
    missing = [n for n in names if not shard_folder(folder, n).is_dir()]
    if missing:
        raise DyadError(f"{len(missing)} shards of {out} are not coded ({missing[0]}…): rerun `dyad code --cluster`")
    with Store(db) as store:
        return merge_shards(store, [shard_folder(folder, n) for n in names], settings)


def _code_shards(client, todo: Sequence[Shard], out: Path, settings: Settings, run: ClusterRun, progress) -> None:
    from distributed import as_completed

    futures = {
        client.submit(code_shard, s, str(out.resolve()), settings, key=f"dyad-shard-{s.name}", pure=False): s
        for s in todo
    }
    for future in as_completed(futures):
        shard = futures[future]
        try:
            result = future.result()
        except Exception as exc:  # a failed shard is reported; the others still merge
            log.error("shard %s failed: %s: %s", shard.name, type(exc).__name__, exc)
            run.failed[shard.name] = f"{type(exc).__name__}: {exc}"
            continue
        run.coded.append(result)
        if progress:
            progress(shard.name)
    for staging in (out / "shards").glob(".*"):  # half shards of killed tries; none runs now
        shutil.rmtree(staging, ignore_errors=True)


def _write_merged(store: Store, folder: Path) -> None:
    """The merged store as ``folder/<table>.parquet``, replacing a previous one whole."""
    staging = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    write_tables(store, staging, MERGED_TABLES)
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
