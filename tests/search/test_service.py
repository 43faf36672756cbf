"""The search service a child process runs for the app, over a real pipe and a real index:
it answers every request, failed or not, and follows the library's configuration files."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from multiprocessing import Pipe

import pytest

from contentfinder.config import Settings
from contentfinder.index.schema import open_for_writing
from contentfinder.search.collector import YOUNG_THRESHOLD
from contentfinder.search.service import Searched, _newest_only, _Sessions, serve
from contentfinder.search.session import SearchRequest
from indexer.pipeline import update_index
from tests.factories import TEST_TAXONOMY, write_text


@pytest.fixture(autouse=True)
def collector_as_it_was() -> Iterator[None]:
    """The service sets the collector for its own process; here it runs in the test's."""
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_only_the_newest_search_and_suggestion_waiting_are_done() -> None:
    waiting = [
        ("search", 1, "r"),
        ("similar", 0, "a.txt"),
        ("search", 2, "ro"),
        ("suggest", 1, "r"),
        ("suggest", 2, "ro"),
        ("search", 3, "roi"),
        None,
    ]
    assert _newest_only(waiting) == [
        ("similar", 0, "a.txt"),
        ("suggest", 2, "ro"),
        ("search", 3, "roi"),
        None,
    ]


def test_serve_answers_over_a_pipe_until_told_to_stop(make_library, settings_for) -> None:
    library = make_library({"roi.txt": lambda p: write_text(p, "ROI for manufacturers.")})
    settings = settings_for(library)
    update_index(settings, workers=1)
    ours, theirs = Pipe()
    server = threading.Thread(target=serve, args=(settings, theirs))
    server.start()
    ours.send(("search", 7, SearchRequest(text="roi")))
    kind, (searched, asset_count) = ours.recv()
    assert kind == "searched" and isinstance(searched, Searched)
    assert searched.number == 7 and [h.id for h in searched.results.hits] == ["roi.txt"]
    assert asset_count == 1
    ours.send(("search", 8, SearchRequest(filters={"persona": ("nobody",)})))
    assert ours.recv() == (
        "failed",
        (8, "unknown persona 'nobody'; known values: CFO, CISO, VP Sales"),
    )
    ours.send(("hits", 0, ("favorites", ["roi.txt", "gone.txt"])))
    kind, (purpose, hits) = ours.recv()
    assert (kind, purpose, [h.id for h in hits]) == ("hits", "favorites", ["roi.txt"])
    ours.send(None)
    server.join(10)
    assert not server.is_alive()
    ours.close()
    theirs.close()


class Served:
    """`serve` on a thread over a real pipe, asked one request at a time."""

    def __init__(self, settings: Settings) -> None:
        self.ours, theirs = Pipe()
        self._theirs = theirs
        self.thread = threading.Thread(target=serve, args=(settings, theirs), daemon=True)
        self.thread.start()

    def ask(self, message: tuple) -> tuple:
        self.ours.send(message)
        assert self.ours.poll(20), "the service did not answer"
        return self.ours.recv()

    def search(self, number: int, request: SearchRequest) -> tuple:
        return self.ask(("search", number, request))

    def stop(self) -> None:
        self.ours.send(None)
        self.thread.join(10)
        assert not self.thread.is_alive()
        self.ours.close()
        self._theirs.close()


@pytest.fixture
def served() -> Iterator[Callable[[Settings], Served]]:
    running: list[Served] = []

    def start(settings: Settings) -> Served:
        running.append(Served(settings))
        return running[-1]

    yield start
    for service in running:
        service.stop()


def _found(answer: tuple) -> list[str]:
    kind, payload = answer
    assert kind == "searched", answer
    return [h.id for h in payload[0].results.hits]


def test_a_request_that_fails_is_answered_and_the_next_is_served(
    make_library, settings_for, served, caplog: pytest.LogCaptureFixture
) -> None:
    library = make_library({"roi.txt": lambda p: write_text(p, "ROI for manufacturers.")})
    settings = settings_for(library)
    update_index(settings, workers=1)
    service = served(settings)
    kind, (number, message) = service.search(3, "roi")  # type: ignore[arg-type] - not a request
    assert (kind, number) == ("failed", 3)
    assert "the search hit a problem (AttributeError" in message
    kind, (number, message) = service.ask(("hits", 0, None))
    assert (kind, number) == ("failed", 0) and "TypeError" in message
    assert _found(service.search(4, SearchRequest(text="roi"))) == ["roi.txt"]
    assert "a search request failed" in caplog.text  # the traceback, for whoever debugs it


