"""Telling marketing: a dialog with the rep's note, from any result list as well as from
nothing found, honest about when marketing will see it; Cancel records nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton

from contentfinder.config import Settings
from contentfinder.preferences import Preferences, save_preferences
from contentfinder.usage.sync_folder import read_folder
from tests.ui.test_main_window import type_and_wait
from ui.dialogs.tell_marketing import TellMarketingDialog

NOTE = "A one-pager on SOC 2 for a CFO, not the whole report"


def open_dialog(qtbot, window) -> TellMarketingDialog:  # noqa: ANN001
    link = window.findChild(QPushButton, "tellMarketingLink")
    assert link is not None and link.isVisible()  # beside the count, results showing
    link.click()
    dialog = window.findChild(TellMarketingDialog, "tellMarketing")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    return dialog


def test_tell_marketing_from_a_result_list_records_the_note(
    qtbot, make_main_window, sample_settings: Settings
):
    window = make_main_window(sample_settings)
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        window.findChild(QCheckBox, "facet_persona_CFO").click()
    type_and_wait(qtbot, window, "soc 2")
    assert window.results.model.rowCount() > 0  # results, not nothing found
    dialog = open_dialog(qtbot, window)
    subject = dialog.findChild(QLabel, "tellMarketingSubject").text()
    assert "<b>soc 2</b>" in subject and "persona: CFO" in subject
    assert dialog.note.placeholderText().startswith("e.g. ")
    qtbot.keyClicks(dialog.note, NOTE)
    dialog.send_button.click()
    assert not dialog.isVisible()
    [feedback] = window.usage.events(kinds=["feedback"])
    assert feedback.query == "soc 2"
    assert {k: list(v) for k, v in feedback.filters.items()} == {"persona": ["CFO"]}
    assert feedback.detail == {"message": NOTE}
    # No sync target in this home: the status bar does not promise that marketing has it.
    assert window.statusBar().currentMessage().startswith("Saved on this computer — no sync")


def test_cancel_records_nothing(qtbot, make_main_window, sample_settings: Settings):
    window = make_main_window(sample_settings)
    type_and_wait(qtbot, window, "pricing")
    dialog = open_dialog(qtbot, window)
    qtbot.keyClicks(dialog.note, "never mind")
    dialog.cancel_button.click()
    assert not dialog.isVisible()
    assert window.usage.events(kinds=["feedback"]) == []
    assert "marketing" not in window.statusBar().currentMessage()


def test_the_wording_says_when_marketing_sees_it(
    qtbot, make_main_window, sample_settings: Settings, tmp_path: Path
):
    share = tmp_path / "share"
    share.mkdir()
    save_preferences(sample_settings.home, Preferences(sync_target=str(share)))
    window = make_main_window(sample_settings)
    qtbot.waitUntil(lambda: window.last_sync is not None, timeout=20_000)  # the sync at start
    window.background_sync.stop()  # and no timer: only Send can sync now
    type_and_wait(qtbot, window, "pricing")
    dialog = open_dialog(qtbot, window)
    when = dialog.findChild(QLabel, "tellMarketingWhen").text()
    assert "after the next usage sync (every 10 minutes)" in when
    assert dialog.confirmation == (
        "Sent — marketing will see it at the next sync (every 10 minutes)"
    )
    dialog.note.setPlainText("pricing for the public sector")
    dialog.send_button.click()
    assert window.statusBar().currentMessage() == dialog.confirmation

    def sent() -> list[dict]:
        return [e["detail"] for e in read_folder(share).events if e["kind"] == "feedback"]

    # The next sync is now, not in ten minutes.
    note = {"message": "pricing for the public sector"}
    qtbot.waitUntil(lambda: sent() == [note], timeout=20_000)


def test_without_sync_the_wording_says_it_stays_here(qtbot):
    local = TellMarketingDialog("helm", {}, Preferences(), sync_minutes=10)
    synced = TellMarketingDialog("helm", {}, Preferences(sync_target="/srv/u"), sync_minutes=10)
    hashed = TellMarketingDialog(
        "helm", {}, Preferences(sync_target="/srv/u", redact_queries=True), sync_minutes=10
    )
    for dialog in (local, synced, hashed):
        qtbot.addWidget(dialog)

    def when(dialog: TellMarketingDialog) -> str:
        return dialog.findChild(QLabel, "tellMarketingWhen").text()

    assert "stays on this computer" in when(local) and "only once a sync is set up" in when(local)
    assert local.confirmation.startswith("Saved on this computer")
    assert "next usage sync" in when(synced) and "stays on this computer" not in when(synced)
    assert synced.confirmation.startswith("Sent — marketing will see it at the next sync")
    assert "your note stays on this computer" in when(hashed)  # the note is not sent hashed
    failing = TellMarketingDialog(
        "helm", {}, Preferences(sync_target="/srv/u"), sync_minutes=10, sync_error="/srv/u: gone"
    )
    qtbot.addWidget(failing)
    assert "The last usage sync failed (/srv/u: gone)" in when(failing)
    assert failing.confirmation.startswith("Saved on this computer — the last usage sync failed")


def test_a_search_of_filters_only_is_told_with_its_filters(
    qtbot, make_main_window, sample_settings: Settings
):
    window = make_main_window(sample_settings)
    for name in ("facet_persona_CFO", "facet_persona_CISO"):
        with qtbot.waitSignal(window.results_shown, timeout=10_000):
            window.findChild(QCheckBox, name).click()
    assert window.searching.shown is not None
    dialog = window.tell_marketing()
    assert dialog is not None
    assert window.results.tell_button.isVisible() == bool(window.results.model.rowCount())
    subject = dialog.findChild(QLabel, "tellMarketingSubject").text()
    assert "no words typed" in subject and "persona:" in subject
    dialog.reject()
