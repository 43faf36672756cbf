"""`contentfinder --version` and `gui --sample` as a user types them."""

from __future__ import annotations

import tomllib

from contentfinder import __version__
from tests.conftest import REPO
from tests.factories import run_cli


def test_version_is_the_package_version() -> None:
    result = run_cli("--version")
    assert (result.returncode, result.stdout) == (0, f"contentfinder {__version__}\n")


def test_the_pyproject_version_is_read_from_the_package() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in project["project"]["dynamic"] and "version" not in project["project"]
    dynamic = project["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "contentfinder.__version__"}


def test_gui_sample_and_library_together_is_bad_usage(tmp_path) -> None:  # noqa: ANN001
    result = run_cli("gui", "--sample", "--library", str(tmp_path), "--home", str(tmp_path))
    assert result.returncode == 2
    assert "--sample opens the sample library" in result.stderr and "Traceback" not in result.stderr
