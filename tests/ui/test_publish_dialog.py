"""The Publish dialog: proposals, problems beside their fields, a summary, and publishing."""

from __future__ import annotations

from pathlib import Path

from contentfinder.config import Settings
from tests.factories import write_docx


def checked(qtbot, dialog) -> bool:  # noqa: ANN001
    with qtbot.waitSignal(dialog.checked, timeout=30_000) as outcome:
        dialog.check()
    return outcome.args[0]


def test_publish_dialog_proposes_checks_and_publishes(
    qtbot, make_main_window, sample_home: Path, library_copy: Path, tmp_path: Path
):
    import shutil

    home = tmp_path / "home"
    shutil.copytree(sample_home, home)
    window = make_main_window(Settings(library=library_copy, home=home))
    dialog = window.dialogs.publish()
    qtbot.addWidget(dialog)
    # The picker of what a file replaces is filled from the index in the background.
    qtbot.waitUntil(lambda: dialog.supersedes.count() == 35, timeout=10_000)
    source = tmp_path / "outbox" / "Harbor follow-up.docx"
    source.parent.mkdir()
    write_docx(source, ["For the CFO: ROI and payback. The CFO wants the TCO calculator."])
    with qtbot.waitSignal(dialog.suggestions_shown, timeout=60_000):
        dialog.add_files([source])
    assert dialog.fields["persona"].currentText() == "CFO"
    assert "proposed:" in dialog.notes["persona"].text()
    dialog.fields["persona"].setCurrentText("CSIO")  # a typo
    dialog.fields["stage"].setCurrentText("decision")
    dialog.fields["pain"].setCurrentText("cost reduction")
    assert not checked(qtbot, dialog)
    assert "did you mean CISO" in dialog.notes["persona"].text()
    dialog.fields["persona"].setCurrentText("CFO")
    assert checked(qtbot, dialog)
    assert "Harbor follow-up.docx →" in dialog.report.text()
    with qtbot.waitSignal(dialog.published, timeout=30_000) as published:
        dialog.publish_now()
    [done] = published.args[0]
    assert done.asset_id.endswith("/Harbor follow-up.docx")  # the folder its content type has
    assert (library_copy / done.asset_id).exists()
    catalog = (library_copy / "catalog.csv").read_text(encoding="utf-8-sig")
    assert done.asset_id in catalog
    with qtbot.waitSignal(window.index_finished, timeout=90_000) as indexed:
        pass
    assert indexed.args[0]["added"] == 1


def test_library_health_lists_findings_and_opens_the_asset(
    qtbot, make_main_window, sample_settings, opened_urls
):
    window = make_main_window(sample_settings)
    dialog = window.dialogs.health()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.checked, timeout=30_000) as checked:
        pass
    report = checked.args[0]
    assert report.errors == 2 and "2 errors, 1 warning in" in dialog.summary.text()
    group = dialog.tree.topLevelItem(0)
    assert group.text(0).startswith("Missing required tags (2)")
    dialog.tree.itemActivated.emit(group.child(0), 0)
    opened = "Cold Outreach - CFO Spend Visibility.txt"
    qtbot.waitUntil(lambda: dialog.open_note.text() == f"Opened '{opened}'", timeout=10_000)
    assert opened_urls.paths == [sample_settings.library / "Email Templates" / opened]


def test_library_health_says_why_a_file_did_not_open(
    qtbot, make_main_window, sample_settings, monkeypatch
):
    monkeypatch.setenv("CONTENTFINDER_OPENER", "false")
    window = make_main_window(sample_settings)
    dialog = window.dialogs.health()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.checked, timeout=30_000):
        pass
    dialog.tree.itemActivated.emit(dialog.tree.topLevelItem(0).child(0), 0)
    qtbot.waitUntil(lambda: "Could not open" in dialog.open_note.text(), timeout=10_000)
    assert "exit status 1" in dialog.open_note.text()
