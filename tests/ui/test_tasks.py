"""`ui.tasks.Op`: work on a pool thread or a killable worker process, answers on the GUI
thread, the newest request winning, and every failure reaching the rep."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time

import shiboken6
from PySide6.QtWidgets import QMainWindow, QWidget

from tests.ui.work_functions import broken, slowly, where_it_ran
from ui import tasks
from ui.tasks import Op


def workers(name: str) -> list:
    return [p for p in multiprocessing.active_children() if p.name == f"contentfinder-{name}"]


def test_the_work_runs_off_the_gui_thread_and_the_answer_comes_back_on_it(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    answers = []
    Op(where_it_ran, "x").success(
        lambda got: answers.append((got, threading.current_thread() is threading.main_thread()))
    ).run(owner)
    qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
    (value, pid, thread), on_gui_thread = answers[0]
    assert (value, pid) == ("x", os.getpid()) and thread != threading.main_thread().name
    assert on_gui_thread


def test_the_newest_request_wins(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    answers = []
    Op(slowly, "old", 0.4).success(answers.append).run(owner)
    Op(slowly, "new", 0.0).success(answers.append).run(owner)
    Op(slowly, "other purpose", 0.1).purpose("other").success(answers.append).run(owner)
    assert tasks.wait(owner, 10)
    time.sleep(0.5)  # the old one is done by now: its answer must not come
    qtbot.wait(50)
    assert sorted(answers) == ["new", "other purpose"]


def test_a_failure_is_a_message_in_the_callback_or_in_the_window_status_bar(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    panel = QWidget(window)
    said = []
    Op(broken, "deck.pptx").failure(said.append).run(panel)
    Op(broken, "guide.pdf").purpose("no callback").run(panel)
    assert tasks.wait(panel, 10)
    assert said == ["deck.pptx: cannot be read (damaged)"]
    assert window.statusBar().currentMessage() == "guide.pdf: cannot be read (damaged)"


def test_in_process_work_runs_in_another_process(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    answers = []
    Op(where_it_ran, "y").in_process(timeout=60).success(answers.append).run(owner)
    qtbot.waitUntil(lambda: bool(answers), timeout=60_000)
    value, pid, _ = answers[0]
    assert value == "y" and pid != os.getpid()


def test_in_process_work_past_its_limit_is_killed_and_said(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    said = []
    Op(slowly, "never", 60).purpose("too-slow").in_process(
        timeout=2, too_long="It took too long; do it yourself."
    ).failure(said.append).run(owner)
    qtbot.waitUntil(lambda: bool(said), timeout=30_000)
    assert said == ["It took too long; do it yourself."]
    assert workers("too-slow") == []


def test_cancel_kills_the_worker_process_and_drops_its_answer(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    answers = []
    Op(slowly, "never", 60).purpose("cancelled").in_process(timeout=120).success(
        answers.append
    ).failure(answers.append).run(owner)
    qtbot.waitUntil(lambda: bool(workers("cancelled")), timeout=30_000)
    started = time.monotonic()
    tasks.cancel(owner)
    qtbot.waitUntil(lambda: not workers("cancelled"), timeout=5_000)
    assert time.monotonic() - started < 5
    qtbot.wait(200)
    assert answers == [] and not tasks.busy(owner)


def test_work_that_cannot_go_to_a_worker_process_is_a_failure_message(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    said = []
    unpicklable = threading.Lock()
    Op(where_it_ran, unpicklable).in_process(timeout=30).failure(said.append).run(owner)
    qtbot.waitUntil(lambda: bool(said), timeout=30_000)
    assert "lock" in said[0] and "Traceback" not in said[0]
    assert not tasks.busy(owner)


def test_an_answer_for_an_owner_that_is_gone_is_dropped(qtbot):
    owner = QWidget()
    answers = []
    Op(slowly, "late", 0.3).success(answers.append).run(owner)
    shiboken6.delete(owner)
    assert not shiboken6.isValid(owner)
    time.sleep(0.5)
    qtbot.wait(100)
    assert answers == []
