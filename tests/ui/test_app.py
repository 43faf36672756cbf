"""Starting the app: the first-run choice, settings, and a crash that loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from contentfinder.config import Settings
from contentfinder.preferences import Preferences, load_preferences
from contentfinder.usage.identity import load_identity
from contentfinder.usage.log import UsageLog
from tests.conftest import REPO, SAMPLE_LIBRARY
from ui.app import resolve_library
from ui.dialogs.library_settings import SettingsDialog


def click_in_modal_dialog(button: str) -> None:
    def click() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None, "no dialog came up"
        dialog.findChild(QPushButton, button).click()

    QTimer.singleShot(50, click)


def test_first_run_offers_the_sample_library_and_remembers_the_choice(qtbot, tmp_path: Path):
    settings = Settings(library=None, home=tmp_path / "home")
    click_in_modal_dialog("openSampleLibrary")
    chosen = resolve_library(settings)
    assert chosen is not None and chosen.library == SAMPLE_LIBRARY.resolve()
    assert load_preferences(settings.home).library == SAMPLE_LIBRARY
    # The next start asks nothing: resolving again without a dialog gives the same library.
    assert resolve_library(settings).library == SAMPLE_LIBRARY.resolve()


def test_a_library_given_on_the_command_line_wins_without_asking(tmp_path: Path):
    settings = Settings(library=tmp_path, home=tmp_path / "home")
    assert resolve_library(settings) == settings


def test_settings_dialog_edits_preferences(qtbot, tmp_path: Path):
    dialog = SettingsDialog(Preferences(library=tmp_path, sync_target="", display_name=""))
    qtbot.addWidget(dialog)
    dialog.sync_target.setText("postgresql://insights.example/usage")
    dialog.display_name.setText("Dana Rep")
    dialog.share_name.setChecked(True)
    assert dialog.preferences() == Preferences(
        library=tmp_path,
        sync_target="postgresql://insights.example/usage",
        display_name="Dana Rep",
        share_name=True,
    )


def test_events_survive_an_abrupt_exit(sample_settings: Settings):
    script = textwrap.dedent(
        f"""
        import os, sys, time
        from pathlib import Path
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from contentfinder.config import Settings
        from ui.app import build_window
        window = build_window(
            Settings(library=Path({str(sample_settings.library)!r}),
                     home=Path({str(sample_settings.home)!r})),
            index_on_start=False,
        )
        window.search_box.setText("whitepaper")
        deadline = time.monotonic() + 20
        while window.searching.shown is None or window.searching.shown.request.text != "whitepaper":
            app.processEvents()
            assert time.monotonic() < deadline
        window.copy_hit(window.current_hit())
        window.toggle_favorite(window.current_hit())
        print("acted", flush=True)
        time.sleep(60)
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert child.stdout.readline().strip() == "acted"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(10)
        child.stdout.close()
    with UsageLog(sample_settings.usage_db, identity=load_identity(sample_settings.home)) as usage:
        kinds = [(e.kind, e.asset_id, e.query) for e in usage.events()]
    whitepaper = "Security/Security and Compliance Whitepaper.pdf"
    # The search that led to the copy, the copy, and the favorite: nothing lost.
    assert kinds == [
        ("search", None, "whitepaper"),
        ("copy", whitepaper, None),
        ("favorite", whitepaper, None),
    ]


def test_settings_are_saved_from_the_window(qtbot, make_main_window, sample_settings):
    window = make_main_window(sample_settings)

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.display_name.setText("Dana Rep")
        dialog.share_name.setChecked(True)
        dialog.accept()

    QTimer.singleShot(50, fill_in)
    window.dialogs.preferences()
    saved = load_preferences(sample_settings.home)
    assert (saved.display_name, saved.share_name) == ("Dana Rep", True)
    assert saved.library == sample_settings.library


def test_no_screen_is_a_clear_message_not_a_crash(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "contentfinder.cli",
            "gui",
            "--library",
            str(SAMPLE_LIBRARY),
            "--home",
            str(tmp_path / "home"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "no screen to open a window on" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_goes_to_the_shared_folder_in_the_background(
    qtbot, make_main_window, sample_settings, tmp_path: Path
):
    from contentfinder.preferences import save_preferences
    from contentfinder.usage.sync_folder import read_folder

    shared = tmp_path / "share"
    save_preferences(
        sample_settings.home, Preferences(library=sample_settings.library, sync_target=str(shared))
    )
    window = make_main_window(sample_settings)

    window.search_box.setText("whitepaper")
    qtbot.waitUntil(lambda: window.searching.shown.request.text == "whitepaper", timeout=10_000)
    window.copy_hit(window.current_hit())
    with qtbot.waitSignal(window.background_sync.changed, timeout=30_000) as synced:
        window.sync_now()
    state = synced.args[0]
    assert (state.error, state.waiting) == ("", 0) and state.last_success is not None
    kinds = [e["kind"] for e in read_folder(shared).events]
    assert "search" in kinds and "copy" in kinds
    assert "0 events waiting to sync, last sync" in window.status.label.text()


def test_with_no_sync_target_usage_stays_on_this_computer(qtbot, make_main_window, sample_settings):
    window = make_main_window(sample_settings)
    with qtbot.waitSignal(window.background_sync.changed, timeout=30_000):
        window.sync_now()
    assert "usage kept on this computer" in window.status.label.text()
