"""A source file's syntax tree, parsed once a session: the import-cycle, size-limit and
hard-coded-cue tests each walk every module of ``src/dyad`` (~0.3 s of CPU a parse of them all).
Callers only read the trees."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path


@cache
def _parse(path: str) -> ast.Module:
    return ast.parse(Path(path).read_text(encoding="utf-8"))


def parsed(path: Path) -> ast.Module:
    return _parse(str(path.resolve()))
