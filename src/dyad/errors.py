"""Errors with stable codes, in one place (after spaCy's ``errors.py``)."""

from __future__ import annotations


class DyadError(Exception):
    """Base class for dyad's errors; ``code`` is stable across versions."""

    code = "E000"

    def __init__(self, message: str):
        super().__init__(f"[{self.code}] {message}")


class ModelNotInstalled(DyadError):
    code = "E001"


class StoreError(DyadError):
    code = "E002"


class InputError(DyadError):
    code = "E003"


class DataFileError(DyadError):
    """A lexicon, actor or ontology data file is malformed."""

    code = "E004"
