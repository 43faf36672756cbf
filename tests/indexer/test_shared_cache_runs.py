"""Index runs with the shared extraction cache, on real files: marketing publishes, a rep's run
reads what matches and extracts the rest, and never writes into the library."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from contentfinder.config import Settings
from contentfinder.index.shared_cache import (
    PRUNE_GRACE_SECONDS,
    SharedCacheCounts,
    SharedCacheUnwritable,
    SharedTextCache,
    encode_entry,
    shared_text_dir,
)
from contentfinder.index.text_cache import ExtractionCache, content_hash
from contentfinder.library.scan import scan_library
from contentfinder.search.session import SearchRequest, search
from indexer.pipeline import update_index
from tests.factories import write_docx, write_pdf, write_pptx, write_text
from tests.read_only import needs_read_only_mounts, run_with_read_only

FILES = {
    "Guides/close.md": lambda p: write_text(p, "# Close faster\nMonth-end reconciliation.\n"),
    "Email/follow-up.txt": lambda p: write_text(p, "Following up on our SOC 2 conversation."),
    "Decks/pitch.pptx": lambda p: write_pptx(p, ["Zero-downtime migration plan"]),
    "Security/overview.docx": lambda p: write_docx(p, ["Encryption at rest and in transit."]),
    "Briefs/roi.pdf": lambda p: write_pdf(p, ["Payback within eleven months."]),
}


def ids(settings: Settings, text: str) -> set[str]:
    request = SearchRequest(text=text, limit=100, include_expired=True)
    return {hit.id for hit in search(settings, request).hits}


def share_state(library: Path) -> dict[str, tuple[int, int]]:
    """Every file under the library's shared folder with its size and modification time."""
    folder = library / ".contentfinder"
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.fixture
def published(make_library, tmp_path: Path) -> Path:
    """A library whose extractions marketing has published."""
    library = make_library(FILES)
    marketing = Settings(library=library, home=tmp_path / "marketing")
    summary = update_index(marketing, workers=1, shared_cache=True)
    assert (summary.added, summary.failed) == (5, [])
    assert summary.shared_cache == SharedCacheCounts(written=5)
    return library


def rep(library: Path, tmp_path: Path, name: str = "rep") -> Settings:
    return Settings(library=library, home=tmp_path / name)


def test_a_reps_first_run_extracts_nothing_the_share_holds(published, tmp_path) -> None:
    settings = rep(published, tmp_path)
    summary = update_index(settings, workers=1)
    assert (summary.added, summary.extracted, summary.failed) == (5, 0, [])
    assert summary.shared_cache == SharedCacheCounts(read=5)
    assert ids(settings, "reconciliation") == {"Guides/close.md"}
    assert ids(settings, "migration") == {"Decks/pitch.pptx"}
    assert ids(settings, "payback") == {"Briefs/roi.pdf"}


def test_a_rep_keeps_local_copies_so_snippets_need_no_share(published, tmp_path) -> None:
    settings = rep(published, tmp_path)
    update_index(settings, workers=1)
    digest = content_hash(published / "Security/overview.docx")
    local = ExtractionCache(settings.cache_dir)
    assert "Encryption at rest" in local.get(digest).text


def test_a_file_changed_since_publishing_is_extracted_by_the_rep(published, tmp_path) -> None:
    write_text(published / "Guides/close.md", "# Close faster\nIntercompany eliminations.\n")
    settings = rep(published, tmp_path)
    summary = update_index(settings, workers=1)
    assert (summary.added, summary.extracted) == (5, 1)
    assert summary.shared_cache == SharedCacheCounts(read=4)
    assert ids(settings, "intercompany") == {"Guides/close.md"}
    assert ids(settings, "reconciliation") == set()


def test_a_rep_never_writes_into_the_share(published, tmp_path) -> None:
    write_text(published / "Guides/new.md", "# New\nFresh onboarding checklist.\n")
    stale = SharedTextCache(shared_text_dir(published)).path("ee" + "0" * 38)
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"an entry nothing needs, long expired")
    os.utime(stale, (time.time() - 3 * PRUNE_GRACE_SECONDS,) * 2)
    before = share_state(published)
    settings = rep(published, tmp_path)
    summary = update_index(settings, workers=1)
    assert (summary.added, summary.extracted) == (6, 1)
    assert summary.shared_cache is not None
    assert (summary.shared_cache.written, summary.shared_cache.pruned) == (0, 0)
    assert share_state(published) == before  # the new file's text stays on the rep's machine


def test_a_damaged_entry_is_ignored_and_the_file_extracted(published, tmp_path) -> None:
    entry = SharedTextCache(shared_text_dir(published)).path(
        content_hash(published / "Email/follow-up.txt")
    )
    entry.write_bytes(entry.read_bytes()[:-7])
    settings = rep(published, tmp_path)
    summary = update_index(settings, workers=1)
    assert (summary.added, summary.extracted) == (5, 1)
    assert summary.shared_cache == SharedCacheCounts(read=4, ignored=1)
    assert ids(settings, "SOC") == {"Email/follow-up.txt"}


