"""What every report is built from, and the rules they all follow: the period's usage events,
the index's assets (read once per report), the uses among the events, and the privacy rule
that no row or cell built from fewer than `MIN_REPS` reps' events is shown."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from contentfinder.index.stored import StoredAsset, decode_stored, read_stored_assets
from contentfinder.library.opened import Library
from contentfinder.reports.model import Table
from contentfinder.usage.store import EventRecord, LoadedEvents

MIN_REPS = 3  # the smallest group of reps a report may show
USE_KINDS = ("open", "preview", "copy", "share")
NO_ASSET = decode_stored({"id": ""}, None)  # what an event names once its asset has gone


@dataclass(frozen=True)
class Period:
    days: int
    today: date

    @property
    def start(self) -> datetime:
        return datetime.combine(self.today - timedelta(days=self.days), datetime.min.time(), UTC)

    def describe(self, source: str) -> str:
        return f"{self.days} days to {self.today.isoformat()}, from {source}"


@dataclass(frozen=True)
class ReportInput:
    """One report's material: the library, the index's assets, the period's events."""

    library: Library
    assets: dict[str, StoredAsset]
    events: list[EventRecord]
    today: date
    history: tuple[EventRecord, ...] = ()  # every event loaded, before the period too

    def current(self) -> list[StoredAsset]:
        """Assets not expired today."""
        return [a for a in self.assets.values() if not a.expired(self.today)]

    def uses(self) -> dict[str, list[EventRecord]]:
        """asset id -> the period's opens, previews, copies and shares of it."""
        return uses_of(self.events)


@dataclass(frozen=True)
class Section:
    """What one kind of report contributes: its title, tables and notes."""

    title: str
    tables: list[Table]
    notes: list[str] = field(default_factory=list)


def report_input(library: Library, loaded: LoadedEvents, period: Period) -> ReportInput:
    start = period.start
    events = [e for e in loaded.events if e.occurred_at >= start]
    return ReportInput(library, read_assets(library), events, period.today, loaded.events)


def read_assets(library: Library) -> dict[str, StoredAsset]:
    """Every asset of the library's index, by id, tagged by the library's taxonomy."""
    with library.index.searcher() as searcher:
        return {a.id: a for a in read_stored_assets(searcher, library.taxonomy)}


def uses_of(events: Iterable[EventRecord]) -> dict[str, list[EventRecord]]:
    used: dict[str, list[EventRecord]] = defaultdict(list)
    for event in events:
        if event.kind in USE_KINDS and event.asset_id:
            used[event.asset_id].append(event)
    return used


def enough_reps(events: Iterable[EventRecord]) -> bool:
    return len({e.user_id for e in events}) >= MIN_REPS


def small_group_note(hidden: int) -> list[str]:
    if not hidden:
        return []
    return [f"{hidden} rows built from fewer than {MIN_REPS} reps are not shown (privacy)."]
