"""The Insights view: marketing's reports in the app, and their export."""

from __future__ import annotations

from dataclasses import replace
from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QTableWidget, QToolTip

from contentfinder.reports.build import KINDS
from contentfinder.usage.identity import Identity
from contentfinder.usage.log import UsageLog
from tests.usage_events import days_ago, made, put, rep
from ui.dialogs.insights import report_kinds
from ui.dialogs.report_table import column_widths, fitted_widths

WHITEPAPER = "Security/Security and Compliance Whitepaper.pdf"


def test_insights_show_a_report_as_tables_and_a_chart_and_export_it(
    qtbot, make_main_window, sample_settings, tmp_path: Path
):
    for number in range(3):
        with UsageLog(
            sample_settings.usage_db, identity=Identity(f"d{number}", f"u{number}")
        ) as log:
            log.record_open(WHITEPAPER)
    window = make_main_window(sample_settings)
    dialog = window.dialogs.insights()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)  # the first: summary
    assert dialog.report.kind == "summary"
    dialog.kind.setCurrentIndex(dialog.kind.findData("top"))
    with qtbot.waitSignal(dialog.report_ready, timeout=60_000) as ready:
        dialog.refresh()
    report = ready.args[0]
    assert report.kind == "top"
    first = dialog.tabs.widget(0).findChild(QTableWidget, "insightsTable")
    assert first.item(0, 1).text() == WHITEPAPER and first.item(0, 2).text() == "3"
    assert dialog.findChild(object, "insightsChart") is not None
    out = tmp_path / "top.html"
    dialog.export(out, "html")
    dialog.wait()
    qtbot.waitUntil(lambda: "Exported to" in dialog.summary.text(), timeout=10_000)
    assert "Security and Compliance Whitepaper" in out.read_text(encoding="utf-8")


def test_insights_from_an_unreachable_store_say_so(
    qtbot, make_main_window, sample_settings, tmp_path: Path
):
    from contentfinder.preferences import Preferences, save_preferences

    # A share that cannot come to be, not even for root (the start-up sync would create a
    # missing folder before the report looks): a folder under a file.
    (tmp_path / "a-file").write_text("not a folder")
    unreachable = tmp_path / "a-file" / "share"
    save_preferences(
        sample_settings.home,
        Preferences(library=sample_settings.library, sync_target=str(unreachable)),
    )
    window = make_main_window(sample_settings)
    dialog = window.dialogs.insights()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "no usage events here" in dialog.summary.text(), timeout=30_000)
    assert dialog.refresh_button.isEnabled()


# -- the summary first, what the figures are, columns that fit ---------------------------------

LONG_TITLED = "Security/Security Questionnaire Responses.xlsx"


def test_the_summary_is_listed_first_when_the_core_has_it_and_every_kind_has_a_name():
    kinds = report_kinds(("unused", "top", "summary", "new_kind"))
    assert kinds == [
        ("summary", "Summary"),
        ("unused", "Unused content"),
        ("top", "Top content"),
        ("new_kind", "New kind"),
    ]
    assert report_kinds(KINDS)[0][0] == ("summary" if "summary" in KINDS else KINDS[0])


def top_report_shown(qtbot, make_main_window, settings):  # noqa: ANN001, ANN201
    uses = [
        made(rep(n, team="EMEA retail"), "open", asset_id=asset, at=days_ago(n + 1))
        for n in range(4)
        for asset in (WHITEPAPER, LONG_TITLED)
    ]
    put(settings.usage_db, uses)
    window = make_main_window(settings)
    dialog = window.dialogs.insights()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)
    assert [dialog.kind.itemData(i) for i in range(dialog.kind.count())] == [
        kind for kind, _ in report_kinds(KINDS)
    ]
    dialog.kind.setCurrentIndex(dialog.kind.findData("top"))
    with qtbot.waitSignal(dialog.report_ready, timeout=60_000):
        dialog.refresh()
    return dialog


