"""What a search works out from the index and the library's files once, saved as a pickle in
the index folder so the next process (a one-shot CLI search, the app's search child) loads it
instead of working it out again.

A saved file is named by its kind and a key that changes whenever what it was made from does
(an index generation, a file's content); saving one removes the kind's older files. Reading is
never trusted: a truncated file, one of another version whose classes have moved, or anything
that is not what was asked for is a miss, and the caller works it out again.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import TypeVar

from contentfinder.files import atomic_write

T = TypeVar("T")


def saved_path(index_dir: Path, kind: str, key: str) -> Path:
    return index_dir / f"{kind}{key}.pickle"


def load_saved(path: Path, wanted: type[T]) -> T | None:
    """The object saved at `path` when it is a `wanted`, else None."""
    try:
        with path.open("rb") as stream:
            found = pickle.load(stream)
    except Exception:  # noqa: BLE001 - a moved module, a truncated file: any of it is a miss
        return None
    return found if isinstance(found, wanted) else None


def save_beside(path: Path, kind: str, value: object) -> None:
    """Saves `value` at `path`, removing the kind's other files; a read-only home only costs
    the next search the same work."""
    try:
        for stale in path.parent.glob(f"{kind}*.pickle"):
            stale.unlink(missing_ok=True)
        atomic_write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
    except OSError:
        pass
