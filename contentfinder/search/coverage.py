"""How much of a query each asset covers: for each counted word (by its place in the query),
the assets that have it, how rare it is, and from those the share of the query an asset
covers, the words a partial match lacks, and the order partial matches of two topics take.

Words naming a content type the query names ('case studies') are had by the assets of that
type and by untagged assets that say them, never by an asset tagged as another type.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from contentfinder.search.docbits import DocBits, has, intersection_bits, union_bits
from contentfinder.search.expansion import Concept

if TYPE_CHECKING:
    import numpy as np

Candidate = tuple[int, float, int]  # (1 for a full match else 0, score, docnum)


@dataclass(frozen=True)
class Steer:
    """A content type the query names: the places of its words, the assets of that type, and
    those tagged as another type, which the words do not describe (bitsets, `docbits`)."""

    value: str  # the content type: 'case study'
    places: tuple[int, ...]
    of_type: int
    other_type: int


@dataclass(frozen=True)
class ShareArrays:
    """`Coverage.shares` over every document, as numpy arrays (dense scoring)."""

    values: np.ndarray  # the share of the query's rarity, zero where none
    having: np.ndarray  # mask: the documents with any counted word


@dataclass(frozen=True)
class Coverage:
    """Which assets have which counted words of a query, and how rare each word is. Sets of
    assets are bitsets (`docbits`)."""

    having: dict[int, int]  # place of a counted word -> the assets that have it
    rarity: dict[int, float]  # place -> the word's inverse document frequency
    # Assets of another content type that say the words naming the type the query names:
    # they have none of those words, but still fill the page, last ('roi calculator' -> an
    # ROI guide).
    saying: int = 0
    steered: frozenset[int] = frozenset()  # places of the words naming a content type

    @property
    def matching(self) -> int:
        """Assets with any counted word, or saying a content type's words."""
        return union_bits((*self.having.values(), self.saying))

    def having_all(self, docs: int) -> int:
        return intersection_bits(docs, self.having.values())

    def shares(self, docs: int, doc_bits: DocBits) -> dict[int, float]:
        """Per asset of `docs`, the share of the query's rarity its words cover."""
        whole = sum(self.rarity.values()) or 1.0
        weight: dict[int, float] = {}
        for place, with_place in self.having.items():
            share = self.rarity[place] / whole
            for docnum in doc_bits.members(docs & with_place):
                weight[docnum] = weight.get(docnum, 0.0) + share
        return weight

    def share_arrays(self, docs: int, doc_bits: DocBits) -> ShareArrays:
        """`shares` as arrays over every document (with numpy: `DocBits.use_numpy`), the
        same sums in the same order."""
        np = doc_bits.np
        assert np is not None, "share arrays need numpy"
        whole = sum(self.rarity.values()) or 1.0
        values = np.zeros(doc_bits.size)
        having = 0
        for place, with_place in self.having.items():
            mine = docs & with_place
            values[doc_bits.mask(mine)] += self.rarity[place] / whole
            having |= mine
        return ShareArrays(values, doc_bits.mask(having))

    def lacking(self, docnum: int) -> frozenset[int]:
        """The places of the counted words the asset does not have."""
        return frozenset(p for p, docs in self.having.items() if not has(docs, docnum))


def coverage_of(
    concepts: Sequence[Concept],
    per_concept: Sequence[int],
    counted: set[int],
    steers: Sequence[Steer],
    live: int,
    idf: Callable[[int], float],
) -> Coverage:
    """`per_concept`: the live assets each concept is found in."""
    steered = {p for steer in steers for p in steer.places}
    elsewhere = union_bits(steer.other_type for steer in steers)
    sources: list[tuple[set[int], int]] = []
    for concept, docs in zip(concepts, per_concept, strict=True):
        covers = set(concept.covers)
        sources.append((covers - steered, docs))
        if covers & steered:
            sources.append((covers & steered, docs & ~elsewhere))
    sources += [(set(steer.places), steer.of_type & live) for steer in steers]
    having: dict[int, list[int]] = {place: [] for place in counted}
    for covers, docs in sources:
        for place in counted.intersection(covers):
            having[place].append(docs)
    saying = union_bits(
        docs & elsewhere
        for concept, docs in zip(concepts, per_concept, strict=True)
        if counted.intersection(concept.covers) & steered
    )
    docs_of = {place: union_bits(sources) for place, sources in having.items()}
    return Coverage(
        docs_of,
        {place: idf(docs.bit_count()) for place, docs in docs_of.items()},
        saying,
        frozenset(steered),
    )


def interleaved(
    candidates: list[Candidate], lacking: Callable[[int], frozenset[int]]
) -> list[Candidate]:
    """Full matches as ranked, then the partial ones taking turns by what they lack: a query
    naming two topics shows the best of each, not a page of one."""
    full = [c for c in candidates if c[0]]
    groups: dict[frozenset[int], list[Candidate]] = {}
    for candidate in candidates:
        if not candidate[0]:
            groups.setdefault(lacking(candidate[2]), []).append(candidate)
    turns = [group[::-1] for group in groups.values()]
    partial = []
    while turns:
        partial.extend(group.pop() for group in turns)
        turns = [group for group in turns if group]
    return full + partial
