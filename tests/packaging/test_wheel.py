"""contentfinder as a new user installs it: the wheel built from a copy of the checkout (then
deleted), installed into a fresh virtual environment outside the repository, run from a folder
of its own on a copy of the sample library: `index`, `search --json`, `lint`, `gui --screenshot`,
`gui --sample`, the first-run dialog's sample library, and `--version`.

About a minute: the build and the install fetch from the package index (pip's cache makes it
quicker the second time). `-m "not wheel"` leaves these tests out of a quick run."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from contentfinder import __version__
from tests.conftest import REPO, SAMPLE_LIBRARY
from tests.factories import run_cli

pytestmark = pytest.mark.wheel

# What the build reads: pyproject.toml and setup.py say so, and nothing else goes in.
BUILD_INPUTS = ("pyproject.toml", "setup.py", "README.md", "contentfinder", "indexer", "ui")
RESOURCES = REPO / "resources"
INSTALLED_RESOURCES = "contentfinder/_resources"
BIN = "Scripts" if os.name == "nt" else "bin"
PIP = ("-m", "pip")
NO_CACHES = shutil.ignore_patterns("__pycache__")
TIMEOUT = 900  # seconds for a build or an install over a slow network; an index takes seconds


@dataclass(frozen=True)
class Installed:
    venv: Path
    wheel: Path

    def command(self, name: str) -> Path:
        return self.venv / BIN / name

    @property
    def python(self) -> Path:
        return self.command("python")


def clean_environment(home: Path) -> dict[str, str]:
    """The user's environment without this checkout in it: no PYTHONPATH, no active venv."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "VIRTUAL_ENV", "CONTENTFINDER_LIBRARY", "PYTHONHOME"}
    }
    env.update(
        CONTENTFINDER_HOME=str(home), QT_QPA_PLATFORM="offscreen", PIP_DISABLE_PIP_VERSION_CHECK="1"
    )
    return env


def run(
    *command: str | Path, cwd: Path, env: dict[str, str], timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
        check=False,
    )


def must(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"{result.args} exited {result.returncode}:\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("packaging")
    env = clean_environment(root / "home")
    wheel = build_wheel(root / "source", root / "dist", env=env)
    venv = root / "venv"
    started = time.perf_counter()
    must(run(sys.executable, "-m", "venv", venv, cwd=root, env=env))
    must(run(venv / BIN / "python", *PIP, "install", wheel, cwd=root, env=env, timeout=TIMEOUT))
    print(f"\nvenv + pip install of the wheel: {time.perf_counter() - started:.1f} s")
    return Installed(venv, wheel)


def build_wheel(source: Path, dist: Path, *, env: dict[str, str]) -> Path:
    """The wheel of a copy of the checkout's build inputs; the copy is deleted afterwards."""
    source.mkdir()
    for name in BUILD_INPUTS:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=NO_CACHES)
        else:
            shutil.copy2(REPO / name, source / name)
    shutil.copytree(RESOURCES, source / "resources")
    build = (sys.executable, *PIP, "wheel", "--no-deps", "--wheel-dir", dist, ".")
    must(run(*build, cwd=source, env=env, timeout=TIMEOUT))
    shutil.rmtree(source)  # the checkout it came from is gone
    (wheel,) = dist.glob("contentfinder-*.whl")
    return wheel


