"""Fixtures for the app's tests: Qt offscreen, the sample library indexed once per run and
copied per test, and a factory for real main windows driven with qtbot."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported anywhere

import pytest  # noqa: E402
from PySide6.QtCore import QObject, QUrl, Slot  # noqa: E402
from PySide6.QtGui import QDesktopServices, QGuiApplication  # noqa: E402

from contentfinder.config import Settings  # noqa: E402
from contentfinder.desktop.viewer import OPENER_ENV  # noqa: E402
from indexer.pipeline import update_index  # noqa: E402
from tests.conftest import SAMPLE_LIBRARY  # noqa: E402


@pytest.fixture(scope="session")
def sample_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample library's index, built once for the whole run."""
    home = tmp_path_factory.mktemp("sample-home")
    update_index(Settings(library=SAMPLE_LIBRARY, home=home), workers=1)
    return home


@pytest.fixture
def library_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample library, for tests that change it."""
    target = tmp_path / "library"
    shutil.copytree(SAMPLE_LIBRARY, target)
    return target


@pytest.fixture
def sample_settings(sample_home: Path, tmp_path: Path) -> Settings:
    home = tmp_path / "home"
    shutil.copytree(sample_home, home)
    return Settings(library=SAMPLE_LIBRARY, home=home)


class OpenedFiles(QObject):
    """A stand-in for the rep's viewer and file manager. $CONTENTFINDER_OPENER names a tiny
    real program that writes the path it is given (the file to open, the folder to show) to a
    log and exits 0; the desktop's handler for file URLs (which Library health uses) writes to
    the same log. So the app runs its real opener, and no test starts a real viewer."""

    def __init__(self, log: Path) -> None:
        super().__init__()
        self.log = log
        program = log.with_name("record-opened.py")
        program.write_text(
            "import sys\n"
            "with open(sys.argv[1], 'a', encoding='utf-8') as log:\n"
            "    log.write(sys.argv[-1] + '\\n')\n",
            encoding="utf-8",
        )
        self.command = shlex.join([sys.executable, str(program), str(log)])

    @property
    def paths(self) -> list[Path]:
        """What was opened, read once every window has heard back from its opener (the open
        recorded, the status bar told): a test reads it right after the click or key."""
        from PySide6.QtWidgets import QApplication

        from ui import tasks
        from ui.controllers.actions import AssetActions

        for widget in QApplication.topLevelWidgets():
            actions = getattr(widget, "actions", None)  # a main window's AssetActions
            if isinstance(actions, AssetActions):
                assert tasks.wait(actions, 15), "the opener never answered"
        if not self.log.exists():
            return []
        return [Path(line) for line in self.log.read_text(encoding="utf-8").splitlines()]

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        with self.log.open("a", encoding="utf-8") as log:
            log.write(url.toLocalFile() + "\n")


@pytest.fixture(autouse=True)
def no_real_viewer(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that opens an asset without `opened_urls` gets a viewer that refuses, never the
    desktop's own."""
    refusing = [sys.executable, "-c", "raise SystemExit('tests never start a real viewer')"]
    monkeypatch.setenv(OPENER_ENV, shlex.join(refusing))


@pytest.fixture
def opened_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenedFiles]:
    opened = OpenedFiles(tmp_path / "opened.log")
    monkeypatch.setenv(OPENER_ENV, opened.command)
    QDesktopServices.setUrlHandler("file", opened, "open")
    yield opened
    QDesktopServices.unsetUrlHandler("file")


@pytest.fixture
def make_main_window(qtbot) -> Callable[..., object]:  # noqa: ANN001
    """A real main window on `settings`; closed (threads and all) after the test."""
    from ui.app import build_window

    windows = []

    def make(settings: Settings, **options: object):  # noqa: ANN202
        options.setdefault("index_on_start", False)
        options.setdefault("autocomplete_popup", False)
        window = build_window(settings, **options)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitUntil(lambda: window.results.count_label.text() != "", timeout=10_000)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        window.usage.close()
    # A test that copied an asset leaves it on the clipboard; Qt crashes destroying it at the
    # interpreter's exit (the app itself tears Qt down before that, see ui.app.main).
    QGuiApplication.clipboard().clear()
