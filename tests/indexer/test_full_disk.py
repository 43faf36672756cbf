"""A data folder on a full drive: the index run ends with one line naming the folder, the
room it needed and the way out, the last saved index still answers, and once there is room
the next run completes. On a real small file system (a 3 MB tmpfs)."""

from __future__ import annotations

import gc
import random
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from contentfinder.config import Settings
from contentfinder.index.space import DataFolderFull
from contentfinder.search.session import SearchRequest, search
from indexer.pipeline import update_index
from tests.factories import run_cli, write_text

DRIVE_SIZE = "3m"
MB = 1024 * 1024
SEGMENT_SUFFIXES = (".seg", ".toc", ".trm", ".pst", ".fvz", ".dcz", ".lns")


@pytest.fixture
def small_drive(tmp_path: Path) -> Iterator[Path]:
    if not sys.platform.startswith("linux"):
        pytest.skip("a small tmpfs is mounted only on Linux")
    drive = tmp_path / "drive"
    drive.mkdir()
    try:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={DRIVE_SIZE}", "tmpfs", str(drive)],
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        pytest.skip("no mount command here to make a small file system")
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.strip()}")
    try:
        yield drive
    finally:
        gc.collect()  # a failed writer's files, so the unmount is not refused
        subprocess.run(["umount", "-l", str(drive)], check=False)


def random_words(count: int, seed: int) -> str:
    """Words no other file shares: every one is a new term, so the index grows fast."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    return " ".join(
        "".join(rng.choice(letters) for _ in range(rng.randint(5, 9))) for _ in range(count)
    )


def index_files(settings: Settings) -> set[str]:
    return {p.name for p in settings.index_dir.iterdir() if p.name.endswith(SEGMENT_SUFFIXES)}


def hit_ids(settings: Settings, text: str) -> set[str]:
    return {h.id for h in search(settings, SearchRequest(text=text, limit=100)).hits}


def test_a_full_data_folder_is_named_and_the_last_index_kept(
    small_drive: Path, make_library
) -> None:
    library = make_library(
        {f"small{n}.txt": (lambda p, n=n: write_text(p, f"quota {n}")) for n in range(3)}
    )
    settings = Settings(library=library, home=small_drive / "home")
    assert update_index(settings, workers=1).added == 3
    committed = index_files(settings)
    for n in range(30):
        write_text(library / f"big{n}.txt", random_words(20_000, n))

    with pytest.raises(DataFolderFull) as caught:
        update_index(settings, workers=1)
    error = caught.value
    assert error.filename == str(settings.home)
    assert "--home" in error.strerror and "CONTENTFINDER_HOME" in error.strerror
    # Indexed on a roomy drive, these files take about 140 MB: roughly is what is promised.
    assert error.needed_bytes and 50 * MB < error.needed_bytes < 400 * MB
    assert "needs roughly" in error.strerror and " MB for the index" in error.strerror
    del caught, error
    gc.collect()

    # The last committed index answers; what the stopped run had written is gone.
    assert hit_ids(settings, "quota") == {"small0.txt", "small1.txt", "small2.txt"}
    assert index_files(settings) == committed

    # Space made (the big files moved elsewhere, the text cache emptied): the next run completes.
    for n in range(30):
        (library / f"big{n}.txt").unlink()
    shutil.rmtree(settings.cache_dir)
    write_text(library / "later.txt", "quota later")
    summary = update_index(settings, workers=1)
    assert (summary.added, summary.failed) == (1, [])
    assert hit_ids(settings, "quota") == {"small0.txt", "small1.txt", "small2.txt", "later.txt"}


def test_the_command_line_says_it_in_one_line(small_drive: Path, make_library) -> None:
    library = make_library(
        {f"big{n}.txt": (lambda p, n=n: write_text(p, random_words(20_000, n))) for n in range(30)}
    )
    home = small_drive / "home"
    done = run_cli("index", "--home", str(home), "--library", str(library))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    [line] = [line for line in done.stderr.splitlines() if line.strip()]
    assert line.startswith(f"contentfinder: {home}: the data folder's drive is full")
    assert "CONTENTFINDER_HOME" in line
    # A first run stopped before its first commit: a search finds nothing, without a traceback.
    searched = run_cli("search", "quota", "--home", str(home), "--library", str(library))
    assert "Traceback" not in searched.stderr
