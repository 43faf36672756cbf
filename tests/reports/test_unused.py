"""The "unused" report over a real index and backdated events of several reps: what was shown
(recorded first pages, replays of older searches, hashed searches), the recommended actions
with their reasons, and the roll-up by owner."""

from __future__ import annotations

from datetime import date, timedelta

from contentfinder.index.stored import decode_stored
from contentfinder.library.opened import Library
from contentfinder.reports.actions import (
    ACTIONS,
    PROMOTE,
    RETAG,
    RETIRE,
    RETIRE_AFTER_DAYS,
    REVIEW,
    AssetFacts,
    recommend,
)
from contentfinder.reports.build import build_report
from contentfinder.reports.exposure import Demand
from contentfinder.reports.model import Report, Table
from contentfinder.reports.unused import published_of
from contentfinder.usage.outcomes import SearchOutcome
from contentfinder.usage.store import load_events
from indexer.pipeline import update_index
from tests.factories import write_text
from tests.reports.conftest import TODAY
from tests.usage_events import days_ago, made, put, rep

REPS = [rep(n) for n in range(1, 7)]


def table(report: Report, name: str) -> Table:
    return next(t for t in report.tables if t.name == name)


def actions(report: Report) -> dict[str, dict[str, object]]:
    """asset id -> its row of the actions table, by column name."""
    found = table(report, "Actions")
    return {row[3]: dict(zip(found.columns, row, strict=True)) for row in found.rows}


def searched(query: str, shown: tuple[str, ...] | None, *, who=REPS[:3], **fields):  # noqa: ANN001, ANN003
    detail = SearchOutcome(shown=shown).detail() if shown is not None else None
    return [made(r, "search", query=query, hit_count=1, detail=detail, **fields) for r in who]


def test_shown_and_passed_over_is_told_from_never_shown(report_of) -> None:  # noqa: ANN001
    # Moved from test_reports.py and adapted: the verdict is now "never shown" (was "never
    # surfaced"), beside an action, and the summary counts engaged use by 3+ reps as "used".
    events = searched("soc 2", None) + searched("roi", None)  # older events: replayed
    events += [made(r, "open", asset_id="roi.txt") for r in REPS[:3]]
    report = report_of("unused", events)
    rows = actions(report)
    assert "roi.txt" not in rows  # engaged with by three reps
    security = rows["security.txt"]
    assert security["In the period"] == "shown, not used"
    assert security["Times shown (first 10 results)"] == 3
    assert rows["forgotten.txt"]["In the period"] == "never shown"
    assert dict(table(report, "Summary").rows)["used"] == 1


def test_times_shown_come_from_recorded_pages_and_only_older_searches_are_replayed(
    report_of,  # noqa: ANN001
) -> None:
    # Recorded: 'zebra' showed only security.txt when reps searched (whatever a replay on
    # today's index would show); three older 'zebra' searches recorded no page and are
    # replayed.
    events = searched("zebra", ("security.txt",)) + searched("zebra", None, who=REPS[3:6])
    rows = actions(report_of("unused", events))
    assert rows["security.txt"]["Times shown (first 10 results)"] == 3
    assert rows["forgotten.txt"]["Times shown (first 10 results)"] == 3  # the replays only
    report = report_of("unused")
    assert any(
        "3 searches recorded their first page; 3 older searches replayed" in note
        for note in report.notes
    )


def test_hashed_searches_do_not_make_assets_never_shown(report_of) -> None:  # noqa: ANN001
    hashed = "sha256:" + "ab" * 16
    events = searched(hashed, None)  # redacted and older: cannot be replayed
    events += searched(hashed, ("security.txt",), who=REPS[3:6])  # redacted, page recorded
    report = report_of("unused", events)
    rows = actions(report)
    forgotten = rows["forgotten.txt"]
    assert forgotten["Times shown (first 10 results)"] == "not known (3 searches hashed)"
    assert forgotten["In the period"] == "not known"
    assert forgotten["Action"] == REVIEW and "hashed" in str(forgotten["Reason"])
    assert rows["security.txt"]["Times shown (first 10 results)"] == 3  # its page was kept
    summary = dict(table(report, "Summary").rows)
    assert summary["never shown (a findability or tagging problem)"] == 0
    assert summary["not known whether shown (searches hashed)"] == len(rows) - 1
    assert any("3 searches sent hashed" in note for note in report.notes)


def test_retag_when_frequent_searches_match_an_asset_they_do_not_show(report_of) -> None:  # noqa: ANN001
    # 'roi' by three reps: eleven ROI guides fill the first page, the plant story (one 'roi'
    # in a long text) ranks below it. 'soc 2 audit' with persona CISO: the checklist has the
    # words but is tagged CFO.
    first_page = tuple(f"roi-guide-{n}.txt" for n in range(10))
    events = searched("roi", first_page)
    events += searched("soc 2 audit", ("security.txt",), filters={"persona": ["CISO"]})
    rows = actions(report_of("unused", events))
    story = rows["plant-story.txt"]
    assert story["Action"] == RETAG and story["Times shown (first 10 results)"] == 0
    assert str(story["Reason"]).startswith(
        "never shown; its text matches 'roi' (3 searches by 3 reps), but it ranks "
    )
    assert str(story["Reason"]).endswith(
        ", below the first page: put those words in its title, summary or tags"
    )
    checklist = rows["soc-checklist.txt"]
    assert checklist["Action"] == RETAG
    assert checklist["Reason"] == (
        "never shown; its text matches 'soc 2 audit' (3 searches by 3 reps), but their "
        "filters (persona: CISO) leave it out: it has persona: CFO"
    )


