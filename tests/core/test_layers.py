"""The domain never imports Qt or the UI; the core never imports the indexer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# The CLI is the one core package that starts an index run or the app (in the module of the
# command that needs it, imported only when that command runs): where the pieces are put together.
ALLOWED = {
    "contentfinder/cli/index.py": ("indexer.pipeline", "indexer.workers"),
    "contentfinder/cli/publish.py": ("indexer.extract",),
    "contentfinder/cli/render.py": ("indexer.pipeline",),  # the summary's type, for type checks
    "contentfinder/cli/gui.py": ("ui.app",),
}


def imported_modules(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (REPO / package).rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[str(path.relative_to(REPO))] = names
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [("contentfinder", ("PySide6", "ui", "indexer")), ("indexer", ("PySide6", "ui"))],
)
def test_package_does_not_import(package: str, forbidden: tuple[str, ...]) -> None:
    offending = {}
    for module, names in imported_modules(package).items():
        allowed = ALLOWED.get(module, ())
        bad = sorted(n for n in names if n.split(".")[0] in forbidden and n not in allowed)
        if bad:
            offending[module] = bad
    assert offending == {}
