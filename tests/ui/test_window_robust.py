"""The window under trouble: a usage log that cannot be written, a sync that hangs, proposals
and reports that take too long, and what the children have to say."""

from __future__ import annotations

import ast
import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from contentfinder.config import Settings
from contentfinder.library.taxonomy import REQUIRED_FACETS
from tests.conftest import REPO, SAMPLE_LIBRARY
from tests.factories import write_docx

WHITEPAPER = "Security/Security and Compliance Whitepaper.pdf"


def workers(name: str) -> list:
    return [p for p in multiprocessing.active_children() if p.name == f"contentfinder-{name}"]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def full_disk_home(sample_home: Path, tmp_path: Path):
    """The sample home on a small file system of its own, to be filled up by the test."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    size = folder_size(sample_home) + 8 * 1024 * 1024
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {done.stderr.strip()}")
    try:
        home = mount / "home"
        shutil.copytree(sample_home, home)
        yield home
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill_up(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 65536)
    except OSError:
        pass
    try:
        while True:
            os.write(fd, b"\0" * 512)
    except OSError:
        pass
    finally:
        os.close(fd)


def test_a_usage_log_that_cannot_be_written_never_stops_open_copy_or_show_in_folder(
    qtbot, make_main_window, full_disk_home: Path, opened_urls
):
    settings = Settings(library=SAMPLE_LIBRARY, home=full_disk_home)
    window = make_main_window(settings)
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.keyClicks(window.search_box, "whitepaper")
    qtbot.waitUntil(lambda: window.searching.shown.request.text == "whitepaper", timeout=10_000)
    fill_up(full_disk_home)
    status = window.statusBar()

    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert opened_urls.paths == [SAMPLE_LIBRARY / WHITEPAPER]
    assert "Could not record the" in status.currentMessage()
    assert "usage.sqlite" in status.currentMessage()

    status.clearMessage()
    window.results.view.setFocus()
    qtbot.keyClick(window.results.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    urls = QGuiApplication.clipboard().mimeData().urls()
    assert [u.toLocalFile() for u in urls] == [str(SAMPLE_LIBRARY / WHITEPAPER)]

    window.findChild(QPushButton, "previewShowInFolder").click()
    assert opened_urls.paths[-1] == (SAMPLE_LIBRARY / WHITEPAPER).parent
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # a favorite
    assert "Could not record the favorite" in status.currentMessage()
    window.close()
    window.usage.close()


def test_closing_the_window_does_not_wait_for_a_sync(
    qtbot, make_main_window, sample_settings: Settings
):
    window = make_main_window(sample_settings)
    # Another program holds the usage log's write lock: the sync waits for it (30 s).
    holder = sqlite3.connect(sample_settings.usage_db, isolation_level=None, timeout=1)
    holder.execute("BEGIN IMMEDIATE")
    try:
        window.sync_now()
        time.sleep(0.3)  # the sync is waiting on the lock now
        started = time.monotonic()
        window.close()
        closing = time.monotonic() - started
        print(f"closing took {closing:.3f} s")
        assert closing < 1.5
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_proposals_that_take_too_long_are_stopped_and_said(
    qtbot, make_main_window, sample_settings: Settings, tmp_path: Path
):
    from ui.dialogs.publish import PublishDialog

    window = make_main_window(sample_settings)
    # 10 ms: no worker process can even start Python in that time, however fast the machine.
    dialog = PublishDialog(sample_settings, window.taxonomy, window, proposal_seconds=0.01)
    qtbot.addWidget(dialog)
    source = tmp_path / "Harbor follow-up.docx"
    write_docx(source, ["For the CFO: ROI and payback."])
    dialog.add_files([source])
    qtbot.waitUntil(lambda: "too long" in dialog.report.text(), timeout=30_000)
    assert dialog.report.text() == (
        "⚠ Proposals took too long for Harbor follow-up.docx; fill the tags in yourself."
    )
    assert workers("propose_tags") == []
    assert dialog.fields[REQUIRED_FACETS[0]].currentText() == ""


def test_a_file_that_cannot_be_read_for_proposals_is_said(
    qtbot, make_main_window, sample_settings: Settings, tmp_path: Path
):
    window = make_main_window(sample_settings)
    dialog = window.dialogs.publish()
    qtbot.addWidget(dialog)
    source = tmp_path / "Broken deck.docx"
    source.write_bytes(b"PK\x03\x04 this is not a real office file")
    dialog.add_files([source])
    qtbot.waitUntil(lambda: "No proposals" in dialog.report.text(), timeout=60_000)
    assert dialog.report.text().startswith("⚠ No proposals for Broken deck.docx (")
    assert dialog.report.text().endswith("; fill the tags in yourself.")


def test_closing_insights_stops_the_report_being_computed(
    qtbot, make_main_window, sample_settings: Settings
):
    window = make_main_window(sample_settings)
    dialog = window.dialogs.insights()
    qtbot.waitUntil(lambda: bool(workers("compute_report")), timeout=30_000)
    dialog.close()
    qtbot.waitUntil(lambda: not workers("compute_report"), timeout=5_000)
    qtbot.wait(300)
    assert dialog.report is None


def test_messages_of_background_work_reach_the_status_bar(qtbot, make_main_window, sample_settings):
    window = make_main_window(sample_settings)
    window.show_background_message("Search restarted after a problem: it was killed")
    assert window.statusBar().currentMessage().startswith("Search restarted")
    window.status.show_background_messages(["catalog.csv row 3: unknown persona", "other"])
    assert window.statusBar().currentMessage() == (
        "The index is up to date, but: catalog.csv row 3: unknown persona; other"
    )


def test_no_facet_name_is_written_into_the_app():
    """Facets come from the taxonomy: the app names none of them itself."""
    found = []
    for path in sorted((REPO / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                for facet in REQUIRED_FACETS:
                    if text == facet or f"{facet}:" in text:
                        found.append(f"{path.relative_to(REPO)}:{node.lineno}: {text!r}")
    assert found == []
