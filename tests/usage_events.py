"""Usage events as tests need them: made at any time by any identity (backdated, several reps,
roles and teams) and put into a real usage log with `UsageLog.import_events`, as
`contentfinder events import` does."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from contentfinder.usage.events import UsageEvent, new_event
from contentfinder.usage.identity import Identity
from contentfinder.usage.log import UsageLog
from contentfinder.usage.outcomes import SearchLink

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def rep(n: int, team: str | None = None, role: str = "rep") -> Identity:
    return Identity(f"device-{n}", f"user-{n}", role=role, team=team)


def made(
    who: Identity,
    kind: str,
    *,
    at: datetime = NOW,
    came_from: UsageEvent | None = None,
    rank: int | None = None,
    **fields: object,
) -> UsageEvent:
    """An event of `who`'s at `at`; a use `came_from` a search event (at `rank` there)."""
    link = SearchLink(came_from.event_id, rank) if came_from is not None else None
    event = new_event(who, kind, came_from=link, **fields)  # type: ignore[arg-type]
    return replace(event, event_id=str(uuid.uuid4()), occurred_at=at)


def days_ago(days: float, *, now: datetime = NOW) -> datetime:
    return now - timedelta(days=days)


def put(database: Path, events: Iterable[UsageEvent]) -> int:
    """The events in the usage log at `database`, as an import adds them."""
    with UsageLog(database, identity=rep(0)) as log:
        return log.import_events(events)
