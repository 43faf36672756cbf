"""A term's postings in a field, for one open searcher: its weight and encoded positions per
document, from each segment's recorded postings (`compact_postings`) where it has them, else
from Whoosh's own (`whoosh_internals`).

Documents deleted but not yet merged away are included, as in `term_postings`: callers narrow
to the live ones, and the counts stay those Whoosh's own document frequencies give.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

from contentfinder.index import whoosh_internals
from contentfinder.index.compact_postings import EXTENSION, DamagedPositions, SegmentPostings
from contentfinder.index.whoosh_internals import (
    leaf_readers,
    segment_file,
    segment_places_in,
    segment_postings,
)


@dataclass(frozen=True)
class PlacesRun:
    """One segment's encoded positions of a term, as one run: the documents that have it
    (numbered from `offset`), where each one's positions start in `places` (one more than
    documents, counted from `base`), and the positions, one document's after another."""

    offset: int
    docs: Sequence[int]
    starts: Sequence[int]
    places: bytes
    base: int = 0

    @classmethod
    def of(cls, places: Mapping[int, bytes]) -> PlacesRun:
        """One run of encoded positions per document (numbered from 0)."""
        numbers = sorted(places)
        values = [places[d] for d in numbers]
        return cls(0, numbers, list(accumulate(map(len, values), initial=0)), b"".join(values))


class PostingsRun(NamedTuple):
    """One segment's postings of a term: its documents, numbered from `offset`, and weights."""

    offset: int
    docs: Sequence[int]
    weights: Sequence[float]


class TermReader:
    def __init__(self, searcher) -> None:  # noqa: ANN001 - a whoosh searcher
        self._searcher = searcher
        self._segments: list[tuple[object, int, SegmentPostings | None]] | None = None

    def runs(self, field: str, term: str) -> list[PostingsRun]:
        """Per segment with `term` in `field`, its documents (numbered from the segment's
        first) and the term's weight in each (its frequency times the field's boost)."""
        runs = []
        for reader, offset, recorded in self.segments():
            if recorded is not None and recorded.has_field(field):
                docs, found = recorded.term(field, term)
                if docs:
                    runs.append(PostingsRun(offset, docs, found))
            else:
                weights: dict[int, float] = {}
                segment_postings(reader, offset, field, term, weights, {})
                if weights:
                    runs.append(PostingsRun(0, list(weights), list(weights.values())))
        return runs

    def weights(self, field: str, term: str) -> dict[int, float]:
        """Per document with `term` in `field`, the term's weight there."""
        weights: dict[int, float] = {}
        for offset, docs, found in self.runs(field, term):
            numbers = map(offset.__add__, docs) if offset else docs
            weights.update(zip(numbers, found, strict=True))
        return weights

    def places(self, field: str, term: str, docs: Iterable[int] | None = None) -> dict[int, bytes]:
        """Per document with `term` in `field`, its encoded positions there (see
        `whoosh_internals.decode_positions`): of every such document, or of those in `docs`
        only (a few of a term's many: only theirs are read)."""
        places: dict[int, bytes] = {}
        wanted = sorted(docs) if docs is not None else None
        for reader, offset, recorded in self.segments():
            local = None
            if wanted is not None:
                end = offset + reader.doc_count_all()  # type: ignore[attr-defined]
                local = [d - offset for d in wanted if offset <= d < end]
                if not local:
                    continue
            if recorded is not None and recorded.has_places(field):
                try:
                    places.update(recorded.places(field, term, local, offset))
                    continue
                except DamagedPositions:  # Whoosh's blocks have them too
                    pass
            if local is None:
                segment_postings(reader, offset, field, term, {}, places)
            else:
                segment_places_in(reader, offset, field, term, local, places)
        return places

    def places_runs(self, field: str, term: str) -> list[PlacesRun]:
        """Per segment, the term's encoded positions in `field` as one run (for a phrase of
        common words: every position of the term at once)."""
        runs = []
        for reader, offset, recorded in self.segments():
            if recorded is not None and recorded.has_places(field):
                try:
                    docs, starts, places, base = recorded.run(field, term)
                    runs.append(PlacesRun(offset, docs, starts, places, base))
                    continue
                except DamagedPositions:  # Whoosh's blocks have them too
                    pass
            found: dict[int, bytes] = {}
            segment_postings(reader, offset, field, term, {}, found)
            runs.append(PlacesRun.of(found))
        return runs

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
