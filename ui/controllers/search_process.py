"""Searching in a child process, so the window's thread never waits for it.

A search is tens of milliseconds of Python; on a thread of the app's own process it held the
interpreter lock the window needs to paint and take keys, and the window stalled for 100 ms
at a time while a rep typed. The child owns the search session; the app sends it requests
over a pipe, and a reader thread (which waits without the lock) hands the answers to the
window's thread as signals.

The newest request wins twice: the child drops searches and suggestions that a newer one has
overtaken in the pipe, and the window drops any answer that is not for its newest request.
"""

from __future__ import annotations

import multiprocessing
import threading

from PySide6.QtCore import QObject, Signal

from contentfinder.config import Settings
from contentfinder.search.service import serve
from contentfinder.search.session import SearchRequest


class SearchClient(QObject):
    searched = Signal(object)  # Searched
    suggested = Signal(int, str, object)  # number, typed text, list[Suggestion]
    similar_found = Signal(str, object)  # asset id, list[SimilarAsset]
    hits_found = Signal(str, object)  # purpose, list[Hit]
    failed = Signal(int, str)  # number, message for the rep
    asset_count = Signal(int)

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        context = multiprocessing.get_context("spawn")
        self._connection, child_end = context.Pipe()
        self._process = context.Process(
            target=serve, args=(settings, child_end), name="contentfinder-search", daemon=True
        )
        self._process.start()
        child_end.close()
        self._send_lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, name="search-answers", daemon=True)
        self._reader.start()

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
        self._send(("warm_up", 0, None))

    def close(self) -> None:
        self._send(None)
        self._process.join(5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(5)
        self._connection.close()

    def _send(self, message: object) -> None:
        with self._send_lock:
            try:
                self._connection.send(message)
            except (OSError, ValueError):
                pass  # the child is gone; the window says so when its answer does not come

    def _read(self) -> None:
        while True:
            try:
                kind, payload = self._connection.recv()
            except (EOFError, OSError, ValueError):
                return
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
