"""The backlog between the workers and the index writer: bounded in count and in bytes, and
never closed to an item when it is empty."""

from __future__ import annotations

import threading

from indexer.backlog import Backlog

POLL = 0.01


def _put_in_background(backlog: Backlog[str], item: str, size: int) -> threading.Event:
    added = threading.Event()
    stop = threading.Event()

    def put() -> None:
        if backlog.put(item, size, stop, POLL):
            added.set()

    threading.Thread(target=put, daemon=True).start()
    return added


def test_a_put_past_the_bytes_waits_for_a_get() -> None:
    backlog: Backlog[str] = Backlog(max_items=10, max_bytes=100)
    assert backlog.put("first", 80, threading.Event(), POLL)
    added = _put_in_background(backlog, "second", 30)
    assert not added.wait(0.3)  # 110 bytes: over the bound, though only two items
    assert backlog.get() == "first"
    assert added.wait(5)
    assert backlog.get() == "second"


def test_a_put_past_the_count_waits_for_a_get() -> None:
    backlog: Backlog[str] = Backlog(max_items=2, max_bytes=10**9)
    for item in ("a", "b"):
        assert backlog.put(item, 1, threading.Event(), POLL)
    added = _put_in_background(backlog, "c", 1)
    assert not added.wait(0.3)
    assert backlog.get() == "a"
    assert added.wait(5)


def test_an_item_larger_than_the_bound_still_goes_into_an_empty_backlog() -> None:
    backlog: Backlog[str] = Backlog(max_items=10, max_bytes=100)
    assert backlog.put("a book", 5_000, threading.Event(), POLL)
    assert backlog.get() == "a book"


def test_a_stopped_put_adds_nothing() -> None:
    backlog: Backlog[str] = Backlog(max_items=1, max_bytes=100)
    assert backlog.put("kept", 1, threading.Event(), POLL)
    stop = threading.Event()
    stop.set()
    assert not backlog.put("dropped", 1, stop, POLL)
    assert backlog.get() == "kept"
    assert not backlog.put("dropped too", 1, stop, POLL)  # even into an empty one
