"""Shared fixtures: the ../shared folder (tests using it skip where absent), a parsed-model cache."""

from __future__ import annotations

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
def demo_store(tmp_path_factory) -> str:
    """The README's main job: the bundled sample corpus coded into a store (once a session).
    Tests that write must copy it first."""
    from dyad import api

    path = str(tmp_path_factory.mktemp("demo") / "dyad-demo.duckdb")
    for _ in api.code([api.sample_corpus_path()], db=path):
        pass
    return path
