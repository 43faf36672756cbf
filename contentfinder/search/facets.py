"""Facet counts, computed the way shoppers expect: the counts of a facet ignore that facet's
own selection (so a rep sees what widening adds as well as what narrowing leaves), values
selected within a facet are ORed, facets are ANDed.

Which documents carry each value is read once per index generation, as frozensets (for the
filters) and as bitsets (`docbits`, for the counts); each count is then an AND and a count of
bits, where Whoosh's overlapping facets re-read every posting on every search.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from whoosh import query

from contentfinder.index.saved_beside import saved_or_made
from contentfinder.index.schema import tag_field
from contentfinder.library.formats import FORMATS
from contentfinder.library.taxonomy import Taxonomy
from contentfinder.search.docbits import bits_of, union_bits

CACHE_PREFIX = "facet-postings-"
EXPIRY_FIELD = "expires_day"  # date.toordinal() of the day an asset expires


@dataclass(frozen=True)
class FacetPostings:
    """Which live documents carry each facet value: what the facet counts are made of."""

    live: frozenset[int]  # every document not deleted
    docs: dict[str, dict[str, frozenset[int]]]  # facet -> value -> document numbers
    # Format name -> live document numbers (the format filter's, see `narrowing`): read with
    # the facets so a one-shot search finds them in the cache too. None in an older cache.
    formats: dict[str, frozenset[int]] | None = None
    # Expiry day (date.toordinal()) -> the live documents expiring that day: a one-shot
    # search's range query over the day's terms cost a sixth of its first search. None in an
    # older cache.
    expiry: dict[int, frozenset[int]] | None = None
    # The same as bitsets of `size` documents (`docbits`), what the counts are made of. None
    # in an older cache.
    size: int = 0
    bits: dict[str, dict[str, int]] | None = None  # facet -> value -> bitset
    format_bits: dict[str, int] | None = None

    @classmethod
    def cached(cls, searcher, taxonomy: Taxonomy, index_dir: Path) -> FacetPostings:  # noqa: ANN001
        """From the file the last index run (or search) saved for this index generation and
        taxonomy, else read and saved for the next search: a CLI search is one process."""
        return saved_or_made(
            index_dir,
            CACHE_PREFIX,
            f"{searcher.reader().generation()}-{taxonomy.fingerprint[:12]}",
            lambda: cls.read(searcher, taxonomy),
            # else one an older version saved, without the parts added since
            lambda saved: (
                isinstance(saved, cls)
                and None not in (saved.formats, saved.expiry, saved.bits, saved.format_bits)
            ),
        )

    @classmethod
    def read(cls, searcher, taxonomy: Taxonomy) -> FacetPostings:  # noqa: ANN001
        live = frozenset(searcher.reader().all_doc_ids())
        docs = {
            facet.name: {
                value.name: live.intersection(
                    searcher.docs_for_query(query.Term(tag_field(facet.name), value.name))
                )
                for value in facet.values
            }
            for facet in taxonomy.facets
        }
        formats = format_docs(searcher, live)
        size = searcher.reader().doc_count_all()
        return cls(
            live,
            docs,
            formats,
            expiry_docs(searcher, live),
            size,
            {
                facet: {value: bits_of(found, size) for value, found in by_value.items()}
                for facet, by_value in docs.items()
            },
            {name: bits_of(found, size) for name, found in formats.items()},
        )

    def expired(self, today: date) -> frozenset[int]:
        """The live documents whose expiry day is before `today`."""
        assert self.expiry is not None, "read() and cached() always fill it"
        first_live_day = today.toordinal()
        return frozenset().union(
            *(docs for day, docs in self.expiry.items() if day < first_live_day)
        )

    def selected_bits(self, filters: Mapping[str, tuple[str, ...]]) -> dict[str, int]:
        """Per filtered facet, the documents carrying any of its selected values, as a
        bitset (`docbits`)."""
        assert self.bits is not None, "read() and cached() always fill it"
        return {
            facet: union_bits(self.bits.get(facet, {}).get(v, 0) for v in values)
            for facet, values in filters.items()
        }

    def counts(
        self, matching: int, filters: Mapping[str, tuple[str, ...]]
    ) -> dict[str, dict[str, int]]:
        """Counts per value among `matching` (a bitset of the query's documents, before any
        filter)."""
        assert self.bits is not None, "read() and cached() always fill it"
        selected = self.selected_bits(filters)
        counts: dict[str, dict[str, int]] = {}
        for facet, by_value in self.bits.items():
            allowed = matching
            for other, bits in selected.items():
                if other != facet:
                    allowed &= bits
            counts[facet] = {
                value: (allowed & bits).bit_count() for value, bits in by_value.items()
            }
        return counts


def format_docs(searcher, live: frozenset[int]) -> dict[str, frozenset[int]]:  # noqa: ANN001
    """Per format name of the formats table, in its order, the live documents of that format."""
    names = dict.fromkeys(f.name for f in FORMATS.values())
    return {
        name: live.intersection(searcher.docs_for_query(query.Term("format", name)))
        for name in names
    }


def expiry_docs(searcher, live: frozenset[int]) -> dict[int, frozenset[int]]:  # noqa: ANN001
    """Per expiry day the live documents with it, from the field's full-precision terms."""
    field = searcher.schema[EXPIRY_FIELD]
    days = [field.from_bytes(b) for b in field.sortable_terms(searcher.reader(), EXPIRY_FIELD)]
    found = {
        day: live.intersection(searcher.docs_for_query(query.Term(EXPIRY_FIELD, day)))
        for day in days
    }
    return {day: docs for day, docs in found.items() if docs}
