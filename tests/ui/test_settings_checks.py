"""Settings checks a new usage sync target before saving it: a folder must exist and take a
file (a missing one is offered to be made only when its parent exists), a database URL must
connect. The check runs in a worker process while the dialog says "Checking…"."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from contentfinder.preferences import Preferences, load_preferences
from ui.dialogs.library_settings import SettingsDialog


def settings_dialog(qtbot, tmp_path: Path, target: str = "") -> SettingsDialog:  # noqa: ANN001
    dialog = SettingsDialog(Preferences(library=tmp_path, sync_target=target))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save(qtbot, dialog: SettingsDialog, where: str):  # noqa: ANN001, ANN201
    dialog.sync_target.clear()
    qtbot.keyClicks(dialog.sync_target, where)
    with qtbot.waitSignal(dialog.target_checked, timeout=30_000) as checked:
        dialog.save_button.click()
        assert dialog.problem.text().startswith("Checking")  # and the window goes on
        assert not dialog.save_button.isEnabled()
    return checked.args[0]


def refused(dialog: SettingsDialog) -> str:
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    text = dialog.problem.text()
    assert text.endswith("Nothing saved.") and "Traceback" not in text
    return text


def test_a_missing_folder_whose_parent_is_missing_is_refused(qtbot, tmp_path: Path):
    dialog = settings_dialog(qtbot, tmp_path)
    share = tmp_path / "mnt" / "marketing" / "usage"  # a share that is not connected
    check = save(qtbot, dialog, str(share))
    assert not check.ok and check.missing_folder is None
    text = refused(dialog)
    assert str(share) in text and "does not exist" in text
    assert not dialog.create_folder.isVisible()
    assert not share.parent.exists()


def test_a_missing_folder_whose_parent_exists_is_made_when_the_rep_says_so(qtbot, tmp_path: Path):
    dialog = settings_dialog(qtbot, tmp_path)
    folder = tmp_path / "usage"
    save(qtbot, dialog, str(folder))
    assert dialog.create_folder.isVisible() and not folder.exists()
    assert f"{folder} does not exist. Create it?" == dialog.create_folder.question.text()
    with qtbot.waitSignal(dialog.target_checked, timeout=30_000):
        dialog.create_folder.yes_button.click()
    assert folder.is_dir()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.preferences().sync_target == str(folder)


def test_declining_to_make_the_folder_saves_nothing(qtbot, tmp_path: Path):
    dialog = settings_dialog(qtbot, tmp_path)
    folder = tmp_path / "usage"
    save(qtbot, dialog, str(folder))
    dialog.create_folder.no_button.click()
    assert str(folder) in refused(dialog) and not folder.exists()


def test_a_folder_that_cannot_be_written_is_refused(qtbot, tmp_path: Path):
    dialog = settings_dialog(qtbot, tmp_path)
    if os.geteuid() == 0:  # root writes anywhere its permission bits forbid; not in sysfs
        folder = Path("/sys/fs")
    else:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
    check = save(qtbot, dialog, str(folder))
    assert not check.ok
    text = refused(dialog)
    assert str(folder) in text and "cannot write there" in text


def test_a_database_that_does_not_connect_is_refused(qtbot, tmp_path: Path):
    dialog = settings_dialog(qtbot, tmp_path)
    save(qtbot, dialog, "postgresql://rep:secret@127.0.0.1:1/usage")  # nothing on port 1
    text = refused(dialog)
    assert "cannot connect" in text and "nothing answers at that address and port" in text
    assert "secret" not in text  # the password is masked


def test_a_database_that_connects_is_saved(qtbot, tmp_path: Path):
    dialog = settings_dialog(qtbot, tmp_path)
    central = tmp_path / "central.sqlite"
    check = save(qtbot, dialog, f"sqlite:///{central}")
    assert check.ok and dialog.result() == QDialog.DialogCode.Accepted
    assert central.exists()


def test_an_unchanged_target_is_saved_without_a_check(qtbot, tmp_path: Path):
    # Offline is normal: the rep changing their name must not need the share to answer.
    gone = str(tmp_path / "not" / "connected")
    dialog = settings_dialog(qtbot, tmp_path, target=gone)
    dialog.display_name.setText("Dana")
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_an_edit_while_checking_drops_the_check(qtbot, tmp_path: Path):
    dialog = settings_dialog(qtbot, tmp_path)
    qtbot.keyClicks(dialog.sync_target, str(tmp_path / "a" / "b"))
    dialog.save_button.click()
    qtbot.keyClicks(dialog.sync_target, "c")
    assert dialog.save_button.isEnabled() and not dialog.problem.isVisible()
    qtbot.wait(300)
    assert dialog.isVisible() and not dialog.problem.isVisible()


def test_from_the_window_a_refused_target_is_not_saved_and_a_good_one_is_said(
    qtbot, make_main_window, sample_settings, tmp_path: Path
):
    window = make_main_window(sample_settings)
    share = tmp_path / "share"
    share.mkdir()
    refusals: list[str] = []

    def checked(dialog: SettingsDialog, check) -> None:  # noqa: ANN001
        if not check.ok:
            refusals.append(dialog.problem.text())
            assert load_preferences(sample_settings.home).sync_target == ""  # nothing saved
            dialog.sync_target.setText(str(share))
            dialog.save()

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.target_checked.connect(lambda check: checked(dialog, check))
        dialog.sync_target.setText(str(tmp_path / "gone" / "usage"))
        dialog.save()

    QTimer.singleShot(50, fill_in)
    window.dialogs.preferences()
    assert len(refusals) == 1 and "does not exist, nor does" in refusals[0]
    assert load_preferences(sample_settings.home).sync_target == str(share)
    assert window.statusBar().currentMessage() == f"Settings saved: usage goes to {share}"