def test_a_reports_columns_fit_the_dialog_long_cells_elided_with_their_text_in_a_tooltip(
    qtbot, make_main_window, sample_settings
):
    dialog = top_report_shown(qtbot, make_main_window, sample_settings)
    assert dialog.size().width() == 1100  # the default size
    grid = dialog.tabs.widget(0).findChild(QTableWidget, "insightsTable")
    qtbot.waitUntil(grid.isVisible, timeout=5_000)
    # Its chart is below it (the table has many columns): narrower, so long titles elide.
    dialog.resize(760, 720)
    qtbot.waitUntil(lambda: grid.viewport().width() < 760, timeout=5_000)
    qtbot.wait(100)
    assert grid.columnCount() >= 6
    header = grid.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(grid.columnCount())]
    assert sum(widths) <= grid.viewport().width() + 1
    assert not grid.horizontalScrollBar().isVisible()
    # The last column takes what is left, up to the right edge.
    assert header.sectionViewportPosition(grid.columnCount() - 1) + widths[-1] >= (
        grid.viewport().width() - 1
    )
    tips = {
        grid.item(r, c).text(): grid.tip(grid.model().index(r, c))
        for r in range(grid.rowCount())
        for c in range(grid.columnCount())
    }
    assert tips[LONG_TITLED] == LONG_TITLED  # elided in its column: whole in the tooltip
    assert tips["4"] is None  # a count shows whole
    assert all(tip is None or tip == text for text, tip in tips.items())
    # A real pointer rest shows it.
    row = next(r for r in range(grid.rowCount()) if grid.item(r, 1).text() == LONG_TITLED)
    cell = grid.visualRect(grid.model().index(row, 1)).center()
    QApplication.sendEvent(
        grid.viewport(),
        QHelpEvent(QEvent.Type.ToolTip, cell, grid.viewport().mapToGlobal(cell)),
    )
    assert QToolTip.text() == LONG_TITLED
    QToolTip.hideText()


def test_the_about_lines_and_the_notes_are_shown_above_the_tables(
    qtbot, make_main_window, sample_settings
):
    dialog = top_report_shown(qtbot, make_main_window, sample_settings)
    report = replace(
        dialog.report,
        about=(
            ("Period", "2026-09-02 to 2026-11-30 (UTC)"),
            ("Source", "postgresql://marketing:***@db/usage"),
            ("Counted", "reps only <all teams>"),
        ),
    )
    dialog._show(report)
    about = dialog.about
    assert about.isVisible()
    assert about.y() < dialog.tabs.y()
    text = about.text()
    for label, line in report.about:
        assert f"<b>{label}</b>" in text and escape(line) in text
    assert all(escape(note) in text for note in report.notes)
    assert dialog.summary.text() == f"<b>{escape(report.title)}</b>"  # the period: above


def test_fitted_widths_narrow_the_widest_columns_first_and_never_below_the_least():
    assert fitted_widths([100, 400, 50], 600) == [100, 400, 50]  # all fit
    assert fitted_widths([100, 400, 50], 400) == [100, 250, 50]
    assert fitted_widths([300, 300, 60], 420) == [180, 180, 60]
    assert fitted_widths([300, 300, 300], 90, least=56) == [56, 56, 56]  # too many: overflow


def test_column_widths_elide_long_headers_over_counts_before_narrowing_the_titles():
    cells, names = [300, 20, 20], [60, 96, 40]
    assert column_widths(cells, names, 500) == [300, 96, 40]  # all whole
    # Tight: the counts give up their headers' room (down to MIN_COLUMN) before the title.
    assert column_widths(cells, names, 430) == [300, 90, 40]
    assert column_widths(cells, names, 300) == [204, 56, 40]  # then the title


def test_numbers_sort_as_numbers_and_amounts_read_grouped(qtbot) -> None:
    from PySide6.QtCore import Qt

    from contentfinder.reports.model import Table
    from ui.dialogs.report_table import FittedTable

    shown = FittedTable(
        Table("Amounts", ("Deal", "Won revenue"), (("a", 5), ("b", 260000.0), ("c", 12)))
    )
    qtbot.addWidget(shown)
    shown.sortItems(1, Qt.SortOrder.AscendingOrder)
    column = [shown.item(row, 1).data(Qt.ItemDataRole.DisplayRole) for row in range(3)]
    assert column == [5, 12, 260000.0]  # not "12" < "260000.0" < "5"
    index = shown.model().index(2, 1)
    assert shown.itemDelegate().displayText(index.data(), shown.locale()) == "260,000"


def test_long_column_names_wrap_instead_of_eliding(qtbot) -> None:
    from contentfinder.reports.model import Table
    from ui.dialogs.report_table import FittedTable, wrapped_lines

    name = "Win rate without it (%)"
    shown = FittedTable(Table("Rates", ("Asset", name, "Reps"), (("a", 50.0, 3),)))
    qtbot.addWidget(shown)
    shown.resize(300, 200)
    shown.show()
    header = shown.horizontalHeader()
    header.resizeSection(1, 70)
    metrics = header.fontMetrics()
    lines = wrapped_lines(metrics, name, 70 - 8)
    assert len(lines) > 1 and " ".join(lines) == name  # whole, on several lines
    assert header.sizeHint().height() >= len(lines) * metrics.lineSpacing()
    assert header.sectionSizeFromContents(1).width() < metrics.horizontalAdvance(name)
    assert shown.horizontalHeaderItem(1).toolTip() == name
    # Too long for four lines: the last one ends in "…", never cut mid-letter at the edge.
    crowded = wrapped_lines(metrics, "a b c d e f g h " * 4, 12)
    assert len(crowded) == 4 and crowded[-1].endswith("…")
