"""Work off the GUI thread: the one helper every window, dialog and panel runs background
work with.

    Op(check_lint, settings).success(self.show).failure(self.summary.setText).run(self)

The function runs on a thread pool (or, with `.in_process(timeout=…)`, in a killable worker
process with a time limit) and never touches a widget; its result or failure comes back on
the GUI thread by signal. Per owner and purpose the newest request wins: a result that a
newer `run` has overtaken is dropped, and so is one for an owner cancelled or gone. A failure
always reaches the rep: the `failure` callback (a dialog's own message label), else the status
bar of the owner's window.

Index runs are `ui.controllers.index_process`, searching `ui.controllers.search_process`.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMainWindow

from ui.worker_process import describe, run_in_child

POOL_THREADS = 4
# At quit, how long the running jobs (searches, counts: milliseconds) may take to finish
# before the application tears down the objects they would answer on.
QUIT_WAIT_MS = 1000
STATUS_SECONDS = 15

Callback = Callable[[Any], None]


class Ticket:
    """One run of an `Op`; `cancel` drops its result and kills its worker process."""

    def __init__(self) -> None:
        self.cancelled = False
        self._process: BaseProcess | None = None
        self._lock = threading.Lock()

    def cancel(self) -> None:
        with self._lock:
            self.cancelled = True
            process = self._process
        if process is not None and process.is_alive():
            process.kill()

    def _started(self, process: BaseProcess) -> bool:
        """Records the worker process; False (and no process) once cancelled."""
        with self._lock:
            if self.cancelled:
                return False
            process.start()
            self._process = process
            return True


@dataclass
class _Owned:
    """What one owner has asked for: the newest request number per purpose, and the runs
    whose answer has not come back yet."""

    newest: dict[str, int] = field(default_factory=dict)
    running: set[Ticket] = field(default_factory=set)


_owners: dict[int, _Owned] = {}
_relays: set[_Relay] = set()
_pool: QThreadPool | None = None


class Op:
    """A function to run in the background, and what to do with its result."""

    def __init__(self, fn: Callable[..., object], *args: object, **kwargs: object) -> None:
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._on_success: Callback | None = None
        self._on_failure: Callable[[str], None] | None = None
        self._purpose = getattr(fn, "__qualname__", repr(fn))
        self._timeout: float | None = None
        self._too_long = ""

    def success(self, callback: Callback) -> Op:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[str], None]) -> Op:
        """`callback(message)`: one line for the rep, never a traceback."""
        self._on_failure = callback
        return self

    def purpose(self, name: str) -> Op:
        """Requests of one purpose overtake each other (the default: one per function)."""
        self._purpose = name
        return self

    def in_process(self, *, timeout: float, too_long: str = "") -> Op:
        """Run in a spawned worker process, killed after `timeout` seconds (the failure is then
        `too_long`) or when the run is cancelled. For heavy Python: on a thread it would hold
        the interpreter lock the window needs, and a thread cannot be stopped. The function
        and its arguments must pickle: a module-level function of a module without Qt."""
        self._timeout, self._too_long = timeout, too_long
        return self

    def run(self, owner: QObject) -> Ticket:
        owned = _owned(owner)
        purpose = self._purpose
        number = owned.newest.get(purpose, 0) + 1
        owned.newest[purpose] = number
        ticket = Ticket()
        owned.running.add(ticket)

        def current() -> bool:
            return not ticket.cancelled and owned.newest.get(purpose) == number

        def deliver(ok: bool, value: object) -> None:
            owned.running.discard(ticket)
            if not current() or not shiboken6.isValid(owner):
                return  # overtaken, cancelled, or its owner is gone
            if ok:
                if self._on_success is not None:
                    self._on_success(value)
            else:
                (self._on_failure or _status_bar_reporter(owner))(str(value))

        def work() -> tuple[bool, object]:
            if not current():
                return False, "overtaken"  # a newer request came before this one started
            try:
                if self._timeout is not None:
                    return self._in_process(ticket)
                return True, self._fn(*self._args, **self._kwargs)
            except Exception as exc:  # noqa: BLE001 - any failure is a message for the rep
                return False, describe(exc)

        _thread_pool().start(_Job(work, _Relay(deliver)))
        return ticket

    def _in_process(self, ticket: Ticket) -> tuple[bool, object]:
        context = multiprocessing.get_context("spawn")
        receiving, sending = context.Pipe(duplex=False)
        process = context.Process(
            target=run_in_child,
            args=(sending, self._fn, self._args, self._kwargs),
            name=f"contentfinder-{self._purpose}",
            daemon=True,
        )
        try:
            if not ticket._started(process):
                return False, "cancelled"
            sending.close()
            if not receiving.poll(self._timeout):
                process.kill()
                return False, self._too_long or f"stopped after {self._timeout:g} seconds"
            status, value = receiving.recv()
            return status == "ok", value
        except (EOFError, OSError):
            return False, f"the worker process ended without an answer ({process.exitcode})"
        finally:
            receiving.close()
            if process.pid is not None:
                process.join(5)


def cancel(owner: QObject) -> None:
    """Drops every answer `owner` is waiting for and kills its worker processes (a dialog
    closing)."""
    owned = _owners.get(id(owner))
    if owned is not None:
        for ticket in list(owned.running):
            ticket.cancel()
        owned.running.clear()


def busy(owner: QObject) -> bool:
    owned = _owners.get(id(owner))
    return bool(owned and owned.running)


def wait(owner: QObject, seconds: float = 60) -> bool:
    """Runs the event loop until `owner`'s answers are all in (tests, screenshots)."""
    deadline = time.monotonic() + seconds
    while busy(owner):
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents()
        time.sleep(0.005)
    QCoreApplication.processEvents()
    return True


