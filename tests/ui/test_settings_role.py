"""Role and team in Settings: saved to the preferences, and carried by every usage event the
app records from the moment they are saved (no restart)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from contentfinder.preferences import Preferences, load_preferences
from tests.ui.test_main_window import type_and_wait
from ui.dialogs.library_settings import SettingsDialog


def test_the_dialog_shows_the_saved_role_and_team_and_gives_back_the_chosen_ones(
    qtbot, tmp_path: Path
):
    dialog = SettingsDialog(Preferences(library=tmp_path, role="marketing", team="EMEA retail"))
    qtbot.addWidget(dialog)
    assert dialog.role.currentText() == "Marketing" and dialog.team.text() == "EMEA retail"
    assert "not counted as reps'" in dialog.role_help.text()
    dialog.role.setCurrentIndex(dialog.role.findData("rep"))
    assert dialog.role.currentText() == "Sales rep"
    assert "count in marketing's reports" in dialog.role_help.text()
    dialog.team.setText("  DACH   enterprise ")
    chosen = dialog.preferences()
    assert (chosen.role, chosen.team, chosen.library) == ("rep", "DACH enterprise", tmp_path)


def test_saved_role_and_team_are_carried_by_the_events_recorded_after(
    qtbot, make_main_window, sample_settings
):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "whitepaper")
    window.copy_current()  # as a rep, before the settings change

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.role.setCurrentIndex(dialog.role.findData("marketing"))
        qtbot.keyClicks(dialog.team, "EMEA retail")
        dialog.save()

    QTimer.singleShot(50, fill_in)
    window.dialogs.preferences()
    saved = load_preferences(sample_settings.home)
    assert (saved.role, saved.team) == ("marketing", "EMEA retail")
    assert window.statusBar().currentMessage() == (
        "Settings saved: your searches and opens now count as marketing's, not a rep's"
    )
    qtbot.keyClicks(window.search_box, " pdf")  # a new search, then a copy of its top result
    qtbot.waitUntil(lambda: window.searching.shown.request.text == "whitepaper pdf", timeout=10_000)
    window.copy_current()
    who = [(e.kind, e.query, e.role, e.team) for e in window.usage.events()]
    assert who == [
        ("search", "whitepaper", "rep", None),
        ("copy", None, "rep", None),
        ("search", "whitepaper pdf", "marketing", "EMEA retail"),
        ("copy", None, "marketing", "EMEA retail"),
    ]