@pytest.fixture
def user(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A folder outside the repository to work in, and the environment to run from there."""
    folder = tmp_path / "desk"
    folder.mkdir()
    return folder, clean_environment(tmp_path / "home")


def test_the_wheel_holds_every_package_and_the_resources_and_no_tests(installed) -> None:
    names = zipfile.ZipFile(installed.wheel).namelist()
    packages = {str(Path(n).parent).replace("/", ".") for n in names if n.endswith("/__init__.py")}
    expected = {
        init.parent.relative_to(REPO).as_posix().replace("/", ".")
        for top in ("contentfinder", "indexer", "ui")
        for init in (REPO / top).rglob("__init__.py")
    }
    assert expected >= {"contentfinder.cli", "indexer.extract", "ui.preview"}  # found them
    assert packages == expected
    top_level = {name.split("/")[0] for name in names}
    # The metadata's version is the package's (pyproject.toml reads `__version__`).
    assert top_level == {"contentfinder", "indexer", "ui", f"contentfinder-{__version__}.dist-info"}
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/", "scripts/"))]
    shipped = {n.removeprefix(INSTALLED_RESOURCES + "/") for n in names}
    sources = {p.relative_to(RESOURCES).as_posix() for p in RESOURCES.rglob("*") if p.is_file()}
    assert {"taxonomy.toml", "synonyms.toml", "icons/pdf.svg", "sample-library/catalog.csv"} <= (
        sources
    )
    assert sources <= shipped, f"not in the wheel: {sorted(sources - shipped)}"


def test_the_installed_commands_work_from_any_folder(installed, user) -> None:
    folder, env = user
    library, home = folder / "library", folder / "data"
    shutil.copytree(SAMPLE_LIBRARY, library)
    contentfinder = installed.command("contentfinder")
    where = ["--library", str(library), "--home", str(home)]

    version = must(run(contentfinder, "--version", cwd=folder, env=env))
    assert version.stdout.strip() == f"contentfinder {__version__}"

    located = must(run(installed.python, "-c", LOCATE, cwd=folder, env=env)).stdout.split()
    assert all(Path(p).is_relative_to(installed.venv) for p in located), located

    summary = json.loads(
        must(run(contentfinder, "index", "--json", *where, cwd=folder, env=env)).stdout
    )
    assert summary["added"] > 30 and summary["failed"] == []

    found = must(
        run(contentfinder, "search", "roi", "--json", "--no-log", *where, cwd=folder, env=env)
    )
    results = json.loads(found.stdout)
    assert results["total"] > 0
    assert "Guides/ROI Guide - Building the Business Case.pdf" in [h["id"] for h in results["hits"]]
    # Taxonomy and synonyms from the wheel: the same hits as the checkout's on that index.
    for query in ("tco", "return on investment", "cfo month-end close"):
        search = ["search", query, "--json", "--no-log", *where]
        from_wheel = json.loads(must(run(contentfinder, *search, cwd=folder, env=env)).stdout)
        from_checkout = json.loads(must(run_cli(*search)).stdout)
        assert from_wheel["hits"] and from_wheel == from_checkout, query

    lint = run(contentfinder, "lint", "--json", *where, cwd=folder, env=env)
    assert lint.returncode == 1, lint.stderr  # the sample library has two untagged assets
    health = json.loads(lint.stdout)
    assert health["assets"] == summary["added"] and health["errors"] == 2

    shot = folder / "window.png"
    must(
        run(
            contentfinder,
            "gui",
            "--query",
            "roi",
            "--screenshot",
            shot,
            *where,
            cwd=folder,
            env=env,
        )
    )
    assert_window_picture(shot)


def test_the_sample_library_opens_from_the_installed_app(installed, user) -> None:
    folder, env = user
    home = folder / "data"
    shot = folder / "sample.png"
    gui = ["gui", "--sample", "--home", str(home), "--screenshot", str(shot)]
    must(run(installed.command("contentfinder"), *gui, cwd=folder, env=env))
    assert_window_picture(shot)
    assert (home / "sample" / "index").is_dir() and not (home / "index").exists()

    chosen = Path(must(run(installed.python, "-c", FIRST_RUN, cwd=folder, env=env)).stdout.strip())
    assert chosen.is_relative_to(installed.venv) and (chosen / "catalog.csv").is_file()

    launcher = installed.command("contentfinder-gui")
    shot = folder / "launcher.png"
    must(
        run(
            launcher,
            "--library",
            chosen,
            "--home",
            folder / "launched",
            "--screenshot",
            shot,
            cwd=folder,
            env=env,
        )
    )
    assert_window_picture(shot)


def assert_window_picture(path: Path) -> None:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 600 and height >= 400, (width, height)
    assert len(data) > 30_000, f"{path}: {len(data)} bytes, an empty window?"  # ~300 kB drawn


# Where the installed contentfinder runs from and finds its resources.
LOCATE = """
import contentfinder, contentfinder.resources as r
print(contentfinder.__file__, r.resources_folder())
"""

# The first-run dialog's "Open the sample library", clicked in the installed app.
FIRST_RUN = """
from PySide6.QtWidgets import QApplication
from ui.dialogs.library_settings import FirstRunDialog
app = QApplication([])
dialog = FirstRunDialog()
dialog.sample_button.click()
print(dialog.chosen)
"""
