"""Hostile and unlucky conditions: slow files, zip bombs, damaged or outdated indexes, a busy
index. Each ends with a clear message and an index that works."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from contentfinder.index.schema import VERSION_FILE, open_for_writing
from contentfinder.index.segments import MAX_SMALL_SEGMENTS
from contentfinder.index.whoosh_internals import segment_count
from contentfinder.search.session import SearchRequest, search
from indexer import writing
from indexer.extract.base import Limits
from indexer.pipeline import IndexBusy, update_index
from tests.conftest import CORPUS
from tests.factories import write_docx, write_text


def hit_ids(settings) -> set[str]:
    return {h.id for h in search(settings, SearchRequest(limit=100, include_expired=True)).hits}


def test_a_file_past_its_time_limit_is_reported_and_the_run_goes_on(
    make_library, settings_for
) -> None:
    # 352 pages: about half a second to read here, once PDF text came from pdfium; the limit
    # is a fifth of that, so a faster machine still runs past it.
    book = CORPUS / "pdf" / "pdfjs_freeculture.pdf"
    library = make_library(
        {"book.pdf": lambda p: shutil.copy(book, p), "ok.txt": lambda p: write_text(p, "fine")}
    )
    settings = settings_for(library)
    summary = update_index(settings, workers=1, limits=Limits(seconds_per_file=0.1))
    assert summary.failed == [("book.pdf", "timed out: still reading after 0.1 s")]
    assert hit_ids(settings) == {"ok.txt"}


def test_a_zip_bomb_disguised_as_a_word_file_is_refused_not_unpacked(
    make_library, settings_for
) -> None:
    def bomb(path: Path) -> None:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", b"\0" * (600 * 1024 * 1024))

    library = make_library({"offer.docx": bomb, "ok.txt": lambda p: write_text(p, "fine")})
    assert (library / "offer.docx").stat().st_size < 2 * 1024 * 1024
    summary = update_index(settings_for(library), workers=1)
    [(asset_id, reason)] = summary.failed
    assert asset_id == "offer.docx" and reason.startswith("too large")


# Whoosh leaves the file of a segment it fails to open for the garbage collector to close.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_damaged_index_is_rebuilt(make_library, settings_for) -> None:
    library = make_library({"a.txt": lambda p: write_text(p, "alpha")})
    settings = settings_for(library)
    update_index(settings, workers=1)
    for segment_file in settings.index_dir.glob("*.seg"):
        segment_file.write_bytes(b"garbage")
    summary = update_index(settings, workers=1)
    assert summary.rebuilt_because and "damaged" in summary.rebuilt_because
    assert (summary.added, summary.extracted) == (1, 0)  # the text came from the cache
    assert hit_ids(settings) == {"a.txt"}


def test_an_index_of_another_schema_version_is_rebuilt(make_library, settings_for) -> None:
    library = make_library({"a.txt": lambda p: write_text(p, "alpha")})
    settings = settings_for(library)
    update_index(settings, workers=1)
    (settings.index_dir / VERSION_FILE).write_text("0")
    summary = update_index(settings, workers=1)
    assert summary.rebuilt_because == "the index format changed"
    assert summary.added == 1 and hit_ids(settings) == {"a.txt"}


def test_a_second_run_while_one_writes_says_the_index_is_busy(
    make_library, settings_for, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = make_library({"a.docx": lambda p: write_docx(p, ["alpha"])})
    settings = settings_for(library)
    update_index(settings, workers=1)
    write_text(library / "b.txt", "beta")
    monkeypatch.setattr(writing, "LOCK_WAIT_SECONDS", 0.3)
    ix, _ = open_for_writing(settings.index_dir)
    holder = ix.writer()
    try:
        with pytest.raises(IndexBusy, match="another index run is updating the index"):
            update_index(settings, workers=1)
    finally:
        holder.cancel()
    assert update_index(settings, workers=1).added == 1


def test_small_runs_do_not_pile_up_segments(make_library, settings_for) -> None:
    def note(n: int):
        return lambda p: write_text(p, f"n{n}")

    library = make_library({f"a{n}.txt": note(n) for n in range(20)})
    settings = settings_for(library)
    update_index(settings, workers=1)
    for n in range(8):  # eight small runs, one changed file each
        write_text(library / f"b{n}.txt", f"new {n}")
        update_index(settings, workers=1)
    ix, _ = open_for_writing(settings.index_dir)
    assert segment_count(ix) <= MAX_SMALL_SEGMENTS + 2
    assert len(hit_ids(settings)) == 28
