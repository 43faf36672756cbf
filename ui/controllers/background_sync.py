"""Sending usage to the central store from the app, in the background: at start, every few
minutes, and whenever the rep asks. Offline is normal: events wait, and the status bar says
how many and when the last sync succeeded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from contentfinder.config import Settings
from contentfinder.preferences import load_preferences
from contentfinder.usage.log import UsageLog, UsageLogError, load_identity
from contentfinder.usage.sync import SyncError, open_target, sync


@dataclass(frozen=True)
class SyncState:
    target: str  # '' when none is set
    waiting: int
    last_success: datetime | None
    error: str = ""


class BackgroundSync(QObject):
    changed = Signal(object)  # SyncState

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)  # one sync at a time

    def start(self) -> None:
        self._pool.start(_SyncRun(self.settings, self))

    def wait(self, milliseconds: int = 30_000) -> bool:
        return self._pool.waitForDone(milliseconds)


class _SyncRun(QRunnable):
    def __init__(self, settings: Settings, owner: BackgroundSync) -> None:
        super().__init__()
        self.settings, self.owner = settings, owner

    def run(self) -> None:
        preferences = load_preferences(self.settings.home)
        where = preferences.sync_target
        try:
            identity = load_identity(
                self.settings.home,
                display_name=preferences.display_name if preferences.share_name else None,
            )
            with UsageLog(self.settings.usage_db, identity=identity) as log:
                if not where:
                    waiting, _ = log.sync_status("")
                    self.owner.changed.emit(SyncState("", waiting, None))
                    return
                error = ""
                try:
                    target = open_target(where)
                    try:
                        sync(log, target, redact_queries=preferences.redact_queries)
                    finally:
                        target.close()
                    key = target.key
                except SyncError as exc:
                    error, key = str(exc), ""
                waiting, last = log.sync_status(key) if key else (log.sync_status("")[0], None)
                self.owner.changed.emit(SyncState(where, waiting, last, error))
        except (UsageLogError, OSError) as exc:
            self.owner.changed.emit(SyncState(where, 0, None, str(exc)))
