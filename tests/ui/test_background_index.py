"""The index is brought up to date in the background while search works, and what changes in
the library shows up without losing the rep's place."""

from __future__ import annotations

import shutil
from pathlib import Path

from contentfinder.config import Settings
from tests.factories import write_text


def test_background_index_updates_the_view_and_keeps_the_selection(
    qtbot, make_main_window, sample_home: Path, library_copy: Path, tmp_path: Path
):
    home = tmp_path / "home"
    shutil.copytree(sample_home, home)
    window = make_main_window(Settings(library=library_copy, home=home))
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.keyClicks(window.search_box, "whitepaper")
    qtbot.waitUntil(lambda: window.searching.shown.request.text == "whitepaper", timeout=10_000)
    selected = window.current_hit().id
    # The run below is started by hand; the watcher's own run after the change (2 s later,
    # while a slow machine is still on this one) would show the progress bar again.
    window.library_index.watch_timer.setInterval(600_000)
    write_text(
        library_copy / "Security" / "Zero trust whitepaper.txt",
        "A whitepaper on zero trust networking for security reviews.",
    )
    with qtbot.waitSignal(window.index_finished, timeout=60_000) as finished:
        window.start_index()
        assert window.status.progress.isVisible()
    assert finished.args[0]["added"] == 1
    qtbot.waitUntil(
        lambda: (
            "Security/Zero trust whitepaper.txt"
            in [window.results.model.hit(r).id for r in range(window.results.model.rowCount())]
        ),
        timeout=10_000,
    )
    assert window.current_hit().id == selected  # the rep's place is kept
    assert not window.status.progress.isVisible()
    qtbot.waitUntil(lambda: "35 assets" in window.status.label.text(), timeout=10_000)


def test_the_library_folder_is_watched(
    qtbot, make_main_window, sample_home: Path, library_copy: Path, tmp_path: Path
):
    home = tmp_path / "home"
    shutil.copytree(sample_home, home)
    window = make_main_window(Settings(library=library_copy, home=home))
    window.library_index.watch_timer.setInterval(50)
    # The folders are watched once listed, after the window's first answer.
    qtbot.waitUntil(lambda: bool(window.library_index.watcher.directories()), timeout=30_000)
    with qtbot.waitSignal(window.index_finished, timeout=60_000) as finished:
        (library_copy / "Guides" / "Objection Handling Guide.md").unlink()
    assert finished.args[0]["removed"] == 1


def test_an_index_that_cannot_run_is_said_in_the_status_bar(
    qtbot, make_main_window, sample_home: Path, library_copy: Path, tmp_path: Path
):
    home = tmp_path / "home"
    shutil.copytree(sample_home, home)
    window = make_main_window(Settings(library=library_copy, home=home))
    shutil.rmtree(library_copy)  # the network share went away
    with qtbot.waitSignal(window.library_index.indexer.failed, timeout=60_000) as failed:
        window.start_index()
    assert "library folder does not exist" in failed.args[0]
    assert "Could not bring the index up to date" in window.statusBar().currentMessage()
    assert window.results.model.rowCount() > 0  # search goes on with the index there is


def test_a_library_never_indexed_is_searchable_once_the_first_run_ends(
    qtbot, make_main_window, library_copy: Path, tmp_path: Path
):
    from ui.app import build_window

    window = build_window(
        Settings(library=library_copy, home=tmp_path / "new-home"), autocomplete_popup=False
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "for the first time" in window.results.notice.text(), timeout=10_000)
    assert window.status.progress.isVisible()
    with qtbot.waitSignal(window.results_shown, timeout=90_000):
        pass
    qtbot.waitUntil(lambda: window.results.model.rowCount() == 33, timeout=30_000)
    window.close()
    window.usage.close()
