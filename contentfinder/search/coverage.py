"""How much of a query each asset covers: for each counted word (by its place in the query),
the assets that have it, how rare it is, and from those the share of the query an asset
covers, the words a partial match lacks, and the order partial matches of two topics take.

Words naming a content type the query names ('case studies') are had by the assets of that
type and by untagged assets that say them, never by an asset tagged as another type.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from contentfinder.search.docsets import all_of, any_of
from contentfinder.search.expansion import Concept

Candidate = tuple[int, float, int]  # (1 for a full match else 0, score, docnum)


@dataclass(frozen=True)
class Steer:
    """A content type the query names: the places of its words, the assets of that type, and
    those tagged as another type, which the words do not describe."""

    value: str  # the content type: 'case study'
    places: tuple[int, ...]
    of_type: frozenset[int]
    other_type: frozenset[int]


@dataclass(frozen=True)
class Coverage:
    """Which assets have which counted words of a query, and how rare each word is."""

    having: dict[int, frozenset[int]]  # place of a counted word -> the assets that have it
    rarity: dict[int, float]  # place -> the word's inverse document frequency
    # Assets of another content type that say the words naming the type the query names:
    # they have none of those words, but still fill the page, last ('roi calculator' -> an
    # ROI guide).
    saying: frozenset[int] = frozenset()
    steered: frozenset[int] = frozenset()  # places of the words naming a content type

    @property
    def matching(self) -> frozenset[int]:
        """Assets with any counted word, or saying a content type's words."""
        return any_of((*self.having.values(), self.saying))

    def having_all(self, docs: frozenset[int]) -> frozenset[int]:
        return all_of(docs, self.having.values())

    def shares(self, docs: frozenset[int]) -> dict[int, float]:
        """Per asset of `docs`, the share of the query's rarity its words cover."""
        whole = sum(self.rarity.values()) or 1.0
        weight: dict[int, float] = {}
        for place, with_place in self.having.items():
            share = self.rarity[place] / whole
            for docnum in docs.intersection(with_place):
                weight[docnum] = weight.get(docnum, 0.0) + share
        return weight

    def lacking(self, docnum: int) -> frozenset[int]:
        """The places of the counted words the asset does not have."""
        return frozenset(p for p, docs in self.having.items() if docnum not in docs)


def coverage_of(
    concepts: Sequence[Concept],
    per_concept: Sequence[frozenset[int]],
    counted: set[int],
    steers: Sequence[Steer],
    live: frozenset[int],
    idf: Callable[[int], float],
) -> Coverage:
    """`per_concept`: the live assets each concept is found in."""
    steered = {p for steer in steers for p in steer.places}
    elsewhere = any_of(steer.other_type for steer in steers)
    sources: list[tuple[set[int], frozenset[int]]] = []
    for concept, docs in zip(concepts, per_concept, strict=True):
        covers = set(concept.covers)
        sources.append((covers - steered, docs))
        if covers & steered:
            sources.append((covers & steered, docs - elsewhere if elsewhere else docs))
    sources += [(set(steer.places), steer.of_type & live) for steer in steers]
    having: dict[int, list[frozenset[int]]] = {place: [] for place in counted}
    for covers, docs in sources:
        for place in counted.intersection(covers):
            having[place].append(docs)
    saying = any_of(
        docs & elsewhere
        for concept, docs in zip(concepts, per_concept, strict=True)
        if counted.intersection(concept.covers) & steered
    )
    # One concept's documents per word, mostly: the very set, not a copy of it.
    docs_of = {place: any_of(sources) for place, sources in having.items()}
    return Coverage(
        docs_of,
        {place: idf(len(docs)) for place, docs in docs_of.items()},
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
