"""A full data folder: which folder, roughly how much room an index run needed, and what the
rep can do about it, in one line the command line and the app both show."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
_MB = 1024 * 1024


class DataFolderFull(OSError):
    """The drive holding the data folder has no room left for the index (an OSError with the
    folder as its file name, so every caller that reports OSErrors names it)."""

    def __init__(self, folder: Path, *, needed_bytes: int | None = None) -> None:
        self.folder = folder
        self.needed_bytes = needed_bytes
        super().__init__(errno.ENOSPC, _message(folder, needed_bytes), str(folder))


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in FULL_ERRNOS


def folder_bytes(folder: Path) -> int:
    """The size of the files directly in `folder` and below (0 for a missing folder)."""
    total = 0
    for root, _, names in os.walk(folder):
        for name in names:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass  # removed while we looked
    return total


def free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _message(folder: Path, needed_bytes: int | None) -> str:
    free = free_bytes(folder)
    room = f" ({_size(free)} free)" if free is not None else ""
    need = f"; the index run needed about {_size(needed_bytes)} more" if needed_bytes else ""
    return (
        f"the data folder's drive is full{room}{need}. The index as last saved is kept and "
        "can be searched. Free some space on that drive, or move the data folder with --home "
        "or CONTENTFINDER_HOME, then run the index again"
    )


def _size(count: int) -> str:
    if count < _MB:
        return f"{max(count // 1024, 1)} KB"
    return f"{count / _MB:.0f} MB" if count >= 10 * _MB else f"{count / _MB:.1f} MB"
