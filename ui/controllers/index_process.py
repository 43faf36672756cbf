"""The app's index runs: `python -m indexer` in a child process, its typed lines as signals.

Widgets are only ever touched on the GUI thread, through signals.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QProcess, Signal

from contentfinder.config import Settings
from contentfinder.index.progress_lines import (
    ErrorLine,
    ProgressLine,
    SummaryLine,
    WarningLine,
    parse_line,
)
from contentfinder.portability.processes import can_ask_to_stop

STDERR_KEPT = 4000  # characters of the child's stderr kept, for a run that dies without a line
WARNINGS_SHOWN = 3


def warnings_message(warnings: list[str]) -> str:
    """A run's warnings as one status-bar message."""
    more = len(warnings) - WARNINGS_SHOWN
    shown = "; ".join(warnings[:WARNINGS_SHOWN])
    return f"The index is up to date, but: {shown}" + (f" (and {more} more)" if more > 0 else "")


class IndexProcess(QObject):
    """Runs `python -m indexer` as a child process and reports what it says.

    A process, not a thread: an index run is Python code that writes for seconds on end, and in
    the app's own process it would hold the interpreter lock the window needs to stay smooth.
    Killing it is safe at any point (the index keeps its last commit), so closing the window
    never waits for it."""

    progress = Signal(int, int, str)  # done, total, the asset just done
    finished = Signal(object)  # the summary, as `index --json` prints it
    failed = Signal(str)
    warnings = Signal(list)  # a successful run's warnings (catalog rows, a rebuild, synonyms)

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.process = QProcess(self)
        self.process.readyReadStandardOutput.connect(self._read_lines)
        self.process.readyReadStandardError.connect(self._read_stderr)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._error)
        self._reset()

    def _reset(self) -> None:
        self._warnings: list[str] = []
        self._summary: dict | None = None
        self._error_message: str | None = None
        self._stderr = ""

    def is_running(self) -> bool:
        return self.process.state() != QProcess.ProcessState.NotRunning

    def start(self) -> None:
        if self.is_running():
            return
        self._reset()
        arguments = ["-m", "indexer", "--background", "--home", str(self.settings.home)]
        if self.settings.library is not None:
            arguments += ["--library", str(self.settings.library)]
        self.process.start(sys.executable, arguments)

    def stop(self) -> None:
        """Asks the run to stop, where a request reaches it, and kills it if it has not within
        two seconds (a killed run keeps what it committed)."""
        if not self.is_running():
            return
        if can_ask_to_stop():
            self.process.terminate()
            if self.process.waitForFinished(2000):
                return
        self.process.kill()
        self.process.waitForFinished(2000)

    def _read_lines(self, *, to_the_end: bool = False) -> None:
        """Every complete line the child wrote since last time (at its end, the last one too);
        of the progress lines only the newest is shown: hundreds may be waiting, and the bar
        needs one."""
        newest: ProgressLine | None = None
        process = self.process
        while process.canReadLine() or (to_the_end and process.bytesAvailable()):
            raw = bytes(process.readLine().data()).decode("utf-8", "replace")
            line = parse_line(raw)
            if isinstance(line, ProgressLine):
                newest = line
            elif isinstance(line, WarningLine):
                self._warnings.append(line.message)
            elif isinstance(line, SummaryLine):
                self._summary = line.summary
            elif isinstance(line, ErrorLine):
                self._error_message = line.message
        if newest is not None:
            self.progress.emit(newest.done, newest.total, newest.asset)

    def _read_stderr(self) -> None:
        text = bytes(self.process.readAllStandardError().data()).decode("utf-8", "replace")
        self._stderr = (self._stderr + text)[-STDERR_KEPT:]

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._read_lines(to_the_end=True)
        self._read_stderr()
        normal = status == QProcess.ExitStatus.NormalExit
        if normal and code == 0 and self._summary is not None:
            self.finished.emit(self._summary)
            if self._warnings:
                self.warnings.emit(list(self._warnings))
            return
        self.failed.emit(self._error_message or self._cause(code, normal))

    def _cause(self, code: int, normal: bool) -> str:
        """Why a child that said nothing stopped: its last words on stderr, or how it ended."""
        last = next((s for s in reversed(self._stderr.splitlines()) if s.strip()), "")
        if last:
            return last.strip()
        return f"the indexer stopped (exit status {code})" if normal else "the indexer crashed"

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self.failed.emit("could not start the indexer")
