"""`contentfinder index --shared-cache` as marketing and reps run it: the summary line, the JSON
fields, and a clear exit 1 when the share cannot be written."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from contentfinder.index.shared_cache import SharedTextCache, shared_text_dir
from contentfinder.index.text_cache import content_hash
from tests.factories import run_cli, write_docx, write_pptx, write_text
from tests.read_only import needs_read_only_mounts, run_with_read_only

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def library(make_library) -> Path:
    return make_library(
        {
            "Decks/roi.pptx": lambda p: write_pptx(p, ["Payback in nine months"]),
            "Security/soc2.docx": lambda p: write_docx(p, ["Our SOC 2 Type II report."]),
            "Old/pricing.txt": lambda p: write_text(p, "Old price list for manufacturing."),
        }
    )


def index(library: Path, home: Path, *flags: str):  # noqa: ANN201 - a CompletedProcess
    return run_cli(
        "index", "--library", str(library), "--home", str(home), "--workers", "1", *flags
    )


def test_marketing_publishes_and_a_rep_reads_with_one_summary_line_each(
    library: Path, tmp_path: Path
) -> None:
    published = index(library, tmp_path / "marketing", "--shared-cache")
    assert published.returncode == 0, published.stderr
    assert "3 added" in published.stdout
    assert "shared cache: 0 read, 3 written, 0 pruned\n" in published.stdout
    read = index(library, tmp_path / "rep")
    assert read.returncode == 0, read.stderr
    assert "shared cache: 3 read, 0 written, 0 pruned\n" in read.stdout


def test_json_carries_the_shared_cache_counts_when_a_share_was_used(
    library: Path, tmp_path: Path
) -> None:
    before = index(library, tmp_path / "first", "--json")
    assert "shared_cache" not in json.loads(before.stdout)  # SPEC §2's fields, nothing more
    published = json.loads(
        index(library, tmp_path / "marketing", "--shared-cache", "--json").stdout
    )
    assert published["shared_cache"] == {"read": 0, "written": 3, "pruned": 0, "ignored": 0}
    read = json.loads(index(library, tmp_path / "rep", "--json").stdout)
    assert read["added"] == 3
    assert read["shared_cache"] == {"read": 3, "written": 0, "pruned": 0, "ignored": 0}


def test_a_library_without_a_share_prints_no_shared_cache_line(
    library: Path, tmp_path: Path
) -> None:
    result = index(library, tmp_path / "rep")
    assert result.returncode == 0, result.stderr
    assert "shared cache" not in result.stdout
    assert not (library / ".contentfinder").exists()


def test_a_damaged_entry_is_reported_as_ignored(library: Path, tmp_path: Path) -> None:
    index(library, tmp_path / "marketing", "--shared-cache")
    entry = SharedTextCache(shared_text_dir(library)).path(
        content_hash(library / "Old/pricing.txt")
    )
    entry.write_bytes(entry.read_bytes().replace(b"\n", b"\n\x00", 1))
    result = index(library, tmp_path / "rep")
    assert result.returncode == 0, result.stderr
    assert "shared cache: 2 read, 0 written, 0 pruned, 1 ignored" in result.stdout


def test_a_share_in_the_way_exits_1_naming_the_folder_and_cause(
    library: Path, tmp_path: Path
) -> None:
    (library / ".contentfinder").write_text("a file, not a folder", encoding="utf-8")
    result = index(library, tmp_path / "marketing", "--shared-cache")
    assert result.returncode == 1
    assert f"{library}/.contentfinder/text/v2: cannot write the shared cache" in result.stderr
    assert "(Not a directory)" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "marketing" / "index").exists()  # stopped before the long run


@needs_read_only_mounts
def test_publishing_to_a_read_only_library_exits_1(library: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "contentfinder.cli", "index", "--shared-cache"]
    command += ["--library", str(library), "--home", str(tmp_path / "marketing")]
    result = run_with_read_only(library, command, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 1
    assert "cannot write the shared cache (Read-only file system)" in result.stderr
    assert ".contentfinder" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_help_explains_the_flag(tmp_path: Path) -> None:
    result = run_cli("index", "--help")
    assert result.returncode == 0
    assert "--shared-cache" in result.stdout
    assert ".contentfinder/" in result.stdout
