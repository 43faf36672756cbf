"""What a usage event is (SPEC §3) and its one mapping to and from stored fields: the row of the
local log and of the central database, and the JSON line of a folder batch.

Filters, decided once for every store: a search or feedback without filters has `{}` (it had
filters, none chosen); an event that has no filters at all (an open, a favorite) has None,
stored as SQL NULL or JSON null. Rows written before this was decided, with NULL for a search
without filters (the central database did that), read back as `{}`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from contentfinder.usage.outcomes import SearchLink

if TYPE_CHECKING:  # read, never imported at run time
    from contentfinder.usage.identity import Identity

KINDS = ("search", "open", "preview", "copy", "share", "favorite", "feedback")
ASSET_KINDS = frozenset({"open", "preview", "copy", "share", "favorite"})  # need an asset id
USED_KINDS = ("open", "preview", "copy", "share")  # what makes an asset "recently used"
QUERY_KINDS = frozenset({"search", "feedback"})  # carry a query and its filters
ROLES = ("rep", "marketing")  # reports count reps; marketing's own searches and opens are not uses
DEFAULT_ROLE = "rep"
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
    "search_event_id",  # a use: the search it came from (None: from My kit, a link, the CLI)
    "rank",  # a use: the asset's place in that search's results, 1 first
    "role",
    "team",
    "deal_id",  # a use: the CRM deal the rep chose (issue 16)
    "detail",
)
REQUIRED_FIELDS = EVENT_FIELDS[:5]

Filters = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class UsageEvent:
    """One thing a rep did with an asset or a search (SPEC §3), as logged and synced."""

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
    detail: dict[str, Any] | None  # extras: a feedback message, a favorite on or off, seconds
    search_event_id: str | None = None
    rank: int | None = None
    role: str = DEFAULT_ROLE
    team: str | None = None
    deal_id: str | None = None

    def to_json(self) -> dict[str, object]:
        """SPEC §3's fields, `occurred_at` as ISO 8601 UTC with Z, plus `detail`."""
        return to_record(self)


def new_event(
    identity: Identity,
    kind: str,
    asset_id: str | None = None,
    query: str | None = None,
    filters: Mapping[str, Sequence[str]] | None = None,
    hit_count: int | None = None,
    detail: Mapping[str, object] | None = None,
    came_from: SearchLink | None = None,
    deal_id: str | None = None,
) -> UsageEvent:
    """A new event of `identity`'s, now, with a new id; ValueError or TypeError for fields
    that do not make an event of this kind."""
    check_kind(kind)
    if kind in ASSET_KINDS and not asset_id:
        raise ValueError(f"a {kind} event needs an asset id")
    if hit_count is not None and (isinstance(hit_count, bool) or hit_count < 0):
        raise ValueError(f"hit_count must be a count, not {hit_count!r}")
    if came_from is not None and kind not in USED_KINDS:
        raise ValueError(f"a {kind} event does not come from a search")
    return UsageEvent(
        event_id=str(uuid.uuid4()),
        occurred_at=datetime.now(UTC),
        device_id=identity.device_id,
        user_id=identity.user_id,
        kind=kind,
        asset_id=asset_id,
        query=query,
        filters=normalize_filters(filters),
        hit_count=hit_count,
        seq=0,
        detail=check_detail(detail),
        search_event_id=came_from.search_event_id if came_from else None,
        rank=came_from.rank if came_from else None,
        role=identity.role,
        team=identity.team,
        deal_id=deal_id or None,
    )


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
        "search_event_id": event.search_event_id,
        "rank": event.rank,
        "role": event.role,
        "team": event.team,
        "deal_id": event.deal_id,
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
        hit_count=_count(fields.get("hit_count"), "hit_count"),
        seq=seq,
        detail=_detail(fields.get("detail")),
        search_event_id=_optional_text(fields, "search_event_id"),
        rank=_count(fields.get("rank"), "rank"),
        # Events from before roles were recorded were all counted as reps' then.
        role=check_role(_optional_text(fields, "role") or DEFAULT_ROLE),
        team=_optional_text(fields, "team") or None,
        deal_id=_optional_text(fields, "deal_id"),
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


def check_role(role: str) -> str:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
    return role


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


def _count(value: object, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} is not a count: {value!r}")
    return value


def _detail(value: object) -> dict[str, Any] | None:
    if value is None or isinstance(value, dict):
        return value
    raise ValueError(f"detail is not a JSON object: {value!r}")
