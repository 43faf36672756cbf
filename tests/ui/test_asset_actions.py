"""Every action says what happened: Open and Show in folder in the status bar when the viewer
or file manager started, in a message in the window (with the reason and Copy path) when it
did not; an open recorded only when the viewer was started; Copy names what is on the
clipboard. The opener is a real program ($CONTENTFINDER_OPENER), never the desktop's."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton

from contentfinder.desktop.viewer import OPENER_ENV
from ui import tasks

WHITEPAPER = "Security/Security and Compliance Whitepaper.pdf"
NAME = "Security and Compliance Whitepaper.pdf"


def whitepaper_shown(qtbot, make_main_window, settings):  # noqa: ANN001, ANN201
    window = make_main_window(settings)
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.keyClicks(window.search_box, "whitepaper")
    qtbot.waitUntil(lambda: window.searching.shown.request.text == "whitepaper", timeout=10_000)
    assert window.current_hit().id == WHITEPAPER
    return window


def events(window) -> list[tuple[str, str | None]]:  # noqa: ANN001
    return [(e.kind, e.asset_id) for e in window.usage.events()]


def failure_message(qtbot, window) -> QDialog:  # noqa: ANN001
    qtbot.waitUntil(
        lambda: (
            (found := window.findChild(QDialog, "actionFailed")) is not None and found.isVisible()
        ),
        timeout=10_000,
    )
    return window.findChild(QDialog, "actionFailed")


def text_of(dialog: QDialog, name: str) -> str:
    label = dialog.findChild(QLabel, name)
    return (
        label.text() if label is not None else dialog.findChild(QPlainTextEdit, name).toPlainText()
    )


def test_open_with_a_working_viewer_records_one_open_and_says_so(
    qtbot, make_main_window, sample_settings, opened_urls
):
    window = whitepaper_shown(qtbot, make_main_window, sample_settings)
    window.findChild(QPushButton, "previewOpen").click()
    assert opened_urls.paths == [sample_settings.library / WHITEPAPER]
    assert window.statusBar().currentMessage() == f"Opened '{NAME}'"
    assert events(window).count(("open", WHITEPAPER)) == 1
    assert window.findChild(QDialog, "actionFailed") is None
    kit = window.kit  # the recorded open is recently used
    qtbot.waitUntil(
        lambda: kit.recent.count() > 0 and kit.recent.item(0).toolTip().endswith(WHITEPAPER),
        timeout=10_000,
    )


@pytest.mark.parametrize("viewer", ["false", "missing"])
def test_open_with_a_viewer_that_fails_says_why_and_records_no_open(
    qtbot, make_main_window, sample_settings, monkeypatch, tmp_path: Path, viewer: str
):
    missing = tmp_path / "no-such-viewer"
    monkeypatch.setenv(OPENER_ENV, "false" if viewer == "false" else str(missing))
    window = whitepaper_shown(qtbot, make_main_window, sample_settings)
    window.findChild(QPushButton, "previewOpen").click()
    message = failure_message(qtbot, window)
    assert not message.isModal()
    assert text_of(message, "actionFailedHeadline") == f"Could not open '{NAME}'"
    reason = text_of(message, "actionFailedReason")
    if viewer == "false":
        assert reason == "'false' could not open it (exit status 1)."
    else:
        assert f"'{missing}', which is not installed" in reason and OPENER_ENV in reason
    assert "Traceback" not in reason
    assert text_of(message, "actionFailedPath") == str(sample_settings.library / WHITEPAPER)
    assert tasks.wait(window.actions, 10)
    assert "open" not in [kind for kind, _ in events(window)]
    assert not window.statusBar().currentMessage().startswith("Opened")


def test_copy_path_puts_the_path_on_the_clipboard_and_says_so(
    qtbot, make_main_window, sample_settings, monkeypatch
):
    monkeypatch.setenv(OPENER_ENV, "false")
    window = whitepaper_shown(qtbot, make_main_window, sample_settings)
    window.findChild(QPushButton, "previewOpen").click()
    message = failure_message(qtbot, window)
    message.findChild(QPushButton, "actionFailedCopyPath").click()
    assert QGuiApplication.clipboard().text() == str(sample_settings.library / WHITEPAPER)
    note = message.findChild(QLabel, "actionFailedNote")
    assert note.isVisible() and note.text().startswith("Copied the path")

    # A second failure is told in the same message, not a pile of windows.
    window.findChild(QPushButton, "previewShowInFolder").click()
    qtbot.waitUntil(
        lambda: (
            text_of(message, "actionFailedHeadline") == f"Could not show '{NAME}' in its folder"
        ),
        timeout=10_000,
    )
    assert len(window.findChildren(QDialog, "actionFailed")) == 1
    assert not message.findChild(QLabel, "actionFailedNote").isVisible()
    assert text_of(message, "actionFailedReason") == (
        "'false' could not show its folder (exit status 1)."
    )


def test_show_in_folder_runs_the_opener_on_the_folder_and_says_so(
    qtbot, make_main_window, sample_settings, opened_urls
):
    window = whitepaper_shown(qtbot, make_main_window, sample_settings)
    window.findChild(QPushButton, "previewShowInFolder").click()
    assert opened_urls.paths == [(sample_settings.library / WHITEPAPER).parent]
    assert window.statusBar().currentMessage() == f"Showed '{NAME}' in its folder"
    assert "open" not in [kind for kind, _ in events(window)]


def test_a_slow_viewer_never_holds_up_the_window(
    qtbot, make_main_window, sample_settings, monkeypatch, tmp_path: Path
):
    seen = tmp_path / "seen"
    slow = [
        sys.executable,
        "-c",
        f"import sys, time; time.sleep(1.5); open({str(seen)!r}, 'w').write(sys.argv[-1])",
    ]
    monkeypatch.setenv(OPENER_ENV, shlex.join(slow))
    window = whitepaper_shown(qtbot, make_main_window, sample_settings)
    began = time.monotonic()
    window.findChild(QPushButton, "previewOpen").click()
    assert time.monotonic() - began < 0.5
    assert "open" not in [kind for kind, _ in events(window)]  # not yet started
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage() == f"Opened '{NAME}'", timeout=10_000
    )
    assert seen.read_text() == str(sample_settings.library / WHITEPAPER)
    assert events(window).count(("open", WHITEPAPER)) == 1


def test_copy_says_which_file_is_on_the_clipboard(qtbot, make_main_window, sample_settings):
    window = whitepaper_shown(qtbot, make_main_window, sample_settings)
    window.findChild(QPushButton, "previewCopy").click()
    assert window.statusBar().currentMessage() == (
        f"Copied the file '{NAME}' — paste it into an email or a chat"
    )
    urls = QGuiApplication.clipboard().mimeData().urls()
    assert [url.toLocalFile() for url in urls] == [str(sample_settings.library / WHITEPAPER)]
    assert ("copy", WHITEPAPER) in events(window)  # recorded before Copy returns, as before


@pytest.fixture
def file_manager(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A session bus of the test's own with a file manager on it (tests/ui/fake_file_manager.py);
    the log of what it was asked to show."""
    if sys.platform in ("win32", "darwin") or not shutil.which("dbus-daemon"):
        pytest.skip("needs dbus-daemon (a freedesktop system)")
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    manager = None
    try:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus.stdout.readline().strip())
        log = tmp_path / "shown.log"
        manager = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("fake_file_manager.py")), str(log)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert manager.stdout.readline().strip() == "ready"
        yield log
    finally:
        for process in (manager, bus):
            if process is not None:
                process.kill()
                process.wait(10)
                process.stdout.close()


