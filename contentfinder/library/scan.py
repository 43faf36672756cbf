"""The library folder: which files are assets, their ids, and which files are not supported.

A library is read-only for reps; nothing here writes into it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from contentfinder.library.formats import format_of
from contentfinder.portability.names import for_file_calls

AssetId = str  # path relative to the library root, '/'-separated: "Case Studies/Acme.pdf"

# Files at the root that describe the library rather than belong to it.
CONTROL_FILES = frozenset({"taxonomy.toml", "catalog.csv", "synonyms.toml", "catalog.csv.lock"})


class LibraryError(Exception):
    """A library that cannot be used at all; the message names the folder and the cause."""


@dataclass(frozen=True)
class AssetFile:
    """One file of the library as the scan found it."""

    id: AssetId
    location: str  # the file's path; a str because a library holds many thousands
    size: int
    mtime_ns: int

    @property
    def path(self) -> Path:
        return Path(self.location)


@dataclass
class LibraryScan:
    """What a scan of the library found: the assets, and what it could not read."""

    assets: dict[AssetId, AssetFile] = field(default_factory=dict)
    unsupported: list[AssetId] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (id, reason) of folders


def is_hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$")


def check_library(root: Path | None) -> Path:
    if root is None:
        raise LibraryError("no library given: pass --library DIR or set CONTENTFINDER_LIBRARY")
    if not root.exists():
        raise LibraryError(f"{root}: library folder does not exist")
    if not root.is_dir():
        raise LibraryError(f"{root}: library is not a folder")
    if not os.access(root, os.R_OK | os.X_OK):
        raise LibraryError(f"{root}: library folder is not readable (permission denied)")
    return root


def scan_library(root: Path) -> LibraryScan:
    """Every asset below `root` with its size and modification time, in a stable order: a
    folder's files by name, then its subfolders by name. Symbolic links to files are assets;
    links to folders are not followed (a loop would never end)."""
    scan = LibraryScan()
    # Every file's location is then long-path proof on Windows; ids are sliced from names.
    _scan_folder(for_file_calls(str(root)), "", scan, at_root=True)
    return scan


def _scan_folder(folder: str, prefix: str, scan: LibraryScan, *, at_root: bool) -> None:
    """One folder: `prefix` is its asset-id prefix ("" or "Case Studies/"). What `os.scandir`
    hands over answers every question but size and time, so the only call per file is the
    stat; ids are sliced from strings (a Path per file costs more than the whole walk)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=attrgetter("name"))
    except OSError as exc:
        where = prefix.rstrip("/") or "."
        scan.unreadable.append((where, f"cannot be opened: {exc.strerror or exc}"))
        return
    subfolders = []
    for entry in entries:
        name = entry.name
        if name[0] == "." or name.startswith("~$"):  # is_hidden, inlined: once per file
            continue
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if is_folder:
            if not entry.is_symlink():
                subfolders.append(entry)
            continue
        asset_id = prefix + name
        if at_root and name.lower() in CONTROL_FILES:
            continue
        if format_of(name) is None:
            scan.unsupported.append(asset_id)
            continue
        try:
            stat = entry.stat()
        except OSError as exc:
            scan.unreadable.append((asset_id, f"cannot be opened: {exc.strerror or exc}"))
            continue
        scan.assets[asset_id] = AssetFile(asset_id, entry.path, stat.st_size, stat.st_mtime_ns)
    for entry in subfolders:
        _scan_folder(entry.path, f"{prefix}{entry.name}/", scan, at_root=False)
