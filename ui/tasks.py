"""Work off the GUI thread: searching (one session on its own thread) and index runs.

The GUI never waits. It sends a request with a number; the worker skips requests that a newer
one has overtaken before it got to them, and the GUI drops any answer that is not for the
newest request. Widgets are only ever touched on the GUI thread, through signals.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject, QProcess, QThread, Signal, Slot

from contentfinder.config import Settings
from contentfinder.index_schema import IndexUnavailable
from contentfinder.search import (
    FilterError,
    Hit,
    SearchRequest,
    SearchResults,
    SearchSession,
    SimilarAsset,
    UnknownAsset,
)
from contentfinder.suggest import Suggestion

PROGRESS_PREFIX = "progress "  # lines `contentfinder index --progress-lines` writes to stderr


@dataclass(frozen=True)
class Searched:
    number: int
    request: SearchRequest
    results: SearchResults
    seconds: float


class SearchWorker(QObject):
    """Owns the search session; lives on its own thread."""

    searched = Signal(object)  # Searched
    suggested = Signal(int, str, object)  # number, typed text, list[Suggestion]
    similar_found = Signal(str, object)  # asset id, list[SimilarAsset]
    hits_found = Signal(str, object)  # purpose, list[Hit] (for My kit)
    failed = Signal(int, str)  # number, message for the rep
    asset_count = Signal(int)

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.latest_search = 0  # set by the GUI thread before it sends a request
        self.latest_suggestion = 0
        self._session: SearchSession | None = None

    def _open(self) -> SearchSession:
        if self._session is None:
            self._session = SearchSession(self.settings)
        return self._session

    @Slot(int, object)
    def search(self, number: int, request: SearchRequest) -> None:
        if number != self.latest_search:
            return  # a newer request is queued behind this one
        started = time.perf_counter()
        try:
            session = self._open()
            results = session.search(request)
        except (IndexUnavailable, FilterError) as exc:
            self.failed.emit(number, str(exc))
            return
        self.searched.emit(Searched(number, request, results, time.perf_counter() - started))
        self.asset_count.emit(session.asset_count)

    @Slot(int, str)
    def suggest(self, number: int, typed: str) -> None:
        if number != self.latest_suggestion:
            return
        try:
            suggestions: list[Suggestion] = self._open().suggest(typed)
        except IndexUnavailable:
            return
        self.suggested.emit(number, typed, suggestions)

    @Slot(str)
    def similar(self, asset_id: str) -> None:
        try:
            found: list[SimilarAsset] = self._open().similar(asset_id, limit=6)
        except (IndexUnavailable, UnknownAsset):
            found = []
        self.similar_found.emit(asset_id, found)

    @Slot(str, object)
    def hits(self, purpose: str, asset_ids: list[str]) -> None:
        try:
            session = self._open()
        except IndexUnavailable:
            self.hits_found.emit(purpose, [])
            return
        found: list[Hit] = [h for a in asset_ids if (h := session.hit(a, today=date.today()))]
        self.hits_found.emit(purpose, found)

    @Slot()
    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None


class IndexProcess(QObject):
    """Runs `contentfinder index` as a child process and reports its progress.

    A process, not a thread: an index run is Python code that writes for seconds on end, and in
    the app's own process it would hold the interpreter lock the window needs to stay smooth.
    Killing it is safe at any point (the index keeps its last commit), so closing the window
    never waits for it."""

    progress = Signal(int, int, str)  # done, total, the asset just done
    finished = Signal(object)  # the summary, as `index --json` prints it
    failed = Signal(str)

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.process = QProcess(self)
        self.process.readyReadStandardError.connect(self._read_progress)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._error)
        self._errors: list[str] = []

    def is_running(self) -> bool:
        return self.process.state() != QProcess.ProcessState.NotRunning

    def start(self) -> None:
        if self.is_running():
            return
        self._errors = []
        arguments = ["-m", "contentfinder.cli", "index", "--json", "--progress-lines"]
        if self.settings.library is not None:
            arguments += ["--library", str(self.settings.library)]
        arguments += ["--home", str(self.settings.home)]
        self.process.start(sys.executable, arguments)

    def stop(self) -> None:
        if self.is_running():
            self.process.terminate()
            if not self.process.waitForFinished(2000):
                self.process.kill()
                self.process.waitForFinished(2000)

    def _read_progress(self) -> None:
        while self.process.canReadLine() or self.process.bytesAvailable():
            raw = bytes(self.process.readLine().data()).decode("utf-8", "replace").strip()
            if not raw:
                break
            if raw.startswith(PROGRESS_PREFIX):
                try:
                    line = json.loads(raw[len(PROGRESS_PREFIX) :])
                    self.progress.emit(int(line["done"]), int(line["total"]), line["asset"])
                except (ValueError, KeyError):
                    pass
            else:
                self._errors.append(raw)

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self.process.setReadChannel(QProcess.ProcessChannel.StandardError)
        self._read_progress()
        output = bytes(self.process.readAllStandardOutput().data()).decode("utf-8", "replace")
        if status == QProcess.ExitStatus.NormalExit and code == 0:
            try:
                self.finished.emit(json.loads(output))
                return
            except ValueError:
                pass
        message = next((e for e in reversed(self._errors) if e), "") or f"exit status {code}"
        self.failed.emit(message.removeprefix("contentfinder: "))

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self.failed.emit("could not start the indexer")


def start_thread(worker: QObject, name: str) -> QThread:
    """`worker` moved to a new running thread, which quits when the application does."""
    thread = QThread()
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.start()
    return thread
