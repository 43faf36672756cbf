"""The summary report over a real index and eight reps' backdated events: the figures beside
the previous period, the weekly series in the reader's calendar, the teams, and what is
"not measured" for events recorded before uses named their search."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from contentfinder.reports.export import FORMATS, write_report
from contentfinder.reports.summary import readable_seconds
from tests.reports.eight_reps import (
    APAC,
    EMEA,
    MARKETING,
    NA,
    REPS,
    at,
    report_of,
    search,
    use,
)


def figures(report) -> dict[str, tuple[object, object, object]]:  # noqa: ANN001
    return {row[0]: row[1:] for row in report.tables[0].rows}


def two_periods() -> list:
    """14 days to Monday 2026-11-30 (UTC+01:00) and the 14 before, eight reps in three teams."""
    events = []
    # The previous period: three reps searched 'roi', one opened it from the search after 60 s.
    for who in EMEA:
        found = search(who, "roi", when=at(date(2026, 11, 10), 9))
        events.append(found)
        if who is EMEA[0]:
            events.append(
                use(
                    who, "open", "roi.txt", came_from=found, when=at(date(2026, 11, 10), 9 + 1 / 60)
                )
            )
    # 23:30 UTC on the 16th is already the 17th in UTC+01:00: this period, week of the 16th.
    for who in EMEA:
        events.append(search(who, "dental", hits=0, shown=(), when=at(date(2026, 11, 16), 23.5)))
    for who in REPS:
        found = search(who, "roi", when=at(date(2026, 11, 24), 10))
        events.append(found)
        if who in EMEA or who is NA[0]:
            events.append(
                use(
                    who,
                    "open",
                    "roi.txt",
                    came_from=found,
                    when=at(date(2026, 11, 24), 10 + 30 / 3600),
                )
            )
    events.append(use(NA[1], "preview", "security.txt", seconds=5, when=at(date(2026, 11, 25))))
    pricing = search(NA[0], "pricing", shown=("pricing.txt",), when=at(date(2026, 11, 30), 8))
    events += [
        pricing,
        use(NA[0], "open", "pricing.txt", came_from=pricing, when=at(date(2026, 11, 30), 8.025)),
    ]
    events += [search(MARKETING, "roi") for _ in range(5)]  # not reps: never counted
    return events


def test_the_summary_sets_each_figure_beside_the_previous_period(settings) -> None:
    report = report_of(settings, "summary", two_periods(), days=14)
    table = report.tables[0]
    assert table.columns == ("Measure", "This period", "Previous period", "Change")
    assert table.note.startswith(
        "This period: 2026-11-17 to 2026-11-30; the previous period, as long, just before it: "
        "2026-11-03 to 2026-11-16."
    )
    shown = figures(report)
    assert shown["Active reps"] == (8, 3, "up 5 (+167%)")
    assert shown["Searches"] == (12, 3, "up 9 (+300%)")
    assert shown["Searches per active rep"] == (1.5, 1.0, "up 0.5")
    assert shown["Zero-result rate (%)"] == (25.0, 0.0, "up 25.0 pts")
    assert shown["No full result rate (%)"] == (25.0, 0.0, "up 25.0 pts")
    assert shown["Search click-through (%)"] == (41.7, 33.3, "up 8.4 pts")
    assert shown["Median time from search to use"] == ("30 s", "1 min", "down 30 s")
    assert shown["Uses"] == (6, 1, "up 5 (+500%)")
    # forgotten.txt expired on 2026-11-10: three current assets in either period.
    assert shown["Current library used (%)"] == (100.0, 33.3, "up 66.7 pts")
    assert shown["Current library engaged (%)"] == (66.7, 33.3, "up 33.4 pts")
    assert shown["Assets retired (expired)"] == (0, 1, "down 1 (-100%)")
    assert shown["Assets published"][0] in ("not known", 0)  # no published dates in this index
    assert dict(report.about)["Counted"] == (
        "reps only: 18 events of 8 reps; 5 marketing events left out"
    )


def test_the_weekly_series_follows_the_readers_calendar(settings) -> None:
    report = report_of(settings, "summary", two_periods(), days=14)
    weekly = next(t for t in report.tables if t.name == "Weekly")
    assert weekly.rows == (
        (date(2026, 11, 16), 3, 3, 3, 0, 0.0),  # the 'dental' searches of the 17th, there
        (date(2026, 11, 23), 8, 8, 0, 5, 50.0),
        (date(2026, 11, 30), None, 1, None, None, None),  # one rep: only their number
    )
    assert weekly.chart is not None and not weekly.chart.horizontal


def test_teams_of_fewer_than_three_reps_are_left_out_and_counted(settings) -> None:
    report = report_of(settings, "summary", two_periods(), days=14)
    teams = next(t for t in report.tables if t.name == "By team")
    assert teams.rows == (
        ("EMEA retail", 3, 6, 50.0, 50.0, 3),
        ("NA enterprise", 3, 4, 0.0, 50.0, 3),
    )
    assert len(APAC) == 2
    assert dict(report.about)["Privacy"] == (
        "rows from fewer than 3 reps are not shown: "
        "weeks from fewer than 3 reps: 2 events, 1 week; "
        "other teams from fewer than 3 reps: 2 events, 1 team"
    )


def test_the_team_filter_counts_one_teams_reps(settings) -> None:
    report = report_of(settings, "summary", two_periods(), days=14, team="NA enterprise")
    shown = figures(report)
    assert shown["Active reps"][0] == 3 and shown["Searches"][0] == 4
    assert shown["Active reps"][1] == 0  # none of them searched in the previous period
    assert not any(t.name == "By team" for t in report.tables)  # one team: no breakdown


def test_click_through_is_not_measured_for_searches_before_links(settings) -> None:
    events = []
    for who in REPS[:4]:
        events.append(search(who, "roi", shown=None, when=at(date(2026, 11, 24), 10)))
        events.append(use(who, "open", "roi.txt", when=at(date(2026, 11, 24), 10.01)))
    report = report_of(settings, "summary", events, days=14)
    shown = figures(report)
    assert shown["Search click-through (%)"][0] == "not measured"
    assert shown["Median time from search to use"][0] == "not measured"
    assert shown["No full result rate (%)"][0] == "not measured"
    assert shown["Zero-result rate (%)"][0] == 0.0
    assert any("4 searches of the period were recorded before" in n for n in report.notes)


def test_figures_of_fewer_than_three_reps_are_not_shown(settings) -> None:
    events = [search(who, "roi", when=at(date(2026, 11, 24))) for who in REPS[:2]]
    report = report_of(settings, "summary", events, days=14)
    shown = figures(report)
    assert shown["Active reps"][0] == 2
    assert shown["Searches"][0] == "fewer than 3 reps"
    assert (
        "the period's figures from fewer than 3 reps: 2 events, 1 period"
        in dict(report.about)["Privacy"]
    )


def test_waits_read_as_a_person_says_them() -> None:
    assert [readable_seconds(s) for s in (0.4, 45, 60, 125, 3600, 3780, 86400, 93600)] == [
        "0 s",
        "45 s",
        "1 min",
        "2 min 5 s",
        "1 h",
        "1 h 3 min",
        "1 day",
        "1 day 2 h",
    ]


@pytest.mark.parametrize("form", FORMATS)
def test_the_summary_is_written_in_every_format(settings, tmp_path: Path, form: str) -> None:
    report = report_of(settings, "summary", two_periods(), days=14)
    out = tmp_path / f"summary.{form}"
    write_report(report, form, out)
    assert out.stat().st_size > 0
