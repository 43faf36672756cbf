"""Marketing's reports by name: which module builds each kind, and the `Report` around what it
built, with the header lines every report carries (`Report.about`: Period, Source, Counted,
Privacy, Weights).

Each kind lives in its own module (`summary`, `unused`, `top`, `gaps`, `coverage`, `tagging`,
`influence`);
what they share, the period's reps' events, the index's assets and the privacy rule, is in
`inputs`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo

from contentfinder.library.opened import Library
from contentfinder.reports import coverage, gaps, influence, summary, tagging, top, unused
from contentfinder.reports.inputs import (
    Period,
    ReportInput,
    Section,
    local_zone,
    privacy_line,
    report_input,
    weights_line,
)
from contentfinder.reports.model import Report
from contentfinder.usage.store import LoadedEvents
from contentfinder.usage.targets import mask_password

BUILDERS: dict[str, Callable[[ReportInput], Section]] = {
    "summary": summary.build,
    "unused": unused.build,
    "top": top.build,
    "gaps": gaps.build,
    "coverage": coverage.build,
    "tagging": tagging.build,
    "influence": influence.build,
}
KINDS = tuple(BUILDERS)


def build_report(
    kind: str,
    library: Library,
    loaded: LoadedEvents,
    *,
    days: int = 90,
    today: date | None = None,
    team: str | None = None,
    tz: tzinfo | None = None,
) -> Report:
    """The `kind` report over the `days` days up to and including `today` (default: today in
    `tz`, default the machine's time zone), counting reps' events only, of `team` alone when
    given. ValueError for an unknown kind, a period outside the calendar or a team no event
    names. Reads the library's index and taxonomy once, through `library`."""
    if kind not in BUILDERS:
        raise ValueError(f"unknown report '{kind}'; reports: {', '.join(KINDS)}")
    zone = tz or local_zone()
    period = Period.ending(today or datetime.now(zone).date(), days, zone)
    data = report_input(library, loaded, period, team=team)
    section = BUILDERS[kind](data)
    notes = list(section.notes)
    if loaded.problems:
        count = len(loaded.problems)
        entries, were = ("entry", "was") if count == 1 else ("entries", "were")
        notes.append(f"{count:,} unreadable {entries} in the store {were} skipped.")
    about = (
        ("Period", period.describe()),
        ("Source", mask_password(loaded.source)),
        ("Counted", data.counted.line() if data.counted else "reps only"),
        ("Privacy", privacy_line(section.withheld)),
        ("Weights", weights_line()),
    )
    return Report(
        kind=kind,
        title=section.title,
        period=period.text(),
        generated_at=datetime.now(UTC),
        tables=tuple(section.tables),
        notes=tuple(mask_password(note) for note in notes),
        about=about,
    )
