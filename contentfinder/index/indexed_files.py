"""What the index holds of each file, for the index run's plan: read from a snapshot when the
index has not changed since it was written, else from the index's stored fields.

An index run compares every file of the library with what the index holds (size, time, hash,
tag fingerprint). Reading that from Whoosh decodes every stored document, about a second at
50,000 assets, which a no-change run would spend to learn nothing. So a run that wrote the
index leaves a snapshot of it beside the index (`SNAPSHOT_FILE`), stamped with the generation
it committed and that generation's TOC file (its size and modification time). The next run
trusts the snapshot only when the stamp is the index's current one and the document counts
agree; another writer's commit (an older version, a run killed after a commit) or a damaged
snapshot changes that, and the run reads the index as before. A rebuilt index starts in an
empty folder, so a snapshot never outlives its index.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from contentfinder.files import atomic_write
from contentfinder.index.whoosh_writer import toc_file

SNAPSHOT_FILE = "contentfinder-indexed-files.json"
_VERSION = 1


class IndexedFile(NamedTuple):
    """One asset as the index holds it: what decides whether a run must touch it again.
    A named tuple: a large library has many, and a tuple is quickly made."""

    id: str
    size: int
    mtime_ns: int
    content_hash: str
    tag_fingerprint: str
    first_seen: date | None = None

    @classmethod
    def from_fields(cls, fields: Mapping[str, object]) -> IndexedFile:
        """From a document's stored fields, or the document the indexer writes."""
        return cls(
            str(fields["id"]),
            _integer(fields.get("size")),
            _integer(fields.get("mtime_ns")),
            str(fields.get("content_hash") or ""),
            str(fields.get("tag_fingerprint") or ""),
            day_of(fields.get("first_seen")),
        )


@dataclass(frozen=True)
class Stamp:
    """Which commit of the index a snapshot describes."""

    generation: int
    toc_size: int
    toc_mtime_ns: int
    documents: int

    def as_json(self) -> dict[str, int]:
        return {
            "generation": self.generation,
            "toc_size": self.toc_size,
            "toc_mtime_ns": self.toc_mtime_ns,
            "documents": self.documents,
        }


@dataclass
class IndexedFiles:
    """What the index holds, by asset id; `stamp` is the commit it was read from (None when
    that cannot be told), `from_snapshot` whether the snapshot was used."""

    files: dict[str, IndexedFile]
    stamp: Stamp | None
    from_snapshot: bool


def read_indexed_files(ix, index_dir: Path) -> IndexedFiles:  # noqa: ANN001 - a whoosh index
    """Opens every segment of the index (a damaged one raises here, as reading it would),
    then takes the files from the snapshot if it describes this very commit, else from the
    stored fields."""
    with ix.reader() as reader:
        stamp = _stamp_of(index_dir, _generation(ix, reader), reader.doc_count())
        if stamp is not None:
            files = _load(index_dir / SNAPSHOT_FILE, stamp)
            if files is not None:
                return IndexedFiles(files, stamp, from_snapshot=True)
        files = {}
        for fields in reader.all_stored_fields():
            indexed = IndexedFile.from_fields(fields)
            files[indexed.id] = indexed
        return IndexedFiles(files, stamp, from_snapshot=False)


def save_indexed_files(
    ix,  # noqa: ANN001 - a whoosh index
    index_dir: Path,
    files: Mapping[str, IndexedFile],
    *,
    generation: int,
) -> bool:
    """Writes the snapshot of commit `generation`, unless another commit followed it (then
    the files are not what the index holds, and the next run reads the index). True if
    written."""
    if ix.latest_generation() != generation:
        return False
    stamp = _stamp_of(index_dir, generation, len(files))
    if stamp is None:
        return False
    return write_snapshot(index_dir, files, stamp)


def write_snapshot(index_dir: Path, files: Mapping[str, IndexedFile], stamp: Stamp) -> bool:
    """Written without fsync: a snapshot lost in a crash costs the next run one read of the
    index, and a torn one is refused by its parse."""
    rows = [(*f[:5], _iso(f.first_seen)) for f in files.values()]
    data = {"version": _VERSION, "stamp": stamp.as_json(), "files": rows}
    try:
        atomic_write(
            index_dir / SNAPSHOT_FILE, json.dumps(data, separators=(",", ":")), durable=False
        )
    except OSError:
        return False  # a cache: the index is what counts, and it is committed
    return True


def _stamp_of(index_dir: Path, generation: int, documents: int) -> Stamp | None:
    try:
        stat = os.stat(index_dir / toc_file(generation))
    except OSError:
        return None  # no TOC file (an empty index) or another commit removed it
    return Stamp(generation, stat.st_size, stat.st_mtime_ns, documents)


def _generation(ix, reader) -> int:  # noqa: ANN001 - whoosh's
    generation = reader.generation()  # None or -1 from the reader of an empty index
    return generation if isinstance(generation, int) and generation >= 0 else ix.latest_generation()


def _load(path: Path, stamp: Stamp) -> dict[str, IndexedFile] | None:
    """The snapshot's files if it describes `stamp`, else None (missing, damaged, stale)."""
    try:
        data = json.loads(path.read_bytes())
        if data.get("version") != _VERSION or data.get("stamp") != stamp.as_json():
            return None
        files = {
            asset_id: IndexedFile(asset_id, size, mtime_ns, digest, fingerprint, day_of(day))
            for asset_id, size, mtime_ns, digest, fingerprint, day in data["files"]
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    # A snapshot of this very commit that parses is one this code wrote; a value of the
    # wrong type could only make a file look changed, and be read again.
    return files if len(files) == stamp.documents else None


@lru_cache(maxsize=4096)
def _parse_day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None


def day_of(iso: object) -> date | None:
    """An ISO day as stored, parsed once per distinct day (a library has few of them)."""
    return _parse_day(iso) if isinstance(iso, str) and iso else None


@lru_cache(maxsize=4096)
def _iso(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def _integer(value: object) -> int:
    return value if isinstance(value, int) else 0