def test_frequent_means_three_reps_or_more(report_of) -> None:  # noqa: ANN001
    events = searched("soc 2 audit", ("security.txt",), who=REPS[:2], filters={"persona": ["CISO"]})
    events += searched(
        "soc 2 audit", ("security.txt",), who=REPS[:2], filters={"persona": ["CISO"]}
    )
    rows = actions(report_of("unused", events))
    assert rows["soc-checklist.txt"]["Action"] == REVIEW  # four searches, but two reps


def test_promote_what_is_shown_often_and_engaged_with_by_few(report_of) -> None:  # noqa: ANN001
    events = []
    for day in range(2):  # six searches by three reps showed roi.txt
        events += searched("roi", ("roi.txt",), at=days_ago(day))
    events.append(made(REPS[0], "open", asset_id="roi.txt"))
    events.append(made(REPS[1], "preview", asset_id="roi.txt", detail={"seconds": 2}))  # skimmed
    rows = actions(report_of("unused", events))
    roi = rows["roi.txt"]
    assert roi["Action"] == PROMOTE and roi["In the period"] == "used by few"
    assert roi["Reason"] == (
        "shown in 6 searches by 3 reps, engaged with by fewer than 3 reps: feature it"
    )
    assert roi["Last used"] == TODAY


def test_last_used_is_ever_and_counts_reps_only(report_of) -> None:  # noqa: ANN001
    long_ago = days_ago(200)
    events = [
        made(REPS[0], "open", asset_id="forgotten.txt", at=long_ago),  # before the period
        made(rep(9, role="marketing"), "open", asset_id="forgotten.txt"),  # not a rep
        made(REPS[1], "preview", asset_id="security.txt", detail={"seconds": 30}),
    ]
    rows = actions(report_of("unused", events))
    assert rows["forgotten.txt"]["Last used"] == long_ago.astimezone().date()
    assert rows["forgotten.txt"]["In the period"] == "never shown"  # still unused
    assert rows["soc-checklist.txt"]["Last used"] == "never"


def test_published_owner_and_expiry_columns(report_library, report_of) -> None:  # noqa: ANN001
    rows = actions(report_of("unused"))
    security = rows["security.txt"]
    assert security["Owner"] == "Ben" and security["Expires"] == TODAY.replace(2027, 6, 30)
    assert rows["forgotten.txt"]["Owner"] == "(no owner)"
    assert "retail.txt" not in rows  # expired: not a current asset
    # The index's published date where it keeps one, else "unknown": never the file's mtime.
    from contentfinder.reports.inputs import read_assets

    for asset in read_assets(Library(report_library)).values():
        if asset.id in rows:
            published = published_of(asset)
            assert rows[asset.id]["Published"] == (published or "unknown")


def test_actions_are_sorted_by_action_then_evidence(report_of) -> None:  # noqa: ANN001
    events = searched("soc 2", None) + searched("security", None)  # security.txt shown 6 times
    events += searched("checklist", ("soc-checklist.txt",))  # shown 3 times
    found = table(report_of("unused", events), "Actions")
    order = [ACTIONS.index(row[0]) for row in found.rows]
    assert order == sorted(order)
    reviewed = [row[3] for row in found.rows if row[0] == REVIEW]
    assert reviewed.index("security.txt") < reviewed.index("soc-checklist.txt")


def test_the_roll_up_by_owner(report_of) -> None:  # noqa: ANN001
    first_page = tuple(f"roi-guide-{n}.txt" for n in range(10))
    rows = table(report_of("unused", searched("roi", first_page)), "By owner").rows
    assert rows[0][0] == "Ana"  # the owner with actions to take comes first
    by_owner = {row[0]: row[1:] for row in rows}
    # Ana: roi.txt, plant story and the eleven guides; the story, roi.txt and guide 10 rank
    # below the first page of 'roi': three to re-tag.
    assert by_owner["Ana"] == (13, 13, 0, 3, 0)
    assert by_owner["Ben"] == (2, 2, 0, 0, 0)
    assert by_owner["(no owner)"] == (1, 1, 0, 0, 0)


def facts(**changes) -> AssetFacts:  # noqa: ANN003
    base = {
        "asset": decode_stored({"id": "a.pdf", "title": "A"}, None),
        "published": TODAY - timedelta(days=RETIRE_AFTER_DAYS + 20),
        "times_shown": 0,
        "shown_reps": 0,
        "exposure_unknown": False,
        "engaged_reps": 0,
        "demand": (),
    }
    return AssetFacts(**{**base, **changes})


