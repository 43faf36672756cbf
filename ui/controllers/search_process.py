"""Searching in a child process, so the window's thread never waits for it.

A search is tens of milliseconds of Python; on a thread of the app's own process it held the
interpreter lock the window needs to paint and take keys, and the window stalled for 100 ms
at a time while a rep typed. The child owns the search session; the app sends it requests
over a pipe, and a reader thread (which waits without the lock) hands the answers to the
window's thread as signals.

The newest request wins twice: the child drops searches and suggestions that a newer one has
overtaken in the pipe, and the window drops any answer that is not for its newest request.

A child that dies (killed, crashed) is started again, and the newest request of each kind it
had not answered is sent to the new one; at most a few times a minute, so a request that kills
it every time cannot keep two cores busy restarting it.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections import deque
from collections.abc import Hashable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from PySide6.QtCore import QObject, Signal

from contentfinder.config import Settings
from contentfinder.search.child import serve
from contentfinder.search.results import SearchRequest

RESTARTS_PER_MINUTE = 3
_MINUTE = 60.0


@dataclass
class _Child:
    process: BaseProcess
    connection: Connection


class SearchClient(QObject):
    """The window's end of the search child: requests in, answers out as signals, and a new
    child when the one there dies."""

    searched = Signal(object)  # Searched
    suggested = Signal(int, str, object)  # number, typed text, list[Suggestion]
    similar_found = Signal(str, object)  # asset id, list[SimilarAsset]
    hits_found = Signal(str, object)  # purpose, list[Hit]
    failed = Signal(int, str)  # number, message for the rep
    asset_count = Signal(int)
    restarted = Signal(str)  # for the status bar: the child died and was started again, or not

    def __init__(self, settings: Settings, *, restarts_per_minute: int = RESTARTS_PER_MINUTE):
        super().__init__()
        self._settings = settings
        self._context = multiprocessing.get_context("spawn")
        self._restarts_allowed = restarts_per_minute
        self._restarts: deque[float] = deque()
        # The newest request of each kind (hits: of each purpose) not answered yet: what a
        # restarted child is sent again. Guarded, with the child, by the lock.
        self._unanswered: dict[Hashable, tuple] = {}
        self._warmed = False
        self._closing = False
        self._lock = threading.Lock()
        with self._lock:
            self._child: _Child | None = self._start_child()

    # The window's requests; `number` orders them.
    def search(self, number: int, request: SearchRequest) -> None:
        self._send(("search", number, request))

    def suggest(self, number: int, typed: str) -> None:
        self._send(("suggest", number, typed))

    def similar(self, asset_id: str) -> None:
        self._send(("similar", 0, asset_id))

    def hits(self, purpose: str, asset_ids: list[str]) -> None:
        self._send(("hits", 0, (purpose, list(asset_ids))))

    def warm_up(self) -> None:
        self._warmed = True
        self._send(("warm_up", 0, None))

    @property
    def pid(self) -> int | None:
        """The child's process id (None while there is none)."""
        child = self._child
        return child.process.pid if child is not None else None

    def close(self) -> None:
        with self._lock:
            self._closing = True
            child, self._child = self._child, None
        if child is None:
            return
        try:
            child.connection.send(None)
        except (OSError, ValueError):
            pass
        child.process.join(5)
        if child.process.is_alive():
            child.process.kill()
            child.process.join(5)
        child.connection.close()

    def _send(self, message: tuple) -> None:
        with self._lock:
            if self._closing:
                return
            if message[0] != "warm_up":
                self._unanswered[_key_of(message)] = message
            if self._child is None and self._may_restart():
                # Restarts ran out a while ago; this request is worth another try.
                self._child = self._start_child()
                self._resend()
                return
            if self._child is not None:
                try:
                    self._child.connection.send(message)
                except (OSError, ValueError):
                    pass  # the child is gone: its reader restarts it and sends this again

    def _start_child(self) -> _Child:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=serve,
            args=(self._settings, theirs),
            name="contentfinder-search",
            daemon=True,
        )
        process.start()
        theirs.close()
        child = _Child(process, ours)
        reader = threading.Thread(
            target=self._read, args=(child,), name="search-answers", daemon=True
        )
        reader.start()
        return child

    def _resend(self) -> None:
        """To a new child: the warm-up it had, then what the dead one left unanswered."""
        assert self._child is not None
        waiting = ([("warm_up", 0, None)] if self._warmed else []) + list(self._unanswered.values())
        for message in waiting:
            try:
                self._child.connection.send(message)
            except (OSError, ValueError):
                return

    def _read(self, child: _Child) -> None:
        while True:
            try:
                kind, payload = child.connection.recv()
            except (EOFError, OSError, ValueError):
                self._child_ended(child)
                return
            with self._lock:
                self._answered(kind, payload)
            if kind == "searched":
                self.searched.emit(payload[0])
                self.asset_count.emit(payload[1])
            elif kind == "suggested":
                self.suggested.emit(*payload)
            elif kind == "similar":
                self.similar_found.emit(*payload)
            elif kind == "hits":
                self.hits_found.emit(*payload)
            elif kind == "failed":
                self.failed.emit(*payload)

    def _answered(self, kind: str, payload: tuple) -> None:
        """Forgets the request an answer is for: a restarted child need not do it again."""
        if kind == "failed":  # for a search or a suggestion, by its number
            for key in (("search",), ("suggest",)):
                if (asked := self._unanswered.get(key)) is not None and asked[1] == payload[0]:
                    del self._unanswered[key]
            return
        if kind == "hits":
            self._unanswered.pop(("hits", payload[0]), None)
            return
        key, identity = {
            "searched": (("search",), getattr(payload[0], "number", None)),
            "suggested": (("suggest",), payload[0]),
            "similar": (("similar",), payload[0]),
        }.get(kind, ((), None))
        asked = self._unanswered.get(key)
        if asked is not None and _identity(asked) == identity:
            del self._unanswered[key]

    def _child_ended(self, child: _Child) -> None:
        """The reader's child stopped answering: it was closed, or it died."""
        if self._closing:
            return
        child.process.join(2)  # outside the lock: the window may be sending meanwhile
        cause = _cause_of(child.process.exitcode)
        with self._lock:
            if self._closing or self._child is not child:
                return
            child.connection.close()
            self._child = None
            if not self._may_restart():
                message = (
                    f"Search stopped after repeated problems ({cause}); it starts again with "
                    "your next search in a minute"
                )
            else:
                self._child = self._start_child()
                self._resend()
                message = f"Search restarted after a problem: {cause}"
        self.restarted.emit(message)

    def _may_restart(self) -> bool:
        """True, and counted, when the restarts of the last minute leave room for one more."""
        now = time.monotonic()
        while self._restarts and now - self._restarts[0] > _MINUTE:
            self._restarts.popleft()
        if len(self._restarts) >= self._restarts_allowed:
            return False
        self._restarts.append(now)
        return True


def _key_of(message: tuple) -> Hashable:
    kind, _number, payload = message
    return (kind, payload[0]) if kind == "hits" else (kind,)


def _identity(message: tuple) -> object:
    """What an answer names its request by: the number of a search or suggestion, the asset
    of a similar-assets request."""
    kind, number, payload = message
    return payload if kind == "similar" else number


def _cause_of(exit_code: int | None) -> str:
    if exit_code is None:
        return "the search process stopped answering"
    if exit_code < 0:
        return f"the search process was stopped by signal {-exit_code}"
    return f"the search process ended (exit status {exit_code})"