def _owned(owner: QObject) -> _Owned:
    key = id(owner)
    owned = _owners.get(key)
    if owned is None:
        owned = _owners[key] = _Owned()
        owner.destroyed.connect(lambda *_: _forget(key))
    return owned


def _forget(key: int) -> None:
    owned = _owners.pop(key, None)
    if owned is not None:
        for ticket in owned.running:
            ticket.cancel()


def _thread_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(POOL_THREADS)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(_finish_at_quit)
    return _pool


def _finish_at_quit() -> None:
    """Nobody takes an answer once the application quits: jobs not started are dropped, and
    the running ones get a moment to end while the objects they answer on still exist (a
    job that emits on a relay the teardown deleted fails, and a thread still running Python
    then can crash the interpreter's exit)."""
    if _pool is not None:
        _pool.clear()
        _pool.waitForDone(QUIT_WAIT_MS)


def _status_bar_reporter(owner: QObject) -> Callable[[str], None]:
    """Where a failure with no callback of its own goes: the status bar of the nearest main
    window up the owner's parents; the terminal only when there is no window at all."""
    found: QObject | None = owner
    while found is not None and not isinstance(found, QMainWindow):
        found = found.parent()
    if isinstance(found, QMainWindow):
        bar = found.statusBar()
        return lambda message: bar.showMessage(message, STATUS_SECONDS * 1000)
    return lambda message: print(f"contentfinder: {message}", file=sys.stderr)


class _Relay(QObject):
    """Carries one answer from a pool thread to the GUI thread: it lives in the GUI thread,
    so the signal a worker emits on it is queued there."""

    arrived = Signal(bool, object)

    def __init__(self, deliver: Callable[[bool, object], None]) -> None:
        super().__init__()
        self._deliver = deliver
        self.arrived.connect(self._arrive)
        _relays.add(self)  # kept until the answer is in

    @Slot(bool, object)
    def _arrive(self, ok: bool, value: object) -> None:
        _relays.discard(self)
        self._deliver(ok, value)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], tuple[bool, object]], relay: _Relay) -> None:
        super().__init__()
        self._work, self._relay = work, relay

    def run(self) -> None:
        ok, value = self._work()
        if not shiboken6.isValid(self._relay):
            return  # the application quit while this ran: no one is left to answer
        try:
            self._relay.arrived.emit(ok, value)
        except RuntimeError:
            return  # deleted between the check and the emit, by the same quit
