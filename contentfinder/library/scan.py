"""The library folder: which files are assets, their ids, and which files are not supported.

A library is read-only for reps; nothing here writes into it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from contentfinder.library.formats import format_of

AssetId = str  # path relative to the library root, '/'-separated: "Case Studies/Acme.pdf"

# Files at the root that describe the library rather than belong to it.
CONTROL_FILES = frozenset({"taxonomy.toml", "catalog.csv", "synonyms.toml", "catalog.csv.lock"})


class LibraryError(Exception):
    """A library that cannot be used at all; the message names the folder and the cause."""


@dataclass(frozen=True)
class AssetFile:
    id: AssetId
    location: str  # the file's path; a str because a library holds many thousands
    size: int
    mtime_ns: int

    @property
    def path(self) -> Path:
        return Path(self.location)


@dataclass
class LibraryScan:
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
    """Every asset below `root` with its size and modification time, in a stable order."""
    scan = LibraryScan()

    def on_error(error: OSError) -> None:
        where = Path(error.filename or root)
        scan.unreadable.append(
            (_relative_id(root, where), f"cannot be opened: {error.strerror or error}")
        )

    root_text = str(root)
    for folder, dirnames, filenames in os.walk(root_text, onerror=on_error):
        dirnames[:] = sorted(d for d in dirnames if not is_hidden(d))
        at_root = folder == root_text
        # Ids by string slicing: pathlib per file costs more than the whole walk.
        prefix = "" if at_root else folder[len(root_text) + 1 :].replace(os.sep, "/") + "/"
        for name in sorted(filenames):
            if is_hidden(name) or (at_root and name.lower() in CONTROL_FILES):
                continue
            location = os.path.join(folder, name)
            asset_id = prefix + name
            if format_of(name) is None:
                scan.unsupported.append(asset_id)
                continue
            try:
                stat = os.stat(location)
            except OSError as exc:
                scan.unreadable.append((asset_id, f"cannot be opened: {exc.strerror or exc}"))
                continue
            scan.assets[asset_id] = AssetFile(asset_id, location, stat.st_size, stat.st_mtime_ns)
    return scan


def _relative_id(root: Path, path: Path) -> AssetId:
    return path.relative_to(root).as_posix()
