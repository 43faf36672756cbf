"""What file systems differ in, for writing files: hard links (none on FAT, exFAT and many
SMB shares), permission bits (none on FAT or Windows; refused on shares mounted without them)
and syncing a folder (not on Windows). Each call here works, or falls back, on all of them.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from pathlib import Path

NEW_FILE_MODE = 0o644  # mkstemp makes 0600; what we write is meant to be read by others too
REPLACE_RETRY_SECONDS = 1.0


def place_without_overwriting(temp: Path, path: Path) -> None:
    """Gives `temp` the name `path` unless something has it already (FileExistsError). A hard
    link fails atomically if the name is taken. File systems without hard links (FAT, shares:
    EPERM, EOPNOTSUPP, EXDEV or Windows' "incorrect function") claim the name with an exclusive
    create, which is atomic there too, and then rename onto the placeholder they own: a reader
    may see it empty for that moment, never overwritten."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, NEW_FILE_MODE))
        replace_file(temp, path)
        return
    temp.unlink(missing_ok=True)


def replace_file(temp: Path, path: Path) -> None:
    """Renames `temp` onto `path`, replacing it at once. On Windows a file someone has open
    (an antivirus scanning the new file, a search indexer, a reader mid-read) cannot be
    replaced for that moment: the rename is tried again for up to REPLACE_RETRY_SECONDS
    before the PermissionError (Excel holding the file open, say) goes to the caller."""
    if sys.platform != "win32":
        os.replace(temp, path)
        return
    deadline = time.monotonic() + REPLACE_RETRY_SECONDS
    while True:
        try:
            os.replace(temp, path)
            return
        except PermissionError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def apply_mode(path: Path | str, mode: int) -> None:
    """Gives `path` the permission bits `mode` where the file system keeps them. Windows keeps
    only "read-only", and a file we have just written is writable already, so nothing is
    changed there; a share mounted without permissions (cifs `noperm`, FAT) refuses with
    EPERM, and the file keeps the mode the share gives every file."""
    if sys.platform == "win32":
        return
    try:
        os.chmod(path, mode)
    except PermissionError:
        pass
    except OSError as exc:
        if exc.errno not in _NO_MODES:
            raise


def file_mode(path: Path) -> int | None:
    """`path`'s permission bits, or None when it has none to keep (missing, or Windows)."""
    if sys.platform == "win32":
        return None
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return None


def fsync_folder(folder: Path) -> None:
    """Makes a rename in `folder` durable where the platform allows it: Windows opens no
    folder as a file, and some shares refuse to sync one; the rename is then as durable as
    the file system makes it."""
    if sys.platform == "win32":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# What a file system without permission bits answers a chmod with, besides EPERM.
_NO_MODES = frozenset({errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL})
