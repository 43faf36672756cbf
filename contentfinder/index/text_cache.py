"""Extracted text cached by content hash in the home folder (shared by indexer and search).

A re-tag (catalog or taxonomy edit), a rename, or a schema rebuild then costs no re-extraction.
Each entry is written to a temporary name and renamed, so a crash never leaves half an entry.
The entries' format is `cache_entry`'s. An entry written before the readers found authors has
its text used as it is, and the indexer reads the author alone from the file (see
`indexer.workers`), then writes the entry anew; a PDF entry from before `PDF_TEXT_VERSION` is
not used at all.

Given the library's shared cache (`contentfinder.index.shared_cache`), an extraction missing
here is looked up there, and one found is copied here byte for byte, so search snippets and
later runs need the share no more.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from contentfinder.files import atomic_write
from contentfinder.index.cache_entry import NOT_AN_ENTRY, entry_bytes, extracted_of, joined_of
from contentfinder.index.extracted import Extracted
from contentfinder.index.joined_text import JoinedText
from contentfinder.index.shared_cache import (
    Lookup,
    SharedCacheCounts,
    SharedTextCache,
)

_HASH_CHUNK = 1024 * 1024


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
        atomic_write(self._path(digest), entry_bytes(extracted), durable=False)

    def get_text(self, digest: str) -> JoinedText | None:
        """The cached text as search reads it; None when missing or damaged. From this folder
        only: an index run copies here what it used of the share."""
        try:
            with open(self._file(digest), "rb") as stream:
                return joined_of(stream.read())
        except OSError:
            return None  # missing
        except NOT_AN_ENTRY:
            return None  # damaged, or not ours


def _decoded(payload: bytes) -> tuple[Extracted, int] | None:
    """An entry's extraction and `ENTRY_VERSION`; None for bytes that are not an entry."""
    try:
        return extracted_of(payload)
    except NOT_AN_ENTRY:
        return None  # damaged, or not ours
