"""Shared fixtures: the ../shared folder (tests using it skip where absent), a parsed-model cache,
an empty store to copy, and the command line built once a session."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared_dir: Path) -> Path:
    files = sorted((shared_dir / "seed").glob("*.txt"))
    if not files:
        pytest.skip("../shared/seed has no article")
    return files[0]


@pytest.fixture()
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "test.duckdb")


@pytest.fixture(scope="session")
def _empty_store(tmp_path_factory) -> Path:
    from dyad.store.db import Store

    path = tmp_path_factory.mktemp("template") / "empty.duckdb"
    Store(path).close()
    return path


@pytest.fixture()
def store_path(tmp_path: Path, _empty_store: Path) -> str:
    """Where ``db_path`` is, an empty store at this code's schema: a copy of one migrated once a
    session (copying costs ~0.03 s of CPU, running every migration ~0.065 s). Tests of creating
    or migrating a store use ``db_path``."""
    path = tmp_path / "test.duckdb"
    shutil.copyfile(_empty_store, path)
    return str(path)


@pytest.fixture(autouse=True, scope="session")
def _cli_built_once() -> Iterator[None]:
    """``typer.testing.CliRunner.invoke`` turns the typer app into a click command on every call,
    ~0.027 s of CPU each (it evaluates every parameter's annotations); build dyad's app once.
    Other apps (tests build their own) are built as before."""
    import typer.testing

    if not hasattr(typer.testing, "_get_command"):  # typer changed: nothing to speed up
        yield
        return
    build = typer.testing._get_command
    built: dict[int, object] = {}

    def get_command(a):
        main = sys.modules.get("dyad.cli.main")
        if main is None or a is not main.app:
            return build(a)
        if not built:
            built[0] = build(a)
        return built[0]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(typer.testing, "_get_command", get_command)
        yield


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory) -> str:
    """The README's main job: the bundled sample corpus coded into a store (once a session).
    Tests that write must copy it first."""
    from dyad import api

    path = str(tmp_path_factory.mktemp("demo") / "dyad-demo.duckdb")
    for _ in api.code([api.sample_corpus_path()], db=path):
        pass
    return path