def test_a_service_started_before_the_first_commit_serves_once_the_index_appears(
    make_library, settings_for, served
) -> None:
    library = make_library({"roi.txt": lambda p: write_text(p, "ROI for manufacturers.")})
    settings = settings_for(library)
    open_for_writing(settings.index_dir)  # what a first run killed before its commit leaves
    service = served(settings)
    kind, (number, message) = service.search(1, SearchRequest(text="roi"))
    assert (kind, number) == ("failed", 1) and "no index yet" in message
    update_index(settings, workers=1)
    assert _found(service.search(2, SearchRequest(text="roi"))) == ["roi.txt"]


def test_a_taxonomy_change_is_picked_up_before_the_next_search(
    make_library, settings_for, served
) -> None:
    library = make_library(
        {"roi.txt": lambda p: write_text(p, "ROI for manufacturers.")},
        catalog="path,persona\nroi.txt,CFO\n",
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    service = served(settings)
    money = SearchRequest(filters={"persona": ("money boss",)})
    kind, (_, message) = service.search(1, money)
    assert kind == "failed" and "unknown persona 'money boss'" in message
    taxonomy = library / "taxonomy.toml"
    taxonomy.write_text(
        TEST_TAXONOMY.replace('"finance leader"]', '"finance leader", "money boss"]'), "utf-8"
    )
    assert _found(service.search(2, money)) == ["roi.txt"]
    taxonomy.write_text("[facets.persona\n", "utf-8")  # being edited: not valid TOML
    assert _found(service.search(3, money)) == ["roi.txt"]  # the last good one serves on


def test_a_synonyms_change_is_picked_up_before_the_next_search(
    make_library, settings_for, served
) -> None:
    library = make_library({"roi.txt": lambda p: write_text(p, "ROI for manufacturers.")})
    settings = settings_for(library)
    update_index(settings, workers=1)
    service = served(settings)
    assert _found(service.search(1, SearchRequest(text="payback"))) == []
    (library / "synonyms.toml").write_text('groups = [["payback", "roi"]]\n', "utf-8")
    assert _found(service.search(2, SearchRequest(text="payback"))) == ["roi.txt"]


def test_the_session_is_opened_before_the_first_request(make_library, settings_for) -> None:
    """The app starts the child as it starts: the index is read while the window is built."""
    library = make_library({"roi.txt": lambda p: write_text(p, "ROI for manufacturers.")})
    settings = settings_for(library)
    update_index(settings, workers=1)
    sessions = _Sessions(settings)
    sessions.open_early()
    try:
        assert sessions._session is not None and sessions._session.asset_count == 1
    finally:
        sessions.close()


def test_a_child_started_before_there_is_an_index_says_why_when_asked(
    make_library, settings_for
) -> None:
    library = make_library({"roi.txt": lambda p: write_text(p, "ROI for manufacturers.")})
    settings = settings_for(library)
    ours, theirs = Pipe()
    server = threading.Thread(target=serve, args=(settings, theirs))
    server.start()  # no index yet: opening it early fails, quietly
    ours.send(("search", 1, SearchRequest(text="roi")))
    kind, (number, message) = ours.recv()
    assert (kind, number) == ("failed", 1) and "no index yet" in message
    update_index(settings, workers=1)
    ours.send(("search", 2, SearchRequest(text="roi")))
    kind, (searched, _count) = ours.recv()
    assert kind == "searched" and [h.id for h in searched.results.hits] == ["roi.txt"]
    ours.send(None)
    server.join(10)
    assert not server.is_alive()


def test_the_collector_sets_aside_what_an_open_session_holds(make_library, settings_for) -> None:
    library = make_library({"roi.txt": lambda p: write_text(p, "ROI for manufacturers.")})
    settings = settings_for(library)
    update_index(settings, workers=1)
    gc.unfreeze()
    sessions = _Sessions(settings)
    try:
        first = sessions.current()
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD and gc.get_freeze_count() > 0
        (library / "synonyms.toml").write_text('groups = [["roi", "payback"]]\n', "utf-8")
        second = sessions.current()  # reopened for the change
        assert second is not first and gc.get_freeze_count() > 0
        assert second.search(SearchRequest(text="payback")).total == 1
    finally:
        sessions.close()
