"""The filters a search names, as a person typed them ('cfo', 'TOFU'), made the taxonomy's
values, and several selections (the filter pane's, the query's `persona:cfo`) made one."""

from __future__ import annotations

from collections.abc import Mapping

from contentfinder.library.facet_values import UnknownFacet, resolve_facet_values
from contentfinder.library.taxonomy import Taxonomy


class FilterError(ValueError):
    """A filter names a facet or value the taxonomy does not know; the message lists the known."""


def resolve_filters(
    taxonomy: Taxonomy, raw: Mapping[str, list[str] | tuple[str, ...]]
) -> dict[str, tuple[str, ...]]:
    """Canonical values for filters typed by a person ('cfo', 'TOFU'); unknown ones refused,
    naming what the taxonomy knows (the first unknown, as typed)."""
    resolved = resolve_facet_values(taxonomy, raw)
    if resolved.unknown:
        unknown = resolved.unknown[0]
        if isinstance(unknown, UnknownFacet):
            known = ", ".join(unknown.known)
            raise FilterError(f"unknown facet '{unknown.typed}'; known facets: {known}")
        known = ", ".join(unknown.known)
        raise FilterError(f"unknown {unknown.facet} '{unknown.typed}'; known values: {known}")
    return resolved.values


def merge_filters(
    *selections: Mapping[str, tuple[str, ...]],
) -> dict[str, tuple[str, ...]]:
    """Several selections as one: values of one facet ORed, in the order first given."""
    merged: dict[str, tuple[str, ...]] = {}
    for selection in selections:
        for facet, values in selection.items():
            merged[facet] = tuple(dict.fromkeys((*merged.get(facet, ()), *values)))
    return merged
