"""Stopping the app's index run on every platform, with a real child process: asked to stop
(SIGTERM) where that reaches it, killed at once on Windows (forced), where QProcess's request
is a WM_CLOSE a console child never receives."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from contentfinder.config import Settings
from ui.controllers.index_process import IndexProcess

SLEEPER = ["-c", "import time; time.sleep(60)"]


@pytest.fixture
def running(qtbot, tmp_path: Path) -> tuple[IndexProcess, list[str]]:  # noqa: ANN001
    """An IndexProcess whose child is a real process that runs until stopped; the requests
    made of it, recorded on the way to the real QProcess calls."""
    indexer = IndexProcess(Settings(library=tmp_path, home=tmp_path / "home"))
    process = indexer.process
    process.start(sys.executable, SLEEPER)
    assert process.waitForStarted(10_000)
    asked: list[str] = []
    terminate, kill = process.terminate, process.kill
    process.terminate = lambda: (asked.append("terminate"), terminate())[1]
    process.kill = lambda: (asked.append("kill"), kill())[1]
    yield indexer, asked
    kill()
    process.waitForFinished(5000)


def test_on_posix_the_run_is_asked_to_stop(running) -> None:  # noqa: ANN001
    indexer, asked = running
    indexer.stop()
    assert asked == ["terminate"] and not indexer.is_running()


def test_on_windows_the_run_is_killed_without_waiting(
    running,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    indexer, asked = running
    monkeypatch.setattr(sys, "platform", "win32")
    started = time.monotonic()
    indexer.stop()
    assert asked == ["kill"] and not indexer.is_running()
    assert time.monotonic() - started < 1.5  # not the two seconds a request would be given
