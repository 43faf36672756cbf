"""The layers hold (STYLE.md): import-linter's contracts in pyproject.toml pass on the tree, and
they do catch a core module that imports the app, the indexer or Qt."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)},
    )


def test_the_tree_keeps_its_layers() -> None:
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("contentfinder/search/spelling.py", "import PySide6.QtCore", "The core never imports"),
        ("contentfinder/usage/store.py", "from indexer import pipeline", "The core never imports"),
        ("indexer/pipeline.py", "import ui.app", "The indexer never imports"),
        ("indexer/extract/pdf.py", "import contentfinder.library.taxonomy", "Extractors import"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    for package in ("contentfinder", "indexer", "ui"):
        shutil.copytree(
            REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    with (tmp_path / module).open("a", encoding="utf-8") as stream:
        stream.write(f"\n{line}  # the probe\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    broken = [row for row in result.stdout.splitlines() if "BROKEN" in row]
    assert len(broken) == 1 and broken[0].startswith(contract), result.stdout
