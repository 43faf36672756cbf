"""What a usage event is (SPEC §3) and its one mapping to and from stored fields: the row of the
local log and of the central database, and the JSON line of a folder batch.

Filters, decided once for every store: a search or feedback without filters has `{}` (it had
filters, none chosen); an event that has no filters at all (an open, a favorite) has None,
stored as SQL NULL or JSON null. Rows written before this was decided, with NULL for a search
without filters (the central database did that), read back as `{}`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # read, never imported at run time: usage does not depend on search
    from contentfinder.search.results import SearchResults

KINDS = ("search", "open", "preview", "copy", "share", "favorite", "feedback")
ASSET_KINDS = frozenset({"open", "preview", "copy", "share", "favorite"})  # need an asset id
USED_KINDS = ("open", "preview", "copy", "share")  # what makes an asset "recently used"
QUERY_KINDS = frozenset({"search", "feedback"})  # carry a query and its filters
# SPEC §3's fields as stored, in every store and in this order (`seq` is the device's own).
EVENT_FIELDS = (
    "event_id",
    "occurred_at",
    "device_id",
    "user_id",
    "kind",
    "asset_id",
    "query",
    "filters",
    "hit_count",
    "detail",
)
REQUIRED_FIELDS = EVENT_FIELDS[:5]

Filters = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class SearchOutcome:
    """What a search found beyond its hit count, as its event's `detail` keeps it (SPEC §3):
    the query as corrected, the concepts no asset mentions, whether any asset matched in full
    (a search with only partial matches is a gap in the library), and the first page's ids."""

    corrected: str | None = None
    missing_concepts: tuple[str, ...] = ()
    full_result: bool = True
    shown: tuple[str, ...] = ()

    def detail(self) -> dict[str, object]:
        return {
            "corrected": self.corrected,
            "missing_concepts": list(self.missing_concepts),
            "full_result": self.full_result,
            "shown": list(self.shown),
        }


def search_outcome(results: SearchResults) -> SearchOutcome:
    return SearchOutcome(
        results.corrected,
        tuple(results.missing),
        results.full_result,
        tuple(hit.id for hit in results.hits),
    )


def full_result_of(detail: Mapping[str, object] | None) -> bool | None:
    """Whether a recorded search had a full match; None for searches recorded before the
    event said so."""
    found = (detail or {}).get("full_result")
    return found if isinstance(found, bool) else None


@dataclass(frozen=True)
class UsageEvent:
    event_id: str
    occurred_at: datetime  # aware, UTC
    device_id: str
    user_id: str
    kind: str
    asset_id: str | None
    query: str | None
    filters: Filters | None  # facet -> values, as the search resolved them
    hit_count: int | None
    seq: int  # this device's order of recording: the sync's watermark, never sent
    detail: dict[str, Any] | None  # extras: a feedback message, a favorite on or off

    def to_json(self) -> dict[str, object]:
        """SPEC §3's fields, `occurred_at` as ISO 8601 UTC with Z, plus `detail`."""
        return to_record(self)


def to_row(event: UsageEvent) -> dict[str, object]:
    """The event as a database row (local or central): `occurred_at` an aware datetime."""
    filters = event.filters
    return {
        "event_id": event.event_id,
        "occurred_at": event.occurred_at,
        "device_id": event.device_id,
        "user_id": event.user_id,
        "kind": event.kind,
        "asset_id": event.asset_id,
        "query": event.query,
        "filters": None if filters is None else {f: list(v) for f, v in filters.items()},
        "hit_count": event.hit_count,
        "detail": event.detail,
    }


def to_record(event: UsageEvent) -> dict[str, object]:
    """The event as a JSON line of a folder batch: the row with `occurred_at` as text."""
    return {**to_row(event), "occurred_at": format_time(event.occurred_at)}


def from_fields(fields: Mapping[str, Any], *, seq: int = 0) -> UsageEvent:
    """The event of a row or a JSON line, of any version this code has written. A field of
    the wrong type raises ValueError naming it."""
    missing = [name for name in REQUIRED_FIELDS if fields.get(name) is None]
    if missing:
        raise ValueError(f"no {', '.join(missing)}")
    kind = _text(fields, "kind")
    return UsageEvent(
        event_id=_text(fields, "event_id"),
        occurred_at=_time(fields["occurred_at"]),
        device_id=_text(fields, "device_id"),
        user_id=_text(fields, "user_id"),
        kind=kind,
        asset_id=_optional_text(fields, "asset_id"),
        query=_optional_text(fields, "query"),
        filters=_filters(fields.get("filters"), kind),
        hit_count=_count(fields.get("hit_count")),
        seq=seq,
        detail=_detail(fields.get("detail")),
    )


def format_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(value: str) -> datetime:
    """An ISO 8601 time as stored (`Z` or an offset; none means UTC), aware and in UTC."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return utc(moment)


def utc(moment: datetime) -> datetime:
    """`moment` in UTC; a naive one is taken to be UTC already (SQLite has no time zones)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown usage event kind {kind!r}; known: {', '.join(KINDS)}")
    return kind


def normalize_filters(filters: Mapping[str, Sequence[str]] | None) -> Filters | None:
    """Filters as stored: facets without values dropped; a bare string is one value."""
    if filters is None:
        return None
    normal: Filters = {}
    for facet, values in filters.items():
        chosen = (values,) if isinstance(values, str) else tuple(values)
        if not all(isinstance(v, str) for v in (facet, *chosen)):
            raise TypeError(f"filters must map facet names to strings, not {filters!r}")
        if chosen:
            normal[facet] = chosen
    return normal


def check_detail(detail: Mapping[str, object] | None) -> dict[str, Any] | None:
    extra = None if detail is None else dict(detail)
    json.dumps(extra)  # not JSON: a TypeError for the caller, not a database error
    return extra


# -- reading stored fields ---------------------------------------------------------------------


def _text(fields: Mapping[str, Any], name: str) -> str:
    value = fields[name]
    if not isinstance(value, str):
        raise ValueError(f"{name} is not text: {value!r}")
    return value


def _optional_text(fields: Mapping[str, Any], name: str) -> str | None:
    return None if fields.get(name) is None else _text(fields, name)


def _time(value: object) -> datetime:
    if isinstance(value, datetime):
        return utc(value)
    if isinstance(value, str):
        try:
            return parse_time(value)
        except ValueError:
            pass
    raise ValueError(f"occurred_at is not a time: {value!r}")


def _filters(value: object, kind: str) -> Filters | None:
    if value is None:
        return {} if kind in QUERY_KINDS else None
    if not isinstance(value, Mapping):
        raise ValueError(f"filters are not facet -> values: {value!r}")
    normal: Filters = {}
    for facet, values in value.items():
        chosen = (values,) if isinstance(values, str) else values
        if not isinstance(facet, str) or not isinstance(chosen, Sequence):
            raise ValueError(f"filters are not facet -> values: {value!r}")
        normal[facet] = tuple(str(v) for v in chosen)
    return normal


def _count(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"hit_count is not a count: {value!r}")
    return value


def _detail(value: object) -> dict[str, Any] | None:
    if value is None or isinstance(value, dict):
        return value
    raise ValueError(f"detail is not a JSON object: {value!r}")
