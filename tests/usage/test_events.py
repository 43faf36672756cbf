"""The one mapping of a usage event to stored fields and back: the local row, the central row
and the folder's JSON line agree, including on filters that are empty or absent."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from contentfinder.usage.events import (
    EVENT_FIELDS,
    UsageEvent,
    from_fields,
    to_record,
    to_row,
)

AT = datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=UTC)


def event(kind: str = "search", **changes: object) -> UsageEvent:
    fields: dict[str, object] = {
        "event_id": "0b7c0c9e-3f5c-4b8e-9d43-0c6f1d2b8a11",
        "occurred_at": AT,
        "device_id": "device-1",
        "user_id": "user-1",
        "kind": kind,
        "asset_id": None if kind in ("search", "feedback") else "Decks/roi.pptx",
        "query": "roi" if kind in ("search", "feedback") else None,
        "filters": {"persona": ("CFO", "CISO")} if kind == "search" else None,
        "hit_count": 3 if kind == "search" else None,
        "seq": 0,
        "detail": None,
    }
    fields.update(changes)
    return UsageEvent(**fields)  # type: ignore[arg-type]


def test_row_and_record_have_spec_fields_and_come_back_whole() -> None:
    original = event(detail={"note": "x"})
    row, record = to_row(original), to_record(original)
    assert tuple(row) == EVENT_FIELDS == tuple(record)
    assert row["occurred_at"] == AT and record["occurred_at"] == "2026-03-04T05:06:07.890123Z"
    assert row["filters"] == record["filters"] == {"persona": ["CFO", "CISO"]}
    assert json.loads(json.dumps(record)) == record
    assert from_fields(row) == original == from_fields(json.loads(json.dumps(record)))
    assert from_fields(row, seq=7).seq == 7
    assert original.to_json() == record


def test_empty_filters_are_an_empty_mapping_and_absent_ones_none_in_every_form() -> None:
    searched = event(filters={})
    opened = event("open")
    assert to_row(searched)["filters"] == {} == to_record(searched)["filters"]
    assert to_row(opened)["filters"] is None is to_record(opened)["filters"]
    assert from_fields(to_row(searched)).filters == {}
    assert from_fields(to_record(opened)).filters is None


@pytest.mark.parametrize("stored", [None, {}])
def test_old_rows_of_either_form_read_back_alike(stored: object) -> None:
    # The central database stored NULL for a search without filters; the local log `{}`.
    row = {**to_row(event(filters={})), "filters": stored}
    assert from_fields(row).filters == {}
    feedback = {**to_row(event("feedback", filters={})), "filters": stored}
    assert from_fields(feedback).filters == {}
    assert from_fields({**to_row(event("open")), "filters": stored}).filters == (
        None if stored is None else {}
    )


def test_times_of_any_offset_or_none_read_back_as_utc() -> None:
    naive = {**to_row(event()), "occurred_at": AT.replace(tzinfo=None)}  # SQLite gives these
    assert from_fields(naive).occurred_at == AT and from_fields(naive).occurred_at.tzinfo == UTC
    offset = AT.astimezone(timezone(timedelta(hours=2))).isoformat()
    assert from_fields({**to_record(event()), "occurred_at": offset}).occurred_at == AT


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"occurred_at": None}, "no occurred_at"),
        ({"occurred_at": "yesterday"}, "occurred_at is not a time"),
        ({"kind": 3}, "kind is not text"),
        ({"filters": ["CFO"]}, "filters are not facet -> values"),
        ({"hit_count": "3"}, "hit_count is not a count"),
        ({"detail": [1]}, "detail is not a JSON object"),
    ],
)
def test_a_damaged_field_is_named(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        from_fields({**to_record(event()), **changes})
