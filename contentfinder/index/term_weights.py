"""A term's weight per document in a field, for one open searcher: from each segment's recorded
postings (`compact_postings`) where it has them, else from Whoosh's own (`term_postings`).

Documents deleted but not yet merged away are included, as in `term_postings`: callers narrow
to the live ones, and the counts stay those Whoosh's own document frequencies give.
"""

from __future__ import annotations

from contentfinder.index import whoosh_internals
from contentfinder.index.compact_postings import EXTENSION, SegmentPostings
from contentfinder.index.whoosh_internals import leaf_readers, segment_file, segment_postings


class TermWeights:
    def __init__(self, searcher) -> None:  # noqa: ANN001 - a whoosh searcher
        self._searcher = searcher
        self._segments: list[tuple[object, int, SegmentPostings | None]] | None = None

    def of(self, field: str, term: str) -> dict[int, float]:
        """Per document with `term` in `field`, the term's weight there (its frequency times
        the field's boost)."""
        weights: dict[int, float] = {}
        for reader, offset, recorded in self.segments():
            if recorded is not None and recorded.has_field(field):
                docs, found = recorded.term(field, term)
                if docs:
                    numbers = map(offset.__add__, docs) if offset else docs
                    weights.update(zip(numbers, found, strict=True))
            else:
                segment_postings(reader, offset, field, term, weights, {})
        return weights

    def segments(self) -> list[tuple[object, int, SegmentPostings | None]]:
        """Each segment's reader, first document number and recorded postings (None: read
        from Whoosh's), opened at the first search."""
        if self._segments is None:
            readers = leaf_readers(self._searcher)
            self._segments = [(reader, offset, _recorded(reader)) for reader, offset in readers]
        return self._segments


def _recorded(reader) -> SegmentPostings | None:  # noqa: ANN001 - a whoosh segment reader
    if not whoosh_internals.FAST_PATH:  # Whoosh's public API only
        return None
    found = segment_file(reader, EXTENSION)
    return SegmentPostings.read(found) if found is not None else None
