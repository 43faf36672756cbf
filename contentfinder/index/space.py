"""A full data folder: which folder, roughly how much room an index run needed, and what the
rep can do about it, in one line the command line and the app both show."""

from __future__ import annotations

import errno
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


def _message(folder: Path, needed_bytes: int | None) -> str:
    # No free-space figure: until the failed writer's files are closed it says nearly nothing.
    need = (
        f"; this index run needs roughly {_size(needed_bytes)} for the index"
        if needed_bytes
        else ""
    )
    return (
        f"the data folder's drive is full{need}. The index as last saved is kept and can be "
        "searched. Free some space on that drive (the data folder's cache may be deleted: it "
        "fills again as needed), or move the data folder with --home or CONTENTFINDER_HOME, "
        "then run the index again"
    )


def _size(count: int) -> str:
    if count < _MB:
        return f"{max(count // 1024, 1)} KB"
    return f"{count / _MB:.0f} MB" if count >= 10 * _MB else f"{count / _MB:.1f} MB"
