"""Writing a file so that readers, and a crash, see the old content or the new, never half.

The one atomic write of the project: preferences, catalog, reports, the text cache, the facet
cache, the failures file and sync batches all go through `atomic_write`.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from contentfinder.portability.filesystem import (
    NEW_FILE_MODE,
    apply_mode,
    file_mode,
    fsync_folder,
    place_without_overwriting,
    replace_file,
)

__all__ = ["atomic_write", "atomic_write_json"]


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
    A file replaced keeps its permission bits (`keep_mode`); a new one gets 0644, where the
    file system keeps such bits (`contentfinder.portability.filesystem`)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    if not replace and path.exists():
        return False
    kept = file_mode(path) if keep_mode else None
    mode = NEW_FILE_MODE if kept is None else kept
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(payload)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        apply_mode(temp, mode)
        if replace:
            replace_file(Path(temp), path)
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
