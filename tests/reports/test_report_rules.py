"""The rules every report follows: its period as two dates in the reader's time zone, reps'
events only, the team filter, the source with its password masked, the privacy rule's
aggregate, the weights; and the helpers reports share (`ReportInput`)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from contentfinder.library.opened import Library
from contentfinder.reports.build import KINDS, build_report
from contentfinder.reports.inputs import (
    OTHER_TEAMS,
    Period,
    Withheld,
    plural,
    privacy_line,
    report_input,
    weights_line,
)
from contentfinder.usage.store import EventRecord, LoadedEvents, load_events
from tests.reports.eight_reps import (
    APAC,
    EMEA,
    MARKETING,
    NA,
    PLUS_ONE,
    REPS,
    TODAY,
    at,
    report_of,
    search,
    use,
)
from tests.usage_events import put


def about(report) -> dict[str, str]:  # noqa: ANN001
    return dict(report.about)


def test_a_period_is_two_dates_in_the_readers_time_zone() -> None:
    period = Period.ending(date(2026, 11, 30), 90, PLUS_ONE)
    assert (period.start, period.end, period.days) == (date(2026, 9, 2), date(2026, 11, 30), 90)
    assert period.describe() == "2026-09-02 to 2026-11-30 (UTC+01:00)"
    assert period.starts_at == at(date(2026, 9, 1), 23)  # midnight in UTC+01:00
    assert period.before() == Period.ending(date(2026, 9, 1), 90, PLUS_ONE)
    berlin = Period.ending(date(2026, 7, 1), 1, ZoneInfo("Europe/Berlin"))
    assert berlin.describe() == "2026-07-01 to 2026-07-01 (Europe/Berlin, UTC+02:00)"
    assert Period.ending(TODAY, 7, UTC).zone_name() == "UTC"
    assert Period.ending(TODAY, 7, timezone(timedelta(hours=-5, minutes=-30))).zone_name() == (
        "UTC-05:30"
    )


@pytest.mark.parametrize("days", [0, -3, 9_999_999_999, 800_000])
def test_a_period_outside_the_calendar_is_refused_with_its_length(days: int) -> None:
    with pytest.raises(ValueError, match="period"):
        Period.ending(TODAY, days, UTC)


def test_counts_say_1_day_not_1_days() -> None:
    assert (plural(1, "day"), plural(2, "day"), plural(0, "group")) == (
        "1 day",
        "2 days",
        "0 groups",
    )
    assert (plural(40, "search"), plural(1, "search"), plural(1200, "use")) == (
        "40 searches",
        "1 search",
        "1,200 uses",
    )


def test_backdated_events_fall_in_the_period_of_the_readers_calendar(settings) -> None:
    first = date(2026, 11, 24)  # a 7-day period to 2026-11-30, in UTC+01:00
    events = [
        search(REPS[0], "before", when=at(first, -1.5)),  # 22:30 UTC the day before: 23:30 there
        search(REPS[0], "first", when=at(first, -0.5)),  # 23:30 UTC: 00:30 on the 24th there
        search(REPS[0], "last", when=at(TODAY, 22.5)),  # 23:30 on the 30th there
        search(REPS[0], "after", when=at(TODAY, 23.5)),  # already 1 December there
    ]
    put(settings.usage_db, events)
    report = build_report(
        "summary", Library(settings), load_events(settings, None), days=7, today=TODAY, tz=PLUS_ONE
    )
    assert report.period == "2026-11-24 to 2026-11-30"
    assert about(report)["Period"] == "2026-11-24 to 2026-11-30 (UTC+01:00)"
    data = report_input(
        Library(settings), load_events(settings, None), Period.ending(TODAY, 7, PLUS_ONE)
    )
    assert [e.query for e in data.events] == ["first", "last"]
    assert [e.query for e in data.previous().events] == ["before"]


def test_reports_count_reps_only_and_say_what_they_left_out(settings) -> None:
    events = [search(who, "roi") for who in REPS[:3]]
    events += [search(MARKETING, "roi"), use(MARKETING, "open", "roi.txt")]
    report = report_of(settings, "gaps", events)
    assert about(report)["Counted"] == "reps only: 3 events of 3 reps; 2 marketing events left out"
    data = report_input(
        Library(settings), load_events(settings, None), Period.ending(TODAY, 30, PLUS_ONE)
    )
    assert {e.role for e in data.events} == {"rep"} and len(data.events) == 3


def test_the_team_filter_counts_that_teams_reps_alone(settings) -> None:
    events = [search(who, "roi") for who in REPS]
    report = report_of(settings, "summary", events, team="  emea RETAIL ")
    assert about(report)["Counted"] == (
        "reps of team EMEA retail: 3 events of 3 reps; 5 events of other teams left out"
    )
    loaded = load_events(settings, None)
    period = Period.ending(TODAY, 30, PLUS_ONE)
    data = report_input(Library(settings), loaded, period, team="EMEA retail")
    assert {e.user_id for e in data.events} == {who.user_id for who in EMEA}
    with pytest.raises(ValueError, match="team 'Mars'; teams: APAC, EMEA retail, NA enterprise"):
        report_input(Library(settings), loaded, period, team="Mars")


def test_teams_of_fewer_than_three_reps_are_shown_together(settings) -> None:
    put(settings.usage_db, [search(who, "roi") for who in REPS])
    loaded = load_events(settings, None)
    data = report_input(Library(settings), loaded, Period.ending(TODAY, 30, PLUS_ONE))
    rows = data.teams()
    assert [(r.team, len(r.events)) for r in rows] == [
        ("EMEA retail", 3),
        ("NA enterprise", 3),
        (OTHER_TEAMS, 2),  # APAC's two reps, alone too few even together
    ]
    hidden = Withheld("other teams", "search", "team")
    assert [r.team for r in data.teams(hidden)] == ["EMEA retail", "NA enterprise"]
    assert hidden.text() == "other teams from fewer than 3 reps: 2 searches, 1 team"


def test_the_privacy_rule_says_what_it_hid_aggregated() -> None:
    def of(n: int, user: str) -> EventRecord:
        return EventRecord(f"e{n}", at(TODAY), "d", user, "search", None, "q", {}, 1, None)

    hidden = Withheld("other searches", "search")
    small = [of(n, f"user-{n % 2}") for n in range(5)]  # two reps
    assert not hidden.shown(small) and not hidden.shown(small[:1])
    assert hidden.shown([of(n, f"user-{n}") for n in range(3)])
    assert privacy_line([hidden, Withheld("other assets", "use")]) == (
        "rows from fewer than 3 reps are not shown: "
        "other searches from fewer than 3 reps: 6 searches, 2 groups"
    )
    assert privacy_line([]) == "rows from fewer than 3 reps are not shown; none were hidden"


def test_every_report_states_the_weights_of_uses(settings) -> None:
    assert weights_line() == (
        "send/copy 3, open 2, preview 1; engaged: an open, copy or share, or a preview of 10 s "
        "or more"
    )
    report = report_of(settings, "top", [])
    assert about(report)["Weights"] == weights_line()
    assert [label for label, _ in report.about] == [
        "Period",
        "Source",
        "Counted",
        "Privacy",
        "Weights",
    ]


def _texts(value: object) -> list[str]:
    """Every string inside a report, however deep."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [t for f in dataclasses.fields(value) for t in _texts(getattr(value, f.name))]
    if isinstance(value, list | tuple):
        return [t for item in value for t in _texts(item)]
    return []


