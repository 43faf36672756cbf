"""What narrows a search besides its words and tags: the file format filter (PDF, PowerPoint,
Excel…, named by the one formats table) with its live counts, and the expired assets a search
hides, counted so the rep can be told and can show them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from contentfinder.library.formats import FORMAT_NAMES
from contentfinder.search.docbits import union_bits
from contentfinder.search.docsets import EMPTY, all_of, any_of
from contentfinder.search.expansion import Plan
from contentfinder.search.facets import FacetPostings
from contentfinder.search.ranking import Ranker


class UnknownFormat(ValueError):
    """A format filter naming no format of the formats table; the message lists the known."""


def resolve_formats(raw: Iterable[str]) -> tuple[str, ...]:
    """The formats table's names for `raw` ('pdf', 'PowerPoint'), matched case-insensitively."""
    by_folded = {name.casefold(): name for name in FORMAT_NAMES}
    resolved = []
    for typed in raw:
        name = by_folded.get(typed.strip().casefold())
        if name is None:
            raise UnknownFormat(
                f"unknown format '{typed}'; known formats: {', '.join(FORMAT_NAMES)}"
            )
        resolved.append(name)
    return tuple(dict.fromkeys(resolved))


@dataclass(frozen=True)
class FormatPostings:
    """Which live documents have each format, read with the facets (a term per format)."""

    docs: dict[str, frozenset[int]]  # format name -> document numbers
    bits: dict[str, int]  # the same as bitsets (`docbits`), to count with

    @classmethod
    def of(cls, postings: FacetPostings) -> FormatPostings:
        assert postings.formats is not None and postings.format_bits is not None, "see cached()"
        return cls(postings.formats, postings.format_bits)

    def selection(self, formats: Sequence[str]) -> frozenset[int]:
        """The documents of any of `formats` (ORed, like values of one facet)."""
        return any_of(self.docs.get(name, EMPTY) for name in formats)

    def selected_bits(self, formats: Sequence[str]) -> int:
        return union_bits(self.bits.get(name, 0) for name in formats)

    def counts(self, matching: int) -> dict[str, int]:
        """Per format, how many of `matching` (a bitset) have it: `matching` is narrowed by
        every filter but the format one, so a rep sees what picking another format adds."""
        return {name: (matching & bits).bit_count() for name, bits in self.bits.items()}


def counts_of(
    matching: frozenset[int],
    filters: Mapping[str, tuple[str, ...]],
    formats: Sequence[str],
    postings: FacetPostings,
    format_postings: FormatPostings,
) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    """The facet counts and the format counts of `matching` (the query's documents before
    any filter), each facet and the format filter ignoring their own selection: counted as
    bitsets (`docbits`)."""
    matching_bits = postings.bits_of(matching)
    facet_matching = matching_bits
    if formats:
        facet_matching &= format_postings.selected_bits(formats)
    format_matching = matching_bits
    for bits in postings.selected_bits(filters).values():
        format_matching &= bits
    return postings.counts(facet_matching, filters), format_postings.counts(format_matching)


def expired_matching(
    expired: frozenset[int],
    plan: Plan,
    ranker: Ranker,
    *,
    browse: bool,
) -> frozenset[int]:
    """Of `expired` (already narrowed by the filters), those the query matches: each of its
    required concepts and any of its others, none of its exclusions. Cheap: the sets are the
    ranker's cached postings, and nothing is scored."""
    if not expired or (not browse and not plan.concepts):
        return EMPTY
    found = expired
    if not browse:
        per_concept = [ranker.concept_docs(c) for c in plan.concepts]
        found = all_of(
            found, (docs for c, docs in zip(plan.concepts, per_concept, strict=True) if c.required)
        )
        # Fewer assets have expired than have a common word: the union of their
        # intersections, not an intersection with the concepts' union.
        found = any_of(found & docs for docs in per_concept)
    for alternative in plan.excluded:
        found = found - ranker.alternative_docs(alternative)
    return found
