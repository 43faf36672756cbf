"""Work the app does behind the rep's back (index runs, searching) runs below the window's
priority, with a core left free: how far below, for every platform (the calls themselves are
`contentfinder.portability.processes`)."""

from __future__ import annotations

import os

from contentfinder.portability import processes

BACKGROUND_NICENESS = 10  # index runs
# A search runs between the window and an index run: on two cores, with an index run going,
# a search competing on equal terms kept the window from running for 50-60 ms at a time.
SEARCH_NICENESS = 5


def lower_priority(niceness: int = BACKGROUND_NICENESS) -> None:
    """Below the window the rep is typing in: on two cores, an index run at normal priority
    starved the app's window for 100-200 ms at a time. Child processes inherit it.

    Windows has classes, not niceness: below normal for a background run; a search (below
    `BACKGROUND_NICENESS`) stays normal there, above the index run."""
    processes.lower_priority(niceness, below_normal_on_windows=niceness >= BACKGROUND_NICENESS)


def background_workers(requested: int | None = None) -> int:
    """Extraction processes for a background run: as asked, or one per core but one."""
    return requested or max(1, (os.cpu_count() or 2) - 1)
