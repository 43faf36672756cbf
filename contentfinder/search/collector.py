"""Python's cyclic garbage collector, set for a process that searches for hours.

A search allocates hundreds of thousands of short-lived objects (postings read, scores,
candidates), and each 700 of them that survive start a collection, which walks every object
the session keeps: at 50,000 assets 750 ms of every 100 searches went to collections, with full
ones of over 100 ms landing on a keystroke. What a session has loaded once it is open (the
index's readers, the facet postings, the suggestion lists) lives as long as the process, so it
is set aside (`gc.freeze`), and young objects are collected ten times less often, by which time
most have been freed by their reference count already.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 50_000  # Python's default is 700
OLDER_THRESHOLDS = (20, 100)  # defaults 10, 10: full collections rarer still


def settle_after_opening() -> None:
    """Call once a session is open, and again whenever another replaces it: what was set aside
    before (a closed session's objects among it) is collected first, then what is live now is
    set aside. A full collection, off the keystroke's path: the session opens early."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *OLDER_THRESHOLDS)
