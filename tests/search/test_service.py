"""The search service a child process runs for the app, over a real pipe and a real index."""

from __future__ import annotations

import threading
from multiprocessing import Pipe

from contentfinder.search.service import Searched, _newest_only, serve
from contentfinder.search.session import SearchRequest
from indexer.pipeline import update_index
from tests.factories import write_text


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
