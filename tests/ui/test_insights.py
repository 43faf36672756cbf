"""The Insights view: marketing's reports in the app, and their export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTableWidget

from contentfinder.usage.identity import Identity
from contentfinder.usage.log import UsageLog

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
