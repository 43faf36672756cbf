"""Keeping the index up to date while the app runs: a run at start, one soon after the library
folder changes, one every few minutes (a network share may change without telling), and one
more after a run if something asked for it meanwhile. The runs are `IndexProcess`'s."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from contentfinder.config import Settings
from ui.controllers.index_process import IndexProcess
from ui.tasks import Op

WATCH_DELAY_MS = 2000  # after the library folder changes, before re-indexing
RECHECK_MINUTES = 10
WATCHED_FOLDERS = 500


class LibraryIndex(QObject):
    started = Signal()
    finished = Signal(object)  # the run's summary
    failed = Signal(str)

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.indexer = IndexProcess(settings)
        self.indexer.finished.connect(self._finished)
        self.indexer.failed.connect(self._failed)
        self.running = False
        self._again = False
        self.watcher = QFileSystemWatcher(self)
        self.watch_timer = QTimer(self)
        self.watch_timer.setSingleShot(True)
        self.watch_timer.setInterval(WATCH_DELAY_MS)
        self.watch_timer.timeout.connect(self.start)
        self.watcher.directoryChanged.connect(lambda _: self.watch_timer.start())
        self.watcher.fileChanged.connect(lambda _: self.watch_timer.start())
        self.recheck_timer = QTimer(self)
        self.recheck_timer.timeout.connect(self.start)

    def watch(self) -> None:
        """Starts watching; the folders are listed on a pool thread (a share may be slow)."""
        self.recheck_timer.start(RECHECK_MINUTES * 60_000)
        if self.settings.library is not None:
            Op(folders_to_watch, self.settings.library).success(self._watch_folders).run(self)

    def _watch_folders(self, folders: list[str]) -> None:
        if folders:
            self.watcher.addPaths(folders)

    def start(self) -> None:
        if self.running:
            self._again = True
            return
        self.running = True
        self.started.emit()
        self.indexer.start()

    def stop(self) -> None:
        """Safe at any point: the next run completes the work."""
        self.watch_timer.stop()
        self.recheck_timer.stop()
        self._again = False
        self.indexer.stop()

    def _finished(self, summary: dict) -> None:
        self.running = False
        self.finished.emit(summary)
        self._run_again()

    def _failed(self, message: str) -> None:
        self.running = False
        self.failed.emit(message)
        self._run_again()

    def _run_again(self) -> None:
        if self._again:
            self._again = False
            self.start()


def folders_to_watch(library: Path, limit: int = WATCHED_FOLDERS) -> list[str]:
    """The library and its folders (not hidden ones), at most `limit` of them."""
    if not library.is_dir():
        return []
    folders = [str(library)]
    for path in library.rglob("*"):
        if len(folders) >= limit:
            break
        if path.is_dir() and not path.name.startswith("."):
            folders.append(str(path))
    return folders
