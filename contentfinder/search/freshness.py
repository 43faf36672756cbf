"""How a session tells that an index run has committed since it last looked: the index
folder's own stat changes when a file is added to it or removed, which costs one stat call,
not a listing."""

from __future__ import annotations

import os
from pathlib import Path

from whoosh.index import Index


def storage_folder(index: Index, fallback: Path) -> Path:
    """The folder the index's files are in (the one given to the session's index)."""
    folder = getattr(index.storage, "folder", None)
    return Path(folder) if folder else fallback


def folder_stamp(folder: Path) -> tuple[int, int, int] | None:
    """What changes when a file is added to or removed from `folder`; None if unreadable."""
    try:
        found = os.stat(folder)
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_ino, found.st_size)
