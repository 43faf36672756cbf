"""Extracted text cached by content hash in the home folder (shared by indexer and search).

A re-tag (catalog or taxonomy edit), a rename, or a schema rebuild then costs no re-extraction.
Each entry is written to a temporary name and renamed, so a crash never leaves half an entry.
Entries carry the readers' `ENTRY_VERSION`: an entry written before the readers found authors
has its text used as it is, and the indexer reads the author alone from the file (see
`indexer.workers`), then writes the entry anew; a PDF entry from before `PDF_TEXT_VERSION` is
not used at all.

Entries are JSON compressed with Zstandard: against zlib (which wrote the entries of versions
before December 2026, still read), a third faster to write, three times faster to read (a
search reads one per hit it shows, about 13 KB of text: 65 -> 20 us) and a tenth smaller.

Given the library's shared cache (`contentfinder.index.shared_cache`), an extraction missing
here is looked up there, and one found is copied here byte for byte, so search snippets and
later runs need the share no more.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from pathlib import Path

import zstandard

from contentfinder.files import atomic_write
from contentfinder.index import zstd_codecs
from contentfinder.index.extracted import Extracted, Segment
from contentfinder.index.shared_cache import (
    Lookup,
    SharedCacheCounts,
    SharedTextCache,
)

_HASH_CHUNK = 1024 * 1024
ENTRY_VERSION = 3  # 2: entries carry the embedded author; 3: PDF text is read by pdfium
# A PDF entry older than this holds pypdf's text (words split at line-end hyphens, the files
# pypdf gave up on): the indexer extracts the file again instead.
PDF_TEXT_VERSION = 3
ZSTD_LEVEL = 3  # Zstandard's default: level 1 is no faster to read and 3% larger
# An entry claiming more text than this is no extraction of ours (the longest books come to a
# few megabytes): refused before Zstandard sets aside the room it claims.
MAX_ENTRY_BYTES = 256 * 1024 * 1024


def content_hash(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=20)
    with path.open("rb") as stream:
        while chunk := stream.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class ExtractionCache:
    def __init__(self, folder: Path, *, shared_root: Path | None = None) -> None:
        """`shared_root`: the library's shared extractions folder, read after this one."""
        self.folder = folder
        self._folder_text = str(folder)
        self.shared = SharedTextCache(shared_root) if shared_root is not None else None
        self.shared_counts = SharedCacheCounts()  # what this cache took from the share

    def _path(self, digest: str) -> Path:
        return Path(self._file(digest))

    def _file(self, digest: str) -> str:
        # A string, not a Path: a search reads one entry per new hit, and pathlib's parsing
        # cost as much as the read.
        return os.path.join(self._folder_text, digest[:2], f"{digest}.json.z")

    def get(self, digest: str) -> Extracted | None:
        found = self.get_versioned(digest)
        return found[0] if found is not None else None

    def get_versioned(self, digest: str) -> tuple[Extracted, int] | None:
        """The cached extraction and the `ENTRY_VERSION` it was written with. `digest` must be
        the hash of the content as the caller read it: the share is looked up by it."""
        try:
            with open(self._file(digest), "rb") as stream:
                found = _decoded(stream.read())
        except OSError:
            found = None  # missing
        if found is None and self.shared is not None:
            found = self._from_share(digest)
        return found  # None: missing or damaged, and the caller extracts again

    def _from_share(self, digest: str) -> tuple[Extracted, int] | None:
        assert self.shared is not None
        lookup, payload = self.shared.read(digest)
        found = _decoded(payload) if payload is not None else None
        if found is None:
            # A payload with a valid checksum that does not decode is foreign all the same.
            self.shared_counts.ignored += lookup is not Lookup.MISSING
            return None
        self.shared_counts.read += 1
        try:
            atomic_write(self._path(digest), payload, durable=False)
        except OSError:
            pass  # a full disk: the next run reads the share again
        return found

    def publish_to_library(self, digests: set[str]) -> SharedCacheCounts:
        """Writes the extraction of each content hash in `digests` to the shared cache where
        it lacks one, and prunes the entries no longer needed (see `SharedTextCache.publish`).
        Raises SharedCacheUnwritable."""
        assert self.shared is not None, "publishing needs the shared folder"
        counts = SharedCacheCounts()
        self.shared.publish({d: self._path(d) for d in sorted(digests)}, counts)
        return counts

    def put(self, digest: str, extracted: Extracted) -> None:
        data = {
            "version": ENTRY_VERSION,
            "author": extracted.author,
            "partly_read": extracted.partly_read,
            "segments": [(s.text, s.location) for s in extracted.segments],
            "title": extracted.title,
            "first_heading": extracted.first_heading,
            "keyword_strings": list(extracted.keyword_strings),
            "facet_values": [list(pair) for pair in extracted.facet_values],
        }
        target = self._path(digest)
        atomic_write(target, entry_payload(data), durable=False)


def entry_payload(data: dict) -> bytes:
    """The bytes of an entry holding `data`, as `put` writes them."""
    text = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return zstd_codecs.compressor(ZSTD_LEVEL).compress(text)


def entry_data(payload: bytes) -> dict:
    """The data an entry's bytes hold, written now (Zstandard) or before (zlib). Raises
    ValueError, zstandard.ZstdError or zlib.error for other bytes."""
    if not payload.startswith(zstandard.FRAME_HEADER):  # the bytes every frame starts with
        return json.loads(zlib.decompress(payload))
    size = zstandard.frame_content_size(payload)
    if not 0 <= size <= MAX_ENTRY_BYTES:  # -1: a frame not saying its size, not one of ours
        raise ValueError(f"an entry of {size} bytes")
    return json.loads(zstd_codecs.decompressor().decompress(payload))


def _decoded(payload: bytes) -> tuple[Extracted, int] | None:
    """An entry's extraction and `ENTRY_VERSION`; None for bytes that are not an entry."""
    try:
        data = entry_data(payload)
        extracted = Extracted(
            segments=tuple(Segment(text, location) for text, location in data["segments"]),
            title=data["title"],
            first_heading=data["first_heading"],
            keyword_strings=tuple(data["keyword_strings"]),
            facet_values=tuple((facet, value) for facet, value in data["facet_values"]),
            author=str(data.get("author") or ""),
            partly_read=str(data.get("partly_read") or ""),
        )
        return extracted, int(data.get("version", 1))
    except (ValueError, TypeError, KeyError, AttributeError, zlib.error, zstandard.ZstdError):
        return None  # damaged, or not ours
