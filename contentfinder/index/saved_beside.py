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
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from contentfinder.files import atomic_write

T = TypeVar("T")


def saved_or_made(
    index_dir: Path,
    kind: str,
    key: str,
    make: Callable[[], T],
    usable: Callable[[object], bool],
) -> T:
    """The `kind` saved for `key` when `usable` says it is one, else `make()`, saved for the
    next process."""
    path = index_dir / f"{kind}{key}.pickle"
    saved = _load(path)
    if saved is not None and usable(saved):
        return saved  # type: ignore[return-value]  # usable() checked it
    made = make()
    _save(path, kind, made)
    return made


def _load(path: Path) -> object | None:
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except Exception:  # noqa: BLE001 - a moved module, a truncated file: any of it is a miss
        return None


def _save(path: Path, kind: str, value: object) -> None:
    """Saves `value` at `path`, removing the kind's other files; a read-only home only costs
    the next search the same work."""
    try:
        for stale in path.parent.glob(f"{kind}*.pickle"):
            stale.unlink(missing_ok=True)
        atomic_write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
    except OSError:
        pass
