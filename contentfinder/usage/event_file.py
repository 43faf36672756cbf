"""Usage events as a file of JSON lines in SPEC §3's form (the fields `to_record` writes, one
event a line): reading one for `contentfinder events import`, all of it or nothing, and the
lines `events export` writes.

Reading is stricter than reading a store back: what is imported is synced on, so a value the
central database would refuse (an id that is no UUID, a device id longer than its column)
must be refused here, with its line, not fail every sync after.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contentfinder.usage.central_schema import usage_events
from contentfinder.usage.events import (
    ASSET_KINDS,
    EVENT_FIELDS,
    USED_KINDS,
    UsageEvent,
    check_kind,
    from_fields,
    normalize_filters,
    to_record,
)

_SHOWN_PROBLEMS = 20  # a file of 10,000 bad lines: the first ones say what is wrong
_UUID_FIELDS = ("event_id", "search_event_id")
# The text columns of the central table that have a length: longer would be refused there.
_LIMITS = {
    column.name: column.type.length
    for column in usage_events.c
    if getattr(column.type, "length", None) and column.name not in _UUID_FIELDS
}


class EventFileError(Exception):
    """The file cannot be imported; the message names the file and each bad line's cause."""


@dataclass(frozen=True)
class EventFile:
    name: str  # the file, as messages name it
    events: tuple[UsageEvent, ...]  # each id once, in the file's order
    repeated: int  # lines that repeat an earlier line of the file word for word


def read_event_file(path: Path) -> EventFile:
    """Every event of the file, or EventFileError naming the file and the bad lines (see
    `parse_event_lines`)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise EventFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise EventFileError(f"{path}: is a folder, not a file of events") from None
    except OSError as exc:
        raise EventFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return parse_event_lines(data, str(path))


def parse_event_lines(data: bytes, name: str) -> EventFile:
    """Every event of the JSON lines `data` (of the file `name`), or EventFileError naming
    it and the bad lines (up to 20 of them, then how many more). Blank lines are allowed; no
    event at all is an error, as is one id on two lines that differ."""
    events: dict[str, tuple[int, UsageEvent]] = {}
    problems: list[str] = []
    repeated = 0
    for number, raw in enumerate(data.removeprefix(b"\xef\xbb\xbf").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            event = event_of_line(raw)
        except ValueError as exc:
            problems.append(f"line {number}: {exc}")
            continue
        earlier = events.get(event.event_id)
        if earlier is None:
            events[event.event_id] = (number, event)
        elif earlier[1] == event:
            repeated += 1
        else:
            problems.append(
                f"line {number}: event_id {event.event_id} is on line {earlier[0]} too, "
                "with other values"
            )
    if problems:
        shown = problems[:_SHOWN_PROBLEMS]
        if len(problems) > len(shown):
            shown.append(f"… and {len(problems) - len(shown)} more bad lines")
        raise EventFileError(
            f"{name}: nothing imported; {len(problems)} bad "
            f"line{'s' if len(problems) != 1 else ''}:\n  " + "\n  ".join(shown)
        )
    if not events:
        raise EventFileError(f"{name}: no events in this file (one JSON object a line)")
    return EventFile(name, tuple(event for _, event in events.values()), repeated)


def event_of_line(raw: bytes | str) -> UsageEvent:
    """The event of one line; ValueError saying what is wrong with it."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    try:
        fields = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg}, column {exc.colno})") from None
    if not isinstance(fields, dict):
        raise ValueError("not a JSON object of an event's fields")
    return checked_event(fields)


def checked_event(fields: Mapping[str, Any]) -> UsageEvent:
    """The event of SPEC §3's fields, refusing what a store would refuse or misread."""
    unknown = sorted(set(fields) - set(EVENT_FIELDS))
    if unknown:
        raise ValueError(
            f"unknown field{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
            f"an event has {', '.join(EVENT_FIELDS)}"
        )
    event = from_fields(fields)
    check_kind(event.kind)
    for name in _UUID_FIELDS:
        value = getattr(event, name)
        if value is not None and not _is_uuid(value):
            raise ValueError(f"{name} is not a UUID: {value!r}")
    for name, length in _LIMITS.items():
        value = getattr(event, name, None)
        if isinstance(value, str) and len(value) > length:
            raise ValueError(f"{name} is longer than {length} characters")
    if event.kind in ASSET_KINDS and not event.asset_id:
        raise ValueError(f"a {event.kind} event needs an asset_id")
    if event.hit_count is not None and event.hit_count < 0:
        raise ValueError(f"hit_count must be 0 or more, not {event.hit_count}")
    if event.rank is not None and event.rank < 1:
        raise ValueError(f"rank must be 1 or more, not {event.rank}")
    if (event.search_event_id or event.rank is not None) and event.kind not in USED_KINDS:
        raise ValueError(f"a {event.kind} event does not come from a search")
    filters = fields.get("filters")
    if isinstance(filters, Mapping):
        try:
            normalize_filters(filters)
        except TypeError:
            raise ValueError(f"filters must map facet names to text values: {filters!r}") from None
    return event


def event_lines(events: Iterable[UsageEvent]) -> Iterator[str]:
    """Each event as one JSON line (with its newline), in SPEC §3's form."""
    for event in events:
        yield json.dumps(to_record(event), ensure_ascii=False) + "\n"


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return len(value) <= 36
