"""Where contentfinder finds what it ships with: the checkout's `resources/`, or the package's
`_resources/` once installed, never a stray `resources` folder another package left beside it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from contentfinder.resources import resource_path, resources_folder, sample_library
from tests.conftest import REPO, SAMPLE_LIBRARY

PRINT_FOLDER = """
from contentfinder.resources import ResourcesMissing, resources_folder
try:
    print(resources_folder())
except ResourcesMissing as exc:
    print(f"missing: {exc}")
"""


def test_a_checkout_reads_its_own_resources_folder() -> None:
    assert resources_folder() == REPO / "resources"
    assert sample_library() == SAMPLE_LIBRARY
    assert (resource_path("icons") / "pdf.svg").is_file()


def installed_layout(site: Path, *, with_resources: bool) -> None:
    """contentfinder as pip lays it out in site-packages, beside a stray top-level `resources`
    folder (some wheels leave one) whose taxonomy would not even parse."""
    package = site / "contentfinder"
    package.mkdir(parents=True)
    for module in ("__init__.py", "resources.py"):
        shutil.copy2(REPO / "contentfinder" / module, package / module)
    if with_resources:
        shutil.copytree(REPO / "resources", package / "_resources")
    (site / "resources").mkdir()
    (site / "resources" / "taxonomy.toml").write_text("[facets", encoding="utf-8")


def located(site: Path) -> str:
    return subprocess.run(
        [sys.executable, "-c", PRINT_FOLDER],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(site)},
        cwd=site,
        check=True,
        timeout=60,
    ).stdout.strip()


def test_an_installed_package_reads_its_package_data(tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    installed_layout(site, with_resources=True)
    assert Path(located(site)) == site / "contentfinder" / "_resources"


def test_an_installation_without_its_resources_says_so(tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    installed_layout(site, with_resources=False)
    message = located(site)
    assert message.startswith("missing: ") and "_resources" in message and "reinstall" in message
