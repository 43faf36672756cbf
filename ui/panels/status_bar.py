"""The status bar: which library, how many assets, when the index was last checked, the state
of usage sync, the index progress bar, and the messages background work leaves for the rep
(an index run's outcome, a usage event that could not be recorded, a restarted search)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from ui.controllers.background_sync import SyncState
from ui.controllers.index_process import warnings_message

MESSAGE_MS = 10_000
WARNING_MS = 15_000


class StatusBar(QObject):
    def __init__(self, bar: QStatusBar, library: Path | None) -> None:
        super().__init__(bar)
        self.bar, self.library = bar, library
        bar.setObjectName("statusBar")
        bar.setAccessibleName("Status")
        self.label = QLabel()
        self.label.setObjectName("libraryStatus")
        self.progress = QProgressBar()
        self.progress.setObjectName("indexProgress")
        self.progress.setAccessibleName("Index progress")
        self.progress.setMaximumWidth(240)
        self.progress.setFormat("indexing %v/%m")
        self.progress.hide()
        bar.addWidget(self.label, 1)
        bar.addPermanentWidget(self.progress)
        self._indexing = False
        self._last_indexed: datetime | None = None
        self._asset_count: int | None = None
        self._sync: SyncState | None = None
        self._show()

    # -- messages ----------------------------------------------------------------------------

    def say(self, message: str, milliseconds: int = MESSAGE_MS) -> None:
        self.bar.showMessage(message, milliseconds)

    @Slot(str)
    def show_background_message(self, message: str) -> None:
        """What background work has to tell the rep: a restarted search, an index run's
        warnings, a usage event that could not be recorded."""
        self.bar.showMessage(message, WARNING_MS)

    def show_background_messages(self, messages: list) -> None:
        if messages:
            self.show_background_message(warnings_message(messages))

    # -- the index -----------------------------------------------------------------------------

    def index_started(self) -> None:
        self._indexing = True
        self.progress.setRange(0, 0)
        self.progress.show()
        self._show()

    def index_progress(self, done: int, total: int, _asset: str = "") -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def index_finished(self, summary: dict) -> None:
        self._stopped()
        self._last_indexed = datetime.now()
        failed = summary["failed"]
        unreadable = f" · {len(failed)} files could not be read" if failed else ""
        self.say(
            f"Index up to date: {summary['added']} added, {summary['updated']} updated, "
            f"{summary['removed']} removed{unreadable}"
        )

    def index_failed(self, message: str) -> None:
        self._stopped()
        self.say(f"Could not bring the index up to date: {message}", WARNING_MS)

    def _stopped(self) -> None:
        self._indexing = False
        self.progress.hide()
        self._show()

    def asset_count(self, count: int) -> None:
        if count != self._asset_count:
            self._asset_count = count
            self._show()

    # -- usage sync ----------------------------------------------------------------------------

    def synced(self, state: SyncState) -> None:
        self._sync = state
        self._show()

    def _show(self) -> None:
        parts = [f"Library: {self.library}" if self.library else "No library"]
        if self._asset_count is not None:
            parts.append(f"{self._asset_count} assets")
        if self._last_indexed is not None:
            parts.append(f"index checked {self._last_indexed:%H:%M}")
        elif self._indexing:
            parts.append("checking the index…")
        if self._sync is not None:
            parts.append(self._sync.status())
        self.label.setText(" · ".join(parts))
        if self._sync is not None and self._sync.error:
            self.label.setToolTip(self._sync.error)
