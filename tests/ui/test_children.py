"""The app's two child processes, real ones over real pipes: the index child's typed lines and
the warnings of a run that worked; the search child killed and started again."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from contentfinder.config import Settings
from contentfinder.index.progress_lines import (
    ErrorLine,
    ProgressLine,
    SummaryLine,
    WarningLine,
    parse_line,
    to_line,
)
from contentfinder.search.service import Searched
from contentfinder.search.session import SearchRequest
from tests.factories import TEST_TAXONOMY, write_text
from ui.controllers.index_process import IndexProcess, warnings_message
from ui.controllers.search_process import SearchClient

# --- the index child's lines ---------------------------------------------------------------


def test_each_kind_of_line_reads_back_as_written() -> None:
    for line in (
        ProgressLine(3, 10, "Decks/Q3 deck.pptx"),
        WarningLine("catalog.csv row 2: unknown persona 'Wizard'"),
        SummaryLine({"added": 1, "failed": [{"id": "a.pdf", "reason": "damaged"}]}),
        ErrorLine("/nowhere: library folder does not exist"),
    ):
        text = to_line(line)
        assert text.endswith("\n") and "\n" not in text[:-1]
        assert parse_line(text) == line


@pytest.mark.parametrize(
    "text",
    [
        "",
        "progress {}",
        "Warning: some library printed this",
        "[1, 2]",
        '{"type": "party"}',
        '{"type": "progress", "done": 1}',
        '{"type": "progress", "done": "1", "total": 2, "asset": "a"}',
        '{"type": "warning", "message": "m", "extra": 1}',
        '{"type": "summary", "summary": [1]}',
    ],
)
def test_a_line_not_of_the_protocol_is_skipped(text: str) -> None:
    assert parse_line(text) is None


def _library_with_a_bad_catalog_row(make_library: Callable[..., Path]) -> Path:
    return make_library(
        {
            "roi.txt": lambda p: write_text(p, "ROI for manufacturers."),
            "tco.txt": lambda p: write_text(p, "TCO for retailers."),
        },
        catalog="path,persona\nroi.txt,CFO\ntco.txt,Wizard\n",
    )


def _run_index_child(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "indexer", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_the_index_child_tells_its_run_in_typed_lines(make_library, tmp_path: Path) -> None:
    library = _library_with_a_bad_catalog_row(make_library)
    (library / "synonyms.toml").write_text("groups = [\n", "utf-8")
    done = _run_index_child("--library", str(library), "--home", str(tmp_path / "home"))
    assert done.returncode == 0, done.stderr
    lines = [parse_line(text) for text in done.stdout.splitlines()]
    assert None not in lines  # nothing but the protocol on stdout
    progress = [line for line in lines if isinstance(line, ProgressLine)]
    assert [(p.done, p.total) for p in progress] == [(1, 2), (2, 2)]
    assert sorted(p.asset for p in progress) == ["roi.txt", "tco.txt"]
    warnings = [line.message for line in lines if isinstance(line, WarningLine)]
    assert f"{library}/catalog.csv row 3: unknown persona 'Wizard'" in warnings
    assert any("synonyms.toml" in w and "not valid TOML" in w for w in warnings)
    assert isinstance(lines[-1], SummaryLine)
    assert lines[-1].summary["added"] == 2 and lines[-1].summary["failed"] == []


def test_an_index_run_that_cannot_be_done_is_one_error_line(tmp_path: Path) -> None:
    gone = tmp_path / "share-gone"
    done = _run_index_child("--library", str(gone), "--home", str(tmp_path / "home"))
    assert done.returncode == 1
    assert [parse_line(t) for t in done.stdout.splitlines()] == [
        ErrorLine(f"{gone}: library folder does not exist")
    ]
    assert "Traceback" not in done.stderr


def test_the_index_process_delivers_progress_summary_and_warnings(
    qtbot, make_library, tmp_path: Path
) -> None:
    library = _library_with_a_bad_catalog_row(make_library)
    indexer = IndexProcess(Settings(library=library, home=tmp_path / "home"))
    progress: list[tuple[int, int, str]] = []
    said: list[tuple[str, object]] = []
    indexer.progress.connect(lambda *step: progress.append(step))
    indexer.finished.connect(lambda summary: said.append(("finished", summary)))
    indexer.warnings.connect(lambda warnings: said.append(("warnings", warnings)))
    with qtbot.waitSignal(indexer.warnings, timeout=60_000):
        indexer.start()
    (first, summary), (second, warnings) = said
    assert (first, second) == ("finished", "warnings")  # the status bar ends on the warnings
    assert summary["added"] == 2
    assert warnings == [f"{library}/catalog.csv row 3: unknown persona 'Wizard'"]
    assert progress and progress[-1][:2] == (2, 2)
    assert "unknown persona 'Wizard'" in warnings_message(warnings)


def test_a_run_without_warnings_sends_none(qtbot, make_library, tmp_path: Path) -> None:
    library = make_library({"roi.txt": lambda p: write_text(p, "ROI.")})
    indexer = IndexProcess(Settings(library=library, home=tmp_path / "home"))
    said: list[list[str]] = []
    indexer.warnings.connect(said.append)
    with qtbot.waitSignal(indexer.finished, timeout=60_000):
        indexer.start()
    qtbot.wait(100)
    assert said == []


def test_the_window_shows_the_warnings_of_an_index_run(
    qtbot, make_main_window, sample_home: Path, library_copy: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    shutil.copytree(sample_home, home)
    with (library_copy / "catalog.csv").open("a", encoding="utf-8") as catalog:
        catalog.write("Guides/Objection Handling Guide.md,,Wizard,,,,,,,\n")
    window = make_main_window(Settings(library=library_copy, home=home))
    with qtbot.waitSignal(window.library_index.indexer.warnings, timeout=60_000):
        window.start_index()
    message = window.statusBar().currentMessage()
    assert "unknown persona 'Wizard'" in message and "catalog.csv row" in message


def test_warnings_beyond_three_are_counted() -> None:
    message = warnings_message([f"problem {n}" for n in range(5)])
    assert "problem 2" in message and "problem 3" not in message and "(and 2 more)" in message


# --- the search child ----------------------------------------------------------------------


@pytest.fixture
def make_client(qtbot) -> Iterator[Callable[..., SearchClient]]:  # noqa: ANN001
    clients: list[SearchClient] = []

    def make(settings: Settings, **options: int) -> SearchClient:
        clients.append(SearchClient(settings, **options))
        return clients[-1]

    yield make
    for client in clients:
        client.close()


def _search(qtbot, client: SearchClient, number: int, text: str) -> Searched:  # noqa: ANN001
    with qtbot.waitSignal(
        client.searched, timeout=30_000, check_params_cb=lambda s: s.number == number
    ) as answered:
        client.search(number, SearchRequest(text=text))
    return answered.args[0]


def _kill(client: SearchClient) -> None:
    pid = client.pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_a_killed_search_child_is_started_again_and_answers(
    qtbot, make_client, sample_settings: Settings
) -> None:
    client = make_client(sample_settings)
    first = _search(qtbot, client, 1, "whitepaper")
    first_pid = client.pid
    with qtbot.waitSignal(client.restarted, timeout=30_000) as restarted:
        _kill(client)
    assert restarted.args[0] == (
        "Search restarted after a problem: the search process was stopped by signal 9"
    )
    assert client.pid not in (None, first_pid)
    again = _search(qtbot, client, 2, "whitepaper")
    assert [h.id for h in again.results.hits] == [h.id for h in first.results.hits]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_the_request_a_dead_child_left_unanswered_is_sent_to_the_new_one(
    qtbot, make_client, sample_settings: Settings
) -> None:
    client = make_client(sample_settings)
    _search(qtbot, client, 1, "whitepaper")
    pid = client.pid
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)  # it takes the request into its pipe but cannot answer
    client.search(2, SearchRequest(text="pricing"))
    restarted: list[str] = []
    client.restarted.connect(restarted.append)
    with qtbot.waitSignal(client.searched, timeout=30_000) as searched:
        os.kill(pid, signal.SIGKILL)
    assert searched.args[0].number == 2 and searched.args[0].results.total > 0
    assert len(restarted) == 1 and client.pid != pid


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_restarts_are_bounded_and_the_last_one_says_so(
    qtbot, make_client, sample_settings: Settings
) -> None:
    client = make_client(sample_settings, restarts_per_minute=1)
    _search(qtbot, client, 1, "whitepaper")
    with qtbot.waitSignal(client.restarted, timeout=30_000) as first:
        _kill(client)
    assert first.args[0].startswith("Search restarted after a problem")
    _search(qtbot, client, 2, "whitepaper")
    with qtbot.waitSignal(client.restarted, timeout=30_000) as last:
        _kill(client)
    assert last.args[0].startswith("Search stopped after repeated problems")
    assert "next search in a minute" in last.args[0]
    assert client.pid is None  # no third child within the minute
    client.search(3, SearchRequest(text="whitepaper"))  # kept for later, never an error
    assert client.pid is None


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_the_window_says_search_restarted_and_searches_on(
    qtbot, make_main_window, sample_settings: Settings
) -> None:
    window = make_main_window(sample_settings)
    with qtbot.waitSignal(window.search_worker.restarted, timeout=30_000):
        _kill(window.search_worker)
    assert window.statusBar().currentMessage().startswith("Search restarted after a problem")
    with qtbot.waitSignal(window.results_shown, timeout=30_000):
        qtbot.keyClicks(window.search_box, "pricing")
    qtbot.waitUntil(lambda: window.results.model.rowCount() > 0, timeout=10_000)


def test_the_search_child_reads_a_changed_taxonomy(
    qtbot, make_client, make_library, tmp_path: Path
) -> None:
    from indexer.pipeline import update_index

    library = make_library(
        {"roi.txt": lambda p: write_text(p, "ROI for manufacturers.")},
        catalog="path,persona\nroi.txt,CFO\n",
    )
    settings = Settings(library=library, home=tmp_path / "home")
    update_index(settings, workers=1)
    client = make_client(settings)
    money = SearchRequest(filters={"persona": ("money boss",)})
    with qtbot.waitSignal(client.failed, timeout=30_000) as failed:
        client.search(1, money)
    assert "unknown persona 'money boss'" in failed.args[1]
    (library / "taxonomy.toml").write_text(
        TEST_TAXONOMY.replace('"finance leader"]', '"finance leader", "money boss"]'), "utf-8"
    )
    with qtbot.waitSignal(client.searched, timeout=30_000) as searched:
        client.search(2, money)
    assert [h.id for h in searched.args[0].results.hits] == ["roi.txt"]
