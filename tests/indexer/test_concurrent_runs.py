"""Two runs at once (the app's and a command line's) and files that change under a run: the
index is never removed under a run writing it, failures recorded by one run are not lost by
the other, and a file deleted during a run is a removal, not a failure."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from contentfinder.index.failures import load_failures
from contentfinder.index.lock import IndexBusy
from contentfinder.index.schema import SCHEMA_VERSION, VERSION_FILE, open_for_writing
from contentfinder.index.whoosh_writer import writer_lock
from contentfinder.search.session import SearchRequest, search
from indexer import pipeline, writing
from indexer.pipeline import update_index
from tests.factories import touch_later, write_docx, write_text

BROKEN = b"PK\x03\x04 not really a zip"


def ids(settings, text: str = "") -> set[str]:
    request = SearchRequest(text=text, limit=1000, include_expired=True)
    return {hit.id for hit in search(settings, request).hits}


SLOW_RUN = """
import sys, time
from pathlib import Path
from contentfinder.config import Settings
from indexer.pipeline import update_index

def slowly(progress):
    print(progress.done, flush=True)
    time.sleep(0.05)

settings = Settings(library=Path(sys.argv[1]), home=Path(sys.argv[2]))
summary = update_index(settings, workers=1, progress=slowly)
print("added", summary.added, flush=True)
"""


def test_a_rebuild_never_removes_an_index_another_run_is_writing(
    make_library, settings_for
) -> None:
    library = make_library(
        {
            f"notes/{n:02}.docx": (lambda p, n=n: write_docx(p, [f"quota note {n}"]))
            for n in range(30)
        }
    )
    settings = settings_for(library)
    writing = subprocess.Popen(
        [sys.executable, "-c", SLOW_RUN, str(library), str(settings.home)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert writing.stdout.readline().strip() == "1"  # it holds the writer now
        with pytest.raises(IndexBusy, match="another index run is updating the index"):
            open_for_writing(
                settings.index_dir, rebuild_because="the index was damaged", lock_wait_seconds=0.3
            )
        out, _ = writing.communicate(timeout=120)
    finally:
        writing.kill()
        writing.wait()
        writing.stdout.close()
    assert writing.returncode == 0 and "added 30" in out
    assert len(ids(settings, "quota")) == 30


def test_a_run_waiting_to_rebuild_opens_the_index_another_just_rebuilt(
    make_library, settings_for
) -> None:
    library = make_library({"a.txt": lambda p: write_text(p, "alpha")})
    settings = settings_for(library)
    update_index(settings, workers=1)
    (settings.index_dir / VERSION_FILE).write_text("0")  # both runs see an outdated index
    lock = writer_lock(settings.index_dir)
    assert lock.acquire(blocking=False)  # the first run is rebuilding it
    opened: list[tuple[object, str | None]] = []
    second = threading.Thread(
        target=lambda: opened.append(open_for_writing(settings.index_dir, lock_wait_seconds=10))
    )
    second.start()
    time.sleep(0.5)
    (settings.index_dir / VERSION_FILE).write_text(str(SCHEMA_VERSION))  # rebuilt, as it was
    lock.release()
    second.join(timeout=10)
    [(_, reason)] = opened
    assert reason is None  # opened as it is, not removed again
    assert ids(settings) == {"a.txt"}


def test_failures_are_saved_while_the_writer_lock_is_held(
    make_library, settings_for, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = make_library(
        {"ok.txt": lambda p: write_text(p, "fine"), "broken.docx": lambda p: p.write_bytes(BROKEN)}
    )
    settings = settings_for(library)
    saved = writing.apply_failure_changes
    locked_when_saved: list[bool] = []

    def probe(index_dir: Path, changes) -> None:
        probe_lock = writer_lock(index_dir)
        free = probe_lock.acquire(blocking=False)
        if free:
            probe_lock.release()
        locked_when_saved.append(not free)
        saved(index_dir, changes)

    monkeypatch.setattr(writing, "apply_failure_changes", probe)
    update_index(settings, workers=1)
    assert locked_when_saved == [True]
    assert set(load_failures(settings.index_dir)) == {"broken.docx"}


def test_two_runs_keep_each_others_failures(
    make_library, settings_for, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = make_library({"ok.txt": lambda p: write_text(p, "fine")})
    settings = settings_for(library)
    update_index(settings, workers=1)
    (library / "first.docx").write_bytes(BROKEN)
    planned = pipeline.plan_run

    def meanwhile_another_run(*args):  # noqa: ANN002, ANN202
        plan = planned(*args)
        if not (library / "second.docx").exists():
            # This run has read failures.json; another run now records a failure this one
            # never sees, and commits before this one takes the writer.
            (library / "second.docx").write_bytes(BROKEN)
            other = update_index(settings, workers=1)
            assert sorted(i for i, _ in other.failed) == ["first.docx", "second.docx"]
        return plan

    monkeypatch.setattr(pipeline, "plan_run", meanwhile_another_run)
    update_index(settings, workers=1)
    monkeypatch.setattr(pipeline, "plan_run", planned)
    assert set(load_failures(settings.index_dir)) == {"first.docx", "second.docx"}
    later = update_index(settings, workers=1)
    assert later.extracted == 0  # neither is retried: both are known failures
    assert sorted(i for i, _ in later.failed) == ["first.docx", "second.docx"]


def notes(count: int) -> dict:
    return {
        f"notes/{n:02}.txt": (lambda p, n=n: write_text(p, f"quota note {n} " * 50))
        for n in range(count)
    }


def test_files_deleted_during_a_first_run_are_not_failures(make_library, settings_for) -> None:
    library = make_library(notes(30))
    settings = settings_for(library)
    doomed = [library / f"notes/{n:02}.txt" for n in range(20, 30)]

    def delete_some(progress: pipeline.Progress) -> None:
        if progress.done == 1:
            for path in doomed:
                path.unlink()

    summary = update_index(settings, workers=1, progress=delete_some)
    assert summary.failed == []
    assert summary.added == 20
    assert len(ids(settings, "quota")) == 20
    assert load_failures(settings.index_dir) == {}
    assert update_index(settings, workers=1).failed == []


def test_indexed_files_deleted_during_a_run_are_removed(make_library, settings_for) -> None:
    library = make_library(notes(30))
    settings = settings_for(library)
    update_index(settings, workers=1)
    for n in range(30):
        path = library / f"notes/{n:02}.txt"
        write_text(path, f"quota revised {n} " * 50)
        touch_later(path)
    doomed = [library / f"notes/{n:02}.txt" for n in range(20, 30)]

    def delete_some(progress: pipeline.Progress) -> None:
        if progress.done == 1:
            for path in doomed:
                path.unlink()

    summary = update_index(settings, workers=1, progress=delete_some)
    assert summary.failed == []
    assert (summary.updated, summary.removed) == (20, 10)
    assert len(ids(settings, "revised")) == 20
    assert len(ids(settings, "quota")) == 20


def test_a_library_gone_during_a_run_removes_nothing_and_is_tried_again(
    make_library, settings_for, tmp_path: Path
) -> None:
    library = make_library(notes(30))
    settings = settings_for(library)
    update_index(settings, workers=1)
    for n in range(30):
        path = library / f"notes/{n:02}.txt"
        write_text(path, f"quota revised {n} " * 50)
        touch_later(path)

    def unplug(progress: pipeline.Progress) -> None:
        if progress.done == 1:
            library.rename(tmp_path / "unplugged")  # a share gone offline

    summary = update_index(settings, workers=1, progress=unplug)
    assert summary.failed and all("cannot be opened" in r for _, r in summary.failed)
    assert summary.removed == 0
    assert len(ids(settings, "quota")) == 30  # the index keeps what it had
    (tmp_path / "unplugged").rename(library)
    again = update_index(settings, workers=1)
    assert again.failed == [] and len(ids(settings, "revised")) == 30
