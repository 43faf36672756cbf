"""The app's index runs: `contentfinder index` in a child process, its progress as signals.

Widgets are only ever touched on the GUI thread, through signals.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QObject, QProcess, Signal

from contentfinder.config import Settings

PROGRESS_PREFIX = "progress "  # lines `contentfinder index --progress-lines` writes to stderr


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
        arguments = [
            "-m",
            "contentfinder.cli",
            "index",
            "--json",
            "--progress-lines",
            "--background",
        ]
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
        """Everything the child wrote since last time; of its progress lines only the newest
        is shown (hundreds may be waiting, and the bar needs one)."""
        newest = None
        while self.process.canReadLine() or self.process.bytesAvailable():
            raw = bytes(self.process.readLine().data()).decode("utf-8", "replace").strip()
            if not raw:
                break
            if raw.startswith(PROGRESS_PREFIX):
                newest = raw
            else:
                self._errors.append(raw)
        if newest is not None:
            try:
                line = json.loads(newest[len(PROGRESS_PREFIX) :])
                self.progress.emit(int(line["done"]), int(line["total"]), line["asset"])
            except (ValueError, KeyError):
                pass

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
