"""The shared extraction cache: extracted text kept beside the library, keyed by content hash,
so a team of reps on one share need not each extract every file again.

Marketing (any machine that may write into the library) publishes it with
`contentfinder index --shared-cache`; every index run reads it when it is there. An entry is
`<library>/.contentfinder/text/v2/<xx>/<hash>.entry`: one JSON header line (the content hash,
the payload's length and blake2b checksum, the entry format) and then the payload, byte for
byte what the local cache stores for that hash (`contentfinder.index.text_cache`).

The folder is a share many people can write to, so nothing in it is trusted blindly: an entry
is used only when its header parses, its payload has the stated length and checksum, and the
hash it names is the one the reader computed from the file itself. Anything else is ignored
(counted, never an error) and the file is extracted as if the entry were not there.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from contentfinder.files import atomic_write

SHARED_FOLDER = ".contentfinder"  # at the library root; the asset scan skips dot folders
ENTRY_FORMAT = 2  # the header and payload layout; a reader of another format finds none
ENTRY_SUFFIX = ".entry"
# A publisher prunes only entries older than this, so entries another machine is publishing
# at the same moment (for files this machine has not seen yet) survive.
PRUNE_GRACE_SECONDS = 24 * 3600
_MAX_HEADER_BYTES = 512  # a real header is about 150; more is not an entry of ours
_CHECKSUM_BYTES = 20


class SharedCacheUnwritable(Exception):
    """The shared cache cannot be written; the message names the folder or file and the cause."""


class Lookup(Enum):
    FOUND = "found"
    MISSING = "missing"
    IGNORED = "ignored"  # there, but damaged, truncated or not the entry for this content


@dataclass
class SharedCacheCounts:
    """What an index run did with the shared cache, for its summary."""

    read: int = 0  # extractions taken from the share instead of from the file
    written: int = 0
    pruned: int = 0
    ignored: int = 0  # entries found damaged or foreign, and not used

    def to_json(self) -> dict[str, int]:
        return {
            "read": self.read,
            "written": self.written,
            "pruned": self.pruned,
            "ignored": self.ignored,
        }


def shared_text_dir(library: Path) -> Path:
    """Where a library's shared extractions live (whether or not anyone published them)."""
    return library / SHARED_FOLDER / "text" / f"v{ENTRY_FORMAT}"


def published_text_dir(library: Path | None) -> Path | None:
    """The shared extractions a run should read: None when nobody published any."""
    if library is None:
        return None
    folder = shared_text_dir(library)
    return folder if folder.is_dir() else None


def checksum(payload: bytes) -> str:
    return hashlib.blake2b(payload, digest_size=_CHECKSUM_BYTES).hexdigest()


def encode_entry(digest: str, payload: bytes) -> bytes:
    header = {
        "hash": digest,
        "length": len(payload),
        "blake2b": checksum(payload),
        "format": ENTRY_FORMAT,
    }
    return json.dumps(header, separators=(",", ":")).encode("ascii") + b"\n" + payload


def decode_entry(digest: str, data: bytes) -> bytes | None:
    """The payload of an entry for content `digest`, or None when `data` is not one."""
    end = data.find(b"\n", 0, _MAX_HEADER_BYTES)
    if end < 0:
        return None
    try:
        header = json.loads(data[:end])
    except ValueError:  # includes a header that is not UTF-8
        return None
    if not isinstance(header, dict):
        return None
    payload = data[end + 1 :]
    if (
        header.get("format") != ENTRY_FORMAT
        or header.get("hash") != digest
        or header.get("length") != len(payload)
        or header.get("blake2b") != checksum(payload)
    ):
        return None
    return payload


def entry_size(digest: str, payload_size: int) -> int:
    """The size of the entry `encode_entry` makes for a payload of this size: the header's
    length does not depend on the payload's bytes, only on how many there are."""
    header = encode_entry(digest, b"")
    return len(header) - 1 + len(str(payload_size)) + payload_size