@pytest.mark.parametrize("caller", ["gdbus", "dbus-send"])
def test_on_linux_show_in_folder_asks_the_file_manager_to_select_the_file(
    qtbot, make_main_window, sample_settings, file_manager, monkeypatch, tmp_path: Path, caller
):
    installed = shutil.which(caller)
    if installed is None:
        pytest.skip(f"{caller} is not installed")
    window = whitepaper_shown(qtbot, make_main_window, sample_settings)
    programs = tmp_path / "bin"
    programs.mkdir()
    (programs / caller).symlink_to(installed)  # the only D-Bus caller on the PATH
    folder_opened = programs / "xdg-open.log"  # were the folder opened instead
    (programs / "xdg-open").write_text(
        f"#!{sys.executable}\nimport sys\nopen({str(folder_opened)!r}, 'a').write(sys.argv[-1])\n"
    )
    (programs / "xdg-open").chmod(0o755)
    monkeypatch.setenv("PATH", str(programs))
    monkeypatch.delenv(OPENER_ENV)  # the desktop's own file manager
    window.findChild(QPushButton, "previewShowInFolder").click()
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage() == f"Showed '{NAME}' in its folder",
        timeout=15_000,
    )
    uri = (sample_settings.library / WHITEPAPER).as_uri()
    assert file_manager.read_text(encoding="utf-8") == f"{uri}\t\n"
    assert not folder_opened.exists()
