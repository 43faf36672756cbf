"""The shared extraction cache's entries: their format, what a reader refuses, and publishing
(atomic writes, prune with a grace period) on a real folder."""

from __future__ import annotations

import json
import os
import time
import zlib
from pathlib import Path

import pytest
import zstandard

from contentfinder.index.extracted import Extracted, Segment
from contentfinder.index.shared_cache import (
    ENTRY_FORMAT,
    PRUNE_GRACE_SECONDS,
    Lookup,
    SharedCacheCounts,
    SharedCacheUnwritable,
    SharedTextCache,
    checksum,
    decode_entry,
    encode_entry,
    entry_size,
    published_text_dir,
    shared_text_dir,
)
from contentfinder.index.text_cache import ExtractionCache, content_hash

DIGEST = "ab" + "0" * 38
OTHER = "cd" + "1" * 38
EXTRACTED = Extracted(
    segments=(Segment("Zero-downtime migration plan", 1), Segment("Encryption at rest", 2)),
    title="Migration Pitch",
    first_heading="Plan",
    keyword_strings=("persona: CISO; tofu",),
    facet_values=(("stage", "awareness"),),
    author="Dana Reyes",
)


def local_payload(tmp_path: Path, digest: str = DIGEST, extracted: Extracted = EXTRACTED) -> bytes:
    """What the local cache stores for `extracted`: the payload a shared entry carries."""
    cache = ExtractionCache(tmp_path / "payloads")
    cache.put(digest, extracted)
    return cache._path(digest).read_bytes()


@pytest.fixture
def share(tmp_path: Path) -> SharedTextCache:
    return SharedTextCache(shared_text_dir(tmp_path / "library"))


def put_entry(share: SharedTextCache, digest: str, data: bytes) -> Path:
    path = share.path(digest)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


# --- the entry format -----------------------------------------------------------------------


def test_an_entry_is_a_json_header_line_then_the_payload_unchanged(tmp_path: Path) -> None:
    payload = local_payload(tmp_path)
    data = encode_entry(DIGEST, payload)
    header_line, rest = data.split(b"\n", 1)
    assert json.loads(header_line) == {
        "hash": DIGEST,
        "length": len(payload),
        "blake2b": checksum(payload),
        "format": ENTRY_FORMAT,
    }
    assert rest == payload
    assert decode_entry(DIGEST, data) == payload


def test_entries_live_beside_the_library_under_a_versioned_folder(tmp_path: Path) -> None:
    library = tmp_path / "library"
    assert shared_text_dir(library) == library / ".contentfinder" / "text" / "v2"
    assert SharedTextCache(shared_text_dir(library)).path(DIGEST) == (
        library / ".contentfinder" / "text" / "v2" / "ab" / f"{DIGEST}.entry"
    )


