"""Outcomes the workers have finished and the index writer has not taken yet, bounded both in
number and in the size of their texts.

While the writer commits, the workers go on: the backlog is what lets them (at 1,000 assets
a commit takes about a second, some 300 files of extraction). Its bound is what keeps a
library of long documents from filling the memory meanwhile: a count alone would let 500
book-length texts wait at once.
"""

from __future__ import annotations

import threading
from collections import deque
from typing import Generic, TypeVar

Item = TypeVar("Item")


class Backlog(Generic[Item]):
    """A queue between one producing and one consuming thread. `put` blocks while the backlog
    is full (that is the backpressure), but an item is always let into an empty backlog,
    however large, so no outcome can wait forever."""

    def __init__(self, max_items: int, max_bytes: int) -> None:
        self.max_items, self.max_bytes = max_items, max_bytes
        self._items: deque[tuple[Item, int]] = deque()
        self._bytes = 0
        self._changed = threading.Condition()

    def put(self, item: Item, size: int, stop: threading.Event, poll: float) -> bool:
        """Adds `item` (weighing `size` bytes) once there is room for it; False, and nothing
        added, if `stop` is set first (checked every `poll` seconds)."""
        with self._changed:
            while self._items and not self._has_room(size):
                if stop.is_set():
                    return False
                self._changed.wait(poll)
            if stop.is_set():
                return False
            self._items.append((item, size))
            self._bytes += size
            self._changed.notify_all()
            return True

    def get(self) -> Item:
        """The oldest item, waiting for one if need be."""
        with self._changed:
            while not self._items:
                self._changed.wait()
            item, size = self._items.popleft()
            self._bytes -= size
            self._changed.notify_all()
            return item

    def _has_room(self, size: int) -> bool:
        return len(self._items) < self.max_items and self._bytes + size <= self.max_bytes
