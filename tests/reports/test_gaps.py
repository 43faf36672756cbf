"""The gaps report over a real index and eight reps' events, and the grouping of searches
that are one request (`query_groups`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from contentfinder.reports.query_groups import HASHED_LABEL, group_queries
from contentfinder.usage.store import EventRecord
from tests.reports.eight_reps import (
    EMEA,
    NA,
    REPS,
    TODAY,
    at,
    report_of,
    search,
    use,
)


def gap_rows(report) -> dict[str, dict[str, object]]:  # noqa: ANN001
    table = report.tables[0]
    rows = [dict(zip(table.columns, row, strict=True)) for row in table.rows]
    return {str(row["Search (most common form)"]): row for row in rows}


def about(report) -> dict[str, str]:  # noqa: ANN001
    return dict(report.about)


_n = 0


def searched(query: str, user: str, *, corrected: str | None = None) -> EventRecord:
    global _n
    _n += 1
    detail = {"corrected": corrected} if corrected else None
    moment = datetime(2026, 11, 1, tzinfo=UTC) + timedelta(minutes=_n)
    return EventRecord(f"e{_n}", moment, "d", user, "search", None, query, {}, 1, detail)


def keys(events: list[EventRecord]) -> list[tuple[str, int]]:
    return [(g.label, len(g.events)) for g in group_queries(events)]


def test_case_order_and_endings_are_one_request() -> None:
    events = [
        searched("ISO 27001", "a"),
        searched("iso 27001", "b"),
        searched("27001 iso", "c"),
        searched("Certificates", "d"),
        searched("certificate", "e"),
    ]
    assert keys(events) == [("iso 27001", 3), ("certificate", 2)]


def test_a_typo_counts_with_its_correction_even_where_it_was_not_recorded() -> None:
    events = [
        searched("iso 27001", "a"),
        searched("isso 27001", "b", corrected="iso 27001"),
        searched("isso 27001", "c"),  # an older event: the same typo, no correction kept
        searched("pricng", "d", corrected="pricing"),
    ]
    [iso, pricing] = group_queries(events)
    assert (iso.label, len(iso.events)) == ("iso 27001", 3)
    assert iso.variants == ["isso 27001 (corrected to iso 27001)"]
    assert (pricing.label, len(pricing.events)) == ("pricing", 1)  # reads as what was meant


def test_one_word_more_joins_a_request_of_two_words_or_more_never_two() -> None:
    events = [
        searched("iso 27001", "a"),
        searched("iso 27001 certificate", "b"),
        searched("iso 27001 audit checklist", "c"),  # two words more: another request
        searched("roi", "d"),
        searched("roi calculator", "e"),  # one word is too little to say it is the same
    ]
    assert keys(events) == [
        ("iso 27001", 2),
        ("iso 27001 audit checklist", 1),
        ("roi", 1),
        ("roi calculator", 1),
    ]


def test_hashed_searches_are_grouped_by_their_hash_alone() -> None:
    events = [searched("sha256:aa", "a"), searched("sha256:aa", "b"), searched("sha256:bb", "c")]
    groups = group_queries(events)
    assert [(g.label, len(g.events), g.hashed) for g in groups] == [
        (HASHED_LABEL, 2, True),
        (HASHED_LABEL, 1, True),
    ]


def test_spellings_are_merged_before_the_three_rep_rule(settings) -> None:
    # Two reps each way: neither spelling alone may be shown, the request may.
    events = [search(who, "iso 27001", hits=0, shown=()) for who in EMEA[:2]]
    events += [search(who, "ISO 27001", hits=0, shown=()) for who in NA[:2]]
    events += [search(REPS[7], "zebra", hits=0, shown=()), search(REPS[6], "zebra", hits=0)]
    report = report_of(settings, "gaps", events)
    rows = gap_rows(report)
    assert list(rows) == ["iso 27001"]
    assert (rows["iso 27001"]["Searches"], rows["iso 27001"]["Reps"]) == (4, 4)
    assert about(report)["Privacy"] == (
        "rows from fewer than 3 reps are not shown: "
        "other searches from fewer than 3 reps: 2 searches, 1 group"
    )


def test_gaps_rank_by_evidence_and_use_the_search_to_use_link(settings) -> None:
    events = []
    # 'pricing retail': all 8 reps searched, found something, and used nothing from it
    # (one opened pricing.txt later from My kit, with no link: that is no use of the search).
    for who in REPS:
        events.append(search(who, "pricing retail", shown=("pricing.txt", "roi.txt")))
    events.append(use(REPS[0], "open", "pricing.txt", when=at(TODAY, 12.05)))
    # 'dental': 3 reps, nothing mentions it; filters chosen.
    for who in EMEA:
        events.append(
            search(
                who,
                "dental clinics",
                hits=2,
                missing=("dental",),
                full=False,
                filters={"persona": ["CFO"]},
            )
        )
    # 'roi': 4 reps, each opened the top result from the search: no gap at all.
    for who in NA + REPS[6:7]:
        found = search(who, "roi")
        events += [found, use(who, "open", "roi.txt", came_from=found)]
    report = report_of(settings, "gaps", events)
    rows = gap_rows(report)
    assert list(rows) == ["pricing retail", "dental clinics"]
    pricing, dental = rows["pricing retail"], rows["dental clinics"]
    assert (pricing["Evidence"], pricing["Nothing used (%)"], pricing["Found nothing"]) == (
        8 * 8,
        100.0,
        0,
    )
    assert pricing["Returned first"] == "Pricing sheet for retail chains."  # its title
    assert (dental["Evidence"], dental["No full result (%)"]) == (3 * 3, 100.0)
    assert dental["No asset mentions"] == "dental"
    assert dental["Filters most used"] == "persona: CFO"
    assert not any("10 minutes" in note for note in report.notes)  # every search linked


def test_older_searches_fall_back_to_the_device_window_and_say_so(settings) -> None:
    events = []
    for who in EMEA:
        old = search(who, "helm chart", shown=None, when=at(TODAY, 9))
        events += [old, use(who, "open", "roi.txt", when=at(TODAY, 9.1))]  # 6 minutes after
    for who in NA:
        events.append(search(who, "soc report", shown=None, when=at(TODAY, 9)))
        events.append(use(who, "open", "roi.txt", when=at(TODAY, 10)))  # an hour later
    report = report_of(settings, "gaps", events)
    rows = gap_rows(report)
    assert list(rows) == ["soc report"]
    assert rows["soc report"]["Returned first"] == ""  # not recorded then
    [note] = [n for n in report.notes if "10 minutes" in n]
    assert note.startswith("3 searches shown here were recorded before searches kept")


def test_marketings_own_searches_are_no_gap(settings) -> None:
    from tests.reports.eight_reps import MARKETING

    events = [search(who, "roadmap", hits=0, shown=()) for who in EMEA[:2]]
    events += [search(MARKETING, "roadmap", hits=0, shown=())]
    report = report_of(settings, "gaps", events)
    assert gap_rows(report) == {}  # two reps only: marketing is not the third


def test_hashed_searches_show_as_hashed_text_with_the_reason(settings) -> None:
    events = [search(who, "sha256:9f86d08188", hits=0, shown=()) for who in NA]
    events += [search(who, "ISO 27001", hits=0, shown=()) for who in EMEA]
    events += [search(EMEA[0], "iso 27001 certificate", hits=0, shown=())]
    report = report_of(settings, "gaps", events)
    rows = gap_rows(report)
    assert rows["(hashed search text)"]["Searches"] == 3
    assert rows["ISO 27001"]["Variants"] == "iso 27001 certificate"
    assert any(
        n.startswith("(hashed search text): searches synced with --redact-queries")
        for n in report.notes
    )
