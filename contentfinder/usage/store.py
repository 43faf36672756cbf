"""Reading usage events back for reports: from the central store (a shared folder or a
database) or from this machine's own log. Every source gives the same plain records, and
`since` is applied where the events are (in the query, by skipping old batches), not after
reading them all."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import create_engine, select
from sqlalchemy.exc import SQLAlchemyError

from contentfinder.config import Settings
from contentfinder.usage import central_schema
from contentfinder.usage.central_schema import cause_of, usage_events
from contentfinder.usage.events import UsageEvent, from_fields, utc
from contentfinder.usage.identity import load_identity
from contentfinder.usage.log import UsageLog
from contentfinder.usage.sync_folder import read_folder
from contentfinder.usage.targets import DatabaseAddress, FolderAddress, SyncError, parse_address


@dataclass(frozen=True)
class EventRecord:
    event_id: str
    occurred_at: datetime  # UTC
    device_id: str
    user_id: str
    kind: str
    asset_id: str | None
    query: str | None
    filters: dict[str, tuple[str, ...]]  # {} when there were none
    hit_count: int | None
    detail: dict | None
    search_event_id: str | None = None  # a use: the search it came from
    rank: int | None = None  # a use: its rank in that search
    role: str = "rep"
    team: str | None = None
    deal_id: str | None = None

    @classmethod
    def of(cls, event: UsageEvent) -> EventRecord:
        return cls(
            event_id=event.event_id,
            occurred_at=event.occurred_at,
            device_id=event.device_id,
            user_id=event.user_id,
            kind=event.kind,
            asset_id=event.asset_id,
            query=event.query,
            filters=event.filters or {},
            hit_count=event.hit_count,
            detail=event.detail,
            search_event_id=event.search_event_id,
            rank=event.rank,
            role=event.role,
            team=event.team,
            deal_id=event.deal_id,
        )


@dataclass(frozen=True)
class LoadedEvents:
    source: str  # how reports name the store: a path, or a URL with its password masked
    events: tuple[EventRecord, ...]
    problems: tuple[str, ...] = ()  # files or rows skipped, and why


def require_events(loaded: LoadedEvents) -> None:
    """A SyncError when `loaded` has no events at all: a report of nothing would read as
    "nobody used anything", when the truth is an empty store or one that could not be read."""
    if loaded.events:
        return
    if loaded.problems:
        count = len(loaded.problems)
        entries = "entry" if count == 1 else "entries"
        raise SyncError(
            f"{loaded.source}: no usage event could be read ({count} unreadable {entries}; "
            f"the first: {loaded.problems[0].removesuffix('; skipped')})"
        )
    raise SyncError(f"{loaded.source}: no usage events yet, so there is nothing to report on")


def load_events(
    settings: Settings, source: str | None, *, since: datetime | None = None
) -> LoadedEvents:
    """`source`: None for the local log, else a folder path, file:// URL or database URL.
    With `since` (timezone-aware), only the events that occurred at or after it."""
    if since is not None:
        if since.tzinfo is None:
            raise ValueError("since must be timezone-aware")
        since = utc(since)
    if source is None:
        with UsageLog(settings.usage_db, identity=load_identity(settings.home)) as log:
            events = tuple(EventRecord.of(e) for e in log.events(since=since))
        return LoadedEvents(f"the local log {settings.usage_db}", events)
    address = parse_address(source)
    if isinstance(address, FolderAddress):
        return _from_folder(address, since)
    return _from_database(address, since)


def _from_folder(address: FolderAddress, since: datetime | None) -> LoadedEvents:
    folder = address.path
    if not (folder / "events").is_dir():
        raise SyncError(f"{folder}: no usage events here (no events/ folder)")
    contents = read_folder(folder, since=since)
    events, problems = _decoded(contents.events, f"{folder}: event")
    return LoadedEvents(str(folder), events, (*contents.problems, *problems))


def _from_database(address: DatabaseAddress, since: datetime | None) -> LoadedEvents:
    shown = address.named
    try:
        engine = create_engine(address.url)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise SyncError(f"{shown}: not a usable database URL ({address.hide(str(exc))})") from exc
    try:
        with engine.connect() as conn:
            if central_schema.stored_version(conn) is None:
                raise SyncError(f"{shown}: no usage events here (no usage_events table)")
            present = central_schema.event_columns(conn)  # an older store lacks `detail`
            chosen = select(*(c for c in usage_events.c if c.name in present))
            if since is not None:
                chosen = chosen.where(usage_events.c.occurred_at >= since)
            rows = conn.execute(chosen).mappings().all()
    except SQLAlchemyError as exc:
        cause = address.hide(cause_of(exc))
        raise SyncError(f"{shown}: cannot read the central store ({cause})") from exc
    finally:
        engine.dispose()
    events, problems = _decoded(rows, f"{shown}: row")
    return LoadedEvents(shown, events, tuple(problems))


def _decoded(
    stored: Iterable[Mapping[str, Any]], where: str
) -> tuple[tuple[EventRecord, ...], list[str]]:
    """The records of stored fields; one that is not an event is a problem, not a failure."""
    events: list[EventRecord] = []
    problems: list[str] = []
    for fields in stored:
        try:
            events.append(EventRecord.of(from_fields(fields)))
        except ValueError as exc:
            problems.append(f"{where} {fields.get('event_id')}: {exc}; skipped")
    return events, problems
