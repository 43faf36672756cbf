"""What narrows a search besides its words and tags: the file format filter (PDF, PowerPoint,
Excel…, named by the one formats table) with its live counts, and the expired assets a search
hides, counted so the rep can be told and can show them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from contentfinder.library.formats import FORMAT_NAMES
from contentfinder.search.docbits import intersection_bits, union_bits
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

    bits: dict[str, int]  # format name -> document numbers, as bitsets (`docbits`)

    @classmethod
    def of(cls, postings: FacetPostings) -> FormatPostings:
        assert postings.format_bits is not None, "see cached()"
        return cls(postings.format_bits)

    def selected_bits(self, formats: Sequence[str]) -> int:
        """The documents of any of `formats` (ORed, like values of one facet)."""
        return union_bits(self.bits.get(name, 0) for name in formats)

    def counts(self, matching: int) -> dict[str, int]:
        """Per format, how many of `matching` (a bitset) have it: `matching` is narrowed by
        every filter but the format one, so a rep sees what picking another format adds."""
        return {name: (matching & bits).bit_count() for name, bits in self.bits.items()}


def counts_of(
    matching: int,
    filters: Mapping[str, tuple[str, ...]],
    formats: Sequence[str],
    postings: FacetPostings,
    format_postings: FormatPostings,
) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    """The facet counts and the format counts of `matching` (a bitset, `docbits`: the query's
    documents before any filter), each facet and the format filter ignoring their own
    selection."""
    facet_matching = matching
    if formats:
        facet_matching &= format_postings.selected_bits(formats)
    format_matching = matching
    for bits in postings.selected_bits(filters).values():
        format_matching &= bits
    return postings.counts(facet_matching, filters), format_postings.counts(format_matching)


def expired_matching(expired: int, plan: Plan, ranker: Ranker, *, browse: bool) -> int:
    """Of `expired` (already narrowed by the filters), those the query matches: each of its
    required concepts and any of its others, none of its exclusions. Cheap: the sets are the
    ranker's cached bitsets (`docbits`), and nothing is scored."""
    if not expired or (not browse and not plan.concepts):
        return 0
    found = expired
    if not browse:
        per_concept = [ranker.concept_docs(c) for c in plan.concepts]
        found = intersection_bits(
            found, (docs for c, docs in zip(plan.concepts, per_concept, strict=True) if c.required)
        )
        found &= union_bits(per_concept)
    for alternative in plan.excluded:
        found &= ~ranker.alternative_docs(alternative)
    return found
