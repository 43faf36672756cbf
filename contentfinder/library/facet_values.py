"""Facet values as a person types them ('cfo', 'Chief Financial Officer', 'DÉCISION'), read
the one way: each value or synonym to its facet's canonical value, ignoring case, accents and
spacing; and for a value the facet does not know, the known values most likely meant.

Publishing, the command line's --persona/--facet arguments and search filters all read typed
values through `resolve_facet_values`; each words the unknown ones for its own audience.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from whoosh.support.levenshtein import damerau_levenshtein

from contentfinder.library.taxonomy import Facet, Taxonomy
from contentfinder.text import fold

MAX_CLOSEST = 3


@dataclass(frozen=True)
class UnknownFacet:
    """A typed facet name the taxonomy lacks."""

    typed: str  # the facet name as typed
    known: tuple[str, ...]  # the taxonomy's facet names


@dataclass(frozen=True)
class UnknownValue:
    """A typed facet value the taxonomy lacks, with the values most likely meant."""

    facet: str  # the facet's name in the taxonomy
    typed: str  # the value as typed
    closest: tuple[str, ...]  # known values most likely meant, the likeliest first; maybe none
    known: tuple[str, ...]  # every value of the facet


@dataclass(frozen=True)
class FacetValues:
    """Facet values as typed, resolved to the taxonomy's, and the ones it lacks."""

    values: dict[str, tuple[str, ...]]  # facet -> canonical values, as first typed, once each
    unknown: tuple[UnknownFacet | UnknownValue, ...] = ()  # in the order typed


def resolve_facet_values(taxonomy: Taxonomy, typed: Mapping[str, Iterable[str]]) -> FacetValues:
    """The canonical values of `typed` (facet name -> values, both as a person wrote them),
    with every facet or value the taxonomy does not know."""
    values: dict[str, tuple[str, ...]] = {}
    unknown: list[UnknownFacet | UnknownValue] = []
    for facet_name, raw_values in typed.items():
        facet = taxonomy.facet(facet_name)
        if facet is None:
            unknown.append(UnknownFacet(facet_name, taxonomy.facet_names))
            continue
        canonical = list(values.get(facet.name, ()))
        for raw in raw_values:
            value = facet.resolve(raw)
            if value is None:
                known = tuple(v.name for v in facet.values)
                unknown.append(UnknownValue(facet.name, raw, closest_values(facet, raw), known))
            elif value not in canonical:
                canonical.append(value)
        if canonical:
            values[facet.name] = tuple(canonical)
    return FacetValues(values, tuple(unknown))


def closest_values(facet: Facet, typed: str) -> tuple[str, ...]:
    """Known values a person most likely meant: fewest edits first (a swapped pair of letters
    counts as one), then the same length (a slip of the finger, not a missing word)."""
    wanted = fold(typed)
    scored = []
    for value in facet.values:
        for term in (value.name, *value.synonyms):
            folded = fold(term)
            edits = damerau_levenshtein(wanted, folded)
            similarity = difflib.SequenceMatcher(None, wanted, folded).ratio()
            if edits <= max(1, len(wanted) // 3) or similarity >= 0.75:
                scored.append((edits, abs(len(folded) - len(wanted)), -similarity, value.name))
    return tuple(dict.fromkeys(name for *_, name in sorted(scored)))[:MAX_CLOSEST]
