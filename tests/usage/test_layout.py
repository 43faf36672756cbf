"""The usage package keeps each thing in its own module: reading back depends on the central
store's form, not on the sync's internals; every module says what it owns and stays small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "contentfinder" / "usage"
MODULES = sorted(PACKAGE.glob("*.py"))


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("store", {"contentfinder.usage.sync", "contentfinder.usage.sync_database"}),
        ("central_schema", {"contentfinder.usage.sync", "contentfinder.usage.sync_database"}),
        ("events", {"sqlalchemy"}),
        ("targets", {"contentfinder.usage.sync", "contentfinder.usage.log"}),
    ],
)
def test_what_a_module_must_not_depend_on(module: str, forbidden: set[str]) -> None:
    assert imports_of(PACKAGE / f"{module}.py") & forbidden == set()


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_each_module_says_what_it_owns_and_stays_small(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert ast.get_docstring(ast.parse(source)), f"{path.name} has no opening docstring"
    assert len(source.splitlines()) <= 300
