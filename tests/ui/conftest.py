"""Fixtures for the app's tests: Qt offscreen, the sample library indexed once per run and
copied per test, and a factory for real main windows driven with qtbot."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported anywhere

import pytest  # noqa: E402
from PySide6.QtCore import QObject, QUrl, Slot  # noqa: E402
from PySide6.QtGui import QDesktopServices, QGuiApplication  # noqa: E402

from contentfinder.config import Settings  # noqa: E402
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


class OpenedUrls(QObject):
    """Takes the URLs the app asks the desktop to open, instead of opening them."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[Path] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.paths.append(Path(url.toLocalFile()))


@pytest.fixture
def opened_urls() -> Iterator[OpenedUrls]:
    opened = OpenedUrls()
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
