"""Reading usage events back for reports: from the central store (a shared folder or a
database) or from this machine's own log. Every source gives the same plain records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, select
from sqlalchemy.exc import SQLAlchemyError

from contentfinder.config import Settings
from contentfinder.usage.log import UsageLog, load_identity
from contentfinder.usage.sync import SyncError, read_folder, usage_events


@dataclass(frozen=True)
class EventRecord:
    event_id: str
    occurred_at: datetime  # UTC
    device_id: str
    user_id: str
    kind: str
    asset_id: str | None
    query: str | None
    filters: dict[str, tuple[str, ...]]
    hit_count: int | None
    detail: dict | None


@dataclass(frozen=True)
class LoadedEvents:
    source: str
    events: tuple[EventRecord, ...]
    problems: tuple[str, ...] = ()  # files or rows skipped, and why


def load_events(settings: Settings, source: str | None) -> LoadedEvents:
    """`source`: None for the local log, else a folder path, file:// URL or database URL."""
    if source is None:
        with UsageLog(settings.usage_db, identity=load_identity(settings.home)) as log:
            events = tuple(_from_fields(e.to_json()) for e in log.events())
        return LoadedEvents(f"the local log {settings.usage_db}", events)
    if "://" not in source or source.startswith("file://"):
        from urllib.parse import unquote, urlparse

        folder = (
            Path(unquote(urlparse(source).path)) if source.startswith("file://") else (Path(source))
        )
        if not (folder / "events").is_dir():
            raise SyncError(f"{folder}: no usage events here (no events/ folder)")
        contents = read_folder(folder)
        events, problems = [], list(contents.problems)
        for record in contents.events:
            try:
                events.append(_from_fields(record))
            except (KeyError, TypeError, ValueError) as exc:
                problems.append(f"{folder}: event {record.get('event_id')}: {exc}; skipped")
        return LoadedEvents(str(folder), tuple(events), tuple(problems))
    url = source
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(usage_events)).mappings().all()
    except SQLAlchemyError as exc:
        cause = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise SyncError(f"{source}: cannot read the central store ({cause})") from exc
    finally:
        engine.dispose()
    return LoadedEvents(source, tuple(_from_fields(dict(r)) for r in rows))


def _from_fields(fields: dict) -> EventRecord:
    occurred = fields["occurred_at"]
    if isinstance(occurred, str):
        occurred = datetime.fromisoformat(occurred.replace("Z", "+00:00"))
    if occurred.tzinfo is None:
        occurred = occurred.replace(tzinfo=UTC)
    filters = fields.get("filters") or {}
    return EventRecord(
        event_id=str(fields["event_id"]),
        occurred_at=occurred.astimezone(UTC),
        device_id=str(fields["device_id"]),
        user_id=str(fields["user_id"]),
        kind=str(fields["kind"]),
        asset_id=fields.get("asset_id"),
        query=fields.get("query"),
        filters={str(k): tuple(str(x) for x in v) for k, v in dict(filters).items()},
        hit_count=fields.get("hit_count"),
        detail=fields.get("detail"),
    )
