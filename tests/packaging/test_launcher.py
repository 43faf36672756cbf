"""The bundle's launcher, run unfrozen: the command line, the desktop entry's `-m` form, and
the index child the window starts as `<launcher> -m indexer …` (in the bundle sys.executable
is the launcher). The bundle itself is checked by `scripts/build-app --check`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from contentfinder import __version__
from tests.conftest import SAMPLE_LIBRARY

REPO = Path(__file__).resolve().parents[2]
LAUNCHER = REPO / "packaging" / "launcher.py"


def launch(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(LAUNCHER), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "HOME": str(cwd)},
    )


def test_the_launcher_is_the_command_line(tmp_path: Path) -> None:
    done = launch("--version", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == f"contentfinder {__version__}"
    same = launch("-m", "contentfinder.cli", "--version", cwd=tmp_path)
    assert same.stdout == done.stdout


def test_the_window_s_index_child_runs_through_the_launcher(tmp_path: Path) -> None:
    library = tmp_path / "library"
    shutil.copytree(SAMPLE_LIBRARY, library)
    home = tmp_path / "home"
    done = launch("-m", "indexer", "--library", str(library), "--home", str(home), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    # The child's protocol lines end with its summary; the index then answers a search.
    assert '"added"' in done.stdout.splitlines()[-1]
    found = launch(
        "search",
        "roi",
        "--json",
        "--no-log",
        "--library",
        str(library),
        "--home",
        str(home),
        cwd=tmp_path,
    )
    assert json.loads(found.stdout)["hits"], found.stderr