def test_the_rules_of_the_actions_and_their_reasons() -> None:
    old = facts(times_shown=12, shown_reps=4)
    retire = recommend(old, TODAY)
    assert retire is not None and retire.name == RETIRE
    assert retire.reason == (
        f"published {old.published.isoformat()} (200 days ago); shown in 12 searches by 4 "
        f"reps, never engaged with"
    )
    unsought = recommend(facts(), TODAY)
    assert (
        unsought is not None and unsought.name == RETIRE and "no frequent search" in unsought.reason
    )
    recent = recommend(facts(times_shown=12, shown_reps=4, published=TODAY), TODAY)
    assert recent is not None and recent.name == REVIEW and "too recent" in recent.reason
    unknown_age = recommend(facts(times_shown=12, shown_reps=4, published=None), TODAY)
    assert unknown_age is not None and unknown_age.name == REVIEW
    assert "published date unknown" in unknown_age.reason
    few = recommend(facts(times_shown=2, shown_reps=2), TODAY)
    assert few is not None and few.name == REVIEW and "fewer than 3 reps" in few.reason
    # An old asset whose exposure is not known is not retired on a guess.
    hashed = recommend(facts(exposure_unknown=True), TODAY)
    assert hashed is not None and hashed.name == REVIEW
    wanted = (Demand("roi", 9, 4, (), 14), Demand("tco", 3, 3, (), 30))
    retag = recommend(facts(demand=wanted), TODAY)
    assert retag is not None and retag.name == RETAG
    assert "ranks 14th" in retag.reason and "(and 1 more frequent search)" in retag.reason
    assert recommend(facts(engaged_reps=3), TODAY) is None
    assert recommend(facts(engaged_reps=1, times_shown=4, shown_reps=3), TODAY) is None
    promote = recommend(facts(engaged_reps=2, times_shown=5, shown_reps=3), TODAY)
    assert promote is not None and promote.name == PROMOTE


def test_how_often_few_reps_searches_showed_an_asset_is_not_told(report_of) -> None:  # noqa: ANN001
    report = report_of("unused", searched("checklist", ("soc-checklist.txt",), who=REPS[:2]))
    checklist = actions(report)["soc-checklist.txt"]
    assert checklist["Times shown (first 10 results)"] is None
    assert checklist["Action"] == REVIEW
    assert checklist["Reason"] == "shown only to fewer than 3 reps: too few to judge"
    assert dict(report.about)["Privacy"].endswith(
        "times shown from fewer than 3 reps: 2 searches, 1 asset"
    )


def test_spellings_of_one_request_are_merged_before_it_counts_as_frequent(report_of) -> None:  # noqa: ANN001
    # Two reps typed 'SOC 2 audit', one 'audit soc 2 checklist' (one word more): one request
    # of three reps (query_groups, as the gaps report groups them).
    events = searched("SOC 2 audit", ("security.txt",), who=REPS[:2], filters={"persona": ["CISO"]})
    events += searched(
        "audit soc 2 checklist", ("security.txt",), who=REPS[2:3], filters={"persona": ["CISO"]}
    )
    checklist = actions(report_of("unused", events))["soc-checklist.txt"]
    assert checklist["Action"] == RETAG
    assert "'SOC 2 audit' (3 searches by 3 reps)" in str(checklist["Reason"])


def test_retag_rows_nearest_the_first_page_come_first() -> None:
    near = recommend(facts(demand=(Demand("roi", 9, 4, (), 11),)), TODAY)
    far = recommend(facts(demand=(Demand("roi", 9, 4, (), 40),)), TODAY)
    left_out = recommend(
        facts(demand=(Demand("roi", 9, 4, (("persona", ("CISO",)),), None),)), TODAY
    )
    assert near is not None and far is not None and left_out is not None
    assert left_out.evidence > near.evidence > far.evidence


def test_old_assets_passed_over_are_to_retire_with_their_published_date(
    make_library,
    settings_for,  # noqa: ANN001
) -> None:
    library = make_library(
        {
            "old.txt": lambda p: write_text(p, "Zebra migration almanac."),
            "new.txt": lambda p: write_text(p, "Zebra migration map."),
        },
        catalog="path,title,published,persona,stage\n"
        "old.txt,Old almanac,2025-01-10,CFO,awareness\n"
        "new.txt,New map,2026-11-01,CFO,awareness\n",
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    put(settings.usage_db, searched("zebra", ("old.txt", "new.txt")))
    report = build_report(
        "unused", Library(settings), load_events(settings, None), days=30, today=TODAY
    )
    rows = actions(report)
    old, new = rows["old.txt"], rows["new.txt"]
    assert (old["Action"], old["Published"], old["Age (days)"]) == (
        RETIRE,
        date(2025, 1, 10),
        (TODAY - date(2025, 1, 10)).days,
    )
    assert old["Reason"] == (
        "published 2025-01-10 (689 days ago); shown in 3 searches by 3 reps, never engaged with"
    )
    assert new["Action"] == REVIEW and "too recent to retire" in str(new["Reason"])
    assert table(report, "By owner").rows == (("(no owner)", 2, 2, 1, 0, 0),)
