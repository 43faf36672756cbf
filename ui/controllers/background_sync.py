"""Sending usage to the central store from the app, in the background: at start, every few
minutes, and whenever the rep asks. Offline is normal: events wait, and the status bar says
how many and when the last sync succeeded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from contentfinder.config import Settings
from contentfinder.preferences import load_preferences
from contentfinder.usage.identity import identity_for
from contentfinder.usage.log_error import UsageLogError
from ui.tasks import Op

SYNC_MINUTES = 10  # usage goes to the central store this often (and at start)
FIRST_SYNC_MS = 2000


@dataclass(frozen=True)
class SyncState:
    target: str  # '' when none is set
    waiting: int
    last_success: datetime | None
    error: str = ""

    def status(self) -> str:
        """The status bar's words for it."""
        if not self.target:
            return "usage kept on this computer (no sync target in Settings)"
        if self.error:
            return f"usage sync failed, {self.waiting} events waiting"
        when = f", last sync {self.last_success.astimezone():%H:%M}" if self.last_success else ""
        return f"{self.waiting} events waiting to sync{when}"


class BackgroundSync(QObject):
    """One sync at a time: asked for while one runs, another follows it."""

    changed = Signal(object)  # SyncState

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._running = False
        self._again = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.start)

    def start_schedule(self) -> None:
        self.timer.start(SYNC_MINUTES * 60_000)
        QTimer.singleShot(FIRST_SYNC_MS, self, self.start)

    def start(self) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        Op(sync_once, self.settings).success(self._done).failure(self._failed).run(self)

    def stop(self) -> None:
        """No more syncs; one under way finishes on its own (nothing waits for it)."""
        self.timer.stop()
        self._again = False

    def _done(self, state: SyncState) -> None:
        self._running = False
        self.changed.emit(state)
        if self._again:
            self._again = False
            self.start()

    def _failed(self, message: str) -> None:
        self._done(SyncState(load_preferences(self.settings.home).sync_target, 0, None, message))


def sync_once(settings: Settings) -> SyncState:
    """Sends what is waiting (runs on a pool thread). The usage log and the sync are
    imported here, on the pool thread: SQLAlchemy is no part of the window's start."""
    from contentfinder.usage.log import UsageLog
    from contentfinder.usage.sync import open_target, sync
    from contentfinder.usage.targets import SyncError

    preferences = load_preferences(settings.home)
    where = preferences.sync_target
    try:
        identity = identity_for(settings.home, preferences)
        with UsageLog(settings.usage_db, identity=identity) as log:
            if not where:
                return SyncState("", log.sync_status("")[0], None)
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
            return SyncState(where, waiting, last, error)
    except (UsageLogError, OSError) as exc:
        return SyncState(where, 0, None, str(exc))
