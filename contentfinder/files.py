"""Writing a file so that readers, and a crash, see the old content or the new, never half.

The one atomic write of the project: preferences, catalog, reports, the text cache, the facet
cache, the failures file and sync batches all go through `atomic_write`.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

NEW_FILE_MODE = 0o644  # mkstemp makes 0600; what we write is meant to be read by others too


def atomic_write(
    path: Path,
    data: bytes | str,
    *,
    durable: bool = True,
    keep_mode: bool = True,
    replace: bool = True,
) -> bool:
    """Writes `data` (text as UTF-8) to `path` through a uniquely named temporary file beside
    it, then renames it into place. `durable` fsyncs the content (and, where possible, the
    folder) before and after the rename; caches pass False. With `replace=False` an existing
    `path` is left alone and False is returned (the shared-folder batches: written once).
    A file replaced keeps its permission bits (`keep_mode`); a new one gets 0644."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    if not replace and path.exists():
        return False
    mode = NEW_FILE_MODE
    if keep_mode:
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            pass
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(payload)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temp, mode)
        if replace:
            os.replace(temp, path)
        else:
            place_without_overwriting(Path(temp), path)
    except FileExistsError:
        Path(temp).unlink(missing_ok=True)
        return False
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    if durable:
        fsync_folder(path.parent)
    return True


def atomic_write_json(path: Path, data: object, *, durable: bool = True) -> None:
    """`data` as indented UTF-8 JSON, written as `atomic_write` does."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    atomic_write(path, text, durable=durable)


def place_without_overwriting(temp: Path, path: Path) -> None:
    """Gives `temp` the name `path` unless something has it already (FileExistsError). A hard
    link fails atomically if the name is taken. File systems without hard links (some shares)
    claim the name with an exclusive create, which is atomic there too, and then rename onto
    the placeholder they own: a reader may see it empty for that moment, never overwritten."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, NEW_FILE_MODE))
        os.replace(temp, path)
        return
    temp.unlink(missing_ok=True)


def fsync_folder(folder: Path) -> None:
    """Makes a rename in `folder` durable where the platform allows it (not on Windows)."""
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
