"""Work the app does behind the rep's back (index runs, searching) runs below the window's
priority, with a core left free: the one place that knows how, for every platform."""

from __future__ import annotations

import os
import sys

BACKGROUND_NICENESS = 10  # index runs
# A search runs between the window and an index run: on two cores, with an index run going,
# a search competing on equal terms kept the window from running for 50-60 ms at a time.
SEARCH_NICENESS = 5
_WINDOWS_BELOW_NORMAL = 0x00004000


def lower_priority(niceness: int = BACKGROUND_NICENESS) -> None:
    """Below the window the rep is typing in: on two cores, an index run at normal priority
    starved the app's window for 100-200 ms at a time. Child processes inherit it.

    Windows has classes, not niceness: below normal for a background run; a search (below
    `BACKGROUND_NICENESS`) stays normal there, above the index run."""
    if hasattr(os, "nice"):
        try:
            os.nice(niceness)
        except OSError:
            pass
    elif sys.platform == "win32" and niceness >= BACKGROUND_NICENESS:
        import ctypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel.SetPriorityClass(kernel.GetCurrentProcess(), _WINDOWS_BELOW_NORMAL)


def background_workers(requested: int | None = None) -> int:
    """Extraction processes for a background run: as asked, or one per core but one."""
    return requested or max(1, (os.cpu_count() or 2) - 1)
