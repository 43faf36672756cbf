"""Marketing's reports by name: which module builds each kind, and the `Report` around what it
built (the period, the events counted, the store's unreadable entries).

Each kind lives in its own module (`unused`, `top`, `gaps`, `coverage`, `tagging`); what they
share, the period's events, the index's assets and the privacy rule, is in `inputs`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from contentfinder.library.opened import Library
from contentfinder.reports import coverage, gaps, tagging, top, unused
from contentfinder.reports.inputs import Period, ReportInput, Section, report_input
from contentfinder.reports.model import Report
from contentfinder.usage.store import LoadedEvents

BUILDERS: dict[str, Callable[[ReportInput], Section]] = {
    "unused": unused.build,
    "top": top.build,
    "gaps": gaps.build,
    "coverage": coverage.build,
    "tagging": tagging.build,
}
KINDS = tuple(BUILDERS)


def build_report(
    kind: str,
    library: Library,
    loaded: LoadedEvents,
    *,
    days: int = 90,
    today: date | None = None,
) -> Report:
    """The `kind` report over the `days` before `today`; ValueError for an unknown kind.
    Reads the library's index and taxonomy once, through `library`."""
    if kind not in BUILDERS:
        raise ValueError(f"unknown report '{kind}'; reports: {', '.join(KINDS)}")
    period = Period(days, today or date.today())
    data = report_input(library, loaded, period)
    section = BUILDERS[kind](data)
    notes = [f"{len(data.events)} events in the period."]
    if loaded.problems:
        notes.append(f"{len(loaded.problems)} unreadable entries in the store were skipped.")
    return Report(
        kind=kind,
        title=section.title,
        period=period.describe(loaded.source),
        generated_at=datetime.now(UTC),
        tables=tuple(section.tables),
        notes=tuple(notes + section.notes),
    )
