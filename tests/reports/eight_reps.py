"""A small real library, indexed, and the events of eight reps in three teams (and one
marketing person) as report tests need them: backdated, linked search -> use, loaded the way
`report` loads them (`load_events` over a real SQLite log)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, timezone

from contentfinder.config import Settings
from contentfinder.library.opened import Library
from contentfinder.reports.build import build_report
from contentfinder.reports.model import Report
from contentfinder.usage.events import UsageEvent
from contentfinder.usage.identity import Identity
from contentfinder.usage.outcomes import SearchOutcome
from contentfinder.usage.store import load_events
from indexer.pipeline import update_index
from tests.factories import write_text
from tests.usage_events import NOW, made, put, rep

TODAY = NOW.date()  # 2026-11-30, a Monday
PLUS_ONE = timezone(timedelta(hours=1))
EMEA = [rep(n, "EMEA retail") for n in range(1, 4)]
NA = [rep(n, "NA enterprise") for n in range(4, 7)]
APAC = [rep(n, "APAC") for n in range(7, 9)]  # two reps: a team too small to show alone
REPS = EMEA + NA + APAC
MARKETING = rep(9, "EMEA retail", role="marketing")

FILES = {
    "roi.txt": "ROI calculator for manufacturing plants.",
    "security.txt": "SOC 2 and encryption answers for CISOs. ISO 27001 certificate.",
    "forgotten.txt": "Quarterly zebra migration almanac.",
    "pricing.txt": "Pricing sheet for retail chains.",
}
CATALOG = (
    "path,persona,stage,pain,expires\n"
    "roi.txt,CFO,decision,cost reduction,\n"
    "security.txt,CISO,consideration,security compliance,\n"
    "forgotten.txt,CFO,awareness,,2026-11-10\n"
    "pricing.txt,CFO,decision,cost reduction,\n"
)


def indexed_library(make_library, settings_for) -> Settings:  # noqa: ANN001
    library = make_library(
        {name: (lambda p, text=text: write_text(p, text)) for name, text in FILES.items()},
        catalog=CATALOG,
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    return settings


def at(day: date, hour: float = 12) -> datetime:
    """A moment of `day` (UTC), `hour` hours after its midnight."""
    return datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=hour)


def search(
    who: Identity,
    query: str,
    *,
    when: datetime = NOW,
    hits: int = 1,
    shown: tuple[str, ...] | None = ("roi.txt",),
    corrected: str | None = None,
    missing: tuple[str, ...] = (),
    full: bool = True,
    filters: dict[str, list[str]] | None = None,
) -> UsageEvent:
    """A search event; `shown=None` makes one as recorded before searches kept their page."""
    if shown is None:
        detail = None
    else:
        detail = SearchOutcome(
            corrected, missing, full and hits > 0, shown if hits else ()
        ).detail()
    return made(
        who, "search", at=when, query=query, filters=filters or {}, hit_count=hits, detail=detail
    )


def use(
    who: Identity,
    kind: str,
    asset: str,
    *,
    when: datetime = NOW,
    came_from: UsageEvent | None = None,
    seconds: float | None = None,
) -> UsageEvent:
    detail = {"seconds": seconds} if seconds is not None else None
    rank = 1 if came_from is not None else None
    return made(who, kind, at=when, asset_id=asset, came_from=came_from, rank=rank, detail=detail)


def report_of(
    settings: Settings,
    kind: str,
    events: Iterable[UsageEvent],
    *,
    days: int = 30,
    team: str | None = None,
) -> Report:
    """The `kind` report over the events put into the real log, to 2026-11-30 in UTC+01:00."""
    put(settings.usage_db, events)
    loaded = load_events(settings, None)
    return build_report(
        kind, Library(settings), loaded, days=days, today=TODAY, team=team, tz=PLUS_ONE
    )
