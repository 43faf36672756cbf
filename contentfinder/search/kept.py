"""What a search session keeps of what it read: least recently used first to go."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

Kept = TypeVar("Kept")


def kept(cache: OrderedDict, key: object, make: Callable[[], Kept], size: int) -> Kept:
    """`cache[key]`, made when missing; the least recently used go past `size`."""
    found = cache.get(key)
    if found is not None:
        cache.move_to_end(key)
        return found
    found = cache[key] = make()
    if len(cache) > size:
        cache.popitem(last=False)
    return found
