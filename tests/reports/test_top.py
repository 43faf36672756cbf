"""The "top" report over a real index and backdated events of several reps: weighted scores
with opens, sends and previews apart, engaged uses, the 3-rep rule, and the top for reps who
filtered by a persona beside the top among assets tagged with it."""

from __future__ import annotations

from contentfinder.reports.model import Report, Table
from tests.usage_events import made, rep

REPS = [rep(n) for n in range(1, 6)]


def table(report: Report, name: str) -> Table:
    return next(t for t in report.tables if t.name == name)


def by_column(found: Table) -> list[dict[str, object]]:
    return [dict(zip(found.columns, row, strict=True)) for row in found.rows]


def test_top_hides_what_fewer_than_three_reps_did(report_of) -> None:  # noqa: ANN001
    # Moved from test_reports.py and adapted: what was hidden is in the report's Privacy
    # line rather than a note, and the persona table lists weighted scores (three opens: 6).
    events = [made(r, "open", asset_id="roi.txt") for r in REPS[:3]]
    events.append(made(REPS[3], "copy", asset_id="security.txt"))  # one rep only: not shown
    report = report_of("top", events)
    top = table(report, "Top assets")
    assert [(row[1], row[2], row[3], row[-1]) for row in top.rows] == [("roi.txt", 3, 6, 3)]
    assert dict(report.about)["Privacy"] == (
        "rows from fewer than 3 reps are not shown: other assets from fewer than 3 reps: "
        "1 use, 1 asset"
    )
    by_persona = table(report, "Top by persona")
    assert ("CFO", 1, "ROI calculator", 6) in [r[:4] for r in by_persona.rows]


def test_opens_sends_and_previews_are_apart_and_weighted(report_of) -> None:  # noqa: ANN001
    events = [made(r, "open", asset_id="roi.txt") for r in REPS[:3]]  # 3 × 2
    events += [made(r, "share", asset_id="security.txt") for r in REPS[:2]]  # 2 × 3
    events.append(made(REPS[2], "copy", asset_id="security.txt"))  # 3
    events += [
        made(r, "preview", asset_id="forgotten.txt", detail={"seconds": s})
        for r, s in zip(REPS, (1, 2, 30, 45, 3), strict=True)
    ]  # 5 × 1, two of them engaged
    top = table(report_of("top", events), "Top assets")
    assert top.columns[2:8] == (
        "Uses",
        "Weighted score",
        "Engaged uses",
        "Opens (×2)",
        "Copies and sends (×3)",
        "Previews (×1)",
    )
    rows = by_column(top)
    assert [r["Asset"] for r in rows] == ["security.txt", "roi.txt", "forgotten.txt"]
    security, roi, forgotten = rows
    assert (security["Weighted score"], security["Copies and sends (×3)"]) == (9, 3)
    assert (roi["Weighted score"], roi["Opens (×2)"], roi["Engaged uses"]) == (6, 3, 3)
    assert (forgotten["Weighted score"], forgotten["Previews (×1)"]) == (5, 5)
    assert forgotten["Engaged uses"] == 2  # previews of at least 10 s
    assert "copies and sends ×3, opens ×2, previews ×1" in top.note


def test_top_for_reps_filtering_by_a_persona_beside_assets_tagged_with_it(report_of) -> None:  # noqa: ANN001
    # Three reps filtered by CISO and picked the plant story (tagged CFO and VP Sales) and
    # security.txt (tagged CISO); two more opened security.txt without a search.
    events = []
    for r in REPS[:3]:
        search = made(r, "search", query="plant", filters={"persona": ["CISO"]}, hit_count=2)
        events += [
            search,
            made(r, "copy", asset_id="plant-story.txt", came_from=search, rank=1),
            made(r, "open", asset_id="security.txt", came_from=search, rank=2),
        ]
    events += [made(r, "open", asset_id="security.txt") for r in REPS[3:5]]
    rows = by_column(table(report_of("top", events), "Top by persona"))
    ciso = [r for r in rows if r["Persona"] == "CISO"]
    filtered = [(r["Top for reps filtering by it"], r["Score (filtered)"]) for r in ciso]
    assert filtered == [("Plant story", 9), ("Security answers", 6)]  # only the searched uses
    tagged = [(r["Top tagged with it"], r["Score (tagged)"]) for r in ciso]
    assert tagged == [("Security answers", 10), (None, None)]
    cfo = [r for r in rows if r["Persona"] == "CFO"]
    assert [r["Top tagged with it"] for r in cfo] == ["Plant story"]
    assert [r["Top for reps filtering by it"] for r in cfo] == [None]  # nobody filtered by CFO


def test_a_filtered_entry_needs_three_reps(report_of) -> None:  # noqa: ANN001
    events = []
    for r in REPS[:2]:  # two reps filtered by CISO; a third used it without filtering
        search = made(r, "search", query="plant", filters={"persona": ["CISO"]}, hit_count=1)
        events += [search, made(r, "open", asset_id="plant-story.txt", came_from=search, rank=1)]
    events.append(made(REPS[2], "open", asset_id="plant-story.txt"))
    rows = by_column(table(report_of("top", events), "Top by persona"))
    assert not [r for r in rows if r["Persona"] == "CISO"]


def test_marketing_uses_do_not_count(report_of) -> None:  # noqa: ANN001
    events = [made(r, "open", asset_id="roi.txt") for r in REPS[:2]]
    events.append(made(rep(9, role="marketing"), "open", asset_id="roi.txt"))
    assert table(report_of("top", events), "Top assets").rows == ()  # two reps, not three


def test_what_the_filtered_lists_hid_is_in_the_privacy_line(report_of) -> None:  # noqa: ANN001
    events = []
    for r in REPS[:2]:
        search = made(r, "search", query="plant", filters={"persona": ["CISO"]}, hit_count=1)
        events += [search, made(r, "open", asset_id="plant-story.txt", came_from=search, rank=1)]
    privacy = dict(report_of("top", events).about)["Privacy"]
    assert "listings for reps filtering by a value from fewer than 3 reps: 2 uses, 1 listing" in (
        privacy
    )
