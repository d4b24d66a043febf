"""The size limits of docs/architecture.md hold with no exceptions: no module of ``src/dyad``
over 600 lines, no function over 80."""

from __future__ import annotations

import ast
from pathlib import Path

from sources import parsed

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "dyad"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_structure_no_module_over_600_lines():
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in _sources()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_structure_no_function_over_80_lines():
    long = {}
    for path in _sources():
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = (node.end_lineno or node.lineno) - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}"] = n
    assert long == {}