def test_a_library_nobody_published_to_has_no_shared_folder_to_read(tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    assert published_text_dir(library) is None
    assert published_text_dir(None) is None
    shared_text_dir(library).mkdir(parents=True)
    assert published_text_dir(library) == shared_text_dir(library)


@pytest.mark.parametrize("size", [0, 1, 9, 10, 99, 100, 12_345, 1_000_000])
def test_the_size_of_an_entry_is_known_from_the_payload_size_alone(size: int) -> None:
    assert entry_size(DIGEST, size) == len(encode_entry(DIGEST, b"x" * size))


# --- what a reader refuses ------------------------------------------------------------------


def test_a_valid_entry_is_found_and_a_missing_one_is_missing(
    tmp_path: Path, share: SharedTextCache
) -> None:
    payload = local_payload(tmp_path)
    put_entry(share, DIGEST, encode_entry(DIGEST, payload))
    assert share.read(DIGEST) == (Lookup.FOUND, payload)
    assert share.read(OTHER) == (Lookup.MISSING, None)


def damaged_entries(payload: bytes) -> dict[str, bytes]:
    good = encode_entry(DIGEST, payload)
    header, body = good.split(b"\n", 1)
    flipped = bytearray(good)
    flipped[-5] ^= 0x01
    fields = json.loads(header)
    return {
        "a flipped payload byte": bytes(flipped),
        "truncated payload": good[:-10],
        "truncated header": good[:20],
        "payload appended to": good + b"more",
        "the entry of other content": encode_entry(OTHER, payload),
        "another entry format": json.dumps({**fields, "format": ENTRY_FORMAT + 1}).encode()
        + b"\n"
        + body,
        "a length that lies": json.dumps({**fields, "length": len(body) - 1}).encode()
        + b"\n"
        + body,
        "no header at all": payload,
        "a header that is not JSON": b"{hash: " + header[8:] + b"\n" + body,
        "a header that is a list": b"[1, 2]\n" + body,
        "bytes that are not UTF-8": b"\xff\xfe\x00garbage\n" + body,
        "empty": b"",
        "a header line too long to be ours": b" " * 600 + header + b"\n" + body,
    }


@pytest.mark.parametrize("case", list(damaged_entries(b"p")))
def test_a_damaged_or_foreign_entry_is_ignored(
    tmp_path: Path, share: SharedTextCache, case: str
) -> None:
    put_entry(share, DIGEST, damaged_entries(local_payload(tmp_path))[case])
    assert share.read(DIGEST) == (Lookup.IGNORED, None)


def test_a_folder_where_an_entry_should_be_is_ignored(share: SharedTextCache) -> None:
    share.path(DIGEST).mkdir(parents=True)
    assert share.read(DIGEST) == (Lookup.IGNORED, None)


# --- the local cache reading the share ------------------------------------------------------


def test_the_local_cache_takes_a_missing_extraction_from_the_share_and_keeps_a_copy(
    tmp_path: Path, share: SharedTextCache
) -> None:
    payload = local_payload(tmp_path)
    put_entry(share, DIGEST, encode_entry(DIGEST, payload))
    cache = ExtractionCache(tmp_path / "home-cache", shared_root=share.folder)
    assert cache.get(DIGEST) == EXTRACTED
    assert cache.shared_counts == SharedCacheCounts(read=1)
    assert cache._path(DIGEST).read_bytes() == payload  # byte for byte
    share.path(DIGEST).unlink()  # the share gone offline: the copy serves from now on
    assert cache.get(DIGEST) == EXTRACTED
    assert cache.shared_counts.read == 1


def test_the_local_cache_is_read_first(tmp_path: Path, share: SharedTextCache) -> None:
    other = Extracted(segments=(Segment("something else"),))
    put_entry(share, DIGEST, encode_entry(DIGEST, local_payload(tmp_path, extracted=other)))
    cache = ExtractionCache(tmp_path / "home-cache", shared_root=share.folder)
    cache.put(DIGEST, EXTRACTED)
    assert cache.get(DIGEST) == EXTRACTED
    assert cache.shared_counts == SharedCacheCounts()


def test_a_damaged_shared_entry_is_counted_ignored_and_never_copied(
    tmp_path: Path, share: SharedTextCache
) -> None:
    put_entry(share, DIGEST, encode_entry(DIGEST, local_payload(tmp_path))[:-3])
    cache = ExtractionCache(tmp_path / "home-cache", shared_root=share.folder)
    assert cache.get(DIGEST) is None
    assert cache.shared_counts == SharedCacheCounts(ignored=1)
    assert not cache._path(DIGEST).exists()


def test_a_checksummed_payload_that_is_no_extraction_is_ignored(
    tmp_path: Path, share: SharedTextCache
) -> None:
    # Written by something that knows the header but not the payload: the checksum is right.
    others = [b"not zlib at all", zlib.compress(b"[1]"), zstandard.compress(b'{"segments": 1}')]
    for number, payload in enumerate(others):
        digest = f"{number:02d}" + "e" * 38
        put_entry(share, digest, encode_entry(digest, payload))
        cache = ExtractionCache(tmp_path / f"home-cache-{number}", shared_root=share.folder)
        assert cache.get(digest) is None
        assert cache.shared_counts == SharedCacheCounts(ignored=1)


def test_without_a_share_a_missing_extraction_is_simply_missing(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path / "home-cache")
    assert cache.get(DIGEST) is None
    assert cache.shared_counts == SharedCacheCounts()


def test_entries_are_found_by_the_hash_of_the_real_file(tmp_path: Path) -> None:
    asset = tmp_path / "deck.md"
    asset.write_text("# Plan\nZero-downtime migration.\n", encoding="utf-8")
    digest = content_hash(asset)
    publisher = ExtractionCache(tmp_path / "marketing", shared_root=tmp_path / "share")
    publisher.put(digest, EXTRACTED)
    assert publisher.publish_to_library({digest}).written == 1
    rep = ExtractionCache(tmp_path / "rep", shared_root=tmp_path / "share")
    asset.write_text("# Plan\nChanged since.\n", encoding="utf-8")
    assert rep.get(content_hash(asset)) is None  # the file's new content has no entry
    assert rep.get(digest) == EXTRACTED


# --- publishing -----------------------------------------------------------------------------


def publisher_with(tmp_path: Path, share: SharedTextCache, *digests: str) -> ExtractionCache:
    cache = ExtractionCache(tmp_path / "marketing", shared_root=share.folder)
    for digest in digests:
        cache.put(digest, EXTRACTED)
    return cache


def test_publishing_writes_an_entry_per_hash_the_share_lacks(
    tmp_path: Path, share: SharedTextCache
) -> None:
    cache = publisher_with(tmp_path, share, DIGEST, OTHER)
    counts = cache.publish_to_library({DIGEST, OTHER})
    assert counts == SharedCacheCounts(written=2)
    for digest in (DIGEST, OTHER):
        assert share.read(digest) == (Lookup.FOUND, cache._path(digest).read_bytes())
    leftovers = [p.name for p in share.folder.rglob("*") if p.is_file()]
    assert sorted(leftovers) == sorted([f"{DIGEST}.entry", f"{OTHER}.entry"])  # no temp files
    assert oct(share.path(DIGEST).stat().st_mode & 0o777) == oct(0o644)  # reps read it


def test_publishing_again_writes_nothing_that_is_there(
    tmp_path: Path, share: SharedTextCache
) -> None:
    cache = publisher_with(tmp_path, share, DIGEST)
    cache.publish_to_library({DIGEST})
    before = share.path(DIGEST).stat()
    assert cache.publish_to_library({DIGEST}) == SharedCacheCounts()
    assert share.path(DIGEST).stat().st_mtime_ns == before.st_mtime_ns


def test_publishing_replaces_a_truncated_entry_by_renaming_a_whole_one_over_it(
    tmp_path: Path, share: SharedTextCache
) -> None:
    cache = publisher_with(tmp_path, share, DIGEST)
    cache.publish_to_library({DIGEST})
    path = share.path(DIGEST)
    path.write_bytes(path.read_bytes()[:-4])
    old_inode = path.stat().st_ino
    assert cache.publish_to_library({DIGEST}).written == 1
    # A new file renamed into place: a rep reading meanwhile saw the old bytes or the new.
    assert path.stat().st_ino != old_inode
    assert share.read(DIGEST)[0] is Lookup.FOUND


def test_a_hash_missing_from_the_local_cache_is_not_published(
    tmp_path: Path, share: SharedTextCache
) -> None:
    cache = publisher_with(tmp_path, share, DIGEST)
    assert cache.publish_to_library({DIGEST, OTHER}) == SharedCacheCounts(written=1)
    assert share.read(OTHER) == (Lookup.MISSING, None)


def test_prune_removes_old_entries_nothing_uses_and_spares_a_concurrent_publishers(
    tmp_path: Path, share: SharedTextCache
) -> None:
    stale, fresh = "ee" + "2" * 38, "ff" + "3" * 38
    cache = publisher_with(tmp_path, share, DIGEST, OTHER, stale, fresh)
    cache.publish_to_library({DIGEST, OTHER, stale, fresh})
    age(share.path(stale), PRUNE_GRACE_SECONDS + 60)
    age(share.path(fresh), PRUNE_GRACE_SECONDS - 3600)  # another machine published it today
    age(share.path(OTHER), PRUNE_GRACE_SECONDS * 10)  # old, but still in use
    counts = cache.publish_to_library({DIGEST, OTHER})
    assert counts == SharedCacheCounts(pruned=1)
    assert not share.path(stale).exists()
    assert share.path(fresh).exists()
    assert share.path(OTHER).exists()
    assert share.path(DIGEST).exists()


def test_prune_clears_a_crashed_publishers_old_temporary_files_only(
    tmp_path: Path, share: SharedTextCache
) -> None:
    cache = publisher_with(tmp_path, share, DIGEST)
    cache.publish_to_library({DIGEST})
    bucket = share.path(DIGEST).parent
    old, new = bucket / f".{DIGEST}.entry.x1.tmp", bucket / f".{DIGEST}.entry.x2.tmp"
    old.write_bytes(b"half")
    new.write_bytes(b"half")  # a publisher writing right now
    age(old, PRUNE_GRACE_SECONDS + 1)
    assert cache.publish_to_library({DIGEST}) == SharedCacheCounts()  # temp files: not entries
    assert not old.exists()
    assert new.exists()


def test_a_share_that_cannot_be_written_is_named_with_the_cause(tmp_path: Path) -> None:
    # Root ignores permission bits, so the share is made unwritable as a file in the way.
    library = tmp_path / "library"
    library.mkdir()
    (library / ".contentfinder").write_text("not a folder", encoding="utf-8")
    with pytest.raises(SharedCacheUnwritable) as caught:
        SharedTextCache(shared_text_dir(library)).check_writable()
    message = str(caught.value)
    assert ".contentfinder" in message
    assert "cannot write the shared cache" in message
    assert "(Not a directory)" in message or "(File exists)" in message


def test_a_writable_share_is_checked_without_leaving_anything(share: SharedTextCache) -> None:
    share.check_writable()
    assert list(share.folder.iterdir()) == []
