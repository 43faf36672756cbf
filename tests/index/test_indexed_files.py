"""The snapshot of what the index holds: used when it describes the index's current commit,
ignored (and the index read) when another commit followed or the file is damaged."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from whoosh.index import TOC

from contentfinder.index.indexed_files import (
    SNAPSHOT_FILE,
    IndexedFile,
    read_indexed_files,
)
from contentfinder.index.schema import open_for_writing
from contentfinder.index.whoosh_internals import INDEX_NAME
from contentfinder.index.whoosh_writer import toc_file, written_generation
from indexer.pipeline import update_index
from tests.factories import write_text


def stored_files(settings) -> dict[str, IndexedFile]:  # noqa: ANN001
    """What the index holds, read from its stored fields (never the snapshot)."""
    ix, _ = open_for_writing(settings.index_dir)
    with ix.searcher() as searcher:
        files = [IndexedFile.from_fields(f) for f in searcher.all_stored_fields()]
    return {f.id: f for f in files}


def read(settings):  # noqa: ANN001, ANN201
    ix, _ = open_for_writing(settings.index_dir)
    return read_indexed_files(ix, settings.index_dir)


@pytest.fixture
def indexed(make_library, settings_for):  # noqa: ANN001, ANN201
    library = make_library(
        {
            "a.txt": lambda p: write_text(p, "alpha"),
            "b.txt": lambda p: write_text(p, "beta"),
            "Deck/c.md": lambda p: write_text(p, "# Gamma\n\ngamma"),
        }
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    return settings


def touch_later(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def test_a_run_leaves_a_snapshot_that_the_next_run_uses(indexed) -> None:
    assert (indexed.index_dir / SNAPSHOT_FILE).is_file()
    state = read(indexed)
    assert state.from_snapshot
    assert state.files == stored_files(indexed)
    assert set(state.files) == {"a.txt", "b.txt", "Deck/c.md"}
    assert all(f.first_seen is not None and f.content_hash for f in state.files.values())


def test_changes_and_deletions_are_in_the_next_snapshot(indexed) -> None:
    library = indexed.library
    write_text(library / "a.txt", "alpha, now longer")
    touch_later(library / "a.txt")
    (library / "b.txt").unlink()
    write_text(library / "d.txt", "delta")
    summary = update_index(indexed, workers=1)
    assert (summary.updated, summary.removed, summary.added) == (1, 1, 1)
    state = read(indexed)
    assert state.from_snapshot
    assert state.files == stored_files(indexed)
    assert set(state.files) == {"a.txt", "Deck/c.md", "d.txt"}
    stat = (library / "a.txt").stat()
    assert (state.files["a.txt"].size, state.files["a.txt"].mtime_ns) == (
        stat.st_size,
        stat.st_mtime_ns,
    )
    assert update_index(indexed, workers=1).unchanged == 3


def test_a_snapshot_of_an_older_commit_is_ignored(indexed) -> None:
    older = indexed.index_dir.parent / "older-snapshot.json"
    shutil.copy(indexed.index_dir / SNAPSHOT_FILE, older)
    (indexed.library / "b.txt").unlink()
    update_index(indexed, workers=1)
    shutil.copy(older, indexed.index_dir / SNAPSHOT_FILE)  # as a run killed after a commit
    state = read(indexed)
    assert not state.from_snapshot
    assert set(state.files) == {"a.txt", "Deck/c.md"}


def test_a_commit_by_another_writer_makes_the_run_read_the_index(indexed) -> None:
    ix, _ = open_for_writing(indexed.index_dir)
    writer = ix.writer()
    writer.delete_by_term("id", "b.txt")  # an older version, say, that keeps no snapshot
    writer.commit()
    assert not read(indexed).from_snapshot
    summary = update_index(indexed, workers=1)
    assert summary.added == 1  # b.txt is back: the run saw the index, not the snapshot
    assert read(indexed).from_snapshot


def test_a_run_with_nothing_to_do_leaves_a_snapshot_for_the_next(indexed) -> None:
    (indexed.index_dir / SNAPSHOT_FILE).unlink()
    summary = update_index(indexed, workers=1)
    assert summary.unchanged == 3
    assert read(indexed).from_snapshot


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b'{"version": 1}',
        b"[1, 2, 3]",
        "truncate",
        "wrong count",
        "row too short",
    ],
)
def test_a_damaged_snapshot_is_ignored(indexed, damage) -> None:  # noqa: ANN001
    path = indexed.index_dir / SNAPSHOT_FILE
    if damage == "truncate":
        path.write_bytes(path.read_bytes()[:-40])
    elif damage == "wrong count":
        data = json.loads(path.read_text())
        data["files"].pop()
        path.write_text(json.dumps(data))
    elif damage == "row too short":
        data = json.loads(path.read_text())
        data["files"][0] = data["files"][0][:3]
        path.write_text(json.dumps(data))
    else:
        path.write_bytes(damage)
    state = read(indexed)
    assert not state.from_snapshot
    assert state.files == stored_files(indexed)
    assert update_index(indexed, workers=1).unchanged == 3


# Whoosh leaves the file of a segment it fails to open for the garbage collector to close.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_damaged_index_is_rebuilt_though_its_snapshot_matches(indexed) -> None:
    for segment in indexed.index_dir.glob("*.seg"):
        segment.write_bytes(b"garbage")
    summary = update_index(indexed, workers=1)
    assert summary.rebuilt_because and "damaged" in summary.rebuilt_because
    assert (summary.added, summary.extracted) == (3, 0)  # the text came from the cache
    state = read(indexed)
    assert state.from_snapshot and set(state.files) == {"a.txt", "b.txt", "Deck/c.md"}


def test_the_toc_name_and_the_written_generation_are_whooshs(tmp_path: Path) -> None:
    ix, _ = open_for_writing(tmp_path / "index")
    writer = ix.writer()
    generation = written_generation(writer)
    writer.add_document(id="a")
    writer.commit()
    assert generation == ix.latest_generation()
    assert toc_file(generation) == TOC._filename(INDEX_NAME, generation)
    assert (tmp_path / "index" / toc_file(generation)).is_file()
    assert written_generation(object()) is None