class SharedTextCache:
    """The entries in one library's `.contentfinder/text/v2` folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, digest: str) -> Path:
        return self.folder / digest[:2] / f"{digest}{ENTRY_SUFFIX}"

    def read(self, digest: str) -> tuple[Lookup, bytes | None]:
        """The checked payload for `digest`, a content hash the caller computed itself."""
        try:
            data = self.path(digest).read_bytes()
        except FileNotFoundError:
            return Lookup.MISSING, None
        except OSError:  # unreadable, a folder where a file should be, a share gone
            return Lookup.IGNORED, None
        payload = decode_entry(digest, data)
        return (Lookup.IGNORED, None) if payload is None else (Lookup.FOUND, payload)

    def check_writable(self) -> None:
        """Fails before a long run, not after it, when this machine cannot publish."""
        probe = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            descriptor, probe = tempfile.mkstemp(dir=self.folder, prefix=".probe-")
            os.close(descriptor)
        except OSError as exc:
            raise unwritable(Path(exc.filename or self.folder), exc) from exc
        finally:
            if probe is not None:
                Path(probe).unlink(missing_ok=True)

    def publish(
        self,
        payloads: dict[str, Path],
        counts: SharedCacheCounts,
        *,
        now: float | None = None,
    ) -> None:
        """Writes an entry for each content hash in `payloads` (hash -> the local cache file
        holding its payload) that the share lacks, then prunes entries no hash needs any more
        and older than the grace period. Raises SharedCacheUnwritable."""
        present = self._present()
        for digest, local in payloads.items():
            try:
                size = local.stat().st_size
            except OSError:
                continue  # not in the local cache (it was cleared): reps extract this one
            if present.get(digest) == entry_size(digest, size):
                continue  # what a damaged entry of the same size costs: reps extract the file
            try:
                payload = local.read_bytes()
            except OSError:
                continue
            self._write(digest, payload)
            counts.written += 1
        self._prune(set(payloads), counts, time.time() if now is None else now)

    def _write(self, digest: str, payload: bytes) -> None:
        target = self.path(digest)
        try:
            atomic_write(target, encode_entry(digest, payload), durable=False, keep_mode=False)
        except OSError as exc:
            raise unwritable(Path(exc.filename or target), exc) from exc

    def _present(self) -> dict[str, int]:
        """Hash -> entry size of every entry in the share, from the folder listings alone."""
        present: dict[str, int] = {}
        for entry in self._entries():
            try:
                present[entry.name[: -len(ENTRY_SUFFIX)]] = entry.stat().st_size
            except OSError:
                continue
        return present

    def _entries(self) -> Iterable[os.DirEntry[str]]:
        try:
            buckets = [b for b in os.scandir(self.folder) if b.is_dir(follow_symlinks=False)]
        except OSError:
            return
        for bucket in buckets:
            try:
                with os.scandir(bucket.path) as listing:
                    yield from (e for e in listing if e.is_file(follow_symlinks=False))
            except OSError:
                continue

    def _prune(self, needed: set[str], counts: SharedCacheCounts, now: float) -> None:
        for entry in self._entries():
            name = entry.name
            # Left-over temporary files of a crashed publisher go too, after the same grace.
            is_entry = name.endswith(ENTRY_SUFFIX) and not name.startswith(".")
            if is_entry and name[: -len(ENTRY_SUFFIX)] in needed:
                continue
            try:
                if now - entry.stat().st_mtime < PRUNE_GRACE_SECONDS:
                    continue
                os.unlink(entry.path)
            except FileNotFoundError:
                continue  # another publisher pruned it first
            except OSError as exc:
                raise unwritable(Path(entry.path), exc) from exc
            counts.pruned += is_entry


def unwritable(path: Path, exc: OSError) -> SharedCacheUnwritable:
    cause = exc.strerror or type(exc).__name__
    return SharedCacheUnwritable(f"{path}: cannot write the shared cache ({cause})")