def test_an_entry_claiming_another_files_content_is_not_trusted(published, tmp_path) -> None:
    # A checksummed entry of the deck's text put where the e-mail's entry belongs: a foreign
    # writer, or a copying accident. The rep checks the hash inside, not the name outside.
    share = SharedTextCache(shared_text_dir(published))
    deck = content_hash(published / "Decks/pitch.pptx")
    mail = content_hash(published / "Email/follow-up.txt")
    share.path(mail).write_bytes(share.path(deck).read_bytes())
    settings = rep(published, tmp_path)
    summary = update_index(settings, workers=1)
    assert summary.shared_cache == SharedCacheCounts(read=4, ignored=1)
    assert ids(settings, "migration") == {"Decks/pitch.pptx"}
    assert ids(settings, "SOC") == {"Email/follow-up.txt"}


def test_a_forged_entry_with_its_own_valid_checksum_still_needs_the_files_hash(
    published, tmp_path
) -> None:
    # Whoever can write into the share can write a well-formed entry; it names a hash no file
    # has, so no rep ever looks it up.
    share = SharedTextCache(shared_text_dir(published))
    forged = "00" + "f" * 38
    payload = (
        ExtractionCache(tmp_path / "marketing" / "cache")
        ._path(content_hash(published / "Decks/pitch.pptx"))
        .read_bytes()
    )
    share.path(forged).parent.mkdir(parents=True, exist_ok=True)
    share.path(forged).write_bytes(encode_entry(forged, payload))
    settings = rep(published, tmp_path)
    assert update_index(settings, workers=1).shared_cache == SharedCacheCounts(read=5)
    assert ids(settings, "migration") == {"Decks/pitch.pptx"}


def test_the_asset_scan_never_sees_the_shared_folder(published) -> None:
    (published / ".contentfinder" / "notes.md").write_text("# not an asset", encoding="utf-8")
    scan = scan_library(published)
    assert sorted(scan.assets) == sorted(FILES)
    assert not [i for i in scan.unsupported if i.startswith(".contentfinder")]


def test_republishing_prunes_entries_of_files_gone_after_the_grace(published, tmp_path) -> None:
    share = SharedTextCache(shared_text_dir(published))
    gone = content_hash(published / "Briefs/roi.pdf")
    (published / "Briefs/roi.pdf").unlink()
    marketing = Settings(library=published, home=tmp_path / "marketing")
    summary = update_index(marketing, workers=1, shared_cache=True)
    assert summary.removed == 1
    assert summary.shared_cache == SharedCacheCounts(pruned=0)  # within the grace: kept
    assert share.path(gone).exists()
    os.utime(share.path(gone), (time.time() - PRUNE_GRACE_SECONDS - 5,) * 2)
    summary = update_index(marketing, workers=1, shared_cache=True)  # a run with no change
    assert (summary.unchanged, summary.shared_cache) == (4, SharedCacheCounts(pruned=1))
    assert not share.path(gone).exists()


def test_a_library_indexed_before_is_published_without_extracting(make_library, tmp_path) -> None:
    library = make_library(FILES)
    marketing = Settings(library=library, home=tmp_path / "marketing")
    update_index(marketing, workers=1)
    assert not (library / ".contentfinder").exists()
    summary = update_index(marketing, workers=1, shared_cache=True)
    assert (summary.unchanged, summary.extracted) == (5, 0)
    assert summary.shared_cache == SharedCacheCounts(written=5)


def test_a_run_that_cannot_publish_stops_before_indexing(make_library, tmp_path) -> None:
    library = make_library(FILES)
    (library / ".contentfinder").write_text("in the way", encoding="utf-8")
    marketing = Settings(library=library, home=tmp_path / "marketing")
    with pytest.raises(
        SharedCacheUnwritable,
        match=r"\.contentfinder/text/v2: cannot write the shared cache \(Not a directory\)",
    ):
        update_index(marketing, workers=1, shared_cache=True)
    assert not marketing.index_dir.exists()


@needs_read_only_mounts
def test_a_rep_reads_a_read_only_share(published, tmp_path) -> None:
    home = tmp_path / "rep"
    result = run_with_read_only(
        published,
        [
            sys.executable,
            "-m",
            "contentfinder.cli",
            "index",
            "--json",
            "--workers",
            "1",
            "--library",
            str(published),
            "--home",
            str(home),
        ],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["added"], summary["failed"]) == (5, [])
    assert summary["shared_cache"] == {"read": 5, "written": 0, "pruned": 0, "ignored": 0}