@pytest.mark.parametrize("kind", KINDS)
def test_the_sources_password_reaches_no_field_of_any_report(settings, kind: str) -> None:
    events = [search(who, "iso 27001", hits=0, shown=()) for who in REPS]
    put(settings.usage_db, events)
    local = load_events(settings, None)
    source = "postgresql+psycopg://marketing:Tr0ub4dor&3@db.example:5432/usage"
    loaded = LoadedEvents(
        source, local.events, (f"{source}: row 7: occurred_at is not a time; skipped",)
    )
    report = build_report(kind, Library(settings), loaded, days=30, today=TODAY, tz=PLUS_ONE)
    texts = _texts(report)
    assert texts and not [t for t in texts if "Tr0ub4dor" in t]
    assert about(report)["Source"] == "postgresql+psycopg://marketing:***@db.example:5432/usage"
    assert any("1 unreadable entry in the store was skipped" in note for note in report.notes)


def test_report_input_links_uses_to_their_search(settings) -> None:
    linked = search(REPS[0], "roi", shown=("roi.txt", "pricing.txt"), when=at(TODAY, 9))
    older = search(REPS[1], "roi", shown=None, when=at(TODAY, 9))
    uses = [
        use(REPS[0], "open", "roi.txt", came_from=linked, when=at(TODAY, 10)),
        use(REPS[0], "preview", "pricing.txt", came_from=linked, when=at(TODAY, 9.5), seconds=3),
        use(REPS[0], "copy", "roi.txt", when=at(TODAY, 11)),  # from My kit: no search
    ]
    put(settings.usage_db, [linked, older, *uses])
    data = report_input(
        Library(settings), load_events(settings, None), Period.ending(TODAY, 30, PLUS_ONE)
    )
    record = data.searches_by_id[linked.event_id]
    picked = data.uses_from(record)
    assert [e.kind for e in picked] == ["preview", "open"]  # first first
    assert data.weighted(picked) == 3 and [e.kind for e in data.engaged(picked)] == ["open"]
    assert data.shown_ids(record) == ("roi.txt", "pricing.txt")
    assert data.shown_ids(data.searches_by_id[older.event_id]) is None
    assert data.uses_from(data.searches_by_id[older.event_id]) == []
    assert {t.team for t in data.teams()} == {OTHER_TEAMS}
    assert APAC and NA  # the teams the other reports break down by


def test_without_a_zone_the_period_is_in_the_machines_zone(settings) -> None:
    from contentfinder.reports.inputs import local_zone

    report = build_report("summary", Library(settings), load_events(settings, None), days=1)
    zone = Period.ending(TODAY, 1, local_zone()).zone_name()
    assert dict(report.about)["Period"].endswith(f"({zone})")
    start, _, end = report.period.partition(" to ")
    assert start == end  # 1 day: today alone
