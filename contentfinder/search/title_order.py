"""Browsing without words lists the assets the filters let through by title: the live
documents in title order, worked out once per index generation and saved beside the index.

Whoosh's sorted search walks every document of the index on each browse (70 ms at 50,000
assets); here a page is the first documents of this order that the filters allow, or, when they
allow only a few, those few ranked by their place in it. The order is Whoosh's own: the
`title_sort` column's value (the folded title, then the asset's path), then the document
number.
"""

from __future__ import annotations

import heapq
from array import array
from pathlib import Path

from contentfinder.index.saved_beside import saved_or_made
from contentfinder.search.docbits import DocBits, has

SORT_FIELD = "title_sort"  # the folded title (contentfinder.index.schema)
SAVED_PREFIX = "title-order-"


class TitleOrder:
    """The live documents of one searcher, by title."""

    def __init__(self, order: array) -> None:
        self.order = order
        self._place: dict[int, int] | None = None

    @classmethod
    def cached(cls, searcher, live: frozenset[int], index_dir: Path) -> TitleOrder:  # noqa: ANN001
        """From the file saved for this index generation, else read and saved."""
        order = saved_or_made(
            index_dir,
            SAVED_PREFIX,
            f"{searcher.reader().generation()}",
            lambda: cls.read(searcher, live).order,
            lambda saved: isinstance(saved, array) and saved.typecode == "I" and set(saved) == live,
        )
        return cls(order)

    @classmethod
    def read(cls, searcher, live: frozenset[int]) -> TitleOrder:  # noqa: ANN001
        column = searcher.reader().column_reader(SORT_FIELD)
        return cls(array("I", sorted(live, key=lambda docnum: (column[docnum], docnum))))

    def first(self, allowed: int, limit: int, doc_bits: DocBits) -> list[int]:
        """The first `limit` of `allowed` (a bitset, `docbits`) by title."""
        if limit <= 0 or not allowed:
            return []
        # Walking the order reads about limit * len(order) / len(allowed) documents; ranking
        # the allowed ones by their place costs about len(allowed): the fewer, the smaller.
        if allowed.bit_count() ** 2 < limit * len(self.order):
            place = self._places()
            return heapq.nsmallest(limit, doc_bits.members(allowed), key=lambda d: place[d])
        found = []
        for docnum in self.order:
            if has(allowed, docnum):
                found.append(docnum)
                if len(found) == limit:
                    break
        return found

    def _places(self) -> dict[int, int]:
        if self._place is None:
            self._place = {docnum: place for place, docnum in enumerate(self.order)}
        return self._place
