"""The "coverage" report over a real index and backdated events of several reps: gaps to fill
told from assets nobody used, industry by stage where the taxonomy has industry, and the note
on counting assets with several tags."""

from __future__ import annotations

from contentfinder.library.opened import Library
from contentfinder.reports.build import build_report
from contentfinder.reports.model import Report, Table
from contentfinder.usage.store import load_events
from indexer.pipeline import update_index
from tests.factories import TEST_TAXONOMY, write_text
from tests.reports.conftest import TODAY
from tests.usage_events import made, rep

REPS = [rep(n) for n in range(1, 6)]


def table(report: Report, name: str) -> Table:
    return next(t for t in report.tables if t.name == name)


def cell(found: Table, row: str, column: str) -> object:
    values = next(r for r in found.rows if r[0] == row)
    return values[found.columns.index(column)]


def statuses(report: Report) -> dict[tuple[str, str, str], tuple[object, ...]]:
    """(facet label, value, stage) -> (status, assets, engaged uses)."""
    return {(r[0], r[1], r[2]): (r[3], r[4], r[5]) for r in table(report, "Coverage status").rows}


def test_gaps_to_fill_are_told_from_assets_nobody_used(report_of) -> None:  # noqa: ANN001
    events = [made(r, "open", asset_id="roi.txt") for r in REPS[:3]]
    events.append(made(REPS[0], "open", asset_id="forgotten.txt"))  # one rep: hidden
    events += [  # skimmed past: not an engaged use
        made(r, "preview", asset_id="security.txt", detail={"seconds": 2}) for r in REPS[:3]
    ]
    report = report_of("coverage", events)
    status = statuses(report)
    assert status[("Persona", "CFO", "decision")] == ("used", 13, 3)
    assert status[("Persona", "CFO", "awareness")] == ("used by fewer than 3 reps", 2, None)
    assert status[("Persona", "CISO", "consideration")] == ("assets nobody used", 1, 0)
    assert status[("Persona", "CISO", "decision")] == ("no current assets", 0, 0)
    order = [row[3] for row in table(report, "Coverage status").rows]
    firsts = [order.index(s) for s in ("no current assets", "assets nobody used", "used")]
    assert firsts == sorted(firsts)  # gaps first, then what nobody used
    uses = table(report, "Persona x stage: uses")
    assert cell(uses, "CISO", "consideration") == 0 and cell(uses, "CFO", "awareness") is None
    assert cell(uses, "CISO", "decision") is None  # a gap: no 0 to read as "nobody used it"
    assert uses.heatmap


def test_industry_by_stage_where_the_taxonomy_has_industry(report_of) -> None:  # noqa: ANN001
    report = report_of("coverage")
    assets = table(report, "Industry x stage: assets")
    assert cell(assets, "manufacturing", "decision") == 2  # roi.txt and the plant story
    assert cell(assets, "retail", "awareness") == 0  # its only asset has expired
    assert statuses(report)[("Industry", "retail", "awareness")][0] == "no current assets"
    assert "industry" in report.title.lower()


def test_no_industry_matrix_without_an_industry_facet(make_library, settings_for) -> None:  # noqa: ANN001
    taxonomy = TEST_TAXONOMY.split("[facets.industry]")[0]
    library = make_library(
        {"roi.txt": lambda p: write_text(p, "ROI calculator.")},
        catalog="path,persona,stage\nroi.txt,CFO,decision\n",
        taxonomy=taxonomy,
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    report = build_report(
        "coverage", Library(settings), load_events(settings, None), days=30, today=TODAY
    )
    names = [t.name for t in report.tables]
    assert "Persona x stage: assets" in names
    assert not [n for n in names if n.startswith("Industry")]


def test_the_note_explains_multi_tag_counting(report_of) -> None:  # noqa: ANN001
    report = report_of("coverage")
    assets = table(report, "Persona x stage: assets")
    # The plant story is tagged CFO and VP Sales: it counts in both rows.
    assert cell(assets, "VP Sales", "decision") == 1 and cell(assets, "CFO", "decision") == 13
    rows_total = sum(sum(r[1:]) for r in assets.rows)
    assert rows_total == 17  # 16 current assets, one of them in two rows
    [note] = [n for n in report.notes if n.startswith("Counting")]
    assert "counts in both rows" in note and "do not add up to the 16 current assets" in note
