"""The Publish form as a marketer meets it: a filled form is not lost without asking (Esc,
Close, the window's ✕), notes follow the edits, dates are in the locale, and the status bar
names what was published."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QPushButton

from contentfinder.config import Settings
from tests.factories import write_docx
from tests.ui.test_publish_dialog import checked
from ui.dialogs.publish import STALE
from ui.dialogs.publish_text import date_format


@pytest.fixture
def window(make_main_window, sample_settings: Settings):  # noqa: ANN001, ANN201
    return make_main_window(sample_settings)


def open_publish(qtbot, window):  # noqa: ANN001, ANN202
    dialog = window.dialogs.publish()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.supersedes.count() > 1, timeout=10_000)
    return dialog


def test_an_empty_form_closes_without_asking(qtbot, window):  # noqa: ANN001
    dialog = open_publish(qtbot, window)
    close = dialog.findChild(QPushButton, "publishClose")
    assert close is not None and close.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert not dialog.discard.isVisible()


def test_a_filled_form_asks_before_it_is_discarded(qtbot, window):  # noqa: ANN001
    dialog = open_publish(qtbot, window)
    qtbot.keyClicks(dialog.title, "Q3 pricing sheet")
    for close in (
        lambda: qtbot.keyClick(dialog, Qt.Key.Key_Escape),
        dialog.close_button.click,
        dialog.close,  # the window's ✕
    ):
        close()
        assert dialog.isVisible(), "a filled form closed without asking"
        assert dialog.discard.isVisible()
        assert "Discard this form?" in dialog.discard.question.text()
        dialog.discard.no_button.click()  # Keep editing
        assert dialog.isVisible() and not dialog.discard.isVisible()
        assert dialog.title.text() == "Q3 pricing sheet"
    dialog.close_button.click()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc while asking: keep editing, not discard
    assert dialog.isVisible() and not dialog.discard.isVisible()
    dialog.close_button.click()
    dialog.discard.yes_button.click()
    assert not dialog.isVisible()


def test_notes_follow_the_edits(qtbot, window, tmp_path: Path):  # noqa: ANN001
    dialog = open_publish(qtbot, window)
    source = tmp_path / "outbox" / "CFO brief.docx"
    source.parent.mkdir()
    write_docx(source, ["For the CFO: ROI and payback. The CFO wants the TCO calculator."])
    with qtbot.waitSignal(dialog.suggestions_shown, timeout=60_000):
        dialog.add_files([source])
    persona, note = dialog.fields["persona"], dialog.notes["persona"]
    assert persona.currentText() == "CFO" and note.text().startswith("proposed:")
    persona.setCurrentText("CSIO")  # a typo: the proposal is no longer the value
    assert note.text().startswith("also proposed: CFO")
    assert dialog.report.text() != STALE  # nothing was checked yet: nothing is stale
    dialog.fields["stage"].setCurrentText("decision")
    dialog.fields["pain"].setCurrentText("cost reduction")
    assert not checked(qtbot, dialog)
    assert "did you mean CISO" in note.text() and "b3261e" in note.styleSheet()
    persona.setCurrentText("CISO")  # the problem was about "CSIO": gone with it
    assert "did you mean" not in note.text() and "⚠" not in note.text()
    assert note.styleSheet() == ""
    assert checked(qtbot, dialog)
    assert dialog.report.text().startswith("Will publish:") and dialog.publish_button.isEnabled()
    qtbot.keyClicks(dialog.owner, "Dana")  # the summary was of the form before this
    assert dialog.report.text() == STALE and not dialog.publish_button.isEnabled()
    persona.setCurrentText("CFO")
    assert note.text().startswith("proposed:")


@pytest.fixture
def german() -> Iterator[None]:
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(QLocale.c())


def test_dates_are_in_the_locale(qtbot, window, german, tmp_path: Path):  # noqa: ANN001
    dialog = open_publish(qtbot, window)
    dialog.expires.setDate(QDate(2027, 12, 1))
    assert dialog.expires.text() == "01.12.2027"
    assert not dialog.expires.isEnabled()  # until "Expires on" is ticked
    dialog.expires_on.setChecked(True)
    assert dialog.expires.isEnabled()
    source = tmp_path / "Q3 pricing sheet.docx"
    write_docx(source, ["Pricing for Q3."])
    dialog.files.addItem(str(source))
    for facet, value in (("persona", "CFO"), ("stage", "decision"), ("pain", "cost reduction")):
        dialog.fields[facet].setCurrentText(value)
    assert checked(qtbot, dialog)
    assert "Expires on 01.12.2027." in dialog.report.text()


def test_with_no_locale_a_date_is_not_three_bare_numbers():
    assert QLocale.c().toString(QDate(2027, 12, 1), date_format(QLocale.c())) == "1 Dec 2027"
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert us.toString(QDate(2027, 12, 1), date_format(us)) == "12/1/2027"


def test_the_status_bar_names_what_was_published(
    qtbot, make_main_window, sample_home: Path, library_copy: Path, tmp_path: Path
):
    home = tmp_path / "home"
    shutil.copytree(sample_home, home)
    window = make_main_window(Settings(library=library_copy, home=home))
    dialog = open_publish(qtbot, window)
    source = tmp_path / "outbox" / "Q3 pricing sheet.docx"
    source.parent.mkdir()
    write_docx(source, ["Q3 list prices for the CFO."])
    dialog.files.addItem(str(source))
    tags = {"persona": "CFO", "stage": "decision", "pain": "cost reduction"}
    for facet, value in {**tags, "content_type": "price list"}.items():
        if facet in dialog.fields:
            dialog.fields[facet].setCurrentText(value)
    assert checked(qtbot, dialog)
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    with qtbot.waitSignal(window.index_finished, timeout=90_000) as indexed:
        dialog.publish_now()
    assert "Published 'Q3 pricing sheet.docx' to Pricing/ — indexing…" in said
    message = window.statusBar().currentMessage()
    assert message.startswith("Published 'Q3 pricing sheet.docx' to Pricing/")
    assert "reps can find it now" in message and indexed.args[0]["added"] == 1
    # The folder watcher's run right after finds nothing new: it does not say "0 added".
    with qtbot.waitSignal(window.index_finished, timeout=90_000) as again:
        window.start_index()
    assert again.args[0]["added"] == 0
    assert window.statusBar().currentMessage() == message
    assert not dialog.filled()  # published: Close does not ask
    dialog.close_button.click()
    assert not dialog.isVisible()
