"""The index's writer lock: one run at a time (the app's, a command line's) writes the index,
and no run removes an index to rebuild it while another holds it.

It is the very lock Whoosh's writer takes, so a rebuild and a writer exclude each other.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from contentfinder.index.whoosh_writer import writer_lock

LOCK_WAIT_SECONDS = 10.0
_RETRY_SECONDS = 0.1


class IndexBusy(Exception):
    """Another index run holds the index (the app and the command line at once)."""


def busy(index_dir: Path) -> IndexBusy:
    return IndexBusy(
        f"{index_dir}: another index run is updating the index; try again when it has finished"
    )


@contextmanager
def holding_writer_lock(index_dir: Path, *, timeout: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Holds the writer lock of the index in `index_dir` (an existing folder), waiting up to
    `timeout` seconds for another run to let go of it; IndexBusy if it does not."""
    lock = writer_lock(index_dir)
    deadline = time.monotonic() + timeout
    while not lock.acquire(blocking=False):
        if time.monotonic() >= deadline:
            raise busy(index_dir)
        time.sleep(_RETRY_SECONDS)
    try:
        yield
    finally:
        lock.release()
