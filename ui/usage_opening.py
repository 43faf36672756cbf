"""The app's usage log, opened on a thread of its own once the window is up.

Opening it imports SQLAlchemy and creates or migrates the SQLite file: a third of a second
and more of the app's start, on a path that ends at the first results, which need none of
it. So the window gets this stand-in, which opens the log on a thread when `start` is called
(the app calls it as its event loop begins, after the window is shown) and hands each call on
to it. A call made before the log is open waits for it: no rep can use an asset before the
first results are on screen, and by then it is open. A log that cannot be opened raises its
`UsageLogError` (naming the file and the cause) from each call, which the window's actions
report in the status bar, as they report a write that fails. The thread then imports the
usage sync as well, which the first background sync needs.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contentfinder.usage.identity import Identity

if TYPE_CHECKING:
    from contentfinder.usage.log import UsageLog


class OpeningUsageLog:
    """A `UsageLog` of `database`, opened on a thread of its own; its methods are the log's."""

    def __init__(self, database: Path, *, identity: Identity) -> None:
        self.database = database
        self._identity = identity
        self._log: UsageLog | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Opens the log on its thread, unless that has begun already."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._open, name="usage-log-open", daemon=True
                )
                self._thread.start()

    def opened(self) -> UsageLog:
        """The log, once open (opening it now if nothing has started it yet)."""
        self.start()
        assert self._thread is not None
        self._thread.join()
        if self._log is None:
            assert self._error is not None
            raise self._error
        return self._log

    @property
    def identity(self) -> Identity:
        return self._identity

    @identity.setter
    def identity(self, identity: Identity) -> None:
        """Events from now on carry `identity` (the rep changed their settings)."""
        self._identity = identity
        try:
            log = self.opened()
        except Exception:  # noqa: BLE001 - the calls that record say why the log is not there
            return
        log.identity = identity

    def close(self) -> None:
        with self._lock:
            thread = self._thread
        if thread is None:
            return
        thread.join()
        if self._log is not None:
            self._log.close()

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401 - whatever the log's member is
        if name.startswith("_"):  # not the log's: an attribute of ours not set yet
            raise AttributeError(name)
        return getattr(self.opened(), name)

    def _open(self) -> None:
        try:
            from contentfinder.usage.log import UsageLog

            self._log = UsageLog(self.database, identity=self._identity)
        except BaseException as exc:  # noqa: BLE001 - raised to each caller from `opened`
            self._error = exc
            return
        # The sync's modules too, here: the first sync (seconds after the start, or when the
        # rep asks) then finds them loaded, and no import holds the interpreter for a third
        # of a second while the rep works in the window.
        import contentfinder.usage.sync  # noqa: F401
